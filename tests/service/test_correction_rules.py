"""Corrections keep the records that state the same facts together, and keep the recording
commands' own checks: what a review of the corrections found, each held by a test."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bargaining import InvalidValueError, RuleViolationError, Tracker
from tests import builders as b
from tests import builders_mediation as m
from tests.conftest import Cli


def step_of(tracker: Tracker, ref: str, kind: str, nth: int = 0) -> int:
    numbers = [h["version"] for h in tracker.negotiations.history(ref) if h["step"] == kind]
    return int(numbers[nth])


def test_a_tallied_vote_s_outcome_follows_from_its_tally(tracker: Tracker) -> None:
    b.signed(tracker)
    vote = step_of(tracker, "CB-2011-001", "RatificationVoteRecorded")
    with pytest.raises(
        InvalidValueError, match=r"correct\.outcome: .* follows from its other facts \(passed\)"
    ):
        tracker.negotiations.correct("CB-2011-001", vote, outcome="rejected", reason="x")
    assert tracker.negotiations.show("CB-2011-001")["vote"]["outcome"] == "passed"


def test_a_signing_corrected_twice_leaves_the_contract_on_the_last_date(tracker: Tracker) -> None:
    b.signed(tracker)
    signing = step_of(tracker, "CB-2011-001", "Signed")
    tracker.negotiations.correct("CB-2011-001", signing, on=date(2011, 6, 30), reason="误录")
    tracker.negotiations.correct("CB-2011-001", signing, on=date(2011, 6, 29), reason="改回")
    assert tracker.contracts.show("CB-2011-001")["signed_on"] == "2011-06-29"
    assert tracker.negotiations.show("CB-2011-001")["signed_on"] == "2011-06-29"


def test_an_objection_and_the_reopening_it_caused_move_together(tracker: Tracker) -> None:
    b.in_force(tracker)
    tracker.contracts.objection("CB-2011-001", on=date(2011, 7, 12), opinion="第一条需修改")
    objection = 4
    with pytest.raises(RuleViolationError, match="was reopened"):
        tracker.contracts.retract("CB-2011-001", objection, reason="x")
    reopened = step_of(tracker, "CB-2011-001", "Reopened")
    with pytest.raises(RuleViolationError, match="correct it on the contract"):
        tracker.negotiations.retract("CB-2011-001", reopened, reason="x")
    tracker.contracts.correct("CB-2011-001", objection, on=date(2011, 7, 11), reason="日期误录")
    history = tracker.negotiations.history("CB-2011-001")
    corrected = [h for h in history if h["step"] == "StepCorrected"]
    assert [c["detail"]["changes"][0][:2] for c in corrected] == [[reopened, "on"]]
    assert tracker.contracts.show("CB-2011-001")["objections"][0]["on"] == "2011-07-11"


def test_a_referral_that_opened_another_case_is_put_right_there(tracker: Tracker) -> None:
    m.in_mediation(tracker)
    m.street_centre(tracker)
    tracker.cases.refer(m.CASE, on=date(2024, 3, 12), to_body=m.STREET, new_reference="CASE-2024-0007-B")
    referral = max(r["number"] for r in tracker.cases.show(m.CASE)["timeline"] if r["number"])
    with pytest.raises(RuleViolationError, match="put it right on CASE-2024-0007-B"):
        tracker.cases.retract(m.CASE, referral, reason="x")
    with pytest.raises(RuleViolationError, match="put it right on CASE-2024-0007-B"):
        tracker.cases.correct(m.CASE, referral, on=date(2024, 3, 11), reason="x")


def test_a_corrected_application_or_assignment_is_checked_as_when_recorded(tracker: Tracker) -> None:
    m.in_mediation(tracker)
    with pytest.raises(InvalidValueError, match="is not a mediator of"):
        tracker.cases.correct(m.CASE, 3, mediator=["陌生人"], reason="x")
    with pytest.raises(InvalidValueError, match="fewer than the 2 applicants"):
        tracker.cases.correct(m.CASE, 1, applicant=["刘某", "张某"], workers=1, reason="x")
    with pytest.raises(InvalidValueError, match="after the application was received"):
        tracker.cases.correct(m.CASE, 1, known_on=date(2024, 3, 9), reason="x")
    with pytest.raises(InvalidValueError, match="primary category"):
        tracker.cases.correct(m.CASE, 1, tag=["work-injury"], reason="x")
    with pytest.raises(InvalidValueError, match="is not a date"):
        tracker.cases.correct(m.CASE, 2, on="2024-02-30", reason="x")
    tracker.cases.correct(m.CASE, 1, applicant="刘某某", reason="姓名误录")  # one name, not its characters
    assert tracker.cases.show(m.CASE)["applicants"] == ["刘某某"]


@pytest.mark.parametrize("step", ["²", "①", "１", "#", "0", "abc"])
def test_a_step_that_is_not_a_plain_number_is_one_line_error(store: Path, step: str) -> None:
    with Tracker(store, actor="测试员", today=date(2024, 4, 1)) as t:
        m.received(t)
    run = Cli(store)
    done = run("case", "retract", m.CASE, step, "--reason", "x")
    assert done.exit_code == 1
    assert done.stderr.startswith("Error: retract.step: ")
    assert len(done.stderr.strip().splitlines()) == 1


def test_undoing_a_correction_is_a_correction_back(tracker: Tracker) -> None:
    m.received(tracker)
    found: Any = tracker.cases.correct(m.CASE, 1, amount="126000", reason="金额误录")
    assert found["step"] == 1
    with pytest.raises(InvalidValueError, match=r"to undo it, correct it again \(#1\)"):
        tracker.cases.retract(m.CASE, 2, reason="x")


def test_correcting_a_correction_of_a_case_is_a_one_line_error(tracker: Tracker) -> None:
    m.received(tracker)
    tracker.cases.correct(m.CASE, 1, amount="126000", reason="金额误录")
    with pytest.raises(InvalidValueError, match=r"#2 is a correction itself"):
        tracker.cases.correct(m.CASE, 2, on=date(2024, 3, 7), reason="x")


def sign(tracker: Tracker, ref: str) -> None:
    tracker.negotiations.sign(
        ref, on=date(2011, 6, 29), term_start=date(2011, 7, 1), term_end=date(2012, 6, 30)
    )


def test_a_vote_recorded_with_its_outcome_only_is_given_a_whole_tally(tracker: Tracker) -> None:
    ref = b.drafted(tracker)
    tracker.negotiations.vote(ref, on=date(2011, 6, 24), outcome="passed")
    sign(tracker, ref)
    vote = step_of(tracker, ref, "RatificationVoteRecorded")
    with pytest.raises(InvalidValueError, match=r"^correct\.roll: .*give all of --roll, --present"):
        tracker.negotiations.correct(ref, vote, present="45", reason="补录计票")
    with pytest.raises(InvalidValueError, match=r"^correct\.no: "):
        tracker.negotiations.correct(ref, vote, roll=60, present="45", yes=38, reason="补录计票")
    # The tally is checked as 'negotiation vote' checks it: below quorum, or not passing
    # while the signing rests on the vote, it is refused.
    with pytest.raises(RuleViolationError, match=r"39 of 60 is below the quorum"):
        tracker.negotiations.correct(ref, vote, roll=60, present="39", yes=30, no=5, reason="x")
    with pytest.raises(RuleViolationError, match=rf"step #{vote + 1} \(signed\) would break a rule"):
        tracker.negotiations.correct(ref, vote, roll=60, present="45", yes=20, no=20, reason="x")
    tracker.negotiations.correct(ref, vote, roll=60, present="45", yes=38, no=5, abstain=2, reason="补录计票")
    shown = tracker.negotiations.show(ref)["vote"]
    assert shown["tally"]["present"] == 45
    assert shown["tally"]["abstain"] == 2
    assert (shown["outcome"], shown["verified"]) == ("passed", True)
    assert "quorum 2/3 of the roll (40 of 60)" in shown["rule"]


def test_a_meeting_without_quorum_corrected_to_quorum_is_a_vote_its_ballots_decide(
    tracker: Tracker,
) -> None:
    ref = b.drafted(tracker)
    tracker.negotiations.vote(ref, on=date(2011, 6, 20), roll=60, present=30, no_quorum=True)
    meeting = step_of(tracker, ref, "RatificationVoteRecorded")
    with pytest.raises(InvalidValueError, match=r"^correct\.yes: with 45 of 60 present.*had quorum"):
        tracker.negotiations.correct(ref, meeting, present="45", reason="出席人数误录")
    with pytest.raises(InvalidValueError, match=r"^correct\.no: "):
        tracker.negotiations.correct(ref, meeting, present="45", yes=38, reason="出席人数误录")
    # Still short of quorum, it stays a meeting held without quorum.
    tracker.negotiations.correct(ref, meeting, present="35", reason="出席人数误录")
    assert tracker.negotiations.show(ref)["vote"]["outcome"] == "no quorum"
    done: Any = tracker.negotiations.correct(ref, meeting, present="45", yes=38, no=5, reason="计票更正")
    assert [c["field"] for c in done["changes"]] == ["tally", "outcome", "rule"]
    shown = tracker.negotiations.show(ref)
    assert (shown["stage"], shown["vote"]["outcome"]) == ("ratified", "passed")
    sign(tracker, ref)  # the draft was ratified
    assert tracker.negotiations.show(ref)["stage"] == "signed"


def test_a_meeting_without_quorum_a_later_vote_followed_keeps_its_quorum_short(tracker: Tracker) -> None:
    ref = b.drafted(tracker)
    tracker.negotiations.vote(ref, on=date(2011, 6, 20), roll=60, present=30, no_quorum=True)
    tracker.negotiations.vote(ref, on=date(2011, 6, 24), roll=60, present=45, yes=38, no=5)
    sign(tracker, ref)
    meeting, vote = (
        step_of(tracker, ref, "RatificationVoteRecorded"),
        step_of(tracker, ref, "RatificationVoteRecorded", 1),
    )
    with pytest.raises(RuleViolationError) as refused:
        tracker.negotiations.correct(ref, meeting, present="45", yes=38, no=5, reason="x")
    message = str(refused.value)
    assert f"with step #{meeting} corrected, step #{vote} (ratification vote) would break a rule" in message
    assert "--no-quorum" not in message


def test_only_the_steps_that_rest_on_a_refused_step_are_named(tracker: Tracker) -> None:
    ref = b.drafted(tracker)
    tracker.negotiations.vote(ref, on=date(2011, 6, 20), roll=60, present=30, no_quorum=True)
    tracker.negotiations.vote(ref, on=date(2011, 6, 24), roll=60, present=45, yes=38, no=5)
    sign(tracker, ref)
    meeting, vote = (
        step_of(tracker, ref, "RatificationVoteRecorded"),
        step_of(tracker, ref, "RatificationVoteRecorded", 1),
    )
    # The vote after a meeting without quorum, and the signing, do not rest on the meeting.
    with pytest.raises(RuleViolationError) as refused:
        tracker.negotiations.correct(ref, meeting, on=date(2011, 6, 1), reason="x")
    assert f"step #{meeting} would break a rule" in str(refused.value)
    assert "resting on it" not in str(refused.value)
    # The signing rests on the vote that passed the draft.
    with pytest.raises(RuleViolationError, match=rf"resting on it: #{vote + 1} signed; nothing"):
        tracker.negotiations.correct(ref, vote, on=date(2011, 6, 1), reason="x")


def test_a_correction_that_changes_nothing_names_the_option_given(tracker: Tracker) -> None:
    m.received(tracker)
    with pytest.raises(InvalidValueError, match=r"^correct: step #1 already says --amount 180000\.00;"):
        tracker.cases.correct(m.CASE, 1, amount="180000", reason="x")
    b.signed(tracker, "CB-2011-002")
    vote = step_of(tracker, "CB-2011-002", "RatificationVoteRecorded")
    with pytest.raises(InvalidValueError, match=r"already says --present 45, --yes 38; nothing to correct"):
        tracker.negotiations.correct("CB-2011-002", vote, present="45", yes=38, reason="x")
