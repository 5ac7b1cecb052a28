"""Pandera schemas built at run time from any descriptor's tables.

``validate(path)`` checks a package against its own descriptor, so an older release (without
columns added since) or a fork is judged by what it declares, not by the installed models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from belarus_measures.store import schema as _schema
from belarus_measures.store.types import MAP

if TYPE_CHECKING:
    import pandera.pandas as pa



def frame_schema(table: _schema.Table) -> pa.DataFrameSchema:
    """The Pandera schema of one parsed table: dtypes, nullability, uniqueness, enumerations, patterns, bounds."""
    import pandas as pd
    import pandera.pandas as pa

    columns: dict[str, Any] = {}
    for f in table.fields:
        checks = []
        if f.pattern is not None:
            checks.append(pa.Check.str_matches(f.pattern))
        if f.minimum is not None:
            checks.append(pa.Check.ge(f.minimum))
        if f.max_length is not None:
            checks.append(pa.Check.str_length(max_value=f.max_length))
        dtype: Any = pd.CategoricalDtype(list(f.enum)) if f.enum is not None else MAP[f.type].pandas
        columns[f.name] = pa.Column(dtype, checks=checks, nullable=not f.required, unique=f.unique)
    pk = list(table.primary_key)
    # A composite primary key is unique as a whole; one-column keys are unique fields.
    return pa.DataFrameSchema(columns, strict=True, ordered=True, unique=pk if len(pk) > 1 else None, name=table.name)
