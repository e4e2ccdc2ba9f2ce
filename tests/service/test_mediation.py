"""Mediation bodies and cases through the public API, on a real SQLite store."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bargaining import AlreadyExistsError, InvalidValueError, NotFoundError, RuleViolationError, Tracker
from tests import builders_mediation as m


def test_an_enterprise_committee_needs_equal_worker_and_employer_members(tracker: Tracker) -> None:
    tracker.bodies.register(m.BODY, name="调解委员会", body_type="enterprise")
    with pytest.raises(RuleViolationError, match=r"equal numbers .* 2 worker and 1 employer .*art\. 15"):
        tracker.bodies.roster(m.BODY, workers=["甲", "乙"], employers=["丙"])
    before = tracker.event_count()
    view = tracker.bodies.roster(m.BODY, workers=["甲", "乙"], employers=["丙", "丁"], chair="甲")
    assert (view["workers"], view["employers"], view["chair"]) == (["甲", "乙"], ["丙", "丁"], "甲")
    assert tracker.event_count() == before + 1
    with pytest.raises(RuleViolationError, match="equal numbers"):
        tracker.bodies.roster(m.BODY, remove=["丁"])


def test_officers_are_registered_on_a_street_body(tracker: Tracker) -> None:
    m.street_centre(tracker)
    view = tracker.bodies.show(m.STREET)
    assert (view["mediators"], view["officers"]) == (["吴芳"], ["陈明"])


def test_a_case_holds_exact_money_categories_and_a_collective_flag(tracker: Tracker) -> None:
    view = tracker.cases.open(
        "CASE-2024-0100",
        channel="written",
        received=m.RECEIVED,
        applicants=[f"工人{i}" for i in range(12)],
        respondent="某公司",
        category="remuneration",
        tags=["social-insurance"],
        amount_claimed="1,234,567.89",
        request="支付拖欠工资",
    )
    assert (view["amount_claimed"], view["workers_involved"], view["collective"]) == ("1234567.89", 12, True)
    assert (view["category"], view["category_zh"], view["tags"]) == (
        "remuneration",
        "劳动报酬",
        ["social-insurance"],
    )
    with pytest.raises(InvalidValueError, match=r"open\.amount: .* more than 2 decimal places"):
        m.received(tracker, "CASE-2024-0101", amount_claimed="10.001")
    with pytest.raises(InvalidValueError, match=r"open\.amount: .*never a float"):
        m.received(tracker, "CASE-2024-0102", amount_claimed=10.5)


def test_an_oral_application_is_recorded_with_facts_and_time(tracker: Tracker) -> None:
    with pytest.raises(InvalidValueError, match=r"open\.facts: an oral application is recorded on the spot"):
        m.received(tracker, channel="oral")
    with pytest.raises(InvalidValueError, match=r"open\.time: an oral application"):
        m.received(tracker, channel="oral", facts="工地事故受伤")
    assert tracker.event_count() == 0
    view = tracker.cases.show(m.received(tracker, channel="oral", facts="工地事故受伤", applied_at="09:30"))
    assert (view["channel"], view["applied_at"], view["facts"]) == ("oral", "09:30", "工地事故受伤")


def test_acceptance_is_due_within_three_working_days_and_needs_both_parties(tracker: Tracker) -> None:
    m.received(tracker)  # Thursday 7 March 2024: Fri, Mon, Tue
    view = tracker.cases.show(m.CASE, as_of=m.RECEIVED)
    assert view["next_deadline"]["due"] == "2024-03-12"
    assert "3 working days" in view["next_deadline"]["rule"]
    with pytest.raises(RuleViolationError, match=r"accept\.both-agree: .*both parties agree .*art\. 22"):
        tracker.cases.accept(m.CASE, on=m.ACCEPTED, both_agree=False)
    warnings = tracker.cases.accept(m.CASE, on=date(2024, 3, 13), both_agree=True)
    assert warnings
    assert "after the due date 2024-03-12" in warnings[0]


def test_mediators_come_from_the_bodys_roster(tracker: Tracker) -> None:
    m.committee(tracker)
    m.received(tracker)
    with pytest.raises(InvalidValueError, match="张三 is not a mediator of LQ-TJWYH"):
        tracker.cases.assign(m.CASE, on=m.ACCEPTED, body=m.BODY, mediators=["张三"])
    with pytest.raises(NotFoundError, match="no such mediation body"):
        tracker.cases.assign(m.CASE, on=m.ACCEPTED, body="NOPE", mediators=["周建华"])


def test_a_case_is_deemed_failed_fifteen_days_after_acceptance(tracker: Tracker) -> None:
    m.in_mediation(tracker)
    # 15 days from acceptance on 8 March end on Saturday the 23rd, a rest day: the Monday
    on_deadline = tracker.cases.show(m.CASE, as_of=date(2024, 3, 25))
    assert on_deadline["status"] == "accepted"
    after = tracker.cases.show(m.CASE, as_of=date(2024, 3, 26))
    assert (after["status"], after["outcome"], after["closed_on"], after["deemed"]) == (
        "deemed failed",
        "failed",
        "2024-03-25",
        True,
    )
    assert after["timeline"][-1]["step"] == "deemed failed (computed)"
    with pytest.raises(
        RuleViolationError, match=r"session: cannot record a session: .* deemed failed after 2024-03-25"
    ):
        tracker.cases.session(m.CASE, on=date(2024, 3, 26), attendees=["刘某"])


def test_both_parties_can_extend_mediation_before_it_lapses(tracker: Tracker) -> None:
    m.in_mediation(tracker)
    with pytest.raises(RuleViolationError, match=r"extend\.both-agree"):
        tracker.cases.extend(m.CASE, on=date(2024, 3, 20), until=date(2024, 4, 8), both_agree=False)
    tracker.cases.extend(
        m.CASE, on=date(2024, 3, 20), until=date(2024, 4, 8), both_agree=True, reason="等待伤残鉴定"
    )
    tracker.cases.session(m.CASE, on=date(2024, 4, 1), attendees=["刘某"])
    assert tracker.cases.show(m.CASE, as_of=date(2024, 4, 2))["status"] == "accepted"
    assert tracker.cases.show(m.CASE, as_of=date(2024, 4, 9))["status"] == "deemed failed"


def test_an_agreement_takes_effect_only_signed_and_sealed_by_an_assigned_mediator(tracker: Tracker) -> None:
    m.in_mediation(tracker)
    settle = {
        "on": date(2024, 3, 20),
        "terms": "支付126,000元",
        "amount_agreed": "126000",
        "performance_due": date(2024, 4, 5),
        "method": "银行转账",
    }
    with pytest.raises(RuleViolationError, match="the committee's seal missing"):
        tracker.cases.settle(m.CASE, mediator="周建华", parties_signed=True, sealed=False, **settle)  # type: ignore[arg-type]
    with pytest.raises(RuleViolationError, match=r"settle\.mediator: 孙红 is not a mediator assigned"):
        tracker.cases.settle(m.CASE, mediator="孙红", parties_signed=True, sealed=True, **settle)  # type: ignore[arg-type]
    tracker.cases.settle(m.CASE, mediator="周建华", parties_signed=True, sealed=True, **settle)  # type: ignore[arg-type]
    view = tracker.cases.show(m.CASE)
    assert (view["outcome"], view["amount_agreed"], view["closed_on"]) == (
        "settled",
        "126000.00",
        "2024-03-20",
    )
    assert Decimal(view["amount_agreed"]) == Decimal("126000")


def test_arbitral_review_is_requested_within_fifteen_days_of_the_agreement(tracker: Tracker) -> None:
    m.settled(tracker)  # on 20 March 2024: the 15th day, 4 April, falls in the Qingming holiday
    with pytest.raises(RuleViolationError, match=r"review\.on: 2024-04-08 is after 2024-04-07"):
        tracker.cases.review(m.CASE, on=date(2024, 4, 8))
    tracker.cases.review(m.CASE, on=date(2024, 4, 7), commission="XX区劳动人事争议仲裁委员会")
    assert tracker.cases.show(m.CASE)["review_requested_on"] == "2024-04-07"


def test_an_unperformed_agreement_on_pay_or_injury_opens_the_payment_order_route(tracker: Tracker) -> None:
    m.settled(tracker)
    assert tracker.cases.show(m.CASE)["payment_order_available"] is False
    tracker.cases.perform(m.CASE, on=date(2024, 4, 6), performed=False, note="未支付")
    view = tracker.cases.show(m.CASE)
    assert view["payment_order_available"] is True
    assert any("payment order" in w and "art. 16" in w for w in view["warnings"])
    # The clock restarts at non-performance: a year on is 6 April 2025, the last day of the
    # Qingming holiday, so the period ends the day after it (Civil Code Art 203).
    assert view["limitation_expires_on"] == "2025-04-07"


def test_a_labour_contract_agreement_not_performed_has_no_payment_order(tracker: Tracker) -> None:
    m.committee(tracker)
    m.received(tracker, category="labour-contract", tags=[])
    tracker.cases.accept(m.CASE, on=m.ACCEPTED, both_agree=True)
    tracker.cases.assign(m.CASE, on=m.ACCEPTED, body=m.BODY, mediators=["周建华"])
    tracker.cases.settle(
        m.CASE,
        on=date(2024, 3, 12),
        terms="续签合同",
        performance_due=date(2024, 3, 31),
        method="签订书面合同",
        mediator="周建华",
        parties_signed=True,
        sealed=True,
    )
    tracker.cases.perform(m.CASE, on=date(2024, 4, 6), performed=False)
    assert tracker.cases.show(m.CASE)["payment_order_available"] is False


def test_referral_to_another_body_opens_its_own_linked_case(tracker: Tracker) -> None:
    m.committee(tracker)
    m.street_centre(tracker)
    m.received(tracker)
    view = tracker.cases.refer(m.CASE, on=date(2024, 3, 9), to_body=m.STREET, new_reference="JD-2024-031")
    assert (view["reference"], view["referred_from"], view["channel"], view["body"]) == (
        "JD-2024-031",
        m.CASE,
        "referral",
        m.STREET,
    )
    assert (view["received_on"], view["amount_claimed"], view["status"]) == (
        "2024-03-09",
        "180000.00",
        "received",
    )
    original = tracker.cases.show(m.CASE)
    assert (original["outcome"], original["referral"]["new_reference"]) == ("referred", "JD-2024-031")
    with pytest.raises(AlreadyExistsError):
        m.received(tracker, "JD-2024-031")


def test_the_limitation_clock_restarts_at_a_recorded_failure(tracker: Tracker) -> None:
    m.in_mediation(tracker)
    assert tracker.cases.show(m.CASE, as_of=date(2024, 3, 15))["limitation_expires_on"] == "2025-03-07"
    assert tracker.cases.show(m.CASE)["limitation_expires_on"] == "2025-03-25"  # deemed failed on 25 March
    tracker.cases.fail(m.CASE, on=date(2024, 3, 18), reason="被申请人拒绝继续调解")
    view = tracker.cases.show(m.CASE)
    assert (view["outcome"], view["limitation_expires_on"]) == ("failed", "2025-03-18")


def test_a_case_as_of_a_past_date_shows_only_what_had_happened(tracker: Tracker) -> None:
    m.settled(tracker)
    view = tracker.cases.show(m.CASE, as_of=date(2024, 3, 12))
    assert (view["status"], view["sessions"], view["outcome"]) == ("accepted", 1, None)
    assert [r["step"] for r in view["timeline"]] == [
        "application received",
        "accepted for mediation",
        "mediators assigned",
        "mediation session",
    ]


def test_declined_cases_record_the_reason(tracker: Tracker) -> None:
    m.received(tracker)
    tracker.cases.decline(m.CASE, on=date(2024, 3, 8), reason="被申请人不同意调解")
    view = tracker.cases.show(m.CASE)
    assert (view["status"], view["declined"]["reason"]) == ("declined", "被申请人不同意调解")
    with pytest.raises(RuleViolationError, match="cannot accept: case CASE-2024-0007 is declined"):
        tracker.cases.accept(m.CASE, on=date(2024, 3, 9), both_agree=True)


def test_steps_cannot_be_dated_before_steps_already_recorded(tracker: Tracker) -> None:
    m.in_mediation(tracker)
    tracker.cases.session(m.CASE, on=date(2024, 3, 15), attendees=["刘某"])
    with pytest.raises(
        RuleViolationError, match=r"withdraw\.on: 2024-03-09 is before the last recorded step on 2024-03-15"
    ):
        tracker.cases.withdraw(m.CASE, on=date(2024, 3, 9), reason="撤回")


def test_a_failure_written_up_after_the_deadline_dates_from_the_deadline(tracker: Tracker) -> None:
    m.in_mediation(tracker)
    tracker.cases.fail(m.CASE, on=date(2024, 5, 20), reason="未达成协议")
    view = tracker.cases.show(m.CASE)
    assert (view["outcome"], view["closed_on"], view["limitation_expires_on"]) == (
        "failed",
        "2024-03-25",  # the 15 days ended on Saturday the 23rd, a rest day: the Monday
        "2025-03-25",
    )


def test_a_claim_known_more_than_a_year_before_the_application_is_flagged_time_barred(
    tracker: Tracker,
) -> None:
    m.received(tracker, known_on=date(2020, 1, 1))
    view = tracker.cases.show(m.CASE)
    assert view["time_barred_on"] == "2021-01-04"  # a year on is New Year's Day: after the holiday
    assert any("limitation ran out on 2021-01-04" in w for w in view["warnings"])


def test_non_performance_counts_only_after_the_due_date_and_performance_may_follow(tracker: Tracker) -> None:
    m.settled(tracker)  # due 2024-04-05
    with pytest.raises(RuleViolationError, match=r"perform\.on: the agreement is not due until 2024-04-05"):
        tracker.cases.perform(m.CASE, on=date(2024, 3, 25), performed=False)
    tracker.cases.perform(m.CASE, on=date(2024, 4, 6), performed=False, note="未支付")
    tracker.cases.perform(m.CASE, on=date(2024, 4, 20), performed=True, note="补付")
    assert tracker.cases.show(m.CASE)["performed"] is True


def test_a_deemed_failed_case_can_still_be_referred_upward(tracker: Tracker) -> None:
    m.in_mediation(tracker)
    tracker.cases.refer(m.CASE, on=date(2024, 4, 1), arbitration="XX区劳动人事争议仲裁委员会")
    assert tracker.cases.show(m.CASE)["outcome"] == "referred"


def test_an_agreement_states_when_and_how_it_is_performed(tracker: Tracker) -> None:
    m.in_mediation(tracker)
    with pytest.raises(
        RuleViolationError, match=r"settle\.due: a mediation agreement states the deadline and the method"
    ):
        tracker.cases.settle(
            m.CASE, on=date(2024, 3, 20), terms="支付", mediator="周建华", parties_signed=True, sealed=True
        )


def test_money_commas_only_group_thousands_and_minus_zero_is_zero(tracker: Tracker) -> None:
    with pytest.raises(InvalidValueError, match="commas may only group thousands"):
        m.received(tracker, amount_claimed="1,2,3")
    assert tracker.cases.show(m.received(tracker, amount_claimed="-0"))["amount_claimed"] == "0.00"


def test_tags_are_kept_once_and_never_repeat_the_category(tracker: Tracker) -> None:
    view = tracker.cases.show(m.received(tracker, tags=["remuneration", "work-injury", "remuneration"]))
    assert view["tags"] == ["remuneration"]
