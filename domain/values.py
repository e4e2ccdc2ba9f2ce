"""Value objects and vocabularies shared by the negotiation and contract aggregates."""

from __future__ import annotations

import itertools
import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum

import attrs

from domain.errors import InvalidValueError, shown
from domain.i18n import N_, _

# What Python makes of command-line bytes that are not UTF-8 (a GBK terminal, a pasted file):
# lone surrogates, which no UTF-8 store can hold.
_NOT_UTF8 = re.compile(r"[\ud800-\udfff]")
NOT_UTF8 = N_(
    "contains bytes that are not UTF-8 text (typed or pasted in another encoding, such as GBK?);"
    " switch the terminal to UTF-8 and type it again"
)


# Every line break a pasted text may carry (Windows, old Mac, Word's manual break, Unicode's
# separators) is stored as one newline.
_LINE_BREAK = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# The control characters left after that, except the tab: never part of a written record.
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x1B: "ESCAPE", 0x7F: "DELETE"}


def _named(found: list[tuple[int, str]]) -> str:
    """'U+200B ZERO WIDTH SPACE at position 3': characters a reader cannot see, by name and place."""
    parts = [
        _("{character} at position {position}").format(
            character=f"U+{ord(ch):04X} {unicodedata.name(ch, '') or _CONTROL_NAMES.get(ord(ch), 'CONTROL')}",
            position=position,
        )
        for position, ch in found[:3]
    ]
    return ", ".join(parts) + (_(" and more") if len(found) > 3 else "")


def clean_text(value: str, field: str, *, required: bool = True, max_len: int = 10_000) -> str:
    """Free text (minutes, reasons, terms) as written: every printable character is kept.

    Line breaks of every kind become newlines and the text is trimmed; nothing else changes,
    not even the Unicode normal form (NFC would swap a CJK compatibility ideograph for its
    unified twin). Other control characters (NUL, terminal escapes) are refused, named and
    placed, so what is stored is what a reader sees.
    """
    if _NOT_UTF8.search(value):
        raise InvalidValueError(field, _(NOT_UTF8))
    found = [(m.start() + 1, m.group()) for m in itertools.islice(_TEXT_CONTROL.finditer(value), 4)]
    if found:
        raise InvalidValueError(
            field,
            _("contains control characters ({characters}); remove them and retry").format(
                characters=_named(found)
            ),
        )
    text = _LINE_BREAK.sub("\n", value).strip()
    if required and not text:
        raise InvalidValueError(field, _("must not be empty"))
    if len(text) > max_len:
        raise InvalidValueError(
            field,
            _("is {length} characters long; the limit is {limit}").format(
                length=f"{len(text):,}", limit=f"{max_len:,}"
            ),
        )
    return text


def clean_name(value: str, field: str, *, required: bool = True, max_len: int = 200) -> str:
    """A name, heading or reference that identifies something: one canonical spelling.

    NFKC folds full-width letters, digits and spaces (typed on a Chinese keyboard) into their
    plain forms and runs of white space (a pasted tab or line break included) become one space,
    so '第二条　工资' and '第二条 工资' are one article. Invisible and control characters (zero-width
    spaces, direction overrides, terminal escapes) are refused, named and placed, so two names
    that look the same are the same.
    """
    if len(value) > 4 * max_len + 100:  # not a name: refuse before looking at every character
        raise InvalidValueError(
            field,
            _("is {length} characters long; the limit is {limit}").format(
                length=f"{len(value):,}", limit=f"{max_len:,}"
            ),
        )
    if _NOT_UTF8.search(value):
        raise InvalidValueError(field, _(NOT_UTF8))
    raw = unicodedata.normalize("NFKC", value)
    hidden = [
        (position, ch)
        for position, ch in enumerate(raw, 1)
        if unicodedata.category(ch) in ("Cf", "Cc") and not ch.isspace()
    ]
    if hidden:
        raise InvalidValueError(
            field,
            _("contains invisible or control characters ({characters}); retype it and retry").format(
                characters=_named(hidden)
            ),
        )
    text = " ".join(raw.split())
    if required and not text:
        raise InvalidValueError(field, _("must not be empty"))
    if len(text) > max_len:
        raise InvalidValueError(
            field,
            _("is {length} characters long; the limit is {limit}").format(
                length=f"{len(text):,}", limit=f"{max_len:,}"
            ),
        )
    return text


def clean_names(values: list[str] | tuple[str, ...], field: str, *, max_len: int = 100) -> list[str]:
    """A list of people: each a clean name, none named twice."""
    names = [clean_name(v, field, max_len=max_len) for v in values]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InvalidValueError(field, _("{names} is named twice").format(names=", ".join(twice)))
    return names


EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


def check_year(day: date, field: str) -> date:
    """Business dates are real dates in living memory, not typos such as 0001 or 9999."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise InvalidValueError(
            field,
            _("{day} is not a plausible date (years {first}-{last})").format(
                day=day.isoformat(), first=EARLIEST_YEAR, last=LATEST_YEAR
            ),
        )
    return day


def check_plain_year(year: int, field: str) -> int:
    """A year typed alone (a wage base's, a reference figure's), in the bounds of a date's."""
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise InvalidValueError(
            field,
            _("{value} is not a plausible year ({first}-{last})").format(
                value=year, first=EARLIEST_YEAR, last=LATEST_YEAR
            ),
        )
    return year


class Side(Enum):
    """The two parties at the table."""

    UNION = "union"
    EMPLOYER = "employer"

    @property
    def other(self) -> Side:
        return Side.EMPLOYER if self is Side.UNION else Side.UNION

    @property
    def zh(self) -> str:
        return "职工方" if self is Side.UNION else "企业方"


class Stage(Enum):
    OPENED = "opened"  # file opened, written request not yet received
    REQUESTED = "requested"  # request received, reply due
    REFUSED = "refused"  # the other side declined to negotiate
    NEGOTIATING = "negotiating"
    SUSPENDED = "suspended"
    DRAFT = "draft"  # draft adopted, awaiting ratification
    TIED = "tied"  # vote exactly at the threshold: a person must decide
    RATIFIED = "ratified"
    SIGNED = "signed"


class ContractStatus(Enum):
    SIGNED = "signed"  # awaiting submission for filing
    SUBMITTED = "submitted"  # sent to the authority, receipt not yet recorded
    UNDER_REVIEW = "under review"  # received; the review window runs
    OBJECTED = "objected"  # the authority objected: renegotiate and resubmit
    EFFECTIVE = "effective"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class AgreementKind(Enum):
    """What the negotiation produces (DOMAIN A2)."""

    COMPREHENSIVE = "comprehensive"  # 集体合同, S1 Art 3
    WAGE = "wage"  # 工资专项集体合同, S2 Art 3
    SPECIAL = "special"  # 专项集体合同 (women workers' rights, safety), LCL Art 52
    REGIONAL = "regional"  # 区域性集体合同, LCL Art 53
    INDUSTRY = "industry"  # 行业性集体合同, LCL Art 53

    @property
    def zh(self) -> str:
        return _KIND_ZH[self]


_KIND_ZH = {
    AgreementKind.COMPREHENSIVE: "集体合同",
    AgreementKind.WAGE: "工资专项集体合同",
    AgreementKind.SPECIAL: "专项集体合同",
    AgreementKind.REGIONAL: "区域性集体合同",
    AgreementKind.INDUSTRY: "行业性集体合同",
}


class Role(Enum):
    """A representative's place in a side's team (DOMAIN A3)."""

    CHIEF = "chief"  # 首席代表
    MEMBER = "member"
    EXPERT = "expert"  # outside professional, S1 Art 23


class RatificationBody(Enum):
    """Who ratifies the draft (S1 Art 36; LCL Art 51)."""

    CONGRESS = "congress"  # 职工代表大会
    ASSEMBLY = "assembly"  # 全体职工大会


class VoteOutcome(Enum):
    PASSED = "passed"
    REJECTED = "rejected"
    TIED = "tied"  # exactly the threshold under a strict ">" rule: a person decides
    # The meeting was held without a quorum (S1 Art 36): it decided nothing, and the draft
    # is put to the vote again. Recorded only when the user says so; otherwise refused.
    NO_QUORUM = "no quorum"


class Purpose(Enum):
    """Why the negotiation was opened: a first contract, or a change to an existing one."""

    NEW = "new"
    RENEWAL = "renewal"  # 续订/重新签订, S1 Art 38
    AMENDMENT = "amendment"  # 变更, S1 Arts 39-41


class TerminationGround(Enum):
    """S1 Arts 39-41: why a contract ends before its term."""

    CONSENSUS = "consensus"
    MERGER = "merger"
    DISSOLUTION = "dissolution"
    BANKRUPTCY = "bankruptcy"
    FORCE_MAJEURE = "force-majeure"
    CONDITION = "condition"
    LAW = "law"


@attrs.frozen(kw_only=True)
class VoteTally:
    """The counts of one ratification vote. Counts that cannot be true are refused."""

    roll: int
    present: int
    yes: int
    no: int
    abstain: int = 0
    invalid: int = 0

    def __attrs_post_init__(self) -> None:
        for field in attrs.fields(VoteTally):
            value = getattr(self, field.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InvalidValueError(
                    f"vote.{field.name}",
                    _("must be a whole number, 0 or more, got {value}").format(value=repr(value)),
                )
        if self.roll == 0:
            raise InvalidValueError("vote.roll", _("must be at least 1 (the whole body entitled to vote)"))
        if self.present > self.roll:
            raise InvalidValueError(
                "vote.present",
                _("{present} present is more than the roll of {roll}").format(
                    present=self.present, roll=self.roll
                ),
            )
        if self.cast > self.present:
            raise InvalidValueError(
                "vote.yes",
                _(
                    "yes {yes} + no {no} + abstain {abstain} + invalid {invalid} = {cast} is more than"
                    " the {present} present"
                ).format(
                    yes=self.yes,
                    no=self.no,
                    abstain=self.abstain,
                    invalid=self.invalid,
                    cast=self.cast,
                    present=self.present,
                ),
            )

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain + self.invalid


@attrs.frozen
class Term:
    """A contract's term: first and last day in force, both inclusive."""

    start: date
    end: date

    def __attrs_post_init__(self) -> None:
        check_year(self.start, "term.start")
        check_year(self.end, "term.end")
        if self.end <= self.start:
            raise InvalidValueError(
                "term.end",
                _("{end} is not after the start {start}").format(
                    end=self.end.isoformat(), start=self.start.isoformat()
                ),
            )

    @property
    def expires_on(self) -> date:
        return self.end


def parse_money(value: str | Decimal | int, field: str) -> Decimal:
    """Exact money: a Decimal with two places, never a float."""
    if isinstance(value, float):
        raise InvalidValueError(field, _("money must be given as text or Decimal, never a float"))
    # １,４００ typed full-width; ¥1,400 and 1400元 as written on a pay slip
    text = unicodedata.normalize("NFKC", str(value)).strip().removeprefix("¥").removesuffix("元").strip()
    if isinstance(value, str) and "e" in text.lower():  # typed 1e3 is not how an amount is written
        raise InvalidValueError(field, _("{value} is not an amount of money").format(value=shown(value)))
    if "," in text and not _GROUPED.match(text):
        raise InvalidValueError(
            field, _("{value}: commas may only group thousands, e.g. 1,234,567.89").format(value=shown(value))
        )
    try:
        amount = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise InvalidValueError(
            field, _("{value} is not an amount of money").format(value=shown(value))
        ) from None
    if not amount.is_finite() or amount < 0:
        raise InvalidValueError(
            field, _("{value} must be a finite amount of 0 or more").format(value=shown(value))
        )
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise InvalidValueError(field, _("{value} has more than 2 decimal places").format(value=shown(value)))
    if amount >= Decimal("1e15"):
        raise InvalidValueError(field, _("{value} is larger than any real amount").format(value=shown(value)))
    return abs(amount).quantize(Decimal("0.01"))  # abs: '-0' is 0.00


_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


@attrs.frozen(kw_only=True)
class GroupRaise:
    """A rise for one group of the wage base: a percentage, or yuan a month (exactly one)."""

    group: str
    pct: Decimal | None = None
    amount: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        if (self.pct is None) == (self.amount is None):
            raise InvalidValueError("propose.raise", _("give a group's rise as a percentage or an amount"))


@attrs.frozen(kw_only=True)
class YearTerms:
    """The numbers of one later year of the term (year 2, 3...): rises on the year before's wage."""

    increase_pct: Decimal | None = None
    raises: tuple[GroupRaise, ...] = ()
    minimum_wage: Decimal | None = None
    one_off: Decimal | None = None


@attrs.frozen(kw_only=True)
class WageTerms:
    """Structured terms of a wage article (S2 Art 7): average increase, minimum wage, start.

    The numbers are the first year's: ``increase_pct`` for every group, ``raises`` for named
    groups of the wage base (instead of it), ``minimum_wage`` the floor, ``one_off`` a payment
    per worker; ``later`` the years after it. The proposal's text stays as typed; these are
    what is costed (domain.costing).
    """

    increase_pct: Decimal | None = None
    minimum_wage: Decimal | None = None
    currency: str = "CNY"
    effective_on: date | None = None
    factors: tuple[str, ...] = ()
    raises: tuple[GroupRaise, ...] = ()
    one_off: Decimal | None = None
    later: tuple[YearTerms, ...] = ()

    def is_empty(self) -> bool:
        return (
            self.increase_pct is None
            and self.minimum_wage is None
            and self.effective_on is None
            and (not self.has_numbers())
        )

    def has_numbers(self) -> bool:
        """Whether there is anything to cost: a rise, a floor or a payment, in any year."""
        return (
            self.increase_pct is not None
            or self.minimum_wage is not None
            or self.one_off is not None
            or bool(self.raises)
            or bool(self.later)
        )

    @property
    def years(self) -> tuple[YearTerms, ...]:
        """Every year's numbers, the first year's first."""
        first = YearTerms(
            increase_pct=self.increase_pct,
            raises=self.raises,
            minimum_wage=self.minimum_wage,
            one_off=self.one_off,
        )
        return (first, *self.later)


# S2 Art 8: the factors a wage proposal may cite, by the article's own numbering.
WAGE_FACTORS: dict[str, str] = {
    "labour-cost": "(1) labour-cost level of the region, industry and enterprise",
    "regional-wage": "(2) average wage in the region and industry (地区工资水平)",
    "guideline": "(3) the local government's wage guideline (工资指导线)",
    "cpi": "(4) the local urban consumer price index (物价消费指数)",
    "performance": "(5) productivity and economic performance (企业经营状况)",
    "state-assets": "(6) preservation and growth of state assets",
    "last-payroll": "(7) last year's total payroll and average wage",
    "other": "(8) other",
}

# The same factors as the article words them in Chinese (S2 Art 8).
WAGE_FACTORS_ZH: dict[str, str] = {
    "labour-cost": "（一）地区、行业、企业的人工成本水平",
    "regional-wage": "（二）地区、行业的职工平均工资水平",
    "guideline": "（三）当地政府发布的工资指导线、劳动力市场工资指导价位",
    "cpi": "（四）本地区城镇居民消费价格指数",
    "performance": "（五）企业劳动生产率和经济效益",
    "state-assets": "（六）国有资产保值增值",
    "last-payroll": "（七）上年度企业职工工资总额和职工平均工资水平",
    "other": "（八）其他与工资集体协商有关的情况",
}
