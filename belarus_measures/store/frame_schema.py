"""The schema check of one parsed table, derived from any descriptor's Table objects.

``validate(path)`` checks a package against its own descriptor, so an older release (without
columns added since) or a fork is judged by what it declares, not by the installed models.

``check_frame`` is vectorised (one pass per column and constraint) and reports the kinds of
failure Pandera reported before it: the columns and their order, dtypes, required values,
enumerations (as dtypes), patterns, bounds, lengths, unique fields and composite keys. Only
the rows already found failing are looked at one by one, to word the messages.
``frame_schema`` still builds the equivalent Pandera schema for those who want one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from belarus_measures.store import schema as _schema
from belarus_measures.store.stacking import flagged
from belarus_measures.store.types import MAP
from belarus_measures.text.errors import shown

if TYPE_CHECKING:
    import pandas as pd
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


def _line(index: object) -> str:
    # Line numbers in the CSV file: the header is line 1.
    return f"line {int(str(index)) + 2}"


@lru_cache(maxsize=None)
def _dtype_name(type_name: str) -> str:
    """How pandas names the dtype the type map gives a Table Schema type (made once per type)."""
    import pandas as pd

    return str(pd.Series([], dtype=MAP[type_name].pandas).dtype)


def _dtype_ok(field: _schema.Field, col: pd.Series) -> bool:
    import pandas as pd

    if field.enum is not None:
        return isinstance(col.dtype, pd.CategoricalDtype) and tuple(col.dtype.categories) == field.enum
    return str(col.dtype) == _dtype_name(field.type)


def check_frame(table: _schema.Table, frame: pd.DataFrame) -> Iterator[tuple[str, str]]:
    """(where, message) for everything in ``frame`` that breaks ``table``'s schema; where is '' or 'line N'."""
    for _, where, message in check_frames({table.name: table}, {table.name: frame}):
        yield where, message


def check_frames(tables: Mapping[str, _schema.Table],
                 frames: Mapping[str, pd.DataFrame]) -> Iterator[tuple[str, str, str]]:
    """(table, where, message) for every schema failure of every table that has a frame.

    The columns that share a constraint (the slug pattern of every id, say) are stacked and checked
    in one pass, so a small dataset costs a few dozen column operations, not hundreds.
    """
    import numpy as np
    import pandas as pd

    patterns: dict[str, list[tuple[str, str, pd.Series]]] = {}
    lengths: dict[int, list[tuple[str, str, pd.Series]]] = {}
    for name, table in tables.items():
        frame = frames.get(name)
        if frame is None:
            continue
        present = [str(c) for c in frame.columns]
        for c in table.columns:
            if c not in present:
                yield name, "", f"column {c} fails column_in_dataframe: {c} is missing"
        for c in present:
            if c not in table.columns:
                yield name, "", f"column {c} fails column_in_schema: {shown(c)} is not in the descriptor"
        ordered = [c for c in present if c in table.columns]
        if ordered != [c for c in table.columns if c in present]:
            yield name, "", (f"columns fail column_ordered: {', '.join(ordered)} "
                             f"(the descriptor's order: {', '.join(table.columns)})")
        fields = [f for f in table.fields if f.name in present]
        required = [f.name for f in fields if f.required]
        if required:
            missing = frame[required].isna().to_numpy()
            for j in np.flatnonzero(missing.any(axis=0)):
                for idx in frame.index[missing[:, j]]:
                    yield name, _line(idx), f"column {required[j]} fails not_nullable: {shown(None)}"
        for f in fields:
            col = frame[f.name]
            if not _dtype_ok(f, col):
                expected = f"category{list(f.enum)}" if f.enum is not None else MAP[f.type].pandas
                yield name, "", f"column {f.name} fails dtype('{expected}'): {col.dtype}"
            if f.pattern is not None:
                patterns.setdefault(f.pattern, []).append((name, f.name, col))
            if f.max_length is not None:
                lengths.setdefault(f.max_length, []).append((name, f.name, col))
            checks: list[tuple[str, Any]] = []
            if f.minimum is not None:
                checks.append((f"greater_than_or_equal_to({f.minimum})", col.astype("float64") < f.minimum))
            if f.unique:
                checks.append(("field_uniqueness", col.duplicated(keep=False) & col.notna()))
            for check, bad in checks:
                flags = np.asarray(bad.fillna(False), dtype=bool)
                if flags.any():
                    for idx, value in col[flags].items():
                        yield name, _line(idx), f"column {f.name} fails {check}: {shown(value)}"
        pk = [c for c in table.primary_key if c in present]
        if len(table.primary_key) > 1 and len(pk) == len(table.primary_key):
            duplicated = frame.duplicated(subset=pk, keep=False).to_numpy(dtype=bool)
            for idx in frame.index[duplicated]:
                key = ", ".join(str(frame.at[idx, c]) for c in pk)
                yield name, _line(idx), f"columns {', '.join(pk)} fail multiple_fields_uniqueness: ({shown(key)})"
    for pattern, columns in patterns.items():
        yield from _failing(columns, f"str_matches('{pattern}')", lambda text, p=pattern: _mismatch(text, p))
    for limit, columns in lengths.items():
        yield from _failing(columns, f"str_length(None, {limit})", lambda text, n=limit: _longer(text, n))


def _mismatch(text: Any, pattern: str) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    # pandas' str.match (Pandera's str_matches) anchors at the start only; so does this.
    anchored = pattern if pattern.startswith("^") else "^(?:" + pattern + ")"
    try:
        return pc.invert(pc.match_substring_regex(text, anchored))
    except pa.ArrowInvalid:
        # RE2 lacks look-arounds and back-references; a descriptor may use them: Python's re.
        import re

        compiled = re.compile(pattern)
        return pa.array([None if v is None else compiled.match(v) is None for v in text.to_pylist()])


def _longer(text: Any, limit: int) -> Any:
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    return pc.greater(pc.utf8_length(text), limit)


def _failing(columns: list[tuple[str, str, pd.Series]], check: str,
             test: Any) -> Iterator[tuple[str, str, str]]:
    labelled = [((table, column), col) for table, column, col in columns]
    for (table, column), idx, value in flagged(labelled, test):
        yield table, _line(idx), f"column {column} fails {check}: {shown(value)}"
