"""Jurisdiction profiles: every number the rules use, each with its legal source.

Rules differ by jurisdiction; they are data. ``PRC`` is the default profile and cites the
instruments in DOMAIN.md (S1 Provisions on Collective Contracts, S2 Trial Measures for Wage
Collective Negotiation, the Labour Contract Law). A profile is frozen; a local variant is a
copy with some fields changed (``attrs.evolve``).
"""

from __future__ import annotations

import threading
from datetime import date
from fractions import Fraction
from typing import Literal

import attrs

from domain.calendar import NO_HOLIDAYS, DayUnit, HolidayCalendar, add_period
from domain.errors import InvalidValueError, shown
from domain.reference import HOLIDAY_LOADERS
from domain.values import AgreementKind


@attrs.frozen
class LegalBasis:
    """Where a rule comes from: an instrument and an article, in English and Chinese."""

    instrument: str
    article: str
    zh: str = ""

    def __str__(self) -> str:
        return f"{self.instrument} art. {self.article}"


S1 = "Provisions on Collective Contracts"
S1_ZH = "集体合同规定"
S3 = "Labour Dispute Mediation and Arbitration Law"
S3_ZH = "劳动争议调解仲裁法"
S4 = "Provisions on Negotiation and Mediation of Enterprise Labour Disputes"
S4_ZH = "企业劳动争议协商调解规定"
S2 = "Trial Measures for Wage Collective Negotiation"
S2_ZH = "工资集体协商试行办法"
LCL = "Labour Contract Law"
CIVIL_CODE = "Civil Code"
CIVIL_CODE_ZH = "民法典"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def s1(article: str) -> LegalBasis:
    return LegalBasis(S1, article, f"《{S1_ZH}》第{article}条")


def s3(article: str) -> LegalBasis:
    return LegalBasis(S3, article, f"《{S3_ZH}》第{article}条")


def s4(article: str) -> LegalBasis:
    return LegalBasis(S4, article, f"《{S4_ZH}》第{article}条")


def s2(article: str) -> LegalBasis:
    return LegalBasis(S2, article, f"《{S2_ZH}》第{article}条")


@attrs.frozen(kw_only=True)
class PeriodEnd:
    """Which days a period counted in calendar days (or months) may not end on, and why: one
    whose last day is such a day ends on the first day after it that is not."""

    rest_days: bool  # the weekly rest days and the holidays; else the listed holidays only
    basis: LegalBasis

    def describe(self) -> str:
        return "a rest day" if self.rest_days else "a statutory holiday"


@attrs.frozen(kw_only=True)
class DeadlineRule:
    """A period that starts at a named event: ``days`` units after it (or before it if < 0)."""

    key: str
    label: str
    amount: int
    unit: DayUnit
    start_event: str
    basis: LegalBasis
    roll_forward: bool = True

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
        direction = "after" if self.amount >= 0 else "before"
        return f"{abs(self.amount)} {self.unit.value} {direction} {self.start_event}"


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
        return f"{self.id}, {basis}"

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
        text = f"{rule.describe()} — {self.cite(rule.basis)}"
        if extended:
            return f"extended to {due.isoformat()} with both parties' consent — {text}"
        if start is not None and rule.rolls:
            period = f"{rule.amount} {'days' if rule.unit is DayUnit.CALENDAR else rule.unit.value}"
            text = self.rolled(text, period, rule.plain_end(start), due)
        return self.noted(text, due) if rule.counts_holidays else text

    def rolled(self, text: str, period: str, plain: date, due: date) -> str:
        """``text``, and when ``due`` was rolled forward from ``plain``, the roll said beside it:
        "10 days end Sat 2024-06-15, a rest day: rolled to Mon 2024-06-17, Civil Code art. 203"."""
        if plain == due:
            return text
        day_off = "a statutory holiday" if plain in self.holidays.holidays else self.period_end.describe()
        verb = "ends" if period.startswith("1 ") else "end"
        return (
            f"{text}; {period} {verb} {WEEKDAYS[plain.weekday()]} {plain.isoformat()}, {day_off}:"
            f" rolled to {WEEKDAYS[due.weekday()]} {due.isoformat()}, {self.period_end.basis}"
        )

    def noted(self, text: str, due: date) -> str:
        """``text``, with the holiday data's note for ``due`` when it falls outside the data's years."""
        note = self.holidays.uncovered_note(due)
        return f"{text}; {note}" if note else text

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
        period = (
            f"{months // 12} year{'s' if months > 12 else ''}" if months % 12 == 0 else f"{months} months"
        )
        return self.noted(self.rolled(text, period, plain, ends), ends)


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
    period_end=PeriodEnd(
        rest_days=True, basis=LegalBasis(CIVIL_CODE, "203", f"《{CIVIL_CODE_ZH}》第二百零三条")
    ),
    deadlines=(
        (
            None,
            _dl(
                "reply",
                "written reply to the request",
                20,
                _CAL,
                "receipt of the request",
                s1("32"),
            ),
        ),
        (
            _WAGE,
            _dl(
                "reply",
                "written reply to the request",
                20,
                _CAL,
                "receipt of the request",
                s2("17"),
            ),
        ),
        (None, _dl("filing", "submit for filing (3 copies)", 10, _CAL, "signing", s1("42"))),
        (
            _WAGE,
            _dl("filing", "submit for filing (3 copies + explanation)", 7, _CAL, "signing", s2("21")),
        ),
        (
            None,
            _dl(
                "review",
                "authority's review; deemed effective without objection",
                15,
                _CAL,
                "receipt by the authority",
                s1("47"),
            ),
        ),
        (
            _WAGE,
            _dl(
                "review",
                "authority's review; deemed effective without objection",
                15,
                _CAL,
                "receipt by the authority",
                s2("22"),
            ),
        ),
        (_WAGE, _dl("publish", "publish to all workers", 5, _CAL, "taking effect", s2("23"))),
        (None, _dl("renewal", "renewal window opens", -3, DayUnit.MONTHS, "expiry", s1("38"))),
        (_WAGE, _dl("renewal", "renewal window opens", -60, _CAL, "expiry", s2("24"))),
        (
            None,
            _dl("vacancy", "fill a vacant representative's seat", 15, _CAL, "the vacancy", s1("31")),
        ),
        (
            None,
            _dl(
                "acceptance",
                "accept or decline the application",
                3,
                DayUnit.WORKING,
                "receipt of the application",
                s4("22"),
            ),
        ),
        (
            None,
            _dl(
                "arbitration_right",
                "a party may apply for arbitration if no agreement",
                15,
                _CAL,
                "receipt of the application",
                s3("14"),
            ),
        ),
        (
            None,
            _dl(
                "mediation",
                "mediation ends; without agreement it is deemed failed",
                15,
                _CAL,
                "acceptance",
                s4("29"),
            ),
        ),
        (
            None,
            _dl(
                "arbitral_review",
                "joint request for arbitral review of the agreement",
                15,
                _CAL,
                "the agreement taking effect",
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
            "profile", f"{shown(profile_id)} is not a known profile (known: {known})"
        ) from None
    if key in HOLIDAY_LOADERS:  # the first time: the calendar the application registered
        with _LOADING:  # one thread loads it; a loader that fails is asked again next time
            load = HOLIDAY_LOADERS.get(key)
            if load is not None:
                PROFILES[key] = attrs.evolve(PROFILES[key], holidays=load())
                del HOLIDAY_LOADERS[key]
            profile = PROFILES[key]
    return profile
