"""A state machine over the MediationCase aggregate: no sequence of commands reaches an impossible
state, a refused command changes nothing, and replaying the events rebuilds the same state."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain.case import MediationCase
from domain.disputes import CaseStatus, Category, Channel, Outcome, ReferralTarget
from domain.errors import DomainError


def fingerprint(c: MediationCase) -> Any:
    return (
        c.version,
        c.accepted_on,
        c.declined,
        list(c.mediators),
        list(c.sessions),
        c.extended_until,
        c.agreement,
        c.closed,
        c.referral,
        c.review_requested,
        c.performance,
        list(c.flags),
    )


class CaseMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.day = date(2024, 3, 7)
        self.events: list[Any] = []

    @initialize(category=st.sampled_from(Category), workers=st.integers(1, 30))
    def apply(self, category: Category, workers: int) -> None:
        self.c = MediationCase(
            reference="SM-CASE",
            channel=Channel.VISIT,
            applicants=["甲"],
            respondent="公司",
            category=category,
            tags=[],
            workers_involved=workers,
            amount_claimed=Decimal("1000.00"),
            currency="CNY",
            request="请求",
            facts="",
            applied_at="",
            body="",
            referred_from="",
            known_on=None,
            profile_id="PRC",
            on=self.day,
            by="m",
        )
        self.events += self.c.collect_events()

    def attempt(self, step: Any) -> None:
        before = fingerprint(self.c)
        try:
            step()
        except DomainError:
            assert fingerprint(self.c) == before, "a refused command changed the state"
            assert not self.c.pending_events
        self.events += self.c.collect_events()
        event(f"reached {self.c.status(self.day).value}")

    @rule(gap=st.integers(-2, 20))
    def time_passes(self, gap: int) -> None:
        self.day += timedelta(days=gap)

    @rule(settle_now=st.booleans())
    def advance(self, settle_now: bool) -> None:
        """The next sensible step, so deep states are reached among the chaos."""
        c, day = self.c, self.day
        status = c.status(day)
        if status is CaseStatus.RECEIVED:
            self.attempt(lambda: c.accept(on=day, by="m", both_agree=True))
        elif status is CaseStatus.ACCEPTED and not c.mediators:
            self.attempt(lambda: c.assign(on=day, by="m", body="B", mediators=["周"]))
        elif status is CaseStatus.ACCEPTED and not settle_now:
            self.session()
        elif status is CaseStatus.ACCEPTED:
            self.settle("周", signed=True, sealed=True)
        elif status is CaseStatus.SETTLED:
            self.perform(performed=settle_now)

    @rule(agree=st.booleans())
    def accept(self, agree: bool) -> None:
        self.attempt(lambda: self.c.accept(on=self.day, by="m", both_agree=agree))

    @rule()
    def decline(self) -> None:
        self.attempt(lambda: self.c.decline(on=self.day, by="m", reason="拒绝"))

    @rule(mediators=st.lists(st.sampled_from(["周", "王"]), max_size=2, unique=True))
    def assign(self, mediators: list[str]) -> None:
        self.attempt(lambda: self.c.assign(on=self.day, by="m", body="B", mediators=mediators))

    @rule()
    def session(self) -> None:
        self.attempt(lambda: self.c.hold_session(on=self.day, by="m", attendees=["甲"], offered="", notes=""))

    @rule(days=st.integers(-3, 20), agree=st.booleans())
    def extend(self, days: int, agree: bool) -> None:
        self.attempt(
            lambda: self.c.extend(
                on=self.day, by="m", until=self.day + timedelta(days=days), both_agree=agree, reason=""
            )
        )

    @rule(mediator=st.sampled_from(["周", "王", "李"]), signed=st.booleans(), sealed=st.booleans())
    def settle(self, mediator: str, signed: bool, sealed: bool) -> None:
        self.attempt(
            lambda: self.c.settle(
                on=self.day,
                by="m",
                terms="协议",
                amount_agreed=Decimal("500.00"),
                performance_due=self.day + timedelta(days=10),
                performance_method="转账",
                mediator=mediator,
                parties_signed=signed,
                sealed=sealed,
            )
        )

    @rule()
    def fail(self) -> None:
        self.attempt(lambda: self.c.fail(on=self.day, by="m", reason="不成"))

    @rule()
    def withdraw(self) -> None:
        self.attempt(lambda: self.c.withdraw(on=self.day, by="m", reason="撤回"))

    @rule()
    def refer(self) -> None:
        self.attempt(
            lambda: self.c.refer(
                on=self.day, by="m", target=ReferralTarget.ARBITRATION, to="仲裁委", new_reference=""
            )
        )

    @rule()
    def review(self) -> None:
        self.attempt(lambda: self.c.request_review(on=self.day, by="m", commission=""))

    @rule(performed=st.booleans())
    def perform(self, performed: bool) -> None:
        self.attempt(lambda: self.c.record_performance(on=self.day, by="m", performed=performed, note=""))

    @invariant()
    def replaying_the_events_rebuilds_the_same_state(self) -> None:
        rebuilt: Any = None
        for domain_event in self.events:
            rebuilt = domain_event.mutate(rebuilt)
        assert fingerprint(rebuilt) == fingerprint(self.c)

    @invariant()
    def steps_are_recorded_in_date_order(self) -> None:
        dates = [e.on for e in self.events if type(e).__name__ != "RiskFlagged"]
        assert dates == sorted(dates)

    @invariant()
    def a_case_closes_at_most_once_and_never_after_being_declined(self) -> None:
        closing = [
            e for e in self.events if type(e).__name__ in ("Settled", "Failed", "Withdrawn", "Referred")
        ]
        assert len(closing) <= 1
        if self.c.declined is not None:
            assert self.c.accepted_on is None
            assert self.c.closed is None

    @invariant()
    def an_agreement_needs_acceptance_an_assigned_mediator_and_the_time_limit(self) -> None:
        agreement = self.c.agreement
        if agreement is not None:
            assert self.c.accepted_on is not None
            assert agreement.mediator in self.c.mediators
            deadline = self.c.mediation_deadline()
            assert deadline is not None
            assert self.c.accepted_on <= agreement.on <= deadline

    @invariant()
    def sessions_fall_between_acceptance_and_the_deadline(self) -> None:
        deadline = self.c.mediation_deadline()
        for s in self.c.sessions:
            assert self.c.accepted_on is not None
            assert deadline is not None
            assert self.c.accepted_on <= s.on

    @invariant()
    def review_and_performance_only_follow_an_agreement(self) -> None:
        if self.c.review_requested is not None or self.c.performance is not None:
            assert self.c.closed is not None
            assert self.c.closed[0] is Outcome.SETTLED
        status = self.c.status(self.day)
        if status is CaseStatus.DEEMED_FAILED:
            assert self.c.closed is None


CaseMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
TestCaseMachine = CaseMachine.TestCase
