"""Human words for recorded steps: the label and a one-line detail of each event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STEP_LABELS = {
    # negotiations
    "Opened": "negotiation opened",
    "RequestReceived": "written request received",
    "RequestAnswered": "reply to the request",
    "RepresentativeAppointed": "representative appointed",
    "RoundHeld": "negotiation round",
    "ProposalTabled": "proposal tabled",
    "ProposalWithdrawn": "proposal withdrawn",
    "ArticleAgreed": "article agreed",
    "Suspended": "suspended",
    "Resumed": "resumed",
    "DraftAdopted": "draft adopted",
    "RatificationVoteRecorded": "ratification vote",
    "TieDecided": "tied vote decided",
    "Signed": "signed",
    "Reopened": "reopened after objection",
    # contracts
    "Concluded": "contract concluded",
    "Resigned": "contract re-signed",
    "Submitted": "submitted for filing",
    "Received": "received by the authority",
    "Objected": "authority's objection",
    "Published": "published to the workers",
    "SuccessorOpened": "renewal or amendment opened",
    "SucceededBy": "renewed or amended",
    "Terminated": "terminated",
    # mediation cases
    "Applied": "application received",
    "Accepted": "accepted for mediation",
    "Declined": "declined",
    "Assigned": "mediators assigned",
    "SessionHeld": "mediation session",
    "RiskFlagged": "flagged as an early-warning risk",
    "Extended": "mediation extended",
    "Settled": "mediation agreement signed",
    "Failed": "mediation failed",
    "Withdrawn": "withdrawn",
    "Referred": "referred",
    "ReviewRequested": "arbitral review requested",
    "PerformanceRecorded": "performance recorded",
    # every record
    "StepCorrected": "correction",
    "StepRetracted": "retraction",
}


def _applied(d: dict[str, Any]) -> str:
    parts = [f"{d['channel']}: {'、'.join(d['applicants'])} v {d['respondent']}", d["category"]]
    if d["amount_claimed"]:
        parts.append(f"claims {d['amount_claimed']} {d['currency']}")
    return "; ".join([*parts, d["request"]])


def _joined(*parts: Any) -> str:
    return "; ".join(str(p) for p in parts if p not in ("", None))


def _shown(value: Any) -> str:
    if value in ("", None, []):
        return "(none)"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items() if v not in ("", None))
    return str(value)


def change_text(step: int, field: str, before: Any, after: Any) -> str:
    """'#16 tally: present 45 → 50': one changed field, a record's parts only where they differ."""
    if isinstance(before, dict) and isinstance(after, dict):
        parts = [f"{k} {_shown(before.get(k))} → {_shown(v)}" for k, v in after.items() if before.get(k) != v]
        return f"#{step} {field}: {', '.join(parts)}"
    return f"#{step} {field}: {_shown(before)} → {_shown(after)}"


def amendment_detail(verb: str, d: dict[str, Any]) -> str:
    """'corrects #1; #1 amount_claimed: 12600.00 → 126000.00; reason: typo' for an amendment."""
    changes = [change_text(*c) for c in d["changes"]]
    return _joined(f"{verb} #{d['step']}", *changes, f"reason: {d['reason']}")


def _vote(d: dict[str, Any]) -> str:
    tally = d["tally"]
    if d["outcome"] == "no quorum":  # the meeting was held, and decided nothing
        counts = f"{tally['present']} of {tally['roll']} present, quorum not met"
        return _joined("no quorum — held, invalid", d["body"], d["session"], counts)
    return _joined(d["outcome"], d["body"], d["session"], tally and f"{tally['yes']} of {tally['roll']} yes")


DETAILS: dict[str, Callable[[dict[str, Any]], str]] = {
    "StepCorrected": lambda d: amendment_detail("corrects", d),
    "StepRetracted": lambda d: amendment_detail("retracts", d),
    "Applied": _applied,
    "SessionHeld": lambda d: _joined(
        f"session {d['number']}", "、".join(d["attendees"]), d["offered"], d["notes"]
    ),
    "Settled": lambda d: _joined(
        d["amount_agreed"] and f"{d['amount_agreed']} agreed", d["terms"], f"mediator {d['mediator']}"
    ),
    "PerformanceRecorded": lambda d: _joined("performed" if d["performed"] else "NOT performed", d["note"]),
    "Assigned": lambda d: f"{d['body']}: {'、'.join(d['mediators'])}",
    "Referred": lambda d: _joined(f"to {d['to']}", d["new_reference"] and f"as {d['new_reference']}"),
    "RiskFlagged": lambda d: _joined(d["risk"], d["officer"] and f"officer {d['officer']}"),
    "Extended": lambda d: _joined(f"until {d['until']}", d["reason"]),
    "RoundHeld": lambda d: _joined(f"round {d['number']}", d["place"], f"chair {d['chair']}", d["minutes"]),
    "ProposalTabled": lambda d: _joined(d["proposal_id"], d["article"], d["side"], d["text"]),
    "ArticleAgreed": lambda d: _joined(d["article"], f"round {d['round']}", d["text"]),
    "RepresentativeAppointed": lambda d: _joined(
        d["name"], d["side"], d["role"], d["title"], d["replaces"] and f"replaces {d['replaces']}"
    ),
    "RatificationVoteRecorded": _vote,
    "Signed": lambda d: _joined(
        f"{d['union_signatory']} and {d['employer_signatory']}",
        f"term {d['term']['start']} to {d['term']['end']}",
    ),
    "Concluded": lambda d: _joined(
        d["reference"], d["kind"], f"term {d['term']['start']} to {d['term']['end']}"
    ),
}


def detail(step: str, d: dict[str, Any]) -> str:
    formatter = DETAILS.get(step)
    if formatter is not None:
        return formatter(d)
    return _joined(*(v for v in d.values() if not isinstance(v, bool | list)))


def label(step: str) -> str:
    return STEP_LABELS.get(step, step)
