"""Quotes from the five seed articles are verbatim, and every seed is cited."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import belarus_measures as bm
from conftest import ROOT, SEEDS, SHARED

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")

QUOTE_MARKS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS)).strip()


def seed_texts() -> dict[str, str]:
    """Seed text by address, read from SOURCES.md's table."""
    table = (SEEDS / "SOURCES.md").read_text(encoding="utf-8")
    texts = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 5 and cells[0].endswith(".txt"):
            texts[cells[4]] = norm((SEEDS / cells[0]).read_text(encoding="utf-8"))
    return texts


def quotes_by_url() -> list[tuple[str, str, str]]:
    src = bm.sources().set_index("source_id").url
    rows = []
    for table, frame in (("citations", bm.citations()), ("figures", bm.figures()), ("events", bm.events())):
        for source_id, quote in zip(frame.source_id, frame.quote, strict=True):
            rows.append((table, str(src[source_id]), str(quote)))
    return rows


def test_every_seed_is_a_source() -> None:
    urls = set(bm.sources().url.dropna())
    assert set(seed_texts()) <= urls


def test_every_seed_quote_is_verbatim() -> None:
    texts = seed_texts()
    checked = 0
    for table, url, quote in quotes_by_url():
        if url in texts:
            for part in norm(quote).split(" ... "):
                assert part.strip(" .") in texts[url], (table, url, part)
            checked += 1
    assert checked >= len(texts)


def test_every_seed_is_quoted() -> None:
    quoted = {url for _, url, _ in quotes_by_url()}
    assert set(seed_texts()) <= quoted


def test_a_paraphrase_would_be_caught() -> None:
    texts = seed_texts()
    url = next(u for u in texts if "rferl" in u)
    assert "supported on September 17 by 574 EU lawmakers" in texts[url]
    assert "supported on 17 September by 574 EU lawmakers" not in texts[url]


@pytest.mark.skipif(not (SHARED / "tools" / "check_seed_quotes.py").exists(), reason="tool not present")
def test_shared_seed_quote_tool_finds_no_near_miss() -> None:
    result = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "check_seed_quotes.py"), str(ROOT)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert "no fact from this seed article is quoted yet" not in result.stdout
