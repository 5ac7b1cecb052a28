"""The coverage report: how much of the record each jurisdiction and year holds, and how well sourced.

Gaps in a dataset like this one are facts too: a year with no measures for a jurisdiction
means either nothing happened or nobody has researched it yet. The report makes both
visible, and the share of official sources says how far a user can trust a cell. The committed
report ``docs/coverage.md`` is written from these tables by the build script
(``scripts/generators/coverage_report.py``), which does not ship.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from belarus_measures.store import schema as _schema
from belarus_measures.store.jurisdictions import jurisdiction_of as jurisdiction_of  # re-exported for the timeline

if TYPE_CHECKING:
    import pandas as pd


def value_group(tables: Mapping[str, _schema.Table] | None, table: str, column: str, name: str) -> tuple[str, ...]:
    """A group of enumeration values from ``tables`` (a package's schemas), or the shipped descriptor's."""
    source = tables if tables is not None else _schema.shipped_tables()
    return source[table].field(column).group(name)

COLUMNS = (
    "jurisdiction", "year", "measures", "actors", "sources", "official_sources",
    "official_source_share", "measures_with_official_source", "listing_measures",
    "listing_measures_with_counts",
)


def coverage_table(frames: Mapping[str, pd.DataFrame],
                   tables: Mapping[str, _schema.Table] | None = None) -> pd.DataFrame:
    """One row per jurisdiction and year of the measures in ``frames`` (parsed tables).

    "Official" sources and "listing" measures are the descriptor's groups of those values,
    read from ``tables`` (the package's schemas; the shipped ones when None).
    """
    import pandas as pd

    m = frames["measures"][["measure_id", "date", "actor_id", "measure_type"]].copy()
    m["jurisdiction"] = m.actor_id.map(jurisdiction_of(frames["actors"]))
    m["year"] = m.date.dt.year.astype("int64")
    cites = frames["citations"][["measure_id", "source_id"]].merge(
        frames["sources"][["source_id", "source_type"]], on="source_id", how="left")
    cites["official"] = cites.source_type.astype("string").isin(value_group(tables, "sources", "source_type", "official"))
    official_measures = set(cites.loc[cites.official, "measure_id"])
    counted = set(frames["designation_counts"].measure_id)
    m["has_official"] = m.measure_id.isin(official_measures)
    m["listing"] = m.measure_type.astype("string").isin(value_group(tables, "measures", "measure_type", "listing"))
    m["listing_counted"] = m.listing & m.measure_id.isin(counted)
    cell = cites.merge(m[["measure_id", "jurisdiction", "year"]], on="measure_id")
    per_source = cell.drop_duplicates(["jurisdiction", "year", "source_id"]).groupby(["jurisdiction", "year"])
    grouped = m.groupby(["jurisdiction", "year"])
    out = pd.DataFrame({
        "measures": grouped.size(),
        "actors": grouped.actor_id.nunique(),
        "sources": per_source.size(),
        "official_sources": per_source.official.sum(),
        "measures_with_official_source": grouped.has_official.sum(),
        "listing_measures": grouped.listing.sum(),
        "listing_measures_with_counts": grouped.listing_counted.sum(),
    }).fillna(0).astype("int64").reset_index()
    out["official_source_share"] = (out.official_sources / out.sources.where(out.sources > 0)).round(3)
    return out[list(COLUMNS)].sort_values(["jurisdiction", "year"], ignore_index=True)


# The first list extracts reached mid-2023 (OFSI 5 June 2023, OFAC late 2022); the share of counted
# designations linked to named targets is still reported up to then, beside the overall share
# (whose rounds the newer extracts, April 2025 to August 2026, cover).
EXTRACT_HORIZON = "2023-06-30"


def _shipped_frames() -> dict[str, pd.DataFrame]:
    from belarus_measures.store import io as _io
    from belarus_measures.store import schema as _schema

    return {name: _io.cached_table(name) for name in _schema.list_resources()}


def round_links_table(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per counted listing round and target kind: counted, linked (capped at the count), missing."""
    import pandas as pd

    m = frames["measures"][["measure_id", "date", "actor_id", "measure_type"]]
    m = m[m.measure_type.astype("string") == "designation"].copy()
    m["jurisdiction"] = m.actor_id.map(jurisdiction_of(frames["actors"]))
    kinds = dict(zip(frames["targets"].target_id, frames["targets"].target_kind.astype("string"), strict=True))
    d = frames["designations"][["measure_id", "target_id"]].copy()
    d["target_kind"] = d.target_id.map(kinds)
    linked = d.groupby(["measure_id", "target_kind"]).size().rename("linked").reset_index()
    c = frames["designation_counts"][["measure_id", "target_kind", "count"]].copy()
    c["target_kind"] = c.target_kind.astype("string")
    c = c.merge(linked, on=["measure_id", "target_kind"], how="left").merge(m, on="measure_id")
    c["count"] = c["count"].astype("int64")
    c["linked"] = c[["linked", "count"]].astype("float64").fillna({"linked": 0}).min(axis=1).astype("int64")
    c["missing"] = c["count"] - c["linked"]
    cols = ["jurisdiction", "measure_id", "date", "target_kind", "count", "linked", "missing"]
    return c[cols].rename(columns={"count": "counted"}).sort_values(
        ["jurisdiction", "date", "measure_id", "target_kind"], ignore_index=True)


def target_coverage_table(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Per jurisdiction: designations counted by listing rounds, and how many are linked to named targets.

    A round's linked targets count at most up to its count per kind; rounds without counts
    cannot be measured and are left out of both numbers.
    """
    return _per_jurisdiction(round_links_table(frames))


def _per_jurisdiction(c: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    early = c.date <= pd.Timestamp(EXTRACT_HORIZON)
    out = pd.DataFrame({
        "rounds": c.groupby("jurisdiction").measure_id.nunique(),
        "counted": c.groupby("jurisdiction")["counted"].sum(),
        "linked": c.groupby("jurisdiction").linked.sum(),
        "counted_to_mid_2023": c[early].groupby("jurisdiction")["counted"].sum(),
        "linked_to_mid_2023": c[early].groupby("jurisdiction").linked.sum(),
    }).fillna(0).astype("int64").reset_index()
    out["linked_share"] = (out.linked / out.counted.where(out.counted > 0)).round(3)
    out["share_to_mid_2023"] = (out.linked_to_mid_2023 / out.counted_to_mid_2023.where(out.counted_to_mid_2023 > 0)).round(3)
    cols = ["jurisdiction", "rounds", "counted", "linked", "linked_share", "counted_to_mid_2023",
            "linked_to_mid_2023", "share_to_mid_2023"]
    return out[cols].sort_values("jurisdiction", ignore_index=True)


def target_gaps() -> pd.DataFrame:
    """The listing rounds whose counted designations are not all linked to named targets, per kind.

    Columns: ``jurisdiction``, ``measure_id``, ``date``, ``target_kind``, ``counted``,
    ``linked`` and ``missing`` (counted minus linked). Rounds without counts are not listed:
    how many they are missing is unknown.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> g = bm.target_gaps()
    >>> bool((g.missing > 0).all() and (g.linked + g.missing == g.counted).all())
    True
    """
    table = round_links_table(_shipped_frames())
    return table[table.missing > 0].reset_index(drop=True)


def target_coverage() -> pd.DataFrame:
    """How many of the designations that listing rounds count are linked to named targets, per jurisdiction.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> t = bm.target_coverage().set_index("jurisdiction")
    >>> bool((t.linked <= t.counted).all())
    True
    """
    return target_coverage_table(_shipped_frames())


LIFECYCLE_COLUMNS = ("jurisdiction", "binding", "ended", "in_force_checked", "unknown", "known_share")


def lifecycle_table(frames: Mapping[str, pd.DataFrame],
                    tables: Mapping[str, _schema.Table] | None = None) -> pd.DataFrame:
    """Per jurisdiction: binding measures that were enacted, how many ended (with a quoted end), how
    many a dated source shows still in force, and how many have neither (nobody has looked yet).

    A proposal or a bill that passed one chamber never applied (``in_force()`` never returns it),
    so it has no lifecycle to cover; ``enacted`` is the descriptor's group of statuses, read from
    ``tables`` (the shipped descriptor when None).
    """
    import pandas as pd

    m = frames["measures"]
    enacted = m.status.astype("string").isin(value_group(tables, "measures", "status", "enacted")).fillna(False)
    m = m[m.binding.fillna(False).astype(bool) & enacted.astype(bool)].copy()
    m["jurisdiction"] = m.actor_id.map(jurisdiction_of(frames["actors"]))
    m["ended"] = m.date_end.notna()
    m["checked"] = ~m.ended & m.in_force_checked.notna() if "in_force_checked" in m else False
    m["unknown"] = ~m.ended & ~m.checked
    g = m.groupby("jurisdiction")
    out = pd.DataFrame({"binding": g.size(), "ended": g.ended.sum(), "in_force_checked": g.checked.sum(),
                        "unknown": g.unknown.sum()}).astype("int64").reset_index()
    out["known_share"] = ((out.binding - out.unknown) / out.binding).round(3)
    return out[list(LIFECYCLE_COLUMNS)].sort_values("jurisdiction", ignore_index=True)


def lifecycle_coverage() -> pd.DataFrame:
    """How many enacted binding measures of each jurisdiction have a known end or a dated check that they apply.

    ``ended``: a ``date_end`` with its reason and quote; ``in_force_checked``: no end, and a
    source dated ``in_force_checked`` shows the measure still in force; ``unknown``: neither, so
    "no end date" there means nobody has checked yet.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> c = bm.lifecycle_coverage()
    >>> bool((c.ended + c.in_force_checked + c.unknown == c.binding).all())
    True
    """
    return lifecycle_table(_shipped_frames())


def coverage() -> pd.DataFrame:
    """Coverage of the shipped data: measures and sources per jurisdiction and year.

    ``jurisdiction`` is the acting actor's code (``EU``, ``US``, ``BY`` …) or, for an
    international body, the id of its top organisation (``un``, ``osce`` …).
    ``official_source_share`` is the share of the cell's distinct sources that are
    official texts or legal acts; ``listing_measures_with_counts`` says how many listing
    rounds carry ``designation_counts``.

    Examples
    --------
    >>> import belarus_measures as bm
    >>> c = bm.coverage()
    >>> int(c.measures.sum()) == len(bm.measures())
    True
    >>> bool(c.official_source_share.between(0, 1).all())
    True
    """
    return coverage_table(_shipped_frames())
