"""Isolation, concurrency and no network: results are copies, threads share one parse, sockets stay shut."""

from __future__ import annotations

import socket
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import belarus_measures as bm
from belarus_measures.store import io as _io
from belarus_measures.store import resources as _resources


def test_results_are_independent_copies() -> None:
    a = bm.measures()
    a.loc[a.index[0], "title"] = "changed by a caller"
    del a["summary"]
    b = bm.measures()
    assert b.loc[b.index[0], "title"] != "changed by a caller" and "summary" in b.columns
    hits = bm.search_targets("Lukashenka")
    hits.loc[:, "score"] = 0
    assert bm.search_targets("Lukashenka").score.max() > 0


def test_sixteen_threads_get_identical_results_and_one_parse_per_table(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: Counter[str] = Counter()
    real = _io.parse_csv

    def counting(table: Any, raw: bytes) -> Any:
        parsed[table.name] += 1
        return real(table, raw)

    monkeypatch.setattr(_io, "parse_csv", counting)
    _io.clear_cache()
    barrier = threading.Barrier(16)
    results: list[tuple[int, int, int, str]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            m = bm.measures(jurisdiction="EU")
            d = bm.designations()
            c = bm.citations()
            results.append((len(m), len(d), len(c), bm.measure("eu-2020-10-02-designations").title))
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=work) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(results)) == 1 and len(results) == 16
    assert parsed and max(parsed.values()) == 1, parsed


def test_no_network_is_ever_attempted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    _io.clear_cache()
    rows = {r["name"]: r["rows"] for r in _resources.descriptor()["resources"]}
    for name in bm.list_resources():
        assert len(getattr(bm, name)()) == rows[name] > 0, name
    bm.validate()
    assert bm.search_targets("Лукашэнка Аляксандр").target_id.iloc[0] == "lukashenka-alyaksandr"
    assert not bm.coverage().empty
    assert bm.to_sqlite(tmp_path / "x.sqlite").stat().st_size > 0
    assert (bm.to_jsonl(tmp_path / "jsonl") / "measures.jsonl").is_file()
    assert bm.package().resources
