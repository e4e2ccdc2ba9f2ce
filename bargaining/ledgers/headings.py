"""Which column of a ledger holds which fact: the headings a 台账 uses, in Chinese or English.

Each field has the heading the export writes first (Chinese, then English), then the other
names ledgers give it. A heading is matched folded (full-width forms, spaces and case
ignored) and without its unit: 涉案金额（万元） is 涉案金额 counted in 万元. ``--map
COLUMN=field`` names a column the table does not know. ``docs/ledgers.md`` prints this table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

import attrs

from domain.i18n import _


@attrs.frozen
class Field:
    """One fact of a ledger row, and the headings that name it."""

    name: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    required: bool = False
    about: str = ""  # what it holds, for the table in the docs (a message of the catalog)


CASE_FIELDS = (
    Field("reference", ("案件编号", "案号", "编号"), ("reference", "case no"), required=True),
    Field("applicants", ("申请人", "申请人姓名"), ("applicants", "applicant"), required=True),
    Field("respondent", ("被申请人", "被申请单位", "用人单位"), ("respondent",), required=True),
    Field("category", ("争议类型", "案由", "争议类别"), ("category",), required=True),
    Field("received", ("申请日期", "收到日期", "来访日期"), ("received", "received on")),
    Field("accepted", ("受理日期",), ("accepted", "accepted on"), required=True),
    Field("closed", ("结案日期", "调结日期"), ("closed", "closed on")),
    Field("extended", ("延长期限至", "延长至", "调解期限延长至"), ("extended until", "extended")),
    Field("outcome", ("处理结果", "调解结果", "结案方式"), ("outcome",)),
    Field("workers", ("涉及人数", "涉及职工人数", "人数"), ("workers", "workers involved")),
    Field("claimed", ("涉案金额", "标的额", "申请金额"), ("amount claimed", "claimed")),
    Field("agreed", ("协议金额", "调解金额", "达成金额"), ("amount agreed", "agreed")),
    Field("due", ("履行期限", "履行期限至"), ("performance due",)),
    Field("performed", ("履行情况", "是否履行"), ("performed",)),
    Field("performed_on", ("履行日期",), ("performed on",)),
    Field("body", ("调解组织编号",), ("body", "body reference")),
    Field("body_name", ("调解组织", "调解委员会", "调解组织名称"), ("body name",)),
    Field("mediator", ("调解员", "承办人", "承办调解员"), ("mediator",)),
    Field("channel", ("来源", "申请方式", "受理方式"), ("channel",)),
    Field("request", ("请求事项", "申请事项", "诉求"), ("request",)),
    Field("terms", ("协议内容", "调解协议内容"), ("terms",)),
    Field("note", ("备注",), ("note", "notes")),
)

CONTRACT_FIELDS = (
    Field("reference", ("合同编号", "编号", "备案号"), ("reference", "contract no"), required=True),
    Field("employer", ("企业名称", "用人单位", "单位名称"), ("employer",), required=True),
    Field("union", ("工会名称", "工会"), ("union", "trade union")),
    Field("kind", ("合同类型", "合同种类", "类型"), ("kind",), required=True),
    Field("signed", ("签订日期",), ("signed", "signed on"), required=True),
    Field("submitted", ("报送日期", "报送审查日期"), ("submitted", "submitted on")),
    Field("received", ("收到日期", "受理日期"), ("received by the authority", "received")),
    Field("effective", ("生效日期",), ("effective", "effective on")),
    Field("start", ("起始日期", "期限起始日期", "合同起始日期"), ("term start", "starts")),
    Field("term", ("期限", "合同期限"), ("term", "term (years)")),
    Field("expires", ("到期日期", "终止日期", "截止日期"), ("expires", "expires on")),
    Field("authority", ("报送机关", "审查机关"), ("authority",)),
    Field("signatories", ("签字代表", "首席代表"), ("signatories",)),
    Field("workers", ("覆盖职工人数", "职工人数"), ("workers covered", "workers")),
    Field("note", ("备注",), ("note", "notes")),
)

# What each field holds, for the table in docs/ledgers.md (English, as docs/cli.md is).
ABOUT = {
    "reference": "the record's reference, unique in the store (e.g. 2014-调-017)",
    "applicants": "the applicants' names, separated by 、 or commas (张三等5人: 张三, for 5 workers)",
    "respondent": "the employer or person the claim is against",
    "category": "the kind of dispute (工伤, 劳动报酬, … or the English values)",
    "received": "the day the application came in (default: the day accepted)",
    "accepted": "the day mediation was accepted",
    "closed": "the day the case closed (blank: still open)",
    "extended": "the mediation period's end as the parties agreed to extend it (S4 art. 29), if they did",
    "outcome": "调解成功 / 调解不成 / 撤回 / 不予受理 / 移送仲裁 (or settled, failed, …)",
    "workers": "workers involved (default: the count of 张三等5人, else the applicants named)",
    "claimed": "amount claimed in yuan (¥ and thousands separators allowed; 万元 in the heading or cell)",
    "agreed": "amount agreed in yuan, for a settled case",
    "due": "the day by which a settled case's agreement is to be performed",
    "performed": "已履行 / 未履行 (or yes / no): whether the agreement was performed",
    "performed_on": "the day its performance (or its failure) was recorded",
    "body": "the mediation body's reference (registered by the import if new)",
    "body_name": "the mediation body's name: an existing body of that name, or a new one",
    "mediator": "the mediator who signed the agreement",
    "channel": "how it came in: 来访, 来信, 书面申请, … (default: written)",
    "request": "what the applicants asked for",
    "terms": "the terms agreed",
    "note": "kept with the imported record",
    "employer": "the employer (enterprise) that signed",
    "union": "the trade union that signed",
    "kind": "综合 / 工资专项 / 专项 / 区域性 / 行业性 (or wage, comprehensive, …)",
    "signed": "the day it was signed",
    "submitted": "the day it was submitted for filing",
    "effective": "the day it took effect",
    "start": "the first day of its term (default: the day it took effect, else signed)",
    "term": "its term: 3年, 3 years, or 36个月",
    "expires": "the last day of its term (with 期限 blank: the term is worked out from it)",
    "authority": "the labour administration it was submitted to",
    "signatories": "who signed, separated by 、",
}
CONTRACT_ABOUT = {
    **ABOUT,
    "reference": "the contract's reference, unique in the store (e.g. HT-2014-003)",
    "received": "the day the labour administration received it (default: worked out from 生效日期)",
    "workers": "workers it covers",
    "note": "kept with the imported contract",
}

# A heading's unit: in brackets at its end (涉案金额（万元）, 涉及人数（人）) or after a slash.
_UNIT = re.compile(r"(?:[(（]\s*([^()（）]*?)\s*[)）]|[/／]\s*(\S+))$")
_FOLD = re.compile(r"[\s_:：*]+")


def folded(heading: object) -> tuple[str, int]:
    """A heading as matched, and the unit (in yuan) it states: '涉案金额（万元）' -> ('涉案金额', 10000)."""
    written = unicodedata.normalize("NFKC", str(heading or "")).strip()
    unit = _UNIT.search(written)
    scale = 1
    if unit is not None and written[: unit.start()].strip():
        scale = 10_000 if "万" in (unit[1] or unit[2] or "") else 1
        written = written[: unit.start()]
    # Spaces and line breaks inside a heading (Alt+Enter in Excel) are not part of its name.
    return _FOLD.sub("", written).casefold(), scale


def table(fields: tuple[Field, ...], about: dict[str, str]) -> str:
    """The Markdown table of a ledger's fields: the headings read (Chinese, English) and what
    each holds; the first heading of each language is the one an export writes."""
    lines = ["| field | 中文表头 | English headings | holds |", "|---|---|---|---|"]
    for f in fields:
        required = " (required)" if f.required else ""
        lines.append(f"| `{f.name}`{required} | {'、'.join(f.zh)} | {', '.join(f.en)} | {about[f.name]} |")
    return "\n".join(lines)


def ledgers_markdown() -> str:
    """docs/ledgers.md: the two ledgers' headings, as ``make docs`` writes it."""
    return "\n".join(
        [
            "# Ledgers (台账): the headings import reads and export writes",
            "",
            "Generated by `make docs` from bargaining/ledgers/headings.py; do not edit.",
            "A heading is matched ignoring full-width forms, spaces and case, and without a unit in",
            "brackets: 涉案金额（万元） is 涉案金额 counted in 万元. `--map COLUMN=field` names any other.",
            "",
            "## Mediation cases (调解台账): `bargaining import cases`, `bargaining export cases`",
            "",
            table(CASE_FIELDS, ABOUT),
            "",
            "## Collective contracts (集体合同台账): `bargaining import contracts`,"
            " `bargaining export contracts`",
            "",
            table(CONTRACT_FIELDS, CONTRACT_ABOUT),
            "",
        ]
    )


class HeadingError(ValueError):
    """Headings that cannot be read: a required fact missing, or a --map naming nothing."""


@attrs.frozen
class Columns:
    """Which cell of a row holds each field (its position), and the unit of a money column."""

    positions: Mapping[str, int]
    scales: Mapping[str, int]
    headings: Mapping[str, str]  # field -> the heading as written, for problem reports
    defaults: Mapping[str, str] = attrs.field(factory=dict)  # field -> its ledger's own heading

    @classmethod
    def find(
        cls, fields: Sequence[Field], headings: Sequence[object], mapping: Mapping[str, str] = {}
    ) -> Columns:
        known = {f.name: f for f in fields}
        # Each heading a field may have, and its rank: a named column (--map) first, then the
        # field's headings in the order given (案件编号 before the looser 编号).
        aliases: dict[str, tuple[str, int]] = {}
        for f in fields:
            for rank, alias in enumerate((*f.zh, *f.en, f.name)):
                aliases.setdefault(folded(alias)[0], (f.name, rank + 1))
        for column, field in mapping.items():
            if field not in known:
                raise HeadingError(
                    _("--map {column}={field}: {field} is not a field; fields: {fields}").format(
                        column=column, field=field, fields=", ".join(known)
                    )
                )
            aliases[folded(column)[0]] = (field, 0)
        positions: dict[str, int] = {}
        scales: dict[str, int] = {}
        written: dict[str, str] = {}
        ranks: dict[str, int] = {}
        for index, heading in enumerate(headings):
            name, scale = folded(heading)
            found = aliases.get(name)
            if found is None:
                continue  # a column this import does not read
            field, rank = found
            if field in ranks and ranks[field] <= rank:
                continue  # a second column for a field: the better named (or the first) wins
            positions[field], scales[field], written[field] = index, scale, " ".join(str(heading).split())
            ranks[field] = rank
        absent = [f for f in fields if f.required and f.name not in positions]
        if absent:
            raise HeadingError(
                _("no column for {fields}: name it {headings}, or give --map COLUMN=field").format(
                    fields=", ".join(f.name for f in absent),
                    headings=_(" or ").join(f"{f.zh[0]}/{f.en[0]}" for f in absent),
                )
            )
        return cls(
            positions=positions, scales=scales, headings=written, defaults={f.name: f.zh[0] for f in fields}
        )

    def heading(self, field: str) -> str:
        """The heading of ``field``'s column as the file writes it; a field the file has no
        column for, by the heading its ledger would give it."""
        return self.headings.get(field) or self.defaults.get(field, field)
