"""Negotiation commands: take primitives, check them, record events, return plain rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from eventsourcing.persistence import JSONTranscoder

from bargaining.amend import later_amendments
from bargaining.errors import AlreadyExistsError, InvalidValueError, NotFoundError
from bargaining.history import event_rows
from bargaining.negotiations.terms import wage_terms
from bargaining.negotiations.views import article_history, due_row, negotiation_view
from bargaining.service import ServiceBase
from bargaining.store.application import StoreApplication, clean_reference, parse_enum
from bargaining.store.snapshots import register_snapshot_transcodings
from bargaining.timeliness import steps_meeting
from domain.deadlines import negotiation_deadlines
from domain.due import MET_BY
from domain.i18n import _
from domain.identity import contract_id
from domain.jurisdiction import get_profile
from domain.negotiation import Negotiation
from domain.values import (
    AgreementKind,
    Purpose,
    RatificationBody,
    Role,
    Side,
    Term,
    VoteOutcome,
    VoteTally,
    clean_name,
    clean_names,
    clean_text,
)


class NegotiationsApp(StoreApplication):
    """Negotiations (interest disputes) and the collective contracts they produce."""

    name = "Negotiations"
    # A long negotiation reaches hundreds of events; a snapshot every 100 keeps a load to
    # at most 99 events on top of the newest snapshot.
    snapshotting_intervals = {Negotiation: 100}  # noqa: RUF012 - the library reads a class dict

    def exists_reference(self, reference: str) -> bool:
        return self.exists(Negotiation, reference)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_snapshot_transcodings(transcoder)


class Service(ServiceBase[NegotiationsApp]):
    """Services over negotiations and their contracts."""

    def _negotiation(self, reference: str, step: str = "") -> Negotiation:
        """The negotiation ``reference``; one that does not exist is an error on ``step.reference``."""
        return self.app.load(
            Negotiation, reference, "negotiation", field=f"{step}.reference" if step else "reference"
        )

    def _update(self, reference: str, step: str, command: Callable[[Negotiation], Any]) -> Any:
        negotiation = self._negotiation(reference, step)
        result = command(negotiation)
        self.app.commit(negotiation)
        return result


class NegotiationService(Service):
    def open(
        self,
        reference: str,
        *,
        employer: str,
        union: str,
        kind: str | AgreementKind,
        requested_by: str | Side = Side.UNION,
        topic: str = "",
        profile: str = "PRC",
        on: date | None = None,
        purpose: Purpose = Purpose.NEW,
        predecessor: str = "",
    ) -> dict[str, Any]:
        ref = clean_reference(reference, "open.reference")
        negotiation = Negotiation(
            reference=ref,
            employer=clean_name(employer, "open.employer", max_len=200),
            union=clean_name(union, "open.union", max_len=200),
            kind=parse_enum(AgreementKind, kind, "open.kind"),
            topic=clean_name(topic, "open.topic", required=False, max_len=200),
            profile_id=get_profile(profile).id,
            requested_by=parse_enum(Side, requested_by, "open.requested-by"),
            purpose=purpose,
            predecessor=predecessor,
            on=self._date(on, "open.on"),
            by=self.actor,
        )
        if self.app.exists(Negotiation, ref):
            raise AlreadyExistsError(
                "open.reference", _("{ref} already exists; choose another reference").format(ref=ref)
            )
        self.app.commit(negotiation)
        return self.show(ref)

    def request(self, reference: str, *, on: date, topics: str = "") -> None:
        day = self._date(on, "request.on")
        text = clean_text(topics, "request.topics", required=False)
        self._update(reference, "request", lambda n: n.receive_request(on=day, by=self.actor, topics=text))

    def reply(self, reference: str, *, on: date, accepted: bool = True, reason: str = "") -> None:
        day = self._date(on, "reply.on")
        text = clean_text(reason, "reply.reason", required=False)
        self._update(
            reference,
            "reply",
            lambda n: n.answer_request(on=day, by=self.actor, accepted=accepted, reason=text),
        )

    def appoint(
        self,
        reference: str,
        *,
        side: str | Side,
        on: date | None = None,
        chief: str = "",
        members: Sequence[str] = (),
        experts: Sequence[str] = (),
        replaces: str = "",
        title: str = "",
    ) -> None:
        day = self._date(on, "appoint.on")
        team = parse_enum(Side, side, "appoint.side")
        people = [(clean_name(chief, "appoint.chief", max_len=100), Role.CHIEF)] if chief else []
        people += [(m, Role.MEMBER) for m in clean_names(list(members), "appoint.member")]
        people += [(x, Role.EXPERT) for x in clean_names(list(experts), "appoint.expert")]
        clean_names([name for name, _ in people], "appoint")
        if not people:
            raise InvalidValueError(
                "appoint", _("name someone: --chief NAME, --member NAME or --expert NAME")
            )
        if replaces and len(people) != 1:
            raise InvalidValueError("appoint.replaces", _("replace one representative at a time"))
        old = clean_name(replaces, "appoint.replaces", required=False, max_len=100)
        label = clean_name(title, "appoint.title", required=False, max_len=100)

        def command(n: Negotiation) -> None:
            for name, role in people:
                n.appoint(
                    on=day,
                    by=self.actor,
                    name=name,
                    side=team,
                    role=role,
                    title=label,
                    replaces=old,
                )

        self._update(reference, "appoint", command)

    def round(
        self,
        reference: str,
        *,
        on: date,
        place: str,
        chair: str,
        recorder: str,
        present: Sequence[str] = (),
        minutes: str = "",
    ) -> int:
        day = self._date(on, "round.on")
        where = clean_name(place, "round.place", max_len=200)
        who = clean_name(chair, "round.chair", max_len=100)
        rec = clean_name(recorder, "round.recorder", max_len=100)
        attendance = clean_names(list(present), "round.present")
        notes = clean_text(minutes, "round.minutes", required=False, max_len=1_000_000)
        number: int = self._update(
            reference,
            "round",
            lambda n: n.hold_round(
                on=day,
                by=self.actor,
                place=where,
                chair=who,
                recorder=rec,
                present=attendance,
                minutes=notes,
            ),
        )
        return number

    def propose(
        self,
        reference: str,
        *,
        article: str,
        side: str | Side,
        text: str,
        round_no: int | None = None,
        increase: str | Decimal | None = None,
        minimum_wage: str | Decimal | None = None,
        effective: date | None = None,
        factors: Sequence[str] = (),
        raises: Sequence[str] = (),
        one_off: str | Decimal | None = None,
        later: Sequence[str] = (),
        allow: bool = False,
    ) -> str:
        """Table a proposal; its wage numbers (``raises``: ``GROUP=7%`` or ``GROUP=300元``;
        ``later``: the years after the first, see ``terms``) are what ``cost`` costs."""
        name = clean_name(article, "propose.article", max_len=200)
        body = clean_text(text, "propose.text", max_len=100_000)
        team = parse_enum(Side, side, "propose.side")
        wage = wage_terms(
            "propose",
            increase=increase,
            minimum_wage=minimum_wage,
            effective=effective,
            factors=factors,
            raises=raises,
            one_off=one_off,
            later=later,
            allow=allow,
        )
        terms = None if wage.is_empty() and not wage.factors else wage
        proposal_id: str = self._update(
            reference,
            "propose",
            lambda n: n.table_proposal(
                by=self.actor,
                article=name,
                side=team,
                text=body,
                round_no=round_no,
                wage=terms,
            ),
        )
        return proposal_id

    def withdraw(
        self, reference: str, *, proposal: str, reason: str = "", round_no: int | None = None
    ) -> None:
        pid = clean_name(proposal, "withdraw.proposal", max_len=20).upper()
        why = clean_text(reason, "withdraw.reason", required=False)
        self._update(
            reference,
            "withdraw",
            lambda n: n.withdraw_proposal(by=self.actor, proposal_id=pid, reason=why, round_no=round_no),
        )

    def agree(self, reference: str, *, article: str, round_no: int | None = None) -> None:
        name = clean_name(article, "agree.article", max_len=200)
        self._update(
            reference, "agree", lambda n: n.agree_article(by=self.actor, article=name, round_no=round_no)
        )

    def article(
        self, reference: str, article: str, *, rounds: tuple[int, int] | None = None
    ) -> dict[str, Any]:
        name = clean_name(article, "article", max_len=200)
        return article_history(self._negotiation(reference, "article"), name, rounds)

    def suspend(self, reference: str, *, on: date, until: date, reason: str) -> None:
        day = self._date(on, "suspend.on")
        why = clean_text(reason, "suspend.reason")
        self._update(
            reference, "suspend", lambda n: n.suspend(on=day, by=self.actor, until=until, reason=why)
        )

    def resume(self, reference: str, *, on: date) -> None:
        day = self._date(on, "resume.on")
        self._update(reference, "resume", lambda n: n.resume(on=day, by=self.actor))

    def draft(self, reference: str, *, on: date) -> None:
        day = self._date(on, "draft.on")
        self._update(reference, "draft", lambda n: n.adopt_draft(on=day, by=self.actor))

    def vote(
        self,
        reference: str,
        *,
        on: date,
        body: str | RatificationBody = RatificationBody.CONGRESS,
        session: str = "",
        roll: int | None = None,
        present: int | None = None,
        yes: int | None = None,
        no: int | None = None,
        abstain: int = 0,
        invalid: int = 0,
        outcome: str | None = None,
        no_quorum: bool = False,
    ) -> dict[str, Any]:
        """Record a ratification vote. ``no_quorum``: the meeting was held without quorum (its
        ``roll`` and ``present`` show it; ``yes`` and ``no`` only if ballots were cast): it is
        recorded as held and invalid, and the draft is voted on again."""
        day = self._date(on, "vote.on")
        who = parse_enum(RatificationBody, body, "vote.body")
        counts = {"roll": roll, "present": present, "yes": yes, "no": no}
        tally = _tally(counts, abstain, invalid, no_quorum=no_quorum)
        reported = None if outcome is None else parse_enum(VoteOutcome, outcome, "vote.outcome")
        label = clean_name(session, "vote.session", required=False, max_len=100)
        self._update(
            reference,
            "vote",
            lambda n: n.record_vote(
                on=day,
                by=self.actor,
                body=who,
                session=label,
                tally=tally,
                reported=reported,
                no_quorum=no_quorum,
            ),
        )
        vote: dict[str, Any] = self.show(reference)["vote"]
        return vote

    def decide_tie(self, reference: str, *, on: date, outcome: str, reason: str) -> None:
        day = self._date(on, "vote.on")
        decided = parse_enum(VoteOutcome, outcome, "vote.decide")
        why = clean_text(reason, "vote.reason")
        self._update(
            reference,
            "vote",
            lambda n: n.decide_tie(on=day, by=self.actor, outcome=decided, reason=why),
        )

    def sign(
        self,
        reference: str,
        *,
        on: date,
        term_start: date,
        term_end: date,
        union_signatory: str = "",
        employer_signatory: str = "",
        witnesses: Sequence[str] = (),
    ) -> list[str]:
        """Sign; creates (or re-signs) the contract in the same atomic write. Returns warnings."""
        day = self._date(on, "sign.on")
        term = Term(term_start, term_end)
        negotiation = self._negotiation(reference, "sign")
        warnings: list[str] = negotiation.sign(
            on=day,
            by=self.actor,
            term=term,
            union_signatory=clean_name(union_signatory, "sign.union", required=False, max_len=100),
            employer_signatory=clean_name(employer_signatory, "sign.employer", required=False, max_len=100),
            witnesses=clean_names(list(witnesses), "sign.witness"),
        )
        from domain.contract import CollectiveContract  # noqa: PLC0415 - see show()

        touched: list[Any] = [negotiation]
        if self.app.exists(CollectiveContract, negotiation.reference):
            contract = self.app.load(CollectiveContract, negotiation.reference, "contract")
            contract.resign(on=day, by=self.actor, term=term)
        else:
            assert negotiation.signatories is not None
            contract = CollectiveContract(
                reference=negotiation.reference,
                employer=negotiation.employer,
                union=negotiation.union,
                kind=negotiation.kind,
                topic=negotiation.topic,
                profile_id=negotiation.profile_id,
                term=term,
                signatories=list(negotiation.signatories),
                purpose=negotiation.purpose,
                predecessor=negotiation.predecessor,
                on=day,
                by=self.actor,
            )
        touched.append(contract)
        if negotiation.predecessor:
            predecessor = self.app.load(CollectiveContract, negotiation.predecessor, "contract")
            predecessor.record_successor_signed(
                on=day, by=self.actor, reference=negotiation.reference, purpose=negotiation.purpose
            )
            touched.append(predecessor)
        self.app.commit(*touched)
        return warnings

    def history(self, reference: str) -> list[dict[str, Any]]:
        """Every recorded step in order: business date, when it was recorded, by whom."""
        negotiation = self._negotiation(reference, "history")
        rows = event_rows(self.app.events.get(negotiation.id))
        # Each step that met a deadline (the reply to the request, a resumption) says so.
        deadlines = negotiation_deadlines(negotiation, negotiation.profile)
        meeting = steps_meeting([due_row(d, self.today) for d in deadlines], MET_BY)
        for row in rows:
            row["met"] = None if row["retracted_by"] else meeting.get((row["step"], row["on_in_effect"]))
        return rows

    def _amender(self) -> Any:
        from bargaining.negotiations.corrections import NEGOTIATION_FIELDS, NegotiationAmender  # noqa: PLC0415

        return NegotiationAmender(self, Negotiation, "negotiation", NEGOTIATION_FIELDS)

    def correct(self, reference: str, step: str | int, *, reason: str, **given: Any) -> dict[str, Any]:
        """Correct step ``step`` with the options of the command that recorded it."""
        return self._amender().correct(reference, step, reason=reason, **given)  # type: ignore[no-any-return]

    def retract(self, reference: str, step: str | int, *, reason: str) -> dict[str, Any]:
        """Retract step ``step``: it counts as never having happened."""
        return self._amender().retract(reference, step, reason=reason)  # type: ignore[no-any-return]

    def show(self, reference: str, *, as_of: date | None = None) -> dict[str, Any]:
        day = as_of or self.today
        negotiation = self.app.load(Negotiation, reference, "negotiation", field="show.reference", day=as_of)
        contract = None
        if contract_id(negotiation.reference) in self.app.repository:
            # Imported only for a negotiation that has a contract: building the contract's
            # event classes is ~30 ms of every negotiation command's start otherwise.
            from domain.contract import CollectiveContract  # noqa: PLC0415

            try:
                contract = self.app.load(CollectiveContract, negotiation.reference, "contract", day=as_of)
            except NotFoundError:
                contract = None
        view = negotiation_view(negotiation, contract, day)
        if as_of is not None:  # what was put right after that day, and so not yet known on it
            view["warnings"] += later_amendments(self.app.history(negotiation.id), as_of)
            if contract is not None:  # the view shows the contract's steps too
                view["warnings"] += later_amendments(self.app.history(contract.id), as_of, record="contract")
        return view


def _tally(counts: dict[str, int | None], abstain: int, invalid: int, *, no_quorum: bool) -> VoteTally | None:
    """The counts given, or None when none were (an outcome reported without a tally). A
    meeting held without quorum needs its roll and attendance only: it may have cast no
    ballots, and those left out are none."""
    needed = ("roll", "present") if no_quorum else tuple(counts)
    if not no_quorum and all(v is None for v in counts.values()):
        return None
    missing = [k for k in needed if counts[k] is None]
    if missing:
        rule = (
            _("a meeting held without quorum is recorded with --roll and --present")
            if no_quorum
            else _("a tally needs --roll, --present, --yes and --no")
        )
        raise InvalidValueError(f"vote.{missing[0]}", rule)
    return VoteTally(
        roll=counts["roll"] or 0,
        present=counts["present"] or 0,
        yes=counts["yes"] or 0,
        no=counts["no"] or 0,
        abstain=abstain,
        invalid=invalid,
    )
