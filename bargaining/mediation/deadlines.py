"""The deadlines of mediation cases, computed from the cases read model and the profile's rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from bargaining.timeliness import late_by_iso
from domain.i18n import _
from domain.jurisdiction import JurisdictionProfile, get_profile
from projections.folds import limitation_expires, limitation_start

Row = dict[str, Any]


def _add(
    found: list[Row],
    profile: JurisdictionProfile,
    case: Row,
    label: str,
    due: str | None,
    key: str,
    *,
    milestone: bool = False,
    rule_text: str | None = None,
    extended: bool = False,
    start: str | None = None,
) -> None:
    if not due:
        return
    rule = profile.deadline(key)
    begun = date.fromisoformat(start) if start else None
    text = rule_text or (
        profile.rule_text(rule, date.fromisoformat(due), start=begun, extended=extended) if rule else key
    )
    found.append(
        {"reference": case["reference"], "label": label, "due": due, "rule": text, "milestone": milestone}
    )


def case_due_rows(cases: list[Row], today: date) -> list[Row]:
    """Open duties and coming dates of each case: acceptance, the 15-day limit, review, limitation."""
    day = today.isoformat()
    found: list[Row] = []
    for c in cases:
        profile = get_profile(c["profile"] or "PRC")
        open_case = not c["closed_on"] and not c["declined_on"]
        deemed = open_case and c["accepted_on"] and c["deadline"] and c["deadline"] < day
        if open_case and not c["accepted_on"]:
            _add(
                found,
                profile,
                c,
                _("accept or decline the application"),
                c["acceptance_due"],
                "acceptance",
                start=c["received_on"],
            )
        if open_case and c["accepted_on"] and not deemed:
            _add(
                found,
                profile,
                c,
                _("reach agreement, or mediation is deemed failed"),
                c["deadline"],
                "mediation",
                extended=c["extended_until"] is not None,
                start=c["accepted_on"],
            )
            _add(
                found,
                profile,
                c,
                _("a party may apply for arbitration if no agreement"),
                c["arbitration_right_on"],
                "arbitration_right",
                milestone=True,
                start=c["received_on"],
            )
        if c["outcome"] == "settled" and not c["review_on"] and c["review_ends"] and c["review_ends"] >= day:
            _add(
                found,
                profile,
                c,
                _("window for a joint request for arbitral review"),
                c["review_ends"],
                "arbitral_review",
                milestone=True,
                start=c["closed_on"],
            )
        if c["outcome"] == "settled" and c["performance_due"] and c["performed"] is None:
            _add(
                found,
                profile,
                c,
                _("perform the agreement"),
                c["performance_due"],
                "performance",
                rule_text=_("agreed in the mediation agreement"),
            )
        if deemed or c["outcome"] == "failed" or c["declined_on"] or c["performed"] == 0:
            expires = limitation_expires(c, day)
            if expires is not None and expires >= day:
                _add(
                    found,
                    profile,
                    c,
                    _("limitation period for arbitration ends"),
                    expires,
                    "limitation",
                    milestone=True,
                    rule_text=profile.limitation_text(
                        date.fromisoformat(limitation_start(c, day)),
                        _("1 year from the last interruption — {source}").format(
                            source=profile.cite(profile.limitation_basis)
                        ),
                    ),
                )
    return found


def met_deadlines(c: Row) -> list[Row]:
    """The deadlines a recorded step of case row ``c`` met, with when and how late (the timeline's
    notes): acceptance, the arbitral-review window, performance of the agreement."""
    profile = get_profile(c["profile"] or "PRC")
    performed = c["performed_on"] if c["performed"] else None
    # key, label, due, the step's date, the period's start (None: agreed, not counted)
    candidates = [
        ("acceptance", _("accept or decline the application"), c["acceptance_due"],
         c["accepted_on"] or c["declined_on"], c["received_on"]),
        ("arbitral_review", _("window for a joint request for arbitral review"), c["review_ends"],
         c["review_on"], c["closed_on"]),
        ("performance", _("perform the agreement"), c["performance_due"], performed, None),
    ]  # fmt: skip
    found: list[Row] = []
    for key, label, due, done, start in candidates:
        if not due or not done:
            continue
        rule = profile.deadline(key) if start else None
        text = (
            profile.rule_text(rule, date.fromisoformat(due), start=date.fromisoformat(start))
            if rule and start
            else _("agreed in the mediation agreement")
        )
        found.append(
            {
                "key": key,
                "label": label,
                "due": due,
                "rule": text,
                "met_on": done,
                "late_by_days": late_by_iso(due, done),
            }
        )
    return found
