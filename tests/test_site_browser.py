"""The static site in a real browser: Debian's Chromium driven by Playwright for Python.

The site is built by the ``belarus-measures site`` command of the wheel installed into a fresh
virtual environment, as a user would build it, then opened from ``file://``. Playwright is
told to use the system browser (``executable_path``): nothing is downloaded at test time.
CI (``.ci/run``) installs Chromium; elsewhere, without it, these tests are skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import pytest

import belarus_measures as bm
from conftest import ROOT, _lock, _session_dir
from test_packaging import fresh_venv, install

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
# The flags a headless Chromium needs in a sandboxed machine without network: no background
# connections (each would be refused and logged), no first-run or update checks.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = Path(os.environ.get("BM_SITE_SCREENSHOTS", ROOT / "build" / "site-screenshots"))


def _require_browser() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed; the test extras install it")
        pytest.skip("playwright is not installed")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; .ci/run installs it (apt-get install chromium)")
        pytest.skip("no system Chromium (apt-get install chromium)")
    return sync_playwright


@pytest.fixture(scope="session")
def wheel_site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site written by the installed wheel's command, built once per session."""
    folder = _session_dir(tmp_path_factory, "wheel-site")
    out = folder / "site"
    with _lock(folder):
        if not (folder / "done").exists():
            shutil.rmtree(out, ignore_errors=True)
            python = fresh_venv(folder)
            install(python, wheel, cwd=folder)
            run = subprocess.run([str(python), "-m", "belarus_measures", "site", "--out", str(out)],
                                 capture_output=True, text=True, cwd=folder)
            assert run.returncode == 0, run.stderr[-3000:]
            (folder / "done").touch()
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _require_browser()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page that records every console error and uncaught exception."""

    def __init__(self, browser: Any, **options: Any) -> None:
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, url: str, wait_until: str = "load") -> Any:
        self.page.goto(url, wait_until=wait_until)
        return self.page


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.context.close()


def url(site: Path, path: str) -> str:
    return (site / path).as_uri()


@pytest.mark.slow
def test_the_home_page_renders_with_no_console_errors(wheel_site: Path, watched: Watched) -> None:
    page = watched.open(url(wheel_site, "index.html"))
    assert watched.errors == []
    assert "Belarus" in page.locator("h1").inner_text()
    assert page.locator("svg.timeline circle").count() == len(bm.measures(start="2020-08-01"))
    assert page.locator("svg.timeline polyline.prisoners").count() == 1
    assert bm.__version__ in page.locator("main").inner_text()


SHARDS = 2  # the crawl (about 45 ms a page) is split so that two test workers share it


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS))
def test_a_crawler_follows_every_internal_link_and_finds_none_broken(wheel_site: Path, watched: Watched,
                                                                     shard: int) -> None:
    """Every page, loaded in the browser: no console error, and every link it holds resolves.

    Pages are shared out by their place in the sorted list; that every page is reachable from the
    home page is checked on the files (tests/test_site.py), where it is fast.
    """
    pages = sorted(wheel_site.rglob("*.html"))[shard::SHARDS]
    assert pages
    # getAttribute, not .href: an SVG link's href is an object, not the address.
    links_js = ("Array.from(document.querySelectorAll('a[href], link[href], script[src]'), "
                "e => new URL(e.getAttribute('href') || e.getAttribute('src'), document.baseURI).href)")
    broken, errors = [], []
    for path in pages:
        page = watched.open(path.as_uri(), wait_until="domcontentloaded")
        if watched.errors:
            errors.append((path.name, list(watched.errors)))
            watched.errors.clear()
        for link in page.evaluate(links_js):
            parts = urlsplit(link)
            if parts.scheme == "file":
                target = Path(unquote(parts.path))
                if not target.is_file() or wheel_site.resolve() not in target.resolve().parents:
                    broken.append((path.name, link))
            elif parts.scheme not in ("http", "https"):
                broken.append((path.name, link))
    assert broken == [] and errors == []


@pytest.mark.slow
@pytest.mark.parametrize(("query", "expected"), [
    ("Лукашэнка", "lukashenka-alyaksandr"),
    ("Lukashenko", "lukashenka-alyaksandr"),
    ("Loukachenko", "lukashenka-alyaksandr"),
    ("Belaruskali", "belaruskali-oao"),
    ("Belavia", "belavia"),
])
def test_search_shows_the_right_target_first(wheel_site: Path, watched: Watched, query: str, expected: str) -> None:
    page = watched.open(url(wheel_site, "search.html") + "?q=" + quote(query))
    first = page.locator("#results ol.results-targets li a").first
    assert first.get_attribute("href") == f"target/{expected}.html", page.locator("#results").inner_text()[:500]
    assert page.locator("#q").input_value() == query
    assert watched.errors == []


@pytest.mark.slow
def test_typing_in_the_search_box_updates_the_results(wheel_site: Path, watched: Watched) -> None:
    page = watched.open(url(wheel_site, "search.html"))
    assert page.locator("#results li").count() == 0
    page.fill("#q", "Belavia")
    assert page.locator("#results ol.results-targets li a").first.get_attribute("href") == "target/belavia.html"
    page.fill("#q", "zzzzqqq")
    assert "Nothing matches" in page.locator("#results").inner_text()


@pytest.mark.slow
def test_the_page_folds_every_name_exactly_as_python_does(wheel_site: Path, watched: Watched) -> None:
    from belarus_measures.text.names import fold

    spellings = sorted(set(bm.target_aliases().alias) | set(bm.targets().name)
                       | {"Łukaszenka", "Tikhanovskaïa", "Aljaksandravitj", "ЛУКАШЭНКА  Аляксандр", "O’Brien"})
    page = watched.open(url(wheel_site, "search.html"))
    in_browser = page.evaluate("names => names.map(n => window.bmSearch.fold(n, true))", spellings)
    differ = [(s, b, fold(s, drop_legal_forms=True)) for s, b in zip(spellings, in_browser, strict=True)
              if b != fold(s, drop_legal_forms=True)]
    assert differ == []


@pytest.mark.slow
def test_a_measure_page_shows_its_quotes_and_source_links(wheel_site: Path, watched: Watched) -> None:
    m = bm.measure("eu-2020-10-02-designations")
    page = watched.open(url(wheel_site, "measure/eu-2020-10-02-designations.html"))
    quotes = page.locator("ol.citations blockquote").all_inner_texts()
    assert [q.strip() for q in quotes] == [c.quote.strip() for c in m.citations]
    hrefs = page.locator("ol.citations p.source a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [c.url for c in m.citations if c.url]
    assert watched.errors == []


@pytest.mark.slow
def test_pages_read_without_javascript(wheel_site: Path, browser: Any) -> None:
    w = Watched(browser, java_script_enabled=False)
    try:
        page = w.open(url(wheel_site, "target/lukashenka-alyaksandr.html"))
        text = page.locator("main").inner_text()
        assert "лукашэнка" in text.lower() and "EU" in text
        assert page.locator('td[lang^="be"]').count() >= 1
    finally:
        w.context.close()


@pytest.mark.slow
def test_screenshots_of_the_home_and_a_target_page_are_written_for_review(wheel_site: Path, browser: Any) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    w = Watched(browser, viewport={"width": 1200, "height": 1400})
    try:
        for path, name in (("index.html", "site-home.png"), ("target/belavia.html", "site-target.png")):
            w.open(url(wheel_site, path)).screenshot(path=str(SCREENSHOTS / name))
            assert (SCREENSHOTS / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        w.context.close()
