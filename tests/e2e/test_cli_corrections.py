"""Putting a mistaken step right through the command line, on both stores: a correction or a
retraction is a step of its own; every read follows the corrected facts, the history keeps
both, and a correction that would break a rule is refused with nothing written."""

from __future__ import annotations

import json
from datetime import date

from bargaining import Tracker
from tests import builders as b
from tests import builders_mediation as m
from tests.conftest import Cli

TODAY = date(2024, 4, 20)
YEAR = "--from 2024-01-01 --to 2024-12-31"


def settled_case(store: str, amount: str = "12600") -> None:
    with Tracker(store, actor="测试员", today=TODAY) as t:
        m.street_centre(t)
        m.received(t, amount_claimed=amount)
        t.cases.accept(m.CASE, on=m.ACCEPTED, both_agree=True)
        t.cases.assign(m.CASE, on=m.ACCEPTED, body=m.STREET, mediators=["吴芳"])
        t.cases.session(m.CASE, on=date(2024, 3, 10), attendees=["刘某"], notes="第一次调解")
        t.cases.session(m.CASE, on=date(2024, 3, 12), attendees=["刘某"], notes="误记入本案")


def test_an_amount_corrected_from_12600_to_126000_is_what_every_read_gives(any_store: str) -> None:
    settled_case(any_store)
    run = Cli(any_store)
    assert json.loads(run.ok(f"stats disputes {YEAR} --json").stdout)["total"]["amount_claimed"] == "12600.00"
    done = run.ok(f"case correct {m.CASE} 1 --amount 126000 --reason '12600 typed for 126000'")
    assert "#1 amount_claimed: 12600.00 → 126000.00" in done.stdout
    view = json.loads(run.ok(f"case show {m.CASE} --json").stdout)
    assert view["amount_claimed"] == "126000.00"
    stats = json.loads(run.ok(f"stats disputes {YEAR} --json").stdout)
    assert stats["total"]["amount_claimed"] == "126000.00"
    listed = json.loads(run.ok("case list --json").stdout)
    assert [c["amount_claimed"] for c in listed if c["reference"] == m.CASE] == ["126000.00"]
    steps = view["timeline"]
    assert steps[0]["number"] == 1
    assert steps[0]["corrected_by"] == [6]
    assert "claims 12600.00 CNY" in steps[0]["detail"]  # the original, as recorded
    correction = next(s for s in steps if s["number"] == 6)
    assert correction["amends"] == 1
    assert "12600.00 → 126000.00" in correction["detail"]
    assert "12600 typed for 126000" in correction["detail"]
    shown = run.ok(f"case show {m.CASE}").stdout
    assert "#1 application received (corrected by #6)" in shown
    timeline = json.loads(run.ok(f"timeline {m.CASE} --json").stdout)
    assert [s["number"] for s in timeline if s["amends"] == 1] == [6]
    run.ok("rebuild")
    assert json.loads(run.ok(f"stats disputes {YEAR} --json").stdout) == stats


def test_a_retracted_session_is_gone_from_the_count_and_still_in_the_history(any_store: str) -> None:
    settled_case(any_store)
    run = Cli(any_store)
    assert json.loads(run.ok(f"case show {m.CASE} --json").stdout)["sessions"] == 2
    run.ok(f"case retract {m.CASE} '#5' --reason 另一案件的调解记录")
    view = json.loads(run.ok(f"case show {m.CASE} --json").stdout)
    assert view["sessions"] == 1
    retracted = next(s for s in view["timeline"] if s["number"] == 5)
    assert retracted["retracted_by"] == 6
    assert "误记入本案" in retracted["detail"]
    assert "#5 mediation session (retracted by #6)" in run.ok(f"case show {m.CASE}").stdout
    # What a retracted step said is no longer what the case is found by.
    assert json.loads(run.ok("case list --search 误记入本案 --json").stdout) == []
    assert [c["reference"] for c in json.loads(run.ok("case list --search 第一次调解 --json").stdout)] == [
        m.CASE
    ]
    # A session recorded now is the second, as if the wrong one had never been logged.
    with Tracker(any_store, actor="测试员", today=TODAY) as t:
        assert t.cases.session(m.CASE, on=date(2024, 3, 14), attendees=["刘某"], notes="第二次") == 2


def test_a_correction_that_breaks_a_rule_is_refused_and_writes_nothing(any_store: str) -> None:
    settled_case(any_store)
    run = Cli(any_store)
    before = run.events()
    refused = run(f"case correct {m.CASE} 2 --on 2024-03-11 --reason 日期有误")
    assert refused.exit_code == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "Error: assign.on: refused: with step #2 corrected, step #3 (mediators assigned)"
    )
    assert "nothing was changed" in lines[0]
    assert run.events() == before
    wrong = run(f"case correct {m.CASE} 4 --amount 5 --reason x")
    assert wrong.exit_code == 1
    assert wrong.stderr.strip() == (
        "Error: correct.amount: does not apply to step #4 (mediation session);"
        " it takes --on, --attended, --offered, --notes"
    )
    assert run(f"case correct {m.CASE} 4 --notes 改 --reason ' '").exit_code == 1
    assert run(f"case retract {m.CASE} 1 --reason 开错了").exit_code == 1
    assert run.events() == before


def test_a_vote_a_signed_contract_rests_on_cannot_be_corrected_below_quorum(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=date(2011, 7, 10)) as t:
        b.signed(t)
    run = Cli(any_store)
    before = run.events()
    history = json.loads(run.ok("negotiation history CB-2011-001 --json").stdout)
    vote = next(h["version"] for h in history if h["step"] == "RatificationVoteRecorded")
    refused = run(f"negotiation correct CB-2011-001 {vote} --present 39 --yes 30 --reason 出席人数有误")
    assert refused.exit_code == 1
    line = refused.stderr.strip()
    assert line.startswith("Error: vote.present: refused: step #")
    assert "39 of 60 is below the quorum" in line
    assert f"resting on it: #{vote + 1} signed" in line
    assert run.events() == before
    # Within the rules the tally is corrected, and the vote's recorded rule is worked out again.
    run.ok(f"negotiation correct CB-2011-001 {vote} --present 44 --yes 37 --reason 计票更正")
    shown = json.loads(run.ok("negotiation show CB-2011-001 --json").stdout)
    assert shown["vote"]["tally"]["present"] == 44
    assert shown["stage"] == "signed"
    then = json.loads(run.ok("negotiation show CB-2011-001 --as-of 2011-07-01 --json").stdout)
    assert then["vote"]["tally"]["present"] == 45  # as it was known on that day
    assert any(f"step #{vote} was corrected on" in w for w in then["warnings"])


def test_a_corrected_signing_date_moves_the_contract_and_its_filing_deadline(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=date(2011, 7, 10)) as t:
        b.signed(t)
    run = Cli(any_store)
    history = json.loads(run.ok("negotiation history CB-2011-001 --json").stdout)
    signing = next(h["version"] for h in history if h["step"] == "Signed")
    run.ok(f"negotiation correct CB-2011-001 {signing} --on 2011-06-28 --reason 签字日期误录")
    contract = json.loads(run.ok("contract show CB-2011-001 --json").stdout)
    assert contract["signed_on"] == "2011-06-28"
    board = json.loads(run.ok("board --all --json").stdout)
    assert [r["signed_on"] for r in board if r["reference"] == "CB-2011-001"] == ["2011-06-28"]
    corrected_on = json.loads(run.ok("negotiation history CB-2011-001 --json").stdout)[-1]["on"]
    folded = json.loads(run.ok(f"board --all --as-of {corrected_on} --json").stdout)
    assert [r["signed_on"] for r in folded if r["reference"] == "CB-2011-001"] == ["2011-06-28"]
    then = json.loads(run.ok("board --all --as-of 2011-07-10 --json").stdout)
    assert [r["signed_on"] for r in then if r["reference"] == "CB-2011-001"] == ["2011-06-29"]
    contract_history = json.loads(run.ok("timeline CB-2011-001 --json").stdout)
    assert [s["number"] for s in contract_history if s["context"] == "contract" and s["amends"] == 1] == [2]
    assert run(f"negotiation retract CB-2011-001 {signing} --reason x").exit_code == 1


def test_as_of_before_the_correction_shows_what_was_known_then(any_store: str) -> None:
    settled_case(any_store)
    with Tracker(any_store, actor="测试员", today=date(2024, 4, 25)) as t:
        t.cases.correct(m.CASE, 1, amount="126000", reason="12600 typed for 126000")
    run = Cli(any_store)
    then = json.loads(run.ok(f"case show {m.CASE} --as-of 2024-04-01 --json").stdout)
    assert then["amount_claimed"] == "12600.00"
    assert any("step #1 was corrected on 2024-04-25" in w for w in then["warnings"])
    now = json.loads(run.ok(f"case show {m.CASE} --json").stdout)
    assert now["amount_claimed"] == "126000.00"
    assert not any("was corrected" in w for w in now["warnings"])


def test_statistics_follow_a_retracted_agreement_and_a_corrected_date(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=TODAY) as t:
        m.settled(t)
    run = Cli(any_store)
    total = json.loads(run.ok(f"stats disputes {YEAR} --json").stdout)["total"]
    assert (total["closed"], total["succeeded"], total["average_days_to_close"]) == (1, 1, "12.0")
    steps = json.loads(run.ok(f"case show {m.CASE} --json").stdout)["timeline"]
    agreement = next(s["number"] for s in steps if s["step"] == "mediation agreement signed")
    run.ok(f"case correct {m.CASE} {agreement} --on 2024-03-18 --reason 签订日期误录")
    total = json.loads(run.ok(f"stats disputes {YEAR} --json").stdout)["total"]
    assert (total["closed"], total["average_days_to_close"]) == (1, "10.0")
    run.ok(f"case retract {m.CASE} {agreement} --reason 协议未签订")
    total = json.loads(run.ok(f"stats disputes {YEAR} --json").stdout)["total"]
    # Without its agreement the case was deemed failed when its 15 days ran out (S4 Art 29).
    assert (total["closed"], total["succeeded"], total["failed"], total["amount_agreed"]) == (1, 0, 1, "0.00")
    assert json.loads(run.ok(f"case show {m.CASE} --json").stdout)["agreement"] is None
    run.ok("rebuild")
    assert json.loads(run.ok(f"stats disputes {YEAR} --json").stdout)["total"] == total


def test_a_step_whose_date_was_corrected_still_says_which_deadline_it_met(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=date(2011, 7, 10)) as t:
        b.opened(t)
        t.negotiations.request("CB-2011-001", on=date(2011, 4, 8))
        t.negotiations.reply("CB-2011-001", on=date(2011, 4, 18))
        t.negotiations.correct("CB-2011-001", 3, on=date(2011, 4, 20), reason="答复日期误录")
    run = Cli(any_store)
    history = json.loads(run.ok("negotiation history CB-2011-001 --json").stdout)
    reply = next(h for h in history if h["step"] == "RequestAnswered")
    assert reply["on"] == "2011-04-18"  # as recorded
    assert reply["on_in_effect"] == "2011-04-20"
    assert reply["met"] is not None
    timeline = json.loads(run.ok("timeline CB-2011-001 --json").stdout)
    assert next(s for s in timeline if s["number"] == 3)["met"] is not None


def test_the_demo_s_vote_recorded_without_a_tally_is_given_one(any_store: str) -> None:
    run = Cli(any_store)
    run.ok("demo")
    history = json.loads(run.ok("negotiation history DEMO-2011-WAGE --json").stdout)
    vote = next(h["version"] for h in history if h["step"] == "RatificationVoteRecorded")
    before = run.events()
    partial = run(f"negotiation correct DEMO-2011-WAGE {vote} --present 45 --reason 补录计票")
    assert partial.exit_code == 1
    assert partial.stderr.strip() == (
        f"Error: correct.roll: step #{vote} records the vote's outcome only; to give it a tally,"
        " give all of --roll, --present, --yes and --no"
    )
    assert run.events() == before
    done = run.ok(
        f"negotiation correct DEMO-2011-WAGE {vote} --roll 60 --present 45 --yes 38 --no 5 --reason 补录计票"
    )
    assert f"#{vote} tally: (none) → roll 60, present 45, yes 38, no 5" in done.stdout
    shown = json.loads(run.ok("negotiation show DEMO-2011-WAGE --json").stdout)
    assert (shown["vote"]["tally"]["yes"], shown["vote"]["verified"]) == (38, True)


def test_a_negotiation_as_of_a_day_warns_of_its_contract_s_later_corrections(any_store: str) -> None:
    with Tracker(any_store, actor="测试员", today=date(2011, 7, 10)) as t:
        b.in_force(t)
    with Tracker(any_store, actor="测试员", today=date(2011, 7, 20)) as t:
        t.contracts.correct("CB-2011-001", 2, copies=4, reason="报送份数更正")
    run = Cli(any_store)
    then = json.loads(run.ok("negotiation show CB-2011-001 --as-of 2011-07-10 --json").stdout)
    assert any(
        w.startswith("the contract's step #2 was corrected on 2011-07-20 (#") for w in then["warnings"]
    )
    assert not any(w.startswith("step #") for w in then["warnings"])  # the negotiation's were not
    now = json.loads(run.ok("negotiation show CB-2011-001 --json").stdout)
    assert not any("was corrected" in w for w in now["warnings"])
