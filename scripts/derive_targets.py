#!/usr/bin/env python3
"""Derive targets, aliases, list entries and list-dated designations from official list extracts.

Usage:
    python scripts/derive_targets.py --ofac-sdn ../shared/reference/ofac_sdn_belarus.csv \
        --uk-ofsi ../shared/reference/uk_ofsi_conlist_belarus.csv
    python scripts/build.py

(``--data DIR`` rewrites another data folder, e.g. a copy to compare with the shipped one.)

The extracts are reference material and are never copied into the repository: this script
reads them and writes only the facts it derives, each row saying which extract and which
record it came from (``list_entries.extract_file`` / ``extract_row``). It rewrites the rows it
owns and keeps every row that came from a quoted source:

- ``list_entries``: one row per OFAC entry (ent_num) and per OFSI designation (Group ID);
- ``targets``: one per real person, entity or aircraft; an OFSI and an OFAC entry are the same
  target when, for individuals, a full date of birth is shared and the folded names agree, or,
  for entities, the folded names (legal forms dropped) agree;
- ``target_aliases`` with ``list_id``/``entry_id``: every spelling the entries give, Cyrillic
  ones with their script and, where the letters decide it, their language;
- ``designations`` with ``list_id``/``entry_id``: a UK listing round is the measure of the same
  day as the entry's UK designation date; an entry the UK took over from the EU at the end of
  the Brexit transition (designated 31/12/2020) is dated by OFSI's "Listed On", the day the EU
  listing was applied in the UK.

Which round an OFSI date stands for, how a round announced in groups splits, and the sources
rows of the extracts are curated decisions: they live in scripts/curation/*.csv, each row with
its reason and its source, and this script only reads them.

Run it again with the same extracts and nothing changes. It refuses to run when an existing
target id would change meaning (a list entry moving to another target).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from belarus_measures.text import names as _names  # noqa: E402

DATA = ROOT / "datapackage" / "data"
CURATION = Path(__file__).resolve().parent / "curation"

OFAC = "us-ofac-sdn"
OFSI = "gb-ofsi-consolidated"
# The end of the Brexit transition: OFSI's "Date Designated" of every entry the UK took over from the EU.
TRANSITION_END = dt.date(2020, 12, 31)


@dataclass(frozen=True)
class Curation:
    """The decisions made by hand, read from scripts/curation/*.csv (each row with its reason and source).

    - ``list_sources.csv``: the sources row each list's entries cite;
    - ``list_rounds.csv``: which listing round an OFSI date stands for (``uk``: the UK's own
      rounds, by "Listed On" or else "Date Designated"; ``eu_transition``: the EU round an entry
      taken over at the end of the transition belongs to, by "Listed On");
    - ``round_splits.csv``: a round announced as several groups on one day, and the words of the
      statement of reasons that put an entry into another group.
    """

    sources: dict[str, dict[str, str]]
    uk_rounds: dict[dt.date, str]
    eu_transition_rounds: dict[dt.date, str]
    splits: dict[str, tuple[str, re.Pattern[str]]]

    @classmethod
    def read(cls, folder: Path = CURATION) -> Curation:
        sources = {r.pop("list_id"): r for r in read_csv(folder / "list_sources.csv")}
        for r in sources.values():
            r.pop("reason")
        rounds: dict[str, dict[dt.date, str]] = {"uk": {}, "eu_transition": {}}
        for r in read_csv(folder / "list_rounds.csv"):
            if r["rule"] not in rounds:
                raise SystemExit(f"list_rounds.csv: unknown rule {r['rule']!r}; known: {', '.join(rounds)}")
            rounds[r["rule"]][dt.date.fromisoformat(r["date"])] = r["measure_id"]
        splits = {r["measure_id"]: (r["into_measure_id"], re.compile(r["pattern"], re.I))
                  for r in read_csv(folder / "round_splits.csv")}
        return cls(sources, rounds["uk"], rounds["eu_transition"], splits)


MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
OFAC_KIND = {"individual": "individual", "-0-": "entity", "aircraft": "aircraft", "vessel": "vessel"}


@dataclass
class Entry:
    list_id: str
    entry_id: str
    kind: str
    name: str
    programme: str
    record: int
    names: list[tuple[str, str | None]] = field(default_factory=list)  # (spelling, language)
    birth_dates: list[str] = field(default_factory=list)
    reference: str = ""
    listed_on: dt.date | None = None
    designated_on: dt.date | None = None
    reasons: str = ""
    surname: str = ""
    given: str = ""
    # (given names, surname) of every spelling, for matching spellings that add or drop a patronymic
    pairs: list[tuple[str, str]] = field(default_factory=list)

    def short_keys(self) -> set[str]:
        """Folded 'first given name + surname' of every spelling, words sorted."""
        keys = set()
        for given, surname in self.pairs:
            first = given.split()[0] if given.split() else ""
            keys.add(" ".join(sorted(_names.fold(f"{first} {surname}").split())))
        return keys


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def clean(value: str | None) -> str:
    text = (value or "").strip()
    return "" if text == "-0-" else re.sub(r"\s+", " ", text)


def ofac_entries(path: Path) -> list[Entry]:
    out = []
    for record, row in enumerate(read_csv(path), start=2):
        kind = OFAC_KIND[clean(row["SDN_Type"]) or "-0-"]
        name = clean(row["SDN_Name"])
        remarks = clean(row["Remarks"])
        e = Entry(OFAC, row["ent_num"], kind, name, clean(row["Program"]).replace("] [", "; "), record)
        e.names.append((name, None))
        e.names += [(a.strip(), None) for a in re.findall(r"a\.k\.a\. '([^']+)'", remarks)]
        for d in re.findall(r"DOB (\d{1,2} \w{3} \d{4}|\d{4})", remarks):
            parts = d.split()
            e.birth_dates.append(d if len(parts) == 1 else f"{parts[2]}-{MONTHS[parts[1]]:02d}-{int(parts[0]):02d}")
        if kind == "individual":
            for spelling, _ in e.names:
                if "," in spelling:
                    surname, given = (p.strip() for p in spelling.split(",", 1))
                    e.pairs.append((given, surname))
            if e.pairs:
                e.given, e.surname = e.pairs[0]
        out.append(e)
    return out


def _uk_date(text: str) -> dt.date | None:
    text = clean(text)
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def ofsi_entries(path: Path) -> list[Entry]:
    groups: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for record, row in enumerate(read_csv(path), start=2):
        groups[row["Group ID"]].append((record, row))
    out = []
    for gid, rows in groups.items():
        first_record, first = rows[0]
        primary = next((r for _, r in rows if r["Alias Type"] == "Primary name"), first)
        kind = "individual" if first["Group Type"] == "Individual" else "entity"

        def latin(r: dict[str, str]) -> str:
            given = " ".join(clean(r[f"Name {i}"]) for i in range(1, 6) if clean(r[f"Name {i}"]))
            return f"{given} {clean(r['Name 6'])}".strip()

        e = Entry(OFSI, gid, kind, latin(primary), clean(first["Regime"]), first_record)
        ref = re.search(r"\(UK Sanctions List Ref\):\s*(\w+)", first["Other Information"])
        e.reference = ref.group(1) if ref else ""
        e.listed_on = _uk_date(first["Listed On"])
        e.designated_on = _uk_date(first["UK Sanctions List Date Designated"])
        e.reasons = first["Other Information"]
        e.surname = clean(primary["Name 6"])
        e.given = " ".join(clean(primary[f"Name {i}"]) for i in range(1, 6) if clean(primary[f"Name {i}"]))
        for _, r in rows:
            e.names.append((latin(r), None))
            if kind == "individual":
                e.pairs.append((" ".join(clean(r[f"Name {i}"]) for i in range(1, 6) if clean(r[f"Name {i}"])), clean(r["Name 6"])))
            non_latin = clean(r["Name Non-Latin Script"])
            if non_latin:
                e.names.append((non_latin, _names.cyrillic_language(non_latin)))
            dob = clean(r["DOB"])
            if re.fullmatch(r"\d{2}/\d{2}/\d{4}", dob):
                e.birth_dates.append(f"{dob[6:]}-{dob[3:5]}-{dob[:2]}")
            elif re.fullmatch(r"\d{4}", dob):
                e.birth_dates.append(dob)
        out.append(e)
    return out


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def entity_names(entry: Entry) -> set[str]:
    """An entity's spellings, with the parts that lists put in brackets or after a.k.a. as names of their own."""
    out = set()
    for spelling, _ in entry.names:
        out.add(spelling)
        out.update(p.strip() for p in re.split(r"[()]|\ba\.?k\.?a\.?\b", spelling, flags=re.I) if p.strip())
    return out


def same_target(a: Entry, b: Entry) -> bool:
    """Whether an OFSI and an OFAC entry name the same real person or entity."""
    from rapidfuzz import fuzz

    if a.kind != b.kind:
        return False
    if a.kind == "individual":
        def part(e: Entry, i: int) -> str:
            words = e.given.split()
            return _names.fold(words[i]) if len(words) > i else ""

        surname = fuzz.ratio(_names.fold(a.surname), _names.fold(b.surname))
        given = fuzz.ratio(part(a, 0), part(b, 0))
        full = {d for d in a.birth_dates if len(d) == 10} & {d for d in b.birth_dates if len(d) == 10}
        if full:
            # A shared full date of birth is strong evidence; the names need only be alike
            # (Belarusian and Russian forms differ in their vowels: Nazaranka / Nazarenko).
            return surname >= 70 and given >= 60
        # Without a shared full date of birth: birth years at most one apart, and the names
        # agree closely, patronymic included when both spell it.
        years_a, years_b = {int(d[:4]) for d in a.birth_dates}, {int(d[:4]) for d in b.birth_dates}
        if years_a and years_b:
            if not any(abs(x - y) <= 1 for x in years_a for y in years_b):
                return False
            patronymic = fuzz.ratio(part(a, 1), part(b, 1)) if part(a, 1) and part(b, 1) else 100
            return surname >= 85 and given >= 75 and patronymic >= 65
        # One entry gives no date of birth: the full name must agree, patronymic included, allowing
        # for Belarusian and Russian forms of the same name (Uladzimiravich / Vladimirovich).
        if not (part(a, 1) and part(b, 1)):
            return False
        return surname >= 85 and given >= 75 and fuzz.ratio(part(a, 1), part(b, 1)) >= 65
    folds_a = {_names.fold(n, drop_legal_forms=True) for n in entity_names(a)}
    folds_b = {_names.fold(n, drop_legal_forms=True) for n in entity_names(b)}
    return bool(folds_a & folds_b) or max(
        fuzz.token_sort_ratio(x, y) for x in folds_a for y in folds_b) >= 95


def slug(text: str) -> str:
    return "-".join(_names.ascii_form(text).split())


def target_id_for(entry: Entry, taken: set[str]) -> str:
    if entry.kind == "individual" and entry.surname:
        base = slug(f"{entry.surname} {entry.given.split()[0] if entry.given else ''}")
    else:
        base = slug(" ".join(_names.ascii_form(entry.name).split()[:6]))
    candidate = base
    if candidate in taken and entry.birth_dates:
        candidate = f"{base}-{entry.birth_dates[0][:4]}"
    if candidate in taken:
        candidate = f"{base}-{entry.entry_id.lower()}"
    return candidate


# OFSI sometimes prints two names in one field ("DANA HOLDINGS A.K.A DANA ASTRA"): each is a
# spelling of its own, and neither the pair nor the marker is a name.
AKA = re.compile(r"\s+\b[af]\.k\.a\.?\s+", re.I)


def split_aka(spelling: str) -> list[str]:
    return [part.strip() for part in AKA.split(spelling) if part.strip()]


def display_name(entry: Entry) -> str:
    if entry.kind == "individual" and entry.surname:
        return f"{entry.given} {entry.surname.title()}".strip()
    return split_aka(entry.name)[0]


def uk_round(entry: Entry, curation: Curation) -> str | None:
    """The listing round an OFSI entry belongs to, by its dates (see Curation), or None."""
    if entry.designated_on == TRANSITION_END and entry.listed_on is not None:
        return curation.eu_transition_rounds.get(entry.listed_on)
    # OFSI's own listing date first: an entry designated a few days after its round keeps it.
    measure = curation.uk_rounds.get(entry.listed_on) if entry.listed_on else None
    if measure is None and entry.designated_on is not None:
        measure = curation.uk_rounds.get(entry.designated_on)
    if measure in curation.splits:
        other, words = curation.splits[measure]
        if words.search(entry.reasons):
            return other
    return measure


def write(data: Path, name: str, header: list[str], rows: list[dict[str, str]]) -> None:
    with (data / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def header(data: Path, name: str) -> list[str]:
    with (data / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def cluster(ofsi: list[Entry], ofac: list[Entry]) -> list[list[Entry]]:
    """Entries grouped into targets: each OFSI group first, then OFAC entries join a group or start one."""
    clusters: list[list[Entry]] = [[e] for e in ofsi]
    for e in ofac:
        match = next((c for c in clusters if c[0].list_id == OFSI and len(c) == 1 and same_target(c[0], e)), None)
        if match is not None:
            match.append(e)
        else:
            clusters.append([e])
    return clusters


def name_keys(cluster: list[Entry]) -> set[str]:
    """The folded spellings of a cluster's entries (words sorted), full and 'first name + surname'."""
    keys = {" ".join(sorted(_names.fold(n).split())) for e in cluster for n, _ in e.names}
    return keys | {k for e in cluster for k in e.short_keys()}


def target_row(target_id: str, cluster: list[Entry], lead: Entry, row: dict[str, str]) -> dict[str, str]:
    """The targets row of a cluster, keeping what an earlier row says that the lists do not."""
    births = unique(d for e in cluster for d in e.birth_dates)
    full_births = [d for d in births if len(d) == 10] or births
    # A list prints a Latin name, which replaces a romanisation made before the entry was known.
    kept_name = row.get("name") if row.get("name_romanised") != "true" and len(split_aka(row.get("name", ""))) < 2 else None
    return {
        "target_id": target_id,
        "name": kept_name or display_name(next((e for e in cluster if e.list_id == OFSI), lead)),
        "name_romanised": "false",
        "target_kind": lead.kind,
        "country": row.get("country") or "BY",
        "description": row.get("description", ""),
        "birth_date": full_births[0] if lead.kind == "individual" and full_births else "",
    }


def entry_row(e: Entry, target_id: str, source_id: str, extract: Path) -> dict[str, str]:
    return {
        "list_id": e.list_id, "entry_id": e.entry_id, "target_id": target_id, "name": e.name,
        "programme": e.programme, "reference": e.reference,
        "listed_on": e.listed_on.isoformat() if e.listed_on else "",
        "designated_on": e.designated_on.isoformat() if e.designated_on else "",
        "birth_dates": "; ".join(unique(e.birth_dates)),
        "source_id": source_id, "extract_file": extract.name, "extract_row": str(e.record),
    }


def alias_rows_of(e: Entry, target_id: str) -> list[dict[str, str]]:
    """Every distinct spelling an entry gives in a script the descriptor knows."""
    out, seen = [], set()
    for spelling, language in ((part, lang) for whole, lang in e.names for part in split_aka(whole)):
        script = _names.script_of(spelling)
        if spelling in seen or script is None:
            continue
        seen.add(spelling)
        out.append({"target_id": target_id, "alias": spelling, "script": script, "language": language or "",
                    "list_id": e.list_id, "entry_id": e.entry_id, "source_id": ""})
    return out


def link_rounds(data: Path, candidates: list[dict[str, str]], kind_of: dict[str, str],
                entry_rows: list[dict[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    """The designations: those a source names, then the list-dated candidates up to each round's count.

    A round never gets more linked targets of a kind than it counted. Where list dates and the
    split keywords offer more, the targets a source names come first, then the entries the UK
    designated on the round's own day; the rest stay unlinked and are reported.
    """
    designations = {(r["measure_id"], r["target_id"]): r for r in read_csv(data / "designations.csv") if r["source_id"]}
    counts = {(r["measure_id"], r["target_kind"]): int(r["count"]) for r in read_csv(data / "designation_counts.csv")}
    measure_day = {r["measure_id"]: r["date"] for r in read_csv(data / "measures.csv")}
    designated = {(e["list_id"], e["entry_id"]): e["designated_on"] for e in entry_rows}
    taken_per_group: dict[tuple[str, str], int] = defaultdict(int)
    for measure_id, target_id in designations:
        taken_per_group[(measure_id, kind_of[target_id])] += 1

    def order(r: dict[str, str]) -> tuple[bool, str]:
        return (designated[(r["list_id"], r["entry_id"])] != measure_day.get(r["measure_id"]), r["entry_id"])

    for r in sorted(candidates, key=order):
        key, group = (r["measure_id"], r["target_id"]), (r["measure_id"], kind_of[r["target_id"]])
        if key in designations:
            continue
        if group in counts and taken_per_group[group] >= counts[group]:
            print(f"not linked (round {r['measure_id']} would exceed its count): {r['list_id']} {r['entry_id']}")
            continue
        designations[key] = r
        taken_per_group[group] += 1
    return designations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ofac-sdn", type=Path, required=True, help="ofac_sdn_belarus.csv")
    parser.add_argument("--uk-ofsi", type=Path, required=True, help="uk_ofsi_conlist_belarus.csv")
    parser.add_argument("--data", type=Path, default=DATA,
                        help="the data folder to rewrite (default datapackage/data; give a copy to compare)")
    parser.add_argument("--curation", type=Path, default=CURATION, help="the curated decisions (default scripts/curation)")
    args = parser.parse_args(argv)
    data, curation = args.data, Curation.read(args.curation)
    extracts = {OFAC: args.ofac_sdn, OFSI: args.uk_ofsi}

    ofac, ofsi = ofac_entries(args.ofac_sdn), ofsi_entries(args.uk_ofsi)
    old_entries = {(r["list_id"], r["entry_id"]): r["target_id"] for r in read_csv(data / "list_entries.csv")}
    targets = {r["target_id"]: r for r in read_csv(data / "targets.csv")}
    kept_aliases = [r for r in read_csv(data / "target_aliases.csv") if not r["list_id"]]
    alias_keys: dict[str, str] = {}
    for r in kept_aliases:
        alias_keys.setdefault(" ".join(sorted(_names.fold(r["alias"]).split())), r["target_id"])

    clusters = cluster(ofsi, ofac)
    taken = set(targets)
    entry_rows, alias_rows, candidates = [], [], []
    for group in clusters:
        # A target already in the data keeps its id: found by an earlier run, or by a sourced alias.
        known = {old_entries[(e.list_id, e.entry_id)] for e in group if (e.list_id, e.entry_id) in old_entries}
        known |= {alias_keys[k] for k in name_keys(group) if k in alias_keys}
        if len(known) > 1:
            raise SystemExit(f"entries {[(e.list_id, e.entry_id) for e in group]} map to several targets {sorted(known)}")
        lead = next((e for e in group if e.list_id == OFAC), group[0])
        target_id = known.pop() if known else target_id_for(lead, taken)
        taken.add(target_id)
        targets[target_id] = target_row(target_id, group, lead, targets.get(target_id, {}))
        for e in group:
            entry_rows.append(entry_row(e, target_id, curation.sources[e.list_id]["source_id"], extracts[e.list_id]))
            alias_rows += alias_rows_of(e, target_id)
            measure = uk_round(e, curation) if e.list_id == OFSI else None
            if measure:
                candidates.append({"measure_id": measure, "target_id": target_id, "list_id": e.list_id,
                                   "entry_id": e.entry_id, "source_id": "", "quote": ""})

    # A spelling given by a source as well as by a list keeps one row: the list's.
    listed = {(r["target_id"], r["alias"]) for r in alias_rows}
    aliases = {(r["target_id"], r["alias"]): r for r in [*kept_aliases, *alias_rows]
               if (r["target_id"], r["alias"]) not in listed or r["list_id"]}
    kind_of = {t: row["target_kind"] for t, row in targets.items()}
    designations = link_rounds(data, candidates, kind_of, entry_rows)

    sources = read_csv(data / "sources.csv")
    have = {r["source_id"] for r in sources}
    sources += [s for s in curation.sources.values() if s["source_id"] not in have]

    write(data, "list_entries", header(data, "list_entries"), entry_rows)
    write(data, "targets", header(data, "targets"), list(targets.values()))
    write(data, "target_aliases", header(data, "target_aliases"), list(aliases.values()))
    write(data, "designations", header(data, "designations"), list(designations.values()))
    write(data, "sources", header(data, "sources"), sources)
    merged = sum(1 for c in clusters if len(c) > 1)
    print(f"{len(entry_rows)} list entries -> {len(clusters)} targets ({merged} listed by both OFAC and OFSI), "
          f"{len(aliases)} aliases, {len(designations)} designations; now run python scripts/build.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
