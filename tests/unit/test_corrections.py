"""Corrections and retractions fold to the state the corrected facts give (domain.corrections).

The property: any sequence of valid steps, corrections and retractions, folded from the
stored events, equals the corrected sequence recorded directly through the commands, and so
does the read model's row folded from the same events.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from domain.case import MediationCase
from domain.corrections import ReplayBrokenError, fold
from domain.disputes import Category, Channel
from domain.errors import DomainError, RuleViolationError
from domain.negotiation import Negotiation
from domain.values import AgreementKind, Purpose, RatificationBody, Role, Side, VoteOutcome, VoteTally
from projections.folds import fold_case, new_case, refold_case
from projections.payload import event_data

RECEIVED = date(2024, 3, 7)
BOOKKEEPING = ("_id", "_version", "_created_on", "_modified_on", "_pending_events")


def state(aggregate: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(aggregate).items() if k not in BOOKKEEPING}


def opened(amount: str = "12600") -> MediationCase:
    return MediationCase(
        reference="CASE-1",
        channel=Channel.VISIT,
        applicants=["刘某"],
        respondent="某项目部",
        category=Category.WORK_INJURY,
        tags=[],
        workers_involved=1,
        amount_claimed=Decimal(amount),
        currency="CNY",
        request="工伤赔偿",
        facts="",
        applied_at="",
        body="",
        referred_from="",
        known_on=None,
        profile_id="PRC",
        on=RECEIVED,
        by="王芳",
    )


def recorded(aggregate: Any) -> list[Any]:
    return list(aggregate.collect_events())


def load(events: list[Any]) -> Any:
    """The record folded from its stored events."""
    found = fold(events)
    assert found is not None
    return found


def plain_steps(events: list[Any]) -> list[tuple[int, str, dict[str, Any]]]:
    """The events as the read models read them."""
    return [
        (e.originator_version, type(e).__name__, {**event_data(e), "on": e.on.isoformat(), "by": e.by})
        for e in events
    ]


def test_a_corrected_amount_is_what_the_case_says_and_history_keeps_both() -> None:
    case = opened("12600")
    case.accept(on=RECEIVED, by="王芳", both_agree=True)
    history = recorded(case)
    loaded = load(history)
    found = loaded.correct(
        history=history,
        step=1,
        changes={"amount_claimed": Decimal("126000")},
        reason="12600 typed for 126000",
        on=date(2024, 3, 9),
        by="王芳",
    )
    history += recorded(loaded)
    assert found == [[1, "amount_claimed", Decimal("12600.00"), Decimal("126000")]]
    assert load(history).amount_claimed == Decimal("126000")
    assert history[0].amount_claimed == Decimal("12600")  # the original stays as recorded
    assert refold_case("CASE-1", plain_steps(history))["claimed_fen"] == 12_600_000


def test_a_correction_that_breaks_a_later_step_is_refused_naming_it() -> None:
    case = opened()
    case.accept(on=date(2024, 3, 8), by="王芳", both_agree=True)
    case.assign(on=date(2024, 3, 8), by="王芳", body="B", mediators=["吴芳"])
    case.hold_session(on=date(2024, 3, 10), by="王芳", attendees=[], offered="", notes="")
    history = recorded(case)
    with pytest.raises(ReplayBrokenError) as refused:
        load(history).correct(
            history=history,
            step=2,
            changes={"on": date(2024, 3, 12)},
            reason="x",
            on=date(2024, 3, 13),
            by="王芳",
        )
    assert refused.value.number == 3  # the assignment is then before the acceptance
    assert refused.value.field == "assign.on"


def negotiating() -> Negotiation:
    """A wage negotiation with both teams appointed, ready for its first round."""
    n = Negotiation(
        reference="CB-1",
        employer="某公司",
        union="某工会",
        kind=AgreementKind.WAGE,
        topic="",
        profile_id="PRC",
        requested_by=Side.UNION,
        purpose=Purpose.NEW,
        predecessor="",
        on=date(2011, 4, 1),
        by="王芳",
    )
    n.receive_request(on=date(2011, 4, 6), by="王芳")
    n.answer_request(on=date(2011, 4, 10), by="王芳", accepted=True)
    for side, names in ((Side.UNION, ["甲", "乙", "丙"]), (Side.EMPLOYER, ["丁", "戊", "己"])):
        for i, name in enumerate(names):
            n.appoint(
                on=date(2011, 4, 11),
                by="王芳",
                name=name,
                side=side,
                role=Role.CHIEF if i == 0 else Role.MEMBER,
            )
    return n


def test_retracting_a_round_that_a_proposal_was_tabled_in_is_refused() -> None:
    n = negotiating()
    n.hold_round(
        on=date(2011, 4, 20), by="王芳", place="会议室", chair="甲", recorder="书记", present=[], minutes=""
    )
    n.hold_round(
        on=date(2011, 5, 4), by="王芳", place="会议室", chair="丁", recorder="书记", present=[], minutes=""
    )
    n.table_proposal(by="王芳", article="第三条", side=Side.UNION, text="增长6%")
    history = recorded(n)
    round_two = next(
        e.originator_version for e in history if type(e).__name__ == "RoundHeld" and e.number == 2
    )
    with pytest.raises(RuleViolationError, match="round_no"):
        load(history).retract(history=history, step=round_two, reason="x", on=date(2011, 5, 5), by="王芳")
    round_one = round_two - 1
    retracted = load(history)
    retracted.retract(
        history=history, step=round_one, reason="held on another day", on=date(2011, 5, 5), by="王芳"
    )
    history += recorded(retracted)
    after = load(history)
    assert [(r.number, r.on) for r in after.rounds] == [(1, date(2011, 5, 4))]  # renumbered
    assert after.proposals["P1"].round == 1


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("session"), st.integers(0, 3), st.sampled_from(["", "调解", "第二次"])),
        st.tuples(st.just("retract"), st.integers(0, 9)),
        st.tuples(st.just("move"), st.integers(0, 9), st.integers(-3, 3)),
        st.tuples(st.just("notes"), st.integers(0, 9), st.sampled_from(["更正", "误记"])),
        st.tuples(st.just("amount"), st.sampled_from(["126000", "0.50", "12600"])),
        st.tuples(st.just("settle"), st.integers(0, 3)),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(operations=OPERATIONS)
def test_amended_steps_fold_to_the_corrected_sequence_recorded_directly(
    operations: list[tuple[Any, ...]],
) -> None:
    # The model: the steps as they should have been, each (version, command, arguments).
    steps: list[tuple[int, str, dict[str, Any]]] = [
        (2, "accept", {"on": date(2024, 3, 8), "both_agree": True}),
        (3, "assign", {"on": date(2024, 3, 8), "body": "B", "mediators": ["吴芳"]}),
    ]
    amount = "12600"
    case = opened(amount)
    case.accept(on=date(2024, 3, 8), by="王芳", both_agree=True)
    case.assign(on=date(2024, 3, 8), by="王芳", body="B", mediators=["吴芳"])
    history = recorded(case)
    day = date(2024, 3, 8)
    for op in operations:
        live = load(history)
        sessions = [s for s in steps if s[1] == "hold_session"]
        try:
            if op[0] == "session":
                day += timedelta(days=op[1])
                args = {"on": day, "attendees": ["刘某"], "offered": "", "notes": op[2]}
                live.hold_session(by="王芳", **args)
                steps.append((live.version, "hold_session", args))
            elif op[0] == "settle":
                day += timedelta(days=op[1])
                args = {
                    "on": day,
                    "terms": "赔偿",
                    "amount_agreed": Decimal("5000"),
                    "performance_due": day + timedelta(days=10),
                    "performance_method": "银行转账",
                    "mediator": "吴芳",
                    "parties_signed": True,
                    "sealed": True,
                }
                live.settle(by="王芳", **args)
                steps.append((live.version, "settle", args))
            elif sessions and op[0] == "retract":
                target = sessions[op[1] % len(sessions)]
                live.retract(history=history, step=target[0], reason="误记", on=date(2024, 6, 1), by="王芳")
                steps.remove(target)
            elif sessions and op[0] in ("move", "notes"):
                version, command, args = sessions[op[1] % len(sessions)]
                changed = {"on": args["on"] + timedelta(days=op[2])} if op[0] == "move" else {"notes": op[2]}
                if all(args[k] == v for k, v in changed.items()):
                    continue
                live.correct(
                    history=history,
                    step=version,
                    changes=changed,
                    reason="更正",
                    on=date(2024, 6, 1),
                    by="王芳",
                )
                steps[steps.index((version, command, args))] = (version, command, {**args, **changed})
            elif op[0] == "amount" and op[1] != amount:
                live.correct(
                    history=history,
                    step=1,
                    changes={"amount_claimed": Decimal(op[1])},
                    reason="更正",
                    on=date(2024, 6, 1),
                    by="王芳",
                )
                amount = op[1]
            else:
                continue
        except DomainError:
            continue  # refused: nothing recorded, the model unchanged
        history += recorded(live)
        event(f"{op[0]} recorded")
    direct = opened(amount)
    for _, command, args in steps:
        getattr(direct, command)(by="王芳", **args)
    direct_events = recorded(direct)
    assert state(load(history)) == state(load(direct_events))
    row = new_case("CASE-1")
    for _, name, data in plain_steps(direct_events):
        fold_case(row, name, data, data["on"])
    assert refold_case("CASE-1", plain_steps(history)) == row


def test_a_meeting_held_without_quorum_replays_as_such() -> None:
    """Correcting a step before a meeting held without quorum records that meeting again as it was."""
    n = negotiating()
    n.hold_round(
        on=date(2011, 4, 20), by="王芳", place="会议室", chair="甲", recorder="书记", present=[], minutes=""
    )
    n.table_proposal(by="王芳", article="第三条", side=Side.UNION, text="增长6%")
    n.agree_article(by="王芳", article="第三条")
    n.adopt_draft(on=date(2011, 6, 1), by="王芳")
    n.record_vote(
        on=date(2011, 6, 17),
        by="王芳",
        body=RatificationBody.CONGRESS,
        session="",
        tally=VoteTally(roll=90, present=58, yes=0, no=0),
        no_quorum=True,
    )
    history = recorded(n)
    live = load(history)
    live.correct(
        history=history, step=2, changes={"topics": "工资"}, reason="补录", on=date(2011, 6, 20), by="王芳"
    )
    history += recorded(live)
    after = load(history)
    assert [v.outcome for v in after.votes] == [VoteOutcome.NO_QUORUM]
    assert after.request_topics == "工资"
