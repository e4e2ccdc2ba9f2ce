"""Deadlines count the State Council's published holidays and make-up working days (调休).

Working days skip the holidays and count the weekend days worked in their place; a period
whose last day is a holiday ends the day after the holiday (Civil Code Art 203). The domain
(``show``) and the read models (``deadlines``, ``board``) count the same way.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from bargaining import Tracker
from bargaining.store import holidays
from tests import builders_mediation as m


def due(rows: list[dict[str, object]], key: str) -> dict[str, object]:
    return next(r for r in rows if r["key"] == key)


def report(tracker: Tracker, reference: str, label: str) -> dict[str, object]:
    rows = tracker.reports.deadlines(within=400)
    return next(r for r in rows if r["reference"] == reference and r["deadline"] == label)


def test_acceptance_counts_the_make_up_saturday_and_skips_the_spring_festival(tracker: Tracker) -> None:
    # Received Friday 13 February 2026. Saturday the 14th is worked in exchange for the
    # holiday of 15-23 February: working days 14, 24 and 25 February. Weekends alone would
    # have given Wednesday the 18th, in the middle of the holiday.
    m.received(tracker, "C-2026-SF", received=date(2026, 2, 13))
    acceptance = due(tracker.cases.show("C-2026-SF")["deadlines"], "acceptance")
    assert acceptance["due"] == "2026-02-25"
    assert report(tracker, "C-2026-SF", "accept or decline the application")["due"] == "2026-02-25"


def test_a_period_ending_in_the_national_day_holiday_ends_the_day_after_it(store: Path) -> None:
    with Tracker(store, actor="测试员", today=date(2026, 9, 30)) as tracker:  # still in mediation
        m.received(tracker, "C-2026-ND", received=date(2026, 9, 17))
        tracker.cases.accept("C-2026-ND", on=date(2026, 9, 18), both_agree=True)
        # 15 days from 18 September is 3 October, inside the holiday of 1-7 October.
        mediation = due(tracker.cases.show("C-2026-ND")["deadlines"], "mediation")
        assert mediation["due"] == "2026-10-08"
        label = "reach agreement, or mediation is deemed failed"
        assert report(tracker, "C-2026-ND", label)["due"] == "2026-10-08"


def test_a_negotiations_reply_due_in_the_holiday_is_due_the_day_after_it_on_the_board(
    tracker: Tracker,
) -> None:
    tracker.negotiations.open(
        "CB-2026-ND", employer="广州XX有限公司", union="广州XX有限公司工会", kind="wage", on=date(2026, 9, 1)
    )
    tracker.negotiations.request("CB-2026-ND", on=date(2026, 9, 11))  # 20 days: 1 October
    shown = tracker.negotiations.show("CB-2026-ND")
    assert due(shown["deadlines"], "reply")["due"] == "2026-10-08"
    row = next(r for r in tracker.reports.board(as_of=date(2026, 9, 12)) if r["reference"] == "CB-2026-ND")
    assert row["next_deadline"]["due"] == "2026-10-08"
    today = next(r for r in tracker.reports.board() if r["reference"] == "CB-2026-ND")
    assert today["next_deadline"]["due"] == "2026-10-08"


def test_a_deadline_past_the_published_holidays_says_it_counts_weekends_only(store: Path) -> None:
    last = holidays.prc().last
    assert last is not None
    received = last + timedelta(days=30)
    note = f"no holiday schedule after {last.isoformat()} yet: weekends only"
    with Tracker(store, actor="测试员", today=received) as tracker:
        m.received(tracker, "C-LATER", received=received)
        acceptance = due(tracker.cases.show("C-LATER")["deadlines"], "acceptance")
        assert str(acceptance["rule"]).endswith(note)
        assert str(report(tracker, "C-LATER", "accept or decline the application")["rule"]).endswith(note)
        # Within the published years nothing is added.
        m.received(tracker, "C-KNOWN", received=date(2026, 2, 13))
        known = due(tracker.cases.show("C-KNOWN")["deadlines"], "acceptance")
        assert "holiday schedule" not in str(known["rule"])


def test_the_limitation_period_ending_in_a_holiday_ends_the_day_after_it(store: Path) -> None:
    with Tracker(store, actor="测试员", today=date(2026, 9, 1)) as tracker:
        m.received(tracker, "C-2025-LIM", received=date(2025, 9, 29))
        tracker.cases.decline("C-2025-LIM", on=date(2025, 10, 1), reason="一方不同意调解")
        # One year from the decline is 1 October 2026, the first day of the National Day holiday.
        limitation = due(tracker.cases.show("C-2025-LIM")["deadlines"], "limitation")
        assert limitation["due"] == "2026-10-08"
        assert report(tracker, "C-2025-LIM", "limitation period for arbitration ends")["due"] == "2026-10-08"


def test_an_agreed_extension_is_shown_as_agreed_not_counted(store: Path) -> None:
    last = holidays.prc().last
    assert last is not None
    accepted = last - timedelta(days=5)
    until = last + timedelta(days=20)  # past the published years: no note, nothing was counted
    with Tracker(store, actor="测试员", today=accepted + timedelta(days=1)) as tracker:
        m.received(tracker, "C-EXT", received=accepted)
        tracker.cases.accept("C-EXT", on=accepted, both_agree=True)
        tracker.cases.extend("C-EXT", on=accepted + timedelta(days=1), until=until, both_agree=True)
        expected = f"extended to {until.isoformat()} with both parties' consent — 15 calendar days after"
        shown = due(tracker.cases.show("C-EXT")["deadlines"], "mediation")
        listed = report(tracker, "C-EXT", "reach agreement, or mediation is deemed failed")
        for row in (shown, listed):
            assert row["due"] == until.isoformat()
            assert str(row["rule"]).startswith(expected)
            assert "holiday schedule" not in str(row["rule"])


@pytest.mark.parametrize(("release", "rebuilt"), [("99.0.0", True), ("0.1.0", False)])
def test_views_are_counted_again_only_with_a_later_release_of_the_holidays(
    tracker: Tracker, store: Path, monkeypatch: pytest.MonkeyPatch, release: str, rebuilt: bool
) -> None:
    # A PostgreSQL store is shared: a machine with an older release must not rebuild views
    # counted with a newer one (and the other machine rebuild them back, command after command).
    m.received(tracker, "C-2026-SF", received=date(2026, 2, 13))
    tracker.reports.refresh()
    with sqlite3.connect(store / "views.sqlite") as conn:
        conn.execute("DELETE FROM cases")  # a view that only a rebuild gives back
    monkeypatch.setattr(holidays, "identity", lambda: f"chinesecalendar {release} 00000000")
    with Tracker(store, actor="测试员", today=tracker.today) as later:  # the next command
        listed = [r["reference"] for r in later.reports.deadlines(within=400)]
    assert listed == (["C-2026-SF"] if rebuilt else [])
