"""How domain values are stored: serialisation is persistence (house rule 4).

The library handles UUID, Decimal and datetime; dates, enums and our attrs value objects are
registered here. Tuples would come back as lists, so value objects hold tuples and encode lists.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.disputes import BodyType, CaseStatus, Category, Channel, Outcome, ReferralTarget, RosterRole
from domain.values import (
    AgreementKind,
    ContractStatus,
    GroupRaise,
    Purpose,
    RatificationBody,
    Role,
    Side,
    Stage,
    Term,
    TerminationGround,
    VoteOutcome,
    VoteTally,
    WageTerms,
    YearTerms,
)
from domain.wage import WageBase, WageGroup


class DateAsISO(Transcoding):
    type = date
    name = "date"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


def enum_transcoding(enum_type: type[Enum], name: str) -> Transcoding:
    class EnumAsValue(Transcoding):
        type = enum_type

        def encode(self, obj: Enum) -> Any:
            return obj.value

        def decode(self, data: Any) -> Enum:
            return enum_type(data)

    EnumAsValue.name = name
    return EnumAsValue()


class VoteTallyAsDict(Transcoding):
    type = VoteTally
    name = "vote_tally"

    def encode(self, obj: VoteTally) -> dict[str, int]:
        return {
            "roll": obj.roll,
            "present": obj.present,
            "yes": obj.yes,
            "no": obj.no,
            "abstain": obj.abstain,
            "invalid": obj.invalid,
        }

    def decode(self, data: dict[str, int]) -> VoteTally:
        return VoteTally(**data)


class TermAsDict(Transcoding):
    type = Term
    name = "term"

    def encode(self, obj: Term) -> dict[str, date]:
        return {"start": obj.start, "end": obj.end}

    def decode(self, data: dict[str, date]) -> Term:
        return Term(data["start"], data["end"])


# Nested records as dicts of their fields, as a step's detail reads them (projections.labels)
# whether it comes from the stored JSON or from the domain event.
def _raises(raises: tuple[GroupRaise, ...]) -> list[dict[str, Any]]:
    return [{"group": r.group, "pct": r.pct, "amount": r.amount} for r in raises]


def _raises_back(data: list[dict[str, Any]]) -> tuple[GroupRaise, ...]:
    return tuple(GroupRaise(group=r["group"], pct=r["pct"], amount=r["amount"]) for r in data)


class WageTermsAsDict(Transcoding):
    """A proposal's wage numbers. Terms recorded before per-group rises, one-off payments and
    later years existed have none of them: they read as none (no upcasting needed)."""

    type = WageTerms
    name = "wage_terms"

    def encode(self, obj: WageTerms) -> dict[str, Any]:
        return {
            "increase_pct": obj.increase_pct,
            "minimum_wage": obj.minimum_wage,
            "currency": obj.currency,
            "effective_on": obj.effective_on,
            "factors": list(obj.factors),
            "raises": _raises(obj.raises),
            "one_off": obj.one_off,
            "later": [
                {
                    "increase_pct": y.increase_pct,
                    "raises": _raises(y.raises),
                    "minimum_wage": y.minimum_wage,
                    "one_off": y.one_off,
                }
                for y in obj.later
            ],
        }

    def decode(self, data: dict[str, Any]) -> WageTerms:
        increase, minimum = data["increase_pct"], data["minimum_wage"]
        assert increase is None or isinstance(increase, Decimal)
        return WageTerms(
            increase_pct=increase,
            minimum_wage=minimum,
            currency=data["currency"],
            effective_on=data["effective_on"],
            factors=tuple(data["factors"]),
            raises=_raises_back(data.get("raises", [])),
            one_off=data.get("one_off"),
            later=tuple(
                YearTerms(
                    increase_pct=y["increase_pct"],
                    raises=_raises_back(y["raises"]),
                    minimum_wage=y["minimum_wage"],
                    one_off=y["one_off"],
                )
                for y in data.get("later", [])
            ),
        )


class WageBaseAsDict(Transcoding):
    type = WageBase
    name = "wage_base"

    def encode(self, obj: WageBase) -> dict[str, Any]:
        return {
            "groups": [
                {"name": g.name, "headcount": g.headcount, "average_wage": g.average_wage} for g in obj.groups
            ],
            "region": obj.region,
            "year": obj.year,
            "social_insurance_pct": obj.social_insurance_pct,
            "housing_fund_pct": obj.housing_fund_pct,
            "bonus_months": obj.bonus_months,
        }

    def decode(self, data: dict[str, Any]) -> WageBase:
        return WageBase(
            groups=tuple(WageGroup(g["name"], g["headcount"], g["average_wage"]) for g in data["groups"]),
            region=data["region"],
            year=data["year"],
            social_insurance_pct=data["social_insurance_pct"],
            housing_fund_pct=data["housing_fund_pct"],
            bonus_months=data["bonus_months"],
        )


def register_transcodings(transcoder: JSONTranscoder) -> None:
    transcoder.register(DateAsISO())
    for enum_type, name in (
        (Side, "side"),
        (AgreementKind, "agreement_kind"),
        (Role, "role"),
        (RatificationBody, "ratification_body"),
        (VoteOutcome, "vote_outcome"),
        (Purpose, "purpose"),
        (TerminationGround, "termination_ground"),
        (Stage, "negotiation_stage"),
        (BodyType, "body_type"),
        (RosterRole, "roster_role"),
        (Channel, "channel"),
        (Category, "dispute_category"),
        (Outcome, "case_outcome"),
        (CaseStatus, "case_status"),
        (ReferralTarget, "referral_target"),
        (ContractStatus, "contract_status"),
    ):
        transcoder.register(enum_transcoding(enum_type, name))
    transcoder.register(VoteTallyAsDict())
    transcoder.register(TermAsDict())
    transcoder.register(WageTermsAsDict())
    transcoder.register(WageBaseAsDict())
