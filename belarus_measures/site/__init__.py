"""The static web explorer: ``build_site(out)`` writes the data package as a browsable site."""

from belarus_measures.site.build import build_site

__all__ = ["build_site"]
