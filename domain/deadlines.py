"""Deadlines of a negotiation and its contract, from the dates the aggregates recorded.

The computation is ``domain.due``'s; ``next_deadline`` is the earliest one still open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.due import AgreementDates, Due, agreement_deadlines, next_deadline
from domain.jurisdiction import JurisdictionProfile
from domain.negotiation import Negotiation
from domain.values import Purpose, Stage

if TYPE_CHECKING:  # a negotiation's deadlines need no contract class: import it only to type
    from domain.contract import CollectiveContract

__all__ = ["Due", "contract_deadlines", "negotiation_deadlines", "next_deadline"]


def negotiation_deadlines(n: Negotiation, profile: JurisdictionProfile) -> list[Due]:
    suspended = n.stage is Stage.SUSPENDED and bool(n.suspensions)
    dates = AgreementDates(
        kind=n.kind,
        request_on=n.request_received_on,
        reply_on=n.reply_on,
        suspended_until=n.suspensions[-1].until if suspended else None,
    )
    return agreement_deadlines(dates, profile)


def contract_deadlines(c: CollectiveContract, profile: JurisdictionProfile) -> list[Due]:
    dates = AgreementDates(
        kind=c.kind,
        signed_on=c.signed_on,
        submitted_on=c.submitted_on,
        received_on=c.received_on,
        objected_on=c.objected_on,
        effective_on=c.effective_on(),
        published_on=c.published_on,
        term_end=c.term.end,
        renewal_opened_on=next((s.opened_on for s in c.successors if s.purpose is Purpose.RENEWAL), None),
    )
    return agreement_deadlines(dates, profile)
