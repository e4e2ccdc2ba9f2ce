"""Mediation commands: bodies and their rosters, and labour-dispute cases from application to outcome."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar

from bargaining.amend import later_amendments
from bargaining.errors import AlreadyExistsError, InvalidValueError, shown
from bargaining.history import event_rows
from bargaining.mediation.corrections import CASE_FIELDS, CaseAmender
from bargaining.mediation.views import body_view, case_view
from bargaining.service import ServiceBase
from bargaining.store.application import StoreApplication, clean_reference, parse_enum
from domain.body import MediationBody
from domain.case import MediationCase
from domain.disputes import BodyType, Category, Channel, ReferralTarget, RosterRole
from domain.i18n import _
from domain.jurisdiction import get_profile
from domain.values import clean_name, clean_names, clean_text, parse_money

T = TypeVar("T")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MAX_WORKERS = 1_000_000


class MediationApp(StoreApplication):
    """Labour-dispute mediation (rights disputes): bodies and cases."""

    name = "Mediation"

    def exists_body(self, reference: str) -> bool:
        return self.exists(MediationBody, reference)


def _names(values: Sequence[str], field: str) -> list[str]:
    return clean_names(list(values), field)


class _Base(ServiceBase["MediationApp"]):
    def _body(self, reference: str, field: str = "reference") -> MediationBody:
        return self.app.load(MediationBody, reference, "mediation body", field=field)

    def _case(self, reference: str, step: str = "") -> MediationCase:
        """The case ``reference``; one that does not exist is an error on ``step.reference``."""
        return self.app.load(
            MediationCase, reference, "case", field=f"{step}.reference" if step else "reference"
        )


class BodyService(_Base):
    def register(
        self,
        reference: str,
        *,
        name: str,
        body_type: str | BodyType,
        enterprise: str = "",
        profile: str = "PRC",
        on: date | None = None,
    ) -> dict[str, Any]:
        body = self.new_body(
            reference, name=name, body_type=body_type, enterprise=enterprise, profile=profile, on=on
        )
        if self.app.exists(MediationBody, body.reference):
            raise AlreadyExistsError(
                "register.reference",
                _("{ref} already exists; choose another reference").format(ref=body.reference),
            )
        self.app.commit(body)
        return self.show(body.reference)

    def new_body(
        self,
        reference: str,
        *,
        name: str,
        body_type: str | BodyType,
        enterprise: str = "",
        profile: str = "PRC",
        on: date | None = None,
    ) -> MediationBody:
        """A body as ``register`` registers it, every rule checked, not yet saved."""
        return MediationBody(
            reference=clean_reference(reference, "register.reference"),
            name=clean_name(name, "register.name", max_len=200),
            body_type=parse_enum(BodyType, body_type, "register.type"),
            enterprise=clean_name(enterprise, "register.enterprise", required=False, max_len=200),
            profile_id=get_profile(profile).id,
            on=self._date(on, "register.on"),
            by=self.actor,
        )

    def roster(
        self,
        reference: str,
        *,
        on: date | None = None,
        workers: Sequence[str] = (),
        employers: Sequence[str] = (),
        mediators: Sequence[str] = (),
        officers: Sequence[str] = (),
        remove: Sequence[str] = (),
        chair: str = "",
    ) -> dict[str, Any]:
        day = self._date(on, "roster.on")
        added = [(n, RosterRole.WORKER) for n in _names(workers, "roster.worker")]
        added += [(n, RosterRole.EMPLOYER) for n in _names(employers, "roster.employer")]
        added += [(n, RosterRole.MEDIATOR) for n in _names(mediators, "roster.mediator")]
        added += [(n, RosterRole.OFFICER) for n in _names(officers, "roster.officer")]
        _names([n for n, _ in added], "roster")
        body = self._body(reference, "roster.reference")
        if day < body.registered_on:
            raise InvalidValueError(
                "roster.on",
                _("{day} is before {reference} was registered ({registered_on})").format(
                    day=day, reference=reference, registered_on=body.registered_on
                ),
            )
        body.change_roster(
            on=day,
            by=self.actor,
            added=added,
            removed=_names(remove, "roster.remove"),
            chair=clean_name(chair, "roster.chair", required=False, max_len=100),
        )
        self.app.commit(body)
        return self.show(reference)

    def show(self, reference: str) -> dict[str, Any]:
        return body_view(self._body(reference, "show.reference"))


class CaseService(_Base):
    def _update(self, reference: str, step: str, command: Callable[[MediationCase], T]) -> T:
        case = self._case(reference, step)
        result = command(case)
        self.app.commit(case)
        return result

    def open(
        self,
        reference: str,
        *,
        channel: str | Channel,
        received: date | None,
        applicants: Sequence[str],
        respondent: str,
        category: str | Category,
        request: str,
        tags: Sequence[str] = (),
        workers: int | None = None,
        amount_claimed: str | Decimal | None = None,
        currency: str = "CNY",
        facts: str = "",
        applied_at: str = "",
        body: str = "",
        known_on: date | None = None,
        profile: str = "PRC",
        referred_from: str = "",
    ) -> dict[str, Any]:
        case = self.new_case(
            reference,
            channel=channel,
            received=received,
            applicants=applicants,
            respondent=respondent,
            category=category,
            request=request,
            tags=tags,
            workers=workers,
            amount_claimed=amount_claimed,
            currency=currency,
            facts=facts,
            applied_at=applied_at,
            body=body,
            known_on=known_on,
            profile=profile,
            referred_from=referred_from,
        )
        if self.app.exists(MediationCase, case.reference):
            raise AlreadyExistsError(
                "open.reference",
                _("{ref} already exists; choose another reference").format(ref=case.reference),
            )
        self.app.commit(case)
        return self.show(case.reference)

    def new_case(
        self,
        reference: str,
        *,
        channel: str | Channel,
        received: date | None,
        applicants: Sequence[str],
        respondent: str,
        category: str | Category,
        request: str,
        tags: Sequence[str] = (),
        workers: int | None = None,
        amount_claimed: str | Decimal | None = None,
        currency: str = "CNY",
        facts: str = "",
        applied_at: str = "",
        body: str = "",
        known_on: date | None = None,
        profile: str = "PRC",
        referred_from: str = "",
        from_ledger: bool = False,
        body_checked: bool = False,
    ) -> MediationCase:
        """A case as ``open`` opens it, every rule of ``open`` checked, not yet saved.

        ``from_ledger``: a ledger's row is the record of an oral application, which need not
        state its facts and time again; ``body_checked``: the body exists, or is saved with it."""
        ref = clean_reference(reference, "open.reference")
        route = parse_enum(Channel, channel, "open.channel")
        people = _names(applicants, "open.applicant")
        if not people:
            raise InvalidValueError("open.applicant", _("name at least one applicant"))
        count = len(people) if workers is None else workers
        if not 1 <= count <= MAX_WORKERS:
            raise InvalidValueError(
                "open.workers",
                _("{count} must be between 1 and {most}").format(count=count, most=MAX_WORKERS),
            )
        if count < len(people):
            raise InvalidValueError(
                "open.workers",
                _("{count} is fewer than the {count2} applicants named").format(
                    count=count, count2=len(people)
                ),
            )
        day = self._date(received, "open.received")
        if known_on is not None and known_on > day:
            raise InvalidValueError(
                "open.known-on",
                _("{known_on} is after the application was received ({day})").format(
                    known_on=known_on, day=day
                ),
            )
        what = clean_text(request, "open.request", max_len=10_000)
        why = clean_text(facts, "open.facts", required=False, max_len=100_000)
        at = applied_at.strip()
        if at and not TIME.match(at):
            raise InvalidValueError(
                "open.time", _("{at} is not a time of day; use HH:MM, e.g. 09:30").format(at=shown(at))
            )
        if route is Channel.ORAL and (not why or not at) and not from_ledger:
            raise InvalidValueError(
                "open.facts" if not why else "open.time",
                _(
                    "an oral application is recorded on the spot with the applicant, the request, the "
                    "facts and reasons, and the time (--facts, --time) (S4 Art 21; S3 Art 12)"
                ),
            )
        body_ref = clean_reference(body, "open.body") if body.strip() else ""
        if body_ref and not body_checked:
            self._body(body_ref)
        return MediationCase(
            reference=ref,
            channel=route,
            applicants=people,
            respondent=clean_name(respondent, "open.respondent", max_len=200),
            category=parse_enum(Category, category, "open.category"),
            tags=self._tags(category, tags),
            workers_involved=count,
            amount_claimed=None
            if amount_claimed in (None, "")
            else parse_money(amount_claimed, "open.amount"),
            currency=self._currency(currency),
            request=what,
            facts=why,
            applied_at=at,
            body=body_ref,
            referred_from=referred_from,
            known_on=known_on,
            profile_id=get_profile(profile).id,
            on=day,
            by=self.actor,
        )

    @staticmethod
    def _currency(code: str) -> str:
        value = clean_name(code, "open.currency", max_len=3).upper()
        if not (len(value) == 3 and value.isascii() and value.isalpha()):
            raise InvalidValueError(
                "open.currency",
                _("{code} is not a 3-letter currency code such as CNY").format(code=shown(code)),
            )
        return value

    @staticmethod
    def _tags(category: str | Category, tags: Sequence[str]) -> list[str]:
        """Further issues, each once, never repeating the primary category."""
        primary = parse_enum(Category, category, "open.category").value
        found: list[str] = []
        for tag in tags:
            value = parse_enum(Category, tag, "open.tag").value
            if value != primary and value not in found:
                found.append(value)
        return found

    def accept(self, reference: str, *, on: date, both_agree: bool) -> list[str]:
        day = self._date(on, "accept.on")
        return self._update(
            reference, "accept", lambda c: c.accept(on=day, by=self.actor, both_agree=both_agree)
        )

    def decline(self, reference: str, *, on: date, reason: str) -> None:
        day = self._date(on, "decline.on")
        why = clean_text(reason, "decline.reason")
        self._update(reference, "decline", lambda c: c.decline(on=day, by=self.actor, reason=why))

    def assign(self, reference: str, *, on: date | None, body: str, mediators: Sequence[str]) -> None:
        day = self._date(on, "assign.on")
        names = _names(mediators, "assign.mediator")
        target = self._body(body, "assign.body")
        if day < target.registered_on:
            raise InvalidValueError(
                "assign.on",
                _("{day} is before {reference} was registered ({registered_on})").format(
                    day=day, reference=target.reference, registered_on=target.registered_on
                ),
            )
        allowed = target.mediators()
        strangers = [n for n in names if n not in allowed]
        if strangers:
            raise InvalidValueError(
                "assign.mediator",
                _("{names} is not a mediator of {reference}; add them with 'bargaining body roster'").format(
                    names=", ".join(strangers), reference=target.reference
                ),
            )
        self._update(
            reference,
            "assign",
            lambda c: c.assign(on=day, by=self.actor, body=target.reference, mediators=names),
        )

    def session(
        self, reference: str, *, on: date, attendees: Sequence[str] = (), offered: str = "", notes: str = ""
    ) -> int:
        day = self._date(on, "session.on")
        who = _names(attendees, "session.attended")
        offer = clean_text(offered, "session.offered", required=False, max_len=10_000)
        text = clean_text(notes, "session.notes", required=False, max_len=1_000_000)
        return self._update(
            reference,
            "session",
            lambda c: c.hold_session(on=day, by=self.actor, attendees=who, offered=offer, notes=text),
        )

    def flag(
        self, reference: str, *, on: date | None, risk: str, officer: str = "", workers_at_risk: int = 0
    ) -> None:
        day = self._date(on, "flag.on")
        what = clean_text(risk, "flag.risk", max_len=10_000)
        who = clean_name(officer, "flag.officer", required=False, max_len=100)
        if not 0 <= workers_at_risk <= MAX_WORKERS:
            raise InvalidValueError(
                "flag.workers",
                _("{workers_at_risk} must be between 0 and {most}").format(
                    workers_at_risk=workers_at_risk, most=MAX_WORKERS
                ),
            )
        self._update(
            reference,
            "flag",
            lambda c: c.flag(on=day, by=self.actor, officer=who, risk=what, workers_at_risk=workers_at_risk),
        )

    def extend(self, reference: str, *, on: date, until: date, both_agree: bool, reason: str = "") -> None:
        day = self._date(on, "extend.on")
        why = clean_text(reason, "extend.reason", required=False)
        self._update(
            reference,
            "extend",
            lambda c: c.extend(on=day, by=self.actor, until=until, both_agree=both_agree, reason=why),
        )

    def settle(
        self,
        reference: str,
        *,
        on: date,
        terms: str,
        mediator: str,
        parties_signed: bool,
        sealed: bool,
        amount_agreed: str | Decimal | None = None,
        performance_due: date | None = None,
        method: str = "",
    ) -> None:
        day = self._date(on, "settle.on")
        text = clean_text(terms, "settle.terms", max_len=100_000)
        amount = None if amount_agreed in (None, "") else parse_money(amount_agreed, "settle.amount")
        how = clean_text(method, "settle.method", required=False, max_len=1000)
        who = clean_name(mediator, "settle.mediator", max_len=100)
        self._update(
            reference,
            "settle",
            lambda c: c.settle(
                on=day,
                by=self.actor,
                terms=text,
                amount_agreed=amount,
                performance_due=performance_due,
                performance_method=how,
                mediator=who,
                parties_signed=parties_signed,
                sealed=sealed,
            ),
        )

    def fail(self, reference: str, *, on: date, reason: str) -> None:
        day = self._date(on, "fail.on")
        why = clean_text(reason, "fail.reason")
        self._update(reference, "fail", lambda c: c.fail(on=day, by=self.actor, reason=why))

    def withdraw(self, reference: str, *, on: date, reason: str) -> None:
        day = self._date(on, "withdraw.on")
        why = clean_text(reason, "withdraw.reason")
        self._update(reference, "withdraw", lambda c: c.withdraw(on=day, by=self.actor, reason=why))

    def refer(
        self, reference: str, *, on: date, to_body: str = "", new_reference: str = "", arbitration: str = ""
    ) -> dict[str, Any]:
        """Refer to arbitration, or to another body, which opens its own case linked to this one."""
        day = self._date(on, "refer.on")
        if bool(to_body) == bool(arbitration) or (arbitration and new_reference):
            raise InvalidValueError(
                "refer", _("give --to-body BODY with --new-ref REF, or --arbitration COMMISSION")
            )
        case = self._case(reference, "refer")
        if arbitration:
            to = clean_name(arbitration, "refer.arbitration", max_len=200)
            case.refer(on=day, by=self.actor, target=ReferralTarget.ARBITRATION, to=to, new_reference="")
            self.app.commit(case)
            return self.show(reference)
        target = self._body(to_body, "refer.to-body")
        ref = clean_reference(new_reference, "refer.new-ref")
        if self.app.exists(MediationCase, ref):
            raise AlreadyExistsError(
                "refer.new-ref", _("{ref} already exists; choose another reference").format(ref=ref)
            )
        case.refer(on=day, by=self.actor, target=ReferralTarget.BODY, to=target.reference, new_reference=ref)
        intake = MediationCase(
            reference=ref,
            channel=Channel.REFERRAL,
            applicants=case.applicants,
            respondent=case.respondent,
            category=case.category,
            tags=case.tags,
            workers_involved=case.workers_involved,
            amount_claimed=case.amount_claimed,
            currency=case.currency,
            request=case.request,
            facts=case.facts,
            applied_at="",
            body=target.reference,
            referred_from=case.reference,
            known_on=case.known_on,
            profile_id=case.profile_id,
            on=day,
            by=self.actor,
        )
        self.app.commit(case, intake)
        return self.show(ref)

    def review(self, reference: str, *, on: date, commission: str = "") -> None:
        day = self._date(on, "review.on")
        where = clean_name(commission, "review.commission", required=False, max_len=200)
        self._update(reference, "review", lambda c: c.request_review(on=day, by=self.actor, commission=where))

    def perform(self, reference: str, *, on: date, performed: bool, note: str = "") -> None:
        day = self._date(on, "perform.on")
        text = clean_text(note, "perform.note", required=False)
        self._update(
            reference,
            "perform",
            lambda c: c.record_performance(on=day, by=self.actor, performed=performed, note=text),
        )

    def show(self, reference: str, *, as_of: date | None = None) -> dict[str, Any]:
        day = as_of or self.today
        case = self.app.load(MediationCase, reference, "case", field="show.reference", day=as_of)
        stored = self.app.history(case.id)
        view = case_view(case, day, event_rows([e for e in stored if e.on <= day]))
        view["warnings"] += later_amendments(stored, day)
        return view

    @cached_property
    def _amender(self) -> CaseAmender:
        return CaseAmender(self, MediationCase, "case", CASE_FIELDS)

    def correct(self, reference: str, step: str | int, *, reason: str, **given: Any) -> dict[str, Any]:
        """Correct step ``step`` of a case with the options of the command that recorded it."""
        return self._amender.correct(reference, step, reason=reason, **given)

    def retract(self, reference: str, step: str | int, *, reason: str) -> dict[str, Any]:
        """Retract step ``step`` of a case: it counts as never having happened."""
        return self._amender.retract(reference, step, reason=reason)

    def exists(self, reference: str) -> bool:
        return self.app.exists(MediationCase, reference)
