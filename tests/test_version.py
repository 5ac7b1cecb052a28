"""One version everywhere, and a CHANGELOG whose releases are ordered SemVer steps."""

from __future__ import annotations

import re
import tomllib

import belarus_measures as bm
from belarus_measures import _resources
from conftest import ROOT

HEADING = re.compile(r"^## \[(\d+)\.(\d+)\.(\d+)\] - (\d{4}-\d{2}-\d{2})$", re.M)


def releases() -> list[tuple[tuple[int, int, int], str]]:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    return [((int(a), int(b), int(c)), d) for a, b, c, d in HEADING.findall(text)]


def test_version_is_the_same_everywhere() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "belarus_measures/_version.py"
    descriptor = _resources.descriptor()
    assert descriptor["version"] == bm.__version__
    top, date = releases()[0]
    assert ".".join(map(str, top)) == bm.__version__
    assert str(descriptor["created"]).startswith(date)


def test_changelog_has_unreleased_then_releases_newest_first() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.index("## [Unreleased]") < text.index("## [" + bm.__version__ + "]")
    found = releases()
    assert found, "no release headings"
    assert [v for v, _ in found] == sorted((v for v, _ in found), reverse=True)
    assert [d for _, d in found] == sorted((d for _, d in found), reverse=True)


def test_each_release_is_one_semver_step() -> None:
    found = [v for v, _ in releases()]
    for newer, older in zip(found, found[1:], strict=False):
        steps = {(older[0] + 1, 0, 0), (older[0], older[1] + 1, 0), (older[0], older[1], older[2] + 1)}
        assert newer in steps, (older, newer)
