#!/usr/bin/env python3
"""Derive targets, aliases, list entries and list-dated designations from official list extracts.

Usage:
    python scripts/derive_targets.py --reference ../shared/reference
    python scripts/build.py

The lists: OFAC's SDN rows (dated by the day each entry first appeared in the published file, and
the entries a later copy adds, undated), OFSI's Consolidated List, the EU FSF (programmes BLR and
the Belarus-related UKR entries) and Canada's SEMA list (DateOfListing, the day the listing
regulations were made). OFSI and OFAC entries are clustered first; EU and Canadian entries then
join a target or start one.

(``--data DIR`` rewrites another data folder, e.g. a copy to compare with the shipped one.)

The extracts are reference material and are never copied into the repository: this script
reads them and writes only the facts it derives, each row saying which extract and which
record it came from (``list_entries.extract_file`` / ``extract_row``). It rewrites the rows it
owns and keeps every row that came from a quoted source:

- ``list_entries``: one row per OFAC entry (ent_num), OFSI designation (Group ID), EU FSF entity
  (logical id) and Canadian record (part and item);
- ``targets``: one per real person, entity or aircraft; an OFSI and an OFAC entry are the same
  target when, for individuals, a full date of birth is shared and the folded names agree, or,
  for entities, the folded names (legal forms dropped) agree;
- ``target_aliases`` with ``list_id``/``entry_id``: every spelling the entries give, Cyrillic
  ones with their script and, where the letters decide it, their language;
- ``designations`` with ``list_id``/``entry_id``: a UK listing round is the measure of the same
  day as the entry's UK designation date; an entry the UK took over from the EU at the end of
  the Brexit transition (designated 31/12/2020) is dated by OFSI's "Listed On", the day the EU
  listing was applied in the UK; an OFAC, EU or Canadian entry is dated to the round its list date
  stands for (scripts/curation/list_rounds.csv), within the window the invariant accepts (10 days
  before to 7 days after the round's day).

A person is never merged on a name alone: a birth date that agrees, or a name and a round (another
list or a source dates the same name to that round or to one the data links ``coordinated_with``
it). Merges and matches decided by hand are in scripts/curation/list_matches.csv, eu_matches.csv
and target_merges.csv (one real target found under two ids), each with its reason and source.

Which round an OFSI date stands for, how a round announced in groups splits, and the sources
rows of the extracts are curated decisions: they live in scripts/curation/*.csv, each row with
its reason and its source, and this script only reads them.

Run it again with the same extracts and nothing changes. It refuses to run when an existing
target id would change meaning (a list entry moving to another target) unless a curated match says so.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from belarus_measures.text import names as _names  # noqa: E402
# The window around a round within which a list's date stands for it: the invariant's own.
from belarus_measures.checks.invariants import LIST_DATE_LEAD, LIST_DATE_WINDOW  # noqa: E402

DATA = ROOT / "datapackage" / "data"
CURATION = Path(__file__).resolve().parent / "curation"

OFAC = "us-ofac-sdn"
OFSI = "gb-ofsi-consolidated"
EU = "eu-fsf-consolidated"
CA = "ca-sema-consolidated"
# The jurisdiction whose rounds a list records as its own (measure ids start with it).
LIST_JURISDICTION = {OFAC: "us", OFSI: "gb", EU: "eu", CA: "ca"}
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
    # EU FSF: the round an entry's earliest act date stands for, where the date alone does not
    # decide it ("eu" rows of list_rounds.csv; an empty measure_id means: no round, leave unlinked).
    eu_rounds: dict[dt.date, str] = field(default_factory=dict)
    # Entries matched by hand (eu_matches.csv; list_matches.csv for any list): (list_id, entry_id) -> target_id
    # ("" = a target of its own).
    matches: dict[tuple[str, str], str] = field(default_factory=dict)
    # EU FSF UKR-programme entries taken as Belarus-related (eu_ukr_selection.csv): reference -> include.
    ukr_selection: dict[str, bool] = field(default_factory=dict)
    # The round an OFAC entry's first appearance in the published SDN file stands for ("us" rows),
    # and the round a Canadian entry's DateOfListing stands for ("ca" rows).
    us_rounds: dict[dt.date, str] = field(default_factory=dict)
    ca_rounds: dict[dt.date, str] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path = CURATION) -> Curation:
        sources = {r.pop("list_id"): r for r in read_csv(folder / "list_sources.csv")}
        for r in sources.values():
            r.pop("reason")
        rounds: dict[str, dict[dt.date, str]] = {"uk": {}, "eu_transition": {}, "eu": {}, "us": {}, "ca": {}}
        for r in read_csv(folder / "list_rounds.csv"):
            if r["rule"] not in rounds:
                raise SystemExit(f"list_rounds.csv: unknown rule {r['rule']!r}; known: {', '.join(rounds)}")
            rounds[r["rule"]][dt.date.fromisoformat(r["date"])] = r["measure_id"]
        splits = {r["measure_id"]: (r["into_measure_id"], re.compile(r["pattern"], re.I))
                  for r in read_csv(folder / "round_splits.csv")}
        matches = {(EU, r["entry_id"]): r["target_id"] for r in read_csv(folder / "eu_matches.csv")} \
            if (folder / "eu_matches.csv").exists() else {}
        if (folder / "list_matches.csv").exists():
            matches.update({(r["list_id"], r["entry_id"]): r["target_id"] for r in read_csv(folder / "list_matches.csv")})
        ukr = {r["eu_reference_number"]: r["include"] == "true" for r in read_csv(folder / "eu_ukr_selection.csv")} \
            if (folder / "eu_ukr_selection.csv").exists() else {}
        return cls(sources, rounds["uk"], rounds["eu_transition"], splits, rounds["eu"], matches, ukr,
                   rounds["us"], rounds["ca"])


MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
OFAC_KIND = {"individual": "individual", "-0-": "entity", "entity": "entity", "aircraft": "aircraft", "vessel": "vessel"}


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
    # Where the list gives no date: absent from the copy of listed_after, present in that of listed_by.
    listed_after: dt.date | None = None
    listed_by: dt.date | None = None
    reasons: str = ""
    act: str = ""
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


def ofac_entries(path: Path, first_seen: dict[str, tuple[dt.date | None, dt.date]] | None = None) -> list[Entry]:
    """One entry per row of an OFAC sdn.csv extract; ``listed_on`` is the day the entry first
    appeared in the published file, where ``first_seen`` knows it (the SDN list prints no dates);
    an entry already in the first saved copy is listed by that copy's day (``listed_by``)."""
    out = []
    for record, row in enumerate(read_csv(path), start=2):
        kind = OFAC_KIND[clean(row["SDN_Type"]) or "-0-"]
        name = clean(row["SDN_Name"])
        remarks = clean(row["Remarks"])
        e = Entry(OFAC, row["ent_num"], kind, name, clean(row["Program"]).replace("] [", "; "), record)
        e.listed_on, seen = (first_seen or {}).get(row["ent_num"], (None, None))
        e.listed_by = seen if e.listed_on is None else None
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


def ofac_first_seen(path: Path) -> dict[str, tuple[dt.date | None, dt.date]]:
    """ent_num -> (the day the entry first appeared in the published SDN file, the day of the first
    saved copy holding it). The first is None for an entry already in the earliest copy: listed on
    or before that copy's day, on a day the file cannot tell."""
    out: dict[str, tuple[dt.date | None, dt.date]] = {}
    for row in read_csv(path):
        earliest = row["note"].startswith("present in earliest snapshot")
        seen = dt.date.fromisoformat(row["first_seen_commit_utc"][:10])
        out[row["ent_num"]] = (None if earliest else seen, seen)
    return out


def ofac_later_entries(path: Path, known: set[str], after: dt.date | None = None,
                       by: dt.date | None = None) -> list[Entry]:
    """The entries of a later OFAC copy (uid, name, type, programs, alternate_names) that the
    official-format extract lacks: listed after that extract's day (``after``) and by the later
    copy's (``by``), on a day the copy does not give."""
    out = []
    for record, row in enumerate(read_csv(path), start=2):
        if row["uid"] in known:
            continue
        kind = OFAC_KIND[clean(row["type"]) or "-0-"]
        name = clean(row["name"])
        e = Entry(OFAC, row["uid"], kind, name, clean(row["programs"]).replace(",", ";"), record)
        e.listed_after, e.listed_by = after, by
        e.names.append((name, None))
        e.names += [(a.strip(), None) for a in row["alternate_names"].split(";") if a.strip()]
        if kind == "individual":
            e.pairs = [tuple(p.strip() for p in reversed(s.split(",", 1))) for s, _ in e.names if "," in s]  # type: ignore[misc]
            if e.pairs:
                e.given, e.surname = e.pairs[0]
        out.append(e)
    return out


def _ca_part(schedule: str, item: str) -> str:
    """An entry id from Schedule 1's part and the item: 'part1-1-68' is Part 1.1, item 68."""
    part = re.fullmatch(r"1,\s*Part\s*([\d.]+)", schedule.strip())
    if part is None:
        raise SystemExit(f"Canada SEMA: unexpected Schedule {schedule!r}")
    return f"part{part.group(1).replace('.', '-')}-{item.strip()}"


def ca_entries(path: Path) -> list[Entry]:
    """One entry per record of Canada's SEMA list (official XML): names, aliases (a language
    label 'Belarusian:'/'Russian:' kept as the language), birth date, and DateOfListing, the day
    the regulations that listed the entry were made."""
    import xml.etree.ElementTree as ET  # noqa: N817

    text = path.read_text(encoding="utf-8")
    # The 1-based line of each record's opening tag: the line a reader looks up.
    starts = [i + 1 for i, line in enumerate(text.splitlines()) if line.strip() == "<record>"]
    try:
        records = ET.fromstring(text).findall("record")
    except ET.ParseError as exc:
        raise SystemExit(f"{path.name}: not well-formed XML ({exc})") from None
    if len(starts) != len(records):
        raise SystemExit(f"{path.name}: {len(records)} records but {len(starts)} <record> lines")
    labels = {"belarusian": "be", "russian": "ru", "ukrainian": "uk"}
    out = []
    for line, r in zip(starts, records, strict=True):
        def field_(tag: str) -> str:
            return clean(r.findtext(tag))

        entity = field_("EntityOrShip")
        kind = "entity" if entity else "individual"
        name = entity or f"{field_('GivenName')} {field_('LastName')}".strip()
        e = Entry(CA, _ca_part(field_("Schedule"), field_("Item")), kind, name, "Belarus", line)
        e.names.append((name, None))
        try:
            e.listed_on = dt.date.fromisoformat(field_("DateOfListing"))
        except ValueError:
            raise SystemExit(f"{path.name} line {line}: DateOfListing {field_('DateOfListing')!r} is not a date") from None
        separator = r"\s*/\s*" if entity else r",\s*"
        for alias in re.split(separator, field_("Aliases")) if field_("Aliases") else []:
            label = re.match(r"(\w+):\s*", alias)
            language = labels.get(label.group(1).lower()) if label else None
            alias = alias[label.end():] if label else alias
            if alias.strip():
                script = _names.script_of(alias)
                e.names.append((alias.strip(), language or (_names.cyrillic_language(alias) if script == "Cyrl" else None)))
        born = field_("DateOfBirthOrShipBuildDate")
        if re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", born):
            e.birth_dates.append(born)
        if kind == "individual":
            e.given, e.surname = field_("GivenName"), field_("LastName")
            e.pairs.append((e.given, e.surname))
            e.pairs += [_split_person(n) for n, _ in e.names[1:] if _names.script_of(n) == "Latn"]
        out.append(e)
    return out


def _eu_acts(doc: dict) -> list[tuple[str, str]]:
    """(publication date, act) of every act that published the entry or one of its records."""
    acts = [(r["publication_date"], r["number_title"]) for r in doc.get("regulations") or [] if r.get("publication_date")]
    for value in doc.values():
        for record in value if isinstance(value, list) else []:
            if isinstance(record, dict):
                acts += [(r["publication_date"], r["number_title"]) for r in record.get("regulation_summaries") or []
                         if r.get("publication_date")]
    return sorted(set(acts))


def _eu_language(code: str | None, spelling: str, script: str | None) -> str | None:
    """The language a spelling follows: the FSF's name_language, else for Cyrillic what its letters decide."""
    if code and re.fullmatch(r"[A-Za-z]{2}", code):
        return code.lower()
    return _names.cyrillic_language(spelling) if script == "Cyrl" else None


def _split_person(spelling: str) -> tuple[str, str]:
    """(given names, surname) of a person's whole name as the FSF prints it: the surname in capitals
    (Yuri Khadzimuratovich KARAEV), else the last word."""
    words = spelling.split()
    caps = [w for w in words if sum(ch.isalpha() for ch in w) > 1 and w.upper() == w and any(ch.isalpha() for ch in w)]
    if caps and len(caps) < len(words):
        return " ".join(w for w in words if w not in caps), " ".join(caps)
    return " ".join(words[:-1]), words[-1] if words else ""


def eu_entries(path: Path, programme: str, select: dict[str, bool] | None = None) -> list[Entry]:
    """One entry per sanctionEntity of an EU FSF extract (one YAML document each).

    ``entry_id`` is the FSF logical id, ``reference`` the EU reference number, ``listed_on`` the
    earliest publication date of the acts that published the entry or any of its records (the
    FSF has no listing date), ``record`` the line of the document's ``logical_id``. With ``select``
    (the UKR file, a selection by text match), an entry is taken when a citizenship is BY or
    eu_ukr_selection.csv includes it; the others are printed and left out.
    """
    import yaml

    lines = path.read_text(encoding="utf-8").splitlines()
    # The 1-based line of each document's logical_id (its entry_id), the line a reader looks up; a
    # document's first line may be the file's first, which extract_row (>= 2, a header being 1) excludes.
    starts = [i + 1 for i, line in enumerate(lines) if line.startswith("logical_id:")]
    docs = [d for d in yaml.safe_load_all("\n".join(lines)) if d]
    if len(starts) != len(docs):
        raise SystemExit(f"{path.name}: {len(docs)} documents but {len(starts)} top-level logical_id lines")
    out = []
    for record, doc in zip(starts, docs, strict=True):
        ref = doc["eu_reference_number"]
        if select is not None:
            citizen = {c.get("country_iso2_code") for c in doc.get("citizenships") or []}
            chosen = select.get(ref, "BY" in citizen)
            if not chosen:
                if ref not in select:
                    print(f"EU {programme} entry {ref} left out: no Belarusian citizenship and not in eu_ukr_selection.csv")
                continue
        kind = "individual" if doc["subject_type"]["classification_code"] == "P" else "entity"
        aliases = doc.get("name_aliases") or []
        latin = [a for a in aliases if _names.script_of(a.get("whole_name", "")) == "Latn"]
        # The English text's spelling: name_language EN, or none given (the FSF's own Latin form).
        primary = next((a for a in latin if a.get("name_language") == "EN"),
                       next((a for a in latin if not a.get("name_language")), latin[0] if latin else aliases[0]))
        acts = _eu_acts(doc)
        e = Entry(EU, str(doc["logical_id"]), kind, clean(primary["whole_name"]), programme, record)
        e.reference = ref
        e.listed_on = dt.date.fromisoformat(acts[0][0]) if acts else None
        e.act = acts[0][1] if acts else ""
        for a in aliases:
            spelling = clean(a.get("whole_name"))
            if spelling:
                e.names.append((spelling, _eu_language(a.get("name_language"), spelling, _names.script_of(spelling))))
            if kind == "individual" and clean(a.get("last_name")):
                given = " ".join(clean(a.get(k)) for k in ("first_name", "middle_name") if clean(a.get(k)))
                e.pairs.append((given, clean(a["last_name"])))
            elif kind == "individual" and spelling:
                e.pairs.append(_split_person(spelling))
        for b in doc.get("birthdates") or []:
            if b.get("birthdate"):
                e.birth_dates.append(str(b["birthdate"]))
            elif b.get("year"):
                e.birth_dates.append(str(b["year"]))
        if kind == "individual":
            own = _split_person(e.name) if _names.script_of(e.name) == "Latn" else None
            first = own or next(((g, sn) for g, sn in e.pairs if _names.script_of(f"{g} {sn}") == "Latn"), None)
            if first is None and e.pairs:
                first = tuple(_names.romanise(x) for x in e.pairs[0])
            if first:
                e.given, e.surname = first
        out.append(e)
    return out


def _parts(given: str) -> tuple[str, str]:
    words = given.split()
    return (_names.fold(words[0]) if words else "", _names.fold(words[1]) if len(words) > 1 else "")


def names_agree(a: Entry, b: Entry, *, strict: bool) -> bool:
    """Whether any spelling of person ``a`` agrees with any of ``b``: surname and first name, and the
    patronymic where both spell it (``strict``), or surname and first name loosely alike."""
    from rapidfuzz import fuzz

    for ga, sa in a.pairs:
        for gb, sb in b.pairs:
            surname = fuzz.ratio(_names.fold(sa), _names.fold(sb))
            (fa, pa), (fb, pb) = _parts(ga), _parts(gb)
            given = fuzz.ratio(fa, fb)
            if strict:
                patronymic = fuzz.ratio(pa, pb) if pa and pb else 100
                if surname >= 85 and given >= 75 and patronymic >= 65:
                    return True
            elif surname >= 70 and given >= 60:
                return True
    return False


def eu_same(eu: Entry, other: Entry) -> str:
    """How an EU entry relates to another list's entry: 'same', 'review' (names agree, nothing else
    to go on), 'conflict' (names agree, birth dates differ) or 'no'.

    A person is the same when the names agree and a birth date agrees: a shared full date (names
    loosely alike, as Belarusian and Russian forms differ), or, where a list gives only the year,
    the year (names agreeing closely). Never on a name alone: that is left for review.
    An entity is the same when a folded name (legal forms dropped) agrees.
    """
    if eu.kind != other.kind:
        return "no"
    if eu.kind != "individual":
        return "same" if same_target(eu, other) else "no"
    full_a = {d for d in eu.birth_dates if len(d) == 10}
    full_b = {d for d in other.birth_dates if len(d) == 10}
    if full_a & full_b:
        return "same" if names_agree(eu, other, strict=False) else "no"
    if not names_agree(eu, other, strict=True):
        return "no"
    years_a, years_b = {d[:4] for d in eu.birth_dates}, {d[:4] for d in other.birth_dates}
    if full_a and full_b:
        return "conflict"
    if years_a and years_b:
        return "same" if years_a & years_b else "conflict"
    return "review"


def eu_round(entry: Entry, eu_measures: dict[str, dt.date], curation: Curation) -> str | None:
    """The EU listing round an entry's earliest act date stands for: a curated decision for that
    date, else the latest EU designation round at most LIST_DATE_WINDOW days before it."""
    if entry.listed_on is None:
        return None
    if entry.listed_on in curation.eu_rounds:
        return curation.eu_rounds[entry.listed_on] or None
    fits = [(day, m) for m, day in eu_measures.items() if 0 <= (entry.listed_on - day).days <= LIST_DATE_WINDOW]
    return max(fits)[1] if fits else None


def in_window(entry: Entry, measure: str, days: dict[str, dt.date]) -> bool:
    """Whether the entry's date falls in the window around the round's date that the invariant
    designation_evidence accepts for a list entry as evidence."""
    return entry.listed_on is not None and -LIST_DATE_LEAD <= (entry.listed_on - days[measure]).days <= LIST_DATE_WINDOW


def dated_round(entry: Entry, rounds: dict[dt.date, str]) -> str | None:
    """The round a curated rule says the entry's list date stands for (OFAC first seen, Canada's
    DateOfListing), or None."""
    return rounds.get(entry.listed_on) or None if entry.listed_on else None


def _uk_date(text: str) -> dt.date | None:
    text = clean(text)
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def ofsi_entries(path: Path) -> list[Entry]:
    groups: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        # A newer extract keeps the sheet's first line ("Last Updated,dd/mm/yyyy") above the header:
        # it is record 1, the header record 2.
        skip = 1 if fh.readline().startswith("Last Updated") else 0
        fh.seek(0)
        if skip:
            next(csv.reader(fh))
        sheet = list(csv.DictReader(fh))
    for record, row in enumerate(sheet, start=2 + skip):
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
        "listed_after": e.listed_after.isoformat() if e.listed_after else "",
        "listed_by": e.listed_by.isoformat() if e.listed_by else "",
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

    def order(r: dict[str, str]) -> tuple[bool, bool, str]:
        # An EU round's own list first (the EU FSF before OFSI's record of the EU listing); then
        # the entries designated on the round's own day.
        own = r["list_id"] == EU or not r["measure_id"].startswith("eu-")
        return (not own, designated[(r["list_id"], r["entry_id"])] != measure_day.get(r["measure_id"]), r["entry_id"])

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


def bracket_rounds(bracketed: dict[tuple[str, dt.date, dt.date], list[tuple[Entry, str]]],
                   measures: list[dict[str, str]], count_rows: list[dict[str, str]],
                   dated_rounds: set[str]) -> list[dict[str, str]]:
    """Candidate designations for entries a list does not date but two copies bracket.

    The entries that one copy lacks and the next holds belong to a listing round when it is the
    only round in between of the actor and type whose rounds the list dates elsewhere
    (``dated_rounds``), and when the bracket holds exactly as many entries of each kind as that
    round counted. Anything else is printed and left unlinked: never a guess.
    """
    by_id = {m["measure_id"]: m for m in measures}
    kinds = {(by_id[m]["actor_id"], by_id[m]["measure_type"]) for m in dated_rounds if m in by_id}
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for r in count_rows:
        counts[r["measure_id"]][r["target_kind"]] = int(r["count"])
    out = []
    for (list_id, after, by), members in sorted(bracketed.items()):
        rounds = [m["measure_id"] for m in measures if (m["actor_id"], m["measure_type"]) in kinds
                  and after < dt.date.fromisoformat(m["date"]) <= by]
        held = Counter(e.kind for e, _ in members)
        if len(rounds) != 1 or dict(held) != counts.get(rounds[0]):
            print(f"{list_id}: {len(members)} entries listed after {after} and by {by} not linked: "
                  f"rounds in between {rounds or 'none'}, entries by kind {dict(held)}, counted "
                  f"{[counts.get(m) for m in rounds]}")
            continue
        out += [{"measure_id": rounds[0], "target_id": target_id, "list_id": e.list_id, "entry_id": e.entry_id,
                 "source_id": "", "quote": ""} for e, target_id in members]
    return out


def sourced_matches(eu: Entry, spellings: dict[str, list[str]]) -> set[str]:
    """Targets known only from sources (no list entry) whose spelling is this EU entry's name.

    A person: a spelling whose folded words hold the entry's first name and surname and nothing
    the entry's spelling lacks (a patronymic may be dropped). An entity: a folded spelling, legal
    forms dropped, equal to one of the entry's.
    """
    found = set()
    if eu.kind == "individual":
        forms = []
        for given, surname in eu.pairs:
            words = set(_names.fold(f"{given} {surname}").split())
            first = _parts(given)[0]
            forms.append((words, first, _names.fold(surname).split()))
        for target_id, names in spellings.items():
            for name in names:
                have = set(_names.fold(name).split())
                if any(first and first in have and set(last) <= have and have <= words for words, first, last in forms):
                    found.add(target_id)
                    break
    else:
        mine = {_names.fold(n, drop_legal_forms=True) for n in entity_names(eu)}
        for target_id, names in spellings.items():
            if any(_names.fold(n, drop_legal_forms=True) in mine for n in names):
                found.add(target_id)
    return found


def round_entities(eu: Entry, candidates: list[str], spellings: dict[str, list[str]]) -> set[str]:
    """Of the entities a source names in the entry's round, those whose folded spelling (legal forms
    dropped) shares all its words with one of the entry's, or nearly (token_set_ratio >= 85)."""
    from rapidfuzz import fuzz

    mine = {_names.fold(n, drop_legal_forms=True) for n in entity_names(eu)}
    return {t for t in candidates for n in spellings[t]
            if max(fuzz.token_set_ratio(_names.fold(n, drop_legal_forms=True), m) for m in mine) >= 85}


MERGE_TABLES = ("targets", "target_aliases", "designations", "list_entries")


def apply_merges(data: Path, folder: Path) -> None:
    """Rewrite the target ids that target_merges.csv merges into another (one real person or entity
    found under two ids); a merge already applied changes nothing."""
    path = folder / "target_merges.csv"
    merges = {r["target_id"]: r["into_target_id"] for r in read_csv(path)} if path.exists() else {}
    if not merges:
        return
    for name in MERGE_TABLES:
        rows = read_csv(data / f"{name}.csv")
        if name == "targets":
            known = {r["target_id"] for r in rows}
            missing = [into for into in merges.values() if into not in known]
            if missing:
                raise SystemExit(f"target_merges.csv: no target {missing} to merge into")
            rows = [r for r in rows if r["target_id"] not in merges]
        else:
            for r in rows:
                r["target_id"] = merges.get(r["target_id"], r["target_id"])
            # Two rows that now say the same thing (a spelling both ids had) keep one.
            seen: set[tuple[str, ...]] = set()
            unique_rows = []
            for r in rows:
                k = tuple(r.values()) if name != "designations" else (r["measure_id"], r["target_id"])
                if k not in seen:
                    seen.add(k)
                    unique_rows.append(r)
            rows = unique_rows
        write(data, name, header(data, name), rows)


# The extracts the shipped rows are derived from, by option, as named in ../shared/reference/
# (``--reference DIR`` reads them all from DIR; an option given explicitly wins).
EXTRACTS = {
    "ofac_sdn": "ofac_sdn_belarus_2024-05-03.csv",
    "ofac_first_seen": "ofac_sdn_belarus_first_seen_2021-08-18_to_2024-05-03.csv",
    "ofac_later": "ofac_sdn_belarus_2026-08-20_derived.csv",
    "uk_ofsi": "uk_ofsi_conlist_belarus_2025-04-14.csv",
    "eu_fsf": "eu_fsf_belarus_2026-02-23.yaml",
    "eu_fsf_ukr": "eu_fsf_ukr_programme_belarus_related_2026-02-23.yaml",
    "ca_sema": "ca_sema_belarus_2025-05-25.xml",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reference", type=Path,
                        help="a folder holding every extract under its usual name (EXTRACTS); the shipped rows "
                             "come from python scripts/derive_targets.py --reference ../shared/reference")
    parser.add_argument("--ofac-sdn", type=Path, help="ofac_sdn_belarus_<date>.csv (OFAC sdn.csv rows)")
    parser.add_argument("--ofac-first-seen", type=Path,
                        help="ofac_sdn_belarus_first_seen_<from>_to_<to>.csv: the day each entry first appeared")
    parser.add_argument("--ofac-later", type=Path,
                        help="ofac_sdn_belarus_<date>_derived.csv: a later copy whose new entries are added, undated")
    parser.add_argument("--uk-ofsi", type=Path, help="uk_ofsi_conlist_belarus_<date>.csv")
    parser.add_argument("--eu-fsf", type=Path, help="eu_fsf_belarus_<date>.yaml (EU FSF, programme BLR)")
    parser.add_argument("--eu-fsf-ukr", type=Path,
                        help="eu_fsf_ukr_programme_belarus_related_<date>.yaml (EU FSF, programme UKR; "
                             "entries with a Belarusian citizenship or chosen in eu_ukr_selection.csv)")
    parser.add_argument("--ca-sema", type=Path, help="ca_sema_belarus_<date>.xml (Canada's SEMA list, official XML)")
    parser.add_argument("--data", type=Path, default=DATA,
                        help="the data folder to rewrite (default datapackage/data; give a copy to compare)")
    parser.add_argument("--curation", type=Path, default=CURATION, help="the curated decisions (default scripts/curation)")
    args = parser.parse_args(argv)
    if args.reference is not None:
        for option, name in EXTRACTS.items():
            if getattr(args, option) is None:
                setattr(args, option, args.reference / name)
    if args.ofac_sdn is None or args.uk_ofsi is None:
        parser.error("give --reference DIR, or at least --ofac-sdn and --uk-ofsi")
    missing = [str(path) for path in vars(args).values() if isinstance(path, Path) and not path.exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    data, curation = args.data, Curation.read(args.curation)
    apply_merges(data, args.curation)
    extracts = {OFAC: args.ofac_sdn, OFSI: args.uk_ofsi}

    first_seen = ofac_first_seen(args.ofac_first_seen) if args.ofac_first_seen else None
    ofac, ofsi = ofac_entries(args.ofac_sdn, first_seen), ofsi_entries(args.uk_ofsi)
    later: list[Entry] = []
    if args.ofac_later:
        # A later copy's new entries cite that copy; the official-format rows stay the evidence for the rest.
        published = {key: dt.date.fromisoformat(curation.sources[key]["published"]) for key in (OFAC, f"{OFAC}/later")}
        later = ofac_later_entries(args.ofac_later, {e.entry_id for e in ofac}, published[OFAC], published[f"{OFAC}/later"])
        ofac += later
        extracts[f"{OFAC}/later"] = args.ofac_later
    joining: list[Entry] = []
    if args.eu_fsf:
        joining += eu_entries(args.eu_fsf, "BLR")
        extracts[f"{EU}/BLR"] = args.eu_fsf
    if args.eu_fsf_ukr:
        joining += eu_entries(args.eu_fsf_ukr, "UKR", curation.ukr_selection)
        extracts[f"{EU}/UKR"] = args.eu_fsf_ukr
    if args.ca_sema:
        joining += ca_entries(args.ca_sema)
        extracts[CA] = args.ca_sema
    earlier_entries = read_csv(data / "list_entries.csv")
    old_entries = {(r["list_id"], r["entry_id"]): r["target_id"] for r in earlier_entries}
    targets = {r["target_id"]: r for r in read_csv(data / "targets.csv")}
    kept_aliases = [r for r in read_csv(data / "target_aliases.csv") if not r["list_id"]]
    alias_keys: dict[str, str] = {}
    for r in kept_aliases:
        alias_keys.setdefault(" ".join(sorted(_names.fold(r["alias"]).split())), r["target_id"])

    # Full spellings of the targets an earlier run knew only from EU or Canadian entries (one target each).
    only_joined = {r["target_id"] for r in earlier_entries} - {
        t for (lst, _), t in old_entries.items() if lst in (OFAC, OFSI)}
    joined_keys: dict[str, str] = {}
    for r in read_csv(data / "target_aliases.csv"):
        if r["list_id"] in (EU, CA) and r["target_id"] in only_joined:
            k = " ".join(sorted(_names.fold(r["alias"]).split()))
            joined_keys[k] = r["target_id"] if joined_keys.get(k, r["target_id"]) == r["target_id"] else ""
    joined_keys = {k: t for k, t in joined_keys.items() if t}
    joined_births: dict[str, set[str]] = defaultdict(set)
    for r in earlier_entries:
        if r["target_id"] in only_joined and r["birth_dates"]:
            joined_births[r["target_id"]].update(r["birth_dates"].split("; "))

    clusters = cluster(ofsi, ofac)
    existing = set(targets)
    taken = set(targets)
    # First the OFAC and OFSI clusters' ids, as before the EU list was read.
    ids: list[str] = []
    for group in clusters:
        # A target already in the data keeps its id: found by an earlier run, or by a sourced alias.
        known = {old_entries[(e.list_id, e.entry_id)] for e in group if (e.list_id, e.entry_id) in old_entries}
        known |= {alias_keys[k] for k in name_keys(group) if k in alias_keys}
        curated = {curation.matches[(e.list_id, e.entry_id)] for e in group if (e.list_id, e.entry_id) in curation.matches}
        if curated - {""}:
            known = curated - {""}
        if not known and group[0].kind == "individual":
            # A person new to the OFSI or OFAC extracts whom an earlier run knew from an EU or Canadian
            # entry: a full spelling (three words or more: given name, patronymic, surname) in common.
            # Printed for review; a wrong one is undone in list_matches.csv.
            full = {k for e in group for n, _ in e.names
                    for k in [" ".join(sorted(_names.fold(n).split()))] if len(k.split()) >= 3}
            adopted = {joined_keys[k] for k in full if k in joined_keys}
            # ... and a birth date that agrees (never a name alone).
            mine = {d for e in group for d in e.birth_dates}
            adopted = {t for t in adopted if any(d == o or (min(len(d), len(o)) == 4 and d[:4] == o[:4])
                                                 for d in mine for o in joined_births.get(t, ()))}
            if len(adopted) == 1:
                print(f"adopted by a full name an earlier EU/Canadian entry gave: {sorted(adopted)[0]} for "
                      f"{[(e.list_id, e.entry_id, e.name) for e in group]}")
                known = adopted
        if len(known) > 1:
            raise SystemExit(f"entries {[(e.list_id, e.entry_id) for e in group]} map to several targets {sorted(known)}")
        lead = next((e for e in group if e.list_id == OFAC), group[0])
        target_id = known.pop() if known else target_id_for(lead, taken)
        taken.add(target_id)
        ids.append(target_id)

    measures = read_csv(data / "measures.csv")
    day_of = {m["measure_id"]: dt.date.fromisoformat(m["date"]) for m in measures}
    eu_measures = {m["measure_id"]: dt.date.fromisoformat(m["date"]) for m in measures
                   if m["actor_id"] == "eu-council" and m["measure_type"] == "designation"}

    # Rounds the data links as coordinated_with (made together, or to align with each other, days
    # apart): a name that agrees in full across them is one person.
    coordinated_rounds = {frozenset((r["measure_id"], r["related_measure_id"]))
                          for r in read_csv(data / "measure_links.csv") if r["relation"] == "coordinated_with"}

    def round_of(e: Entry) -> str | None:
        """The listing round the entry's own list dates it to, or None."""
        if e.list_id == OFSI:
            return uk_round(e, curation)
        if e.list_id == EU:
            return eu_round(e, eu_measures, curation)
        return dated_round(e, curation.us_rounds if e.list_id == OFAC else curation.ca_rounds)

    def coordinated(e: Entry, measure: str | None, other: Entry) -> bool:
        """Whether another list dates the other entry to the same round as this one (an EU listing
        the UK took over), or, for Canada, to a round of another jurisdiction within the window of
        this one's day (the rounds of 21 June 2021, 2 December 2021 or 9 August 2023 were made together)."""
        theirs = round_of(other)
        if measure is None or theirs is None:
            return False
        if e.list_id == EU:
            return other.list_id == OFSI and theirs == measure
        return (abs((day_of[theirs] - day_of[measure]).days) <= LIST_DATE_WINDOW
                or frozenset((measure, theirs)) in coordinated_rounds)

    # Then each EU and Canadian entry joins a target (see eu_same, sourced_matches and the curated
    # matches) or starts one.
    sourced_designations = {(r["measure_id"], r["target_id"]) for r in read_csv(data / "designations.csv") if r["source_id"]}
    listed_targets = set(old_entries.values()) | set(ids)
    spellings: dict[str, list[str]] = defaultdict(list)
    for r in kept_aliases:
        if r["target_id"] not in listed_targets:
            spellings[r["target_id"]].append(r["alias"])
    for t, row in targets.items():
        if t not in listed_targets:
            spellings[t].append(row["name"])
    reviews: list[str] = []
    for e in joining:
        measure = round_of(e)
        old = old_entries.get((e.list_id, e.entry_id))

        def other_list(o: Entry, e: Entry = e) -> bool:
            return o.list_id != e.list_id or o.programme != e.programme

        if (e.list_id, e.entry_id) in curation.matches:
            chosen = curation.matches[(e.list_id, e.entry_id)] or None
            how = "curated match"
        else:
            # Names that agree (patronymic too) with nothing else to compare are the same person when
            # another list dates that person to the same round (see coordinated).
            same = {ids[i] for i, c in enumerate(clusters)
                    if any(eu_same(e, o) == "same" or (eu_same(e, o) == "review" and coordinated(e, measure, o))
                           for o in c if other_list(o))}
            doubtful = {ids[i]: eu_same(e, o) for i, c in enumerate(clusters) for o in c
                        if other_list(o) and eu_same(e, o) in ("review", "conflict")}
            by_name = sourced_matches(e, spellings)
            # A sourced target whose spelling is the entry's name is the same when a source names it in
            # the round the entry's date stands for (a name and a round, not a name alone), or when it
            # is an entity.
            same |= {t for t in by_name if e.kind != "individual" or (measure and (measure, t) in sourced_designations)}
            if e.kind != "individual" and measure and not same:
                # An entity a source names in the same round under a shorter or longer form of the
                # name (Belavia / OJSC Belavia Belarusian Airlines): a name and a round.
                same |= round_entities(e, [t for (m, t) in sourced_designations if m == measure and t in spellings
                                           and targets[t]["target_kind"] == e.kind], spellings)
            doubtful.update({t: "review" for t in by_name if t not in same})
            chosen, how = (next(iter(same)), "matched") if len(same) == 1 else (None, "")
            if len(same) > 1:
                reviews.append(f"{e.list_id} {e.entry_id} {e.reference} {e.name}: several targets {sorted(same)}")
            elif not same and doubtful:
                reviews.append(f"{e.list_id} {e.entry_id} {e.reference} {e.name} "
                               f"({'; '.join(e.birth_dates) or 'no birth date'}): "
                               + ", ".join(f"{t} [{why}]" for t, why in sorted(doubtful.items())))
        if old and chosen and old != chosen and chosen not in existing and old not in ids:
            # A target first read from this run's OFSI or OFAC entries that an earlier run knew from
            # this entry: it keeps the earlier id.
            ids[ids.index(chosen)] = old
            chosen = old
        if old and chosen and old != chosen and how != "curated match":
            raise SystemExit(f"{e.list_id} entry {e.entry_id} ({e.name}) was {old}, now matches {chosen} ({how})")
        target_id = chosen or old
        if target_id in ids:
            clusters[ids.index(target_id)].append(e)
            continue
        if target_id is None:
            target_id = target_id_for(e, taken)
        taken.add(target_id)
        if target_id in spellings:  # a sourced target: no other entry may take it on a name
            spellings.pop(target_id)
        clusters.append([e])
        ids.append(target_id)
    for line in reviews:
        print(f"entry for review (not merged; decide in scripts/curation/eu_matches.csv or list_matches.csv): {line}")

    counts = {(r["measure_id"], r["target_kind"]) for r in read_csv(data / "designation_counts.csv")}
    later_ids = {e.entry_id for e in later} if args.ofac_later else set()
    entry_rows: list[dict[str, str]] = []
    alias_rows: list[dict[str, str]] = []
    eu_alias_rows: list[dict[str, str]] = []
    candidates: list[dict[str, str]] = []
    bracketed: dict[tuple[str, dt.date, dt.date], list[tuple[Entry, str]]] = defaultdict(list)
    for group, target_id in zip(clusters, ids, strict=True):
        lead = next((e for e in group if e.list_id == OFAC), next((e for e in group if e.list_id == OFSI), group[0]))
        targets[target_id] = target_row(target_id, group, lead, targets.get(target_id, {}))
        for e in group:
            if e.list_id == EU:
                key = f"{e.list_id}/{e.programme}"
            elif e.list_id == OFAC and e.entry_id in later_ids:
                key = f"{OFAC}/later"
            else:
                key = e.list_id
            entry_rows.append(entry_row(e, target_id, curation.sources[key]["source_id"], extracts[key]))
            (alias_rows if e.list_id in (OFAC, OFSI) else eu_alias_rows).extend(alias_rows_of(e, target_id))
            measure = round_of(e)
            if measure and not in_window(e, measure, day_of):
                # A curated round whose date the entry's date does not match (re-published or dated
                # otherwise): the entry cannot be its evidence; a source must name the target.
                print(f"{e.list_id} entry not linked (its date {e.listed_on} is not within {LIST_DATE_LEAD} days "
                      f"before or {LIST_DATE_WINDOW} days after round {measure}): {e.entry_id} {e.reference} {e.name}")
                measure = None
            elif measure and (measure, e.kind) not in counts and e.list_id in (EU, CA):
                print(f"{e.list_id} entry not linked (round {measure} counts no {e.kind}): {e.entry_id} {e.name}")
                measure = None
            elif measure is None and e.list_id == EU:
                print(f"EU entry not linked (no EU designation round within {LIST_DATE_WINDOW} days before "
                      f"{e.listed_on}, {e.act}): {e.reference} {e.name}")
            elif measure is None and e.list_id in (CA, OFAC) and e.listed_on:
                print(f"{e.list_id} entry not linked (no round for its date {e.listed_on} in list_rounds.csv): "
                      f"{e.entry_id} {e.name}")
            if measure:
                candidates.append({"measure_id": measure, "target_id": target_id, "list_id": e.list_id,
                                   "entry_id": e.entry_id, "source_id": "", "quote": ""})
            elif e.listed_on is None and e.listed_after and e.listed_by:
                bracketed[(e.list_id, e.listed_after, e.listed_by)].append((e, target_id))
    candidates += bracket_rounds(bracketed, measures, read_csv(data / "designation_counts.csv"),
                                 set(curation.us_rounds.values()))

    # A spelling given by a source as well as by a list keeps one row: the list's (OFSI or OFAC
    # before the EU and Canada, so that an earlier run's rows keep their provenance).
    listed = {(r["target_id"], r["alias"]) for r in [*alias_rows, *eu_alias_rows]}
    aliases = {(r["target_id"], r["alias"]): r for r in [*kept_aliases, *alias_rows]
               if (r["target_id"], r["alias"]) not in listed or r["list_id"]}
    for r in eu_alias_rows:
        aliases.setdefault((r["target_id"], r["alias"]), r)
    kind_of = {t: row["target_kind"] for t, row in targets.items()}
    designations = link_rounds(data, candidates, kind_of, entry_rows)

    sources = read_csv(data / "sources.csv")
    have = {r["source_id"] for r in sources}
    used = {r["source_id"] for r in entry_rows}
    sources += [s for s in curation.sources.values() if s["source_id"] not in have and s["source_id"] in used]

    # A target an earlier run made from entries that now belong to another target (a curated match)
    # is named by nothing any more: it goes, and is reported.
    named = ({r["target_id"] for r in entry_rows} | {t for _, t in designations}
             | {r["target_id"] for r in aliases.values() if r["source_id"]})
    for gone in sorted(set(targets) - named):
        print(f"target named by no entry, designation or source any more, removed: {gone}")
        del targets[gone]
    write(data, "list_entries", header(data, "list_entries"), entry_rows)
    write(data, "targets", header(data, "targets"), list(targets.values()))
    write(data, "target_aliases", header(data, "target_aliases"), list(aliases.values()))
    write(data, "designations", header(data, "designations"), list(designations.values()))
    write(data, "sources", header(data, "sources"), sources)
    merged = sum(1 for c in clusters if len({e.list_id for e in c}) > 1)
    print(f"{len(entry_rows)} list entries -> {len(clusters)} targets ({merged} listed by more than one list), "
          f"{len(aliases)} aliases, {len(designations)} designations; now run python scripts/build.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
