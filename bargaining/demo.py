"""The demo: the seed's 篇1 wage negotiation (2011) and 篇7 work-injury dispute, logged through
the public services.

From the seed: preparation from April 2011; four negotiation rounds; agreement on the basis
of the enterprise's business condition, the regional wage level and the consumer price
index; the 3rd workers' congress passed the draft by vote on 24 June (no tally reported);
on 29 June the union chairman and the general manager, the chief representatives, signed in
front of both sides' representatives; submitted to the district labour and social security
department for filing. The seed redacts names and gives no round dates, places or figures:
those below are illustrative and marked so.

The wage base (326 workers in four groups: 137 women are 42% of the workforce, 篇1) and the
on-costs are illustrative too; the proposals' numbers follow their texts, to the agreed 6%
with 7% for 一线职工 and a 1,400 yuan floor. The reference figures are the shipped ones
(bargaining.negotiations.reference.SHIPPED), each with its source: Guangzhou's 2011 minimum
wage and CPI. No Guangzhou 2011 wage guideline is shipped: its lines could not be confirmed.
"""

from __future__ import annotations

from datetime import date

from bargaining.mediation.service import BodyService, CaseService
from bargaining.negotiations.contracts import ContractService
from bargaining.negotiations.reference import ReferenceService
from bargaining.negotiations.service import NegotiationService
from bargaining.negotiations.wages import WageService
from bargaining.vocabulary import DEMO_ARTICLE, DEMO_CASE, DEMO_REFERENCE

WAGE_REF = DEMO_REFERENCE
CASE_REF = DEMO_CASE
BODY_REF = "DEMO-LQ-TJWYH"

# Illustrative (the seed redacts them): names, dates of rounds, places, texts, figures.
UNION_CHIEF, EMPLOYER_CHIEF, RECORDER = "陈志明", "张伟", "刘洋"
ROUNDS = [
    (date(2011, 4, 26), UNION_CHIEF, "工会提出2011年度工资调整方案，说明职工意见征集情况。"),
    (date(2011, 5, 10), EMPLOYER_CHIEF, "企业方通报一季度经营状况，提出对应方案。"),
    (date(2011, 5, 24), UNION_CHIEF, "双方对照地区工资水平和物价消费指数讨论调整幅度。"),
    (date(2011, 6, 8), EMPLOYER_CHIEF, "双方就全部条款达成一致，形成协议草案。"),
]
WAGE = DEMO_ARTICLE
MINIMUM = "第二条 最低工资"
PAYMENT = "第三条 工资支付"
# Illustrative (the seed gives none): last year's workforce and pay, and the on-costs.
BASE = [
    ("一线职工", 200, "2900"),
    ("辅助岗位", 74, "2300"),
    ("管理人员", 40, "5200"),
    ("见习员工", 12, "1300"),
]


def log_wage_negotiation(
    negotiations: NegotiationService,
    contracts: ContractService,
    wages: WageService | None = None,
    reference: ReferenceService | None = None,
) -> str:
    """Log 篇1 under ``WAGE_REF`` unless it is already in the store. Returns the reference."""
    n, ref = negotiations, WAGE_REF
    if n.app.exists_reference(ref):
        return ref
    if reference is not None:
        reference.record_shipped()
    n.open(
        ref,
        employer="广州XX有限公司",
        union="广州XX有限公司工会",
        kind="wage",
        requested_by="union",
        on=date(2011, 4, 1),
    )
    n.request(ref, on=date(2011, 4, 8), topics="2011年度工资集体协商：工资调整幅度、最低工资、工资支付")
    n.reply(ref, on=date(2011, 4, 18))
    n.appoint(ref, side="union", chief=UNION_CHIEF, title="工会主席", on=date(2011, 4, 20))
    n.appoint(ref, side="union", members=["李红", "王强"], on=date(2011, 4, 20))
    n.appoint(ref, side="employer", chief=EMPLOYER_CHIEF, title="总经理", on=date(2011, 4, 20))
    n.appoint(ref, side="employer", members=["赵敏", "钱进"], on=date(2011, 4, 20))
    everyone = [UNION_CHIEF, "李红", "王强", EMPLOYER_CHIEF, "赵敏", "钱进"]
    if wages is not None:  # the information exchanged before the talks (S2 Art 18)
        wages.base(
            ref,
            groups=BASE,
            region="广州",
            year=2011,
            social_insurance="25",
            housing_fund="5",
            bonus_months="1",
            on=date(2011, 4, 20),
        )
    factors = ["performance", "regional-wage", "cpi"]  # the seed's three factors (S2 Art 8)

    def hold(number: int) -> None:
        on, chair, minutes = ROUNDS[number - 1]
        n.round(
            ref,
            on=on,
            place="公司三楼会议室",
            chair=chair,
            recorder=RECORDER,
            present=everyone,
            minutes=minutes,
        )

    hold(1)
    n.propose(
        ref,
        article=WAGE,
        side="union",
        text="职工月平均工资比上年增长8%。",
        increase="8",
        effective=date(2011, 7, 1),
        factors=factors,
    )
    n.propose(ref, article=MINIMUM, side="union", text="职工月最低工资不低于1500元。", minimum_wage="1500")
    n.propose(ref, article=PAYMENT, side="union", text="工资每月10日前以货币形式足额支付。")
    n.agree(ref, article=PAYMENT)
    hold(2)
    n.propose(
        ref,
        article=WAGE,
        side="employer",
        text="职工月平均工资比上年增长4%。",
        increase="4",
        effective=date(2011, 7, 1),
        factors=factors,
    )
    n.propose(
        ref,
        article=MINIMUM,
        side="employer",
        text="职工月最低工资不低于1350元。",
        minimum_wage="1350",
    )
    hold(3)
    n.propose(
        ref,
        article=WAGE,
        side="union",
        text="职工月平均工资比上年增长6.5%。",
        increase="6.5",
        effective=date(2011, 7, 1),
        factors=factors,
    )
    n.propose(ref, article=MINIMUM, side="union", text="职工月最低工资不低于1400元。", minimum_wage="1400")
    n.agree(ref, article=MINIMUM)
    hold(4)
    n.propose(
        ref,
        article=WAGE,
        side="employer",
        text="职工月平均工资比上年增长6%，\n其中一线职工增长不低于7%。",
        increase="6",
        raises=["一线职工=7%"],
        effective=date(2011, 7, 1),
        factors=factors,
    )
    n.agree(ref, article=WAGE)
    n.draft(ref, on=date(2011, 6, 10))
    n.vote(ref, on=date(2011, 6, 24), body="congress", session="第三届职工代表大会", outcome="passed")
    n.sign(
        ref,
        on=date(2011, 6, 29),
        term_start=date(2011, 7, 1),
        term_end=date(2012, 6, 30),
        witnesses=["李红", "王强", "赵敏", "钱进"],
    )
    contracts.submit(ref, on=date(2011, 7, 4), authority="XX区社会劳动保障部门")
    contracts.receipt(ref, on=date(2011, 7, 5))
    contracts.publish(ref, on=date(2011, 7, 22))
    return ref


def log_injury_case(bodies: BodyService, cases: CaseService) -> str:
    """Log 篇7 under ``CASE_REF`` unless it is already in the store. Returns the reference.

    From the seed: in the first half of the year a worker on the 绥宁绿洲大桥 project was injured
    in a site accident and assessed at disability grade 8; no agreement with the project
    department on injury compensation and wage payment; repeated complaints and petitions;
    the union led, with the labour-and-wages department and the project department, several
    mediation and negotiation sessions until an agreement was reached. Names, dates and
    amounts below are illustrative (the seed gives none).
    """
    if cases.exists(CASE_REF):
        return CASE_REF
    if not bodies.app.exists_body(BODY_REF):
        bodies.register(
            BODY_REF,
            name="XX路桥公司劳动争议调解委员会",
            body_type="enterprise",
            enterprise="XX路桥公司",
            on=date(2011, 1, 10),
        )
        bodies.roster(
            BODY_REF,
            workers=["周建华", "李卫东"],
            employers=["王立新", "孙红"],
            chair="周建华",
            officers=["陈明"],
            on=date(2011, 1, 10),
        )
    ref = CASE_REF
    cases.open(
        ref,
        channel="visit",
        received=date(2011, 3, 7),
        applicants=["刘某"],
        respondent="绥宁绿洲大桥项目部",
        category="work-injury",
        tags=["remuneration"],
        amount_claimed="180000",
        request="工伤赔偿（八级伤残）及拖欠工资支付",
        facts="在绥宁绿洲大桥项目施工中因工地事故受伤，经工伤鉴定为八级伤残；与项目部就工伤赔偿和工资支付未能达成协议，多次上访。",
        body=BODY_REF,
    )
    cases.flag(ref, on=date(2011, 3, 7), officer="陈明", risk="伤者多次吵闹、上访", workers_at_risk=1)
    cases.accept(ref, on=date(2011, 3, 8), both_agree=True)
    cases.assign(ref, on=date(2011, 3, 8), body=BODY_REF, mediators=["周建华", "王立新"])
    cases.session(
        ref,
        on=date(2011, 3, 10),
        attendees=["刘某", "项目部", "周建华", "王立新"],
        offered="项目部：按工伤保险待遇支付，工资按实际出勤结算",
        notes="双方分歧较大",
    )
    cases.session(
        ref,
        on=date(2011, 3, 15),
        attendees=["刘某", "项目部", "劳资科", "周建华"],
        offered="项目部：一次性支付10万元",
        notes="伤者要求18万元",
    )
    cases.session(
        ref,
        on=date(2011, 3, 21),
        attendees=["刘某", "项目部", "劳资科", "周建华", "王立新"],
        offered="一次性支付12.6万元，含所欠工资",
        notes="双方基本达成一致",
    )
    cases.settle(
        ref,
        on=date(2011, 3, 22),
        terms="项目部一次性支付工伤赔偿及所欠工资共计126,000元",
        amount_agreed="126000",
        performance_due=date(2011, 4, 5),
        method="银行转账",
        mediator="周建华",
        parties_signed=True,
        sealed=True,
    )
    cases.perform(ref, on=date(2011, 4, 1), performed=True, note="已全额支付")
    return ref
