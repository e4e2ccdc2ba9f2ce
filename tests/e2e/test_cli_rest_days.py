"""A period that ends on a Saturday, a Sunday or a holiday ends on the next working day (Civil
Code Art 203), and says so beside its rule, in every report, on both stores."""

from __future__ import annotations

import json
from datetime import date

from bargaining import Tracker
from tests import builders as b
from tests import builders_mediation as m
from tests.conftest import Cli

ROLLED = "10 days end Sat 2011-07-09, a rest day: rolled to Mon 2011-07-11, Civil Code art. 203"


def test_a_ten_day_filing_ending_on_a_saturday_is_due_on_the_monday_everywhere(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=date(2011, 7, 1)) as t:
        b.signed(t, "CB-1", kind="comprehensive")  # signed Wednesday 29 June 2011
    run = Cli(any_store)
    view = json.loads(run.ok("negotiation show CB-1 --as-of 2011-07-01 --json").stdout)
    filing = view["filing_deadlines"][0]
    assert filing["due"] == "2011-07-11"
    assert filing["rule"].endswith(ROLLED)
    assert ROLLED in run.ok("negotiation show CB-1 --as-of 2011-07-01").stdout
    due = json.loads(run.ok("deadlines --as-of 2011-07-01 --within 30 --json").stdout)
    assert [(r["due"], r["rule"].endswith(ROLLED)) for r in due if r["reference"] == "CB-1"] == [
        ("2011-07-11", True)
    ]
    board = json.loads(run.ok("board --as-of 2011-07-01 --json").stdout)
    assert board[0]["next_deadline"]["due"] == "2011-07-11"
    assert board[0]["days_to_next"] == 10


def test_fifteen_days_of_mediation_ending_on_a_saturday_run_to_the_monday(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=date(2024, 3, 20)) as t:
        m.in_mediation(t)  # accepted Friday 8 March 2024: 15 days end Saturday the 23rd
    run = Cli(any_store)
    view = json.loads(run.ok(f"case show {m.CASE} --as-of 2024-03-20 --json").stdout)
    limit = next(d for d in view["deadlines"] if d["key"] == "mediation")
    assert limit["due"] == "2024-03-25"
    assert limit["rule"].endswith(
        "15 days end Sat 2024-03-23, a rest day: rolled to Mon 2024-03-25, Civil Code art. 203"
    )
    assert json.loads(run.ok(f"case show {m.CASE} --as-of 2024-03-25 --json").stdout)["status"] == "accepted"
    assert (
        json.loads(run.ok(f"case show {m.CASE} --as-of 2024-03-26 --json").stdout)["status"]
        == "deemed failed"
    )


def test_a_limitation_year_ending_on_a_sunday_ends_on_the_monday(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=date(2024, 3, 20)) as t:
        m.received(t)  # applied Thursday 7 March 2024
        t.cases.decline(m.CASE, on=date(2024, 3, 9), reason="一方不同意调解")  # a Saturday
    run = Cli(any_store)
    view = json.loads(run.ok(f"case show {m.CASE} --json").stdout)
    assert view["limitation_expires_on"] == "2025-03-10"  # a year on is Sunday 9 March 2025
    limitation = next(d for d in view["deadlines"] if d["key"] == "limitation")
    assert (
        "1 year ends Sun 2025-03-09, a rest day: rolled to Mon 2025-03-10, Civil Code art. 203"
        in limitation["rule"]
    )
