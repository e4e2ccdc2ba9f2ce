"""The committee's report as one self-contained HTML file.

Jinja2 writes the page from ``templates/report.html`` with autoescaping on, so names and
minutes typed by users are text, never markup. Everything the page needs is inside it: the
styles, a few lines of script, the charts as inline SVG, and the font, a subset of Noto Sans SC
(SIL OFL 1.1, the one the filing packet embeds) cut by fontTools to the characters the page
uses, so Chinese renders the same on any machine and nothing is fetched when it is opened.
"""

from __future__ import annotations

import base64
import io
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup

from bargaining.formats import grouped
from bargaining.packet.font import find_font
from bargaining.report import charts
from bargaining.report.figures import (
    OUTCOMES,
    Figures,
    amount_yuan,
    category_word,
    outcome_word,
)
from domain.i18n import _, language, ngettext, pgettext

Row = dict[str, Any]


def subset_font(font: Path, text: str) -> bytes:
    """``font`` cut to the glyphs of ``text`` (and the page's punctuation), as WOFF.

    HarfBuzz's subsetter (uharfbuzz) cuts; fontTools only wraps the small result as WOFF.
    fontTools' own subsetter parses the whole 8 MB CFF font first: about half a second of the
    report's run on every page, against a few milliseconds here. The layout features HarfBuzz
    keeps by default include those the page needs (kerning, ligatures, vertical forms, the
    Simplified Chinese glyph variants).
    """
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    request = hb.SubsetInput()
    # The page's distinct characters, found by set() in C: tens of megabytes of timelines are
    # never walked one character at a time in Python.
    for character in set(text) | set("0123456789.,:;%()–—…·/-+ "):
        request.unicode_set.add(ord(character))
    cut = hb.subset(hb.Face(hb.Blob.from_file_path(str(font))), request)
    if cut is None:
        raise ValueError(f"HarfBuzz could not cut the font {font}")
    out = io.BytesIO()
    # The font's own timestamp kept, so the same page gives the same bytes.
    with TTFont(io.BytesIO(cut.blob.data), recalcTimestamp=False) as small:
        small.flavor = "woff"
        small.save(out)
    return out.getvalue()


def chart_specs(f: Figures) -> list[tuple[str, str, charts.Spec]]:
    """(key, caption, spec) of every chart, in the order shown."""
    cases, yuan = pgettext("stats", "cases"), _("yuan")
    found: list[tuple[str, str, charts.Spec]] = []
    closed, succeeded = pgettext("stats", "closed"), outcome_word("succeeded")
    found.append(
        (
            "by-category",
            _("Cases closed and cases succeeded in each category."),
            charts.grouped_bars(
                _("Cases by category"),
                [
                    {"x": category_word(r["group"]), "series": name, "y": r[key]}
                    for r in f.by_category
                    for key, name in (("closed", closed), ("succeeded", succeeded))
                ],
                x_title=_("category"),
                y_title=cases,
                series=[("closed", closed), ("succeeded", succeeded)],
            ),
        )
    )
    received = pgettext("stats", "received")
    found.append(
        (
            "by-month",
            _("Cases received and closed in each month (a case counts in the month of its own date)."),
            charts.lines(
                _("Cases by month"),
                [
                    {
                        "x": r["group"][5:] if f.start.year == f.end.year else r["group"],
                        "series": name,
                        "y": r[key],
                    }
                    for r in f.by_month
                    for key, name in (("received", received), ("closed", closed))
                ],
                x_title=_("month"),
                y_title=cases,
                series=[("received", received), ("closed", closed)],
            ),
        )
    )
    outcomes = [(o, outcome_word(o)) for o in OUTCOMES]
    found.append(
        (
            "outcomes",
            _("How the cases closed in each month ended; a case deemed failed counts as failed."),
            charts.stacked_bars(
                _("Outcomes by month"),
                [
                    {
                        "x": r["group"][5:] if f.start.year == f.end.year else r["group"],
                        "series": name,
                        "y": r[o],
                        "order": i,
                    }
                    for r in f.by_month
                    for i, (o, name) in enumerate(outcomes)
                ],
                x_title=_("month"),
                y_title=cases,
                series=outcomes,
            ),
        )
    )
    found.append(
        (
            "days-to-close",
            _("Days from acceptance to close; the mediation period is 15 days unless extended by agreement."),
            charts.grouped_bars(
                _("Days to close"),
                [{"x": b["label"], "series": cases, "y": b["cases"]} for b in f.close_days],
                x_title=_("days from acceptance"),
                y_title=cases,
                series=[("cases", cases)],
            ),
        )
    )
    claimed, agreed = _("amount claimed"), _("amount agreed")
    found.append(
        (
            "amounts",
            _("Amounts claimed in the cases accepted and agreed in the cases settled, in yuan."),
            charts.grouped_bars(
                _("Amounts claimed and agreed by category"),
                [
                    {"x": category_word(r["group"]), "series": name, "y": amount_yuan(r[key])}
                    for r in f.by_category
                    for key, name in (("amount_claimed", claimed), ("amount_agreed", agreed))
                ],
                x_title=_("category"),
                y_title=yuan,
                series=[("amount_claimed", claimed), ("amount_agreed", agreed)],
                y_format=",.0f",
            ),
        )
    )
    if f.quarters:
        names = [
            ("signed", _("signed")),
            ("filed_on_time", _("filed on time")),
            ("filed_late", _("filed late")),
            ("expiring", _("expiring")),
            ("renewed", _("renewed")),
        ]
        found.append(
            (
                "contracts",
                _("Collective contracts by quarter: signed, filed on time or late, expiring and renewed."),
                charts.grouped_bars(
                    _("Contracts by quarter"),
                    [
                        {"x": q["quarter"], "series": name, "y": q[key]}
                        for q in f.quarters
                        for key, name in names
                    ],
                    x_title=_("quarter"),
                    y_title=_("contracts"),
                    series=names,
                ),
            )
        )
    return found


FONT_MARK = "@@FONT-DATA@@"


def render(f: Figures, *, font: Path | None = None, svgs: list[str] | None = None) -> str:
    """The report page as HTML text; ``svgs``: the charts of ``chart_specs(f)`` already drawn
    (``drawing``), else they are drawn here."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    font = font or find_font()
    specs = chart_specs(f)
    if svgs is None:
        svgs = [charts.svg(spec, font) for _key, _caption, spec in specs]
    drawn = [
        {"key": key, "caption": caption, "svg": svg}
        for (key, caption, _spec), svg in zip(specs, svgs, strict=True)
    ]
    environment = Environment(
        loader=PackageLoader("bargaining.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    said = words(f)
    page = environment.get_template("report.html").render(
        f=f,
        charts=drawn,
        words=said,
        lang="zh-Hans" if language() == "zh" else "en",
        figure_rows=figure_rows(f),
        attention_headings=[said[k] for k in ("reference", "kind", "stage", "employer", "next", "due")],
        attention_rows=attention_rows(f),
        deadline_headings=[said[k] for k in ("due", "days_left", "reference", "deadline", "state", "rule")],
        deadline_rows=deadline_rows(f),
        case_items=[
            timeline_item(
                c["reference"],
                case_title(c, f.today.isoformat()),
                f.timelines.get(c["reference"], []),
                said,
                f,
            )
            for c in f.cases
        ],
        agreement_items=[
            timeline_item(a["reference"], agreement_title(a), f.timelines.get(a["reference"], []), said, f)
            for a in f.agreements
        ],
        correction_rows=f.corrections,
        font_data=FONT_MARK,
    )
    woff = subset_font(font, page)
    return page.replace(FONT_MARK, base64.b64encode(woff).decode("ascii"), 1)


def figure_rows(f: Figures) -> list[tuple[str, str, Any, str]]:
    """(key, label, value, as shown) of the figures section: the keys and values are those of
    ``stats disputes --json``; amounts are shown with thousands separators, no value as —."""
    return [
        (
            key,
            label,
            value,
            "—" if value is None else grouped(value) if key.startswith("amount") else str(value),
        )
        for key, label, value in _figures(f)
    ]


def _figures(f: Figures) -> list[tuple[str, str, Any]]:
    t = f.total
    counted = ("received", "accepted", "closed", "succeeded", "failed", "withdrawn", "referred", "declined")
    return [
        *((key, pgettext("stats", key), t[key]) for key in counted[:2]),
        ("carried_over", pgettext("report", "carried over"), t["carried_over"]),
        *((key, pgettext("stats", key), t[key]) for key in counted[2:]),
        ("handling_rate", pgettext("report", "handling rate"), t["handling_rate"]),
        ("success_rate", pgettext("report", "success rate"), t["success_rate"]),
        ("workers", pgettext("stats", "workers"), t["workers"]),
        ("amount_claimed", pgettext("report", "amount claimed (yuan)"), t["amount_claimed"]),
        ("amount_agreed", pgettext("report", "amount agreed (yuan)"), t["amount_agreed"]),
        ("average_days_to_close", pgettext("report", "average days to close"), t["average_days_to_close"]),
    ]


def attention_rows(f: Figures) -> list[Row]:
    found = []
    for r in f.attention["rows"]:
        d = r.get("next_deadline") or {}
        found.append(
            {
                "overdue": bool(d) and (r.get("days_to_next") or 0) < 0,
                "cells": [
                    r["reference"],
                    pgettext("kind", r["kind"]),
                    pgettext("stage", r["stage"]),
                    r["employer"],
                    d.get("label", ""),
                    d.get("due", ""),
                ],
            }
        )
    return found


def deadline_rows(f: Figures) -> list[Row]:
    return [
        {
            "overdue": d["state"] == "overdue",
            "cells": [
                d["due"],
                d["days_left"],
                d["reference"],
                d["deadline"],
                pgettext("state", d["state"]),
                d["rule"],
            ],
        }
        for d in f.deadlines
    ]


def case_title(c: Row, today: str) -> str:
    parties = _("{applicants} v {respondent}").format(
        applicants="、".join(c["applicants"]) if isinstance(c["applicants"], list) else c["applicants"],
        respondent=c["respondent"],
    )
    return _("; ").join([parties, category_word(c["category"]), pgettext("status", case_status(c, today))])


def case_status(c: Row, today: str) -> str:
    """The case's status on ``today`` (domain.disputes.CaseStatus), from its row."""
    if c.get("outcome"):
        return str(c["outcome"])
    if c.get("declined_on"):
        return "declined"
    if c.get("accepted_on"):
        return "deemed failed" if c.get("deadline") and c["deadline"] < today else "accepted"
    return "received"


def agreement_title(a: Row) -> str:
    return _("; ").join([a["employer"], pgettext("kind", a["kind"]), pgettext("stage", a["status"])])


def timeline_item(reference: str, title: str, steps: list[Row], said: dict[str, str], f: Figures) -> Markup:
    """One record's timeline: its steps dated in the period, and how many fall before and
    after it ('bargaining timeline REF' lists them all). Written open (see the page's script)."""
    first, last = f.start.isoformat(), f.end.isoformat()
    items = []
    before = after = 0
    for s in steps:
        if s["on"] < first:
            before += 1
            continue
        if s["on"] > last:
            after += 1
            continue
        note = ""
        met = s.get("met")
        if met:
            late = met["late_by_days"]
            by = ngettext("late by {days} day", "late by {days} days", late).format(days=late)
            note = (
                f' <span class="late">{escape(by)}</span>'
                if late
                else f' <span class="met">{said["met_html"]}</span>'
            )
        struck = ' class="struck"' if s.get("retracted_by") else ""
        mark = f" <i>({said['retracted_html']})</i>" if s.get("retracted_by") else ""
        if s.get("corrected_by"):
            mark += f" <i>({said['corrected_html']})</i>"
        items.append(
            f"<li{struck}><time>{s['on']}</time><b>{escape(s['step'])}</b>"
            f'<span class="d">{escape(s["detail"])}</span>{note}{mark}</li>'
        )
    elsewhere = []
    if before:
        elsewhere.append(
            ngettext("{count} earlier step", "{count} earlier steps", before).format(count=before)
        )
    if after:
        elsewhere.append(ngettext("{count} later step", "{count} later steps", after).format(count=after))
    if elsewhere:
        more = _("; ").join(elsewhere)
        hint = said["whole"].format(reference=reference)
        items.append(f'<li class="more">{escape(more)} ({escape(hint)})</li>')
    # Every value above went through escape() (html.escape, quotes included): the markup is
    # only the tags written here.
    ref = escape(reference)
    return Markup(  # noqa: S704
        f'<details class="timeline" open data-reference="{ref}">'
        f"<summary>{ref} <span>{escape(title)}</span></summary>"
        f"<ol>{''.join(items)}</ol></details>"
    )


def words(f: Figures) -> dict[str, str]:
    """The page's own words in the current language."""
    period = _("{start} to {end}").format(start=f.start.isoformat(), end=f.end.isoformat())
    met, corrected, retracted = _("met"), _("corrected"), _("retracted")
    return {
        "title": (
            _("Mediation and collective contracts: report for {period}").format(period=period)
            if not f.body
            else _("{body}: mediation report for {period}").format(body=f.body_name or f.body, period=period)
        ),
        "made": _(
            "Made on {day} from the store's read models; the figures are those of 'bargaining stats"
            " disputes' for the same period."
        ).format(day=f.today.isoformat()),
        "figures": _("The period in figures"),
        "charts": _("Charts"),
        "attention": _("What needs attention now"),
        "attention_as_of": _(
            "As of {day}: the attention board and the deadlines of the next 30 days."
        ).format(day=f.today.isoformat()),
        "nothing": _("Nothing needs attention."),
        "no_deadlines": _("No deadline falls in the next 30 days."),
        "timelines": _("Each case and negotiation of the period"),
        "timelines_note": _("Click a record to open its timeline."),
        "cases": _("Mediation cases"),
        "negotiations": _("Negotiations and contracts"),
        "no_cases": _("No case was in mediation in the period."),
        "no_negotiations": _("No negotiation or contract was open in the period."),
        "corrections": _("Corrections made in the period"),
        "no_corrections": _("No step was corrected or retracted in the period."),
        "formulas": _("Formulas"),
        "reference": _("reference"),
        "step": _("step"),
        "day": _("date"),
        "detail": _("detail"),
        "deadline": _("deadline"),
        "due": _("due"),
        "days_left": _("days left"),
        "state": _("state"),
        "rule": _("rule and source"),
        "stage": _("stage"),
        "kind": _("kind"),
        "employer": _("employer"),
        "next": _("next deadline"),
        "met": met,
        "corrected": corrected,
        "retracted": retracted,
        "body_only": _("Only the cases of this mediation body; negotiations and contracts are not a body's."),
        "skip": _("Skip to the charts"),
        "left_out": ngettext(
            "and {count} deadline overdue before these: 'bargaining deadlines --overdue' lists them all",
            "and {count} deadlines overdue before these: 'bargaining deadlines --overdue' lists them all",
            f.overdue_left_out,
        ).format(count=f.overdue_left_out),
        "whole": _("'bargaining timeline {reference}' lists every step"),
        **{
            f"{key}_html": escape(value)
            for key, value in (("met", met), ("corrected", corrected), ("retracted", retracted))
        },
    }
