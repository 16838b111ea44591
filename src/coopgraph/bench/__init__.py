"""Benchmarks: a seeded synthetic corpus shaped like the real one, and a side-by-side run.

``generate`` writes the corpus (TriG + sample texts); ``run`` measures coopgraph beside
pyoxigraph, rdflib, Oxigraph server and rdflib-endpoint on it.
"""
