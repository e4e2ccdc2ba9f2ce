"""What the committee's report shows, gathered from the read models as plain data.

Every figure comes from the same reader as ``stats disputes``, ``stats contracts``, ``board``,
``deadlines`` and ``timeline``, so the report and the commands never disagree. Words are in
the current language; the keys stay English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bargaining.read.reports import ReportService, yuan
from bargaining.vocabulary import CASE_CATEGORIES
from domain.i18n import NC_, _, pgettext

Row = dict[str, Any]

OUTCOMES = ("succeeded", "failed", "withdrawn", "referred")
OUTCOME_WORDS = {
    "succeeded": NC_("stats", "succeeded"),
    "failed": NC_("stats", "failed"),
    "withdrawn": NC_("stats", "withdrawn"),
    "referred": NC_("stats", "referred"),
}
MOST_OVERDUE = 100  # overdue deadlines the report lists; the rest are counted
# How long cases took from acceptance to close: the statutory 15 days (S4 Art 26 / LDMAL
# Art 14) in thirds, the days an agreed extension may add, and beyond.
DAY_BINS = ((0, 5), (6, 10), (11, 15), (16, 30), (31, None))


def days_bins(counted: list[tuple[int, int]]) -> list[Row]:
    """``(days, cases)`` pairs counted into ``DAY_BINS``: each bin's label and cases."""
    found = []
    for low, high in DAY_BINS:
        cases = sum(n for days, n in counted if days >= low and (high is None or days <= high))
        label = (
            _("{low}–{high} days").format(low=low, high=high)
            if high is not None
            else _("over {days} days").format(days=low - 1)
        )
        found.append({"label": label, "cases": cases})
    return found


def fen(amount: str) -> int:
    """'2940000.00' -> 294000000: the stats' exact yuan strings as fen."""
    whole, _sep, cents = amount.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int((cents + "00")[:2]))


@dataclass
class Figures:
    start: date
    end: date
    body: str
    body_name: str
    today: date
    total: Row
    formulas: list[str]
    by_category: list[Row]
    by_month: list[Row]
    close_days: list[Row]
    quarters: list[Row]
    contract_formulas: list[str]
    attention: Row = field(default_factory=lambda: {"rows": [], "more": {}})
    deadlines: list[Row] = field(default_factory=list)
    cases: list[Row] = field(default_factory=list)
    agreements: list[Row] = field(default_factory=list)
    timelines: dict[str, list[Row]] = field(default_factory=dict)
    corrections: list[Row] = field(default_factory=list)
    overdue_left_out: int = 0


def months(start: date, end: date) -> list[str]:
    """Every month of the period, 'YYYY-MM', so that a month without cases shows as 0."""
    found, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + month // 12, month % 12 + 1)
    return found


def gather(reports: ReportService, *, start: date, end: date, body: str = "", within: int = 30) -> Figures:
    """Everything the report shows for the period (and, for what needs attention, today)."""
    figures = counts(reports, start=start, end=end, body=body)
    add_details(reports, figures, within=within)
    return figures


def counts(reports: ReportService, *, start: date, end: date, body: str = "") -> Figures:
    """The period's figures, all the charts draw: the statistics, by category, month and quarter."""
    stats = reports.dispute_stats(start=start, end=end, body=body)
    reference = stats.get("body", "")
    categories = reports.dispute_stats(start=start, end=end, by="category", body=body)["rows"]
    by_month = {
        r["group"]: r for r in reports.dispute_stats(start=start, end=end, by="month", body=body)["rows"]
    }
    empty = dict.fromkeys(("received", "closed", *OUTCOMES), 0)
    return Figures(
        start=start,
        end=end,
        body=reference,
        body_name=reports.body_names().get(reference, "") if reference else "",
        today=reports.today,
        total=stats["total"],
        formulas=stats["formulas"],
        by_category=sorted(categories, key=lambda r: _category_order(r["group"])),
        by_month=[{**empty, **by_month.get(m, {}), "group": m} for m in months(start, end)],
        close_days=days_bins(reports.close_days(start=start, end=end, body=body)),
        quarters=[] if reference else reports.contract_quarters(start=start, end=end),
        contract_formulas=[] if reference else reports.contract_stats(start.year)["formulas"],
    )


def add_details(reports: ReportService, figures: Figures, *, within: int = 30) -> None:
    """What needs attention now and the period's cases and negotiations, with their timelines
    and the corrections made in it."""
    attention, deadlines, left_out = attention_now(reports, body=figures.body, within=within)
    figures.attention, figures.deadlines, figures.overdue_left_out = attention, deadlines, left_out
    add_timelines(reports, figures)


def attention_now(reports: ReportService, *, body: str = "", within: int = 30) -> tuple[Row, list[Row], int]:
    """The attention board, the deadlines of the next ``within`` days and the most recent of
    those overdue (``body``: its cases' only, and no board); the count of overdue left out."""
    attention = reports.attention(within=within) if not body else {"rows": [], "more": {}}
    deadlines = reports.deadlines(within=within)
    if body:
        known = reports.case_references(body)
        deadlines = [d for d in deadlines if d["context"] == "case" and d["reference"] in known]
    # Every deadline of the next days is shown; of those overdue, the most recent, and a count
    # of the rest ('bargaining deadlines --overdue' lists them all).
    overdue = [d for d in deadlines if d["state"] == "overdue"]
    left_out = 0
    if len(overdue) > MOST_OVERDUE:
        kept = {id(d) for d in sorted(overdue, key=lambda d: d["due"], reverse=True)[:MOST_OVERDUE]}
        deadlines = [d for d in deadlines if d["state"] != "overdue" or id(d) in kept]
        left_out = len(overdue) - MOST_OVERDUE
    return attention, deadlines, left_out


def add_timelines(reports: ReportService, figures: Figures) -> None:
    """The period's cases and negotiations, their timelines, and the corrections made in it."""
    start, end, reference = figures.start, figures.end, figures.body
    figures.cases = reports.period_cases(start=start, end=end, body=reference)
    if not reference:
        figures.agreements = reports.period_agreements(start=start, end=end)
    references = [c["reference"] for c in figures.cases] + [a["reference"] for a in figures.agreements]
    first, last = start.isoformat(), end.isoformat()
    figures.timelines = reports.timelines(references, described=(first, last))
    for ref, steps in figures.timelines.items():
        for s in steps:
            if s.get("amends") is not None and first <= s["on"] <= last:
                figures.corrections.append({"reference": ref, **s})
    figures.corrections.sort(key=lambda s: (s["recorded_at"], s["reference"]))


def _category_order(category: str) -> int:
    order = list(CASE_CATEGORIES)
    return order.index(category) if category in order else len(order)


def category_word(category: str) -> str:
    return pgettext("category", category)


def outcome_word(outcome: str) -> str:
    return pgettext("stats", OUTCOME_WORDS[outcome])


def amount_yuan(amount: str) -> float:
    """An exact amount as the chart's bar length, in yuan (geometry only)."""
    return fen(amount) / 100


__all__ = [
    "OUTCOMES",
    "Figures",
    "add_details",
    "add_timelines",
    "amount_yuan",
    "attention_now",
    "category_word",
    "counts",
    "gather",
    "outcome_word",
    "yuan",
]
