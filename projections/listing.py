"""The record lists: every negotiation, case or body, filtered and searched, from the read models.

A list's filters are SQL over the views; its order is the newest first (the day a case was
received, a negotiation opened). Limited to ``limit`` rows, it also says how many matched in
all. A search (``projections.text``) scans the records' searchable text once: a query with
the search terms first collects the references that match, with every other filter, in the
list's order, and the rows of the first ``limit`` of them are read by reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from projections.readers import STATUS
from projections.sql import Reader, ViewsAt, connect
from projections.text import folded

Row = dict[str, Any]

# A case's status on :day, as MediationCase.status tells it (a test holds the two together).
CASE_STATUS = (
    "CASE WHEN outcome IS NOT NULL THEN outcome"
    " WHEN declined_on IS NOT NULL THEN 'declined'"
    " WHEN accepted_on IS NULL THEN 'received'"
    " WHEN deadline < :day THEN 'deemed failed'"
    " ELSE 'accepted' END"
)
# The statuses of a case not yet closed: the small index of such cases (cases_unclosed) holds them.
UNCLOSED = frozenset({"received", "accepted", "deemed failed"})

CASE_LIST_COLUMNS = (
    "reference, category, tags, channel, received_on, accepted_on, declined_on, closed_on, deadline,"
    " applicants, respondent, request, body, workers, claimed_fen, agreed_fen, currency, referred_from,"
    f" {CASE_STATUS} AS status"
)
AGREEMENT_LIST_COLUMNS = (
    "reference, kind, employer, union_name, topic, purpose, predecessor, opened_on, request_on, reply_on,"
    " rounds, last_round_on, signed_on, term_start, term_end, submitted_on, effective_on, terminated_on,"
    f" renewed_by, {STATUS} AS status"
)


class Listed(NamedTuple):
    rows: list[Row]
    total: int  # how many records matched, the rows left out by the limit included


class Filters(NamedTuple):
    """What a list is narrowed to; an empty value does not narrow it."""

    statuses: Sequence[str] = ()
    kind: str = ""  # a negotiation's kind, or a case's category
    employer: str = ""  # text in the employer's (the respondent's) name
    body: str = ""  # a case's mediation body
    start: str = ""  # first day received (a case) or opened (a negotiation)
    end: str = ""  # last such day
    search: str = ""  # text anywhere in the record's searchable text


class Source(NamedTuple):
    table: str
    texts: str
    columns: str
    kind: str  # the column --kind (--category) filters on
    date: str  # the column --from/--to filter on, and the list's order

    def order(self, prefix: str = "") -> str:
        """The list's order: the newest first; on one day, the last reference first."""
        return f" ORDER BY {prefix}{self.date} DESC, {prefix}reference DESC"


CASES = Source("cases", "case_texts", CASE_LIST_COLUMNS, "category", "received_on")
AGREEMENTS = Source("agreements", "agreement_texts", AGREEMENT_LIST_COLUMNS, "kind", "opened_on")


def cases(at: ViewsAt, day: str, filters: Filters, limit: int | None) -> Listed:
    """Mediation cases as they stand on ``day``, the last received first."""
    return _listed(at, CASES, CASE_STATUS, day, filters, limit)


def agreements(at: ViewsAt, day: str, filters: Filters, limit: int | None) -> Listed:
    """Negotiations (with their contracts) as they stand on ``day``, the last opened first."""
    return _listed(at, AGREEMENTS, STATUS, day, filters, limit)


def _where(db: Reader, source: Source, status: str, filters: Filters, params: dict[str, Any]) -> list[str]:
    where = []
    if filters.statuses:
        marks = ", ".join(f":status{i}" for i in range(len(filters.statuses)))
        params.update({f"status{i}": s for i, s in enumerate(filters.statuses)})
        where.append(f"({status}) IN ({marks})")
        if _unclosed(source, filters):
            where += ["closed_on IS NULL", "declined_on IS NULL"]  # the index of unclosed cases
    if filters.kind:
        where.append(f"{source.kind} = :kind")
        params["kind"] = filters.kind
    if filters.employer and folded(filters.employer):
        where.append(db.dialect.contains("employer_key", ":employer"))
        params["employer"] = folded(filters.employer)
    if filters.body:
        where.append("body = :body")
        params["body"] = filters.body
    if filters.start:
        where.append(f"{source.date} >= :start")
        params["start"] = filters.start
    if filters.end:
        where.append(f"{source.date} <= :end")
        params["end"] = filters.end
    return where


def _unclosed(source: Source, filters: Filters) -> bool:
    """Whether the list holds only cases not yet closed: the few a store has at any time."""
    return source is CASES and bool(filters.statuses) and UNCLOSED.issuperset(filters.statuses)


def _listed(
    at: ViewsAt, source: Source, status: str, day: str, filters: Filters, limit: int | None
) -> Listed:
    params: dict[str, Any] = {"day": day}
    with connect(at) as db:
        where = _where(db, source, status, filters, params)
        text = folded(filters.search)
        if text:
            return _searched(db, source, where, {**params, "search": text}, limit)
        # Without statistics SQLite would take ``closed_on IS NULL`` for a selective equality
        # and walk every declined case through the closed-date index.
        table = source.table + (db.using("cases_unclosed") if _unclosed(source, filters) else "")
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        shown = f"SELECT {source.columns} FROM {table}{clause}{source.order()}"
        rows = db.rows(shown if limit is None else f"{shown} LIMIT {int(limit)}", params)
        if limit is None or len(rows) < limit:
            return Listed(rows, len(rows))
        total = db.scalar(f"SELECT COUNT(*) FROM {table}{clause}", params)
        return Listed(rows, int(total))


def _searched(
    db: Reader, source: Source, where: list[str], params: dict[str, Any], limit: int | None
) -> Listed:
    """The rows whose text holds ``params["search"]``: the text table scanned once, first (a
    CROSS JOIN keeps SQLite from walking the records in the list's order instead, looking
    each one's text up), then the first ``limit`` of the matches read by reference."""
    matched = [
        reference
        for (reference,) in db.tuples(
            f"SELECT {source.table}.reference FROM {source.texts} CROSS JOIN {source.table}"
            f" WHERE {source.table}.reference = {source.texts}.reference"
            f" AND {' AND '.join([db.dialect.contains(f'{source.texts}.search', ':search'), *where])}"
            f"{source.order(f'{source.table}.')}",
            params,
        )
    ]
    chosen = matched if limit is None else matched[:limit]
    found: dict[str, Row] = {}
    for start in range(0, len(chosen), 500):
        part = chosen[start : start + 500]
        marks = ", ".join(f":ref{i}" for i in range(len(part)))
        refs = {f"ref{i}": r for i, r in enumerate(part)}
        sql = f"SELECT {source.columns} FROM {source.table} WHERE reference IN ({marks})"
        for row in db.rows(sql, {"day": params["day"], **refs}):
            found[row["reference"]] = row
    return Listed([found[r] for r in chosen], len(matched))


def bodies(at: ViewsAt, day: str) -> list[Row]:
    """Every mediation body by reference, with its roster and how many of its cases are open on
    ``day`` (received, or in mediation and not past the deadline)."""
    open_cases = (
        f"SELECT body, COUNT(*) FROM cases WHERE closed_on IS NULL AND declined_on IS NULL"
        f" AND ({CASE_STATUS}) IN ('received', 'accepted') GROUP BY body"
    )
    with connect(at) as db:
        rows = db.rows("SELECT * FROM bodies ORDER BY reference")
        counts = dict(db.tuples(open_cases, {"day": day}))
    for row in rows:
        row["open_cases"] = int(counts.get(row["reference"], 0))
    return rows
