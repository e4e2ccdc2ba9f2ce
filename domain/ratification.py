"""Quorum and threshold of the ratification vote (S1 Art 36; DOMAIN A8).

Quorum: at least 2/3 of the whole roll present. Threshold: more than half of the WHOLE roll in
favour, not of those present. Exactly half under a strict rule is a tie that a person decides.
A meeting without quorum is refused, or, when the user says it was held so, recorded as held
and invalid: the draft is then voted on again. All arithmetic is on integers and fractions,
never floats.

The rule a vote was counted by is kept in its event in English (``evaluate``); ``vote_rule``
says it in the language of the interface, counted again from the tally.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction

import attrs

from domain.errors import RuleViolationError
from domain.i18n import NC_, _, english, pgettext
from domain.jurisdiction import JurisdictionProfile
from domain.records import Vote
from domain.values import VoteOutcome, VoteTally

# What the passing threshold is a fraction of (``ratify_base``).
_BASES = {
    "roll": NC_("vote base", "whole roll"),
    "present": NC_("vote base", "present"),
    "cast": NC_("vote base", "cast"),
}


def quorum_needed(roll: int, quorum: Fraction) -> int:
    """The fewest people present that make a quorum of ``roll``."""
    return math.ceil(roll * quorum)


def quorum_met(tally: VoteTally, quorum: Fraction) -> bool:
    return tally.present * quorum.denominator >= tally.roll * quorum.numerator


def threshold_base(tally: VoteTally, profile: JurisdictionProfile) -> int:
    if profile.ratify_base == "roll":
        return tally.roll
    if profile.ratify_base == "present":
        return tally.present
    return tally.yes + tally.no


def yes_needed(tally: VoteTally, profile: JurisdictionProfile) -> int:
    """The fewest yes votes that pass without a tie."""
    base = threshold_base(tally, profile) * profile.ratify_threshold
    if profile.ratify_op == ">=":
        return math.ceil(base)
    return math.floor(base) + 1


@attrs.frozen(kw_only=True)
class VoteResult:
    quorum_met: bool
    quorum_needed: int
    yes_needed: int
    outcome: VoteOutcome
    rule: str  # in English, as the vote's event keeps it: ``vote_rule`` translates it when shown


def evaluate(tally: VoteTally, profile: JurisdictionProfile, *, no_quorum: bool = False) -> VoteResult:
    """Apply the profile's quorum and threshold.

    A meeting without quorum decides nothing. Unless the user says it was held so
    (``no_quorum``), it is refused; said so, it is recorded as held and invalid, and the draft
    is voted on again.
    """
    if no_quorum:
        return held_without_quorum(tally, profile)
    needed = quorum_needed(tally.roll, profile.ratify_quorum)
    if not quorum_met(tally, profile.ratify_quorum):
        raise RuleViolationError(
            "vote.present",
            _(
                "{present} of {roll} is below the quorum of {quorum} ({basis});"
                " if the meeting was held, record it as held without quorum with --no-quorum"
            ).format(
                present=tally.present,
                roll=tally.roll,
                quorum=profile.quorum_text(),
                basis=profile.cite(profile.ratify_basis),
            ),
        )
    base = threshold_base(tally, profile) * profile.ratify_threshold
    if tally.yes > base or (profile.ratify_op == ">=" and tally.yes == base):
        outcome = VoteOutcome.PASSED
    elif tally.yes == base:
        outcome = VoteOutcome.TIED
    else:
        outcome = VoteOutcome.REJECTED
    with english():
        rule = quorum_rule(tally, profile)
    return VoteResult(
        quorum_met=True,
        quorum_needed=needed,
        yes_needed=yes_needed(tally, profile),
        outcome=outcome,
        rule=rule,
    )


def quorum_rule(tally: VoteTally, profile: JurisdictionProfile) -> str:
    """The quorum and threshold a vote with a quorum was counted by, in the current language."""
    threshold = profile.ratify_threshold
    return _(
        "quorum {quorum} of the roll ({needed} of {roll}); "
        "pass: yes {op} {threshold} of the {base} ({yes} yes needed) — {basis}"
    ).format(
        quorum=profile.quorum_text(),
        needed=quorum_needed(tally.roll, profile.ratify_quorum),
        roll=tally.roll,
        op=profile.ratify_op,
        threshold=f"{threshold.numerator}/{threshold.denominator}",
        base=pgettext("vote base", _BASES[profile.ratify_base]),
        yes=yes_needed(tally, profile),
        basis=profile.cite(profile.ratify_basis),
    )


def reported_rule(profile: JurisdictionProfile) -> str:
    """The rule of a vote whose outcome was reported without its tally, in the current language."""
    return _("outcome reported, tally not recorded — quorum and threshold unverifiable ({basis})").format(
        basis=profile.cite(profile.ratify_basis)
    )


def vote_rule(vote: Vote, profile: JurisdictionProfile) -> str:
    """The rule ``vote`` was counted by, in the current language: counted again from its tally
    by ``profile``'s rule (its event keeps the same words in English, ``vote.rule``)."""
    if vote.tally is None:
        return reported_rule(profile)
    if vote.outcome is VoteOutcome.NO_QUORUM:
        return no_quorum_rule(vote.tally, profile)
    return quorum_rule(vote.tally, profile)


def held_without_quorum(tally: VoteTally, profile: JurisdictionProfile) -> VoteResult:
    """A meeting the user says had no quorum: invalid if the counts agree, refused if they show
    a quorum (the facts contradict it)."""
    needed = quorum_needed(tally.roll, profile.ratify_quorum)
    if quorum_met(tally, profile.ratify_quorum):
        raise RuleViolationError(
            "vote.no-quorum",
            _(
                "{present} of {roll} present meets the quorum of {quorum}"
                " ({needed} needed, {basis}); record the vote without --no-quorum"
            ).format(
                present=tally.present,
                roll=tally.roll,
                quorum=profile.quorum_text(),
                needed=needed,
                basis=profile.cite(profile.ratify_basis),
            ),
        )
    with english():
        rule = no_quorum_rule(tally, profile)
    return VoteResult(
        quorum_met=False,
        quorum_needed=needed,
        yes_needed=yes_needed(tally, profile),
        outcome=VoteOutcome.NO_QUORUM,
        rule=rule,
    )


def no_quorum_rule(tally: VoteTally, profile: JurisdictionProfile) -> str:
    """What happened at a meeting without quorum, with the rule it fell short of (current language)."""
    return _("quorum not met: {present} of {roll} present (quorum {quorum} = {needed}) — {basis}").format(
        present=tally.present,
        roll=tally.roll,
        quorum=profile.quorum_text(),
        needed=quorum_needed(tally.roll, profile.ratify_quorum),
        basis=profile.cite(profile.ratify_basis),
    )


def attempt_numbers(no_quorum: Iterable[bool]) -> list[int]:
    """Which attempt on its draft each vote was, from whether each one lacked a quorum.

    A meeting without quorum leaves the draft where it was, and nothing but another vote can
    follow it; any other outcome ends that draft's votes (passed, rejected, or tied and
    decided). So the n-th vote in a row after n-1 meetings without quorum is attempt n.
    """
    numbers = []
    streak = 0
    for lacking in no_quorum:
        numbers.append(streak + 1)
        streak = streak + 1 if lacking else 0
    return numbers
