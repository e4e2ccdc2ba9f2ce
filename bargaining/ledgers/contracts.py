"""A row of the collective-contract ledger (集体合同台账) and the contract it stands for.

A row states a signed contract's facts: who signed it, what kind it is, when it was signed,
submitted for filing and received, its term. ``read`` turns the cells into those facts;
``build`` records them as the contract's own steps through the contract's commands:
concluded (signed) with its term, marked imported, submitted, received by the authority.
Whether it is in force is then worked out as for any contract: deemed effective 15 days after
receipt without objection (S1 Art 47), expired after its term.

A ledger that gives the day it took effect but not the day the authority received it: the
receipt is the day the review window (15 days) that ended then began, the only day the law
allows, and the import says so in the record's note.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import attrs

from bargaining.ledgers import cells
from bargaining.ledgers.cells import CellError
from bargaining.ledgers.headings import Columns
from bargaining.ledgers.sheets import Row
from domain.contract import CollectiveContract
from domain.i18n import _
from domain.jurisdiction import get_profile
from domain.values import AgreementKind, Purpose, Term, clean_name, clean_names

KINDS = {
    "comprehensive": ("综合", "综合性", "集体合同", "综合集体合同"),
    "wage": ("工资专项", "工资", "工资协议", "工资专项集体合同", "工资集体协议"),
    "special": ("专项", "专项集体合同", "女职工专项", "女职工权益保护专项集体合同", "劳动安全卫生专项"),
    "regional": ("区域性", "区域", "区域性集体合同"),
    "industry": ("行业性", "行业", "行业性集体合同"),
}
_KIND_WORDS = {cells.text(w).casefold(): v for v, words in KINDS.items() for w in (v, *words)}
_TERM = re.compile(r"^(\d+(?:\.5)?)\s*(年|个月|月|years?|months?)$")
UNRECORDED = "（台账未载）"


@attrs.frozen(kw_only=True)
class ContractRow:
    reference: str
    employer: str
    union: str
    kind: str
    signed: date
    submitted: date | None
    received: date | None
    received_worked_out: bool
    start: date
    end: date
    authority: str
    signatories: list[str]
    workers: int | None
    note: str

    def facts(self) -> dict[str, str]:
        return {k: _text(getattr(self, k)) for k in _FACTS}


_FACTS = tuple(f.name for f in attrs.fields(ContractRow))


def _text(value: object) -> str:
    return "、".join(value) if isinstance(value, list) else "" if value is None else str(value)


def months(value: object) -> int | None:
    """A term as ledgers write it: "3年", "3 years", "36个月", 3 (years); in months."""
    written = cells.text(value).lower()
    if not written:
        return None
    if written.isdigit():
        written += "年"
    found = _TERM.match(written)
    if found is None:
        raise CellError(_("{value} is not a term (write it as 3年 or 36个月)").format(value=written))
    amount = float(found[1])
    total = int(amount * 12) if found[2] in ("年", "year", "years") else int(amount)
    if not 1 <= total <= 120:
        raise CellError(_("{value} is not a term between 1 month and 10 years").format(value=written))
    return total


def _plus_months(day: date, count: int) -> date:
    """The last day of a term of ``count`` months whose first day is ``day``: counted from the
    day before, the corresponding day ``count`` months on, or the month's last day where there
    is none (Civil Code art. 202): 2011-07-01 + 1年 ends 2012-06-30, 2012-02-29 + 3年
    2015-02-28, 2014-01-31 + 1个月 2014-02-28."""
    before = day - timedelta(days=1)
    month = before.month - 1 + count
    year, month = before.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(before.day, last))


def receipt_for(effective: date, kind: AgreementKind) -> date | None:
    """The latest receipt whose review window (S1 Art 47, rolled past rest days) ends on ``effective``."""
    profile = get_profile("PRC")
    review = profile.deadline("review", kind)
    assert review is not None
    for back in range(review.amount, review.amount + 15):
        received = effective - timedelta(days=back)
        if profile.due(review, received) == effective:
            return received
    return None


def read(row: Row, columns: Columns) -> ContractRow | list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []

    def cell(field: str, reader: Callable[..., Any]) -> Any:
        at = columns.positions.get(field)
        value = row.cells[at] if at is not None and at < len(row.cells) else None
        try:
            return reader(value)
        except CellError as error:
            problems.append((columns.heading(field), str(error)))
            return None

    def kind(value: object) -> str:
        written = cells.text(value)
        found = _KIND_WORDS.get(written.casefold())
        if found is None:
            raise CellError(
                _("{value} is not a kind of contract: {kinds}").format(
                    value=written or "—", kinds="、".join(w[0] for w in KINDS.values())
                )
            )
        return found

    reference = cell("reference", cells.text)
    employer = cell("employer", cells.plain)
    signed = cell("signed", cells.day)
    submitted = cell("submitted", cells.day)
    received = cell("received", cells.day)
    effective = cell("effective", cells.day)
    term = cell("term", months)
    expires = cell("expires", cells.day)
    found_kind = cell("kind", kind)
    for field, value in (("reference", reference), ("employer", employer)):
        if value == "":
            problems.append((columns.heading(field), _("is blank")))
    if signed is None and not any(h == columns.heading("signed") for h, _m in problems):
        problems.append((columns.heading("signed"), _("is blank")))
    if term is None and expires is None and not problems:
        problems.append((columns.heading("term"), _("is blank, and so is the expiry: give one of them")))
    if problems:
        return problems
    start = cell("start", cells.day) or effective or signed
    if term is not None and expires is not None and _plus_months(start, term) != expires:
        problems.append(
            (
                columns.heading("term"),
                _("{term} from {start} ends {end}, not {expires} as {heading} says").format(
                    term=cells.text(row.cells[columns.positions["term"]]),
                    start=start,
                    end=_plus_months(start, term),
                    expires=expires,
                    heading=columns.heading("expires"),
                ),
            )
        )
        return problems
    worked_out = False
    if received is None and effective is not None:
        received = receipt_for(effective, AgreementKind(found_kind))
        if received is None:
            problems.append(
                (
                    columns.heading("effective"),
                    _(
                        "{day} is not a day a 15-day review window ends on (it would be rolled past a"
                        " rest day): give the day the authority received it ({heading})"
                    ).format(
                        day=effective,
                        heading=columns.heading("received")
                        if "received" in columns.positions
                        else "收到日期",
                    ),
                )
            )
            return problems
        worked_out = True
    end = expires if expires is not None else _plus_months(start, term)
    return ContractRow(
        reference=reference,
        employer=employer,
        union=cell("union", cells.plain) or "",
        kind=found_kind,
        signed=signed,
        submitted=submitted,
        received=received,
        received_worked_out=worked_out,
        start=start,
        end=end,
        authority=cell("authority", cells.plain) or "",
        signatories=cell("signatories", cells.names) or [],
        workers=cell("workers", cells.count),
        note=cell("note", cells.plain) or "",
    )


RULE_FIELDS = {
    "term.start": "effective",
    "term.end": "expires",
    "submit": "submitted",
    "submit.on": "submitted",
    "receipt": "received",
    "receipt.on": "received",
    "sign": "signed",
}


def build(
    row: ContractRow, *, actor: str, source: str, sheet: str, number: int, digest: str
) -> CollectiveContract:
    """The contract of ``row``, recorded by the contract's own commands, not yet saved."""
    contract = CollectiveContract(
        reference=row.reference,
        employer=clean_name(row.employer, "import.employer", max_len=200),
        union=clean_name(row.union or UNRECORDED, "import.union", max_len=200),
        kind=AgreementKind(row.kind),
        topic="",
        profile_id="PRC",
        term=Term(start=row.start, end=row.end),
        signatories=clean_names(row.signatories, "import.signatories"),
        purpose=Purpose.NEW,
        predecessor="",
        on=row.signed,
        by=actor,
    )
    contract.mark_imported(
        on=row.signed, by=actor, source=source, sheet=sheet, row=number, digest=digest, facts=row.facts()
    )
    if row.submitted is not None:
        contract.submit(on=row.submitted, by=actor, authority=row.authority or UNRECORDED, copies=1)
    if row.received is not None:
        if row.submitted is None:
            contract.submit(on=row.received, by=actor, authority=row.authority or UNRECORDED, copies=1)
        contract.record_receipt(on=row.received, by=actor)
    return contract
