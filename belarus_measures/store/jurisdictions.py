"""One definition of "jurisdiction" for the whole package.

A state's actors carry its code (``EU``, ``US``, ``BY``); an international body has none and
files under its top organisation's id (``un``, ``osce``, ``coe``). The accessors' filter, the
summary, the coverage report and the timeline all read this one mapping, so every value one of
them reports is accepted by the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def _root(actor_id: str, parents: Mapping[str, str | None]) -> str:
    seen = {actor_id}
    while (parent := parents.get(actor_id)) and parent not in seen:
        seen.add(parent)
        actor_id = parent
    return actor_id


def jurisdiction_of(actors: pd.DataFrame) -> dict[str, str]:
    """Each actor's jurisdiction code; an international body files under its top organisation's id.

    >>> import belarus_measures as bm
    >>> codes = jurisdiction_of(bm.actors())
    >>> codes["us-treasury-ofac"], codes["un-human-rights-council"]
    ('US', 'un')
    """
    parents = {str(a): (p if isinstance(p, str) else None) for a, p in zip(actors.actor_id, actors.parent_id, strict=True)}
    out: dict[str, str] = {}
    for actor_id, code in zip(actors.actor_id, actors.jurisdiction, strict=True):
        out[str(actor_id)] = str(code) if isinstance(code, str) else _root(str(actor_id), parents)
    return out


def of_measures(measures: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """The acting jurisdiction of each measure, as a string Series aligned with ``measures``."""
    return measures.actor_id.map(jurisdiction_of(actors)).astype("string")
