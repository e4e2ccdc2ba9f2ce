"""The wage explanation's costing: the agreed terms costed, the guideline comparison, and the
reference figures weighed with their sources (S2 Arts 8, 21), in the packet's language."""

from __future__ import annotations

from typing import Any

from bargaining.formats import grouped
from bargaining.packet.blocks import Block, Heading, Items, Paragraph, Table
from bargaining.packet.words import pick

Row = dict[str, Any]

# Key: (English, Chinese).
COSTING_WORDS: dict[str, tuple[str, str]] = {
    "heading": ("Costing of the agreed wage terms", "协议工资调整成本测算"),
    "measure": ("Measure", "项目"),
    "value": ("Amount", "金额"),
    "base": ("Wage base (last year)", "测算基数（上年度）"),
    "base.line": (
        "{workers} workers, monthly payroll {payroll}, wage bill {bill}",
        "职工{workers}人，月工资总额{payroll}元，年工资总额{bill}元",
    ),
    "increase": ("Average wage increase (first year)", "平均工资增长幅度（第一年）"),
    "monthly": ("Added to the monthly payroll", "月增加工资总额"),
    "wages": ("Added wages, first year", "第一年增加工资"),
    "on_costs": ("On-costs (social insurance, housing fund)", "社会保险和住房公积金增加"),
    "one_off": ("One-off payments", "一次性支付"),
    "total": ("Total cost, first year", "第一年增加人工成本合计"),
    "term": ("Total cost over a {years}-year term", "合同期内增加人工成本合计（{years}年）"),
    "term.months": ("Total cost over a {months}-month term", "合同期内增加人工成本合计（{months}个月）"),
    "per_worker": ("Per worker, first year", "人均（第一年）"),
    "payroll_pct": ("Share of last year's wage bill", "占上年度工资总额比例"),
    "floor": (
        "Minimum wage agreed: workers lifted, monthly cost",
        "约定最低工资：提至最低工资人数、月增加额",
    ),
    "floor.line": ("{floor}: {lifted} workers, {monthly} a month", "{floor}元：{lifted}人，每月{monthly}元"),
    "rounding": (
        "Amounts to the fen: each group's new average monthly wage, its year's wages and the on-costs"
        " rounded half up (ROUND_HALF_UP); totals are the sums of the groups and years. Percentages to"
        " 0.01 point.",
        "金额精确到分：各组调整后月平均工资、年度工资及社会保险、住房公积金按四舍五入（ROUND_HALF_UP）"
        "取至分，合计为各组、各年度之和；百分比保留两位小数。",
    ),
    "guideline": ("Comparison with the wage guideline", "与工资指导线比较"),
    "guideline.line": (
        "An average increase of {pct} against {where}'s guideline (base {base}%, upper {upper}%,"
        " lower {lower}%): {position}.",
        "平均工资{pct}，对照{where}工资指导线（基准线{base}%，上线{upper}%，下线{lower}%）：{position}。",
    ),
    "guideline.none": (
        "No wage guideline for {where} is recorded; the increase is not compared with one.",
        "未记录{where}工资指导线，未作比较。",
    ),
    "real": (
        "Against the consumer price index ({cpi}), the real increase is {real}.",
        "扣除居民消费价格指数（{cpi}）后，实际{real}。",
    ),
    "sources": ("Figures weighed, with their sources", "参考数据及来源"),
    "source.guideline": ("Wage guideline {where}: {source}", "{where}工资指导线：{source}"),
    "source.minimum": (
        "Statutory minimum wage {where}: {amount} a month ({source})",
        "{where}最低工资标准：每月{amount}元（{source}）",
    ),
    "source.cpi": (
        "Consumer price index {where}: {change} ({source})",
        "{where}居民消费价格指数：{change}（{source}）",
    ),
    "source.base": (
        "Last year's workforce and pay: the wage base recorded in the negotiation",
        "上年度职工人数和工资水平：集体协商中记录的测算基数",
    ),
}

POSITIONS: dict[str, tuple[str, str]] = {
    "above the upper line": ("above the upper (warning) line", "高于上线（预警线）"),
    "at the upper line": ("at the upper (warning) line", "达到上线（预警线）"),
    "between the base and upper lines": ("between the base and the upper line", "介于基准线与上线之间"),
    "at the base line": ("at the base line", "达到基准线"),
    "between the lower and base lines": ("between the lower and the base line", "介于下线与基准线之间"),
    "at the lower line": ("at the lower line", "达到下线"),
    "below the lower line": ("below the lower line", "低于下线"),
}


def _moved(value: str, lang: str, rise: str = "增长") -> str:
    """A change in percent as read: 5.5% or -0.8%; in Chinese 增长6% or 下降0.01% (a wage),
    上涨5.5% or 下降0.8% (a price level), never 上涨-0.8%."""
    falls = value.startswith("-")
    size = value.removeprefix("-")
    if lang != "zh":
        return f"{value}%"
    return f"{'下降' if falls else rise}{size}%"


def _w(key: str, lang: str) -> str:
    en, zh = COSTING_WORDS[key]
    return pick(lang, en, zh)


def _money(value: str | None) -> str:
    if value is None:
        return ""
    return grouped(value)  # -0.30 keeps its sign


def _term(term: Row, lang: str) -> str:
    """Over the term: in years when it is whole years, else in months (18 months, not 2 years)."""
    if term["months"] % 12:
        return _w("term.months", lang).format(months=term["months"])
    return _w("term", lang).format(years=term["years"])


def costing_blocks(c: Row | None, lang: str) -> list[Block]:
    """The costing of the agreed terms, or nothing when no base or no numbers were recorded."""
    if c is None:
        return []
    b = c["base"]
    unit = pick(lang, " CNY", "元")
    rows = [
        (
            _w("base", lang),
            _w("base.line", lang).format(
                workers=b["headcount"], payroll=_money(b["monthly_payroll"]), bill=_money(b["annual_payroll"])
            ),
        ),
        (_w("increase", lang), f"{c['increase_pct']}%"),
        (_w("monthly", lang), _money(c["monthly"]) + unit),
        (_w("wages", lang), _money(c["this_year"]["wages"]) + unit),
        (_w("on_costs", lang), _money(c["this_year"]["on_costs"]) + unit),
        (_w("one_off", lang), _money(c["this_year"]["one_off"]) + unit),
        (_w("total", lang), _money(c["this_year"]["total"]) + unit),
        (_term(c["term"], lang), _money(c["term"]["total"]) + unit),
        (_w("per_worker", lang), _money(c["per_worker"]) + unit),
        (_w("payroll_pct", lang), f"{c['payroll_pct']}%"),
    ]
    if c["minimum_wage"] is not None:
        rows.append(
            (
                _w("floor", lang),
                _w("floor.line", lang).format(
                    floor=_money(c["minimum_wage"]),
                    lifted=c["floor"]["lifted"],
                    monthly=_money(c["floor"]["monthly"]),
                ),
            )
        )
    blocks: list[Block] = [
        Heading(_w("heading", lang), 3),
        Table((_w("measure", lang), _w("value", lang)), tuple(rows), (0.5, 0.5)),
        Paragraph(_w("rounding", lang), note=True),
        Heading(_w("guideline", lang), 3),
        *_comparison(c, lang),
        Heading(_w("sources", lang), 3),
        Items(tuple(_sources(c, lang))),
    ]
    return blocks


def _comparison(c: Row, lang: str) -> list[Block]:
    data = c["reference_data"]
    where = f"{data['region']} {data['year']}" if data["region"] and data["year"] else "?"
    lines = c["guideline_lines"]
    found: list[Block] = []
    if lines is None or c["guideline"] is None:
        found.append(Paragraph(_w("guideline.none", lang).format(where=where)))
    else:
        en, zh = POSITIONS[c["guideline"]["position"]]
        found.append(
            Paragraph(
                _w("guideline.line", lang).format(
                    pct=_moved(c["increase_pct"], lang), where=where, position=pick(lang, en, zh), **lines
                )
            )
        )
    if c["real_increase_pct"] is not None:
        found.append(
            Paragraph(
                _w("real", lang).format(
                    cpi=_moved(data["cpi"]["change_pct"], lang, "上涨"),
                    real=_moved(c["real_increase_pct"], lang),
                )
            )
        )
    return found


def _sources(c: Row, lang: str) -> list[str]:
    data = c["reference_data"]
    where = f"{data['region']} {data['year']}"
    found = [_w("source.base", lang)]
    if data["guideline"]:
        found.append(_w("source.guideline", lang).format(where=where, source=data["guideline"]["source"]))
    if data["minimum_wage"]:
        m = data["minimum_wage"]
        found.append(
            _w("source.minimum", lang).format(where=where, amount=_money(m["monthly"]), source=m["source"])
        )
    if data["cpi"]:
        found.append(
            _w("source.cpi", lang).format(
                where=where,
                change=_moved(data["cpi"]["change_pct"], lang, "上涨"),
                source=data["cpi"]["source"],
            )
        )
    return found
