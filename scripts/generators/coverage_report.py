"""The coverage report ``docs/coverage.md``, written by the build script from the parsed tables.

The numbers are those of the runtime API (``bm.coverage()``, ``bm.target_coverage()``,
``bm.target_gaps()`` in ``belarus_measures.reports.coverage``); this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from belarus_measures.reports import coverage as _coverage
from belarus_measures.store import schema as _schema

if TYPE_CHECKING:
    import pandas as pd


def coverage_markdown(frames: Mapping[str, pd.DataFrame], *, tables: Mapping[str, _schema.Table],
                      version: str, released: str) -> str:
    """The committed report ``docs/coverage.md``: a grid of gaps, then the sourcing per cell."""
    table = _coverage.coverage_table(frames, tables)
    years = sorted(table.year.unique())
    grid = table.pivot(index="jurisdiction", columns="year", values="measures")
    m = frames["measures"]
    total_sources = frames["sources"]
    official = total_sources.source_type.astype("string").isin(_coverage.value_group(tables, "sources", "source_type", "official")).sum()
    lines = [
        "# Coverage of the belarus_measures data",
        "",
        f"Generated from the data of release {version} ({released}) by `python scripts/build.py`;",
        "do not edit by hand. A dot is a jurisdiction-year with no measure: either nothing",
        "happened or it is not yet researched (the CHANGELOG's *Known gaps* says which).",
        "",
        f"- {len(m)} measures by {m.actor_id.nunique()} actors in {table.jurisdiction.nunique()} jurisdictions,"
        f" {m.date.min():%Y-%m-%d} to {m.date.max():%Y-%m-%d}",
        f"- {len(total_sources)} sources, {official} of them official texts or legal acts"
        f" ({official / max(len(total_sources), 1):.0%})",
        f"- {int(table.measures_with_official_source.sum())} of {len(m)} measures cite at least one official source",
        f"- {int(table.listing_measures_with_counts.sum())} of {int(table.listing_measures.sum())}"
        " listing measures (designations, visa restrictions) carry counts",
        "",
        "## Measures per jurisdiction and year",
        "",
        "| jurisdiction | " + " | ".join(str(y) for y in years) + " | total |",
        "|---|" + "---:|" * (len(years) + 1),
    ]
    for code, row in grid.iterrows():
        cells = ["·" if row[y] != row[y] else str(int(row[y])) for y in years]
        lines.append(f"| {code} | " + " | ".join(cells) + f" | {int(row.sum())} |")
    lines += [
        "",
        "## Sourcing per jurisdiction and year",
        "",
        "| jurisdiction | year | measures | actors | sources | official | official share | measures with an official source | listing measures | with counts |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r, ratio in zip(table.itertuples(), table.official_source_share.tolist(), strict=True):
        share = "" if ratio != ratio else f"{ratio:.0%}"
        lines.append(f"| {r.jurisdiction} | {r.year} | {r.measures} | {r.actors} | {r.sources} | "
                     f"{r.official_sources} | {share} | {r.measures_with_official_source} | "
                     f"{r.listing_measures} | {r.listing_measures_with_counts} |")
    life = _coverage.lifecycle_table(frames, tables)
    lines += [
        "",
        "## Ends and checks of binding measures",
        "",
        "Per jurisdiction, how many enacted binding measures (proposals never applied, so they are left out)",
        "have a quoted end (`date_end`, `end_reason`), how many",
        "have no end and a dated source showing them still in force (`in_force_checked`), and how many",
        "have neither: for those, \"no end date\" means nobody has checked yet. `bm.lifecycle_coverage()`.",
        "",
        "| jurisdiction | binding | ended | in force as of a check | unknown | known |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in life.itertuples():
        lines.append(f"| {r.jurisdiction} | {r.binding} | {r.ended} | {r.in_force_checked} | {r.unknown} | "
                     f"{r.known_share:.0%} |")
    rounds = _coverage.round_links_table(frames)
    targets = _coverage.target_coverage_table(frames)
    lines += [
        "",
        "## Named targets",
        "",
        "Of the individuals, entities and aircraft that listing rounds (`designation`) count, how",
        "many are linked to a named target in `designations` (a round's links count at most up to",
        "its count; rounds without counts are left out). The list extracts reach February 2026 (EU FSF),",
        "April 2025 (OFSI; the FCDO list of August 2026 holds the same Belarus designations), May 2025",
        f"(Canada) and May 2024 / August 2026 (OFAC); the columns 'to mid-2023' ({_coverage.EXTRACT_HORIZON})",
        "keep the share over the rounds the first extracts covered.",
        "",
        "| jurisdiction | rounds | counted | linked | share | counted to mid-2023 | linked to mid-2023 | share to mid-2023 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r, a, b in zip(targets.itertuples(), targets.linked_share.tolist(), targets.share_to_mid_2023.tolist(), strict=True):
        fa = "" if a != a else f"{a:.0%}"
        fb = "" if b != b else f"{b:.0%}"
        lines.append(f"| {r.jurisdiction} | {r.rounds} | {r.counted} | {r.linked} | {fa} | "
                     f"{r.counted_to_mid_2023} | {r.linked_to_mid_2023} | {fb} |")
    gaps = rounds[rounds.missing > 0]
    lines += [
        "",
        "### Gaps: rounds with designations not yet linked to a named target",
        "",
        "`bm.target_gaps()` returns this table. Listing rounds without counts are not in it (how many",
        "they miss is unknown): " + (", ".join(f"`{mid}`" for mid in _uncounted_rounds(frames)) or "none") + ".",
        "",
        "| jurisdiction | round | date | kind | counted | linked | missing |",
        "|---|---|---|---|---:|---:|---:|",
    ]
    for r in gaps.itertuples():
        lines.append(f"| {r.jurisdiction} | `{r.measure_id}` | {r.date:%Y-%m-%d} | {r.target_kind} | "
                     f"{r.counted} | {r.linked} | {r.missing} |")
    return "\n".join(lines) + "\n"


def _uncounted_rounds(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    m = frames["measures"]
    listing = m[m.measure_type.astype("string") == "designation"].measure_id
    counted = set(frames["designation_counts"].measure_id)
    return sorted(str(x) for x in listing if x not in counted)
