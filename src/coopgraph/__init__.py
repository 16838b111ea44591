"""coopgraph: a knowledge graph of China–Singapore cooperation."""

__version__ = "0.1.0"
