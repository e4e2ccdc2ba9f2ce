"""What each step of a mediation case can be corrected with: the options of the command that
recorded it, cleaned as that command cleans them (``bargaining.amend``)."""

from __future__ import annotations

from typing import Any

from bargaining.amend import DAY, Fields
from bargaining.errors import InvalidValueError
from bargaining.store.application import parse_enum
from domain.disputes import Category, Channel
from domain.values import clean_name, clean_names, clean_text, parse_money

MAX_WORKERS = 1_000_000


def _text(max_len: int = 10_000, *, required: bool = True) -> Any:
    return lambda value, field: clean_text(value, field, required=required, max_len=max_len)


def _name(value: Any, field: str) -> str:
    return clean_name(value, field, max_len=200)


def _one_name(value: Any, field: str) -> str:
    values = value if isinstance(value, list) else [value]
    if len(values) != 1:
        raise InvalidValueError(field, f"name one ({'、'.join(map(str, values))} are {len(values)})")
    return _name(values[0], field)


def _names(value: Any, field: str) -> list[str]:
    names = clean_names(list(value), field)
    if not names:
        raise InvalidValueError(field, "name at least one")
    return names


def _money(value: Any, field: str) -> Any:
    return None if value in (None, "") else parse_money(value, field)


def _count(low: int) -> Any:
    def count(value: Any, field: str) -> int:
        number = int(value)
        if not low <= number <= MAX_WORKERS:
            raise InvalidValueError(field, f"{number} must be between {low} and {MAX_WORKERS}")
        return number

    return count


def _categories(value: Any, field: str) -> list[str]:
    return list(dict.fromkeys(parse_enum(Category, v, field).value for v in value))


ON = {"on": ("on", DAY)}
REASON = {"step_reason": ("reason", _text())}

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
        "request": ("request", _text()),
        "facts": ("facts", _text(100_000, required=False)),
        "known_on": ("known_on", DAY),
    },
    "Accepted": ON,
    "Declined": {**ON, **REASON},
    "Assigned": {**ON, "mediator": ("mediators", _names)},
    "SessionHeld": {
        **ON,
        "attended": ("attendees", lambda v, f: clean_names(list(v), f)),
        "offered": ("offered", _text(required=False)),
        "notes": ("notes", _text(1_000_000, required=False)),
    },
    "RiskFlagged": {
        **ON,
        "risk": ("risk", _text()),
        "officer": ("officer", _name),
        "workers": ("workers_at_risk", _count(0)),
    },
    "Extended": {**ON, "until": ("until", lambda v, f: v), **REASON},
    "Settled": {
        **ON,
        "terms": ("terms", _text()),
        "amount": ("amount_agreed", _money),
        "due": ("performance_due", lambda v, f: v),
        "method": ("performance_method", _text(200)),
        "mediator": ("mediator", _one_name),
    },
    "Failed": {**ON, **REASON},
    "Withdrawn": {**ON, **REASON},
    "Referred": ON,
    "ReviewRequested": {**ON, "commission": ("commission", _text(200, required=False))},
    "PerformanceRecorded": {**ON, "note": ("note", _text(required=False))},
}
