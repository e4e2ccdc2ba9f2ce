"""A limitation period that ran out before the application is not revived by it (Labour Dispute
Mediation and Arbitration Law art. 27): one answer, barred and since when, on both stores."""

from __future__ import annotations

import json
from datetime import date

from bargaining import Tracker
from tests import builders_mediation as m
from tests.conftest import Cli


def test_a_time_barred_claim_shows_no_new_expiry_and_no_limitation_deadline(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=date(2024, 3, 20)) as t:
        m.received(t, known_on=date(2022, 1, 10))  # applied 7 March 2024, 14 months later
        t.cases.decline(m.CASE, on=date(2024, 3, 8), reason="一方不同意调解")  # not an interruption now
    run = Cli(any_store)
    view = json.loads(run.ok(f"case show {m.CASE} --json").stdout)
    assert view["time_barred_on"] == "2023-01-10"
    assert view["limitation_expires_on"] is None
    limitation = [d for d in view["deadlines"] if d["key"] == "limitation"]
    assert [(d["label"], d["due"], d["state"]) for d in limitation] == [
        ("limitation period ran out before the application (time-barred)", "2023-01-10", "passed")
    ]
    assert "a period that has run out is not restarted" in limitation[0]["rule"]
    text = run.ok(f"case show {m.CASE}").stdout
    assert "the 1-year limitation ran out on 2023-01-10" in text
    due = json.loads(run.ok("deadlines --within 3650 --as-of 2024-03-20 --json").stdout)
    assert [r for r in due if r["reference"] == m.CASE] == []
    due_now = json.loads(run.ok("deadlines --within 3650 --json").stdout)
    assert [r for r in due_now if r["reference"] == m.CASE] == []


def test_a_claim_within_its_year_is_restarted_by_the_application(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=date(2024, 3, 20)) as t:
        m.received(t, known_on=date(2023, 6, 1))
        t.cases.decline(m.CASE, on=date(2024, 3, 8), reason="一方不同意调解")
    view = json.loads(Cli(any_store).ok(f"case show {m.CASE} --json").stdout)
    assert view["time_barred_on"] is None
    assert view["limitation_expires_on"] == "2025-03-10"  # a year from the refusal: Sat 8 March → Monday
