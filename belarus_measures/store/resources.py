"""Where the shipped data package lives, found only through importlib.resources."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

DESCRIPTOR = "datapackage.json"

# Re-entrant: checksum() reads the descriptor under the same lock.
_lock = threading.RLock()


def data_dir() -> Traversable:
    """The folder holding datapackage.json and data/*.csv.

    The wheel carries the data as ``belarus_measures/_data`` (hatchling force-include).
    An editable install has no such folder, so the repository's ``datapackage/`` beside
    the package serves instead.
    """
    packaged = files("belarus_measures") / "_data"
    if packaged.is_dir():
        return packaged
    checkout = Path(os.fspath(str(files("belarus_measures")))).parent / "datapackage"
    if (checkout / DESCRIPTOR).is_file():
        return checkout
    raise FileNotFoundError(
        "the belarus_measures data package is missing: neither belarus_measures/_data "
        "(wheel) nor datapackage/ (checkout) was found"
    )


def sha256(raw: bytes) -> str:
    """The checksum in the form a Frictionless descriptor records it (``sha256:<hex>``)."""
    return "sha256:" + hashlib.sha256(raw).hexdigest()


@cache
def _descriptor_text() -> str:
    # The descriptor is checked against the checksum the build step wrote into the package, so
    # an edited or damaged descriptor (hashes recomputed to match edited CSV files, say) is
    # refused instead of vouching for whatever files lie beside it.
    from belarus_measures import _integrity
    from belarus_measures._version import __version__

    where = data_dir() / DESCRIPTOR
    raw = where.read_bytes()
    if sha256(raw) != _integrity.DESCRIPTOR_SHA256:
        raise ValueError(
            f"the shipped descriptor {where} is not the one this release was built with (its checksum "
            f"differs): reinstall belarus-measures, or in a checkout run python scripts/build.py"
        )
    text = raw.decode("utf-8")
    version = json.loads(text).get("version")
    if version != __version__:
        raise ValueError(f"the shipped descriptor {where} is for version {version!r}, the package is {__version__}")
    return text


def descriptor() -> dict[str, Any]:
    """A fresh copy of the shipped datapackage.json, parsed."""
    with _lock:
        text = _descriptor_text()
    parsed: dict[str, Any] = json.loads(text)
    return parsed


@cache
def _bookkeeping() -> dict[str, tuple[object, object]]:
    return {r["name"]: (r.get("hash"), r.get("bytes")) for r in descriptor()["resources"]}


def checksum(name: str) -> tuple[object, object]:
    """The hash and the size in bytes that the shipped descriptor records for one resource's file."""
    with _lock:
        found = _bookkeeping()
    if name not in found:
        raise ValueError(f"the shipped descriptor has no resource {name!r}")
    return found[name]


def clear() -> None:
    """Forget the descriptor read from disk (tests point the package at other copies)."""
    with _lock:
        _descriptor_text.cache_clear()
        _bookkeeping.cache_clear()
