from coopgraph.cli import app

app(prog_name="coopgraph")
