"""Every code block of the README runs, as written.

The two install commands open the README: the first runs in a fresh copy of the checkout
(it installs from the package index, as a new user's machine would), the second is what CI
runs. The Python blocks run one after the other in one fresh interpreter, the shell block
of commands line by line in a folder holding the ``old/`` and ``datapackage/`` it names.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from belarus_measures.store import resources as _resources
from conftest import ROOT

BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)


def blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [body for lang, body in BLOCK.findall(text) if lang == language]


def test_the_readme_opens_with_exactly_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    head = text.split("\n## ", 1)[0]
    found = BLOCK.findall(head)
    assert [lang for lang, _ in found] == ["sh", "sh"]
    assert all(body.count("\n") == 1 for _, body in found)


def test_ci_runs_the_second_command_verbatim() -> None:
    second = blocks("sh")[1].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci.splitlines()


def _tracked_copy(into: Path) -> Path:
    """The checkout's tracked files as they are in the working tree (no venv, no caches)."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    for name in listed.stdout.decode("utf-8").split("\0"):
        if name and (ROOT / name).is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, into / name)
    return into


@pytest.mark.slow
def test_the_first_command_installs_and_prints_the_summary(tmp_path: Path) -> None:
    checkout = _tracked_copy(tmp_path / "checkout")
    first = blocks("sh")[0].strip()
    run = subprocess.run(first, shell=True, cwd=checkout, capture_output=True, text=True, timeout=900,
                         env={k: v for k, v in os.environ.items() if not k.startswith("VIRTUAL_ENV")})
    assert run.returncode == 0, run.stderr[-2000:]
    assert "measures by" in run.stdout and "Rows per table" in run.stdout


@pytest.mark.slow
def test_the_python_blocks_run_in_order(tmp_path: Path) -> None:
    script = "\n\n".join(blocks("python"))
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    assert (tmp_path / "tmp" / "pkg" / "datapackage.json").is_file()


def _cli_prefix() -> list[str]:
    """How this environment runs the command: its script, else ``python -m``."""
    command = Path(sys.executable).parent / "belarus-measures"
    return [str(command)] if command.exists() else [sys.executable, "-m", "belarus_measures"]


@pytest.mark.slow
def test_the_command_block_runs_line_by_line(tmp_path: Path) -> None:
    shutil.copytree(str(_resources.data_dir()), tmp_path / "old")
    shutil.copytree(str(_resources.data_dir()), tmp_path / "datapackage")
    prefix = _cli_prefix()
    lines = [line.split("  #")[0].strip() for line in blocks("sh")[2].splitlines()]
    assert len(lines) >= 8
    for line in filter(None, lines):
        words = shlex.split(line)
        assert words[0] == "belarus-measures", line
        run = subprocess.run([*prefix, *words[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, (line, run.stderr[-2000:])
        assert run.stdout.strip(), line
    assert (tmp_path / "belarus.sqlite").is_file() and (tmp_path / "timeline.png").is_file()
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.slow
def test_the_site_block_builds_and_opens_the_site(tmp_path: Path) -> None:
    build, show = [line for line in blocks("sh")[3].splitlines() if line.strip()]
    prefix = _cli_prefix()
    words = shlex.split(build)
    assert words[0] == "belarus-measures"
    run = subprocess.run([*prefix, *words[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    # webbrowser runs the command named by $BROWSER: `true` stands in for the reader's browser.
    words = shlex.split(show)
    assert words[:3] == ["python3", "-m", "webbrowser"]
    opened = subprocess.run([sys.executable, *words[1:]], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "BROWSER": "true"}, timeout=60)
    assert opened.returncode == 0, opened.stderr
    assert (tmp_path / words[-1]).is_file()
