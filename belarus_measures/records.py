"""Frozen, typed records of one measure and what hangs off it (see ``measure()``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    """A quoted source supporting a measure."""

    source_id: str
    quote: str
    title: str | None
    publisher: str
    url: str | None
    published: dt.date | None
    source_type: str


@dataclass(frozen=True)
class Count:
    """How many targets of one kind a measure newly listed."""

    target_kind: str
    count: int


@dataclass(frozen=True)
class Vote:
    """A chamber's vote on a measure; the counts are None when the vote was not recorded."""

    actor_id: str
    date: dt.date
    method: str
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    result: str


@dataclass(frozen=True)
class Link:
    """A relation between two measures, read as ``measure_id relation related_measure_id``."""

    measure_id: str
    relation: str
    related_measure_id: str


@dataclass(frozen=True)
class Measure:
    """One measure with its actor, citations, designation counts, votes and links.

    ``links`` holds the relations this measure states (it responds to, extends, …);
    ``linked_from`` the relations other measures state about it.
    """

    measure_id: str
    date: dt.date
    date_precision: str
    date_effective: dt.date | None
    date_end: dt.date | None
    actor_id: str
    actor_name: str
    jurisdiction: str | None
    measure_type: str
    title: str
    summary: str
    legal_reference: str | None
    binding: bool
    status: str
    trigger_event_id: str | None
    background: bool
    citations: tuple[Citation, ...]
    counts: tuple[Count, ...]
    votes: tuple[Vote, ...]
    links: tuple[Link, ...]
    linked_from: tuple[Link, ...]
    # Since 0.5.0: why it ended, and the newest day a source showed it still in force. A package
    # of another release reads without them (None) or with columns this record does not know
    # (in ``other``, as (column, value) pairs).
    end_reason: str | None = None
    in_force_checked: dt.date | None = None
    # Since 0.12.0: what an act adopted as a law, decree or resolution does (non_recognition, …).
    purpose: str | None = None
    other: tuple[tuple[str, object], ...] = ()
