"""kg: a claim-and-source knowledge graph for news — who said what, and through whom."""

__version__ = "0.1.0"
