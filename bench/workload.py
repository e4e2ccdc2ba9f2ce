"""A realistic store for benchmarks: negotiations with rounds, proposals and votes, and mediation
cases, written through the aggregates and the applications (the real schema, the real encoding).

    python -m bench.workload DIR --negotiations 5000 --cases 100000
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from bargaining.mediation.service import MediationApp
from bargaining.negotiations.service import NegotiationsApp
from bargaining.store.location import Store
from domain.body import MediationBody
from domain.case import MediationCase
from domain.contract import CollectiveContract
from domain.disputes import BodyType, Category, Channel, RosterRole
from domain.negotiation import Negotiation
from domain.values import AgreementKind, Purpose, RatificationBody, Role, Side, Term, VoteTally, WageTerms

KINDS = [AgreementKind.WAGE, AgreementKind.COMPREHENSIVE, AgreementKind.SPECIAL]
ARTICLES = [f"第{n}条 条款{n}" for n in range(1, 11)]
BY = "基准"


def negotiation(
    n: int, rng: random.Random, start: date | None = None, stop: str = "filed"
) -> tuple[Negotiation, CollectiveContract | None]:
    """About 80 events: request, teams, 12 rounds of proposals on 10 articles, vote, signing,
    filing. ``stop`` ends it early: after the rounds (still negotiating), or at signing."""
    start = start or date(2015, 1, 1) + timedelta(days=rng.randrange(3000))
    kind = rng.choice(KINDS)
    neg = Negotiation(
        reference=f"CB-{n:06d}",
        employer=f"企业{n}",
        union=f"企业{n}工会",
        kind=kind,
        topic="",
        profile_id="PRC",
        requested_by=Side.UNION,
        purpose=Purpose.NEW,
        predecessor="",
        on=start,
        by=BY,
    )
    day = start + timedelta(days=3)
    neg.receive_request(on=day, by=BY)
    neg.answer_request(on=day + timedelta(days=10), by=BY, accepted=True)
    for side, names in ((Side.UNION, ["甲", "乙", "丙"]), (Side.EMPLOYER, ["丁", "戊", "己"])):
        for i, name in enumerate(names):
            neg.appoint(
                on=day + timedelta(days=11),
                by=BY,
                name=f"{name}{n}",
                side=side,
                role=Role.CHIEF if i == 0 else Role.MEMBER,
            )
    day += timedelta(days=12)
    chiefs = [f"甲{n}", f"丁{n}"]
    for r in range(12):
        day += timedelta(days=rng.randrange(3, 10))
        neg.hold_round(
            on=day,
            by=BY,
            place="会议室",
            chair=chiefs[r % 2],
            recorder="记录员",
            present=chiefs,
            minutes=f"第{r + 1}轮会议纪要",
        )
        for a in range(3):
            article = ARTICLES[(r * 3 + a) % len(ARTICLES)]
            if article in neg.agreements:
                continue
            side = Side.UNION if (r + a) % 2 == 0 else Side.EMPLOYER
            wage = (
                WageTerms(increase_pct=Decimal(rng.randrange(3, 9))) if kind is AgreementKind.WAGE else None
            )
            pid = neg.table_proposal(by=BY, article=article, side=side, text=f"{article}文本{r}", wage=wage)
            if r % 4 == 3 and a == 0:
                neg.withdraw_proposal(by=BY, proposal_id=pid, reason="撤回")
        if r >= 8:
            for article in ARTICLES:
                if article not in neg.agreements and neg.article_status(article) == "open":
                    neg.agree_article(by=BY, article=article)
    if stop == "rounds":
        return neg, None
    day += timedelta(days=5)
    neg.adopt_draft(on=day, by=BY)
    neg.record_vote(
        on=day + timedelta(days=10),
        by=BY,
        body=RatificationBody.CONGRESS,
        session="",
        tally=VoteTally(roll=60, present=50, yes=40, no=10),
    )
    signed = day + timedelta(days=12)
    term = Term(signed + timedelta(days=2), signed + timedelta(days=366))
    neg.sign(on=signed, by=BY, term=term)
    contract = CollectiveContract(
        reference=neg.reference,
        employer=neg.employer,
        union=neg.union,
        kind=kind,
        topic="",
        profile_id="PRC",
        term=term,
        signatories=chiefs,
        purpose=Purpose.NEW,
        predecessor="",
        on=signed,
        by=BY,
    )
    if stop == "signed":
        return neg, contract
    contract.submit(on=signed + timedelta(days=rng.randrange(2, 12)), by=BY, authority="人社局", copies=3)
    contract.record_receipt(on=contract.submitted_on or signed, by=BY)
    return neg, contract


def case(n: int, rng: random.Random, body: str) -> MediationCase:
    """About 6 events: application, acceptance, assignment, sessions, an outcome."""
    received = date(2015, 1, 1) + timedelta(days=rng.randrange(3600))
    c = MediationCase(
        reference=f"CASE-{n:07d}",
        channel=rng.choice(list(Channel)),
        applicants=[f"职工{n}"],
        respondent=f"企业{n % 5000}",
        category=rng.choice(list(Category)),
        tags=[],
        workers_involved=rng.choice([1, 1, 1, 2, 3, 12]),
        amount_claimed=Decimal(rng.randrange(1000, 500000)),
        currency="CNY",
        request="请求调解",
        facts="",
        applied_at="",
        body=body,
        referred_from="",
        known_on=None,
        profile_id="PRC",
        on=received,
        by=BY,
    )
    outcome = rng.random()
    if outcome < 0.1:
        c.decline(on=received + timedelta(days=1), by=BY, reason="一方不同意调解")
        return c
    accepted = received + timedelta(days=1)
    c.accept(on=accepted, by=BY, both_agree=True)
    c.assign(on=accepted, by=BY, body=body, mediators=["调解员甲"])
    for s in range(rng.randrange(1, 3)):
        c.hold_session(
            on=accepted + timedelta(days=2 + s * 3), by=BY, attendees=["双方"], offered="方案", notes=""
        )
    closing = accepted + timedelta(days=10)
    if outcome < 0.85:
        c.settle(
            on=closing,
            by=BY,
            terms="协议",
            amount_agreed=Decimal(rng.randrange(1000, 300000)),
            performance_due=closing + timedelta(days=15),
            performance_method="转账",
            mediator="调解员甲",
            parties_signed=True,
            sealed=True,
        )
    elif outcome < 0.95:
        c.fail(on=closing, by=BY, reason="未达成协议")
    else:
        c.withdraw(on=closing, by=BY, reason="撤回")
    return c


def current(first: int, count: int, today: date) -> list[Negotiation | CollectiveContract]:
    """What a federation has on its desk on ``today``: negotiations still in their rounds (two
    in three) and contracts signed but not yet submitted for filing. Both need attention
    whenever the board is read later, however long after: neither stage ends by itself."""
    rng = random.Random(first)  # the same store's other records are drawn as before
    found: list[Negotiation | CollectiveContract] = []
    for n in range(first, first + count):
        # 12 rounds of 3 to 9 days after 15 days of request and teams: at most 123 days; to
        # signing at most 155. Every date falls on or before today.
        rounds = n % 3 != 2
        start = today - timedelta(days=130 if rounds else 160)
        found.extend(a for a in negotiation(n, rng, start, "rounds" if rounds else "signed") if a)
    return found


def generate(location: Path | Store, negotiations: int, cases: int, seed: int = 7, batch: int = 200) -> int:
    """Negotiations and cases dated 2015-2024 (all of them closed by now), and 1% more
    negotiations in progress dated up to today: the attention board's rows."""
    rng = random.Random(seed)
    store = location if isinstance(location, Store) else Store(location)
    with NegotiationsApp(env=store.env_for("Negotiations")) as neg_app:
        for first in range(0, negotiations, batch):
            aggregates: list[Negotiation | CollectiveContract] = []
            for n in range(first, min(first + batch, negotiations)):
                aggregates.extend(a for a in negotiation(n, rng) if a)
            neg_app.save(*aggregates)
        neg_app.save(*current(negotiations, max(1, negotiations // 100), date.today()))
        total = neg_app.recorder.max_notification_id() or 0
    with MediationApp(env=store.env_for("Mediation")) as med_app:
        body = MediationBody(
            reference="JD-BENCH",
            name="街道调解中心",
            body_type=BodyType.TOWNSHIP,
            enterprise="",
            profile_id="PRC",
            on=date(2014, 1, 1),
            by=BY,
        )
        body.change_roster(on=date(2014, 1, 1), by=BY, added=[("调解员甲", RosterRole.MEDIATOR)], removed=[])
        med_app.save(body)
        for first in range(0, cases, batch * 10):
            med_app.save(*(case(n, rng, "JD-BENCH") for n in range(first, min(first + batch * 10, cases))))
        total += med_app.recorder.max_notification_id() or 0
    return total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("directory", type=Path)
    parser.add_argument("--negotiations", type=int, default=5000)
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    started = time.perf_counter()
    events = generate(args.directory, args.negotiations, args.cases)
    elapsed = time.perf_counter() - started
    print(f"{events} events in {elapsed:.1f} s ({events / elapsed:,.0f} events/s) in {args.directory}")


if __name__ == "__main__":
    main()
