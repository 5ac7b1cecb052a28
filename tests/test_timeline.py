"""The timeline plot: a lane per jurisdiction, a marker per measure, events as lines."""

from __future__ import annotations

from pathlib import Path

import pytest

import belarus_measures as bm
from belarus_measures.cli import main

pytest.importorskip("matplotlib")


def test_every_measure_since_start_is_drawn_once() -> None:
    fig = bm.timeline_figure(start="2021-01-01", lanes=5)
    ax = fig.axes[0]
    drawn = sum(len(c.get_offsets()) for c in ax.collections)
    assert drawn == int((bm.measures().date >= "2021-01-01").sum())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 6 and labels[-1] == "other"
    assert labels[0] == "EU"  # the jurisdiction with most measures comes first


def test_main_events_are_lines() -> None:
    fig = bm.timeline_figure()
    lines = [ln for ln in fig.axes[0].get_lines() if ln.get_linestyle() == "--"]
    assert len(lines) >= 5


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_the_image_is_written(tmp_path: Path, suffix: str) -> None:
    path = bm.write_timeline(tmp_path / f"t{suffix}")
    assert path.stat().st_size > 10_000


def test_bad_input_is_refused_with_the_valid_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match=r"'\.gif'.*\.png"):
        bm.write_timeline(tmp_path / "t.gif")
    with pytest.raises(ValueError, match="0"):
        bm.timeline_figure(lanes=0)
    assert main(["timeline", "--out", str(tmp_path / "t.bmp")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_readme_embeds_the_committed_timeline() -> None:
    root = Path(__file__).resolve().parent.parent
    assert "docs/timeline.png" in (root / "README.md").read_text(encoding="utf-8")
    assert (root / "docs" / "timeline.png").stat().st_size > 10_000
