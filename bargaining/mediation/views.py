"""Plain rows describing a mediation body, or a case on a date with its deadlines and timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from bargaining.formats import iso as _iso
from bargaining.formats import money as _money
from bargaining.timeliness import late_warnings, steps_meeting
from domain.body import MediationBody
from domain.case import MediationCase
from domain.disputes import CaseStatus, Outcome, RosterRole
from domain.due import MET_BY, late_by
from domain.i18n import _, ngettext
from domain.jurisdiction import s4 as s4_basis
from projections.labels import detail as _detail
from projections.labels import label


def body_view(b: MediationBody) -> dict[str, Any]:
    return {
        "reference": b.reference,
        "name": b.name,
        "type": b.body_type.value,
        "type_zh": b.body_type.zh,
        "enterprise": b.enterprise or None,
        "registered_on": _iso(b.registered_on),
        "chair": b.chair or None,
        "workers": b.members(RosterRole.WORKER),
        "employers": b.members(RosterRole.EMPLOYER),
        "mediators": b.mediators(),
        "officers": b.members(RosterRole.OFFICER),
        "events": b.version,
    }


def _deadline(
    key: str,
    label: str,
    due: date,
    rule: str,
    day: date,
    *,
    done_on: date | None = None,
    milestone: bool = False,
    window: bool = False,
) -> dict[str, Any]:
    if milestone:
        state = "passed" if day >= due else "upcoming"
    elif window and done_on is None:
        state = "open" if day <= due else "closed"
    elif done_on is not None:
        state = "late" if done_on > due else "met"
    elif key == "mediation" and day > due:
        state = "lapsed"  # no agreement in time: deemed failed
    else:
        state = "overdue" if day > due else "open"
    return {
        "key": key,
        "label": label,
        "due": due.isoformat(),
        "rule": rule,
        "state": state,
        "done_on": _iso(done_on),
        "met_on": None if milestone else _iso(done_on),
        "late_by_days": None if milestone else late_by(due, done_on),
        "days_left": (due - day).days,
    }


def case_deadlines(c: MediationCase, day: date) -> list[dict[str, Any]]:
    profile = c.profile
    status = c.status(day)

    def cite(key: str, due: date, start: date) -> str:
        return profile.rule_text(c.rule(key), due, start=start)

    decided = c.accepted_on or (c.declined[0] if c.declined else None)
    if c.closed and not decided:
        decided = c.closed[1]
    rows = [
        _deadline(
            "acceptance",
            _("accept or decline the application"),
            c.acceptance_due(),
            cite("acceptance", c.acceptance_due(), c.received_on),
            day,
            done_on=decided,
        )
    ]
    agreed_on = c.agreement.on if c.agreement else None
    if status in (CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.DEEMED_FAILED, CaseStatus.FAILED):
        rows.append(
            _deadline(
                "arbitration_right",
                _("no agreement yet: a party may apply for arbitration"),
                c.arbitration_right_on(),
                cite("arbitration_right", c.arbitration_right_on(), c.received_on),
                day,
                milestone=True,
            )
        )
    deadline = c.mediation_deadline()
    if deadline is not None:
        closed_on = c.closed[1] if c.closed else None
        rows.append(
            _deadline(
                "mediation",
                _("reach agreement, or mediation is deemed failed"),
                deadline,
                profile.rule_text(
                    c.rule("mediation"), deadline, start=c.accepted_on, extended=c.extended_until is not None
                ),
                day,
                done_on=agreed_on or closed_on,
            )
        )
    ends = c.review_window_ends()
    if ends is not None:
        done = c.review_requested[0] if c.review_requested else None
        rows.append(
            _deadline(
                "arbitral_review",
                _("window for a joint request for arbitral review"),
                ends,
                cite("arbitral_review", ends, agreed_on or ends),
                day,
                done_on=done,
                window=True,
            )
        )
    if c.agreement is not None and c.agreement.performance_due is not None:
        done = c.performance[0] if c.performance and c.performance[1] else None
        rows.append(
            _deadline(
                "performance",
                _("perform the agreement"),
                c.agreement.performance_due,
                _("agreed in the mediation agreement"),
                day,
                done_on=done,
            )
        )
    expires = c.limitation_expires(day)
    barred = c.time_barred_on()
    if barred is not None and c.known_on is not None:  # ran out before the application: not revived
        rows.append(
            _deadline(
                "limitation",
                _("limitation period ran out before the application (time-barred)"),
                barred,
                profile.limitation_text(
                    c.known_on,
                    ngettext(
                        "{years} year from when the worker knew of the infringement — {source};"
                        " a period that has run out is not restarted",
                        "{years} years from when the worker knew of the infringement — {source};"
                        " a period that has run out is not restarted",
                        profile.limitation_months // 12,
                    ).format(
                        years=profile.limitation_months // 12, source=profile.cite(profile.limitation_basis)
                    ),
                ),
                day,
                milestone=True,
            )
        )
    elif expires is not None:
        rows.append(
            _deadline(
                "limitation",
                _("limitation period for arbitration ends"),
                expires,
                profile.limitation_text(
                    max(c.limitation_restarts(day)),
                    ngettext(
                        "{years} year from the last interruption — {source}; interruptions: {interruptions}",
                        "{years} years from the last interruption — {source}; interruptions: {interruptions}",
                        profile.limitation_months // 12,
                    ).format(
                        years=profile.limitation_months // 12,
                        source=profile.cite(profile.limitation_basis),
                        interruptions=profile.cite(s4_basis("31")),
                    ),
                ),
                day,
                milestone=True,
            )
        )
    return rows


def timeline(
    events: list[dict[str, Any]], c: MediationCase, day: date, deadlines: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    meeting = steps_meeting(deadlines, MET_BY)
    rows = [
        {
            "number": e["version"],
            "on": e["on"],
            "step": label(e["step"]),
            "who": e["by"],
            "detail": _detail(e["step"], e["detail"]),
            "recorded_at": e["recorded_at"],
            "met": None if e["retracted_by"] else meeting.get((e["step"], e["on_in_effect"])),
            "corrected_by": e["corrected_by"],
            "retracted_by": e["retracted_by"],
            "amends": e["amends"],
        }
        for e in events
    ]
    if c.status(day) is CaseStatus.DEEMED_FAILED:
        rule = c.rule("mediation")
        rows.append(
            {
                "on": _iso(c.mediation_deadline()),
                "step": _("deemed failed (computed)"),
                "who": "",
                "detail": _("no agreement {period} and no extension ({source})").format(
                    period=rule.describe(), source=c.profile.cite(rule.basis)
                ),
                "recorded_at": None,
                "met": None,
                "number": None,
                "corrected_by": [],
                "retracted_by": None,
                "amends": None,
            }
        )
    return sorted(rows, key=lambda r: r["on"] or "")


def case_view(c: MediationCase, day: date, events: list[dict[str, Any]]) -> dict[str, Any]:
    status = c.status(day)
    outcome = c.outcome(day)
    agreement = c.agreement
    deadlines = case_deadlines(c, day)
    open_ones = [d for d in deadlines if d["state"] in ("open", "overdue")]
    warnings = late_warnings(deadlines)
    if c.payment_order_available():
        warnings.append(
            _(
                "the agreement was not performed: the worker may apply to a court for a payment order"
                " (支付令) with it ({source})"
            ).format(source=c.profile.cite(c.profile.payment_order_basis))
        )
    if outcome is Outcome.FAILED:
        warnings.append(_("mediation failed: the parties may apply for arbitration"))
    barred = c.time_barred_on()
    if barred is not None:
        warnings.append(
            _(
                "the worker knew of the infringement on {known_on}: the 1-year limitation ran out on"
                " {barred}, before the application ({source})"
            ).format(known_on=c.known_on, barred=barred, source=c.profile.cite(c.profile.limitation_basis))
        )
    return {
        "reference": c.reference,
        "category": c.category.value,
        "category_zh": c.category.zh,
        "tags": list(c.tags),
        "status": status.value,
        "channel": c.channel.value,
        "applicants": list(c.applicants),
        "respondent": c.respondent,
        "request": c.request,
        "facts": c.facts,
        "applied_at": c.applied_at or None,
        "body": c.body or None,
        "mediators": list(c.mediators),
        "received_on": _iso(c.received_on),
        "accepted_on": _iso(c.accepted_on),
        "declined": {"on": _iso(c.declined[0]), "reason": c.declined[1]} if c.declined else None,
        "closed_on": _iso(c.closed_on(day)) if outcome else None,
        "outcome": outcome.value if outcome else None,
        "deemed": status is CaseStatus.DEEMED_FAILED,
        "workers_involved": c.workers_involved,
        "collective": c.collective,
        "amount_claimed": _money(c.amount_claimed),
        "amount_agreed": _money(agreement.amount_agreed) if agreement else None,
        "currency": c.currency,
        "sessions": len(c.sessions),
        "extended_until": _iso(c.extended_until),
        "agreement": {
            "on": _iso(agreement.on),
            "terms": agreement.terms,
            "amount_agreed": _money(agreement.amount_agreed),
            "performance_due": _iso(agreement.performance_due),
            "method": agreement.performance_method,
            "mediator": agreement.mediator,
        }
        if agreement
        else None,
        "review_requested_on": _iso(c.review_requested[0]) if c.review_requested else None,
        "performed": None if c.performance is None else c.performance[1],
        "payment_order_available": c.payment_order_available(),
        "referred_from": c.referred_from or None,
        "referral": {
            "target": c.referral[0].value,
            "to": c.referral[1],
            "new_reference": c.referral[2] or None,
        }
        if c.referral
        else None,
        "risk_flags": [
            {"on": _iso(f[0]), "officer": f[1], "risk": f[2], "workers_at_risk": f[3]} for f in c.flags
        ],
        "known_on": _iso(c.known_on),
        "time_barred_on": _iso(c.time_barred_on()),
        "limitation_expires_on": _iso(c.limitation_expires(day)),
        "deadlines": deadlines,
        "next_deadline": min(open_ones, key=lambda d: d["due"]) if open_ones else None,
        "timeline": timeline(events, c, day, deadlines),
        "warnings": warnings,
        "as_of": day.isoformat(),
        "events": c.version,
    }
