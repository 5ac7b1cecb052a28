"""Cell values written exactly as the descriptor types them: the one serialisation of text outputs.

JSON Lines exports, ``list --format json`` and ``list --format csv`` all go through here, so a
value is never written two ways. A value becomes a JSON value first:

- ``date``: the string ``YYYY-MM-DD``;
- ``boolean``: ``true`` / ``false``;
- ``integer``: an integer (never ``15.0``);
- ``number``: an integer when whole, as the CSV files write ``100``, else a float (``80.1``);
- ``string``: the text;
- missing (None, NA, NaT, NaN): ``null``.

CSV text is that JSON value written as the package's CSV files write it: missing values empty,
booleans ``true``/``false``.

>>> from belarus_measures.text import values as _values
>>> import datetime as dt
>>> _values.json_value("date", dt.datetime(2020, 10, 2)), _values.json_value("integer", 15.0)
('2020-10-02', 15)
>>> [_values.csv_text(v) for v in (True, None, 80.1, 100, "a")]
['true', '', '80.1', '100', 'a']
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any, NoReturn

from belarus_measures.store import io as _io
from belarus_measures.store import schema as _schema
from belarus_measures.text.errors import shown

if TYPE_CHECKING:
    import pandas as pd

JSONValue = str | int | float | bool | None


def _missing(value: Any) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    import pandas as pd

    return value is pd.NA or value is pd.NaT


def json_value(field_type: str, value: Any) -> JSONValue:
    """``value`` of a column typed ``field_type`` in the descriptor, as a JSON value."""
    import numpy as np
    import pandas as pd

    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    elif isinstance(value, np.generic):  # numpy scalars as the Python values they hold
        value = value.item()
    if _missing(value):
        return None
    if field_type == "date":
        if isinstance(value, dt.datetime):  # pandas Timestamps too
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            return dt.date.fromisoformat(value).isoformat() if len(value) == 10 else _bad(field_type, value)
        return _bad(field_type, value)
    if field_type == "boolean":
        return value if isinstance(value, bool) else _bad(field_type, value)
    if field_type in ("integer", "number"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _bad(field_type, value)
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return int(value)
        if field_type == "integer" and not isinstance(value, int):
            return _bad(field_type, value)
        return value
    if isinstance(value, dt.datetime | dt.date):  # a column not in the descriptor
        return json_value("date", value)
    if isinstance(value, bool | int | float):
        return json_value("number", value) if not isinstance(value, bool) else value
    return str(value)


def _bad(field_type: str, value: Any) -> NoReturn:
    raise TypeError(f"{shown(value)} ({type(value).__name__}) is not a {field_type} value")


def csv_text(value: JSONValue) -> str:
    """A JSON value as a cell of the package's CSV files."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _types(table: _schema.Table, columns: Iterable[str]) -> list[str]:
    known = {f.name: f.type for f in table.fields}
    return [known.get(c, "any") for c in columns]


def records(table: _schema.Table, frame: pd.DataFrame) -> list[dict[str, JSONValue]]:
    """The rows of ``frame`` (a table of ``table``, or a filtered copy) as JSON-ready dicts."""
    names = [str(c) for c in frame.columns]
    types = _types(table, names)
    return [
        {name: json_value(kind, row[name]) for name, kind in zip(names, types, strict=True)}
        for row in _io.records(frame)
    ]


def write_csv(table: _schema.Table, frame: pd.DataFrame, out: IO[str]) -> None:
    """``frame`` as CSV in the package's own dialect: header row, LF, minimal quoting."""
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    names = [str(c) for c in frame.columns]
    writer.writerow(names)
    for record in records(table, frame):
        writer.writerow([csv_text(record[name]) for name in names])
