"""Reading the CSV files into typed DataFrames, with dtypes taken from the descriptor.

pandas never infers a type here: every column is read as text and converted by the
type its Table Schema gives, so an id that looks like a number stays a string.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any, TypeVar

from belarus_measures.store import resources as _resources
from belarus_measures.store import schema as _schema
from belarus_measures.text.errors import shown

if TYPE_CHECKING:
    import pandas as pd

TRUE_VALUES = ("true",)
FALSE_VALUES = ("false",)

T = TypeVar("T")


def read_text(raw: bytes) -> pd.DataFrame | None:
    """The cells of a plain CSV file as text (missing as NA), read by Arrow's multi-threaded reader.

    Arrow refuses a row of another width than the header, so a frame read here also proves the
    rows' widths. None when the file is not plain (a byte-order mark, carriage returns, blank
    lines, no final line ending, a quoted or repeated header name, bad UTF-8, ragged rows): the
    caller then reads it the slow way, which words each of those problems.
    """
    if not raw.endswith(b"\n") or raw.startswith(b"\xef\xbb\xbf") or b"\r" in raw or b"\n\n" in raw:
        return None
    header = raw[:raw.index(b"\n")]
    try:
        names = header.decode("utf-8").split(",")
    except UnicodeDecodeError:
        return None
    if b'"' in header or len(set(names)) != len(names):
        return None
    import pandas as pd
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.csv as pacsv  # type: ignore[import-untyped, unused-ignore]

    try:
        table = pacsv.read_csv(
            pa.py_buffer(raw),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                 strings_can_be_null=True, null_values=[""],
                                                 quoted_strings_can_be_null=True),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if table.column_names != names:
        return None
    string = pd.StringDtype()
    frame: pd.DataFrame = table.to_pandas(types_mapper=lambda t: string if t == pa.string() else None)
    return frame


def parse_csv(table: _schema.Table, raw: bytes) -> tuple[pd.DataFrame, list[str]]:
    """Parse one CSV file; returns the frame and the values that did not fit their type.

    A value that cannot be converted becomes missing in the frame and is reported, so
    that validation can list it instead of failing on the first one.
    """
    import pandas as pd

    text = read_text(raw)
    return parse_text(table, read_text_slowly(raw) if text is None else text)


def read_text_slowly(raw: bytes) -> pd.DataFrame:
    """The cells of any CSV file pandas can read as text (missing as NA); for files ``read_text`` refuses."""
    import pandas as pd

    return pd.read_csv(io.BytesIO(raw), dtype="string", keep_default_na=False, na_values=[""], encoding="utf-8")


def parse_text(table: _schema.Table, text: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Convert a frame of text cells (missing as NA) to the descriptor's types; see ``parse_csv``."""
    frame, found = convert_text(table, text)
    return frame, [f"{name} {where}: {message}" if where else f"{name}: {message}" for name, where, message in found]


def convert_text(table: _schema.Table, text: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, str, str]]]:
    """``parse_text`` with each problem as (table, where, message); where is 'line N' or ''."""
    import numpy as np
    import pandas as pd

    problems: list[tuple[str, str, str]] = []
    out: dict[str, pd.Series] = {}
    for field in table.fields:
        if field.name not in text.columns:
            problems.append((table.name, "", f"column {field.name!r} is missing from the file"))
            out[field.name] = pd.Series(pd.NA, index=text.index, dtype="string")
            continue
        col = text[field.name]
        converted = _convert(field, col)
        out[field.name] = converted
        if converted is col:
            continue  # text stays text: nothing can fail to convert
        bad = (col.notna() & converted.isna()).to_numpy(dtype=bool)
        if not bad.any():
            continue
        expected = f"one of {', '.join(field.enum)}" if field.enum else _EXPECTED.get(field.type, field.type)
        for pos in np.flatnonzero(bad):
            # Line numbers count the header as line 1, as an editor shows them.
            problems.append((table.name, f"line {pos + 2}", f"{field.name}={shown(col.iloc[pos])} is not {expected}"))
    extra = [c for c in text.columns if c not in table.columns]
    if extra:
        problems.append((table.name, "", f"columns not in the descriptor: {', '.join(map(str, extra))}"))
    return pd.DataFrame(out, index=pd.RangeIndex(len(text))), problems


_EXPECTED = {
    "date": "a date as YYYY-MM-DD",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
}


def _convert(field: _schema.Field, col: pd.Series) -> pd.Series:
    import pandas as pd

    if field.enum is not None:
        # Unknown values become missing (and are reported by the caller) rather than
        # raising, which pandas will do for out-of-category values in a future version.
        codes = pd.Index(field.enum).get_indexer(pd.Index(col.fillna("")))
        return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(list(field.enum))), index=col.index)
    if field.type == "date":
        # strptime alone takes 2021-1-5; the lexical form of a Table Schema date is YYYY-MM-DD.
        iso = col.where(col.str.fullmatch(r"\d{4}-\d{2}-\d{2}", na=False))
        return pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")
    if field.type == "integer":
        # Digits only, as the frictionless validator reads integers: 4e1 and 40.0 are not integers.
        digits = col.where(col.str.fullmatch(r"[-+]?\d+", na=False))
        return pd.to_numeric(digits, errors="coerce").astype("Int64")
    if field.type == "number":
        return pd.to_numeric(col, errors="coerce").astype("float64")
    if field.type == "boolean":
        mapping = {**dict.fromkeys(TRUE_VALUES, True), **dict.fromkeys(FALSE_VALUES, False)}
        return col.map(mapping).astype("boolean")
    return col


def column_values(col: pd.Series) -> list[Any]:
    """A column as plain Python values, with every kind of missing value (NA, NaT, NaN) as None."""
    import pandas as pd

    if isinstance(col.dtype, pd.CategoricalDtype):
        col = col.astype("object")
    array = col.to_numpy(dtype=object, copy=True)
    array[col.isna().to_numpy()] = None
    values: list[Any] = array.tolist()
    return values


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as plain dicts, with every kind of missing value (NA, NaT, NaN) as None."""
    names = [str(c) for c in frame.columns]
    columns = [column_values(frame[c]) for c in frame.columns]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _is_missing(value: Any) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def safe_path(path: object) -> str:
    """A resource path that stays inside its package folder, or a ValueError saying why not.

    Like the frictionless validator, a descriptor may not send a reader to ``/etc/passwd`` or
    ``../../secret.csv``: only relative POSIX paths without ``..`` segments are followed.
    """
    if not isinstance(path, str) or not path:
        raise ValueError(f"resource path {shown(path)} is not a file name")
    parts = path.split("/")
    if (path.startswith("/") or "\\" in path or "\x00" in path or ":" in parts[0]
            or any(part in ("", ".", "..") for part in parts)):
        raise ValueError(f"resource path {shown(path)} is not safe: it must be a relative path inside the package folder")
    return path


def read_raw(table: _schema.Table, base: Traversable | None = None) -> bytes:
    """The bytes of a table's CSV file (shipped, or under another data package folder)."""
    root = base if base is not None else _resources.data_dir()
    node = root
    for part in safe_path(table.path).split("/"):
        node = node / part
    return node.read_bytes()


def cached_table(name: str) -> pd.DataFrame:
    """The shipped table, parsed once per process; callers must copy before handing out.

    The first load of each table checks its file against the descriptor's hash and size, so a
    tampered or truncated file raises a ValueError naming it instead of loading silently.
    """
    from belarus_measures.store.package import SHIPPED

    return SHIPPED.table(name)


def cached(key: str, build: Callable[[], T]) -> T:
    """A value derived from the shipped tables (an index, a lookup), built once per parse."""
    from belarus_measures.store.package import SHIPPED

    return SHIPPED.cached(key, build)


def clear_cache() -> None:
    """Forget every parsed table and what was derived from them (tests start from a cold cache)."""
    from belarus_measures.store.package import SHIPPED

    SHIPPED.clear()


def load_all(base: Traversable | None = None,
             tables: Mapping[str, _schema.Table] | None = None) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Parse every table of a data package folder, collecting type problems."""
    tables = tables if tables is not None else _schema.shipped_tables()
    frames: dict[str, pd.DataFrame] = {}
    problems: list[str] = []
    for name, table in tables.items():
        try:
            raw = read_raw(table, base)
        except FileNotFoundError:
            problems.append(f"{name}: file {table.path} is missing")
            continue
        try:
            frame, found = parse_csv(table, raw)
        except (ValueError, UnicodeDecodeError) as err:  # pandas' ParserError is a ValueError
            problems.append(f"{name}: {table.path} cannot be read as CSV ({err})")
            continue
        frames[name] = frame
        problems.extend(found)
    return frames, problems
