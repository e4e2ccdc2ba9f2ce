"""A step taken after its deadline says so, by how many days, with the rule and its source:
in show, history, the timeline, deadlines, the board, the packet and the statistics."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from bargaining import Tracker
from tests import builders as b
from tests import builders_mediation as m
from tests.conftest import Cli

REPLY_RULE = "20 calendar days after receipt of the request — PRC, Provisions on Collective Contracts art. 32"


def late_reply(store: str) -> Cli:
    """A request received 28 May 2008, answered 4 July: the 20 days ended on 17 June."""
    run = Cli(store)
    run.ok("negotiation open CB-L -k comprehensive -e 企业 -u 工会 --on 2008-05-20")
    run.ok("negotiation request CB-L --on 2008-05-28")
    run.ok("negotiation reply CB-L --on 2008-07-04")
    return run


def test_a_reply_seventeen_days_late_says_so_wherever_it_is_read(any_store: str) -> None:
    run = late_reply(any_store)
    shown = run.ok("negotiation show CB-L").stdout
    assert "Reply             2008-07-04 (accepted), 17 days late: due 2008-06-17" in shown
    assert (
        "Warning: reply: written reply to the request met 2008-07-04, 17 days late"
        f" (due 2008-06-17: {REPLY_RULE})" in shown
    )
    view = json.loads(run.ok("negotiation show CB-L --json").stdout)
    reply = next(d for d in view["deadlines"] if d["key"] == "reply")
    assert (reply["met_on"], reply["late_by_days"], reply["state"]) == ("2008-07-04", 17, "late")
    late_line = (
        "Late: 2008-07-04 {step}: 17 days after the deadline"
        f" (written reply to the request, due 2008-06-17: {REPLY_RULE})"
    )
    history = run.ok("negotiation history CB-L").stdout
    assert "17 days late" in history
    assert late_line.format(step="RequestAnswered") in history
    steps = json.loads(run.ok("negotiation history CB-L --json").stdout)
    assert steps[-1]["met"]["late_by_days"] == 17
    assert late_line.format(step="reply to the request") in run.ok("timeline CB-L").stdout
    assert json.loads(run.ok("timeline CB-L --json").stdout)[-1]["met"]["met_on"] == "2008-07-04"
    met = json.loads(run.ok("deadlines --met --within 36500 --json").stdout)
    assert [(r["reference"], r["met_on"], r["late_by_days"], r["state"]) for r in met] == [
        ("CB-L", "2008-07-04", 17, "late")
    ]
    assert "1 late" in run.ok("deadlines --met --within 36500").stdout
    board = json.loads(run.ok("board --json").stdout)
    assert board[0]["late"] == [{"deadline": "reply", "late_by_days": 17}]
    assert "reply +17d" in run.ok("board").stdout


def test_a_reply_on_time_says_so_with_nothing_to_warn(any_store: str) -> None:
    run = Cli(any_store)
    run.ok("negotiation open CB-T -k comprehensive -e 企业 -u 工会 --on 2008-05-20")
    run.ok("negotiation request CB-T --on 2008-05-28")
    run.ok("negotiation reply CB-T --on 2008-06-17")  # the last day
    view = json.loads(run.ok("negotiation show CB-T --json").stdout)
    reply = next(d for d in view["deadlines"] if d["key"] == "reply")
    assert (reply["met_on"], reply["late_by_days"]) == ("2008-06-17", 0)
    assert "on time: due 2008-06-17" in run.ok("negotiation show CB-T").stdout
    assert not [w for w in view["warnings"] if w.startswith("reply")]
    assert "on time" in run.ok("negotiation history CB-T").stdout
    assert json.loads(run.ok("board --json").stdout)[0]["late"] == []


def test_late_filing_is_counted_in_the_statistics_and_marked_in_the_contract(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=date(2011, 12, 31)) as t:
        b.signed(t, "CB-1")  # wage: 7 days from 29 June, due Wednesday 6 July
        t.contracts.submit("CB-1", on=date(2011, 7, 4))
        b.signed(t, "CB-2")
        t.contracts.submit("CB-2", on=date(2011, 7, 11))
    run = Cli(any_store)
    stats = json.loads(run.ok("stats contracts --year 2011 --json").stdout)["total"]
    assert (stats["filed_on_time"], stats["filed_late"]) == (1, 1)
    contract = run.ok("contract show CB-2").stdout
    assert "met 5 days late" in contract
    assert (
        "Warning: filing: submit for filing (3 copies + explanation) met 2011-07-11, 5 days late" in contract
    )


def test_a_case_accepted_after_three_working_days_says_so(any_store: str, tmp_path: Path) -> None:
    with Tracker(any_store, actor="测试员", today=date(2024, 3, 20)) as t:
        m.received(t)  # Thursday 7 March 2024: 3 working days end Tuesday the 12th
        t.cases.accept(m.CASE, on=date(2024, 3, 14), both_agree=True)
    run = Cli(any_store)
    view = json.loads(run.ok(f"case show {m.CASE} --json").stdout)
    acceptance = next(d for d in view["deadlines"] if d["key"] == "acceptance")
    assert (acceptance["due"], acceptance["met_on"], acceptance["late_by_days"]) == (
        "2024-03-12",
        "2024-03-14",
        2,
    )
    accepted = next(r for r in view["timeline"] if r["step"] == "accepted for mediation")
    assert accepted["met"]["late_by_days"] == 2
    text = run.ok(f"case show {m.CASE}").stdout
    assert "Late: 2024-03-14 accepted for mediation: 2 days after the deadline" in text
    assert "met 2 days late" in text
    assert "2 days late" in run.ok(f"timeline {m.CASE}").stdout
