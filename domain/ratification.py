"""Quorum and threshold of the ratification vote (S1 Art 36; DOMAIN A8).

Quorum: at least 2/3 of the whole roll present. Threshold: more than half of the WHOLE roll in
favour, not of those present. Exactly half under a strict rule is a tie that a person decides.
All arithmetic is on integers and fractions, never floats.
"""

from __future__ import annotations

import math
from fractions import Fraction

import attrs

from domain.errors import RuleViolationError
from domain.jurisdiction import JurisdictionProfile
from domain.values import VoteOutcome, VoteTally


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
    rule: str


def evaluate(tally: VoteTally, profile: JurisdictionProfile) -> VoteResult:
    """Apply the profile's quorum and threshold. No quorum is not a vote at all: it is refused."""
    needed = quorum_needed(tally.roll, profile.ratify_quorum)
    if not quorum_met(tally, profile.ratify_quorum):
        raise RuleViolationError(
            "vote.present",
            f"{tally.present} of {tally.roll} is below the quorum of {profile.quorum_text()}"
            f" ({profile.cite(profile.ratify_basis)})",
        )
    base = threshold_base(tally, profile) * profile.ratify_threshold
    if tally.yes > base or (profile.ratify_op == ">=" and tally.yes == base):
        outcome = VoteOutcome.PASSED
    elif tally.yes == base:
        outcome = VoteOutcome.TIED
    else:
        outcome = VoteOutcome.REJECTED
    threshold = profile.ratify_threshold
    rule = (
        f"quorum {profile.quorum_text()} of the roll ({needed} of {tally.roll}); "
        f"pass: yes {profile.ratify_op} {threshold.numerator}/{threshold.denominator} of the "
        f"{'whole roll' if profile.ratify_base == 'roll' else profile.ratify_base}"
        f" ({yes_needed(tally, profile)} yes needed) — {profile.cite(profile.ratify_basis)}"
    )
    return VoteResult(
        quorum_met=True,
        quorum_needed=needed,
        yes_needed=yes_needed(tally, profile),
        outcome=outcome,
        rule=rule,
    )
