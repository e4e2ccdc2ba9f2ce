"""The filing packet's words in Chinese (simplified) and English, and its warnings worded.

A packet is written in one language; the facts (names, dates, amounts, the contract text) are
the same in both, exactly as recorded.
"""

from __future__ import annotations

from typing import Any

# Key: (English, Chinese).
WORDS: dict[str, tuple[str, str]] = {
    "title": ("Filing packet: collective contract", "集体合同备案材料"),
    "cover": ("1. Registration form", "一、集体合同备案登记表"),
    "warnings": ("Warnings", "提示"),
    "warnings.none": ("No gaps found in the record.", "记录中未发现缺项。"),
    "corrections": ("Corrections to the record", "记录更正情况"),
    "corrections.none": (
        "No step of this record was corrected or retracted.",
        "本记录的各项步骤均未更正或撤销。",
    ),
    "contract": ("2. The contract as agreed", "二、合同文本（协商一致条款）"),
    "explanation": ("3. Explanation of the negotiation", "三、集体协商情况说明"),
    "representatives": ("4. Negotiation representatives", "四、协商代表名单"),
    "resolution": ("5. Resolution of the ratifying body", "五、职工代表大会（职工大会）决议"),
    "wage": ("6. Wage terms and the factors considered", "六、工资协议主要内容及协商参考因素"),
    "reference": ("Reference", "编号"),
    "employer": ("Employer", "用人单位"),
    "union": ("Trade union", "工会"),
    "kind": ("Kind of agreement", "合同种类"),
    "purpose": ("Purpose", "签订类型"),
    "predecessor": ("Contract it renews or amends", "原合同编号"),
    "term": ("Term", "合同期限"),
    "to": ("to", "至"),
    "signed_on": ("Signed on", "签订日期"),
    "chief.union": ("Workers' chief representative", "职工方首席代表"),
    "chief.employer": ("Employer's chief representative", "企业方首席代表"),
    "witnesses": ("Witnesses at signing", "签字见证人"),
    "filing_due": ("Filing due", "报送期限"),
    "filing_also": ("Filing due (general rule)", "报送期限（一般规定）"),
    "submitted_on": ("Submitted on", "报送日期"),
    "not_submitted": ("not yet submitted", "尚未报送"),
    "on_time": ("on time", "按期报送"),
    "late_by": ("{days} late", "逾期{days}"),
    "authority": ("Submitted to", "报送机关"),
    "copies": ("Copies", "报送份数"),
    "received_on": ("Received by the authority", "劳动保障行政部门收到日期"),
    "not_received": ("receipt not yet recorded", "尚未记录收到日期"),
    "review": ("Review window", "审查期限"),
    "effective": ("Deemed effective if no objection", "无异议视为生效日期"),
    "objected": ("objected to on", "已提出审查意见："),
    "not_recorded": ("not recorded", "未记录"),
    "enclosures": ("Documents in this packet", "本备案材料包括"),
    "signature": ("Signatures", "签字"),
    "sign_here": ("(signature and seal)", "（签字盖章）"),
    "article": ("Article", "条款"),
    "agreed_in": ("agreed in round", "议定轮次"),
    "tabled_by": ("text tabled by", "提出方"),
    "request": ("Request to negotiate", "协商要求"),
    "reply": ("Reply", "答复"),
    "rounds": ("Negotiation meetings", "协商会议"),
    "round": ("Round", "轮次"),
    "date": ("Date", "日期"),
    "place": ("Place", "地点"),
    "chair": ("Chair", "主持人"),
    "recorder": ("Recorder", "记录员"),
    "present": ("Present", "出席"),
    "minutes": ("Minutes", "会议纪要"),
    "suspensions": ("Suspensions", "中止协商"),
    "draft": ("Draft", "协议草案"),
    "votes": ("Ratification votes", "审议表决"),
    "objections": ("Objections by the authority", "审查意见"),
    "signing": ("Signing", "签订"),
    "side": ("Side", "方别"),
    "role": ("Role", "身份"),
    "name": ("Name", "姓名"),
    "post": ("Post", "职务"),
    "appointed_on": ("Appointed on", "产生日期"),
    "replaced": ("Replacements", "代表更换"),
    "body": ("Body", "审议机构"),
    "session": ("Session", "届次"),
    "voted_on": ("Date of the vote", "表决日期"),
    "roll": ("Delegates (whole roll)", "应到人数（全体）"),
    "attendance": ("Present", "实到人数"),
    "yes": ("For", "同意"),
    "no": ("Against", "反对"),
    "abstain": ("Abstaining", "弃权"),
    "invalid": ("Invalid", "无效"),
    "quorum": ("Quorum", "出席要求"),
    "threshold": ("Threshold", "通过要求"),
    "outcome": ("Outcome", "表决结果"),
    "earlier": ("Earlier meetings on this draft", "此前审议会议"),
    "rule": ("Rule applied", "适用规则"),
    "wage.article": ("Article", "条款"),
    "wage.increase": ("Average increase", "平均工资增长幅度"),
    "wage.minimum": ("Minimum wage (monthly)", "月最低工资"),
    "wage.from": ("From", "执行日期"),
    "wage.factors": (
        "Factors considered (Wage Measures art. 8)",
        "协商参考因素（《工资集体协商试行办法》第八条）",
    ),
    "wage.no_factors": ("none recorded", "未记录"),
    "page": ("Page {page} of {{nb}}", "第 {page} 页，共 {{nb}} 页"),
    "digest": ("record", "记录摘要"),
}

ENUMS: dict[str, tuple[str, str]] = {
    "kind.comprehensive": ("collective contract", "集体合同"),
    "kind.wage": ("wage agreement (special collective contract on wages)", "工资专项集体合同"),
    "kind.special": ("special collective contract", "专项集体合同"),
    "kind.regional": ("regional collective contract", "区域性集体合同"),
    "kind.industry": ("industry collective contract", "行业性集体合同"),
    "purpose.new": ("new contract", "新订"),
    "purpose.renewal": ("renewal", "续订"),
    "purpose.amendment": ("amendment", "变更"),
    "side.union": ("workers (union)", "职工方"),
    "side.employer": ("employer", "企业方"),
    "role.chief": ("chief representative", "首席代表"),
    "role.member": ("representative", "协商代表"),
    "role.expert": ("outside expert", "外聘专家"),
    "body.congress": ("workers' congress", "职工代表大会"),
    "body.assembly": ("general meeting of all workers", "全体职工大会"),
    "outcome.passed": ("passed", "通过"),
    "outcome.rejected": ("rejected", "未通过"),
    "outcome.tied": ("exactly at the threshold", "恰为半数"),
    "outcome.no quorum": ("held without quorum, invalid", "出席人数不足，会议无效"),
}


def pick(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def word(key: str, lang: str) -> str:
    en, zh = WORDS[key]
    return pick(lang, en, zh)


def enum(group: str, value: str, lang: str) -> str:
    en, zh = ENUMS[f"{group}.{value}"]
    return pick(lang, en, zh)


def cite(basis: dict[str, str] | None, lang: str) -> str:
    return "" if basis is None else basis[lang]


def days(n: int, lang: str) -> str:
    """A number of days: "1 day", "2 days", 2日."""
    return pick(lang, f"{n} day" if n == 1 else f"{n} days", f"{n}日")


def paren(text: str, lang: str) -> str:
    return pick(lang, f" ({text})", f"（{text}）") if text else ""


# Each gap's wording (English, Chinese), filled with the warning's facts in ``warning_text``.
WARNINGS: dict[str, tuple[str, str]] = {
    "vote.tally": (
        "Ratification vote of {on}{session}: the outcome was recorded without a tally; the resolution"
        " lacks the attendance and voting figures, so the quorum and the threshold cannot be verified"
        " ({basis}). Attach the resolution with its figures.",
        "{on}{session}表决只记录了结果，未记录到会人数和表决票数，无法核实出席人数和同意票数是否符合规定"
        "（{basis}）。请附上注明到会人数和表决情况的决议。",
    ),
    "vote.tie": (
        "The vote of {voted_on} was exactly at the threshold; {by} decided it {outcome} on {on}: {reason}",
        "{voted_on}表决同意票恰为半数，由{by}于{on}认定为{outcome}：{reason}",
    ),
    "filing.late": (
        "Submitted for filing on {submitted}, {days} after the due date {due} ({basis}).",
        "报送日期{submitted}晚于报送期限{due}，逾期{days}（{basis}）。",
    ),
    "filing.overdue": (
        "Not submitted for filing: it was due on {due} ({basis}), {days} before {today}.",
        "尚未报送备案：报送期限为{due}（{basis}），至{today}已逾期{days}。",
    ),
    "filing.copies": (
        "{copies} copies were submitted; {required} are required ({basis}).",
        "报送{copies}份，应报送{required}份（{basis}）。",
    ),
    "round.recorder": (
        "Round {number} ({on}): no recorder is recorded ({basis}).",
        "第{number}轮协商会议（{on}）未记录记录员（{basis}）。",
    ),
    "round.minutes": (
        "Round {number} ({on}): no minutes were recorded.",
        "第{number}轮协商会议（{on}）未记录会议纪要。",
    ),
    "round.present": (
        "Round {number} ({on}): attendance was not recorded.",
        "第{number}轮协商会议（{on}）未记录出席人员。",
    ),
    "chief.union": (
        "The workers' chief representative {name} ({title}) is not recorded as the union chairman:"
        " attach the chairman's written delegation ({basis}).",
        "职工方首席代表{name}（{title}）未记录为工会主席，请附工会主席的书面委托（{basis}）。",
    ),
    "chief.employer": (
        "The employer's chief representative {name} ({title}) is not recorded as the legal"
        " representative: attach the written authorisation ({basis}).",
        "企业方首席代表{name}（{title}）未记录为法定代表人，请附法定代表人的书面委托（{basis}）。",
    ),
    "term.range": (
        "The term {start} to {end} is outside the usual {low} to {high} years ({basis}).",
        "合同期限{start}至{end}不在一般的{low}至{high}年之内（{basis}）。",
    ),
    "wage.terms": (
        "No agreed article records wage terms (average increase, minimum wage); the explanation for a"
        " wage agreement should state them (Wage Measures arts. 7, 21).",
        "协商一致的条款中未记录工资增长幅度或最低工资等工资事项（《工资集体协商试行办法》第七条、第二十一条）。",
    ),
    "wage.factors": (
        "No wage proposal cites the factors considered (Wage Measures art. 8).",
        "工资协商提案未记录参考因素（《工资集体协商试行办法》第八条）。",
    ),
    "pdf.glyphs": (
        "The PDF font has no glyph for {chars}; those characters print as blanks in the PDF. The"
        " Markdown copy holds them.",
        "PDF字体缺少以下字符的字形：{chars}，PDF中无法显示；Markdown文本中完整保留。",
    ),
}


# What a correction names: its record and the kind of step, in the packet's language.
RECORDS = {"negotiation": ("Negotiation", "协商记录"), "contract": ("Contract", "合同记录")}
STEPS = {
    "Opened": ("opening", "立项"),
    "RequestReceived": ("written request", "协商要约"),
    "RequestAnswered": ("reply", "书面答复"),
    "RepresentativeAppointed": ("appointment of a representative", "协商代表产生"),
    "RoundHeld": ("negotiation round", "协商会议"),
    "ProposalTabled": ("proposal", "协商方案"),
    "ProposalWithdrawn": ("withdrawal of a proposal", "撤回方案"),
    "ArticleAgreed": ("article agreed", "条款议定"),
    "Suspended": ("suspension", "中止协商"),
    "Resumed": ("resumption", "恢复协商"),
    "DraftAdopted": ("draft adopted", "草案通过"),
    "RatificationVoteRecorded": ("ratification vote", "职工代表大会表决"),
    "TieDecided": ("tied vote decided", "表决平票决定"),
    "Signed": ("signing", "签字"),
    "Reopened": ("renegotiation after objection", "审查意见后重新协商"),
    "Concluded": ("conclusion of the contract", "合同订立"),
    "Resigned": ("re-signing", "重新签订"),
    "Submitted": ("submission for filing", "报送备案"),
    "Received": ("receipt by the authority", "审查机关收到"),
    "Objected": ("authority's objection", "审查意见"),
    "Published": ("publication to the workers", "向全体职工公布"),
    "Terminated": ("termination", "合同终止"),
}


# The recorded fields a correction of a negotiation or contract names, and their parts.
FIELDS_ZH = {
    "on": "日期",
    "topics": "协商事项",
    "reason": "理由",
    "title": "职务",
    "place": "地点",
    "chair": "主持人",
    "recorder": "记录人",
    "present": "出席人数",
    "minutes": "会议纪要",
    "round": "协商会议轮次",
    "text": "条款文本",
    "until": "中止至",
    "session": "会议届次",
    "tally": "表决计票",
    "roll": "应到人数",
    "yes": "赞成票",
    "no": "反对票",
    "abstain": "弃权票",
    "invalid": "无效票",
    "outcome": "表决结果",
    "term": "合同期限",
    "start": "起始日",
    "end": "终止日",
    "witnesses": "见证人",
    "authority": "审查机关",
    "copies": "报送份数",
    "opinion": "审查意见",
}


def _value_zh(field: str, value: Any) -> str:
    if value in ("", None, []):
        return "（无）"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{FIELDS_ZH.get(k, k)}{v}" for k, v in value.items() if v not in ("", None))
    if field == "outcome" and f"outcome.{value}" in ENUMS:
        return enum("outcome", str(value), "zh")
    return str(value)


def change_zh(step: int, field: str, before: Any, after: Any) -> str:
    """'第16步 表决计票：出席人数 45 → 50': one changed field in Chinese, a record's parts only
    where they differ (as ``projections.labels.change_text`` says it in English)."""
    name = FIELDS_ZH.get(field, field)
    if isinstance(before, dict) and isinstance(after, dict):
        parts = [
            f"{FIELDS_ZH.get(k, k)} {_value_zh(k, before.get(k))} → {_value_zh(k, v)}"
            for k, v in after.items()
            if before.get(k) != v
        ]
        return f"第{step}步 {name}：{'，'.join(parts)}"
    return f"第{step}步 {name}：{_value_zh(field, before)} → {_value_zh(field, after)}"


def correction_text(c: dict[str, Any], lang: str) -> str:
    """One correction or retraction: record and step, when and by whom, what changed, and why."""
    record = pick(lang, *RECORDS[c["record"]])
    step = pick(lang, *STEPS.get(c["step_kind"], (c["step_kind"], c["step_kind"])))
    changes = "; ".join(c["changes"])
    if lang == "zh":
        changes = "；".join(change_zh(*changed) for changed in c.get("changed", ()))
        done = "撤销" if c["kind"] == "retraction" else "更正"
        text = f"{record}第{c['step']}步（{step}）于{c['on']}由{c['by']}{done}（第{c['number']}步）"
        return text + (f"：{changes}" if changes else "") + f"。理由：{c['reason']}"
    done = "retracted" if c["kind"] == "retraction" else "corrected"
    text = f"{record} step #{c['step']} ({step}) {done} on {c['on']} by {c['by']} (#{c['number']})"
    return text + (f": {changes}" if changes else "") + f". Reason: {c['reason']}"


def warning_text(w: dict[str, Any], lang: str) -> str:
    """One warning in the packet's language: what is missing and the rule that asks for it."""
    facts = {
        **w,
        "basis": cite(w.get("basis"), lang),
        "session": paren(w.get("session", ""), lang),
        "title": w.get("title") or pick(lang, "no post recorded", "未记录职务"),
    }
    if "days" in w:
        facts["days"] = days(w["days"], lang)
    if w["code"] == "vote.tie":
        facts["outcome"] = enum("outcome", w["outcome"], lang)
    en, zh = WARNINGS[w["code"]]
    return pick(lang, en, zh).format(**facts)


def sep(lang: str) -> str:
    return pick(lang, ", ", "、")


def names(people: list[str], lang: str) -> str:
    return sep(lang).join(people) or word("not_recorded", lang)


def person(row: dict[str, str], lang: str) -> str:
    return row["name"] + paren(row["title"], lang)


def deadline(d: dict[str, Any], lang: str) -> str:
    """'2011-07-06 (7 calendar days after signing — PRC, …art. 21)', in the packet's language."""
    start = "签字之日起" if d["key"] == "filing" else "收到之日起"
    zh = f"{start}{d['amount']}日内；{cite(d['basis'], lang)}"
    if d.get("plain"):  # the English rule text says it already
        zh += f"；期满日{d['plain']}为休息日，依{cite(d['roll_basis'], lang)}顺延至{d['due']}"
    rule = pick(lang, d["rule"], zh)
    return str(d["due"]) + paren(rule, lang)
