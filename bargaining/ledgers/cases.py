"""A row of the mediation case ledger (调解台账) and the case it stands for.

A row states a case's facts at the end of its story: who applied against whom, about what,
when it was accepted and closed, and how it ended. ``read`` turns the row's cells into those
facts (every cell's problem reported, not the first); ``build`` records them through the
same commands, and so the same rules, as a case typed in step by step: opened (as
``case open`` opens it), marked imported, accepted, then settled, failed, withdrawn,
declined or referred to arbitration on the day it closed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from bargaining.ledgers import cells
from bargaining.ledgers.cells import CellError
from bargaining.ledgers.headings import CASE_FIELDS, Columns
from bargaining.ledgers.sheets import Row
from bargaining.mediation.service import CaseService
from domain.case import MediationCase
from domain.disputes import BodyType, Category, Channel, ReferralTarget
from domain.i18n import _

# What a ledger writes in its outcome column (处理结果), and the outcome it means.
OUTCOMES = {
    "settled": ("调解成功", "成功", "达成协议", "已调解", "调解结案", "settled"),
    "failed": ("调解不成", "调解不成功", "未达成协议", "调解失败", "失败", "failed"),
    "withdrawn": ("撤回", "撤回申请", "申请人撤回", "撤诉", "withdrawn"),
    "declined": ("不予受理", "不受理", "declined"),
    "referred": ("移送仲裁", "转仲裁", "仲裁", "告知仲裁", "referred", "referred to arbitration"),
}
# The categories as ledgers name them (the statistics' words, then common variants).
CATEGORIES = {
    "labour-contract": ("劳动合同", "劳动合同纠纷", "履行劳动合同"),
    "remuneration": ("劳动报酬", "工资", "拖欠工资", "欠薪", "工资报酬", "加班费"),
    "social-insurance": ("社会保险", "社保", "保险福利"),
    "work-injury": ("工伤", "工伤待遇", "工伤赔偿", "工伤保险"),
    "dismissal": ("解除劳动关系", "解除劳动合同", "辞退", "除名", "开除", "离职", "辞职"),
    "labour-relationship": ("确认劳动关系", "劳动关系确认"),
    "working-conditions": ("劳动条件", "工作时间", "休息休假", "劳动保护", "培训", "福利"),
    "compensation": ("经济补偿", "经济补偿金", "赔偿金"),
    "collective-contract": ("集体合同", "履行集体合同"),
    "other": ("其他", "其它"),
}
CHANNELS = {
    "visit": ("来访", "上访"),
    "letter": ("来信",),
    "phone": ("来电", "电话"),
    "online": ("网上", "网络", "在线"),
    "written": ("书面申请", "书面"),
    "oral": ("口头申请", "口头"),
    "referral": ("移交", "转交", "转办"),
}
PERFORMED = {
    "yes": ("已履行", "履行", "是", "performed", "true"),
    "no": ("未履行", "不履行", "否", "not performed", "false"),
}
ARBITRATION = "劳动人事争议仲裁委员会"


def _words(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {cells.text(w).casefold(): value for value, words in table.items() for w in (value, *words)}


TABLES: dict[str, Mapping[str, tuple[str, ...]]] = {
    "outcome": OUTCOMES,
    "category": CATEGORIES,
    "channel": CHANNELS,
    "performed": PERFORMED,
}
# Each table's words, folded, to the value they name.
WORDS = {kind: _words(table) for kind, table in TABLES.items()}


@attrs.frozen(kw_only=True)
class CaseRow:
    """The facts of one ledger row, as read."""

    reference: str
    applicants: list[str]
    respondent: str
    category: str
    received: date
    accepted: date | None
    closed: date | None
    extended: date | None  # the mediation period as the parties agreed to extend it (S4 art. 29)
    outcome: str  # "" for a case still open
    outcome_text: str  # as the ledger words it: the reason recorded with the closing
    workers: int | None
    claimed: Decimal | None
    agreed: Decimal | None
    due: date | None
    performed: bool | None
    performed_on: date | None
    body: str
    body_name: str
    mediator: str
    channel: str
    request: str
    terms: str
    note: str

    def facts(self) -> dict[str, str]:
        """The row's facts as text: what an import records and a second import compares."""
        return {k: _text(getattr(self, k)) for k in _FACTS}


_FACTS = tuple(f.name for f in attrs.fields(CaseRow))


def _text(value: object) -> str:
    return "、".join(value) if isinstance(value, list) else "" if value is None else str(value)


Problem = tuple[str, str]  # (the column's heading, what is wrong)
KNOWN = frozenset(a for f in CASE_FIELDS for a in (*f.zh, *f.en, f.name))


def read(row: Row, columns: Columns) -> CaseRow | list[Problem]:
    """The row's facts, or every problem of its cells (a bad cell once, not again as blank)."""
    problems: list[Problem] = []
    bad: set[str] = set()

    def heading(field: str) -> str:
        # A received date the ledger has no column for is its day accepted.
        if field == "received" and field not in columns.positions:
            field = "accepted"
        return columns.heading(field)

    def report(field: str, message: str) -> None:
        if field not in bad:
            problems.append((heading(field), message))
            bad.add(field)

    def cell(field: str, reader: Callable[..., Any], **options: Any) -> Any:
        at = columns.positions.get(field)
        value = row.cells[at] if at is not None and at < len(row.cells) else None
        try:
            return reader(value, **options)
        except CellError as error:
            report(field, str(error))
            return None

    def word(value: object, kind: str, what: str, default: str = "") -> str:
        written = cells.text(value)
        if not written:
            return default
        table = TABLES[kind]
        found = WORDS[kind].get(written.casefold())
        if found is None:
            raise CellError(
                _("{value} is not a {what} this import knows: {known}").format(
                    value=written, what=what, known="、".join(w[0] for w in table.values())
                )
            )
        return found

    reference = cell("reference", cells.text)
    applicants, stated = cell("applicants", cells.applicants) or ([], None)
    respondent = cell("respondent", cells.plain)
    category = cell("category", word, kind="category", what=_("dispute category"))
    received = cell("received", cells.day)
    accepted = cell("accepted", cells.day)
    closed = cell("closed", cells.day)
    extended = cell("extended", cells.day)
    outcome_text = cell("outcome", cells.plain) or ""
    outcome = cell("outcome", word, kind="outcome", what=_("case outcome"))
    workers = cell("workers", cells.count)
    if stated is not None and "workers" not in bad:
        # 张三等5人: 张三 applied for the 5 workers involved, which a workers column may say too.
        if workers is not None and workers != stated:
            report(
                "workers",
                _("is {workers}, but {heading} says {cell}").format(
                    workers=workers,
                    heading=heading("applicants"),
                    cell=cells.plain(row.cells[columns.positions["applicants"]]),
                ),
            )
        workers = stated
    claimed = cell("claimed", cells.money, scale=columns.scales.get("claimed", 1))
    agreed = cell("agreed", cells.money, scale=columns.scales.get("agreed", 1))
    due = cell("due", cells.day)
    channel = cell("channel", word, kind="channel", what=_("channel"), default="written")
    performed_word = cell("performed", word, kind="performed", what=_("performance"))
    performed = None if not performed_word else performed_word == "yes"
    performed_on = cell("performed_on", cells.day)
    mediator = cell("mediator", cells.plain) or ""
    terms = cell("terms", cells.plain) or ""
    _coherent(
        report,
        bad,
        {
            "reference": reference,
            "applicants": applicants,
            "respondent": respondent,
            "category": category,
            "received": received,
            "accepted": accepted,
            "closed": closed,
            "extended": extended,
            "outcome": outcome,
            "outcome_text": outcome_text,
            "agreed": agreed,
            "due": due,
            "performed": performed,
            "performed_on": performed_on,
            "mediator": mediator,
            "terms": terms,
        },
    )
    if problems:
        return problems
    return CaseRow(
        reference=reference,
        applicants=applicants,
        respondent=respondent,
        category=category,
        received=received or accepted or closed,
        accepted=accepted if outcome != "declined" else None,
        closed=closed if outcome != "declined" else (closed or accepted),
        extended=extended,
        outcome=outcome or "",
        outcome_text=outcome_text,
        workers=workers,
        claimed=claimed,
        agreed=agreed,
        due=due,
        performed=performed,
        performed_on=performed_on,
        body=cell("body", cells.text) or "",
        body_name=cell("body_name", cells.plain) or "",
        mediator=mediator,
        channel=channel,
        request=cell("request", cells.plain) or "",
        terms=terms,
        note=cell("note", cells.plain) or "",
    )


def _coherent(report: Callable[[str, str], None], bad: set[str], f: dict[str, Any]) -> None:  # noqa: PLR0912 - one rule a branch
    """The problems of cells that do not go together (a cell already wrong is not judged again)."""
    outcome = f["outcome"]
    if outcome != "settled" and "outcome" not in bad:
        # What only a mediation agreement has: on another case it would be lost.
        for field in ("agreed", "due", "performed", "mediator", "terms"):
            if f[field] not in (None, ""):
                report(field, _("is filled in, but the case was not settled"))
    if f["performed"] is not None and f["performed_on"] is None:
        report("performed_on", _("is blank, but the performance is recorded"))
    if f["performed_on"] is not None and f["performed"] is None:
        report("performed", _("is blank, but a day of performance is given"))
    for field in ("reference", "respondent", "category"):
        if f[field] == "":
            report(field, _("is blank"))
    if not f["applicants"]:
        report("applicants", _("is blank"))
    if outcome in ("settled", "failed", "withdrawn", "referred") and f["closed"] is None:
        report("closed", _("is blank, but the case is {outcome}").format(outcome=f["outcome_text"]))
    if f["closed"] is not None and not outcome:
        report("outcome", _("is blank, but the case closed on {day}").format(day=f["closed"]))
    # A case still awaiting the decision to accept, or withdrawn or referred before it, has
    # no acceptance; one mediated to an agreement or to a failure has.
    if f["accepted"] is None and outcome in ("settled", "failed"):
        report("accepted", _("is blank, but the case is {outcome}").format(outcome=f["outcome_text"]))
    if f["extended"] is not None and f["accepted"] is None:
        report("extended", _("is filled in, but the case was not accepted"))
    dates_wrong = bad & {"received", "accepted", "closed"}
    if f["received"] is None and f["accepted"] is None and f["closed"] is None and not dates_wrong:
        report("received", _("is blank, and so is the day accepted: give one of them"))


# Which ledger field a rule's field stands for, to report a broken rule in the row's column.
RULE_FIELDS = {
    "open.reference": "reference",
    "open.applicant": "applicants",
    "open.respondent": "respondent",
    "open.category": "category",
    "open.received": "received",
    "open.workers": "workers",
    "open.amount": "claimed",
    "open.request": "request",
    "open.body": "body",
    "import.accepted": "accepted",
    "import.closed": "closed",
    "import.performed_on": "performed_on",
    "accept": "accepted",
    "accept.on": "accepted",
    "extend": "extended",
    "extend.until": "extended",
    "extend.on": "extended",
    "settle": "closed",
    "settle.on": "closed",
    "settle.amount": "agreed",
    "settle.due": "due",
    "perform": "performed_on",
    "perform.on": "performed_on",
    "fail": "closed",
    "fail.on": "closed",
    "withdraw": "closed",
    "withdraw.on": "closed",
    "decline": "closed",
    "decline.on": "closed",
    "refer": "closed",
    "refer.on": "closed",
}
EXTENDED_AS_RECORDED = "台账记载的延长期限"  # the extension's reason, in the record's own words
REQUEST_UNRECORDED = (
    "（台账未载明请求事项）"  # a ledger without a request column: said so, in the record's own words
)


def body_type(name: str) -> BodyType:
    """Who a body named so is (S3 Art 10): a people's mediation committee, a township's or
    street's organisation, else an enterprise's committee."""
    if "人民调解" in name:
        return BodyType.PEOPLE
    if any(word in name for word in ("乡镇", "街道", "镇", "乡")):
        return BodyType.TOWNSHIP
    return BodyType.ENTERPRISE


def build(
    service: CaseService, row: CaseRow, *, source: str, sheet: str, number: int, digest: str, body: str
) -> MediationCase:
    """The case of ``row``, recorded by the same commands as a typed case, not yet saved."""
    actor = service.actor
    for field, day in (
        ("accepted", row.accepted),
        ("closed", row.closed),
        ("performed_on", row.performed_on),
    ):
        if day is not None:
            service.check_day(day, f"import.{field}")
    case = service.new_case(
        row.reference,
        channel=Channel(row.channel),
        received=row.received,
        applicants=row.applicants,
        respondent=row.respondent,
        category=Category(row.category),
        request=row.request or REQUEST_UNRECORDED,
        workers=row.workers,
        amount_claimed=row.claimed,
        facts=row.note,
        body=body,
        from_ledger=True,
        body_checked=True,
    )
    case.mark_imported(
        on=row.received, by=actor, source=source, sheet=sheet, row=number, digest=digest, facts=row.facts()
    )
    reason = row.outcome_text
    if row.outcome == "declined":
        case.decline(on=row.closed or row.received, by=actor, reason=reason)
        return case
    if row.accepted is not None:
        case.accept(on=row.accepted, by=actor, both_agree=True)
        if row.extended is not None:
            case.extend(
                on=row.accepted, by=actor, until=row.extended, both_agree=True, reason=EXTENDED_AS_RECORDED
            )
    if row.closed is None:
        return case
    if row.outcome == "settled":
        case.settle(
            on=row.closed,
            by=actor,
            terms=row.terms or reason,
            amount_agreed=row.agreed,
            performance_due=row.due,
            performance_method="",
            mediator=row.mediator,
            parties_signed=True,
            sealed=True,
            from_ledger=True,
        )
        if row.performed is not None and row.performed_on is not None:
            case.record_performance(on=row.performed_on, by=actor, performed=row.performed, note="")
    elif row.outcome == "failed":
        case.fail(on=row.closed, by=actor, reason=reason)
    elif row.outcome == "withdrawn":
        case.withdraw(on=row.closed, by=actor, reason=reason)
    elif row.outcome == "referred":
        case.refer(
            on=row.closed, by=actor, target=ReferralTarget.ARBITRATION, to=ARBITRATION, new_reference=""
        )
    return case
