"""Where the shipped data package lives, found only through importlib.resources."""

from __future__ import annotations

import json
import os
import threading
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

DESCRIPTOR = "datapackage.json"

_lock = threading.Lock()


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


@cache
def _descriptor_text() -> str:
    return (data_dir() / DESCRIPTOR).read_text(encoding="utf-8")


def descriptor() -> dict[str, Any]:
    """A fresh copy of the shipped datapackage.json, parsed."""
    with _lock:
        text = _descriptor_text()
    parsed: dict[str, Any] = json.loads(text)
    return parsed
