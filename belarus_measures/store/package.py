"""One data package: its descriptor, its tables' schemas, the tables parsed lazily, what is derived.

The shipped package is one instance (``SHIPPED``), found and checked on first use; ``open``
makes another for any data package folder (an older release, a fork, a synthetic one). Each
instance parses a table once, under its own lock, after checking the file against the hash
and size its descriptor records; ``clear()`` forgets everything at once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from belarus_measures.store import io as _io
from belarus_measures.store import resources as _resources
from belarus_measures.store import schema as _schema
from belarus_measures.text.errors import shown

if TYPE_CHECKING:
    import pandas as pd

T = TypeVar("T")


class PackageData:
    """The files of one data package and everything parsed or derived from them.

    ``folder=None`` is the shipped package: its descriptor is the one checked against the
    checksum written into the package when the release was built.
    """

    def __init__(self, folder: Traversable | None = None, descriptor: Mapping[str, Any] | None = None) -> None:
        self._folder = folder
        self._given = descriptor
        self._lock = threading.RLock()
        self._frames: dict[str, pd.DataFrame] = {}
        self._derived: dict[str, object] = {}
        self._descriptor: dict[str, Any] | None = None
        self._tables: Mapping[str, _schema.Table] | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> PackageData:
        """The data package whose ``datapackage.json`` is ``path`` (or lies in the folder ``path``).

        A descriptor that cannot be used raises a ValueError naming the file and its first problems.
        """
        from belarus_measures.checks.validate import read_descriptor

        if isinstance(path, Traversable) and not isinstance(path, str | os.PathLike):
            raise TypeError(f"path must be a path, got {shown(path)} ({type(path).__name__})")
        folder, descriptor, problems = read_descriptor(path)
        if descriptor is None:
            raise ValueError(f"{shown(os.fspath(path))} cannot be loaded: " + "; ".join(problems[:3]))
        return cls(folder, descriptor)

    @property
    def shipped(self) -> bool:
        return self._folder is None

    @property
    def folder(self) -> Traversable:
        """The folder that holds datapackage.json and the data files."""
        return self._folder if self._folder is not None else _resources.data_dir()

    def descriptor(self) -> dict[str, Any]:
        """A fresh copy of the package's descriptor, parsed."""
        import copy

        with self._lock:
            if self._descriptor is None:
                self._descriptor = (dict(copy.deepcopy(self._given)) if self._given is not None
                                    else _resources.descriptor())
            return copy.deepcopy(self._descriptor)

    @property
    def tables(self) -> Mapping[str, _schema.Table]:
        """The package's tables as its own descriptor describes them, in resource order."""
        with self._lock:
            if self._tables is None:
                self._tables = (_schema.shipped_tables() if self.shipped
                                else _schema.parse_descriptor(self.descriptor()))
            return self._tables

    def schema(self, name: str) -> _schema.Table:
        """The schema of one table; a ValueError names the package's tables."""
        tables = self.tables
        if not isinstance(name, str) or name not in tables:
            raise ValueError(f"unknown table {shown(name)}; valid tables: {', '.join(tables)}")
        return tables[name]

    def names(self) -> tuple[str, ...]:
        """The package's table names, in descriptor order."""
        return tuple(self.tables)

    def table(self, name: str) -> pd.DataFrame:
        """A table parsed once; callers copy before handing it out.

        The first load checks the file against its descriptor's hash and size, so a tampered or
        truncated file raises a ValueError naming it instead of loading silently.
        """
        with self._lock:
            frame = self._frames.get(name)
            if frame is None:
                table = self.schema(name)
                frame, problems = _io.parse_csv(table, self._verified_raw(table))
                if problems:
                    raise ValueError(
                        f"{self._where()} does not match its descriptor: " + "; ".join(problems[:10])
                        + " (validate() gives the full report)"
                    )
                self._frames[name] = frame
            return frame

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """A value derived from the tables (an index, a lookup), built once per parse."""
        with self._lock:
            if key not in self._derived:
                self._derived[key] = build()
            return cast(T, self._derived[key])

    def clear(self) -> None:
        """Forget every parsed table and derived value (and, for the shipped package, its descriptor)."""
        with self._lock:
            self._frames.clear()
            self._derived.clear()
            if self.shipped:
                self._descriptor = None
                self._tables = None
                _resources.clear()
                _schema.shipped_tables.cache_clear()

    def _where(self) -> str:
        return "the shipped data" if self.shipped else f"the data package at {self.folder}"

    def _verified_raw(self, table: _schema.Table) -> bytes:
        raw = _io.read_raw(table, self.folder)
        resource = next(r for r in self.descriptor()["resources"] if r["name"] == table.name)
        size, digest = resource.get("bytes"), resource.get("hash")
        if len(raw) != size or _resources.sha256(raw) != digest:
            hint = ("reinstall belarus-measures, or in a checkout run the build script after editing"
                    if self.shipped else "validate() it, or rebuild its descriptor after editing")
            raise ValueError(
                f"{table.path} in {self._where()} was changed or damaged after its descriptor was written "
                f"({len(raw)} bytes, the descriptor says {shown(size)}; or the checksums differ): {hint}"
            )
        return raw


SHIPPED = PackageData()


def as_path(value: object) -> Path:
    """``value`` as a filesystem path; a TypeError names anything else."""
    if not isinstance(value, str | os.PathLike):
        raise TypeError(f"path must be a str or os.PathLike, got {shown(value)} ({type(value).__name__})")
    return Path(value)
