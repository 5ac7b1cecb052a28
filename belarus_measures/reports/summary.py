"""The text summary of the shipped dataset that ``belarus-measures summary`` prints."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from belarus_measures.store import io as _io
from belarus_measures.store import jurisdictions as _jurisdictions
from belarus_measures.store import resources as _resources
from belarus_measures.store import schema as _schema
from belarus_measures._version import __version__


def _block(title: str, counts: Iterable[tuple[str, int]]) -> list[str]:
    pairs = list(counts)
    width = max((len(k) for k, _ in pairs), default=0)
    return [title, *(f"  {k.ljust(width)}  {v:>5}" for k, v in pairs), ""]


def summary_text() -> str:
    """Counts by table, by jurisdiction, actor, measure type and year, with the release."""
    descriptor = _resources.descriptor()
    frames = {name: _io.cached_table(name) for name in _schema.list_resources()}
    m = frames["measures"]
    jurisdiction = _jurisdictions.of_measures(m, frames["actors"])
    lines = [
        f"belarus_measures {__version__} (data {descriptor['version']}, released {str(descriptor['created'])[:10]})",
        f"{len(m)} measures by {m.actor_id.nunique()} actors, {m.date.min().date()} to {m.date.max().date()}",
        "",
    ]
    lines += _block("Rows per table", ((n, len(f)) for n, f in frames.items()))
    lines += _block("Measures per jurisdiction", sorted(Counter(jurisdiction).items()))
    lines += _block("Measures per actor", sorted(Counter(m.actor_id).items()))
    lines += _block("Measures per type", sorted(Counter(m.measure_type.astype(str)).items()))
    lines += _block("Measures per year", sorted(Counter(m.date.dt.year.astype(str)).items()))
    return "\n".join(lines).rstrip() + "\n"
