"""What the aggregates remember of each step: small frozen records, typed and comparable."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from domain.values import Purpose, RatificationBody, VoteOutcome, VoteTally


@attrs.frozen(kw_only=True)
class Round:
    number: int
    on: date
    place: str
    chair: str
    recorder: str
    present: tuple[str, ...]
    minutes: str


@attrs.frozen(kw_only=True)
class Suspension:
    on: date
    until: date
    reason: str
    resumed_on: date | None = None


@attrs.frozen(kw_only=True)
class TieDecision:
    on: date
    by: str
    outcome: VoteOutcome
    reason: str


@attrs.frozen(kw_only=True)
class Vote:
    on: date
    body: RatificationBody
    session: str
    tally: VoteTally | None
    outcome: VoteOutcome
    rule: str
    decided: TieDecision | None = None

    @property
    def final(self) -> VoteOutcome:
        """The outcome that counts: a tie's decision, else the vote's own."""
        return self.decided.outcome if self.decided else self.outcome


@attrs.frozen(kw_only=True)
class Successor:
    """A renewal or amendment negotiation opened for a contract."""

    reference: str
    purpose: Purpose
    opened_on: date
    reason: str
    signed_on: date | None = None


@attrs.frozen(kw_only=True)
class MediationSession:
    number: int
    on: date
    attendees: tuple[str, ...]
    offered: str
    notes: str


@attrs.frozen(kw_only=True)
class MediationAgreement:
    """The mediation agreement (调解协议书), in effect once signed and sealed (S3 Art 14)."""

    on: date
    terms: str
    amount_agreed: Decimal | None
    performance_due: date | None
    performance_method: str
    mediator: str
