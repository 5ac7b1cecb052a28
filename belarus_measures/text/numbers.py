"""Finding a number in a quote, written as digits or as English words."""

from __future__ import annotations

import re

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int) -> str:
    """English words for 0 <= n < 1,000,000, e.g. 574 -> 'five hundred seventy-four'."""
    if n < 0 or n >= 1_000_000:
        raise ValueError(f"words() covers 0 to 999999, got {n}")
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + words(rest))
    rest = n % 1000
    return words(n // 1000) + " thousand" + ("" if rest == 0 else " " + words(rest))


def _digit_forms(value: float) -> list[str]:
    if float(value).is_integer():
        n = int(value)
        return sorted({str(n), f"{n:,}", f"{n:,}".replace(",", " "), f"{n:,}".replace(",", "\u00a0")})
    return [repr(float(value))]


def appears_in(value: float, text: str) -> bool:
    """True when ``value`` is written in ``text`` as digits (1400, 1,400) or as words.

    >>> appears_in(40, "sanctions on 40 Belarusian officials")
    True
    >>> appears_in(8, "designated eight individuals")
    True
    >>> appears_in(14, "one aircraft")
    False
    """
    for form in _digit_forms(value):
        if re.search(r"(?<![\d.,])" + re.escape(form) + r"(?![\d]|[.,]\d)", text):
            return True
    if float(value).is_integer() and 0 <= value < 1_000_000:
        spoken = words(int(value))
        pattern = r"\b" + re.escape(spoken).replace(r"\-", "[- ]").replace(r"\ ", r"[\s-]+(?:and\s+)?") + r"\b"
        return re.search(pattern, text, flags=re.IGNORECASE) is not None
    return False
