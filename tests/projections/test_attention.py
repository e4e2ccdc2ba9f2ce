"""The attention board: what needs attention on a day, worked out in SQL, equals the rule
applied row by row to the whole board, on every day of a contract's life."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bargaining import STAGES, Tracker
from tests import builders as b

DAYS = [
    date(2011, 4, 10),  # a request waiting for its reply
    date(2011, 6, 1),
    date(2011, 7, 1),  # signed, not yet submitted
    date(2011, 7, 10),  # under the authority's review
    date(2011, 7, 21),  # deemed effective, not yet published
    date(2011, 8, 15),
    date(2012, 4, 1),  # a wage agreement's renewal window opens within 30 days
    date(2012, 5, 15),
    date(2012, 6, 30),  # the last day of the term
    date(2012, 7, 1),
    date(2030, 1, 1),
]
RECORDED = date(2011, 7, 21)
# Every stage but those a negotiation or contract ends in, and a contract in force.
UNCONCLUDED_OR_AWAITING = set(STAGES) - {"refused", "effective", "expired", "terminated"}


def federation(store: Path) -> None:
    """One of everything a board holds, recorded on 21 July 2011."""
    with Tracker(store, actor="测试员", today=RECORDED) as t:
        b.opened(t, "CB-A")
        t.negotiations.request("CB-A", on=date(2011, 4, 8))
        b.negotiating(t, "CB-B", kind="comprehensive")
        b.signed(t, "CB-C")
        b.in_force(t, "CB-D")
        b.in_force(t, "CB-E", kind="comprehensive")
        t.contracts.publish("CB-E", on=RECORDED)
        b.in_force(t, "CB-F")
        t.contracts.terminate("CB-F", on=RECORDED, ground="consensus", reason="双方协商一致")
        b.opened(t, "CB-G")
        t.negotiations.request("CB-G", on=date(2011, 4, 8))
        t.negotiations.reply("CB-G", on=date(2011, 4, 18), accepted=False, reason="暂不协商")
        b.signed(t, "CB-H", kind="special")
        t.contracts.submit("CB-H", on=date(2011, 7, 4))
        t.contracts.receipt("CB-H", on=date(2011, 7, 5))
        t.contracts.objection("CB-H", on=date(2011, 7, 12), opinion="第一条不符合规定")


def expected(t: Tracker, within: int) -> tuple[list[str], dict[str, int]]:
    """The rule, row by row, over the whole board."""
    until = (t.today + timedelta(days=within)).isoformat()
    rows = t.reports.board()
    due = [
        r
        for r in rows
        if r["stage"] in UNCONCLUDED_OR_AWAITING
        or (r["next_deadline"] and r["next_deadline"]["due"] <= until)
    ]
    due.sort(
        key=lambda r: (
            r["next_deadline"] is None,
            r["next_deadline"]["due"] if r["next_deadline"] else "",
            r["reference"],
        )
    )
    rest: dict[str, int] = {}
    for r in rows:
        if r not in due:
            rest[r["stage"]] = rest.get(r["stage"], 0) + 1
    return [r["reference"] for r in due], rest


@pytest.mark.parametrize("within", [0, 30, 400])
def test_the_attention_board_is_the_rule_applied_to_every_row_on_every_day(store: Path, within: int) -> None:
    federation(store)
    for day in DAYS:
        with Tracker(store, actor="测试员", today=day) as t:
            found = t.reports.attention(within=within)
            references, rest = expected(t, within)
            assert [r["reference"] for r in found["rows"]] == references, day
            assert found["more"] == rest, day
            every = {r["reference"]: r for r in t.reports.board()}
            assert found["rows"] == [every[reference] for reference in references], day


def test_the_attention_board_as_of_a_day_equals_the_one_kept_up_to_date_on_that_day(store: Path) -> None:
    federation(store)
    later = date(2030, 1, 1)
    for day in [d for d in DAYS if d >= RECORDED]:  # the fold and the kept views see the same record
        with Tracker(store, actor="测试员", today=day) as t:
            kept = t.reports.attention()
        with Tracker(store, actor="测试员", today=later) as t:
            assert t.reports.attention(as_of=day) == kept, day


def test_what_needs_attention_on_a_busy_day(store: Path) -> None:
    federation(store)
    with Tracker(store, actor="测试员", today=RECORDED) as t:
        found = t.reports.attention()
    rows = {r["reference"]: r for r in found["rows"]}
    # overdue first (CB-A's reply, CB-C's filing), then the soonest deadline, then those with none
    assert list(rows) == ["CB-A", "CB-C", "CB-D", "CB-B", "CB-H"]
    assert rows["CB-A"]["days_to_next"] == -84
    assert (rows["CB-C"]["stage"], rows["CB-C"]["days_to_next"]) == ("signed", -15)
    assert rows["CB-D"]["next_deadline"]["label"] == "publish to all workers"
    assert rows["CB-H"]["stage"] == "negotiating"  # the authority's objection reopened it
    # published with nothing else due for months, ended, refused: left out, and counted
    assert found["more"] == {"refused": 1, "effective": 1, "terminated": 1}
