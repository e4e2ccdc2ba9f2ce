"""A state machine over the Negotiation aggregate: no sequence of commands reaches an impossible
state, a refused command changes nothing, and replaying the events rebuilds the same state."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain.errors import DomainError
from domain.negotiation import Negotiation
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
)

PEOPLE = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"]
ARTICLES = ["第一条", "第二条", "第三条"]


def fingerprint(n: Negotiation) -> Any:
    return (
        n.stage,
        n.version,
        sorted(n.representatives),
        list(n.rounds),
        sorted(n.proposals.items()),
        sorted(n.agreements.items()),
        n.draft_on,
        list(n.votes),
        n.signed_on,
        n.term,
    )


class NegotiationMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.day = date(2011, 1, 1)
        self.events: list[Any] = []

    @initialize(kind=st.sampled_from(AgreementKind))
    def open(self, kind: AgreementKind) -> None:
        self.n = Negotiation(
            reference="SM-1",
            employer="企业",
            union="工会",
            kind=kind,
            topic="",
            profile_id="PRC",
            requested_by=Side.UNION,
            purpose=Purpose.NEW,
            predecessor="",
            on=self.day,
            by="机器",
        )
        self.events += self.n.collect_events()

    def attempt(self, step: Any) -> None:
        before = fingerprint(self.n)
        try:
            step()
        except DomainError:
            assert fingerprint(self.n) == before, "a refused command changed the state"
            assert not self.n.pending_events, "a refused command left an event behind"
        self.events += self.n.collect_events()
        event(f"reached {self.n.stage.value}")

    @rule(gap=st.integers(-3, 12))
    def time_passes(self, gap: int) -> None:
        self.day += timedelta(days=gap)

    @rule()
    def request(self) -> None:
        self.attempt(lambda: self.n.receive_request(on=self.day, by="m"))

    @rule(accepted=st.booleans())
    def reply(self, accepted: bool) -> None:
        self.attempt(lambda: self.n.answer_request(on=self.day, by="m", accepted=accepted))

    @rule(
        name=st.sampled_from(PEOPLE),
        side=st.sampled_from(Side),
        role=st.sampled_from(Role),
        replaces=st.sampled_from(["", *PEOPLE]),
    )
    def appoint(self, name: str, side: Side, role: Role, replaces: str) -> None:
        self.attempt(
            lambda: self.n.appoint(on=self.day, by="m", name=name, side=side, role=role, replaces=replaces)
        )

    @rule()
    def seat_both_teams(self) -> None:
        for name, side, role in (
            ("甲", Side.UNION, Role.CHIEF),
            ("乙", Side.UNION, Role.MEMBER),
            ("丙", Side.UNION, Role.MEMBER),
            ("丁", Side.EMPLOYER, Role.CHIEF),
            ("戊", Side.EMPLOYER, Role.MEMBER),
            ("己", Side.EMPLOYER, Role.MEMBER),
        ):
            self.attempt(
                lambda name=name, side=side, role=role: self.n.appoint(
                    on=self.day, by="m", name=name, side=side, role=role
                )
            )

    @rule()
    def hold_round_chaired_in_turn(self) -> None:
        last = self.n.rounds[-1].chair if self.n.rounds else "丁"
        chair = "甲" if last == "丁" else "丁"
        self.attempt(
            lambda: self.n.hold_round(
                on=self.day,
                by="m",
                place="室",
                chair=chair,
                recorder="记录员",
                present=["甲", "丁"],
                minutes="纪要",
            )
        )

    @rule(yes=st.integers(0, 9), present=st.integers(5, 9))
    def vote_of_a_small_congress(self, yes: int, present: int) -> None:
        def step() -> None:
            tally = VoteTally(roll=9, present=present, yes=min(yes, present), no=0)
            self.n.record_vote(on=self.day, by="m", body=RatificationBody.CONGRESS, session="", tally=tally)

        self.attempt(step)

    @rule()
    def advance(self) -> None:
        """The next sensible step for the stage, so deep stages are reached among the chaos."""
        n, day = self.n, self.day
        if n.stage in (Stage.OPENED, Stage.REFUSED):
            self.attempt(lambda: n.receive_request(on=day, by="m"))
        elif n.stage is Stage.REQUESTED:
            self.attempt(lambda: n.answer_request(on=day, by="m", accepted=True))
        elif n.stage is Stage.SUSPENDED:
            self.attempt(lambda: n.resume(on=day, by="m"))
        elif n.stage is Stage.NEGOTIATING and len(n.representatives) < 6:
            self.seat_both_teams()
        elif n.stage is Stage.NEGOTIATING and not n.rounds:
            self.hold_round_chaired_in_turn()
        elif n.stage is Stage.NEGOTIATING:
            open_articles = [a for a in ARTICLES[:2] if a not in n.agreements]
            if not open_articles:
                self.attempt(lambda: n.adopt_draft(on=day, by="m"))
            elif open_articles[0] in n.article_order:
                self.attempt(lambda: n.agree_article(by="m", article=open_articles[0]))
            else:
                self.attempt(
                    lambda: n.table_proposal(by="m", article=open_articles[0], side=Side.UNION, text="文")
                )
        elif n.stage is Stage.DRAFT:
            self.vote_of_a_small_congress(9, 9)
        elif n.stage is Stage.TIED:
            self.attempt(
                lambda: n.decide_tie(on=day, by="m", outcome=VoteOutcome.PASSED, reason="主持人裁定")
            )
        elif n.stage is Stage.RATIFIED:
            self.sign(1)

    @rule(chair=st.sampled_from(PEOPLE), recorder=st.sampled_from(["记录员", *PEOPLE]))
    def hold_round(self, chair: str, recorder: str) -> None:
        self.attempt(
            lambda: self.n.hold_round(
                on=self.day,
                by="m",
                place="室",
                chair=chair,
                recorder=recorder,
                present=[],
                minutes="",
            )
        )

    @rule(article=st.sampled_from(ARTICLES), side=st.sampled_from(Side), text=st.text(max_size=5))
    def propose(self, article: str, side: Side, text: str) -> None:
        self.attempt(lambda: self.n.table_proposal(by="m", article=article, side=side, text=text))

    @rule(pid=st.integers(1, 8))
    def withdraw(self, pid: int) -> None:
        self.attempt(lambda: self.n.withdraw_proposal(by="m", proposal_id=f"P{pid}"))

    @rule(article=st.sampled_from(ARTICLES))
    def agree(self, article: str) -> None:
        self.attempt(lambda: self.n.agree_article(by="m", article=article))

    @rule(length=st.integers(-1, 30))
    def suspend(self, length: int) -> None:
        self.attempt(
            lambda: self.n.suspend(
                on=self.day, by="m", until=self.day + timedelta(days=length), reason="等待"
            )
        )

    @rule()
    def resume(self) -> None:
        self.attempt(lambda: self.n.resume(on=self.day, by="m"))

    @rule()
    def draft(self) -> None:
        self.attempt(lambda: self.n.adopt_draft(on=self.day, by="m"))

    @rule(roll=st.integers(1, 30), present=st.integers(0, 30), yes=st.integers(0, 30))
    def vote(self, roll: int, present: int, yes: int) -> None:
        def step() -> None:
            tally = VoteTally(roll=roll, present=present, yes=yes, no=0)
            self.n.record_vote(on=self.day, by="m", body=RatificationBody.CONGRESS, session="", tally=tally)

        self.attempt(step)

    @rule(roll=st.integers(1, 30), present=st.integers(0, 30))
    def meeting_said_to_lack_a_quorum(self, roll: int, present: int) -> None:
        def step() -> None:
            tally = VoteTally(roll=roll, present=present, yes=0, no=0)
            self.n.record_vote(
                on=self.day, by="m", body=RatificationBody.CONGRESS, session="", tally=tally, no_quorum=True
            )

        self.attempt(step)

    @rule(outcome=st.sampled_from(VoteOutcome))
    def decide(self, outcome: VoteOutcome) -> None:
        self.attempt(lambda: self.n.decide_tie(on=self.day, by="m", outcome=outcome, reason="表决"))

    @rule(years=st.integers(1, 4))
    def sign(self, years: int) -> None:
        def step() -> None:
            term = Term(self.day, self.day.replace(year=self.day.year + years) - timedelta(days=1))
            self.n.sign(on=self.day, by="m", term=term)

        self.attempt(step)

    @invariant()
    def replaying_the_events_rebuilds_the_same_state(self) -> None:
        rebuilt: Any = None
        for domain_event in self.events:
            rebuilt = domain_event.mutate(rebuilt)
        assert fingerprint(rebuilt) == fingerprint(self.n)

    @invariant()
    def a_draft_or_later_has_every_article_agreed(self) -> None:
        if self.n.stage in (Stage.DRAFT, Stage.TIED, Stage.RATIFIED, Stage.SIGNED):
            assert self.n.live_articles()
            assert all(a in self.n.agreements for a in self.n.live_articles())

    @invariant()
    def signing_follows_a_passing_vote(self) -> None:
        if self.n.stage is Stage.SIGNED:
            vote = self.n.last_vote
            assert vote is not None
            assert vote.final is VoteOutcome.PASSED

    @invariant()
    def a_meeting_without_quorum_leaves_the_draft_to_be_voted_on_again(self) -> None:
        vote = self.n.last_vote
        if vote is not None and vote.outcome is VoteOutcome.NO_QUORUM:
            assert self.n.stage is Stage.DRAFT
            assert vote.tally is not None
            assert 3 * vote.tally.present < 2 * vote.tally.roll

    @invariant()
    def rounds_are_in_date_order_with_chairs_in_turn(self) -> None:
        dates = [r.on for r in self.n.rounds]
        assert dates == sorted(dates)
        chairs = [r.chair for r in self.n.rounds]
        assert all(a != b for a, b in itertools.pairwise(chairs))

    @invariant()
    def each_side_has_at_most_one_chief_and_no_one_sits_on_both(self) -> None:
        for side in Side:
            chiefs = [r for r in self.n.representatives.values() if r.side is side and r.role is Role.CHIEF]
            assert len(chiefs) <= 1


NegotiationMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=60, deadline=None)
TestNegotiationMachine = NegotiationMachine.TestCase
