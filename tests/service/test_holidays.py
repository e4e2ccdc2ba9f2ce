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

from bargaining import Tracker, holidays
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


def test_views_counted_with_other_holiday_data_are_rebuilt_on_the_next_read(
    tracker: Tracker, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    m.received(tracker, "C-2026-SF", received=date(2026, 2, 13))
    tracker.reports.refresh()
    with sqlite3.connect(store / "views.sqlite") as conn:
        conn.execute("DELETE FROM cases")  # a view that only a rebuild gives back
    tracker.reports.refresh()
    assert tracker.reports.deadlines(within=400) == []  # same data: nothing to catch up

    monkeypatch.setattr(holidays, "identity", lambda: "chinese_calendar newer")  # an upgraded release
    with Tracker(store, actor="测试员", today=tracker.today) as later:  # the next command
        assert report(later, "C-2026-SF", "accept or decline the application")["due"] == "2026-02-25"


def test_the_limitation_period_ending_in_a_holiday_ends_the_day_after_it(store: Path) -> None:
    with Tracker(store, actor="测试员", today=date(2026, 9, 1)) as tracker:
        m.received(tracker, "C-2025-LIM", received=date(2025, 9, 29))
        tracker.cases.decline("C-2025-LIM", on=date(2025, 10, 1), reason="一方不同意调解")
        # One year from the decline is 1 October 2026, the first day of the National Day holiday.
        limitation = due(tracker.cases.show("C-2025-LIM")["deadlines"], "limitation")
        assert limitation["due"] == "2026-10-08"
        assert report(tracker, "C-2025-LIM", "limitation period for arbitration ends")["due"] == "2026-10-08"
