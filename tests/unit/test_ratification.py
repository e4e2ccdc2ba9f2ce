"""Quorum and threshold (S1 Art 36): integers only, the whole roll as the base."""

from __future__ import annotations

from itertools import takewhile

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValueError, RuleViolationError
from domain.jurisdiction import PRC
from domain.ratification import attempt_numbers, evaluate, quorum_needed
from domain.values import VoteOutcome, VoteTally


@st.composite
def tallies(draw: st.DrawFn) -> VoteTally:
    roll = draw(st.integers(1, 3000))
    present = draw(st.integers(0, roll))
    yes = draw(st.integers(0, present))
    no = draw(st.integers(0, present - yes))
    abstain = draw(st.integers(0, present - yes - no))
    invalid = draw(st.integers(0, present - yes - no - abstain))
    return VoteTally(roll=roll, present=present, yes=yes, no=no, abstain=abstain, invalid=invalid)


@given(tallies())
def test_vote_needs_two_thirds_of_the_whole_roll_present(tally: VoteTally) -> None:
    if 3 * tally.present >= 2 * tally.roll:
        evaluate(tally, PRC)
    else:
        with pytest.raises(RuleViolationError, match=r"^vote\.present: .* below the quorum of 2/3"):
            evaluate(tally, PRC)


@given(tallies())
def test_vote_passes_only_with_more_than_half_of_the_whole_roll(tally: VoteTally) -> None:
    if 3 * tally.present < 2 * tally.roll:
        return
    outcome = evaluate(tally, PRC).outcome
    if 2 * tally.yes > tally.roll:
        assert outcome is VoteOutcome.PASSED
    elif 2 * tally.yes == tally.roll:
        assert outcome is VoteOutcome.TIED  # a person decides; never silently passed
    else:
        assert outcome is VoteOutcome.REJECTED


@given(st.integers(1, 100_000))
def test_quorum_needed_is_the_smallest_count_meeting_two_thirds(roll: int) -> None:
    needed = quorum_needed(roll, PRC.ratify_quorum)
    assert 3 * needed >= 2 * roll
    assert 3 * (needed - 1) < 2 * roll


def test_seed_fixture_roll_60_passes_with_38_of_45() -> None:
    result = evaluate(VoteTally(roll=60, present=45, yes=38, no=5), PRC)
    assert (result.outcome, result.quorum_needed, result.yes_needed) == (VoteOutcome.PASSED, 40, 31)


def test_thirty_nine_of_sixty_present_is_no_quorum_citing_the_article() -> None:
    with pytest.raises(RuleViolationError) as caught:
        evaluate(VoteTally(roll=60, present=39, yes=39, no=0), PRC)
    assert str(caught.value) == (
        "vote.present: 39 of 60 is below the quorum of 2/3 (PRC, Provisions on Collective Contracts art. 36);"
        " if the meeting was held, record it as held without quorum with --no-quorum"
    )


@given(tallies())
def test_a_meeting_is_either_a_vote_or_held_without_quorum_never_both(tally: VoteTally) -> None:
    quorate = 3 * tally.present >= 2 * tally.roll
    if quorate:
        assert evaluate(tally, PRC).outcome is not VoteOutcome.NO_QUORUM
        with pytest.raises(RuleViolationError, match=r"^vote\.no-quorum: .* meets the quorum of 2/3"):
            evaluate(tally, PRC, no_quorum=True)
    else:
        with pytest.raises(RuleViolationError, match=r"^vote\.present: .* with --no-quorum$"):
            evaluate(tally, PRC)
        result = evaluate(tally, PRC, no_quorum=True)
        assert (result.outcome, result.quorum_met) == (VoteOutcome.NO_QUORUM, False)


@given(tallies())
def test_a_meeting_without_quorum_says_who_came_and_how_many_were_needed(tally: VoteTally) -> None:
    if 3 * tally.present >= 2 * tally.roll:
        return
    rule = evaluate(tally, PRC, no_quorum=True).rule
    needed = quorum_needed(tally.roll, PRC.ratify_quorum)
    assert rule == (
        f"quorum not met: {tally.present} of {tally.roll} present (quorum 2/3 = {needed})"
        " — PRC, Provisions on Collective Contracts art. 36"
    )
    assert tally.present < needed


def test_fifty_eight_of_ninety_is_held_without_quorum() -> None:
    result = evaluate(VoteTally(roll=90, present=58, yes=0, no=0), PRC, no_quorum=True)
    assert result.rule == (
        "quorum not met: 58 of 90 present (quorum 2/3 = 60) — PRC, Provisions on Collective Contracts art. 36"
    )


def test_sixty_of_ninety_cannot_be_recorded_as_without_quorum() -> None:
    with pytest.raises(RuleViolationError) as caught:
        evaluate(VoteTally(roll=90, present=60, yes=50, no=10), PRC, no_quorum=True)
    assert str(caught.value) == (
        "vote.no-quorum: 60 of 90 present meets the quorum of 2/3 (60 needed, PRC, Provisions on"
        " Collective Contracts art. 36); record the vote without --no-quorum"
    )


@given(st.lists(st.booleans(), max_size=30))
def test_each_attempt_after_meetings_without_quorum_counts_on(lacking: list[bool]) -> None:
    numbers = attempt_numbers(lacking)
    assert len(numbers) == len(lacking)
    for i, number in enumerate(numbers):
        # attempt n follows exactly n-1 meetings without quorum in a row
        assert number == len(list(takewhile(bool, reversed(lacking[:i])))) + 1


def test_a_vote_after_two_meetings_without_quorum_is_the_third_attempt() -> None:
    assert attempt_numbers([True, True, False, False, True, False]) == [1, 2, 3, 1, 1, 2]


def test_thirty_of_sixty_in_favour_is_a_tie_not_a_pass() -> None:
    assert evaluate(VoteTally(roll=60, present=60, yes=30, no=30), PRC).outcome is VoteOutcome.TIED


def test_a_profile_reading_half_as_enough_passes_the_tie() -> None:
    lenient = attrs.evolve(PRC, id="TEST-GE", ratify_op=">=")
    assert evaluate(VoteTally(roll=60, present=60, yes=30, no=30), lenient).outcome is VoteOutcome.PASSED


def test_threshold_counts_the_whole_roll_not_those_present() -> None:
    # 120 of 180 attend, 80 vote yes: a majority of those present, not of the roll.
    assert evaluate(VoteTally(roll=180, present=120, yes=80, no=40), PRC).outcome is VoteOutcome.REJECTED


@pytest.mark.parametrize(
    ("counts", "field"),
    [
        ({"roll": 90, "present": 91, "yes": 60, "no": 0}, "vote.present"),
        ({"roll": 90, "present": 60, "yes": 50, "no": 11}, "vote.yes"),
        ({"roll": 0, "present": 0, "yes": 0, "no": 0}, "vote.roll"),
        ({"roll": 90, "present": 60, "yes": -1, "no": 0}, "vote.yes"),
    ],
)
def test_counts_that_cannot_be_true_are_refused(counts: dict[str, int], field: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        VoteTally(**counts)
    assert caught.value.field == field
