"""The negotiation services against a real SQLite store."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bargaining import (
    AlreadyExistsError,
    InvalidValueError,
    NotFoundError,
    RuleViolationError,
    Tracker,
)
from tests import builders as b
from tests.conftest import TODAY


def test_open_round_trips_chinese_names_and_starts_opened(tracker: Tracker) -> None:
    view = tracker.negotiations.open(
        "CB-2011-001",
        employer="广州XX有限公司",
        union="广州XX有限公司工会",
        kind="wage",
        topic="工资调整",
        on=date(2011, 4, 1),
    )
    assert (view["employer"], view["union"], view["topic"]) == (
        "广州XX有限公司",
        "广州XX有限公司工会",
        "工资调整",
    )
    assert (view["stage"], view["kind"], view["next_deadline"]) == ("opened", "wage", None)


def test_a_reference_is_an_identity_and_cannot_be_opened_twice(tracker: Tracker) -> None:
    b.opened(tracker)
    with pytest.raises(AlreadyExistsError, match="CB-2011-001 already exists"):
        b.opened(tracker)
    assert tracker.event_count() == 1


def test_reply_is_due_twenty_days_after_the_request_is_received(tracker: Tracker) -> None:
    ref = b.opened(tracker, kind="comprehensive")
    tracker.negotiations.request(ref, on=date(2011, 4, 8))
    due = tracker.negotiations.show(ref)["next_deadline"]
    assert due["due"] == "2011-04-28"
    assert due["rule"].endswith("Provisions on Collective Contracts art. 32")


def test_rounds_need_equal_teams_of_at_least_three(tracker: Tracker) -> None:
    ref = b.opened(tracker)
    tracker.negotiations.request(ref, on=date(2011, 4, 8))
    tracker.negotiations.reply(ref, on=date(2011, 4, 18))
    tracker.negotiations.appoint(
        ref, side="union", chief="陈志明", members=["李红", "王强"], on=date(2011, 4, 20)
    )
    tracker.negotiations.appoint(ref, side="employer", chief="张伟", members=["赵敏"], on=date(2011, 4, 20))
    with pytest.raises(RuleViolationError, match=r"employer side has 2; at least 3 per side .*art\. 19"):
        b.with_round(tracker, ref, date(2011, 4, 26), "陈志明")


def test_chiefs_chair_in_turn_and_the_recorder_is_not_a_representative(tracker: Tracker) -> None:
    ref = b.negotiating(tracker)
    b.with_round(tracker, ref, date(2011, 4, 26), "陈志明")
    with pytest.raises(RuleViolationError, match=r"round\.chair: 陈志明 chaired round 1; .* in turn"):
        b.with_round(tracker, ref, date(2011, 5, 10), "陈志明")
    with pytest.raises(RuleViolationError, match=r"round\.recorder: 李红 is a representative"):
        tracker.negotiations.round(ref, on=date(2011, 5, 10), place="室", chair="张伟", recorder="李红")


def test_counter_proposals_withdrawal_and_agreement_on_the_current_text(tracker: Tracker) -> None:
    ref = b.negotiating(tracker)
    n = tracker.negotiations
    b.with_round(tracker, ref, date(2011, 4, 26), "陈志明")
    first = n.propose(ref, article="第一条", side="union", text="增长8%\n一线增长9%", increase="8")
    b.with_round(tracker, ref, date(2011, 5, 10), "张伟")
    counter = n.propose(ref, article="第一条", side="employer", text="增长5%\n一线增长9%")
    n.withdraw(ref, proposal=counter, reason="改提新方案")
    history = n.article(ref, "第一条", rounds=(1, 2))
    assert [h["proposal"] for h in history["history"]] == [first, counter]
    assert history["history"][1]["counter_to"] == first
    assert history["diff"]["lines"] == []  # the withdrawn counter leaves round 1's text on the table
    n.propose(ref, article="第一条", side="employer", text="增长6%\n一线增长9%")
    diff = n.article(ref, "第一条", rounds=(1, 2))["diff"]["lines"]
    assert "-增长8%" in diff
    assert "+增长6%" in diff
    n.agree(ref, article="第一条")
    assert tracker.negotiations.show(ref)["articles"][0]["status"] == "agreed"


def test_draft_needs_every_article_agreed(tracker: Tracker) -> None:
    ref = b.negotiating(tracker)
    b.with_round(tracker, ref, date(2011, 4, 26), "陈志明")
    tracker.negotiations.propose(ref, article="第一条", side="union", text="甲")
    with pytest.raises(RuleViolationError, match=r"^draft: 1 article not yet agreed: 第一条$"):
        tracker.negotiations.draft(ref, on=date(2011, 5, 1))
    tracker.negotiations.propose(ref, article="第二条", side="union", text="乙")
    with pytest.raises(RuleViolationError, match=r"^draft: 2 articles not yet agreed: 第一条, 第二条$"):
        tracker.negotiations.draft(ref, on=date(2011, 5, 1))


def test_a_vote_without_quorum_is_refused_and_records_nothing(tracker: Tracker) -> None:
    ref = b.drafted(tracker)
    before = tracker.event_count()
    with pytest.raises(RuleViolationError, match=r"^vote\.present: 58 of 90 is below the quorum of 2/3"):
        tracker.negotiations.vote(ref, on=date(2011, 6, 24), roll=90, present=58, yes=50, no=8)
    assert tracker.event_count() == before


def test_a_meeting_held_without_quorum_is_recorded_invalid_and_the_draft_is_voted_on_again(
    tracker: Tracker,
) -> None:
    ref = b.drafted(tracker)
    held = tracker.negotiations.vote(
        ref, on=date(2011, 6, 17), session="第三届", roll=90, present=58, no_quorum=True
    )
    assert (held["outcome"], held["passed"], held["quorum_met"], held["attempt"]) == (
        "no quorum",
        False,
        False,
        1,
    )
    assert held["rule"] == (
        "quorum not met: 58 of 90 present (quorum 2/3 = 60) — PRC, Provisions on Collective Contracts art. 36"
    )
    assert tracker.negotiations.show(ref)["stage"] == "draft"
    with pytest.raises(RuleViolationError, match=r"^sign: the draft has no passing ratification vote"):
        tracker.negotiations.sign(
            ref, on=date(2011, 6, 29), term_start=date(2011, 7, 1), term_end=date(2012, 6, 30)
        )
    again = tracker.negotiations.vote(ref, on=date(2011, 6, 24), roll=90, present=61, yes=50, no=8)
    assert (again["outcome"], again["attempt"], again["follows"]) == ("passed", 2, "2011-06-17")
    tracker.negotiations.sign(
        ref, on=date(2011, 6, 29), term_start=date(2011, 7, 1), term_end=date(2012, 6, 30)
    )
    view = tracker.negotiations.show(ref)
    assert view["stage"] == "signed"
    assert [(v["on"], v["outcome"], v["attempt"]) for v in view["votes"]] == [
        ("2011-06-17", "no quorum", 1),
        ("2011-06-24", "passed", 2),
    ]


def test_a_meeting_that_had_its_quorum_cannot_be_recorded_as_without_one(tracker: Tracker) -> None:
    ref = b.drafted(tracker)
    before = tracker.event_count()
    with pytest.raises(RuleViolationError, match=r"^vote\.no-quorum: 60 of 90 present meets the quorum"):
        tracker.negotiations.vote(
            ref, on=date(2011, 6, 24), roll=90, present=60, yes=50, no=8, no_quorum=True
        )
    with pytest.raises(InvalidValueError, match=r"^vote\.present: a meeting held without quorum is recorded"):
        tracker.negotiations.vote(ref, on=date(2011, 6, 24), roll=90, no_quorum=True)
    assert tracker.event_count() == before


def test_no_quorum_is_never_a_reported_outcome_nor_a_decision(tracker: Tracker) -> None:
    ref = b.drafted(tracker)
    before = tracker.event_count()
    with pytest.raises(InvalidValueError, match="passed or rejected"):
        tracker.negotiations.vote(ref, on=date(2011, 6, 24), outcome="no quorum")
    assert tracker.event_count() == before
    tracker.negotiations.vote(ref, on=date(2011, 6, 24), roll=60, present=60, yes=30, no=30)
    with pytest.raises(InvalidValueError, match="passed or rejected"):
        tracker.negotiations.decide_tie(ref, on=date(2011, 6, 25), outcome="no quorum", reason="无")
    assert tracker.event_count() == before + 1


def test_a_tied_vote_waits_for_a_person_to_decide(tracker: Tracker) -> None:
    ref = b.drafted(tracker)
    vote = tracker.negotiations.vote(ref, on=date(2011, 6, 24), roll=60, present=60, yes=30, no=30)
    assert (vote["outcome"], vote["passed"]) == ("tied", False)
    with pytest.raises(RuleViolationError, match="no passing ratification vote"):
        tracker.negotiations.sign(
            ref, on=date(2011, 6, 29), term_start=date(2011, 7, 1), term_end=date(2012, 6, 30)
        )
    tracker.negotiations.decide_tie(ref, on=date(2011, 6, 25), outcome="passed", reason="主席团裁定")
    assert tracker.negotiations.show(ref)["vote"]["passed"] is True


def test_a_rejected_draft_goes_back_to_negotiation(tracker: Tracker) -> None:
    ref = b.drafted(tracker)
    vote = tracker.negotiations.vote(ref, on=date(2011, 6, 24), roll=60, present=50, yes=20, no=30)
    assert vote["outcome"] == "rejected"
    assert tracker.negotiations.show(ref)["stage"] == "negotiating"


def test_signing_is_refused_before_a_passing_vote(tracker: Tracker) -> None:
    ref = b.drafted(tracker)
    with pytest.raises(RuleViolationError, match=r"^sign: the draft has no passing ratification vote"):
        tracker.negotiations.sign(
            ref, on=date(2011, 6, 29), term_start=date(2011, 7, 1), term_end=date(2012, 6, 30)
        )


def test_wage_agreement_shows_both_filing_dates_with_the_stricter_first(tracker: Tracker) -> None:
    ref = b.signed(tracker)
    view = tracker.negotiations.show(ref, as_of=date(2011, 6, 30))
    assert view["filing_due"] == "2011-07-06"
    assert [d["due"] for d in view["filing_deadlines"]] == ["2011-07-06", "2011-07-11"]
    assert view["next_deadline"]["due"] == "2011-07-06"
    assert "Trial Measures for Wage Collective Negotiation art. 21" in view["next_deadline"]["rule"]


def test_comprehensive_contract_files_within_ten_days(tracker: Tracker) -> None:
    ref = b.signed(tracker, kind="comprehensive")
    view = tracker.negotiations.show(ref, as_of=date(2011, 6, 30))
    assert [d["due"] for d in view["filing_deadlines"]] == ["2011-07-11"]


def test_contract_is_deemed_effective_fifteen_days_after_receipt(tracker: Tracker) -> None:
    ref = b.in_force(tracker)
    during = tracker.negotiations.show(ref, as_of=date(2011, 7, 10))
    assert (during["stage"], during["effective_on"]) == ("under review", "2011-07-20")
    assert during["next_deadline"]["key"] == "review"
    after = tracker.negotiations.show(ref, as_of=date(2011, 7, 20))
    assert after["stage"] == "effective"
    assert tracker.negotiations.show(ref, as_of=date(2012, 7, 1))["stage"] == "expired"


def test_an_objection_reopens_talks_and_the_filing_clock_restarts_at_the_new_signature(
    tracker: Tracker,
) -> None:
    ref = b.in_force(tracker)
    tracker.contracts.objection(ref, on=date(2011, 7, 12), opinion="第一条低于最低工资标准")
    assert tracker.negotiations.show(ref)["stage"] == "negotiating"
    n = tracker.negotiations
    b.with_round(tracker, ref, date(2011, 7, 14), "陈志明")
    n.propose(ref, article=b.ARTICLE, side="employer", text="增长7%")
    n.agree(ref, article=b.ARTICLE)
    n.draft(ref, on=date(2011, 7, 15))
    n.vote(ref, on=date(2011, 7, 18), roll=60, present=50, yes=40, no=10)
    n.sign(ref, on=date(2011, 7, 19), term_start=date(2011, 8, 1), term_end=date(2012, 7, 31))
    view = n.show(ref, as_of=date(2011, 7, 20))
    assert (view["stage"], view["filing_due"], view["submitted_on"]) == (
        "signed",
        "2011-07-26",
        None,
    )
    assert tracker.contracts.show(ref)["objections"][0]["opinion"] == "第一条低于最低工资标准"


def test_an_objection_after_the_review_window_is_refused(tracker: Tracker) -> None:
    ref = b.in_force(tracker)
    with pytest.raises(RuleViolationError, match=r"objection\.on: 2011-07-21 is outside the review window"):
        tracker.contracts.objection(ref, on=date(2011, 7, 21), opinion="逾期")


def test_renewal_opens_a_linked_negotiation_within_the_window(tracker: Tracker) -> None:
    ref = b.in_force(tracker)
    with pytest.raises(RuleViolationError, match="renewal window opens on 2012-05-01"):
        tracker.contracts.renew(ref, new_reference="CB-2012-001", on=date(2012, 4, 30))
    view = tracker.contracts.renew(ref, new_reference="CB-2012-001", on=date(2012, 5, 2))
    assert (view["purpose"], view["predecessor"], view["kind"]) == ("renewal", ref, "wage")
    n = tracker.negotiations
    n.request("CB-2012-001", on=date(2012, 5, 3))
    n.reply("CB-2012-001", on=date(2012, 5, 10))
    n.appoint("CB-2012-001", side="union", chief="陈志明", members=["李红", "王强"], on=date(2012, 5, 10))
    n.appoint("CB-2012-001", side="employer", chief="张伟", members=["赵敏", "钱进"], on=date(2012, 5, 10))
    b.with_round(tracker, "CB-2012-001", date(2012, 5, 20), "张伟")
    n.propose("CB-2012-001", article=b.ARTICLE, side="union", text="增长7%")
    n.agree("CB-2012-001", article=b.ARTICLE)
    n.draft("CB-2012-001", on=date(2012, 6, 1))
    n.vote("CB-2012-001", on=date(2012, 6, 5), roll=60, present=50, yes=40, no=10)
    n.sign("CB-2012-001", on=date(2012, 6, 10), term_start=date(2012, 7, 1), term_end=date(2013, 6, 30))
    successors = tracker.contracts.show(ref)["successors"]
    assert successors == [
        {
            "reference": "CB-2012-001",
            "purpose": "renewal",
            "opened_on": "2012-05-02",
            "signed_on": "2012-06-10",
        }
    ]


def test_show_as_of_a_past_date_replays_only_what_had_happened(tracker: Tracker) -> None:
    ref = b.signed(tracker)
    before_vote = tracker.negotiations.show(ref, as_of=date(2011, 6, 20))
    assert (before_vote["stage"], before_vote["vote"], before_vote["signed_on"]) == (
        "draft",
        None,
        None,
    )
    assert len(before_vote["rounds"]) == 2
    with pytest.raises(NotFoundError, match="no negotiation CB-2011-001 on 2011-03-01"):
        tracker.negotiations.show(ref, as_of=date(2011, 3, 1))


def test_every_event_records_the_business_date_when_and_who(store: Path) -> None:
    with Tracker(store, actor="王芳", today=TODAY) as t:
        b.opened(t)
    with Tracker(store, actor="李明", today=TODAY) as t:
        t.negotiations.request("CB-2011-001", on=date(2011, 4, 8))
        history = t.negotiations.history("CB-2011-001")
    assert [(h["step"], h["on"], h["by"]) for h in history] == [
        ("Opened", "2011-04-01", "王芳"),
        ("RequestReceived", "2011-04-08", "李明"),
    ]
    assert all(h["recorded_at"].endswith("+00:00") for h in history)


def test_future_dates_are_refused(tracker: Tracker) -> None:
    ref = b.opened(tracker)
    with pytest.raises(InvalidValueError, match=r"request\.on: 2027-01-01 is in the future"):
        tracker.negotiations.request(ref, on=date(2027, 1, 1))


def test_steps_must_be_recorded_in_the_order_they_happened(tracker: Tracker) -> None:
    ref = b.opened(tracker)
    tracker.negotiations.request(ref, on=date(2011, 4, 8))
    with pytest.raises(RuleViolationError, match=r"reply\.on: 2011-04-01 is before the last recorded step"):
        tracker.negotiations.reply(ref, on=date(2011, 4, 1))


def test_unknown_reference_says_no_such_negotiation(tracker: Tracker) -> None:
    with pytest.raises(NotFoundError, match=r"^show.reference: no such negotiation: CB-404$"):
        tracker.negotiations.show("CB-404")


def test_teams_are_checked_again_at_the_draft_and_frozen_after_it(tracker: Tracker) -> None:
    ref = b.negotiating(tracker)
    b.with_round(tracker, ref, date(2011, 4, 26), "陈志明")
    tracker.negotiations.propose(ref, article="第一条", side="union", text="甲")
    tracker.negotiations.agree(ref, article="第一条")
    tracker.negotiations.appoint(ref, side="union", experts=["外聘甲", "外聘乙"], on=date(2011, 4, 27))
    with pytest.raises(
        RuleViolationError, match=r"representatives\.union: 2 of the union side's 5 are outside experts"
    ):
        tracker.negotiations.draft(ref, on=date(2011, 5, 1))
    tracker.negotiations.appoint(ref, side="employer", members=["甲", "乙"], on=date(2011, 4, 28))
    with pytest.raises(RuleViolationError, match="outside experts"):
        tracker.negotiations.draft(ref, on=date(2011, 5, 1))


def test_no_one_joins_a_team_after_the_draft(tracker: Tracker) -> None:
    ref = b.drafted(tracker)
    with pytest.raises(RuleViolationError, match=r"^appoint: the negotiation is draft"):
        tracker.negotiations.appoint(ref, side="employer", members=["新人"], on=date(2011, 6, 11))


def test_a_fully_withdrawn_article_is_off_the_table_and_does_not_block_the_draft(tracker: Tracker) -> None:
    ref = b.negotiating(tracker)
    b.with_round(tracker, ref, date(2011, 4, 26), "陈志明")
    n = tracker.negotiations
    n.propose(ref, article="第一条", side="union", text="甲")
    n.agree(ref, article="第一条")
    typo = n.propose(ref, article="第一条 笔误", side="union", text="错")
    n.withdraw(ref, proposal=typo, reason="笔误")
    assert [a["status"] for a in n.show(ref)["articles"]] == ["agreed", "withdrawn"]
    n.draft(ref, on=date(2011, 5, 1))
    assert n.show(ref)["stage"] == "draft"


def test_an_article_typed_with_a_full_width_space_is_the_same_article(tracker: Tracker) -> None:
    ref = b.negotiating(tracker)
    b.with_round(tracker, ref, date(2011, 4, 26), "陈志明")
    tracker.negotiations.propose(ref, article="第二条　工资", side="union", text="甲")
    tracker.negotiations.propose(ref, article="第二条 工资", side="employer", text="乙")
    assert [a["article"] for a in tracker.negotiations.show(ref)["articles"]] == ["第二条 工资"]


def test_names_with_invisible_characters_are_refused(tracker: Tracker) -> None:
    ref = b.negotiating(tracker)
    with pytest.raises(InvalidValueError, match="invisible or control characters"):
        tracker.negotiations.appoint(ref, side="employer", members=["陈志明\u200b"], on=date(2011, 4, 21))


def test_after_a_rejected_vote_articles_change_only_in_a_new_round(tracker: Tracker) -> None:
    ref = b.drafted(tracker)
    tracker.negotiations.vote(ref, on=date(2011, 6, 24), roll=60, present=50, yes=10, no=40)
    with pytest.raises(
        RuleViolationError, match="round 2 was before the draft of 2011-06-10; hold a new round"
    ):
        tracker.negotiations.propose(ref, article=b.ARTICLE, side="employer", text="增长6.5%")
    b.with_round(tracker, ref, date(2011, 6, 28), "陈志明")
    tracker.negotiations.propose(ref, article=b.ARTICLE, side="employer", text="增长6.5%")
    as_drafted = tracker.negotiations.show(ref, as_of=date(2011, 6, 20))
    assert (as_drafted["stage"], as_drafted["articles"][0]["status"]) == ("draft", "agreed")


def test_appointments_keep_date_order_with_the_rounds(tracker: Tracker) -> None:
    ref = b.negotiating(tracker)
    b.with_round(tracker, ref, date(2011, 4, 26), "陈志明")
    with pytest.raises(RuleViolationError, match=r"appoint\.on: 2011-04-22 is before round 1 on 2011-04-26"):
        tracker.negotiations.appoint(ref, side="union", members=["刘洋"], on=date(2011, 4, 22))


def test_a_term_years_away_from_the_signing_is_refused(tracker: Tracker) -> None:
    ref = b.ratified(tracker)
    with pytest.raises(
        InvalidValueError, match=r"sign\.term-start: 2001-07-01 is more than a year from the signing"
    ):
        tracker.negotiations.sign(
            ref, on=date(2011, 6, 29), term_start=date(2001, 7, 1), term_end=date(2002, 6, 30)
        )
    with pytest.raises(InvalidValueError, match=r"term\.start: 0001-01-01 is not a plausible date"):
        tracker.negotiations.sign(ref, on=date(2011, 6, 29), term_start=date(1, 1, 1), term_end=date(1, 2, 1))


def test_signing_twice_says_it_is_already_signed(tracker: Tracker) -> None:
    ref = b.signed(tracker)
    with pytest.raises(RuleViolationError, match=r"^sign: already signed on 2011-06-29$"):
        tracker.negotiations.sign(
            ref, on=date(2011, 6, 30), term_start=date(2011, 7, 1), term_end=date(2012, 6, 30)
        )


def test_only_a_contract_that_took_effect_can_be_renewed(tracker: Tracker) -> None:
    ref = b.signed(tracker)
    with pytest.raises(RuleViolationError, match="only a contract that took effect can be renewed"):
        tracker.contracts.renew(ref, new_reference="CB-2012-001", on=date(2012, 5, 2))


def test_no_objection_once_published_and_no_publication_after_termination(tracker: Tracker) -> None:
    ref = b.in_force(tracker)
    tracker.contracts.publish(ref, on=date(2011, 7, 20))
    with pytest.raises(RuleViolationError, match="already published as in effect"):
        tracker.contracts.objection(ref, on=date(2011, 7, 20), opinion="迟到")
    other = b.in_force(tracker, "CB-2011-002")
    tracker.contracts.terminate(other, on=date(2011, 7, 10), ground="merger", reason="企业合并")
    with pytest.raises(RuleViolationError, match="terminated on 2011-07-10"):
        tracker.contracts.publish(other, on=date(2011, 7, 25))


def test_a_passed_milestone_is_not_the_next_deadline(tracker: Tracker) -> None:
    ref = b.in_force(tracker)
    tracker.contracts.publish(ref, on=date(2011, 7, 22))
    view = tracker.contracts.show(ref, as_of=date(2012, 6, 1))
    assert (view["status"], view["next_deadline"]["key"], view["next_deadline"]["due"]) == (
        "effective",
        "expiry",
        "2012-06-30",
    )
    review = next(d for d in view["deadlines"] if d["key"] == "review")
    assert review["state"] == "passed"


def test_the_same_person_cannot_be_present_twice(tracker: Tracker) -> None:
    ref = b.negotiating(tracker)
    with pytest.raises(InvalidValueError, match=r"round\.present: 陈志明 is named twice"):
        tracker.negotiations.round(
            ref,
            on=date(2011, 4, 26),
            place="室",
            chair="陈志明",
            recorder="刘洋",
            present=["陈志明", "李红", "陈志明"],
        )


def test_a_long_negotiation_loads_from_its_snapshot_exactly_as_replayed(store: Path) -> None:
    with Tracker(store, actor="王芳", today=TODAY) as t:
        ref = b.negotiating(t)
        day = date(2011, 4, 26)
        chairs = ["陈志明", "张伟"]
        for number in range(40):  # 40 rounds with 3 proposals each: well past two snapshots
            b.with_round(t, ref, day + timedelta(days=number), chairs[number % 2])
            for article in range(3):
                t.negotiations.propose(
                    ref, article=f"第{article + 1}条", side="union", text=f"第{number}轮文本"
                )
        events = len(t.negotiations.history(ref))
    assert events > 150  # at least one snapshot (every 100 events)
    with Tracker(store, actor="王芳", today=TODAY) as fresh:
        from_snapshot = fresh.negotiations.show(ref)
        replayed = fresh.negotiations.show(ref, as_of=TODAY)
    assert from_snapshot == replayed
