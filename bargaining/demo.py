"""The demo: the seed's 篇1 wage negotiation (2011), logged through the public services.

From the seed: preparation from April 2011; four negotiation rounds; agreement on the basis
of the enterprise's business condition, the regional wage level and the consumer price
index; the 3rd workers' congress passed the draft by vote on 24 June (no tally reported);
on 29 June the union chairman and the general manager, the chief representatives, signed in
front of both sides' representatives; submitted to the district labour and social security
department for filing. The seed redacts names and gives no round dates, places or figures:
those below are illustrative and marked so.
"""

from __future__ import annotations

from datetime import date

from bargaining.contracts import ContractService
from bargaining.negotiations import NegotiationService

WAGE_REF = "DEMO-2011-WAGE"

# Illustrative (the seed redacts them): names, dates of rounds, places, texts, figures.
UNION_CHIEF, EMPLOYER_CHIEF, RECORDER = "陈志明", "张伟", "刘洋"
ROUNDS = [
    (date(2011, 4, 26), UNION_CHIEF, "工会提出2011年度工资调整方案，说明职工意见征集情况。"),
    (date(2011, 5, 10), EMPLOYER_CHIEF, "企业方通报一季度经营状况，提出对应方案。"),
    (date(2011, 5, 24), UNION_CHIEF, "双方对照地区工资水平和物价消费指数讨论调整幅度。"),
    (date(2011, 6, 8), EMPLOYER_CHIEF, "双方就全部条款达成一致，形成协议草案。"),
]
WAGE = "第一条 工资调整幅度"
MINIMUM = "第二条 最低工资"
PAYMENT = "第三条 工资支付"


def log_wage_negotiation(negotiations: NegotiationService, contracts: ContractService) -> str:
    """Log 篇1 under ``WAGE_REF`` unless it is already in the store. Returns the reference."""
    n, ref = negotiations, WAGE_REF
    if n.app.exists_reference(ref):
        return ref
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
