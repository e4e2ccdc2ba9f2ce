"""The packet's account of the negotiation: meetings, representatives, the vote, wage terms."""

from __future__ import annotations

from functools import partial
from typing import Any

from bargaining.packet.blocks import Block, Fields, Heading, Items, PageBreak, Paragraph, Table
from bargaining.packet.costing import costing_blocks
from bargaining.packet.words import cite, enum, names, paren, pick, sep, word
from domain.values import WAGE_FACTORS, WAGE_FACTORS_ZH

Row = dict[str, Any]


def explanation(f: Row, lang: str) -> list[Block]:
    h = f["history"]
    side = enum("side", h["requested_by"], lang)
    blocks: list[Block] = [PageBreak(), Heading(word("explanation", lang)), Heading(word("request", lang), 3)]
    topics = h["request_topics"] or word("not_recorded", lang)
    blocks.append(
        Paragraph(
            pick(
                lang,
                f"The {side} side requested negotiation in writing; the other side received the request on"
                f" {h['request_received_on']}. Topics: {topics}",
                f"{side}提出书面协商要求，对方于{h['request_received_on']}收到。协商议题：{topics}",
            )
        )
    )
    answer = pick(lang, "accepted", "同意协商") if h["reply_accepted"] else pick(lang, "refused", "拒绝协商")
    reason = paren(h["reply_reason"], lang)
    blocks += [
        Heading(word("reply", lang), 3),
        Paragraph(f"{h['reply_on']}{pick(lang, ': ', '：')}{answer}{reason}"),
    ]
    blocks += _rounds(h["rounds"], lang)
    blocks += _later_steps(f, lang)
    return blocks


def _rounds(rounds: list[Row], lang: str) -> list[Block]:
    w = partial(word, lang=lang)
    table = Table(
        (w("round"), w("date"), w("place"), w("chair"), w("recorder"), w("present")),
        tuple(
            (str(r["number"]), r["on"], r["place"], r["chair"], r["recorder"], names(r["present"], lang))
            for r in rounds
        ),
        (0.08, 0.15, 0.2, 0.13, 0.13, 0.31),
    )
    blocks: list[Block] = [Heading(w("rounds"), 3), table, Heading(w("minutes"), 3)]
    for r in rounds:
        head = pick(lang, f"Round {r['number']} ({r['on']}): ", f"第{r['number']}轮（{r['on']}）：")
        text = r["minutes"] or w("not_recorded")
        if r["agreed"]:
            stop = "" if text.endswith((".", "。", "！", "？", "!", "?")) else pick(lang, ".", "。")
            text += stop + pick(lang, " Articles agreed: ", "议定条款：") + sep(lang).join(r["agreed"])
        blocks.append(Paragraph(head + text))
    return blocks


def _later_steps(f: Row, lang: str) -> list[Block]:
    h, w = f["history"], partial(word, lang=lang)
    blocks: list[Block] = []
    if h["suspensions"]:
        blocks += [
            Heading(w("suspensions"), 3),
            Items(tuple(_suspension_line(x, lang) for x in h["suspensions"])),
        ]
    signed_by = names(h["draft_signed_by"], lang)
    blocks += [
        Heading(w("draft"), 3),
        Paragraph(
            pick(
                lang,
                f"Draft adopted on {h['draft_on']}, signed by {signed_by}.",
                f"{h['draft_on']}形成协议草案，由{signed_by}签字。",
            )
        ),
        Heading(w("votes"), 3),
        Items(tuple(_vote_line(v, lang) for v in f["votes"])),
    ]
    if h["objections"]:
        lines = tuple(f"{o['on']}: {o['opinion']}" for o in h["objections"])
        blocks += [Heading(w("objections"), 3), Items(lines)]
    u, e = f["chiefs"]["union"]["name"], f["chiefs"]["employer"]["name"]
    witnesses = sep(lang).join(f["witnesses"])
    text = pick(
        lang,
        f"Signed on {f['signed_on']} by the chief representatives {u} and {e}.",
        f"{f['signed_on']}，双方首席代表{u}、{e}签字。",
    )
    if witnesses:
        text += pick(lang, f" Witnesses: {witnesses}.", f"见证人：{witnesses}。")
    return [*blocks, Heading(w("signing"), 3), Paragraph(text)]


def _vote_line(v: Row, lang: str) -> str:
    """One meeting of the ratifying body: its outcome and figures, and, for a vote held again
    after a meeting without quorum, which attempt it was."""
    body = enum("body", v["body"], lang) + paren(v["session"], lang)
    counts = _counts(v, lang)
    line = (
        f"{v['on']} {body}: {enum('outcome', v['final'], lang)} ({counts})"
        if lang == "en"
        else f"{v['on']}{body}：{enum('outcome', v['final'], lang)}（{counts}）"
    )
    if v["follows"]:
        line += pick(
            lang,
            f"; attempt {v['attempt']}, held again after the meeting of {v['follows']} without quorum",
            f"；系{v['follows']}会议因出席人数不足无效后的第{v['attempt']}次表决",
        )
    return line


def _counts(v: Row, lang: str) -> str:
    t = v["tally"]
    if not t:
        return pick(lang, "tally not recorded", "未记录票数")
    if v["outcome"] == "no quorum":
        return pick(
            lang,
            f"{t['present']} of {t['roll']} present, {t['quorum_needed']} needed",
            f"应到{t['roll']}人，实到{t['present']}人，至少应到{t['quorum_needed']}人",
        )
    return pick(
        lang,
        f"{t['present']} of {t['roll']} present, {t['yes']} for",
        f"应到{t['roll']}人，实到{t['present']}人，同意{t['yes']}票",
    )


def representatives(f: Row, lang: str) -> list[Block]:
    w = partial(word, lang=lang)
    reps = f["representatives"]
    table = Table(
        (w("side"), w("role"), w("name"), w("post"), w("appointed_on")),
        tuple(
            (
                enum("side", r["side"], lang),
                enum("role", r["role"], lang),
                r["name"],
                r["title"],
                r["appointed_on"] or "",
            )
            for r in reps["current"]
        ),
        (0.2, 0.2, 0.2, 0.2, 0.2),
    )
    blocks: list[Block] = [Heading(w("representatives")), table]
    if reps["replaced"]:
        lines = tuple(
            pick(lang, f"{r['on']}: {r['new']} replaced {r['old']}", f"{r['on']}：{r['new']}接替{r['old']}")
            for r in reps["replaced"]
        )
        blocks += [Heading(w("replaced"), 3), Items(lines)]
    return blocks


def resolution(f: Row, lang: str) -> list[Block]:
    v, w = f["resolution"], partial(word, lang=lang)
    t = v["tally"] or {}
    missing = w("not_recorded")
    rows = [
        (w("body"), enum("body", v["body"], lang)),
        (w("session"), v["session"]),
        (w("voted_on"), v["on"]),
        *[(w(label), str(t[key]) if t else missing) for label, key in _TALLY],
    ]
    rows += _vote_rule_rows(v, lang)
    # The meetings without quorum this draft went through before the vote that decided it.
    earlier = f["votes"][-v["attempt"] : -1]
    rows.append((w("earlier"), pick(lang, "; ", "；").join(_earlier_line(e, lang) for e in earlier)))
    return [Heading(w("resolution")), Fields(tuple((k, x) for k, x in rows if x))]


def _earlier_line(v: Row, lang: str) -> str:
    return pick(
        lang,
        f"{v['on']}: {enum('outcome', v['outcome'], lang)} ({_counts(v, lang)})",
        f"{v['on']}：{enum('outcome', v['outcome'], lang)}（{_counts(v, lang)}）",
    )


_TALLY = (
    ("roll", "roll"),
    ("attendance", "present"),
    ("yes", "yes"),
    ("no", "no"),
    ("abstain", "abstain"),
    ("invalid", "invalid"),
)


def _vote_rule_rows(v: Row, lang: str) -> list[tuple[str, str]]:
    w, t = partial(word, lang=lang), v["tally"]
    base = {
        "roll": ("the whole roll", "全体人员"),
        "present": ("those present", "出席人员"),
        "cast": ("the votes cast", "投票人数"),
    }
    whole = pick(lang, *base[v["base"]])
    more = pick(lang, "more than" if v["op"] == ">" else "at least", "超过" if v["op"] == ">" else "不少于")
    quorum = pick(
        lang, f"at least {v['quorum']} of the whole roll present", f"全体人员的{v['quorum']}以上出席"
    )
    threshold = pick(
        lang, f"{more} {v['threshold']} of {whole} in favour", f"同意票{more}{whole}的{v['threshold']}"
    )
    rule = v["rule"] if lang == "en" else f"{quorum}；{threshold}（{cite(v['basis'], lang)}）"
    if t:
        quorum += pick(
            lang,
            f": {t['quorum_needed']} needed, {t['present']} present",
            f"：至少{t['quorum_needed']}人，实到{t['present']}人",
        )
        threshold += pick(
            lang,
            f": {t['yes_needed']} needed, {t['yes']} for",
            f"：至少{t['yes_needed']}票，同意{t['yes']}票",
        )
    else:
        unverifiable = pick(lang, " — cannot be verified: no tally recorded", "——未记录票数，无法核实")
        quorum, threshold = quorum + unverifiable, threshold + unverifiable
    outcome = enum("outcome", v["outcome"], lang)
    if v["decided"]:
        outcome += pick(
            lang,
            f"; decided {v['decided']['outcome']}",
            f"；认定为{enum('outcome', v['decided']['outcome'], lang)}",
        )
    return [(w("quorum"), quorum), (w("threshold"), threshold), (w("outcome"), outcome), (w("rule"), rule)]


def wage_terms(f: Row, lang: str) -> list[Block]:
    wage = f["wage"]
    if wage is None:
        return []
    w = partial(word, lang=lang)
    table = Table(
        (w("wage.article"), w("wage.increase"), w("wage.minimum"), w("wage.from")),
        tuple(row for t in wage["terms"] for row in _term_rows(t, lang)),
        (0.4, 0.2, 0.2, 0.2),
    )
    names = WAGE_FACTORS_ZH if lang == "zh" else WAGE_FACTORS
    factors = tuple(names[code] for code in names if code in wage["factors"])  # in S2 Art 8's order
    body: Block = Items(factors) if factors else Paragraph(w("wage.no_factors"))
    costed = costing_blocks(wage.get("costing"), lang)
    return [Heading(w("wage")), table, Heading(w("wage.factors"), 3), body, *costed]


def _term_rows(t: Row, lang: str) -> list[tuple[str, str, str, str]]:
    """An agreed wage article's numbers: its first year, then each later year of the term on a
    row of its own (year 2, 第2年), so that every number the costing uses is shown."""
    unit = _unit(t.get("currency", "CNY"), lang)

    def row(label: str, year: Row, start: str) -> tuple[str, str, str, str]:
        floor = f"{year['minimum_wage']} {unit}" if year.get("minimum_wage") is not None else ""
        return label, _increase_cell(year, lang, unit), floor, start

    rows = [row(t["article"], t, t["effective_on"] or "")]
    rows += [
        row(pick(lang, f"{t['article']}, year {n}", f"{t['article']}，第{n}年"), year, "")
        for n, year in enumerate(t.get("later", []), start=2)
    ]
    return rows


def _increase_cell(t: Row, lang: str, unit: str) -> str:
    """'6%; 一线职工 7%; one-off 500 CNY': the rise for every group, each group's own, and a
    one-off payment per worker."""
    parts = [f"{t['increase_pct']}%"] if t.get("increase_pct") is not None else []
    parts += [
        f"{r['group']} {r['pct']}%" if r["pct"] is not None else f"{r['group']} +{r['amount']}"
        for r in t.get("raises", [])
    ]
    if t.get("one_off") is not None:
        parts.append(pick(lang, f"one-off {t['one_off']} {unit}", f"一次性{t['one_off']}{unit}"))
    return pick(lang, "; ", "；").join(parts)


def _unit(currency: str, lang: str) -> str:
    """Yuan in a Chinese packet; otherwise the currency's code (CNY)."""
    return "元" if lang == "zh" and currency == "CNY" else currency


def _suspension_line(s: Row, lang: str) -> str:
    line = pick(
        lang, f"{s['on']} until {s['until']}: {s['reason']}", f"{s['on']}中止至{s['until']}：{s['reason']}"
    )
    if s["resumed_on"]:
        line += pick(lang, f" (resumed {s['resumed_on']})", f"（{s['resumed_on']}恢复）")
    return line
