"""Attribution extraction: who said what, and through whom, as spans over the article body."""

from kg.extract.pipeline import attributions, extract

__all__ = ["attributions", "extract"]
