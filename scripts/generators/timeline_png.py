"""``docs/timeline.png``: drawn by ``belarus_measures.timeline.write_timeline``, stamped with its inputs.

Why a stamp and not a byte comparison: matplotlib's Agg renderer is deterministic for one
installation (the same matplotlib, FreeType and fonts draw the same pixels; with the
``Software`` text chunk removed, the PNG carries no version and no date), but another
matplotlib or FreeType draws slightly different pixels from the same data. Comparing bytes would
make ``--check`` fail on any other machine although nothing changed, and re-rendering on every
check would cost seconds and prove nothing more. So the build writes into the PNG a text chunk
holding the SHA-256 of everything the picture is drawn from (the canonical bytes of the tables it
plots and the source of the drawing code); ``--check`` reads that chunk back and compares
digests: exact, instant, and the same on every machine. The PNG is redrawn only when the digest
changes, so a rebuild is byte-for-byte idempotent.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Mapping

KEY = b"belarus_measures inputs"
# The tables the timeline plots, and the package modules that draw it (paths from the root).
TABLES = ("actors", "events", "figures", "measures")
CODE = ("belarus_measures/timeline.py", "belarus_measures/store/jurisdictions.py")
_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def digest(tables: Mapping[str, bytes], code: Mapping[str, bytes]) -> str:
    """The SHA-256 of the timeline's inputs: each named table's CSV bytes and each module's source."""
    h = hashlib.sha256()
    for label, content in [*sorted(tables.items()), *sorted(code.items())]:
        h.update(f"{label}\0{len(content)}\0".encode())
        h.update(content)
    return "sha256:" + h.hexdigest()


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    if not png.startswith(_SIGNATURE):
        raise ValueError("not a PNG file")
    out, i = [], len(_SIGNATURE)
    while i < len(png):
        (length,) = struct.unpack(">I", png[i:i + 4])
        kind, data = png[i + 4:i + 8], png[i + 8:i + 8 + length]
        out.append((kind, data))
        i += 12 + length
    return out


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def stamp(png: bytes, value: str) -> bytes:
    """The PNG without its text chunks (matplotlib's ``Software`` version) and with the inputs' digest."""
    chunks = [(k, d) for k, d in _chunks(png) if k not in (b"tEXt", b"iTXt", b"zTXt")]
    text = (b"tEXt", KEY + b"\0" + value.encode("latin-1"))
    chunks.insert(len(chunks) - 1, text)  # before IEND
    return _SIGNATURE + b"".join(_chunk(k, d) for k, d in chunks)


def stamped(png: bytes) -> str | None:
    """The digest a PNG was stamped with, or None (not stamped, or not a PNG)."""
    try:
        chunks = _chunks(png)
    except (ValueError, struct.error):
        return None
    for kind, data in chunks:
        if kind == b"tEXt" and data.startswith(KEY + b"\0"):
            return data[len(KEY) + 1:].decode("latin-1")
    return None
