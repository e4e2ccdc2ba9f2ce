"""Contract commands: filing, the authority's review, publication, amendment, renewal, end."""

from __future__ import annotations

from datetime import date
from typing import Any

from bargaining.amend import later_amendments
from bargaining.errors import AlreadyExistsError, NotFoundError, RuleViolationError
from bargaining.negotiations.corrections import CONTRACT_FIELDS, ContractAmender
from bargaining.negotiations.service import NegotiationService, Service
from bargaining.negotiations.views import contract_view
from bargaining.store.application import clean_reference, parse_enum
from domain.contract import CollectiveContract
from domain.i18n import _
from domain.negotiation import Negotiation
from domain.values import Purpose, Side, Stage, TerminationGround, clean_name, clean_text

# The command that opens each kind of successor: its name begins the fields of its errors.
STEPS = {Purpose.RENEWAL: "renew", Purpose.AMENDMENT: "amend"}


class ContractService(Service):
    def _contract(self, reference: str, step: str, *, day: date | None = None) -> CollectiveContract:
        field = f"{step}.reference"
        ref = clean_reference(reference, field)
        try:
            return self.app.load(CollectiveContract, ref, "contract", day=day, field=field)
        except NotFoundError:
            if self.app.exists(Negotiation, ref):
                raise NotFoundError(
                    field,
                    _("no contract {ref} yet: the negotiation has not been signed; sign it first").format(
                        ref=ref
                    ),
                ) from None
            raise

    def correct(self, reference: str, step: str | int, *, reason: str, **given: Any) -> dict[str, Any]:
        """Correct step ``step`` of a contract with the options of the command that recorded it."""
        return ContractAmender(self, CollectiveContract, "contract", CONTRACT_FIELDS).correct(
            reference, step, reason=reason, **given
        )

    def retract(self, reference: str, step: str | int, *, reason: str) -> dict[str, Any]:
        """Retract step ``step`` of a contract: it counts as never having happened."""
        return ContractAmender(self, CollectiveContract, "contract", CONTRACT_FIELDS).retract(
            reference, step, reason=reason
        )

    def _change(self, reference: str, step: str, on: date, *, action: str = "", **kwargs: Any) -> None:
        """Take the step the command ``step`` records: the contract's method ``action`` (or ``step``)."""
        day = self._date(on, f"{step}.on")
        contract = self._contract(reference, step)
        getattr(contract, action or step)(on=day, by=self.actor, **kwargs)
        self.app.commit(contract)

    def submit(self, reference: str, *, on: date, authority: str = "", copies: int | None = None) -> None:
        contract = self._contract(reference, "submit")
        count = contract.profile.filing_copies if copies is None else copies
        where = clean_name(authority, "submit.to", required=False, max_len=200)
        self._change(reference, "submit", on, authority=where, copies=count)

    def receipt(self, reference: str, *, on: date) -> None:
        self._change(reference, "receipt", on, action="record_receipt")

    def objection(self, reference: str, *, on: date, opinion: str) -> None:
        """The authority's Examination Opinion: the parties renegotiate (S1 Arts 45-46)."""
        day = self._date(on, "objection.on")
        text = clean_text(opinion, "objection.opinion", max_len=100_000)
        contract = self._contract(reference, "objection")
        negotiation = self.app.load(Negotiation, reference, "negotiation", field="objection.reference")
        contract.object(on=day, by=self.actor, opinion=text)
        negotiation.reopen(on=day, by=self.actor, reason=f"objection: {text}")
        self.app.commit(contract, negotiation)

    def publish(self, reference: str, *, on: date) -> None:
        self._change(reference, "publish", on)

    def terminate(self, reference: str, *, on: date, ground: str, reason: str) -> None:
        why = clean_text(reason, "terminate.reason")
        cause = parse_enum(TerminationGround, ground, "terminate.ground")
        self._change(reference, "terminate", on, ground=cause, reason=why)

    def renew(
        self,
        reference: str,
        *,
        new_reference: str,
        on: date,
        reason: str = "",
        requested_by: str | Side = Side.UNION,
    ) -> dict[str, Any]:
        return self._successor(reference, new_reference, on, Purpose.RENEWAL, reason, requested_by)

    def amend(
        self,
        reference: str,
        *,
        new_reference: str,
        on: date,
        reason: str,
        requested_by: str | Side = Side.UNION,
    ) -> dict[str, Any]:
        return self._successor(reference, new_reference, on, Purpose.AMENDMENT, reason, requested_by)

    def _no_renewal_under_way(self, contract: CollectiveContract) -> None:
        """One renewal at a time: a renewal negotiation not yet signed, and not ended by a refused
        request, stands in the way of a second (the first is named)."""
        for s in contract.successors:
            if s.purpose is not Purpose.RENEWAL or s.signed_on is not None:
                continue
            under_way = self.app.load(Negotiation, s.reference, "negotiation", field="renew.ref")
            if under_way.stage is not Stage.REFUSED:
                raise RuleViolationError(
                    "renew.ref",
                    _(
                        "{reference} already renews {reference2} (opened {opened_on}, {value}): carry that "
                        "negotiation on, one renewal at a time"
                    ).format(
                        reference=s.reference,
                        reference2=contract.reference,
                        opened_on=s.opened_on.isoformat(),
                        value=under_way.stage.value,
                    ),
                )

    def _successor(
        self,
        reference: str,
        new_reference: str,
        on: date,
        purpose: Purpose,
        reason: str,
        requested_by: str | Side,
    ) -> dict[str, Any]:
        """Open the negotiation that renews or amends a contract: the same procedure again."""
        step = STEPS[purpose]
        day = self._date(on, f"{step}.on")
        ref = clean_reference(new_reference, f"{step}.ref")
        why = clean_text(reason, f"{step}.reason", required=purpose is Purpose.AMENDMENT)
        if self.app.exists(Negotiation, ref):
            raise AlreadyExistsError(
                f"{step}.ref", _("{ref} already exists; choose another reference").format(ref=ref)
            )
        contract = self._contract(reference, step)
        if purpose is Purpose.RENEWAL:
            self._no_renewal_under_way(contract)
        contract.open_successor(on=day, by=self.actor, reference=ref, purpose=purpose, reason=why)
        successor = Negotiation(
            reference=ref,
            employer=contract.employer,
            union=contract.union,
            kind=contract.kind,
            topic=contract.topic,
            profile_id=contract.profile_id,
            requested_by=parse_enum(Side, requested_by, f"{step}.requested-by"),
            purpose=purpose,
            predecessor=contract.reference,
            on=day,
            by=self.actor,
        )
        self.app.commit(contract, successor)
        return NegotiationService(self.app, self.actor, self.today).show(ref)

    def show(self, reference: str, *, as_of: date | None = None) -> dict[str, Any]:
        day = as_of or self.today
        contract = self._contract(reference, "show", day=as_of)
        view = contract_view(contract, day)
        if as_of is not None:  # what was put right after that day, and so not yet known on it
            view["warnings"] += later_amendments(self.app.history(contract.id), as_of)
        return view
