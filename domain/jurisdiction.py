"""Jurisdiction profiles: every number the rules use, each with its legal source.

Rules differ by jurisdiction; they are data. ``PRC`` is the default profile and cites the
instruments in DOMAIN.md (S1 Provisions on Collective Contracts, S2 Trial Measures for Wage
Collective Negotiation, the Labour Contract Law). A profile is frozen; a local variant is a
copy with some fields changed (``attrs.evolve``).
"""

from __future__ import annotations

import re
import threading
from datetime import date
from fractions import Fraction
from typing import Literal

import attrs

from domain.calendar import NO_HOLIDAYS, DayUnit, HolidayCalendar, add_period
from domain.errors import InvalidValueError, shown
from domain.i18n import N_, NC_, _, language, ngettext, pgettext
from domain.reference import HOLIDAY_LOADERS
from domain.values import AgreementKind

_DIGITS = "零一二三四五六七八九"
_ARTICLE = re.compile(r"(\d+)(?:\((\d+)\))?(?:-(\d+))?")


def zh_numeral(number: int) -> str:
    """``number`` (0 to 9999) in Chinese numerals as statutes number their articles:
    10 -> 十, 29 -> 二十九, 110 -> 一百一十, 203 -> 二百零三."""
    if not 0 <= number <= 9999:
        raise ValueError(f"{number} is outside 0-9999")
    if number < 10:
        return _DIGITS[number]
    if number < 20:  # 十, 十五: no leading 一 before a lone ten
        return "十" + (_DIGITS[number % 10] if number % 10 else "")
    text = ""
    zero = False  # a zero place passed since the last digit written: 二百零三
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += _DIGITS[digit] + unit
    return text


def zh_article(article: str) -> str:
    """An article as a Chinese citation numbers it: "29" -> 第二十九条, "20(2)" -> 第二十条第二款,
    "39-41" -> 第三十九条至第四十一条. A reference of another shape is kept as written: 第{it}条."""
    found = _ARTICLE.fullmatch(article.strip())
    if found is None:
        return f"第{article}条"
    first, paragraph, last = found.groups()
    text = f"第{zh_numeral(int(first))}条"
    if paragraph:
        text += f"第{zh_numeral(int(paragraph))}款"
    if last:
        text += f"至第{zh_numeral(int(last))}条"
    return text


@attrs.frozen
class LegalBasis:
    """Where a rule comes from: an instrument and an article, in English and Chinese.

    ``str()`` is the citation in the language of the interface: "Provisions on Collective
    Contracts art. 36", or ``chinese()``: 《集体合同规定》第三十六条. ``zh`` is the Chinese
    citation of an instrument whose title ``TITLES_ZH`` does not give."""

    instrument: str
    article: str
    zh: str = ""

    def __str__(self) -> str:
        if language() == "zh":
            return self.chinese()
        return f"{self.instrument} art. {self.article}"

    def chinese(self) -> str:
        """The citation in Chinese, its article in Chinese numerals as the statutes number
        them (第二十一条), whatever the language of the interface: the filing packet's."""
        title = TITLES_ZH.get(self.instrument)
        if title is not None:
            return f"《{title}》{zh_article(self.article)}"
        return self.zh or f"{self.instrument} art. {self.article}"


S1 = "Provisions on Collective Contracts"
S1_ZH = "集体合同规定"
S3 = "Labour Dispute Mediation and Arbitration Law"
# A law of the National People's Congress is cited by its full title, 《中华人民共和国…法》;
# a ministry's rules (S1, S2, S4) have no longer title than their own.
S3_ZH = "中华人民共和国劳动争议调解仲裁法"
S4 = "Provisions on Negotiation and Mediation of Enterprise Labour Disputes"
S4_ZH = "企业劳动争议协商调解规定"
S2 = "Trial Measures for Wage Collective Negotiation"
S2_ZH = "工资集体协商试行办法"
LCL = "Labour Contract Law"
CIVIL_CODE = "Civil Code"
CIVIL_CODE_ZH = "中华人民共和国民法典"
LCL_ZH = "中华人民共和国劳动合同法"
# The instruments' Chinese titles, which a Chinese citation gives in 《》.
TITLES_ZH = {S1: S1_ZH, S2: S2_ZH, S3: S3_ZH, S4: S4_ZH, LCL: LCL_ZH, CIVIL_CODE: CIVIL_CODE_ZH}
WEEKDAYS = (
    NC_("weekday", "Mon"),
    NC_("weekday", "Tue"),
    NC_("weekday", "Wed"),
    NC_("weekday", "Thu"),
    NC_("weekday", "Fri"),
    NC_("weekday", "Sat"),
    NC_("weekday", "Sun"),
)


def weekday(day: date) -> str:
    """``day``'s weekday, short, in the current language: "Sat", 周六."""
    return pgettext("weekday", WEEKDAYS[day.weekday()])


def s1(article: str) -> LegalBasis:
    return LegalBasis(S1, article)


def s3(article: str) -> LegalBasis:
    return LegalBasis(S3, article)


def s4(article: str) -> LegalBasis:
    return LegalBasis(S4, article)


def s2(article: str) -> LegalBasis:
    return LegalBasis(S2, article)


@attrs.frozen(kw_only=True)
class PeriodEnd:
    """Which days a period counted in calendar days (or months) may not end on, and why: one
    whose last day is such a day ends on the first day after it that is not."""

    rest_days: bool  # the weekly rest days and the holidays; else the listed holidays only
    basis: LegalBasis

    def describe(self) -> str:
        return _("a rest day") if self.rest_days else _("a statutory holiday")


@attrs.frozen(kw_only=True)
class DeadlineRule:
    """A period that starts at a named event: ``days`` units after it (or before it if < 0)."""

    key: str
    # English as written in the profile (N_); ``label`` gives it in the current language.
    _label: str
    amount: int
    unit: DayUnit
    start_event: str
    basis: LegalBasis
    roll_forward: bool = True

    @property
    def label(self) -> str:
        """What the period is for, in the current language."""
        return _(self._label)

    def due(self, start: date, holidays: HolidayCalendar = NO_HOLIDAYS, *, rest_days: bool = True) -> date:
        """The last day of the period from ``start``: rolled past the days it may not end on."""
        return add_period(
            start, self.amount, self.unit, holidays, roll_forward=self.roll_forward, rest_days=rest_days
        )

    def plain_end(self, start: date) -> date:
        """The last day of the period from ``start`` as counted, before any roll forward."""
        return add_period(start, self.amount, self.unit, roll_forward=False)

    @property
    def rolls(self) -> bool:
        return self.roll_forward and self.amount > 0 and self.unit is not DayUnit.WORKING

    @property
    def counts_holidays(self) -> bool:
        """Whether the due date depends on the holidays: working days, or a roll forward."""
        return self.unit is DayUnit.WORKING or (self.roll_forward and self.amount > 0)

    def describe(self) -> str:
        """The period in words, in the current language: "20 calendar days after receipt of the
        request", 收到协商要求之日起20日内."""
        event = pgettext("period start", self.start_event)
        template = _PERIODS[self.unit, self.amount >= 0]
        return _(template).format(n=abs(self.amount), event=event)


_PERIODS = {
    (DayUnit.CALENDAR, True): N_("{n} calendar days after {event}"),
    (DayUnit.CALENDAR, False): N_("{n} calendar days before {event}"),
    (DayUnit.WORKING, True): N_("{n} working days after {event}"),
    (DayUnit.WORKING, False): N_("{n} working days before {event}"),
    (DayUnit.MONTHS, True): N_("{n} months after {event}"),
    (DayUnit.MONTHS, False): N_("{n} months before {event}"),
}


ThresholdOp = Literal[">", ">="]
ThresholdBase = Literal["roll", "present", "cast"]


@attrs.frozen(kw_only=True)
class JurisdictionProfile:
    """The parameters of one jurisdiction's bargaining rules, each beside its source."""

    id: str
    name: str
    # -- representatives: R1, R5, R6
    reps_min_per_side: int | None
    reps_equal: bool
    reps_basis: LegalBasis
    reps_max_per_side: int | None = None
    no_dual_roles_basis: LegalBasis
    expert_max_fraction: Fraction | None
    expert_basis: LegalBasis
    recorder_basis: LegalBasis
    chairs_rotate: bool
    chair_basis: LegalBasis
    # -- ratification: R14 to R16
    ratify_required: bool
    ratify_quorum: Fraction
    ratify_threshold: Fraction
    ratify_op: ThresholdOp
    ratify_base: ThresholdBase
    ratify_basis: LegalBasis
    signing_basis: LegalBasis
    # who may be chief: the union chairman or a written delegate; the legal representative or a
    # manager with written authority (R2, R4). None where the jurisdiction has no such rule.
    union_chief_basis: LegalBasis | None = None
    employer_chief_basis: LegalBasis | None = None
    # -- term: R18
    term_min_months: int | None
    term_max_months: int | None
    term_is_hard_limit: bool
    term_basis: LegalBasis
    suspension_max_days: int | None
    suspension_basis: LegalBasis
    deemed_effective_on_silence: bool
    filing_copies: int
    # -- mediation: M3 to M12
    committee_equal_sides: bool
    committee_basis: LegalBasis
    mediation_consent_basis: LegalBasis
    agreement_basis: LegalBasis
    payment_order_basis: LegalBasis
    limitation_months: int
    limitation_basis: LegalBasis
    collective_dispute_min_workers: int
    collective_basis: LegalBasis
    deadlines: tuple[tuple[AgreementKind | None, DeadlineRule], ...]
    period_end: PeriodEnd
    holidays: HolidayCalendar = NO_HOLIDAYS

    def deadline(self, key: str, kind: AgreementKind | None = None) -> DeadlineRule | None:
        """The rule for ``key`` that governs ``kind``: a kind-specific rule beats the general."""
        general = None
        for rule_kind, rule in self.deadlines:
            if rule.key != key:
                continue
            if rule_kind is kind:
                return rule
            if rule_kind is None:
                general = rule
        return general

    def deadlines_for(self, key: str, kind: AgreementKind) -> list[DeadlineRule]:
        """Every rule for ``key`` that applies to ``kind``, governing one first.

        A wage agreement's filing has two: 7 days (S2 Art 21) and 10 days (S1 Art 42).
        """
        governing = self.deadline(key, kind)
        rules = [governing] if governing else []
        rules += [
            rule
            for rule_kind, rule in self.deadlines
            if rule.key == key and rule_kind is None and rule is not governing
        ]
        return rules

    def quorum_text(self) -> str:
        return f"{self.ratify_quorum.numerator}/{self.ratify_quorum.denominator}"

    def cite(self, basis: LegalBasis) -> str:
        """``basis`` with the profile it is a rule of: "PRC, Provisions on Collective Contracts
        art. 36". In Chinese the national profile's rules are the statutes themselves, so a
        citation names the statute alone: 《集体合同规定》第三十六条."""
        if language() == "zh" and self.id == "PRC":
            return str(basis)
        return _("{profile}, {basis}").format(profile=self.id, basis=basis)

    def due(self, rule: DeadlineRule, start: date) -> date:
        """``rule``'s due date from ``start``, counted with this profile's holidays and rolled
        past the days a period may not end on (``period_end``)."""
        return rule.due(start, self.holidays, rest_days=self.period_end.rest_days)

    def rule_text(
        self, rule: DeadlineRule, due: date, *, start: date | None = None, extended: bool = False
    ) -> str:
        """How ``due`` was counted, and where the rule comes from; a date counted with the
        holidays says so when it falls outside the holiday data's years, and a date rolled
        past a rest day (``start`` given) says from which day and why. A date the parties
        agreed to extend the period to (``extended``) was not counted: it says so instead."""
        text = _("{rule} — {basis}").format(rule=rule.describe(), basis=self.cite(rule.basis))
        if extended:
            return _("extended to {due} with both parties' consent — {rule}").format(
                due=due.isoformat(), rule=text
            )
        if start is not None and rule.rolls:
            unit = "days" if rule.unit is DayUnit.CALENDAR else rule.unit.value
            text = self.rolled(text, rule.amount, unit, rule.plain_end(start), due)
        return self.noted(text, due) if rule.counts_holidays else text

    def rolled(self, text: str, amount: int, unit: str, plain: date, due: date) -> str:
        """``text``, and when ``due`` was rolled forward from ``plain``, the roll said beside it:
        "10 days end Sat 2024-06-15, a rest day: rolled to Mon 2024-06-17, Civil Code art. 203".
        ``unit`` is "days", "months" or "years": the period is ``amount`` of them."""
        if plain == due:
            return text
        day_off = _("a statutory holiday") if plain in self.holidays.holidays else self.period_end.describe()
        template = {
            "days": ngettext(
                "{rule}; {n} day ends {weekday} {plain}, {day_off}: rolled to {due_weekday} {due}, {basis}",
                "{rule}; {n} days end {weekday} {plain}, {day_off}: rolled to {due_weekday} {due}, {basis}",
                amount,
            ),
            "months": ngettext(
                "{rule}; {n} month ends {weekday} {plain}, {day_off}: rolled to {due_weekday} {due}, {basis}",
                "{rule}; {n} months end {weekday} {plain}, {day_off}: rolled to {due_weekday} {due}, {basis}",
                amount,
            ),
            "years": ngettext(
                "{rule}; {n} year ends {weekday} {plain}, {day_off}: rolled to {due_weekday} {due}, {basis}",
                "{rule}; {n} years end {weekday} {plain}, {day_off}: rolled to {due_weekday} {due}, {basis}",
                amount,
            ),
        }[unit]
        return template.format(
            rule=text,
            n=amount,
            weekday=weekday(plain),
            plain=plain.isoformat(),
            day_off=day_off,
            due_weekday=weekday(due),
            due=due.isoformat(),
            basis=self.period_end.basis,
        )

    def noted(self, text: str, due: date) -> str:
        """``text``, with the holiday data's note for ``due`` when it falls outside the data's years."""
        note = self.holidays.uncovered_note(due)
        return _("{rule}; {note}").format(rule=text, note=note) if note else text

    def limitation_ends(self, start: date) -> date:
        """The limitation period's last day, counted from ``start``: ``limitation_months`` later,
        rolled past the days a period may not end on (Civil Code Art 203)."""
        return add_period(
            start, self.limitation_months, DayUnit.MONTHS, self.holidays, rest_days=self.period_end.rest_days
        )

    def limitation_text(self, start: date, text: str) -> str:
        """``text`` on the limitation period counted from ``start``, its roll and data noted."""
        ends = self.limitation_ends(start)
        plain = add_period(start, self.limitation_months, DayUnit.MONTHS, roll_forward=False)
        months = self.limitation_months
        amount, unit = (months // 12, "years") if months % 12 == 0 else (months, "months")
        return self.noted(self.rolled(text, amount, unit, plain, ends), ends)


def _dl(key: str, label: str, amount: int, unit: DayUnit, start: str, basis: LegalBasis) -> DeadlineRule:
    return DeadlineRule(key=key, label=label, amount=amount, unit=unit, start_event=start, basis=basis)


_WAGE = AgreementKind.WAGE
_CAL = DayUnit.CALENDAR

PRC = JurisdictionProfile(
    id="PRC",
    name="People's Republic of China (national rules)",
    reps_min_per_side=3,
    reps_equal=True,
    reps_basis=s1("19"),
    no_dual_roles_basis=s1("24"),
    expert_max_fraction=Fraction(1, 3),
    expert_basis=s1("23"),
    recorder_basis=s1("33"),
    chairs_rotate=True,
    chair_basis=s1("34"),
    ratify_required=True,
    ratify_quorum=Fraction(2, 3),
    ratify_threshold=Fraction(1, 2),
    ratify_op=">",
    ratify_base="roll",
    ratify_basis=s1("36"),
    signing_basis=s1("37"),
    union_chief_basis=s1("20"),
    employer_chief_basis=s1("21"),
    term_min_months=12,
    term_max_months=36,
    term_is_hard_limit=False,
    term_basis=s1("38"),
    suspension_max_days=None,
    suspension_basis=s1("35"),
    deemed_effective_on_silence=True,
    filing_copies=3,
    committee_equal_sides=True,
    committee_basis=s4("15"),
    mediation_consent_basis=s4("22"),
    agreement_basis=s4("26"),
    payment_order_basis=s3("16"),
    limitation_months=12,
    limitation_basis=s3("27"),
    collective_dispute_min_workers=10,
    collective_basis=s3("7"),
    # Civil Code Art 203; the weekly rest days are 法定休假日 as the holidays are (DOMAIN A16).
    period_end=PeriodEnd(rest_days=True, basis=LegalBasis(CIVIL_CODE, "203")),
    deadlines=(
        (
            None,
            _dl(
                "reply",
                N_("written reply to the request"),
                20,
                _CAL,
                NC_("period start", "receipt of the request"),
                s1("32"),
            ),
        ),
        (
            _WAGE,
            _dl(
                "reply",
                N_("written reply to the request"),
                20,
                _CAL,
                NC_("period start", "receipt of the request"),
                s2("17"),
            ),
        ),
        (
            None,
            _dl(
                "filing",
                N_("submit for filing (3 copies)"),
                10,
                _CAL,
                NC_("period start", "signing"),
                s1("42"),
            ),
        ),
        (
            _WAGE,
            _dl(
                "filing",
                N_("submit for filing (3 copies + explanation)"),
                7,
                _CAL,
                NC_("period start", "signing"),
                s2("21"),
            ),
        ),
        (
            None,
            _dl(
                "review",
                N_("authority's review; deemed effective without objection"),
                15,
                _CAL,
                NC_("period start", "receipt by the authority"),
                s1("47"),
            ),
        ),
        (
            _WAGE,
            _dl(
                "review",
                N_("authority's review; deemed effective without objection"),
                15,
                _CAL,
                NC_("period start", "receipt by the authority"),
                s2("22"),
            ),
        ),
        (
            _WAGE,
            _dl(
                "publish",
                N_("publish to all workers"),
                5,
                _CAL,
                NC_("period start", "taking effect"),
                s2("23"),
            ),
        ),
        (
            None,
            _dl(
                "renewal",
                N_("renewal window opens"),
                -3,
                DayUnit.MONTHS,
                NC_("period start", "expiry"),
                s1("38"),
            ),
        ),
        (
            _WAGE,
            _dl("renewal", N_("renewal window opens"), -60, _CAL, NC_("period start", "expiry"), s2("24")),
        ),
        (
            None,
            _dl(
                "vacancy",
                N_("fill a vacant representative's seat"),
                15,
                _CAL,
                NC_("period start", "the vacancy"),
                s1("31"),
            ),
        ),
        (
            None,
            _dl(
                "acceptance",
                N_("accept or decline the application"),
                3,
                DayUnit.WORKING,
                NC_("period start", "receipt of the application"),
                s4("22"),
            ),
        ),
        (
            None,
            _dl(
                "arbitration_right",
                N_("a party may apply for arbitration if no agreement"),
                15,
                _CAL,
                NC_("period start", "receipt of the application"),
                s3("14"),
            ),
        ),
        (
            None,
            _dl(
                "mediation",
                N_("mediation ends; without agreement it is deemed failed"),
                15,
                _CAL,
                NC_("period start", "acceptance"),
                s4("29"),
            ),
        ),
        (
            None,
            _dl(
                "arbitral_review",
                N_("joint request for arbitral review of the agreement"),
                15,
                _CAL,
                NC_("period start", "the agreement taking effect"),
                s4("27"),
            ),
        ),
    ),
)

PROFILES: dict[str, JurisdictionProfile] = {PRC.id: PRC}
_LOADING = threading.Lock()


def get_profile(profile_id: str) -> JurisdictionProfile:
    key = profile_id.upper()
    try:
        profile = PROFILES[key]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise InvalidValueError(
            "profile",
            _("{value} is not a known profile (known: {known})").format(value=shown(profile_id), known=known),
        ) from None
    if key in HOLIDAY_LOADERS:  # the first time: the calendar the application registered
        with _LOADING:  # one thread loads it; a loader that fails is asked again next time
            load = HOLIDAY_LOADERS.get(key)
            if load is not None:
                PROFILES[key] = attrs.evolve(PROFILES[key], holidays=load())
                del HOLIDAY_LOADERS[key]
            profile = PROFILES[key]
    return profile
