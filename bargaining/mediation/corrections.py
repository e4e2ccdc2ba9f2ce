"""What each step of a mediation case can be corrected with: the options of the command that
recorded it, cleaned as that command cleans them (``bargaining.amend``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bargaining.amend import DAY, Amender, Fields, listed, text
from bargaining.errors import InvalidValueError, RuleViolationError
from bargaining.store.application import parse_enum
from domain.body import MediationBody
from domain.corrections import effective_events, facts
from domain.disputes import Category, Channel
from domain.i18n import _
from domain.values import clean_name, clean_names, parse_money

MAX_WORKERS = 1_000_000


def _name(value: Any, field: str) -> str:
    return clean_name(value, field, max_len=200)


def _one_name(value: Any, field: str) -> str:
    values = value if isinstance(value, list) else [value]
    if len(values) != 1:
        raise InvalidValueError(field, _("name one, not {count}").format(count=len(values)))
    return _name(values[0], field)


def _names(value: Any, field: str) -> list[str]:
    names = clean_names(listed(value), field)
    if not names:
        raise InvalidValueError(field, _("name at least one"))
    return names


def _money(value: Any, field: str) -> Any:
    return None if value in (None, "") else parse_money(value, field)


def _count(low: int) -> Any:
    def count(value: Any, field: str) -> int:
        if not str(value).strip().isascii() or not str(value).strip().isdigit():
            raise InvalidValueError(field, _("{value} is not a whole number").format(value=repr(value)))
        number = int(str(value).strip())
        if not low <= number <= MAX_WORKERS:
            raise InvalidValueError(
                field,
                _("{number} must be between {low} and {most}").format(
                    number=number, low=low, most=MAX_WORKERS
                ),
            )
        return number

    return count


def _categories(value: Any, field: str) -> list[str]:
    return list(dict.fromkeys(parse_enum(Category, v, field).value for v in listed(value)))


ON = {"on": ("on", DAY)}
REASON = {"step_reason": ("reason", text())}

CASE_FIELDS: Fields = {
    "Applied": {
        **ON,
        "channel": ("channel", lambda v, f: parse_enum(Channel, v, f)),
        "applicant": ("applicants", _names),
        "respondent": ("respondent", _name),
        "category": ("category", lambda v, f: parse_enum(Category, v, f)),
        "tag": ("tags", _categories),
        "workers": ("workers_involved", _count(1)),
        "amount": ("amount_claimed", _money),
        "request": ("request", text()),
        "facts": ("facts", text(100_000, required=False)),
        "known_on": ("known_on", DAY),
    },
    "Accepted": ON,
    "Declined": {**ON, **REASON},
    "Assigned": {**ON, "mediator": ("mediators", _names)},
    "SessionHeld": {
        **ON,
        "attended": ("attendees", lambda v, f: clean_names(listed(v), f)),
        "offered": ("offered", text(required=False)),
        "notes": ("notes", text(1_000_000, required=False)),
    },
    "RiskFlagged": {
        **ON,
        "risk": ("risk", text()),
        "officer": ("officer", _name),
        "workers": ("workers_at_risk", _count(0)),
    },
    "Extended": {**ON, "until": ("until", lambda v, f: v), **REASON},
    "Settled": {
        **ON,
        "terms": ("terms", text()),
        "amount": ("amount_agreed", _money),
        "due": ("performance_due", lambda v, f: v),
        "method": ("performance_method", text(200)),
        "mediator": ("mediator", _one_name),
    },
    "Failed": {**ON, **REASON},
    "Withdrawn": {**ON, **REASON},
    "Referred": ON,
    "ReviewRequested": {**ON, "commission": ("commission", text(200, required=False))},
    "PerformanceRecorded": {**ON, "note": ("note", text(required=False))},
}


class CaseAmender(Amender):
    """A case's corrections, checked as 'case open' and 'case assign' check what they record,
    and a referral that opened another case kept as it is."""

    def check_correction(self, history: Sequence[Any], step: int, changes: Mapping[str, Any]) -> None:
        effective = effective_events(history)[0]
        target = next((e for e in effective if e.originator_version == step), None)
        if target is None:
            return  # a correction, a retraction or a retracted step: the aggregate says which
        after = {**facts(target), **changes}
        name = type(target).__name__
        if name == "Applied":
            _check_application(after)
        elif name == "Assigned" and "mediators" in changes:
            body = self.app.load(MediationBody, after["body"], "mediation body", field="correct.mediator")
            strangers = [n for n in after["mediators"] if n not in body.mediators()]
            if strangers:
                raise InvalidValueError(
                    "correct.mediator",
                    _(
                        "{names} is not a mediator of {reference}; add them with 'bargaining body roster'"
                    ).format(names=", ".join(strangers), reference=body.reference),
                )
        elif name == "Referred" and after["new_reference"]:
            raise RuleViolationError("correct.on", _referral(step, after["new_reference"]))

    def check_retraction(self, history: Sequence[Any], step: int) -> None:
        effective = effective_events(history)[0]
        target = next((e for e in effective if e.originator_version == step), None)
        if target is not None and type(target).__name__ == "Referred" and target.new_reference:
            raise RuleViolationError("retract", _referral(step, target.new_reference))


def _referral(step: int, opened: str) -> str:
    return _("step #{step} referred the case to {opened}, opened from it; put it right on {opened}").format(
        step=step, opened=opened
    )


def _check_application(after: Mapping[str, Any]) -> None:
    """What 'case open' checks of an application, on the corrected facts."""
    if after["workers_involved"] < len(after["applicants"]):
        raise InvalidValueError(
            "correct.workers",
            _("{workers_involved} is fewer than the {count} applicants named").format(
                workers_involved=after["workers_involved"], count=len(after["applicants"])
            ),
        )
    if after["known_on"] is not None and after["known_on"] > after["on"]:
        raise InvalidValueError(
            "correct.known-on",
            _("{known_on} is after the application was received ({on})").format(
                known_on=after["known_on"], on=after["on"]
            ),
        )
    if after["channel"] is Channel.ORAL and (not after["facts"] or not after["applied_at"]):
        raise InvalidValueError(
            "correct.facts",
            _(
                "an oral application is recorded with the facts and reasons and the time (S4 Art 21; S3 "
                "Art 12)"
            ),
        )
    primary = after["category"].value
    if primary in after["tags"]:
        raise InvalidValueError(
            "correct.tag",
            _("{primary} is the primary category; give the further issues only").format(primary=primary),
        )
