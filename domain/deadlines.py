"""Deadlines of a negotiation and its contract, computed from the recorded dates.

Each one names its rule and source. ``next_deadline`` is the earliest one still open.
"""

from __future__ import annotations

from datetime import date

import attrs

from domain.contract import CollectiveContract
from domain.jurisdiction import DeadlineRule, JurisdictionProfile
from domain.negotiation import Negotiation
from domain.values import ContractStatus, Purpose, Stage


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

    def state(self, day: date) -> str:
        if self.milestone:
            return "passed" if day > self.due else "upcoming"
        if self.done_on is not None:
            return "late" if self.done_on > self.due else "met"
        return "overdue" if day > self.due else "open"


def _due(
    rule: DeadlineRule,
    start: date,
    profile: JurisdictionProfile,
    *,
    done_on: date | None = None,
    governing: bool = True,
) -> Due:
    return Due(
        key=rule.key,
        label=rule.label,
        due=rule.due(start, profile.holidays),
        rule=f"{rule.describe()} — {profile.cite(rule.basis)}",
        done_on=done_on,
        governing=governing,
        source=rule,
    )


def negotiation_deadlines(n: Negotiation, profile: JurisdictionProfile) -> list[Due]:
    found: list[Due] = []
    if n.request_received_on is not None:
        rule = profile.deadline("reply", n.kind)
        if rule is not None:
            found.append(_due(rule, n.request_received_on, profile, done_on=n.reply_on))
    if n.stage is Stage.SUSPENDED and n.suspensions:
        until = n.suspensions[-1].until
        found.append(
            Due(
                key="resume",
                label="resume negotiations (agreed date)",
                due=until,
                rule=f"agreed on suspension — {profile.cite(profile.suspension_basis)}",
            )
        )
    return found


def contract_deadlines(c: CollectiveContract, profile: JurisdictionProfile) -> list[Due]:
    found: list[Due] = []
    for index, rule in enumerate(profile.deadlines_for("filing", c.kind)):
        found.append(_due(rule, c.signed_on, profile, done_on=c.submitted_on, governing=index == 0))
    if c.received_on is not None:
        review = profile.deadline("review", c.kind)
        assert review is not None
        ends = c.review_ends()
        assert ends is not None
        found.append(
            Due(
                key="review",
                label="review window ends; deemed effective without objection",
                due=ends,
                rule=f"{review.describe()} — {profile.cite(review.basis)}",
                done_on=c.objected_on,
                milestone=c.objected_on is None,
                source=review,
            )
        )
    effective = c.effective_on()
    if effective is not None:
        publish = profile.deadline("publish", c.kind)
        if publish is not None:
            found.append(_due(publish, effective, profile, done_on=c.published_on))
        renewal = profile.deadline("renewal", c.kind)
        if renewal is not None:
            opened = next((s.opened_on for s in c.successors if s.purpose is Purpose.RENEWAL), None)
            found.append(
                Due(
                    key="renewal",
                    label="renewal window opens",
                    due=renewal.due(c.term.end),
                    rule=f"{renewal.describe()} — {profile.cite(renewal.basis)}",
                    done_on=opened,
                    milestone=True,
                    source=renewal,
                )
            )
        found.append(
            Due(
                key="expiry",
                label="term ends (contract expires)",
                due=c.term.end,
                rule=f"term agreed at signing — {profile.cite(profile.term_basis)}",
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
