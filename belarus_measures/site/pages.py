"""Where each page of the site lives: one file name per id, safe in any file system and URL.

Ids in a data package are lower-case slugs, but a package opened with ``bm.load`` is not
necessarily ours; an id with anything else in it (``../``, a slash, a NUL, upper case that
collides on a case-insensitive disk) gets a slug plus a short hash of the id, so two ids never
share a page and no id can name a path outside its folder.
"""

from __future__ import annotations

import hashlib
import re

_SAFE = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
_NOT_SAFE = re.compile(r"[^a-z0-9_-]+")


def page_name(item_id: str) -> str:
    """The file name (without folder) of an item's page.

    >>> page_name("eu-2020-10-02-designations")
    'eu-2020-10-02-designations.html'
    >>> page_name("../etc/passwd")
    'etc-passwd-7fef78f5.html'
    """
    if _SAFE.fullmatch(item_id):
        return f"{item_id}.html"
    slug = _NOT_SAFE.sub("-", item_id.lower()).strip("-")[:80] or "item"
    digest = hashlib.sha256(item_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug}-{digest}.html"


def safe_url(url: object) -> str | None:
    """``url`` when it is a web address a reader may follow (http or https), else None.

    A source's address comes from the data; a ``javascript:`` or ``data:`` address must never
    become a link.

    >>> safe_url("https://eur-lex.europa.eu/eli/dec/2020/1388/oj"), safe_url("javascript:alert(1)")
    ('https://eur-lex.europa.eu/eli/dec/2020/1388/oj', None)
    """
    if not isinstance(url, str):
        return None
    text = url.strip()
    if re.match(r"https?://[^\s\"'<>]+$", text, flags=re.IGNORECASE):
        return text
    return None
