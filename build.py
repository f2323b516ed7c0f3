from sisterlib.cli import main

raise SystemExit(main())
