"""One version everywhere, and a CHANGELOG whose releases are ordered SemVer steps."""

from __future__ import annotations

import re
import tomllib

import pytest

import belarus_measures as bm
from belarus_measures.store import resources as _resources
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


def test_citation_file_carries_the_version_and_date() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    top, date = releases()[0]
    assert f'version: "{".".join(map(str, top))}"' in text
    assert f'date-released: "{date}"' in text


@pytest.mark.slow
def test_release_script_bumps_everything_and_drafts_the_changelog(tmp_path) -> None:
    import shutil
    import subprocess
    import sys

    repo = tmp_path / "repo"
    for part in ("belarus_measures", "datapackage", "schemas", "scripts", "docs", "contract"):
        shutil.copytree(ROOT / part, repo / part)
    for name in ("CHANGELOG.md", "README.md", "CITATION.cff", "pyproject.toml"):
        shutil.copy(ROOT / name, repo / name)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "previous release"], check=True)
    # An edit that keeps the data valid, since the diff validates both sides: a vote a day later.
    votes = repo / "datapackage" / "data" / "votes.csv"
    votes.write_text(votes.read_text(encoding="utf-8").replace(",2020-09-17,recorded,", ",2020-09-18,recorded,", 1),
                     encoding="utf-8")
    major, minor, patch = (int(p) for p in bm.__version__.split("."))
    new = f"{major}.{minor}.{patch + 1}"
    result = subprocess.run([sys.executable, str(repo / "scripts" / "release.py"), new, "--date", "2027-01-05"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f'__version__ = "{new}"' in (repo / "belarus_measures" / "_version.py").read_text(encoding="utf-8")
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index("## [Unreleased]") < changelog.index(f"## [{new}] - 2027-01-05") < changelog.index(
        f"## [{bm.__version__}]")
    assert "- `votes`: 0 added, 0 removed, 1 changed" in changelog
    import json

    descriptor = json.loads((repo / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == new and descriptor["created"].startswith("2027-01-05")
    assert f'version: "{new}"' in (repo / "CITATION.cff").read_text(encoding="utf-8")
    # The package compares releases by path only: a version is not a path and is named in the error.
    script = ("import sys; sys.path.insert(0, sys.argv[1]); from belarus_measures.reports.diff import diff;"
              "diff(sys.argv[2], sys.argv[1] + '/datapackage')")
    missing = subprocess.run([sys.executable, "-c", script, str(repo), bm.__version__], capture_output=True, text=True)
    assert missing.returncode != 0 and f"no datapackage.json at '{bm.__version__}'" in missing.stderr
    again = subprocess.run([sys.executable, str(repo / "scripts" / "release.py"), bm.__version__],
                           capture_output=True, text=True)
    assert again.returncode != 0 and "not after" in again.stderr
