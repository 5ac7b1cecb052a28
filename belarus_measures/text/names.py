"""Name folding: one comparable form for the many spellings of a Belarusian name.

The same official appears as Лукашэнка (Belarusian), Лукашенко (Russian), Lukashenka,
Lukashenko, Loukachenko or Łukaszenka. Matching works on a *fold* of each spelling:
transliterated to ASCII, lower-cased, and with the letter groups that transliteration
systems render differently (sh/sz/ch, kh/h, ya/ia/ja, the Belarusian h for Russian g …)
reduced to one form. The fold is deliberately lossy: it is for ranking candidates, and the
scores, not the fold, decide.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Longest patterns first: each is applied in order, so "shch" is gone before "sh" is seen.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "s"), ("sch", "s"), ("szcz", "s"), ("sz", "s"), ("sh", "s"), ("ch", "c"), ("cz", "c"),
    ("zh", "z"), ("kh", "h"), ("tch", "c"), ("tsch", "c"), ("ts", "c"), ("tz", "c"), ("x", "ks"),
    ("ya", "a"), ("ia", "a"), ("ja", "a"), ("yu", "u"), ("iu", "u"), ("ju", "u"),
    ("ye", "e"), ("ie", "e"), ("je", "e"), ("yo", "o"), ("io", "o"), ("jo", "o"), ("ct", "kt"), ("ck", "k"),
    ("w", "v"), ("g", "h"), ("y", "i"), ("j", "i"), ("q", "k"),
)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
# Belarusian ў after a vowel (Зубкоў Zubkou, Караеў Karayeu) is the Russian в (Зубков, Караев).
_SHORT_U = re.compile(r"(?<=[aeiouy])[uw](?=[^aeiouy]|$)")
_DOUBLE = re.compile(r"([a-z])\1+")
# French and Dutch renderings write the u sound "ou" (Loukachenko, Tikhanovskaïa); the Belarusian
# ў after o stands before -sk- or at the end of a word (Tsikhanouskaya, Zubkou) and stays as it is.
_SWEDISH_TJ = re.compile(r"tj$")
_FRENCH_OU = re.compile(r"(?<=[^aeiouy])ou(?!s[kc]|$)")
# Legal forms say nothing about which entity is meant, and sources add or drop them freely.
LEGAL_FORMS = frozenset(
    "oao ojsc jsc zao cjsc ooo llc ltd limited oo ao pao pjsc sooo up rup rue ue "
    "aat zaat tav iooo chup uap ruap otkrytoe otkrytoye aktsionernoe aktsionernoye obshchestvo "
    "obschestvo zakrytoe zakrytoye "
    "open joint stock company closed society unitary enterprise republican the of".split()
)


def _normalised(text: str) -> str:
    """NFKC, with the apostrophes Belarusian and Ukrainian spellings use made one."""
    return unicodedata.normalize("NFKC", text).replace("’", "'").replace("ʼ", "'")


def ascii_form(text: str) -> str:
    """The spelling transliterated to lower-case ASCII words (Cyrillic via anyascii)."""
    from anyascii import anyascii

    plain = anyascii(_normalised(text)).lower().replace("'", "")
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def romanise(text: str) -> str:
    """A Latin rendering of a Cyrillic spelling (anyascii), keeping its capitals and word breaks.

    Used only as the display name of a target that no source spells in Latin letters.

    >>> romanise("Ольга Чемоданова")
    'Olga Chemodanova'
    >>> romanise("холдинг «БелОМО»")
    'kholding "BelOMO"'
    """
    from anyascii import anyascii

    text = _normalised(text)
    for quote in "«»„“”":
        text = text.replace(quote, '"')
    return " ".join(anyascii(text).replace("'", "").split())


def fold_word(word: str) -> str:
    """One word reduced to the skeleton that transliteration variants share."""
    # Swedish renderings end a patronymic in -vitj (Aljaksandravitj): the tj is the ch of -vich.
    word = _SWEDISH_TJ.sub("ch", word)
    word = _FRENCH_OU.sub("u", word)
    word = _SHORT_U.sub("v", word)
    for old, new in _FOLDS:
        word = word.replace(old, new)
    return _DOUBLE.sub(r"\1", word)


@lru_cache(maxsize=1 << 16)
def fold(text: str, *, drop_legal_forms: bool = False) -> str:
    """The comparable form of a name: folded words in their original order.

    >>> fold("Лукашэнка Аляксандр") == fold("Lukashenka Aliaksandr") == fold("LUKASHENKA, Alyaksandr")
    True
    >>> fold("Ціханоўская") == fold("Tsikhanouskaya")
    True
    """
    words = ascii_form(text).split()
    if drop_legal_forms:
        words = [w for w in words if w not in LEGAL_FORMS] or words
    return " ".join(fold_word(w) for w in words)


SCRIPTS = ("Latn", "Cyrl", "Arab")
_SCRIPT_PREFIXES = (("LATIN", "Latn"), ("CYRILLIC", "Cyrl"), ("ARABIC", "Arab"))


def script_of(text: str) -> str | None:
    """``Latn``, ``Cyrl`` or ``Arab`` when every letter of ``text`` is of that script, else None (mixed or none).

    >>> script_of("Лукашэнка"), script_of("Łukaszenka"), script_of("أندريه بارشين"), script_of("Lukashenka Лукашенко")
    ('Cyrl', 'Latn', 'Arab', None)
    """
    scripts = set()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            scripts.add(next((code for prefix, code in _SCRIPT_PREFIXES if name.startswith(prefix)), "other"))
    return scripts.pop() if len(scripts) == 1 and scripts <= set(SCRIPTS) else None


def cyrillic_language(text: str) -> str | None:
    """``be``, ``ru`` or ``uk`` when letters only one of the alphabets has decide it, else None.

    Belarusian alone has ў, Ukrainian alone ї, є and ґ, Russian alone ъ; і with и is Ukrainian,
    і without it Belarusian, и or щ without і Russian.

    >>> cyrillic_language("Аляксандр Рыгоравіч"), cyrillic_language("Александр Григорьевич")
    ('be', 'ru')
    >>> cyrillic_language("Геннадій Давидько"), cyrillic_language("Олег Воинов"), cyrillic_language("Олег Кобец")
    ('uk', 'ru', None)
    """
    lower = text.lower()
    has_i, has_y = "і" in lower, "и" in lower
    uk_only, be_only = any(ch in lower for ch in "їєґ"), "ў" in lower
    found = {
        "be": be_only or (has_i and not has_y and not uk_only),
        "ru": not (has_i or uk_only or be_only) and (has_y or any(ch in lower for ch in "щъ")),
        "uk": uk_only or (has_i and has_y),
    }
    languages = [code for code, yes in found.items() if yes]
    return languages[0] if len(languages) == 1 else None
