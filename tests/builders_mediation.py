"""Mediation bodies and cases built through the public API."""

from __future__ import annotations

from datetime import date

from bargaining import Tracker

BODY = "LQ-TJWYH"
STREET = "JD-TJFZX"
CASE = "CASE-2024-0007"
RECEIVED = date(2024, 3, 7)  # a Thursday
ACCEPTED = date(2024, 3, 8)


def committee(t: Tracker) -> str:
    t.bodies.register(
        BODY,
        name="XX路桥公司劳动争议调解委员会",
        body_type="enterprise",
        enterprise="XX路桥公司",
        on=date(2024, 1, 10),
    )
    t.bodies.roster(
        BODY, workers=["周建华", "李卫东"], employers=["王立新", "孙红"], chair="周建华", on=date(2024, 1, 10)
    )
    return BODY


def street_centre(t: Tracker) -> str:
    t.bodies.register(STREET, name="XX街道劳动争议调解分中心", body_type="township", on=date(2024, 1, 10))
    t.bodies.roster(STREET, mediators=["吴芳"], officers=["陈明"], on=date(2024, 1, 10))
    return STREET


def received(t: Tracker, ref: str = CASE, **overrides: object) -> str:
    args: dict[str, object] = {
        "channel": "visit",
        "received": RECEIVED,
        "applicants": ["刘某"],
        "respondent": "绥宁绿洲大桥项目部",
        "category": "work-injury",
        "tags": ["remuneration"],
        "amount_claimed": "180000",
        "request": "工伤赔偿",
    }
    args.update(overrides)
    t.cases.open(ref, **args)  # type: ignore[arg-type]
    return ref


def workers_case(t: Tracker, ref: str, n: int, *, on: date, category: str, workers: int, amount: str) -> str:
    """The street centre's case ``n``: ``workers`` workers of enterprise ``n`` ask it to mediate."""
    return received(
        t,
        ref,
        received=on,
        applicants=[f"职工{n}-{i}" for i in range(workers)],
        respondent=f"企业{n}",
        category=category,
        tags=[],
        amount_claimed=amount,
        request="调解",
        body=STREET,
    )


def in_mediation(t: Tracker, ref: str = CASE) -> str:
    if not t.bodies.app.exists_body(BODY):
        committee(t)
    received(t, ref)
    t.cases.accept(ref, on=ACCEPTED, both_agree=True)
    t.cases.assign(ref, on=ACCEPTED, body=BODY, mediators=["周建华", "王立新"])
    return ref


def settled(t: Tracker, ref: str = CASE) -> str:
    in_mediation(t, ref)
    t.cases.session(ref, on=date(2024, 3, 10), attendees=["刘某", "项目部"], offered="10万元")
    t.cases.session(ref, on=date(2024, 3, 15), attendees=["刘某", "项目部"], offered="12.6万元")
    t.cases.settle(
        ref,
        on=date(2024, 3, 20),
        terms="一次性支付126,000元",
        amount_agreed="126000.00",
        performance_due=date(2024, 4, 5),
        method="银行转账",
        mediator="周建华",
        parties_signed=True,
        sealed=True,
    )
    return ref
