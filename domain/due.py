"""Deadlines computed from recorded dates, each naming its rule and source.

Pure functions of plain dates: ``show`` feeds them dates read off the aggregates
(``domain.deadlines``) and the status board feeds them the dates its rows keep
(``projections.folds``), so the two can never disagree, and neither import pulls in the other.
"""

from __future__ import annotations

from datetime import date

import attrs

from domain.i18n import _
from domain.jurisdiction import DeadlineRule, JurisdictionProfile
from domain.values import AgreementKind, ContractStatus


@attrs.frozen(kw_only=True)
class Due:
    key: str
    label: str
    due: date
    rule: str
    done_on: date | None = None
    governing: bool = True
    milestone: bool = False  # a date that matters (window opens, term ends), not a duty
    source: DeadlineRule | None = None  # the rule it was computed by, when a profile rule
    plain: date | None = None  # the period's own last day, when a rest day moved ``due`` past it

    @property
    def late_by_days(self) -> int | None:
        """How many days after ``due`` the step that met it was taken (0: on time); None while
        it is not met, and for a milestone, which no step meets."""
        return late_by(self.due, self.done_on) if not self.milestone else None

    def state(self, day: date) -> str:
        if self.milestone:
            return "passed" if day > self.due else "upcoming"
        if self.done_on is not None:
            return "late" if self.done_on > self.due else "met"
        return "overdue" if day > self.due else "open"


# The recorded steps (events of the negotiation, contract or case) that meet each deadline: the
# deadline's ``done_on`` is that step's business date.
MET_BY: dict[str, frozenset[str]] = {
    "reply": frozenset({"RequestAnswered"}),
    "filing": frozenset({"Submitted"}),
    "review": frozenset({"Objected"}),
    "publish": frozenset({"Published"}),
    "resume": frozenset({"Resumed"}),
    "acceptance": frozenset({"Accepted", "Declined"}),
    "mediation": frozenset({"Settled", "Failed", "Withdrawn", "Referred"}),
    "arbitral_review": frozenset({"ReviewRequested"}),
    "performance": frozenset({"PerformanceRecorded"}),
}


def late_by(due: date, done_on: date | None) -> int | None:
    """Days from ``due`` to ``done_on`` when later (0 when on time); None when not done."""
    return None if done_on is None else max(0, (done_on - due).days)


def _due(
    rule: DeadlineRule,
    start: date,
    profile: JurisdictionProfile,
    *,
    done_on: date | None = None,
    governing: bool = True,
) -> Due:
    due = profile.due(rule, start)
    plain = rule.plain_end(start) if rule.rolls else due
    return Due(
        key=rule.key,
        label=rule.label,
        due=due,
        rule=profile.rule_text(rule, due, start=start),
        done_on=done_on,
        governing=governing,
        source=rule,
        plain=plain if plain != due else None,
    )


@attrs.frozen(kw_only=True)
class AgreementDates:
    """The recorded dates the deadlines of a negotiation and its contract are computed from.

    The status board keeps these dates in its rows and ``show`` reads them off the aggregates:
    both compute the deadlines here, so the two can never disagree. ``suspended_until`` is
    given only while suspended, ``signed_on`` only while signed.
    """

    kind: AgreementKind
    request_on: date | None = None
    reply_on: date | None = None
    suspended_until: date | None = None
    signed_on: date | None = None
    submitted_on: date | None = None
    received_on: date | None = None
    objected_on: date | None = None
    effective_on: date | None = None
    published_on: date | None = None
    term_end: date | None = None
    renewal_opened_on: date | None = None


def agreement_deadlines(d: AgreementDates, profile: JurisdictionProfile) -> list[Due]:
    """Every date that matters for one negotiation and its contract, each with its rule."""
    found: list[Due] = []
    reply = profile.deadline("reply", d.kind)
    if d.request_on is not None and reply is not None:
        found.append(_due(reply, d.request_on, profile, done_on=d.reply_on))
    if d.suspended_until is not None:
        found.append(
            Due(
                key="resume",
                label=_("resume negotiations (agreed date)"),
                due=d.suspended_until,
                rule=_("agreed on suspension — {basis}").format(basis=profile.cite(profile.suspension_basis)),
            )
        )
    if d.signed_on is not None:
        found += _contract_deadlines(d, d.signed_on, profile)
    return found


def _contract_deadlines(d: AgreementDates, signed_on: date, profile: JurisdictionProfile) -> list[Due]:
    found: list[Due] = []
    for index, rule in enumerate(profile.deadlines_for("filing", d.kind)):
        found.append(_due(rule, signed_on, profile, done_on=d.submitted_on, governing=index == 0))
    review = profile.deadline("review", d.kind)
    if d.received_on is not None and review is not None:
        ends = _due(review, d.received_on, profile, done_on=d.objected_on)
        found.append(
            attrs.evolve(
                ends,
                label=_("review window ends; deemed effective without objection"),
                milestone=d.objected_on is None,
            )
        )
    if d.effective_on is None:
        return found
    publish = profile.deadline("publish", d.kind)
    if publish is not None:
        found.append(_due(publish, d.effective_on, profile, done_on=d.published_on))
    renewal = profile.deadline("renewal", d.kind)
    if renewal is not None and d.term_end is not None:
        opens = _due(renewal, d.term_end, profile, done_on=d.renewal_opened_on)
        found.append(attrs.evolve(opens, label=_("renewal window opens"), milestone=True))
    if d.term_end is not None:
        found.append(
            Due(
                key="expiry",
                label=_("term ends (contract expires)"),
                due=d.term_end,
                rule=_("term agreed at signing — {basis}").format(basis=profile.cite(profile.term_basis)),
                milestone=True,
            )
        )
    return found


def next_deadline(deadlines: list[Due], day: date, status: ContractStatus | None = None) -> Due | None:
    """The earliest date still ahead that matters: an open duty (overdue first) or a coming milestone."""
    if status in (ContractStatus.TERMINATED, ContractStatus.EXPIRED, ContractStatus.OBJECTED):
        return None
    candidates = [
        d for d in deadlines if d.governing and d.done_on is None and (not d.milestone or d.due >= day)
    ]
    return min(candidates, key=lambda d: d.due) if candidates else None
