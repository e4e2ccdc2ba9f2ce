"""Reports from the read models: the seed's statistics, renewal rate, board, deadlines, timeline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bargaining import InvalidValueError, NotFoundError, Tracker
from tests import builders as b
from tests import builders_mediation as m

# The seed's 篇10 street mediation sub-centre: 14 disputes mediated successfully — labour
# contract 3, wages 3, work injury 5, other 3 — 32 worker-times, 2,940,000 yuan in all.
SEED_10 = [
    ("labour-contract", 1, "150000"),
    ("labour-contract", 2, "210000"),
    ("labour-contract", 1, "90000"),
    ("remuneration", 5, "300000"),
    ("remuneration", 6, "420000"),
    ("remuneration", 3, "180000"),
    ("work-injury", 1, "260000"),
    ("work-injury", 1, "310000"),
    ("work-injury", 2, "280000"),
    ("work-injury", 1, "190000"),
    ("work-injury", 1, "150000"),
    ("other", 4, "240000"),
    ("other", 2, "80000"),
    ("other", 2, "80000"),
]


def mediate_the_seed_year(t: Tracker) -> None:
    m.street_centre(t)
    received = date(2024, 2, 1)
    for n, (category, workers, amount) in enumerate(SEED_10, start=1):
        ref = f"JD-2024-{n:03d}"
        on = received + timedelta(days=7 * n)
        m.workers_case(t, ref, n, on=on, category=category, workers=workers, amount=amount)
        t.cases.accept(ref, on=on + timedelta(days=1), both_agree=True)
        t.cases.assign(ref, on=on + timedelta(days=1), body=m.STREET, mediators=["吴芳"])
        t.cases.settle(
            ref,
            on=on + timedelta(days=6),
            terms="达成协议",
            amount_agreed=amount,
            performance_due=on + timedelta(days=20),
            method="转账",
            mediator="吴芳",
            parties_signed=True,
            sealed=True,
        )


def test_the_seed_street_centre_year_is_reproduced_exactly(tracker: Tracker) -> None:
    mediate_the_seed_year(tracker)
    stats = tracker.reports.dispute_stats(start=date(2024, 1, 1), end=date(2024, 12, 31), by="category")
    total = stats["total"]
    assert (total["accepted"], total["closed"], total["succeeded"]) == (14, 14, 14)
    assert (total["workers"], total["amount_claimed"], total["amount_agreed"]) == (
        32,
        "2940000.00",
        "2940000.00",
    )
    assert (total["handling_rate"], total["success_rate"]) == ("100.0%", "100.0%")
    by_category = {r["group"]: r["succeeded"] for r in stats["rows"]}
    assert by_category == {"labour-contract": 3, "remuneration": 3, "work-injury": 5, "other": 3}
    assert stats["formulas"] == [
        "handling rate (调处率) = closed / (carried over + accepted)",
        "success rate (调解成功率) = succeeded / closed",
        "by outcome: the cases closed in the period with that outcome, their workers involved (人次)"
        " and amounts claimed; a case deemed failed counts as failed",
    ]
    assert total["by_outcome"]["succeeded"] == {
        "cases": 14,
        "workers": 32,
        "amount_claimed": "2940000.00",
        "amount_agreed": "2940000.00",
    }


def test_one_failure_among_fifteen_gives_the_seeds_ninety_per_cent_or_more(tracker: Tracker) -> None:
    mediate_the_seed_year(tracker)
    tracker.cases.open(
        "JD-2024-015",
        channel="phone",
        received=date(2024, 6, 1),
        applicants=["职工15"],
        respondent="企业15",
        category="other",
        request="调解",
        body=m.STREET,
    )
    tracker.cases.accept("JD-2024-015", on=date(2024, 6, 2), both_agree=True)
    tracker.cases.fail("JD-2024-015", on=date(2024, 6, 10), reason="企业拒绝继续调解")
    total = tracker.reports.dispute_stats(start=date(2024, 1, 1), end=date(2024, 12, 31))["total"]
    assert (total["accepted"], total["closed"], total["succeeded"], total["failed"]) == (15, 15, 14, 1)
    assert (total["handling_rate"], total["success_rate"]) == ("100.0%", "93.3%")


def test_a_case_past_its_deadline_counts_as_failed_when_it_was_deemed_so(tracker: Tracker) -> None:
    m.in_mediation(tracker)  # accepted 2024-03-08, deemed failed after 2024-03-23
    march = tracker.reports.dispute_stats(start=date(2024, 3, 1), end=date(2024, 3, 31), by="month")
    assert (march["total"]["closed"], march["total"]["failed"]) == (1, 1)
    assert [(r["group"], r["received"], r["failed"]) for r in march["rows"]] == [("2024-03", 1, 1)]
    open_in_april = tracker.reports.dispute_stats(start=date(2024, 4, 1), end=date(2024, 4, 30))["total"]
    assert (open_in_april["carried_over"], open_in_april["closed"]) == (0, 0)


def test_rates_are_absent_rather_than_divided_by_zero(tracker: Tracker) -> None:
    total = tracker.reports.dispute_stats(start=date(2024, 1, 1), end=date(2024, 12, 31))["total"]
    assert (total["received"], total["handling_rate"], total["success_rate"]) == (0, None, None)
    with pytest.raises(InvalidValueError, match=r"stats\.to: 2024-01-01 is before --from 2024-12-31"):
        tracker.reports.dispute_stats(start=date(2024, 12, 31), end=date(2024, 1, 1))


def renew_women_contract(t: Tracker, n: int) -> None:
    old, new = f"NZG-2010-{n}", f"NZG-2012-{n}"
    b.in_force(t, old, kind="special")
    t.contracts.renew(old, new_reference=new, on=date(2012, 6, 5))
    nv = t.negotiations
    nv.request(new, on=date(2012, 6, 5))
    nv.reply(new, on=date(2012, 6, 6))
    nv.appoint(new, side="union", chief="陈志明", members=["李红", "王强"], on=date(2012, 6, 6))
    nv.appoint(new, side="employer", chief="张伟", members=["赵敏", "钱进"], on=date(2012, 6, 6))
    b.with_round(t, new, date(2012, 6, 7), "陈志明")
    nv.propose(new, article="第一条 女职工特殊保护", side="union", text="孕期、产期、哺乳期保护")
    nv.agree(new, article="第一条 女职工特殊保护")
    nv.draft(new, on=date(2012, 6, 8))
    nv.vote(new, on=date(2012, 6, 9), roll=60, present=50, yes=40, no=10)
    nv.sign(new, on=date(2012, 6, 10), term_start=date(2012, 7, 1), term_end=date(2013, 6, 30))


def test_the_seed_women_workers_contracts_renewed_at_one_hundred_per_cent(tracker: Tracker) -> None:
    for n in range(1, 6):
        renew_women_contract(tracker, n)
    stats = tracker.reports.contract_stats(2012)
    special = next(r for r in stats["rows"] if r["kind"] == "special")
    assert (special["expiring"], special["renewed"], special["renewal_rate"]) == (5, 5, "100.0%")
    assert special["signed"] == 5  # the five renewals, signed in 2012


def test_the_board_shows_each_negotiation_with_its_next_deadline(tracker: Tracker) -> None:
    b.signed(tracker, "CB-2011-001")
    b.drafted(tracker, "CB-2011-002", kind="comprehensive")
    rows = {r["reference"]: r for r in tracker.reports.board(as_of=date(2011, 6, 30))}
    assert rows["CB-2011-001"]["stage"] == "signed"
    assert rows["CB-2011-001"]["next_deadline"]["due"] == "2011-07-06"
    assert (rows["CB-2011-002"]["stage"], rows["CB-2011-002"]["articles_agreed"]) == ("draft", 1)
    today = {r["reference"]: r["stage"] for r in tracker.reports.board()}
    assert today == {"CB-2011-001": "signed", "CB-2011-002": "draft"}
    assert [r["reference"] for r in tracker.reports.board(stage="draft")] == ["CB-2011-002"]
    assert [r["reference"] for r in tracker.reports.board(kind="wage")] == ["CB-2011-001"]


def test_the_board_as_of_a_past_date_matches_show_as_of(tracker: Tracker) -> None:
    ref = b.in_force(tracker)
    for day in (date(2011, 4, 19), date(2011, 5, 1), date(2011, 6, 25), date(2011, 7, 4), date(2011, 7, 25)):
        row = next(r for r in tracker.reports.board(as_of=day) if r["reference"] == ref)
        assert row["stage"] == tracker.negotiations.show(ref, as_of=day)["stage"], day


def test_deadlines_span_contracts_and_cases_with_their_rules(tracker: Tracker) -> None:
    b.signed(tracker)
    m.received(tracker)
    rows = tracker.reports.deadlines(within=400, as_of=date(2011, 6, 30))
    assert [(r["reference"], r["due"]) for r in rows][:1] == [("CB-2011-001", "2011-07-06")]
    assert "art. 21" in rows[0]["rule"]
    later = tracker.reports.deadlines(within=30, as_of=date(2024, 3, 7))
    assert [(r["reference"], r["deadline"], r["due"], r["state"]) for r in later] == [
        ("CB-2011-001", "submit for filing (3 copies + explanation)", "2011-07-06", "overdue"),
        ("CASE-2024-0007", "accept or decline the application", "2024-03-12", "open"),
    ]
    overdue = tracker.reports.deadlines(overdue_only=True)
    assert {r["reference"] for r in overdue} == {"CB-2011-001", "CASE-2024-0007"}


def test_the_timeline_lists_every_step_in_order(tracker: Tracker) -> None:
    ref = b.in_force(tracker)
    steps = [r["step"] for r in tracker.reports.timeline(ref)]
    assert steps[0] == "negotiation opened"
    assert steps[-2:] == ["submitted for filing", "received by the authority"]
    assert (
        len(steps)
        == len(tracker.negotiations.history(ref)) + len(tracker.contracts.show(ref)["deadlines"]) - 3
    )
    with pytest.raises(NotFoundError, match="no such negotiation, contract or case"):
        tracker.reports.timeline("NOPE")


def test_the_board_leaves_out_deadlines_exactly_of_contracts_closed_on_that_day(tracker: Tracker) -> None:
    from projections import readers

    b.in_force(tracker, "CB-2011-001")
    b.in_force(tracker, "CB-2011-002")
    tracker.contracts.terminate("CB-2011-002", on=date(2011, 9, 1), ground="consensus", reason="双方协商一致")
    b.drafted(tracker, "CB-2011-003", kind="comprehensive")
    tracker.reports.refresh()
    at = tracker.reports.views
    for day in ("2011-07-01", "2011-08-01", "2011-09-01", "2012-06-30", "2012-07-01", "2030-01-01"):
        full = {r["reference"]: readers.with_status(r, day) for r in readers.agreements(at)}
        for row in readers.board(at, day):
            closed = full[row["reference"]]["status"] in readers.CLOSED
            assert row["status"] == full[row["reference"]]["status"], day
            assert (row["deadlines"] == []) == (closed or full[row["reference"]]["deadlines"] == []), day
            assert row["next_deadline"] == full[row["reference"]]["next_deadline"], day
