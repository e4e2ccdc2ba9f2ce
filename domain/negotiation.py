"""The Negotiation aggregate: from the written request to the signed contract (DOMAIN A4-A9).

Each public command checks the rules and the stage, then calls one private ``@event`` method
that only mutates. Every event carries ``on`` (the business date the user gave) and ``by``
(who recorded it); its timestamp is when it was recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, ClassVar
from uuid import UUID

import attrs
from eventsourcing.domain import Aggregate, event

from domain.articles import Agreement, Proposal, current_proposal
from domain.calendar import add_months
from domain.corrections import Amends, Correctable, Replay
from domain.costing import check_groups
from domain.errors import InvalidValueError, RuleViolationError, StageError
from domain.i18n import N_, _, english, ngettext, pgettext
from domain.identity import negotiation_id
from domain.jurisdiction import JurisdictionProfile, get_profile
from domain.ratification import evaluate, reported_rule
from domain.records import Round, Suspension, TieDecision, Vote
from domain.representatives import Representative, check_appointment, check_teams
from domain.values import (
    AgreementKind,
    Purpose,
    RatificationBody,
    Role,
    Side,
    Stage,
    Term,
    VoteOutcome,
    VoteTally,
    WageTerms,
)
from domain.wage import WageBase


def _vote_inputs(values: dict[str, Any]) -> dict[str, Any]:
    """A vote recorded again: from its tally, or as the outcome reported without one."""
    outcome = values.pop("outcome")
    if outcome is VoteOutcome.NO_QUORUM:  # a meeting held without quorum, recorded as such
        return {**values, "reported": None, "no_quorum": True}
    return {**values, "reported": outcome if values["tally"] is None else None}


class Negotiation(Correctable, Aggregate):
    """One collective negotiation, identified by its human reference (e.g. CB-2011-001)."""

    class Event(Aggregate.Event):
        on: date
        by: str

    class Opened(Event, Aggregate.Created):
        reference: str
        employer: str
        union: str
        kind: AgreementKind
        topic: str
        profile_id: str
        requested_by: Side
        purpose: Purpose
        predecessor: str

    class RequestReceived(Event):
        topics: str

    class RequestAnswered(Event):
        accepted: bool
        reason: str

    class RepresentativeAppointed(Event):
        name: str
        side: Side
        role: Role
        title: str
        replaces: str

    class RoundHeld(Event):
        number: int
        place: str
        chair: str
        recorder: str
        present: list[str]
        minutes: str

    class ProposalTabled(Event):
        proposal_id: str
        article: str
        side: Side
        round: int
        text: str
        wage: WageTerms | None
        counter_to: str

    class ProposalWithdrawn(Event):
        proposal_id: str
        round: int
        reason: str

    class ArticleAgreed(Event):
        article: str
        round: int
        proposal_id: str
        text: str

    class Suspended(Event):
        until: date
        reason: str

    class Resumed(Event):
        pass

    class DraftAdopted(Event):
        articles: list[str]
        signed_by: list[str]

    class RatificationVoteRecorded(Event):
        body: RatificationBody
        session: str
        tally: VoteTally | None
        outcome: VoteOutcome
        rule: str

    class TieDecided(Event):
        outcome: VoteOutcome
        reason: str

    class Signed(Event):
        union_signatory: str
        employer_signatory: str
        witnesses: list[str]
        term: Term

    class Reopened(Event):
        reason: str

    class WageBaseRecorded(Event):
        base: WageBase

    class StepCorrected(Event, Amends):
        step: int
        reason: str
        changes: list[list[Any]]

    class StepRetracted(Event, Amends):
        step: int
        reason: str
        changes: list[list[Any]]

    # How each step is recorded again when an earlier one is corrected (domain.corrections):
    # rounds and proposals are renumbered after a retracted one, and steps naming them follow.
    REPLAYS: ClassVar[Mapping[str, Replay]] = {
        "RequestReceived": Replay(command="receive_request"),
        "RequestAnswered": Replay(command="answer_request"),
        "RepresentativeAppointed": Replay(command="appoint"),
        "RoundHeld": Replay(command="hold_round", numbers="number"),
        "ProposalTabled": Replay(
            command="table_proposal",
            drop=("on", "counter_to"),
            rename={"round": "round_no"},
            numbers="proposal_id",
            refers={"round_no": "number"},
        ),
        "ProposalWithdrawn": Replay(
            command="withdraw_proposal",
            drop=("on",),
            rename={"round": "round_no"},
            refers={"round_no": "number", "proposal_id": "proposal_id"},
        ),
        "ArticleAgreed": Replay(
            command="agree_article",
            drop=("on", "proposal_id", "text"),
            rename={"round": "round_no"},
            refers={"round_no": "number"},
        ),
        "Suspended": Replay(command="suspend"),
        "Resumed": Replay(command="resume"),
        "DraftAdopted": Replay(command="adopt_draft", drop=("articles", "signed_by")),
        "RatificationVoteRecorded": Replay(command="record_vote", drop=("rule",), adapt=_vote_inputs),
        "TieDecided": Replay(command="decide_tie"),
        "Signed": Replay(command="sign"),
        "Reopened": Replay(command="reopen"),
        "WageBaseRecorded": Replay(command="record_wage_base"),
    }
    RECORDED_ELSEWHERE: ClassVar[Mapping[str, str]] = {
        "Reopened": N_("is the authority's objection: correct it on the contract ('contract correct')"),
    }

    @staticmethod
    def create_id(reference: str) -> UUID:
        return negotiation_id(reference)

    @event(Opened)
    def __init__(
        self,
        reference: str,
        employer: str,
        union: str,
        kind: AgreementKind,
        topic: str,
        profile_id: str,
        requested_by: Side,
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
        self.requested_by = requested_by
        self.purpose = purpose
        self.predecessor = predecessor
        self.opened_on = on
        self.stage = Stage.OPENED
        self.progress_on: date | None = None
        self.request_received_on: date | None = None
        self.request_topics = ""
        self.reply_on: date | None = None
        self.reply_accepted: bool | None = None
        self.reply_reason = ""
        self.representatives: dict[str, Representative] = {}
        self.replaced: list[tuple[date, str, str]] = []  # (on, old, new)
        self.rounds: list[Round] = []
        self.proposals: dict[str, Proposal] = {}
        self.agreements: dict[str, Agreement] = {}
        self.article_order: list[str] = []
        self.suspensions: list[Suspension] = []
        self.draft_on: date | None = None
        self.rounds_at_draft = 0  # articles change only in rounds held after the last draft
        self.last_draft_on: date | None = None
        self.draft_signed_by: list[str] = []
        self.votes: list[Vote] = []
        self.signed_on: date | None = None
        self.signatories: tuple[str, str] | None = None
        self.witnesses: list[str] = []
        self.term: Term | None = None
        self.signings = 0
        self.reopenings: list[tuple[date, str]] = []
        self.wage_base: WageBase | None = None

    # ----------------------------------------------------------------- queries

    @property
    def profile(self) -> JurisdictionProfile:
        return get_profile(self.profile_id)

    def chief(self, side: Side) -> Representative | None:
        return next(
            (r for r in self.representatives.values() if r.side is side and r.role is Role.CHIEF),
            None,
        )

    def team_on(self, day: date) -> dict[str, Representative]:
        """The representatives appointed on or before ``day``."""
        return {
            name: rep
            for name, rep in self.representatives.items()
            if rep.appointed_on is None or rep.appointed_on <= day
        }

    def article_proposals(self, article: str) -> list[Proposal]:
        return [p for p in self.proposals.values() if p.article == article]

    def article_status(self, article: str) -> str:
        if article in self.agreements:
            return "agreed"
        if current_proposal(self.article_proposals(article), len(self.rounds)) is None:
            return "withdrawn"  # every proposal on it was withdrawn: it is off the table
        return "open"

    def live_articles(self) -> list[str]:
        """Articles on the table: agreed, or with a proposal not withdrawn."""
        return [a for a in self.article_order if self.article_status(a) != "withdrawn"]

    def draft_on_last(self) -> str:
        return self.last_draft_on.isoformat() if self.last_draft_on else _("an earlier date")

    def last_round(self) -> int:
        return len(self.rounds)

    @property
    def last_vote(self) -> Vote | None:
        return self.votes[-1] if self.votes else None

    # ---------------------------------------------------------------- commands

    def _require_stage(self, field: str, *stages: Stage, doing: str) -> None:
        if self.stage not in stages:
            allowed = _(" or ").join(pgettext("stage", s.value) for s in stages)
            raise StageError(
                field,
                _("cannot {doing} while the negotiation is {stage} (needs: {allowed})").format(
                    doing=_(doing), stage=pgettext("stage", self.stage.value), allowed=allowed
                ),
            )

    def _require_in_order(self, field: str, on: date) -> None:
        if self.progress_on is not None and on < self.progress_on:
            raise RuleViolationError(
                field,
                _(
                    "{day} is before the last recorded step on {last}; steps are recorded in the order"
                    " they happened"
                ).format(day=on.isoformat(), last=self.progress_on.isoformat()),
            )

    def receive_request(self, *, on: date, by: str, topics: str = "") -> None:
        self._require_stage("request", Stage.OPENED, Stage.REFUSED, doing=N_("record a request"))
        self._require_in_order("request.on", on)
        self._request_received(on=on, by=by, topics=topics)

    @event(RequestReceived)
    def _request_received(self, on: date, by: str, topics: str) -> None:
        self.stage = Stage.REQUESTED
        self.progress_on = on
        self.request_received_on = on
        self.request_topics = topics
        self.reply_on = None
        self.reply_accepted = None
        self.reply_reason = ""

    def answer_request(self, *, on: date, by: str, accepted: bool, reason: str = "") -> None:
        self._require_stage("reply", Stage.REQUESTED, doing=N_("record a reply"))
        self._require_in_order("reply.on", on)
        self._request_answered(on=on, by=by, accepted=accepted, reason=reason)

    @event(RequestAnswered)
    def _request_answered(self, on: date, by: str, accepted: bool, reason: str) -> None:
        self.stage = Stage.NEGOTIATING if accepted else Stage.REFUSED
        self.progress_on = on
        self.reply_on = on
        self.reply_accepted = accepted
        self.reply_reason = reason

    def appoint(
        self,
        *,
        on: date,
        by: str,
        name: str,
        side: Side,
        role: Role,
        title: str = "",
        replaces: str = "",
    ) -> None:
        if self.stage in (Stage.DRAFT, Stage.TIED, Stage.RATIFIED, Stage.SIGNED):
            raise StageError(
                "appoint",
                _("the negotiation is {stage}; the teams that adopted the draft can no longer change").format(
                    stage=pgettext("stage", self.stage.value)
                ),
            )
        if self.rounds and on < self.rounds[-1].on:
            raise RuleViolationError(
                "appoint.on",
                _(
                    "{day} is before round {round} on {round_on}; appointments are recorded in the order"
                    " they happened"
                ).format(day=on.isoformat(), round=len(self.rounds), round_on=self.rounds[-1].on.isoformat()),
            )
        profile = self.profile
        rep = Representative(name=name, side=side, role=role, title=title)
        check_appointment(rep, self.representatives.values(), profile, replaces=replaces or None)
        if replaces and self.representatives[replaces].role is Role.CHIEF and role is not Role.CHIEF:
            raise RuleViolationError(
                "appoint.replaces",
                _("{name} is the {side} side's chief; appoint the successor with --chief").format(
                    name=replaces, side=pgettext("side", side.value)
                ),
            )
        self._representative_appointed(
            on=on, by=by, name=name, side=side, role=role, title=title, replaces=replaces
        )

    @event(RepresentativeAppointed)
    def _representative_appointed(
        self, on: date, by: str, name: str, side: Side, role: Role, title: str, replaces: str
    ) -> None:
        if replaces:
            del self.representatives[replaces]
            self.replaced.append((on, replaces, name))
        self.representatives[name] = Representative(
            name=name, side=side, role=role, title=title, appointed_on=on
        )

    def hold_round(
        self,
        *,
        on: date,
        by: str,
        place: str,
        chair: str,
        recorder: str,
        present: list[str],
        minutes: str,
    ) -> int:
        self._require_stage("round", Stage.NEGOTIATING, doing=N_("hold a round"))
        self._require_in_order("round.on", on)
        profile = self.profile
        team = self.team_on(on)
        check_teams(team.values(), profile)
        chief_names = {r.name for r in team.values() if r.role is Role.CHIEF}
        if chair not in chief_names:
            raise RuleViolationError(
                "round.chair",
                _(
                    "{name} is not a chief representative; the chiefs ({chiefs}) chair the rounds ({basis})"
                ).format(
                    name=chair, chiefs=", ".join(sorted(chief_names)), basis=profile.cite(profile.chair_basis)
                ),
            )
        if profile.chairs_rotate and self.rounds and self.rounds[-1].chair == chair:
            raise RuleViolationError(
                "round.chair",
                _("{name} chaired round {round}; the chief representatives chair in turn ({basis})").format(
                    name=chair, round=len(self.rounds), basis=profile.cite(profile.chair_basis)
                ),
            )
        if recorder in team:
            raise RuleViolationError(
                "round.recorder",
                _("{name} is a representative; the recorder must not be one ({basis})").format(
                    name=recorder, basis=profile.cite(profile.recorder_basis)
                ),
            )
        unknown = [p for p in present if p not in team]
        if unknown:
            raise InvalidValueError(
                "round.present",
                _("{names} is not a representative of either side on {day}").format(
                    names=", ".join(unknown), day=on.isoformat()
                ),
            )
        number = len(self.rounds) + 1
        self._round_held(
            on=on,
            by=by,
            number=number,
            place=place,
            chair=chair,
            recorder=recorder,
            present=list(present),
            minutes=minutes,
        )
        return number

    @event(RoundHeld)
    def _round_held(
        self,
        on: date,
        by: str,
        number: int,
        place: str,
        chair: str,
        recorder: str,
        present: list[str],
        minutes: str,
    ) -> None:
        self.progress_on = on
        self.rounds.append(
            Round(
                number=number,
                on=on,
                place=place,
                chair=chair,
                recorder=recorder,
                present=tuple(present),
                minutes=minutes,
            )
        )

    def _round_date(self, field: str, round_no: int) -> date:
        if not self.rounds:
            raise StageError(field, _("no round has been held yet; record one with 'negotiation round'"))
        if not 1 <= round_no <= len(self.rounds):
            raise InvalidValueError(
                field,
                _("round {round} does not exist (rounds 1-{last})").format(
                    round=round_no, last=len(self.rounds)
                ),
            )
        return self.rounds[round_no - 1].on

    def _require_article_order(self, field: str, article: str, round_no: int) -> None:
        activity = [p.round for p in self.article_proposals(article)]
        activity += [p.withdrawn_round for p in self.article_proposals(article) if p.withdrawn_round]
        if article in self.agreements:
            activity.append(self.agreements[article].round)
        if round_no <= self.rounds_at_draft:
            raise RuleViolationError(
                field,
                _(
                    "round {round} was before the draft of {day}; hold a new round to change the articles"
                ).format(round=round_no, day=self.draft_on_last()),
            )
        if activity and round_no < max(activity):
            raise RuleViolationError(
                field,
                _("article {article} was last acted on in round {last}; round {round} is earlier").format(
                    article=repr(article), last=max(activity), round=round_no
                ),
            )

    def table_proposal(
        self,
        *,
        by: str,
        article: str,
        side: Side,
        text: str,
        round_no: int | None = None,
        wage: WageTerms | None = None,
    ) -> str:
        self._require_stage("propose", Stage.NEGOTIATING, doing=N_("table a proposal"))
        number = round_no if round_no is not None else len(self.rounds)
        on = self._round_date("propose.round", number)
        self._require_article_order("propose.round", article, number)
        if (
            wage is not None
            and not wage.is_empty()
            and self.kind
            not in (
                AgreementKind.WAGE,
                AgreementKind.COMPREHENSIVE,
                AgreementKind.REGIONAL,
                AgreementKind.INDUSTRY,
            )
        ):
            raise RuleViolationError(
                "propose.wage",
                _("a {kind} contract has no wage terms").format(kind=pgettext("kind", self.kind.value)),
            )
        if wage is not None and self.wage_base is not None:
            check_groups(self.wage_base, wage, "propose.raise")
        current = current_proposal(self.article_proposals(article), number)
        counter_to = current.id if current and current.side is not side else ""
        proposal_id = f"P{len(self.proposals) + 1}"
        self._proposal_tabled(
            on=on,
            by=by,
            proposal_id=proposal_id,
            article=article,
            side=side,
            round=number,
            text=text,
            wage=wage,
            counter_to=counter_to,
        )
        return proposal_id

    @event(ProposalTabled)
    def _proposal_tabled(
        self,
        on: date,
        by: str,
        proposal_id: str,
        article: str,
        side: Side,
        round: int,
        text: str,
        wage: WageTerms | None,
        counter_to: str,
    ) -> None:
        self.proposals[proposal_id] = Proposal(
            id=proposal_id,
            article=article,
            side=side,
            round=round,
            on=on,
            text=text,
            wage=wage,
            counter_to=counter_to or None,
        )
        if article not in self.article_order:
            self.article_order.append(article)
        self.agreements.pop(article, None)  # a new proposal reopens an agreed article

    def withdraw_proposal(
        self, *, by: str, proposal_id: str, reason: str = "", round_no: int | None = None
    ) -> None:
        self._require_stage("withdraw", Stage.NEGOTIATING, doing=N_("withdraw a proposal"))
        proposal = self.proposals.get(proposal_id)
        if proposal is None:
            raise InvalidValueError(
                "withdraw.proposal", _("{id} is not a proposal of this negotiation").format(id=proposal_id)
            )
        if proposal.withdrawn_round is not None:
            raise RuleViolationError(
                "withdraw.proposal", _("{id} was already withdrawn").format(id=proposal_id)
            )
        if proposal.article in self.agreements:
            raise RuleViolationError(
                "withdraw.proposal",
                _("article {article} is agreed; table a new proposal to reopen it first").format(
                    article=repr(proposal.article)
                ),
            )
        number = round_no if round_no is not None else len(self.rounds)
        on = self._round_date("withdraw.round", number)
        self._require_article_order("withdraw.round", proposal.article, number)
        self._proposal_withdrawn(on=on, by=by, proposal_id=proposal_id, round=number, reason=reason)

    @event(ProposalWithdrawn)
    def _proposal_withdrawn(self, on: date, by: str, proposal_id: str, round: int, reason: str) -> None:
        old = self.proposals[proposal_id]
        self.proposals[proposal_id] = Proposal(
            id=old.id,
            article=old.article,
            side=old.side,
            round=old.round,
            on=old.on,
            text=old.text,
            wage=old.wage,
            counter_to=old.counter_to,
            withdrawn_round=round,
            withdrawn_on=on,
            withdrawn_reason=reason,
        )

    def agree_article(self, *, by: str, article: str, round_no: int | None = None) -> None:
        self._require_stage("agree", Stage.NEGOTIATING, doing=N_("agree an article"))
        if article not in self.article_order:
            raise InvalidValueError(
                "agree.article",
                _("no proposal has been tabled on article {article}").format(article=repr(article)),
            )
        if article in self.agreements:
            raise RuleViolationError(
                "agree.article", _("article {article} is already agreed").format(article=repr(article))
            )
        number = round_no if round_no is not None else len(self.rounds)
        on = self._round_date("agree.round", number)
        self._require_article_order("agree.round", article, number)
        current = current_proposal(self.article_proposals(article), number)
        if current is None:
            raise RuleViolationError(
                "agree.article",
                _("every proposal on article {article} was withdrawn; nothing to agree").format(
                    article=repr(article)
                ),
            )
        self._article_agreed(
            on=on, by=by, article=article, round=number, proposal_id=current.id, text=current.text
        )

    @event(ArticleAgreed)
    def _article_agreed(
        self, on: date, by: str, article: str, round: int, proposal_id: str, text: str
    ) -> None:
        self.agreements[article] = Agreement(round=round, on=on, proposal_id=proposal_id, text=text)

    def suspend(self, *, on: date, by: str, until: date, reason: str) -> None:
        self._require_stage("suspend", Stage.NEGOTIATING, doing=N_("suspend"))
        self._require_in_order("suspend.on", on)
        if until <= on:
            raise InvalidValueError(
                "suspend.until",
                _("{until} is not after {day}").format(until=until.isoformat(), day=on.isoformat()),
            )
        profile = self.profile
        if profile.suspension_max_days is not None and (until - on).days > profile.suspension_max_days:
            raise RuleViolationError(
                "suspend.until",
                ngettext(
                    "a suspension may last at most {n} day ({basis})",
                    "a suspension may last at most {n} days ({basis})",
                    profile.suspension_max_days,
                ).format(n=profile.suspension_max_days, basis=profile.cite(profile.suspension_basis)),
            )
        self._suspended(on=on, by=by, until=until, reason=reason)

    @event(Suspended)
    def _suspended(self, on: date, by: str, until: date, reason: str) -> None:
        self.stage = Stage.SUSPENDED
        self.progress_on = on
        self.suspensions.append(Suspension(on=on, until=until, reason=reason))

    def resume(self, *, on: date, by: str) -> None:
        self._require_stage("resume", Stage.SUSPENDED, doing=N_("resume"))
        self._require_in_order("resume.on", on)
        self._resumed(on=on, by=by)

    @event(Resumed)
    def _resumed(self, on: date, by: str) -> None:
        self.stage = Stage.NEGOTIATING
        self.progress_on = on
        self.suspensions[-1] = attrs.evolve(self.suspensions[-1], resumed_on=on)

    def adopt_draft(self, *, on: date, by: str) -> None:
        self._require_stage("draft", Stage.NEGOTIATING, doing=N_("adopt the draft"))
        self._require_in_order("draft.on", on)
        live = self.live_articles()
        if not live:
            raise RuleViolationError(
                "draft", _("no article has been negotiated; table and agree articles first")
            )
        open_articles = [a for a in live if a not in self.agreements]
        if open_articles:
            raise RuleViolationError(
                "draft",
                ngettext(
                    "{n} article not yet agreed: {articles}",
                    "{n} articles not yet agreed: {articles}",
                    len(open_articles),
                ).format(n=len(open_articles), articles=", ".join(open_articles)),
            )
        check_teams(self.team_on(on).values(), self.profile)
        chiefs = [self.chief(s) for s in Side]
        signed_by = [c.name for c in chiefs if c is not None]
        self._draft_adopted(on=on, by=by, articles=live, signed_by=signed_by)

    @event(DraftAdopted)
    def _draft_adopted(self, on: date, by: str, articles: list[str], signed_by: list[str]) -> None:
        self.stage = Stage.DRAFT
        self.progress_on = on
        self.draft_on = on
        self.rounds_at_draft = len(self.rounds)
        self.last_draft_on = on
        self.draft_signed_by = list(signed_by)

    def record_vote(
        self,
        *,
        on: date,
        by: str,
        body: RatificationBody,
        session: str,
        tally: VoteTally | None,
        reported: VoteOutcome | None = None,
        no_quorum: bool = False,
    ) -> VoteOutcome:
        """Record the vote; ``no_quorum`` records a meeting held without quorum (its tally shows
        it), which leaves the draft to be voted on again."""
        self._require_stage("vote", Stage.DRAFT, doing=N_("record a ratification vote"))
        self._require_in_order("vote.on", on)
        profile = self.profile
        if no_quorum and tally is None:
            raise InvalidValueError(
                "vote.no-quorum", _("a meeting held without quorum is recorded with --roll and --present")
            )
        if tally is not None:
            if reported is not None:
                raise InvalidValueError(
                    "vote.outcome", _("give either the tally or the reported outcome, not both")
                )
            result = evaluate(tally, profile, no_quorum=no_quorum)
            outcome, rule = result.outcome, result.rule
        else:
            if reported is None:
                raise InvalidValueError(
                    "vote", _("give the tally (--roll --present --yes --no) or the reported --outcome")
                )
            if reported not in (VoteOutcome.PASSED, VoteOutcome.REJECTED):
                raise InvalidValueError("vote.outcome", _("a reported outcome is passed or rejected"))
            outcome = reported
            with english():  # kept in the event in English; ratification.vote_rule shows it
                rule = reported_rule(profile)
        self._vote_recorded(on=on, by=by, body=body, session=session, tally=tally, outcome=outcome, rule=rule)
        return outcome

    @event(RatificationVoteRecorded)
    def _vote_recorded(
        self,
        on: date,
        by: str,
        body: RatificationBody,
        session: str,
        tally: VoteTally | None,
        outcome: VoteOutcome,
        rule: str,
    ) -> None:
        self.progress_on = on
        self.votes.append(Vote(on=on, body=body, session=session, tally=tally, outcome=outcome, rule=rule))
        self.stage = {
            VoteOutcome.PASSED: Stage.RATIFIED,
            VoteOutcome.REJECTED: Stage.NEGOTIATING,
            VoteOutcome.TIED: Stage.TIED,
            VoteOutcome.NO_QUORUM: Stage.DRAFT,  # the same draft is voted on again
        }[outcome]
        if outcome is VoteOutcome.REJECTED:
            self.draft_on = None

    def decide_tie(self, *, on: date, by: str, outcome: VoteOutcome, reason: str) -> None:
        self._require_stage("vote.decide", Stage.TIED, doing=N_("decide a tied vote"))
        self._require_in_order("vote.on", on)
        if outcome not in (VoteOutcome.PASSED, VoteOutcome.REJECTED):
            raise InvalidValueError("vote.decide", _("decide the tie as passed or rejected"))
        self._tie_decided(on=on, by=by, outcome=outcome, reason=reason)

    @event(TieDecided)
    def _tie_decided(self, on: date, by: str, outcome: VoteOutcome, reason: str) -> None:
        self.progress_on = on
        decision = TieDecision(on=on, by=by, outcome=outcome, reason=reason)
        self.votes[-1] = attrs.evolve(self.votes[-1], decided=decision)
        self.stage = Stage.RATIFIED if outcome is VoteOutcome.PASSED else Stage.NEGOTIATING
        if outcome is VoteOutcome.REJECTED:
            self.draft_on = None

    def sign(
        self,
        *,
        on: date,
        by: str,
        term: Term,
        union_signatory: str = "",
        employer_signatory: str = "",
        witnesses: list[str] | None = None,
    ) -> list[str]:
        """Sign after a passing vote; returns warnings (a term outside the usual 1-3 years)."""
        profile = self.profile
        if self.stage is Stage.SIGNED:
            assert self.signed_on is not None
            raise StageError("sign", _("already signed on {day}").format(day=self.signed_on.isoformat()))
        if self.stage is not Stage.RATIFIED:
            raise StageError(
                "sign",
                _(
                    "the draft has no passing ratification vote (the negotiation is {stage});"
                    " signing comes after it ({basis})"
                ).format(
                    stage=pgettext("stage", self.stage.value), basis=profile.cite(profile.signing_basis)
                ),
            )
        self._require_in_order("sign.on", on)
        self._require_term_near(term, on)
        check_teams(self.team_on(on).values(), profile)
        names = {}
        for side, given in ((Side.UNION, union_signatory), (Side.EMPLOYER, employer_signatory)):
            chief = self.chief(side)
            assert chief is not None  # a draft cannot be adopted without both chiefs
            if given and given != chief.name:
                raise RuleViolationError(
                    f"sign.{side.value}",
                    _(
                        "{name} is not the {side} side's chief representative ({chief});"
                        " both chiefs sign ({basis})"
                    ).format(
                        name=given,
                        side=pgettext("side", side.value),
                        chief=chief.name,
                        basis=profile.cite(profile.signing_basis),
                    ),
                )
            names[side] = chief.name
        warnings = term_warnings(term, profile)
        self._signed(
            on=on,
            by=by,
            union_signatory=names[Side.UNION],
            employer_signatory=names[Side.EMPLOYER],
            witnesses=list(witnesses or []),
            term=term,
        )
        return warnings

    @event(Signed)
    def _signed(
        self,
        on: date,
        by: str,
        union_signatory: str,
        employer_signatory: str,
        witnesses: list[str],
        term: Term,
    ) -> None:
        self.stage = Stage.SIGNED
        self.progress_on = on
        self.signed_on = on
        self.signatories = (union_signatory, employer_signatory)
        self.witnesses = list(witnesses)
        self.term = term
        self.signings += 1

    def _require_term_near(self, term: Term, on: date) -> None:
        """A term starting years away from the signing is a typo, not a contract."""
        if abs((term.start - on).days) > MAX_TERM_START_GAP_DAYS:
            raise InvalidValueError(
                "sign.term-start",
                _("{start} is more than a year from the signing on {day}; check the year").format(
                    start=term.start.isoformat(), day=on.isoformat()
                ),
            )

    def reopen(self, *, on: date, by: str, reason: str) -> None:
        """After the authority's objection the parties renegotiate (S1 Art 46)."""
        self._require_stage("objection", Stage.SIGNED, doing=N_("reopen"))
        self._reopened(on=on, by=by, reason=reason)

    @event(Reopened)
    def _reopened(self, on: date, by: str, reason: str) -> None:
        self.stage = Stage.NEGOTIATING
        self.progress_on = max(self.progress_on or on, on)
        self.draft_on = None
        self.reopenings.append((on, reason))

    def record_wage_base(self, *, on: date, by: str, base: WageBase) -> None:
        """Last year's workforce and pay, the figures proposals are costed on (S2 Art 8 (7)).
        Recorded again, it replaces the one before from then on."""
        if not base.groups:
            raise InvalidValueError(
                "base.group", _("name at least one group: --group NAME --headcount N --wage AMOUNT")
            )
        if self.kind not in (
            AgreementKind.WAGE,
            AgreementKind.COMPREHENSIVE,
            AgreementKind.REGIONAL,
            AgreementKind.INDUSTRY,
        ):
            raise RuleViolationError(
                "base",
                _("a {kind} contract has no wage terms").format(kind=pgettext("kind", self.kind.value)),
            )
        self._wage_base_recorded(on=on, by=by, base=base)

    @event(WageBaseRecorded)
    def _wage_base_recorded(self, on: date, by: str, base: WageBase) -> None:
        self.wage_base = base


def term_warnings(term: Term, profile: JurisdictionProfile) -> list[str]:
    """The term is "generally 1 to 3 years" (S1 Art 38): outside it, warn, do not refuse."""
    warnings = []
    lo, hi = profile.term_min_months, profile.term_max_months
    shortest = add_months(term.start, lo) if lo else None
    longest = add_months(term.start, hi) if hi else None
    outside = (shortest is not None and term.end < shortest - _ONE_DAY) or (
        longest is not None and term.end >= longest
    )
    if outside:
        message = _("term {start} to {end} is outside the usual {low}-{high} years ({basis})").format(
            start=term.start.isoformat(),
            end=term.end.isoformat(),
            low=lo // 12 if lo else 0,
            high=hi // 12 if hi else "?",
            basis=profile.cite(profile.term_basis),
        )
        if profile.term_is_hard_limit:
            raise RuleViolationError("sign.term", message)
        warnings.append("term: " + message)
    return warnings


_ONE_DAY = timedelta(days=1)
MAX_TERM_START_GAP_DAYS = 366
