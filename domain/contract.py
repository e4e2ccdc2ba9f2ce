"""The CollectiveContract aggregate: a signed contract's life (DOMAIN A10-A11).

Filing, the authority's receipt and review, objection, publication, amendment, renewal,
termination. Whether it is in force is computed for a date, never typed in: it is deemed
effective 15 days after receipt without objection (S1 Art 47), and expires after its term.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

import attrs
from eventsourcing.domain import Aggregate, event

from domain.corrections import Amends, Correctable, Replay
from domain.errors import InvalidValueError, RuleViolationError, StageError
from domain.i18n import N_, _, pgettext
from domain.identity import contract_id
from domain.jurisdiction import JurisdictionProfile, get_profile
from domain.records import Successor
from domain.values import AgreementKind, ContractStatus, Purpose, Term, TerminationGround


class CollectiveContract(Correctable, Aggregate):
    """A signed collective contract, sharing its negotiation's reference."""

    class Event(Aggregate.Event):
        on: date
        by: str

    class Concluded(Event, Aggregate.Created):
        reference: str
        employer: str
        union: str
        kind: AgreementKind
        topic: str
        profile_id: str
        term: Term
        signatories: list[str]
        purpose: Purpose
        predecessor: str

    class Resigned(Event):
        term: Term

    class Submitted(Event):
        authority: str
        copies: int

    class Received(Event):
        pass

    class Objected(Event):
        opinion: str

    class Published(Event):
        pass

    class SuccessorOpened(Event):
        reference: str
        purpose: Purpose
        reason: str

    class SucceededBy(Event):
        reference: str
        purpose: Purpose

    class Terminated(Event):
        ground: TerminationGround
        reason: str

    class Imported(Event):
        """The contract was brought in from a ledger (台账): which file, sheet and row, and the
        row's facts as read (with their digest, so that importing the row again adds nothing)."""

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
        "Resigned": Replay(command="resign"),
        "Submitted": Replay(command="submit"),
        "Received": Replay(command="record_receipt"),
        "Objected": Replay(command="object"),
        "Published": Replay(command="publish"),
        "SuccessorOpened": Replay(command="open_successor"),
        "SucceededBy": Replay(command="record_successor_signed"),
        "Terminated": Replay(command="terminate"),
        "Imported": Replay(command="mark_imported"),
    }
    RECORDED_ELSEWHERE: ClassVar[Mapping[str, str]] = {
        "Concluded": N_("is the negotiation's signing: correct it there ('negotiation correct')"),
        "Resigned": N_("is the negotiation's signing: correct it there ('negotiation correct')"),
        "SuccessorOpened": N_("was recorded by opening the successor; put it right on that negotiation"),
        "SucceededBy": N_("was recorded by the successor's signing; put it right on that negotiation"),
        "Imported": N_("says where the contract was imported from: correct the steps it brought in instead"),
    }
    # Set by the Imported step: where the contract came from (None: signed in a negotiation
    # recorded here). A class default, so that older snapshots load as such contracts.
    imported: tuple[str, str, int, str] | None = None

    @staticmethod
    def create_id(reference: str) -> UUID:
        return contract_id(reference)

    @event(Concluded)
    def __init__(
        self,
        reference: str,
        employer: str,
        union: str,
        kind: AgreementKind,
        topic: str,
        profile_id: str,
        term: Term,
        signatories: list[str],
        purpose: Purpose,
        predecessor: str,
        on: date,
        by: str,
    ) -> None:
        self.reference = reference
        self.employer = employer
        self.union = union
        self.kind = kind
        self.topic = topic
        self.profile_id = profile_id
        self.purpose = purpose
        self.predecessor = predecessor
        self.signatories = list(signatories)
        self._start_cycle(on, term)
        self.objections: list[tuple[date, str]] = []
        self.published_on: date | None = None
        self.successors: list[Successor] = []
        self.terminated_on: date | None = None
        self.termination: tuple[TerminationGround, str] | None = None

    def _start_cycle(self, signed_on: date, term: Term) -> None:
        self.signed_on = signed_on
        self.term = term
        self.submitted_on: date | None = None
        self.authority = ""
        self.copies = 0
        self.received_on: date | None = None
        self.objected_on: date | None = None

    # ----------------------------------------------------------------- queries

    @property
    def profile(self) -> JurisdictionProfile:
        return get_profile(self.profile_id)

    def review_ends(self) -> date | None:
        """Last day of the authority's review window; also the deemed-effective date."""
        if self.received_on is None:
            return None
        rule = self.profile.deadline("review", self.kind)
        assert rule is not None
        return self.profile.due(rule, self.received_on)

    def effective_on(self) -> date | None:
        """The date it took or will take effect: receipt + 15 days, unless objected."""
        if self.objected_on is not None or not self.profile.deemed_effective_on_silence:
            return None
        return self.review_ends()

    def status(self, day: date) -> ContractStatus:
        if self.terminated_on is not None and self.terminated_on <= day:
            return ContractStatus.TERMINATED
        if self.objected_on is not None:
            return ContractStatus.OBJECTED
        effective = self.effective_on()
        if effective is not None and effective <= day:
            return ContractStatus.EXPIRED if self.term.end < day else ContractStatus.EFFECTIVE
        if self.received_on is not None:
            return ContractStatus.UNDER_REVIEW
        if self.submitted_on is not None:
            return ContractStatus.SUBMITTED
        return ContractStatus.SIGNED

    # ---------------------------------------------------------------- commands

    def mark_imported(
        self, *, on: date, by: str, source: str, sheet: str, row: int, digest: str, facts: dict[str, str]
    ) -> None:
        """Record that the contract came from a ledger's row: the step after its signing."""
        if self.version != 1:
            raise RuleViolationError("import", _("a contract is marked imported only as it is brought in"))
        self._imported(on=on, by=by, source=source, sheet=sheet, row=row, digest=digest, facts=facts)

    @event(Imported)
    def _imported(
        self, on: date, by: str, source: str, sheet: str, row: int, digest: str, facts: dict[str, str]
    ) -> None:
        self.imported = (source, sheet, row, digest)

    def resign(self, *, on: date, by: str, term: Term) -> None:
        if self.objected_on is None:
            raise StageError(
                "sign", _("contract {reference} is already signed").format(reference=self.reference)
            )
        self._resigned(on=on, by=by, term=term)

    @event(Resigned)
    def _resigned(self, on: date, by: str, term: Term) -> None:
        self._start_cycle(on, term)

    def submit(self, *, on: date, by: str, authority: str, copies: int) -> None:
        if self.submitted_on is not None:
            raise StageError(
                "submit", _("already submitted on {day}").format(day=self.submitted_on.isoformat())
            )
        if on < self.signed_on:
            raise RuleViolationError(
                "submit.on",
                _("{day} is before the signing on {signed}").format(
                    day=on.isoformat(), signed=self.signed_on.isoformat()
                ),
            )
        if copies < 1:
            raise InvalidValueError(
                "submit.copies", _("must be at least 1, got {value}").format(value=copies)
            )
        self._submitted(on=on, by=by, authority=authority, copies=copies)

    @event(Submitted)
    def _submitted(self, on: date, by: str, authority: str, copies: int) -> None:
        self.submitted_on = on
        self.authority = authority
        self.copies = copies

    def record_receipt(self, *, on: date, by: str) -> None:
        if self.submitted_on is None:
            raise StageError(
                "receipt", _("the contract has not been submitted; record 'contract submit' first")
            )
        if self.received_on is not None:
            raise StageError(
                "receipt", _("receipt already recorded on {day}").format(day=self.received_on.isoformat())
            )
        if on < self.submitted_on:
            raise RuleViolationError(
                "receipt.on",
                _("{day} is before the submission on {submitted}").format(
                    day=on.isoformat(), submitted=self.submitted_on.isoformat()
                ),
            )
        self._received(on=on, by=by)

    @event(Received)
    def _received(self, on: date, by: str) -> None:
        self.received_on = on

    def object(self, *, on: date, by: str, opinion: str) -> None:
        if self.received_on is None:
            raise StageError(
                "objection",
                _("the authority's receipt is not recorded; record 'contract receipt' first"),
            )
        if self.objected_on is not None:
            raise StageError(
                "objection",
                _("an objection is already recorded on {day}").format(day=self.objected_on.isoformat()),
            )
        if self.published_on is not None or self.successors:
            done = (
                _("the contract was already published as in effect; an objection must come before that")
                if self.published_on is not None
                else _(
                    "the contract was already amended or renewed as in effect;"
                    " an objection must come before that"
                )
            )
            raise StageError("objection", done)
        ends = self.review_ends()
        assert ends is not None
        rule = self.profile.deadline("review", self.kind)
        assert rule is not None
        if on < self.received_on or on > ends:
            raise RuleViolationError(
                "objection.on",
                _(
                    "{day} is outside the review window {start} to {end}; without an objection in it"
                    " the contract is deemed effective ({basis})"
                ).format(
                    day=on.isoformat(),
                    start=self.received_on.isoformat(),
                    end=ends.isoformat(),
                    basis=self.profile.cite(rule.basis),
                ),
            )
        self._objected(on=on, by=by, opinion=opinion)

    @event(Objected)
    def _objected(self, on: date, by: str, opinion: str) -> None:
        self.objected_on = on
        self.objections.append((on, opinion))

    def publish(self, *, on: date, by: str) -> None:
        if self.terminated_on is not None and self.terminated_on <= on:
            raise StageError(
                "publish",
                _("the contract was terminated on {day}").format(day=self.terminated_on.isoformat()),
            )
        effective = self.effective_on()
        if effective is None or on < effective:
            rule = (
                _("the contract is not in effect on {day} (it takes effect on {effective})").format(
                    day=on.isoformat(), effective=effective.isoformat()
                )
                if effective
                else _("the contract is not in effect on {day}").format(day=on.isoformat())
            )
            raise StageError("publish.on", rule)
        if self.published_on is not None:
            raise StageError(
                "publish", _("already published on {day}").format(day=self.published_on.isoformat())
            )
        self._published(on=on, by=by)

    @event(Published)
    def _published(self, on: date, by: str) -> None:
        self.published_on = on

    def renewal_window_opens(self) -> date:
        rule = self.profile.deadline("renewal", self.kind)
        assert rule is not None
        return self.profile.due(rule, self.term.end)

    def open_successor(self, *, on: date, by: str, reference: str, purpose: Purpose, reason: str) -> None:
        status = self.status(on)
        step = "renew" if purpose is Purpose.RENEWAL else "amend"  # the command, as errors name it
        if status is ContractStatus.TERMINATED:
            raise StageError(step, _("contract {reference} was terminated").format(reference=self.reference))
        if purpose is Purpose.RENEWAL:
            if status not in (ContractStatus.EFFECTIVE, ContractStatus.EXPIRED):
                raise StageError(
                    "renew",
                    _("only a contract that took effect can be renewed (it is {status} on {day})").format(
                        status=pgettext("stage", status.value), day=on
                    ),
                )
            opens = self.renewal_window_opens()
            rule = self.profile.deadline("renewal", self.kind)
            assert rule is not None
            if on < opens:
                raise RuleViolationError(
                    "renew.on",
                    _("the renewal window opens on {opens} ({rule} {end}; {basis})").format(
                        opens=opens.isoformat(),
                        rule=rule.describe(),
                        end=self.term.end.isoformat(),
                        basis=self.profile.cite(rule.basis),
                    ),
                )
        elif status is not ContractStatus.EFFECTIVE:
            raise StageError(
                "amend",
                _("only a contract in effect can be amended (it is {status})").format(
                    status=pgettext("stage", status.value)
                ),
            )
        if any(s.reference == reference for s in self.successors):
            raise RuleViolationError(
                f"{step}.ref", _("{reference} is already linked").format(reference=reference)
            )
        self._successor_opened(on=on, by=by, reference=reference, purpose=purpose, reason=reason)

    @event(SuccessorOpened)
    def _successor_opened(self, on: date, by: str, reference: str, purpose: Purpose, reason: str) -> None:
        self.successors.append(Successor(reference=reference, purpose=purpose, opened_on=on, reason=reason))

    def record_successor_signed(self, *, on: date, by: str, reference: str, purpose: Purpose) -> None:
        self._succeeded_by(on=on, by=by, reference=reference, purpose=purpose)

    @event(SucceededBy)
    def _succeeded_by(self, on: date, by: str, reference: str, purpose: Purpose) -> None:
        self.successors = [
            attrs.evolve(s, signed_on=on) if s.reference == reference else s for s in self.successors
        ]

    def terminate(self, *, on: date, by: str, ground: TerminationGround, reason: str) -> None:
        if self.terminated_on is not None:
            raise StageError(
                "terminate", _("already terminated on {day}").format(day=self.terminated_on.isoformat())
            )
        if on < self.signed_on:
            raise RuleViolationError(
                "terminate.on", _("{day} is before the signing").format(day=on.isoformat())
            )
        self._terminated(on=on, by=by, ground=ground, reason=reason)

    @event(Terminated)
    def _terminated(self, on: date, by: str, ground: TerminationGround, reason: str) -> None:
        self.terminated_on = on
        self.termination = (ground, reason)
