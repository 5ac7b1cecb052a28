"""Dates as every public function takes them: a ``datetime.date`` or a ``YYYY-MM-DD`` string.

One parser for the accessors, the timeline and the command line, so the same value is
accepted or refused the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import re

from belarus_measures.text.errors import shown

DATE_FORMAT = "YYYY-MM-DD"
# Exactly four digits, two, two: fromisoformat alone also takes ISO week dates
# (2021-W01-1) and compact forms (20210101), which a reader would not expect to be dates.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

DateLike = str | dt.date


def parse_day(name: str, value: object) -> dt.date:
    """The calendar day ``value`` names; a ``TypeError``/``ValueError`` names ``name`` and the value.

    >>> parse_day("start", "2021-03-01")
    datetime.date(2021, 3, 1)
    >>> parse_day("start", "2021-W01-1")
    Traceback (most recent call last):
    ...
    ValueError: start='2021-W01-1' is not a valid date; expected the format YYYY-MM-DD, e.g. '2020-10-02'
    """
    if isinstance(value, dt.datetime):
        # pandas' NaT is a datetime that is no day at all; it never equals itself.
        if value != value:
            raise ValueError(f"{name}={value!r} is a missing date; give a day as {DATE_FORMAT}")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a date or a {DATE_FORMAT} string, got {shown(value)} "
                        f"({type(value).__name__})")
    if _ISO_DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{name}={shown(value)} is not a valid date; expected the format {DATE_FORMAT}, e.g. '2020-10-02'")
