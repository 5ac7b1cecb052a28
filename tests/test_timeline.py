"""The timeline plot: a lane per jurisdiction, a marker per measure, events as lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import belarus_measures as bm
from belarus_measures.text.errors import shown
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


# Issue 11: the start date is taken exactly as the accessors take dates (a datetime.date or
# a strict YYYY-MM-DD string), bad values name the parameter, options are checked.


def test_a_start_where_some_kind_of_measure_is_absent_draws_the_rest() -> None:
    # No counter-measure is dated after 2025-11-01: an empty marker family used to crash.
    fig = bm.timeline_figure(start="2025-11-01")
    drawn = sum(len(c.get_offsets()) for c in fig.axes[0].collections)
    assert drawn == int((bm.measures().date >= "2025-11-01").sum()) > 0


def test_a_date_start_is_the_same_as_its_string() -> None:
    by_date = bm.timeline_figure(start=dt.date(2021, 1, 1), lanes=5)
    by_text = bm.timeline_figure(start="2021-01-01", lanes=5)
    assert by_date.axes[0].get_title(loc="left") == by_text.axes[0].get_title(loc="left")
    assert "2021" in by_text.axes[0].get_title(loc="left")


def test_a_start_after_the_newest_measure_is_refused_clearly() -> None:
    newest = bm.measures().date.max().date()
    with pytest.raises(ValueError, match=rf"start='2099-01-01'.*{newest.isoformat()}"):
        bm.timeline_figure(start="2099-01-01")


@pytest.mark.parametrize("start", ["March 2021", "01/02/2021", "", "now", "2021-02-30", "20210101", "2021-W01-1"])
def test_a_start_that_is_not_a_day_is_refused_naming_it(start: str) -> None:
    with pytest.raises(ValueError, match=r"start=") as err:
        bm.timeline_figure(start=start)
    assert repr(start) in str(err.value)


@pytest.mark.parametrize("start", [None, 20210101, 2021.0, ["2021-01-01"]])
def test_a_start_of_the_wrong_type_is_refused_naming_it(start: object) -> None:
    with pytest.raises(TypeError, match=r"start") as err:
        bm.timeline_figure(start=start)  # type: ignore[arg-type]
    assert repr(start) in str(err.value)


@pytest.mark.parametrize("lanes", [True, False, "3", 2.0, None])
def test_lanes_of_the_wrong_type_are_refused_naming_them(lanes: object) -> None:
    with pytest.raises(TypeError, match="lanes") as err:
        bm.timeline_figure(lanes=lanes)  # type: ignore[arg-type]
    assert repr(lanes) in str(err.value)


@pytest.mark.parametrize("lanes", [0, -1])
def test_lanes_below_one_are_refused_naming_them(lanes: int) -> None:
    with pytest.raises(ValueError, match=rf"lanes.*{lanes}"):
        bm.timeline_figure(lanes=lanes)


def test_unknown_options_of_write_timeline_are_named(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="colour"):
        bm.write_timeline(tmp_path / "t.png", colour="red")  # type: ignore[call-arg]
    assert not (tmp_path / "t.png").exists()


@pytest.mark.parametrize("args", [
    ["--start", "March 2021"], ["--start", "01/02/2021"], ["--start", ""], ["--start", "now"],
    ["--start", "2099-01-01"], ["--lanes", "0"], ["--lanes", "-3"], ["--lanes", "two"],
])
def test_bad_timeline_options_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    out = tmp_path / "t.png"
    assert main(["timeline", "--out", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("belarus-measures") and err.count("\n") == 1 and "Traceback" not in err
    option, value = args
    assert option.lstrip("-") in err and (value in err if value else "''" in err)
    assert not out.exists()


def test_the_timeline_command_takes_a_start_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t.svg"
    assert main(["timeline", "--out", str(out), "--start", "2025-11-01", "--lanes", "3"]) == 0
    assert out.stat().st_size > 10_000 and str(out) in capsys.readouterr().out


@settings(max_examples=30, deadline=None)
@given(start=st.one_of(st.text(max_size=12), st.dates(), st.none(), st.integers(),
                       st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2027, 1, 1)).map(str)))
def test_fuzzed_starts_draw_or_name_the_value(start: object) -> None:
    import matplotlib.pyplot as plt

    try:
        fig = bm.timeline_figure(start=start, lanes=3)  # type: ignore[arg-type]
    except (ValueError, TypeError) as err:
        assert "start" in str(err) and shown(start)[:40] in str(err)
    else:
        assert fig.axes[0].collections
        plt.close(fig)


def test_an_out_that_cannot_be_written_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    assert main(["timeline", "--out", str(tmp_path / "a-file" / "t.png")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("belarus-measures: error:") and err.count("\n") == 1 and "a-file" in err
