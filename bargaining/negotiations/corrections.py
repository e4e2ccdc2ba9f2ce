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
from domain.jurisdiction import get_profile
from domain.negotiation import Negotiation
from domain.ratification import evaluate, quorum_met
from domain.values import VoteOutcome, VoteTally, clean_name, clean_names


def _person(value: Any, field: str) -> str:
    return clean_name(value, field, max_len=100)


def _count(value: Any, field: str) -> int:
    """A count: from --yes 30, or from the one value of --present given for a vote."""
    values = value if isinstance(value, list) else [value]
    if len(values) != 1 or not (str(values[0]).strip().isascii() and str(values[0]).strip().isdigit()):
        raise InvalidValueError(field, f"{'、'.join(map(str, values))} is not one whole number")
    return int(str(values[0]).strip())


def _outcome(value: Any, field: str) -> VoteOutcome:
    return parse_enum(VoteOutcome, value, field)


ON = {"on": ("on", DAY)}
REASON = {"step_reason": ("reason", text(required=False))}


def _round(value: Any, field: str) -> int:
    if isinstance(value, bool) or not str(value).strip().isdigit() or not str(value).strip().isascii():
        raise InvalidValueError(field, f"{value!r} is not a round number")
    return int(str(value).strip())


def _people(value: Any, field: str) -> list[str]:
    return clean_names(listed(value), field)


ROUND = ("round", _round)
TALLY = {part: (f"tally.{part}", _count) for part in ("roll", "present", "yes", "no", "abstain", "invalid")}
TALLY_NEEDS = ("roll", "present", "yes", "no")  # as 'negotiation vote' needs them; the others are 0

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
    """A negotiation's corrections, the signing's carried to the contracts that state it.

    A vote recorded with its outcome only is given a tally by a correction that gives the
    whole of it; a meeting recorded as held without quorum, corrected to counts that meet the
    quorum, was a vote after all: its outcome is worked out from its ballots, which it then
    needs. Either is replayed through the rules like any correction.
    """

    def build(self, name: str, whole: str, parts: Mapping[str, Any], step: int) -> Any:
        if name != "RatificationVoteRecorded" or whole != "tally":
            return super().build(name, whole, parts, step)
        missing = [p for p in TALLY_NEEDS if p not in parts]
        if missing:
            raise InvalidValueError(
                f"correct.{missing[0]}",
                _(
                    "step #{step} records the vote's outcome only; to give it a tally,"
                    " give all of --roll, --present, --yes and --no"
                ).format(step=step),
            )
        return VoteTally(**parts)

    def changes(self, history: Sequence[Any], step: int, given: Mapping[str, Any]) -> dict[str, Any]:
        found = super().changes(history, step, given)
        effective, _amendments, _retracted = effective_events(history)
        target = next((e for e in effective if e.originator_version == step), None)
        if (
            target is None
            or type(target).__name__ != "RatificationVoteRecorded"
            or target.outcome is not VoteOutcome.NO_QUORUM
            or found.get("tally") is None
        ):
            return found
        tally: VoteTally = found["tally"]
        profile = get_profile(history[0].profile_id)
        if not quorum_met(tally, profile.ratify_quorum):
            return found  # still a meeting held without quorum
        missing = [o for o in ("yes", "no") if o not in given]
        if target.tally.cast == 0 and missing:  # no ballots were recorded for it
            raise InvalidValueError(
                f"correct.{missing[0]}",
                _(
                    "with {present} of {roll} present, the meeting of step #{step} had quorum, so its"
                    " ballots decided the vote: give them, --yes and --no"
                ).format(present=tally.present, roll=tally.roll, step=step),
            )
        if "outcome" not in found:  # given, it is checked against this
            found["outcome"] = evaluate(tally, profile).outcome
        return found

    def _signing(self, history: Sequence[Any], step: int) -> int | None:
        """Which signing (1, 2, …) step ``step`` is, or None if it is no signing."""
        effective, _, _ = effective_events(history)
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
        effective, _, _ = effective_events(events)
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
                f"step #1 opened the renewal or amendment of {history[0].predecessor}, which records it"
                " on that date, within its window; if it was opened on another day, open it again"
                " under a new reference",
            )

    def _mirror_on(
        self, contract: Any, events: Sequence[Any], step: int, changes: Mapping[str, Any], reason: str
    ) -> None:
        stated = facts(next(e for e in effective_events(events)[0] if e.originator_version == step))
        changes = {k: v for k, v in changes.items() if stated[k] != v}
        if not changes:
            return
        self._amend(
            type(contract),
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
                f"step #{step} signed the contract {history[0].reference}, which rests on it;"
                " correct the signing instead, or terminate the contract",
            )


class ContractAmender(NegotiationAmender):
    """A contract's corrections: the authority's objection is also the negotiation's reopening."""

    def _objection(self, history: Sequence[Any], step: int) -> int | None:
        """Which objection (1, 2, …) step ``step`` is, or None if it is none."""
        effective, _, _ = effective_events(history)
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
        effective, _, _ = effective_events(events)
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
                f"step #{step} is the authority's objection, on which the negotiation"
                f" {history[0].reference} was reopened; correct its date or opinion instead",
            )
