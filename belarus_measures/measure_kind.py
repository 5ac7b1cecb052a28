"""What a measure does: its purpose when it has one, else its type.

A law or decree that answers sanctions has ``measure_type`` "legislation" (its form) and ``purpose``
"countermeasure" (what it does). Checks that need a link, the timeline's colours and the site's
markers all go by what the act does, so the rule lives here once.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def what_it_does(measures: pd.DataFrame) -> pd.Series:
    """Per measure, its ``purpose`` when set, else its ``measure_type``, as text (missing stays NA).

    Examples
    --------
    >>> import pandas as pd
    >>> from belarus_measures.measure_kind import what_it_does
    >>> m = pd.DataFrame({"measure_type": ["legislation", "designation"], "purpose": ["countermeasure", None]})
    >>> what_it_does(m).tolist()
    ['countermeasure', 'designation']
    >>> what_it_does(m[["measure_type"]]).tolist()  # a table from before the purpose column
    ['legislation', 'designation']
    """
    kind = measures["measure_type"].astype("string")
    if "purpose" not in measures:
        return kind
    return measures["purpose"].astype("string").fillna(kind)
