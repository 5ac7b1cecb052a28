"""in_force() on hand-checked days: what must and must not apply, written from the sources' own words.

Each expectation cites what the source says (the quotes are in the data as citations), not what
the code does: e.g. Poland's government, 14 Nov 2025: "On Monday, November 17, we will reopen two
border crossings with Belarus"; the EU renewal of 25 Feb 2021 prolongs the sanctions "until
28 February 2022".
"""

from __future__ import annotations

import pandas as pd
import pytest

import belarus_measures as bm

CASES = [
    # (day, must apply, must not apply)
    ("2021-01-01", {"eu-2020-11-06-designations", "us-2020-10-02-ofac-designations"},
     {"eu-2021-02-25-renewal", "pl-2021-09-02-state-of-emergency-border"}),
    ("2021-07-01", {"eu-2021-02-25-renewal", "us-2021-06-01-national-emergency-continuation"},
     {"pl-2021-09-02-state-of-emergency-border", "eu-2022-02-24-renewal"}),
    ("2022-06-01", {"eu-2022-02-24-renewal", "us-2021-06-01-national-emergency-continuation",
                    },
     {"eu-2021-02-25-renewal", "pl-2021-09-02-state-of-emergency-border", "lt-2021-11-09-seimas-state-of-emergency-border"}),
    ("2024-01-01", {"us-2023-12-07-bis-belavia-tdo-renewal", "pl-2021-11-08-kuznica-crossing-closed",
                    "pl-2023-02-09-bobrowniki-crossing-closed", "eu-2023-02-24-renewal"},
     {"us-2023-06-07-bis-belavia-tdo-renewal", "eu-2022-02-24-renewal"}),
    ("2025-11-16", {"pl-2021-11-08-kuznica-crossing-closed", "pl-2023-02-09-bobrowniki-crossing-closed",
                    "lt-2025-10-29-border-closure-balloons"}, {"pl-2025-09-10-border-closure-zapad"}),
    # TASS, 29 Aug 2023: BWF athletes from Russia and Belarus "allowed to participate as Individual Neutral
    # Athletes ... commencing 26 February 2024"; Interfax, 16 Dec 2022: the new embargo resolution "вступит в
    # силу 1 января 2023 года"; FIS, 24 May 2023: the ban "will remain in effect until further notice".
    ("2023-06-01", {"bwf-2022-03-badminton-ban-russia-belarus", "by-2022-12-14-food-embargo-extended-resolution-865",
                    "fis-2022-03-01-russia-belarus-barred"},
     {"by-2022-06-27-food-embargo-extended-resolution-412", "fina-2022-03-01-neutral-participation-russia-belarus",
      "fis-2022-10-22-ban-kept-2022-23"}),
    ("2024-06-01", {"fis-2022-03-01-russia-belarus-barred", "ibu-2022-09-16-congress-suspends-belarus-federation"},
     {"bwf-2022-03-badminton-ban-russia-belarus"}),
    # FIS, 2 Dec 2025: CAS "partially upheld the appeals" against the decision of 21 Oct 2025; athletes may
    # take part "as AIN".
    ("2025-12-05", {"fis-2025-12-02-neutral-athletes-admitted", "ibu-2022-09-16-congress-suspends-belarus-federation"},
     {"fis-2022-03-01-russia-belarus-barred", "fis-2025-10-21-council-keeps-ban-neutral-athletes"}),
    ("2025-12-01", set(), {"pl-2021-11-08-kuznica-crossing-closed", "pl-2023-02-09-bobrowniki-crossing-closed",
                           "lt-2025-10-29-border-closure-balloons", "pl-2025-09-10-border-closure-zapad",
                           "us-2022-04-14-bis-belavia-aircraft-list"}),
]


@pytest.mark.parametrize(("day", "applies", "not_applies"), CASES, ids=[c[0] for c in CASES])
def test_hand_checked_day(day: str, applies: set[str], not_applies: set[str]) -> None:
    ids = set(bm.in_force(day).measure_id)
    assert applies <= ids, applies - ids
    assert not (not_applies & ids), not_applies & ids


def test_a_closure_applies_until_the_day_before_the_reopening() -> None:
    assert "pl-2021-11-08-kuznica-crossing-closed" in set(bm.in_force("2025-11-16").measure_id)
    assert "pl-2021-11-08-kuznica-crossing-closed" not in set(bm.in_force("2025-11-17").measure_id)
    window = set(bm.in_force("2025-11-10", "2025-11-30").measure_id)
    assert "pl-2021-11-08-kuznica-crossing-closed" in window


def test_acts_without_legal_effect_are_never_in_force() -> None:
    resolution = "eu-2020-09-17-ep-resolution"
    assert resolution in set(bm.measures(start="2020-09-17", end="2020-09-17").measure_id)
    assert resolution not in set(bm.in_force("2020-09-17").measure_id)
    assert not bm.in_force("2022-01-01").binding.eq(False).any()
    with pytest.raises(ValueError, match="never in force"):
        bm.in_force("2022-01-01", binding=False)


def test_a_month_precise_measure_applies_from_the_end_of_its_month() -> None:
    m = bm.measures(binding=True)
    month = m[(m.date_precision.astype(str) == "month") & m.date_effective.isna() & m.date_end.isna()
              & m.status.astype(str).eq("adopted")]
    if month.empty:
        pytest.skip("no month-precise binding measure without an effective date")
    row = month.iloc[0]
    first, last = row.date, row.date + pd.offsets.MonthEnd(0)
    assert row.measure_id not in set(bm.in_force(first.date()).measure_id)
    assert row.measure_id in set(bm.in_force(last.date()).measure_id)


def test_every_end_has_a_reason_and_every_ended_status_an_end() -> None:
    m = bm.measures()
    assert (m.date_end.notna() == m.end_reason.notna()).all()
    ended = m.status.astype(str).isin(["expired", "revoked"])
    assert (m.loc[ended, "date_end"].notna()).all()
    assert m.in_force_checked.notna().sum() >= 100 and m.date_end.notna().sum() >= 15


def test_the_lifecycle_report_counts_ends_and_checks_per_jurisdiction() -> None:
    c = bm.lifecycle_coverage().set_index("jurisdiction")
    m = bm.measures(binding=True)
    never_applied = m.status.astype(str).isin(["proposed", "passed_chamber"])
    assert never_applied.any()  # e.g. Ukraine's 2021 Cabinet proposal, which the NSDC never enacted
    assert int(c.binding.sum()) == int((~never_applied).sum())
    # Poland's two crossing closures, its state of emergency and the Zapad closure all ended.
    assert c.loc["PL", "ended"] >= 4
    assert set(c.columns) >= {"ended", "in_force_checked", "unknown", "known_share"}


def test_a_one_off_act_applies_on_its_own_day_only() -> None:
    # Britain expelled two Belarusian diplomats on 10 November 2020 (an act done that day).
    expulsion = "gb-2020-11-10-belarusian-diplomats-expelled"
    assert expulsion in set(bm.in_force("2020-11-10").measure_id)
    assert expulsion not in set(bm.in_force("2020-11-11").measure_id)
    assert bm.measures(start="2020-11-10", end="2020-11-10").set_index("measure_id").loc[expulsion, "end_reason"] == "completed"


def test_a_superseded_licence_ends_when_its_successor_takes_effect() -> None:
    # OFAC's General License 11 (Belavia, 11 Sep 2025) was overtaken by Belavia's delisting on 4 Nov 2025.
    gl11 = "us-2025-09-11-ofac-general-license-11-belavia"
    assert gl11 in set(bm.in_force("2025-11-03").measure_id)
    assert gl11 not in set(bm.in_force("2025-11-04").measure_id)
