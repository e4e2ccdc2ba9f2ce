"""What each step of a negotiation or contract can be corrected with: the options of the
command that recorded it, cleaned as that command cleans them (``bargaining.amend``).

A signing is recorded on three records at once (the negotiation, its contract, and the
contract it renews): a correction of its date or term is made on all of them in one save,
and a signing a contract rests on cannot be retracted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bargaining.amend import DAY, Amender, Fields, listed, record_and_history, text
from bargaining.errors import InvalidValueError, RuleViolationError
from bargaining.store.application import parse_enum
from domain.contract import CollectiveContract
from domain.corrections import effective_events, facts
from domain.i18n import _
from domain.negotiation import Negotiation
from domain.values import VoteOutcome, clean_name, clean_names


def _person(value: Any, field: str) -> str:
    return clean_name(value, field, max_len=100)


def _count(value: Any, field: str) -> int:
    """A count: from --yes 30, or from the one value of --present given for a vote."""
    values = value if isinstance(value, list) else [value]
    if len(values) != 1 or not (str(values[0]).strip().isascii() and str(values[0]).strip().isdigit()):
        raise InvalidValueError(
            field, _("{names} is not one whole number").format(names="、".join(map(str, values)))
        )
    return int(str(values[0]).strip())


def _outcome(value: Any, field: str) -> VoteOutcome:
    return parse_enum(VoteOutcome, value, field)


ON = {"on": ("on", DAY)}
REASON = {"step_reason": ("reason", text(required=False))}


def _round(value: Any, field: str) -> int:
    if isinstance(value, bool) or not str(value).strip().isdigit() or not str(value).strip().isascii():
        raise InvalidValueError(field, _("{value} is not a round number").format(value=repr(value)))
    return int(str(value).strip())


def _people(value: Any, field: str) -> list[str]:
    return clean_names(listed(value), field)


ROUND = ("round", _round)
TALLY = {part: (f"tally.{part}", _count) for part in ("roll", "present", "yes", "no", "abstain", "invalid")}

NEGOTIATION_FIELDS: Fields = {
    "Opened": ON,
    "RequestReceived": {**ON, "topics": ("topics", text(required=False))},
    "RequestAnswered": {**ON, **REASON},
    "RepresentativeAppointed": {**ON, "title": ("title", text(100, required=False))},
    "RoundHeld": {
        **ON,
        "place": ("place", text(200)),
        "chair": ("chair", _person),
        "recorder": ("recorder", _person),
        "present": ("present", _people),
        "minutes": ("minutes", text(1_000_000, required=False)),
    },
    "ProposalTabled": {"round": ROUND, "text": ("text", text(100_000))},
    "ProposalWithdrawn": {"round": ROUND, **REASON},
    "ArticleAgreed": {"round": ROUND},
    "Suspended": {**ON, "until": ("until", lambda v, f: v), "step_reason": ("reason", text())},
    "Resumed": ON,
    "DraftAdopted": ON,
    "RatificationVoteRecorded": {
        **ON,
        "session_label": ("session", text(100, required=False)),
        **TALLY,
        "outcome": ("outcome", _outcome),
    },
    "TieDecided": {**ON, **REASON},
    "Signed": {
        **ON,
        "term_start": ("term.start", lambda v, f: v),
        "term_end": ("term.end", lambda v, f: v),
        "witness": ("witnesses", _people),
    },
    "Reopened": {**ON, **REASON},
}

CONTRACT_FIELDS: Fields = {
    "Submitted": {
        **ON,
        "authority": ("authority", text(200, required=False)),
        "copies": ("copies", _count),
    },
    "Received": ON,
    "Objected": {**ON, "opinion": ("opinion", text())},
    "Published": ON,
    "Terminated": {**ON, **REASON},
}


class NegotiationAmender(Amender):
    """A negotiation's corrections, the signing's carried to the contracts that state it."""

    def _signing(self, history: Sequence[Any], step: int) -> int | None:
        """Which signing (1, 2, …) step ``step`` is, or None if it is no signing."""
        effective = effective_events(history)[0]
        signings = [e.originator_version for e in effective if type(e).__name__ == "Signed"]
        return signings.index(step) + 1 if step in signings else None

    def _contract(self, reference: str) -> tuple[Any, list[Any]] | None:
        if not self.app.exists(CollectiveContract, reference):
            return None
        return record_and_history(self.app, CollectiveContract, reference, "contract", "correct.reference")

    def mirror(self, history: Sequence[Any], step: int, changes: Mapping[str, Any], reason: str) -> list[Any]:
        signing = self._signing(history, step)
        stated = {k: v for k, v in changes.items() if k in ("on", "term")}
        reference = history[0].reference
        found = self._contract(reference) if signing and stated else None
        if found is None:
            return []
        contract, events = found
        effective = effective_events(events)[0]
        cycles = [e for e in effective if type(e).__name__ in ("Concluded", "Resigned")]
        touched = [contract]
        self._mirror_on(contract, events, cycles[signing - 1].originator_version, stated, reason)  # type: ignore[operator]
        predecessor = history[0].predecessor
        if "on" in stated and predecessor and (older := self._contract(predecessor)) is not None:
            old, old_events = older
            succeeded = [
                e
                for e in effective_events(old_events)[0]
                if type(e).__name__ == "SucceededBy" and e.reference == reference
            ]
            if signing and len(succeeded) >= signing:  # the successor's signing of the same turn
                number = succeeded[signing - 1].originator_version
                self._mirror_on(old, old_events, number, {"on": stated["on"]}, reason)
                touched.append(old)
        return touched

    def check_correction(self, history: Sequence[Any], step: int, changes: Mapping[str, Any]) -> None:
        if step == 1 and "on" in changes and history[0].predecessor:
            raise RuleViolationError(
                "correct.on",
                _(
                    "step #1 opened the renewal or amendment of {predecessor}, which records it on that "
                    "date, within its window; if it was opened on another day, open it again under a new "
                    "reference"
                ).format(predecessor=history[0].predecessor),
            )

    def _mirror_on(
        self, contract: Any, events: Sequence[Any], step: int, changes: Mapping[str, Any], reason: str
    ) -> None:
        stated = facts(next(e for e in effective_events(events)[0] if e.originator_version == step))
        changes = {k: v for k, v in changes.items() if stated[k] != v}
        if not changes:
            return
        self._amend(
            events,
            step,
            lambda: contract.correct(
                history=events,
                step=step,
                changes=changes,
                reason=reason,
                on=self.service.today,
                by=self.service.actor,
                mirrored=True,
            ),
        )

    def check_retraction(self, history: Sequence[Any], step: int) -> None:
        if self._signing(history, step) and self._contract(history[0].reference) is not None:
            raise RuleViolationError(
                "retract",
                _(
                    "step #{step} signed the contract {reference}, which rests on it; correct the signing "
                    "instead, or terminate the contract"
                ).format(step=step, reference=history[0].reference),
            )


class ContractAmender(NegotiationAmender):
    """A contract's corrections: the authority's objection is also the negotiation's reopening."""

    def _objection(self, history: Sequence[Any], step: int) -> int | None:
        """Which objection (1, 2, …) step ``step`` is, or None if it is none."""
        effective = effective_events(history)[0]
        objections = [e.originator_version for e in effective if type(e).__name__ == "Objected"]
        return objections.index(step) + 1 if step in objections else None

    def mirror(self, history: Sequence[Any], step: int, changes: Mapping[str, Any], reason: str) -> list[Any]:
        which = self._objection(history, step)
        if not which or "on" not in changes:
            return []
        reference = history[0].reference
        negotiation, events = record_and_history(
            self.app, Negotiation, reference, "negotiation", "correct.reference"
        )
        effective = effective_events(events)[0]
        reopenings = [e for e in effective if type(e).__name__ == "Reopened"]
        number = reopenings[which - 1].originator_version
        self._mirror_on(negotiation, events, number, {"on": changes["on"]}, reason)
        return [negotiation]

    def check_correction(self, history: Sequence[Any], step: int, changes: Mapping[str, Any]) -> None:
        del history, step, changes  # a contract opens no renewal of its own

    def check_retraction(self, history: Sequence[Any], step: int) -> None:
        if self._objection(history, step):
            raise RuleViolationError(
                "retract",
                _(
                    "step #{step} is the authority's objection, on which the negotiation {reference} was "
                    "reopened; correct its date or opinion instead"
                ).format(step=step, reference=history[0].reference),
            )
