"""How a bad value is shown in an error message: recognisable, but never a wall of text.

A value pasted in full can be megabytes long (a corrupted cell, a fuzzed argument); the
message keeps its start, enough to find it, and says how long it was.
"""

from __future__ import annotations

LIMIT = 80


def shown(value: object, limit: int = LIMIT) -> str:
    """``repr(value)``, cut to ``limit`` characters with the full length said when it is longer.

    >>> shown("Belavia")
    "'Belavia'"
    >>> shown("x" * 5_000_000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (5000002 characters)"
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"
