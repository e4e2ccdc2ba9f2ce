"""Build negotiations up to a chosen stage through the public API (the seed's 篇1 shape)."""

from __future__ import annotations

from datetime import date

from bargaining import Tracker

UNION = ["陈志明", "李红", "王强"]
EMPLOYER = ["张伟", "赵敏", "钱进"]
RECORDER = "刘洋"
ARTICLE = "第一条 工资调整幅度"


def opened(t: Tracker, ref: str = "CB-2011-001", kind: str = "wage") -> str:
    t.negotiations.open(
        ref, employer="广州XX有限公司", union="广州XX有限公司工会", kind=kind, on=date(2011, 4, 1)
    )
    return ref


def negotiating(t: Tracker, ref: str = "CB-2011-001", kind: str = "wage") -> str:
    opened(t, ref, kind)
    n = t.negotiations
    n.request(ref, on=date(2011, 4, 8))
    n.reply(ref, on=date(2011, 4, 18))
    n.appoint(ref, side="union", chief=UNION[0], members=UNION[1:], on=date(2011, 4, 20))
    n.appoint(ref, side="employer", chief=EMPLOYER[0], members=EMPLOYER[1:], on=date(2011, 4, 20))
    return ref


def with_round(t: Tracker, ref: str, on: date, chair: str) -> int:
    return t.negotiations.round(
        ref,
        on=on,
        place="会议室",
        chair=chair,
        recorder=RECORDER,
        present=UNION + EMPLOYER,
        minutes="纪要",
    )


def drafted(t: Tracker, ref: str = "CB-2011-001", kind: str = "wage") -> str:
    negotiating(t, ref, kind)
    with_round(t, ref, date(2011, 4, 26), UNION[0])
    wage = kind in ("wage", "comprehensive")
    t.negotiations.propose(ref, article=ARTICLE, side="union", text="增长8%", increase="8" if wage else None)
    with_round(t, ref, date(2011, 5, 10), EMPLOYER[0])
    t.negotiations.propose(
        ref, article=ARTICLE, side="employer", text="增长6%", increase="6" if wage else None
    )
    t.negotiations.agree(ref, article=ARTICLE)
    t.negotiations.draft(ref, on=date(2011, 6, 10))
    return ref


def ratified(t: Tracker, ref: str = "CB-2011-001", kind: str = "wage") -> str:
    drafted(t, ref, kind)
    t.negotiations.vote(ref, on=date(2011, 6, 24), roll=60, present=45, yes=38, no=5)
    return ref


def signed(t: Tracker, ref: str = "CB-2011-001", kind: str = "wage") -> str:
    ratified(t, ref, kind)
    t.negotiations.sign(ref, on=date(2011, 6, 29), term_start=date(2011, 7, 1), term_end=date(2012, 6, 30))
    return ref


def in_force(t: Tracker, ref: str = "CB-2011-001", kind: str = "wage") -> str:
    signed(t, ref, kind)
    t.contracts.submit(ref, on=date(2011, 7, 4))
    t.contracts.receipt(ref, on=date(2011, 7, 5))
    return ref
