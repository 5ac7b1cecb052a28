"""belarus_measures: international measures concerning Belarus since the 2020 election.

Importing the package reads no data and imports neither pandas, pandera nor
frictionless: the accessors load them on first use.

>>> import belarus_measures as bm
>>> eu = bm.measures(jurisdiction="EU", start="2020-10-01", end="2020-12-31")
>>> bool((eu["date"].dt.year == 2020).all())
True
"""

from __future__ import annotations

from belarus_measures._version import __version__

# Not typing.TYPE_CHECKING: importing typing alone would double the import time (mypy and
# other checkers treat any constant named TYPE_CHECKING the same way).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from belarus_measures.reports.coverage import coverage, lifecycle_coverage, target_coverage, target_gaps
    from belarus_measures.store.schema import list_resources
    from belarus_measures.checks.validate import ValidationError, validate
    from belarus_measures.accessors import (
        actors,
        citations,
        designation_counts,
        designations,
        events,
        figures,
        designation_history,
        in_force,
        list_entries,
        listed,
        load,
        measure,
        measure_links,
        measures,
        package,
        sources,
        Store,
        target_aliases,
        targets,
        votes,
    )
    from belarus_measures.exports import (
        duckdb,
        export,
        ftm_entities,
        to_duckdb,
        to_ftm,
        to_jsonl,
        to_parquet,
        to_sqlite,
    )
    from belarus_measures.records import Citation, Count, Link, Measure, Vote
    from belarus_measures.change_feed import changes, releases
    from belarus_measures.targets_search import first_listings, search_targets, search_text
    from belarus_measures.timeline import timeline_figure, write_timeline
    from belarus_measures.site import build_site

_LAZY = {
    "coverage": "belarus_measures.reports.coverage",
    "target_coverage": "belarus_measures.reports.coverage",
    "target_gaps": "belarus_measures.reports.coverage",
    "lifecycle_coverage": "belarus_measures.reports.coverage",
    "list_resources": "belarus_measures.store.schema",
    "validate": "belarus_measures.checks.validate",
    "ValidationError": "belarus_measures.checks.validate",
    **dict.fromkeys(
        [
            "actors", "citations", "designation_counts", "designations", "events", "figures",
            "in_force", "list_entries", "measure", "listed", "designation_history", "designation_events", "measure_links", "measures", "package", "sources",
            "target_aliases", "targets", "votes", "load", "Store",
        ],
        "belarus_measures.accessors",
    ),
    **dict.fromkeys(["Citation", "Count", "Link", "Measure", "Vote"], "belarus_measures.records"),
    **dict.fromkeys(["changes", "releases"], "belarus_measures.change_feed"),
    **dict.fromkeys(["first_listings", "search_targets", "search_text"], "belarus_measures.targets_search"),
    **dict.fromkeys(["timeline_figure", "write_timeline"], "belarus_measures.timeline"),
    "build_site": "belarus_measures.site",
    **dict.fromkeys(["duckdb", "export", "ftm_entities", "to_duckdb", "to_ftm", "to_jsonl", "to_parquet", "to_sqlite"],
                    "belarus_measures.exports"),
}

__all__ = ["__version__", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    # PEP 562: the heavy modules are imported the first time one of their names is used.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'belarus_measures' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
