"""Lists of records: every negotiation, mediation case or body, filtered and searched.

Read from the read models, never by loading aggregates: a list of ten thousand cases reads
what the cases view holds of them (``projections.listing``). Each list is newest first and
says how many records matched in all, so that a limited one can say how many it left out.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from bargaining.errors import InvalidValueError, shown
from bargaining.read.reports import ReportService, yuan
from bargaining.vocabulary import CASE_CATEGORIES, CASE_STATUS_GROUPS, CASE_STATUSES, KINDS, STAGES
from domain.i18n import _
from projections import listing

Row = dict[str, Any]
MAX_TEXT = 200  # the longest text a filter or a search takes: a name, a phrase of a request
# What a body's roster role counts as: on an enterprise committee every member is a mediator
# (S4 Art 18; domain.body.MediationBody.mediators).
MEDIATING = ("worker", "employer", "mediator")


def _text(value: str, field: str) -> str:
    """Text to look for, in one canonical spelling (as domain.values.clean_name spells names,
    without the domain's import: a list is read in the time a person waits for it)."""
    text = " ".join(unicodedata.normalize("NFKC", value).split())
    if not text.isprintable():
        raise InvalidValueError(
            field, _("{value} contains invisible or control characters").format(value=shown(value))
        )
    if len(text) > MAX_TEXT:
        raise InvalidValueError(
            field,
            _("is {length} characters long; the limit is {limit}").format(
                length=f"{len(text):,}", limit=MAX_TEXT
            ),
        )
    return text


def _one_of(value: str, field: str, allowed: tuple[str, ...]) -> str:
    if value and value not in allowed:
        raise InvalidValueError(
            field,
            _("{value} is not one of: {choices}").format(value=shown(value), choices=", ".join(allowed)),
        )
    return value


def _period(start: date | None, end: date | None) -> tuple[str, str]:
    if start and end and end < start:
        raise InvalidValueError("list.to", _("{end} is before --from {start}").format(end=end, start=start))
    return (start.isoformat() if start else "", end.isoformat() if end else "")


def _limit(limit: int | None) -> int | None:
    if limit is not None and limit < 1:
        raise InvalidValueError(
            "list.limit", _("{limit} must be 1 or more (every row: no limit)").format(limit=limit)
        )
    return limit


def _lines(text: str | None) -> list[str]:
    return text.split("\n") if text else []


class ListService:
    """The record lists on one store, as they stand today."""

    def __init__(self, reports: ReportService) -> None:
        self.reports = reports

    @property
    def day(self) -> str:
        return self.reports.today.isoformat()

    def negotiations(
        self,
        *,
        status: str = "",
        kind: str = "",
        employer: str = "",
        start: date | None = None,
        end: date | None = None,
        search: str = "",
        limit: int | None = None,
    ) -> Row:
        """Negotiations and their contracts, the last opened first, each with its stage (a
        contract's status), dates and parties. ``rows`` are the first ``limit`` (all without
        one); ``total`` counts every one that matched."""
        filters = listing.Filters(
            statuses=(_one_of(status, "list.status", STAGES),) if status else (),
            kind=_one_of(kind, "list.kind", KINDS),
            employer=_text(employer, "list.employer"),
            start=_period(start, end)[0],
            end=_period(start, end)[1],
            search=_text(search, "list.search"),
        )
        limit = _limit(limit)
        self.reports.refresh()
        found = listing.agreements(self.reports.views, self.day, filters, limit)
        return {"rows": [_negotiation_row(r) for r in found.rows], "total": found.total, "limit": limit}

    def cases(
        self,
        *,
        status: str = "",
        category: str = "",
        employer: str = "",
        body: str = "",
        start: date | None = None,
        end: date | None = None,
        search: str = "",
        limit: int | None = None,
    ) -> Row:
        """Mediation cases, the last received first, each with its status today, dates and
        parties. ``status`` is a case's status or a group of them: ``open`` (received, or in
        mediation within its deadline) or ``closed`` (every other)."""
        chosen = _one_of(status, "list.status", (*CASE_STATUSES, *CASE_STATUS_GROUPS))
        filters = listing.Filters(
            statuses=CASE_STATUS_GROUPS.get(chosen, (chosen,)) if chosen else (),
            kind=_one_of(category, "list.category", CASE_CATEGORIES),
            employer=_text(employer, "list.employer"),
            body=_text(body, "list.body"),
            start=_period(start, end)[0],
            end=_period(start, end)[1],
            search=_text(search, "list.search"),
        )
        limit = _limit(limit)
        self.reports.refresh()
        found = listing.cases(self.reports.views, self.day, filters, limit)
        return {"rows": [_case_row(r) for r in found.rows], "total": found.total, "limit": limit}

    def bodies(self) -> list[Row]:
        """Every mediation body by reference: its type, enterprise, registration, chair, roster
        and how many of its cases are open today."""
        self.reports.refresh()
        return [_body_row(r) for r in listing.bodies(self.reports.views, self.day)]


def _negotiation_row(r: Row) -> Row:
    return {
        "reference": r["reference"],
        "kind": r["kind"],
        "stage": r["status"],
        "employer": r["employer"],
        "union": r["union_name"],
        "topic": r["topic"] or None,
        "purpose": r["purpose"],
        "predecessor": r["predecessor"],
        "opened_on": r["opened_on"],
        "request_on": r["request_on"],
        "reply_on": r["reply_on"],
        "rounds": r["rounds"],
        "last_round_on": r["last_round_on"],
        "signed_on": r["signed_on"],
        "term_start": r["term_start"],
        "expires_on": r["term_end"],
        "submitted_on": r["submitted_on"],
        "effective_on": r["effective_on"],
        "terminated_on": r["terminated_on"],
        "renewed_by": r["renewed_by"],
    }


def _case_row(r: Row) -> Row:
    status = r["status"]
    return {
        "reference": r["reference"],
        "status": status,
        "category": r["category"],
        "tags": [t for t in (r["tags"] or "").split(",") if t],
        "channel": r["channel"],
        "received_on": r["received_on"],
        "accepted_on": r["accepted_on"],
        "declined_on": r["declined_on"],
        # A case deemed failed closed on its deadline, as ``case show`` tells it.
        "closed_on": r["deadline"] if status == "deemed failed" else r["closed_on"],
        "deadline": r["deadline"],
        "applicants": _lines(r["applicants"]),
        "respondent": r["respondent"],
        "request": r["request"],
        "body": r["body"],
        "workers": r["workers"],
        "amount_claimed": None if r["claimed_fen"] is None else yuan(r["claimed_fen"]),
        "amount_agreed": None if r["agreed_fen"] is None else yuan(r["agreed_fen"]),
        "currency": r["currency"],
        "referred_from": r["referred_from"],
    }


def _body_row(r: Row) -> Row:
    import orjson  # only the body list decodes a roster

    roster: dict[str, str] = orjson.loads(r["roster"])

    def having(*roles: str) -> list[str]:
        return [name for name, role in roster.items() if role in roles]

    return {
        "reference": r["reference"],
        "name": r["name"],
        "type": r["body_type"],
        "enterprise": r["enterprise"],
        "registered_on": r["registered_on"],
        "chair": r["chair"] or None,
        "members": len(roster),
        "mediators": having(*MEDIATING),
        "officers": having("officer"),
        "open_cases": r["open_cases"],
    }
