from sisterlib.entry import run

run()
