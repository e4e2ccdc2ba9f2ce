"""The MediationCase aggregate: one labour dispute from application to outcome (DOMAIN B3-B6).

Deemed failure (15 days after acceptance without agreement or an agreed extension, S4 Art 29)
is computed for a date, never typed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.corrections import Amends, Correctable, Replay
from domain.disputes import PAYMENT_ORDER_CATEGORIES, CaseStatus, Category, Channel, Outcome, ReferralTarget
from domain.errors import InvalidValueError, RuleViolationError, StageError
from domain.i18n import N_, _, pgettext
from domain.jurisdiction import DeadlineRule, JurisdictionProfile, get_profile
from domain.records import MediationAgreement as Agreement
from domain.records import MediationSession as Session


def _ledger_settlement(values: dict[str, Any]) -> dict[str, Any]:
    """A settlement with no mediator and no performance terms came from a ledger's row."""
    return {**values, "from_ledger": not values["performance_method"]}


class MediationCase(Correctable, Aggregate):
    class Event(Aggregate.Event):
        on: date
        by: str

    class Applied(Event, Aggregate.Created):
        reference: str
        channel: Channel
        applicants: list[str]
        respondent: str
        category: Category
        tags: list[str]
        workers_involved: int
        amount_claimed: Decimal | None
        currency: str
        request: str
        facts: str
        applied_at: str
        body: str
        referred_from: str
        known_on: date | None
        profile_id: str

    class Accepted(Event):
        pass

    class Declined(Event):
        reason: str

    class Assigned(Event):
        body: str
        mediators: list[str]

    class SessionHeld(Event):
        number: int
        attendees: list[str]
        offered: str
        notes: str

    class RiskFlagged(Event):
        officer: str
        risk: str
        workers_at_risk: int

    class Extended(Event):
        until: date
        reason: str

    class Settled(Event):
        terms: str
        amount_agreed: Decimal | None
        performance_due: date | None
        performance_method: str
        mediator: str

    class Failed(Event):
        reason: str

    class Withdrawn(Event):
        reason: str

    class Referred(Event):
        target: ReferralTarget
        to: str
        new_reference: str

    class ReviewRequested(Event):
        commission: str

    class PerformanceRecorded(Event):
        performed: bool
        note: str

    class Imported(Event):
        """The case was brought in from a ledger (台账): which file, sheet and row, and the row's
        facts as read (with their digest, so that importing the row again adds nothing)."""

        source: str
        sheet: str
        row: int
        digest: str
        facts: dict[str, str]

    class StepCorrected(Event, Amends):
        step: int
        reason: str
        changes: list[list[Any]]

    class StepRetracted(Event, Amends):
        step: int
        reason: str
        changes: list[list[Any]]

    # How each step is recorded again when an earlier one is corrected (domain.corrections).
    REPLAYS: ClassVar[Mapping[str, Replay]] = {
        "Accepted": Replay(command="accept", extra={"both_agree": True}),
        "Declined": Replay(command="decline"),
        "Assigned": Replay(command="assign"),
        "SessionHeld": Replay(command="hold_session", drop=("number",)),
        "RiskFlagged": Replay(command="flag"),
        "Extended": Replay(command="extend", extra={"both_agree": True}),
        "Settled": Replay(
            command="settle", extra={"parties_signed": True, "sealed": True}, adapt=_ledger_settlement
        ),
        "Failed": Replay(command="fail"),
        "Withdrawn": Replay(command="withdraw"),
        "Referred": Replay(command="refer"),
        "ReviewRequested": Replay(command="request_review"),
        "PerformanceRecorded": Replay(command="record_performance"),
        "Imported": Replay(command="mark_imported"),
    }
    RECORDED_ELSEWHERE: ClassVar[Mapping[str, str]] = {
        "Imported": N_("says where the case was imported from: correct the steps it brought in instead"),
    }
    # Set by the Imported step: where the case came from (None: typed in). A class default,
    # so that a snapshot taken before the step existed loads as a case typed in.
    imported: tuple[str, str, int, str] | None = None

    @staticmethod
    def create_id(reference: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"/mediation-cases/{reference}")

    @event(Applied)
    def __init__(
        self,
        reference: str,
        channel: Channel,
        applicants: list[str],
        respondent: str,
        category: Category,
        tags: list[str],
        workers_involved: int,
        amount_claimed: Decimal | None,
        currency: str,
        request: str,
        facts: str,
        applied_at: str,
        body: str,
        referred_from: str,
        known_on: date | None,
        profile_id: str,
        on: date,
        by: str,
    ) -> None:
        self.reference = reference
        self.channel = channel
        self.applicants = list(applicants)
        self.respondent = respondent
        self.category = category
        self.tags = list(tags)
        self.workers_involved = workers_involved
        self.amount_claimed = amount_claimed
        self.currency = currency
        self.request = request
        self.facts = facts
        self.applied_at = applied_at
        self.body = body
        self.referred_from = referred_from
        self.known_on = known_on
        self.profile_id = profile_id
        self.received_on = on
        self.last_step_on = on  # steps after the application are recorded in date order
        self.accepted_on: date | None = None
        self.declined: tuple[date, str] | None = None
        self.mediators: list[str] = []
        self.sessions: list[Session] = []
        self.flags: list[tuple[date, str, str, int]] = []
        self.extended_until: date | None = None
        self.extensions: list[tuple[date, date, str]] = []
        self.agreement: Agreement | None = None
        self.closed: tuple[Outcome, date, str] | None = None
        self.referral: tuple[ReferralTarget, str, str] | None = None
        self.review_requested: tuple[date, str] | None = None
        self.performance: tuple[date, bool, str] | None = None

    # ----------------------------------------------------------------- queries

    @property
    def profile(self) -> JurisdictionProfile:
        return get_profile(self.profile_id)

    def rule(self, key: str) -> DeadlineRule:
        rule = self.profile.deadline(key)
        assert rule is not None, key
        return rule

    @property
    def collective(self) -> bool:
        return self.workers_involved >= self.profile.collective_dispute_min_workers

    def acceptance_due(self) -> date:
        return self.profile.due(self.rule("acceptance"), self.received_on)

    def arbitration_right_on(self) -> date:
        """From this day a party may apply for arbitration if there is no agreement (S3 Art 14)."""
        return self.profile.due(self.rule("arbitration_right"), self.received_on)

    def mediation_deadline(self) -> date | None:
        """The last day to reach agreement: acceptance + 15 days, or the agreed extension."""
        if self.accepted_on is None:
            return None
        if self.extended_until is not None:
            return self.extended_until
        return self.profile.due(self.rule("mediation"), self.accepted_on)

    def status(self, day: date) -> CaseStatus:
        if self.closed is not None:
            return CaseStatus(self.closed[0].value)
        if self.declined is not None:
            return CaseStatus.DECLINED
        if self.accepted_on is None:
            return CaseStatus.RECEIVED
        deadline = self.mediation_deadline()
        assert deadline is not None
        return CaseStatus.DEEMED_FAILED if day > deadline else CaseStatus.ACCEPTED

    def outcome(self, day: date) -> Outcome | None:
        status = self.status(day)
        if status is CaseStatus.DEEMED_FAILED:
            return Outcome.FAILED
        return self.closed[0] if self.closed else None

    def closed_on(self, day: date) -> date | None:
        if self.closed is not None:
            return self.closed[1]
        if self.status(day) is CaseStatus.DEEMED_FAILED:
            return self.mediation_deadline()
        if self.declined is not None:
            return self.declined[0]
        return None

    def review_window_ends(self) -> date | None:
        if self.agreement is None:
            return None
        return self.profile.due(self.rule("arbitral_review"), self.agreement.on)

    def payment_order_available(self) -> bool:
        """An unperformed agreement on pay, injury costs or compensation (S3 Art 16)."""
        if self.performance is None or self.performance[1]:
            return False
        issues = {self.category.value, *self.tags}
        return any(c.value in issues for c in PAYMENT_ORDER_CATEGORIES)

    def limitation_restarts(self, day: date) -> list[date]:
        """Dates that (re)start the 1-year limitation clock (S3 Art 27; S4 Art 31)."""
        starts = [self.received_on]  # applying for mediation is a request for a remedy
        if self.declined is not None:
            starts.append(self.declined[0])
        closed_on = self.closed_on(day)
        if closed_on is not None and self.outcome(day) is Outcome.FAILED:
            starts.append(closed_on)
        if self.performance is not None and not self.performance[1]:
            starts.append(self.performance[0])
        return [d for d in starts if d <= day]

    def time_barred_on(self) -> date | None:
        """When the claim became time-barred before the application, if it did (S3 Art 27)."""
        if self.known_on is None:
            return None
        barred = self.profile.limitation_ends(self.known_on)
        return barred if barred < self.received_on else None

    def limitation_expires(self, day: date) -> date | None:
        """The limitation period's last day on ``day``, restarted at each interruption; None for a
        claim already time-barred when applied for: an interruption restarts a period only
        while it is still running (S3 Art 27), so a period that ran out stays run out."""
        if self.time_barred_on() is not None:
            return None
        return self.profile.limitation_ends(max(self.limitation_restarts(day)))

    # ---------------------------------------------------------------- commands

    def _require(self, field: str, day: date, *allowed: CaseStatus, doing: str) -> None:
        status = self.status(day)
        if status not in allowed:
            words = {
                "doing": _(doing),
                "reference": self.reference,
                "status": pgettext("status", status.value),
                "day": day,
            }
            if status is CaseStatus.DEEMED_FAILED:
                rule = _(
                    "cannot {doing}: case {reference} is {status} on {day}; it was deemed failed after"
                    " {deadline} unless both parties agreed to extend ({basis})"
                ).format(
                    **words,
                    deadline=self.mediation_deadline(),
                    basis=self.profile.cite(self.rule("mediation").basis),
                )
            else:
                rule = _("cannot {doing}: case {reference} is {status} on {day}").format(**words)
            raise StageError(field, rule)

    def _not_before(self, field: str, day: date, earlier: date | None, what: str) -> None:
        if earlier is not None and day < earlier:
            raise RuleViolationError(
                field,
                _("{day} is before {what} on {earlier}").format(
                    day=day.isoformat(), what=_(what), earlier=earlier.isoformat()
                ),
            )
        if day < self.last_step_on:
            raise RuleViolationError(
                field,
                _(
                    "{day} is before the last recorded step on {last}; steps are recorded in the order"
                    " they happened"
                ).format(day=day.isoformat(), last=self.last_step_on.isoformat()),
            )

    def accept(self, *, on: date, by: str, both_agree: bool) -> list[str]:
        self._require("accept", on, CaseStatus.RECEIVED, doing=N_("accept"))
        self._not_before("accept.on", on, self.received_on, N_("the receipt"))
        if not both_agree:
            raise RuleViolationError(
                "accept.both-agree",
                _(
                    "a case is accepted only if both parties agree to mediate; otherwise decline it ({basis})"
                ).format(basis=self.profile.cite(self.profile.mediation_consent_basis)),
            )
        warnings = []
        if on > self.acceptance_due():
            rule = self.rule("acceptance")
            warnings.append(
                "accept.on: "
                + _("accepted after the due date {due} ({rule}; {basis})").format(
                    due=self.acceptance_due(), rule=rule.describe(), basis=self.profile.cite(rule.basis)
                )
            )
        self._accepted(on=on, by=by)
        return warnings

    @event(Accepted)
    def _accepted(self, on: date, by: str) -> None:
        self.last_step_on = max(self.last_step_on, on)
        self.accepted_on = on

    def decline(self, *, on: date, by: str, reason: str) -> None:
        self._require("decline", on, CaseStatus.RECEIVED, doing=N_("decline"))
        self._not_before("decline.on", on, self.received_on, N_("the receipt"))
        self._declined(on=on, by=by, reason=reason)

    @event(Declined)
    def _declined(self, on: date, by: str, reason: str) -> None:
        self.last_step_on = max(self.last_step_on, on)
        self.declined = (on, reason)

    def assign(self, *, on: date, by: str, body: str, mediators: list[str]) -> None:
        self._require("assign", on, CaseStatus.RECEIVED, CaseStatus.ACCEPTED, doing=N_("assign mediators"))
        self._not_before("assign.on", on, self.received_on, N_("the receipt"))
        if not mediators:
            raise InvalidValueError("assign.mediator", _("name at least one mediator"))
        self._assigned(on=on, by=by, body=body, mediators=list(mediators))

    @event(Assigned)
    def _assigned(self, on: date, by: str, body: str, mediators: list[str]) -> None:
        self.last_step_on = max(self.last_step_on, on)
        self.body = body
        self.mediators = list(mediators)

    def hold_session(self, *, on: date, by: str, attendees: list[str], offered: str, notes: str) -> int:
        self._require("session", on, CaseStatus.ACCEPTED, doing=N_("record a session"))
        self._not_before("session.on", on, self.accepted_on, N_("the acceptance"))
        self._not_before(
            "session.on", on, self.sessions[-1].on if self.sessions else None, N_("the last session")
        )
        number = len(self.sessions) + 1
        self._session_held(
            on=on, by=by, number=number, attendees=list(attendees), offered=offered, notes=notes
        )
        return number

    @event(SessionHeld)
    def _session_held(
        self, on: date, by: str, number: int, attendees: list[str], offered: str, notes: str
    ) -> None:
        self.last_step_on = max(self.last_step_on, on)
        self.sessions.append(
            Session(number=number, on=on, attendees=tuple(attendees), offered=offered, notes=notes)
        )

    def flag(self, *, on: date, by: str, officer: str, risk: str, workers_at_risk: int) -> None:
        if on < self.received_on:
            raise RuleViolationError(
                "flag.on",
                _("{day} is before the receipt on {received}").format(
                    day=on.isoformat(), received=self.received_on
                ),
            )
        self._risk_flagged(on=on, by=by, officer=officer, risk=risk, workers_at_risk=workers_at_risk)

    @event(RiskFlagged)
    def _risk_flagged(self, on: date, by: str, officer: str, risk: str, workers_at_risk: int) -> None:
        self.flags.append((on, officer, risk, workers_at_risk))

    def extend(self, *, on: date, by: str, until: date, both_agree: bool, reason: str) -> None:
        self._require("extend", on, CaseStatus.ACCEPTED, doing=N_("extend mediation"))
        self._not_before("extend.on", on, self.accepted_on, N_("the acceptance"))
        basis = self.profile.cite(self.rule("mediation").basis)
        if not both_agree:
            raise RuleViolationError(
                "extend.both-agree",
                _("mediation is extended only if both parties agree ({basis})").format(basis=basis),
            )
        deadline = self.mediation_deadline()
        assert deadline is not None
        if until <= deadline:
            raise InvalidValueError(
                "extend.until",
                _("{until} is not after the current deadline {deadline}").format(
                    until=until.isoformat(), deadline=deadline
                ),
            )
        self._extended(on=on, by=by, until=until, reason=reason)

    @event(Extended)
    def _extended(self, on: date, by: str, until: date, reason: str) -> None:
        self.last_step_on = max(self.last_step_on, on)
        self.extended_until = until
        self.extensions.append((on, until, reason))

    def settle(
        self,
        *,
        on: date,
        by: str,
        terms: str,
        amount_agreed: Decimal | None,
        performance_due: date | None,
        performance_method: str,
        mediator: str,
        parties_signed: bool,
        sealed: bool,
        from_ledger: bool = False,
    ) -> None:
        self._require("settle", on, CaseStatus.ACCEPTED, doing=N_("record an agreement"))
        self._not_before("settle.on", on, self.accepted_on, N_("the acceptance"))
        basis = self.profile.cite(self.profile.agreement_basis)
        if not parties_signed or not sealed:
            rule = (
                _(
                    "a mediation agreement takes effect only when signed by both parties and the mediator"
                    " and sealed by the committee; both parties' signatures missing ({basis})"
                )
                if not parties_signed
                else _(
                    "a mediation agreement takes effect only when signed by both parties and the mediator"
                    " and sealed by the committee; the committee's seal missing ({basis})"
                )
            )
            raise RuleViolationError("settle", rule.format(basis=basis))
        # A ledger records that an agreement took effect, not always who signed it nor its
        # terms of performance: the settlement an import brings in may leave them unrecorded.
        if from_ledger and self.imported is None:
            raise RuleViolationError("settle", _("only an imported case is settled from a ledger's row"))
        if mediator not in self.mediators and not from_ledger:
            assigned = ", ".join(self.mediators) or _("none yet: use 'case assign'")
            raise RuleViolationError(
                "settle.mediator",
                _("{name} is not a mediator assigned to this case (assigned: {assigned})").format(
                    name=mediator, assigned=assigned
                ),
            )
        if (performance_due is None or not performance_method) and not from_ledger:
            raise RuleViolationError(
                "settle.due" if performance_due is None else "settle.method",
                _("a mediation agreement states the deadline and the method of performance ({basis})").format(
                    basis=basis
                ),
            )
        if performance_due is not None and performance_due < on:
            raise RuleViolationError(
                "settle.due",
                _("{due} is before the agreement ({day})").format(due=performance_due.isoformat(), day=on),
            )
        self._settled(
            on=on,
            by=by,
            terms=terms,
            amount_agreed=amount_agreed,
            performance_due=performance_due,
            performance_method=performance_method,
            mediator=mediator,
        )

    @event(Settled)
    def _settled(
        self,
        on: date,
        by: str,
        terms: str,
        amount_agreed: Decimal | None,
        performance_due: date | None,
        performance_method: str,
        mediator: str,
    ) -> None:
        self.last_step_on = max(self.last_step_on, on)
        self.agreement = Agreement(
            on=on,
            terms=terms,
            amount_agreed=amount_agreed,
            performance_due=performance_due,
            performance_method=performance_method,
            mediator=mediator,
        )
        self.closed = (Outcome.SETTLED, on, terms)

    def mark_imported(
        self, *, on: date, by: str, source: str, sheet: str, row: int, digest: str, facts: dict[str, str]
    ) -> None:
        """Record that the case came from a ledger's row: the step after its application."""
        if self.version != 1:
            raise RuleViolationError(
                "import", _("a case is marked imported only as it is opened from a ledger")
            )
        self._imported(on=on, by=by, source=source, sheet=sheet, row=row, digest=digest, facts=facts)

    @event(Imported)
    def _imported(
        self, on: date, by: str, source: str, sheet: str, row: int, digest: str, facts: dict[str, str]
    ) -> None:
        self.imported = (source, sheet, row, digest)

    def fail(self, *, on: date, by: str, reason: str) -> None:
        self._require("fail", on, CaseStatus.ACCEPTED, CaseStatus.DEEMED_FAILED, doing=N_("record failure"))
        self._not_before("fail.on", on, self.accepted_on, N_("the acceptance"))
        self._failed(on=on, by=by, reason=reason)

    @event(Failed)
    def _failed(self, on: date, by: str, reason: str) -> None:
        self.last_step_on = max(self.last_step_on, on)
        deadline = self.mediation_deadline()
        # Written up after the Art 29 period: it failed when the period ended, not when recorded.
        closed_on = deadline if deadline is not None and on > deadline else on
        self.closed = (Outcome.FAILED, closed_on, reason)

    def withdraw(self, *, on: date, by: str, reason: str) -> None:
        self._require(
            "withdraw",
            on,
            CaseStatus.RECEIVED,
            CaseStatus.ACCEPTED,
            CaseStatus.DEEMED_FAILED,
            doing=N_("withdraw"),
        )
        self._not_before("withdraw.on", on, self.received_on, N_("the receipt"))
        self._withdrawn(on=on, by=by, reason=reason)

    @event(Withdrawn)
    def _withdrawn(self, on: date, by: str, reason: str) -> None:
        self.last_step_on = max(self.last_step_on, on)
        self.closed = (Outcome.WITHDRAWN, on, reason)

    def refer(self, *, on: date, by: str, target: ReferralTarget, to: str, new_reference: str) -> None:
        self._require(
            "refer", on, CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.DEEMED_FAILED, doing=N_("refer")
        )
        self._not_before("refer.on", on, self.received_on, N_("the receipt"))
        self._referred(on=on, by=by, target=target, to=to, new_reference=new_reference)

    @event(Referred)
    def _referred(self, on: date, by: str, target: ReferralTarget, to: str, new_reference: str) -> None:
        self.last_step_on = max(self.last_step_on, on)
        self.closed = (Outcome.REFERRED, on, to)
        self.referral = (target, to, new_reference)

    def request_review(self, *, on: date, by: str, commission: str) -> None:
        self._require("review", on, CaseStatus.SETTLED, doing=N_("request arbitral review"))
        ends = self.review_window_ends()
        assert ends is not None
        assert self.agreement is not None
        self._not_before("review.on", on, self.agreement.on, N_("the agreement"))
        if on > ends:
            rule = self.rule("arbitral_review")
            raise RuleViolationError(
                "review.on",
                _(
                    "{day} is after {ends}: the joint request for arbitral review is due {rule} ({basis})"
                ).format(
                    day=on.isoformat(),
                    ends=ends.isoformat(),
                    rule=rule.describe(),
                    basis=self.profile.cite(rule.basis),
                ),
            )
        if self.review_requested is not None:
            raise StageError(
                "review", _("review was already requested on {day}").format(day=self.review_requested[0])
            )
        if self.category is Category.LABOUR_RELATIONSHIP:
            raise RuleViolationError(
                "review",
                _(
                    "arbitral review is not available for disputes confirming a labour relationship"
                    " (Rules for Handling Labour and Personnel Dispute Arbitration Cases art. 75)"
                ),
            )
        self._review_requested(on=on, by=by, commission=commission)

    @event(ReviewRequested)
    def _review_requested(self, on: date, by: str, commission: str) -> None:
        self.last_step_on = max(self.last_step_on, on)
        self.review_requested = (on, commission)

    def record_performance(self, *, on: date, by: str, performed: bool, note: str) -> None:
        self._require("perform", on, CaseStatus.SETTLED, doing=N_("record performance"))
        assert self.agreement is not None
        self._not_before("perform.on", on, self.agreement.on, N_("the agreement"))
        if self.performance is not None and self.performance[1]:
            raise StageError(
                "perform", _("performance was already recorded on {day}").format(day=self.performance[0])
            )
        if self.performance is not None and not performed:
            raise StageError(
                "perform", _("non-performance was already recorded on {day}").format(day=self.performance[0])
            )
        due = self.agreement.performance_due
        if not performed and due is not None and on <= due:
            raise RuleViolationError(
                "perform.on",
                _("the agreement is not due until {due}; non-performance counts after it").format(
                    due=due.isoformat()
                ),
            )
        self._performance_recorded(on=on, by=by, performed=performed, note=note)

    @event(PerformanceRecorded)
    def _performance_recorded(self, on: date, by: str, performed: bool, note: str) -> None:
        self.last_step_on = max(self.last_step_on, on)
        self.performance = (on, performed, note)
