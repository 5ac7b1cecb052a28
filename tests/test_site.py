"""The static site, read as files: every page present, linked, escaped and small enough.

The browser tests (tests/test_site_browser.py) load the same pages in Chromium; these read
the HTML with the standard library, so they run everywhere and fast.
"""

from __future__ import annotations

import json
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import belarus_measures as bm
from belarus_measures.cli import main
from belarus_measures.site.build import MARKER
from belarus_measures.store import files as _files

MAX_PAGE = 300 * 1024


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bm.build_site(tmp_path_factory.mktemp("site") / "out").parent


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        for name in ("href", "src"):
            if a.get(name):
                self.links.append(str(a[name]))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_item_has_its_page(site: Path) -> None:
    from belarus_measures.site.pages import page_name

    for folder, frame, column in (("measure", bm.measures(), "measure_id"), ("target", bm.targets(), "target_id"),
                                  ("actor", bm.actors(), "actor_id")):
        missing = [x for x in frame[column] if not (site / folder / page_name(x)).is_file()]
        assert missing == [], (folder, missing[:5])
    for name in ("index.html", "search.html", "measures.html", "targets.html", "actors.html", "jurisdictions.html",
                 "changes.html", "static/style.css", "static/search.js", "static/search-index.js", MARKER):
        assert (site / name).is_file(), name
    assert sorted(p.stem for p in (site / "changes").glob("*.html")) == sorted(bm.releases())


def test_no_page_is_over_300_kb(site: Path) -> None:
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert len(sizes) > 1000
    assert {p: s for p, s in sizes.items() if s > MAX_PAGE} == {}


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken = []
    parsed = {p: _parse(p) for p in site.rglob("*.html")}
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            assert parts.scheme == "", (page, link)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append((page.relative_to(site).as_posix(), link))
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in parsed[target].ids:
                broken.append((page.relative_to(site).as_posix(), link))
    assert broken == []
    # Every page can be reached from the home page by following links.
    reached, queue = {site / "index.html"}, [site / "index.html"]
    while queue:
        page = queue.pop()
        for link in parsed[page].links:
            parts = urlsplit(link)
            if not parts.scheme and parts.path.endswith(".html"):
                target = Path(os.path.normpath(page.parent / unquote(parts.path)))
                if target not in reached and target in parsed:
                    reached.add(target)
                    queue.append(target)
    assert set(parsed) - reached == set()


def test_the_home_page_carries_schema_org_dataset_metadata(site: Path) -> None:
    scripts = _parse(site / "index.html").scripts
    (doc,) = [json.loads(s) for s in scripts if '"@context"' in s]
    assert doc["@type"] == "Dataset" and doc["version"] == bm.__version__
    assert doc["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    for download in doc["distribution"]:
        assert (site / download["contentUrl"]).is_file()
    assert doc["temporalCoverage"] == f"2020-08-09/{bm.measures().date.max():%Y-%m-%d}"


def test_a_measure_page_shows_every_quote_and_source(site: Path) -> None:
    m = bm.measure("eu-2020-10-02-designations")
    from html import unescape

    html = unescape((site / "measure" / "eu-2020-10-02-designations.html").read_text(encoding="utf-8"))
    assert len(m.citations) >= 2
    for c in m.citations:
        assert c.quote in html
        if c.url:
            assert f'href="{c.url}"' in html
    for count in m.counts:
        assert f"{count.count} {count.target_kind}" in html


def test_a_target_page_shows_names_with_their_language_and_the_history(site: Path) -> None:
    html = (site / "target" / "belavia.html").read_text(encoding="utf-8")
    assert 'lang="be-Cyrl"' in html or 'lang="ru-Cyrl"' in html
    h = bm.designation_history("belavia")
    us = h[h.jurisdiction == "US"]
    for day in us.date.dt.strftime("%Y-%m-%d"):
        assert f'<time datetime="{day}">' in html
    assert "delisted" in html


def _rewrite(package: Path, table: str, edit) -> None:  # type: ignore[no-untyped-def]
    """Change one CSV file of a package and record its new hash and size in the descriptor."""
    descriptor_path = package / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    (resource,) = [r for r in descriptor["resources"] if r["name"] == table]
    path = package / resource["path"]
    content = edit(path.read_text(encoding="utf-8")).encode("utf-8")
    path.write_bytes(content)
    resource.update(_files.stats(content))
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def test_hostile_text_in_the_data_is_shown_as_text_and_never_linked(package_copy: Path, tmp_path: Path) -> None:
    script = "<script>alert('x')</script>"
    _rewrite(package_copy, "measures", lambda text: text.replace(
        "EU lists 40 people over repression", f"EU lists 40 people {script} over repression", 1))
    first_url = bm.sources().url.dropna().iloc[0]
    _rewrite(package_copy, "sources", lambda text: text.replace(first_url, "javascript:alert(1)", 1))
    home = bm.build_site(tmp_path / "site", store=bm.load(package_copy))
    pages = "".join(p.read_text(encoding="utf-8") for p in home.parent.rglob("*.html"))
    assert script not in pages and "&lt;script&gt;alert(" in pages
    assert "javascript:" not in pages
    index = (home.parent / "static" / "search-index.js").read_text(encoding="utf-8")
    assert "alert('x')<\\/script>" in index and "</script>" not in index


def test_a_package_of_another_release_builds_without_the_change_pages(tmp_path: Path) -> None:
    from belarus_measures import testing

    descriptor = testing.write_package(tmp_path / "pkg", n_measures=12)
    home = bm.build_site(tmp_path / "site", store=bm.load(descriptor))
    assert len(list((home.parent / "measure").glob("*.html"))) == 12
    assert "no change feed" in (home.parent / "changes.html").read_text(encoding="utf-8")
    assert not (home.parent / "changes").exists()


@pytest.mark.parametrize("bad", [None, 3, b"site", ["x"]])
def test_build_site_refuses_what_is_not_a_folder_path(bad: object) -> None:
    with pytest.raises(TypeError, match="out must be"):
        bm.build_site(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["", "site\x00x"])
def test_build_site_refuses_an_unusable_path(bad: str) -> None:
    with pytest.raises(ValueError, match="not a usable folder path"):
        bm.build_site(bad)


def test_build_site_refuses_a_file_and_a_store_that_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match="is not a folder"):
        bm.build_site(tmp_path / "file")
    with pytest.raises(TypeError, match="store must be"):
        bm.build_site(tmp_path / "site", store="datapackage")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="overwrite must be"):
        bm.build_site(tmp_path / "site", overwrite="yes")  # type: ignore[arg-type]


def test_a_folder_of_someone_else_is_never_replaced(tmp_path: Path) -> None:
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "thesis.txt").write_text("keep me")
    for overwrite in (False, True):
        with pytest.raises(ValueError, match="not empty|not a site built"):
            bm.build_site(mine, overwrite=overwrite)
    assert [p.name for p in mine.iterdir()] == ["thesis.txt"]


def test_a_site_built_before_is_replaced_whole_only_when_asked(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    bm.build_site(out)
    (out / "measure" / "stale.html").write_text("old")
    with pytest.raises(ValueError, match="not empty"):
        bm.build_site(out)
    bm.build_site(out, overwrite=True)
    assert not (out / "measure" / "stale.html").exists() and (out / MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left behind


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_read_only_parent_fails_with_an_os_error_and_leaves_nothing(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root writes into any folder a chmod makes read-only: use a file system nobody can write.
        with pytest.raises(OSError):
            bm.build_site("/proc/belarus-measures-site")
        assert not Path("/proc/belarus-measures-site").exists()
        return
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(OSError):
            bm.build_site(parent / "site")
        assert list(parent.iterdir()) == []
    finally:
        parent.chmod(stat.S_IRWXU)


def test_a_failed_build_leaves_no_half_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from belarus_measures.site import build as _build

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(_build, "_copy_data", broken)
    with pytest.raises(OSError, match="disk full"):
        bm.build_site(tmp_path / "site")
    assert list(tmp_path.iterdir()) == []


def test_the_command_builds_the_site_and_reports_bad_input_on_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["site", "--out", str(tmp_path / "site")]) == 0
    assert "index.html" in capsys.readouterr().out
    assert main(["site", "--out", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not empty" in err
    assert main(["site", "--out", str(tmp_path / "site"), "--force"]) == 0
    assert main(["site", "--out", str(tmp_path / "x"), "--datapackage", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_page_names_stay_inside_their_folder_and_never_collide() -> None:
    from belarus_measures.site.pages import page_name

    hostile = ["../../etc/passwd", "a/b", "a\\b", "x\x00y", "CON", "Ab", "ab", "a b", "..", ".", "é", "a" * 500]
    names = [page_name(x) for x in hostile]
    assert len(set(names)) == len(names)
    for name in names:
        assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*\.html", name) and len(name) < 120, name


def test_diff_by_release_number_answers_from_the_feed(capsys: pytest.CaptureFixture[str]) -> None:
    from belarus_measures.reports.diff import diff_releases

    assert main(["diff", "0.9.0", "0.10.0", "--detail", "0"]) == 0
    out = capsys.readouterr().out
    added = {t.table: len(t.added) for t in diff_releases("0.9.0", "0.10.0")}
    assert f"measures: +{added['measures']} added" in out
    assert main(["diff", "0.9.0", "9.9.9"]) == 2
    assert "no release '9.9.9'" in capsys.readouterr().err
    assert main(["diff", "0.9.0", "2026-13-01"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'2026-13-01'" in err and "neither a release" in err
