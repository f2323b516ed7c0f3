from sisterlib.cli import run

run()
