"""The filing packet as a document: headings, fields, tables and paragraphs in one language.

Built once from the facts, then rendered twice (Markdown and PDF), so both say the same.
Sections follow the canonical packet of DOMAIN A10: the registration form, the contract text,
the explanation of the negotiation, the representatives, the ratifying body's resolution and,
for a wage agreement, the wage terms with the factors considered.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from bargaining.packet.blocks import Block, Document, Fields, Heading, Items, PageBreak, Paragraph
from bargaining.packet.narrative import explanation, representatives, resolution, wage_terms
from bargaining.packet.words import (
    cite,
    correction_text,
    days,
    deadline,
    enum,
    paren,
    person,
    pick,
    sep,
    warning_text,
    word,
)

Row = dict[str, Any]


def build(facts: Row, lang: str, digest: str) -> Document:
    blocks: list[Block] = []
    sections = (
        _cover,
        _warnings,
        _corrections,
        _contract,
        explanation,
        representatives,
        resolution,
        wage_terms,
    )
    for section in sections:
        blocks += section(facts, lang)
    footer = f"{facts['reference']} · {word('digest', lang)} {digest[:23]}…"
    return Document(
        lang=lang,
        title=word("title", lang),
        reference=facts["reference"],
        footer=footer,
        blocks=tuple(blocks),
    )


def _cover(f: Row, lang: str) -> list[Block]:
    w = partial(word, lang=lang)
    kind = enum("kind", f["kind"], lang) + (f" · {f['topic']}" if f["topic"] else "")
    rows = [
        (w("reference"), f["reference"]),
        (w("employer"), f["employer"]),
        (w("union"), f["union"]),
        (w("kind"), kind),
        (w("purpose"), enum("purpose", f["purpose"], lang)),
        (w("predecessor"), f["predecessor"]),
        (w("term"), f"{f['term']['start']} {w('to')} {f['term']['end']}"),
        (w("signed_on"), f["signed_on"]),
        (w("chief.union"), person(f["chiefs"]["union"], lang)),
        (w("chief.employer"), person(f["chiefs"]["employer"], lang)),
        (w("witnesses"), sep(lang).join(f["witnesses"])),
    ]
    rows += _filing_rows(f["filing"], lang)
    enclosures = [w("contract"), w("explanation"), w("representatives"), w("resolution")]
    if f["wage"] is not None:
        enclosures.append(w("wage"))
    return [
        Heading(w("title"), 1),
        Heading(w("cover")),
        Fields(tuple((k, v) for k, v in rows if v)),
        Paragraph(w("enclosures") + pick(lang, ": ", "：") + sep(lang).join(enclosures)),
    ]


def _filing_rows(filing: Row, lang: str) -> list[tuple[str, str]]:
    w = partial(word, lang=lang)
    rows = [
        (w("filing_due" if d["governing"] else "filing_also"), deadline(d, lang)) for d in filing["deadlines"]
    ]
    required = pick(lang, f"{filing['copies_required']} required", f"应报送{filing['copies_required']}份")
    if filing["explanation_required"]:
        required += pick(lang, ", with an explanation", "，并附说明")
    required += paren(cite(filing["copies_basis"], lang), lang)
    submitted = filing["submitted_on"]
    governing = next((d for d in filing["deadlines"] if d["governing"]), None)
    timely = ""
    if submitted and governing is not None and governing["late_by_days"] is not None:
        late = governing["late_by_days"]
        timely = paren(w("on_time") if late == 0 else w("late_by").format(days=days(late, lang)), lang)
    rows += [
        (w("submitted_on"), (submitted + timely) if submitted else w("not_submitted")),
        (w("authority"), filing["authority"] if submitted else ""),
        (w("copies"), (f"{filing['copies']} / " if filing["copies"] else "") + required),
        (w("received_on"), filing["received_on"] or w("not_received")),
    ]
    review = filing["review"]
    basis = cite(filing["review_basis"], lang)
    if review is not None:
        rows.append((w("review"), f"{filing['received_on']} {w('to')} {deadline(review, lang)}"))
    else:
        rule = pick(
            lang, f"{filing['review_amount']} days after receipt", f"收到之日起{filing['review_amount']}日内"
        )
        rows.append((w("review"), f"{rule}{paren(basis, lang)}; {w('not_received')}"))
    if filing["objected_on"]:
        rows.append((w("effective"), w("objected") + " " + filing["objected_on"]))
    elif filing["deemed_effective"]:
        rows.append((w("effective"), (filing["effective_on"] or w("not_received")) + paren(basis, lang)))
    return rows


def _warnings(f: Row, lang: str) -> list[Block]:
    lines = tuple(warning_text(w, lang) for w in f["warnings"])
    body: Block = Items(lines) if lines else Paragraph(word("warnings.none", lang))
    return [Heading(word("warnings", lang)), body]


def _corrections(f: Row, lang: str) -> list[Block]:
    """Every correction and retraction of the steps the packet reports: the record says so."""
    lines = tuple(correction_text(c, lang) for c in f.get("corrections", ()))
    body: Block = Items(lines) if lines else Paragraph(word("corrections.none", lang))
    return [Heading(word("corrections", lang)), body]


def _contract(f: Row, lang: str) -> list[Block]:
    blocks: list[Block] = [PageBreak(), Heading(word("contract", lang))]
    blocks.append(Paragraph(f"{f['employer']} · {f['union']} · {enum('kind', f['kind'], lang)}"))
    for a in f["articles"]:
        side = enum("side", a["tabled_by"], lang)
        note = pick(
            lang,
            f"Agreed in round {a['round']} ({a['on']}); text tabled by the {side} side.",
            f"第{a['round']}轮协商会议（{a['on']}）议定；条文由{side}提出。",
        )
        blocks += [Heading(a["article"], 3), Paragraph(a["text"]), Paragraph(note, note=True)]
    sign = "＿＿＿＿＿＿＿＿ " + word("sign_here", lang)
    blocks.append(Heading(word("signature", lang), 3))
    blocks.append(
        Fields(
            (
                (word("chief.union", lang), f"{f['chiefs']['union']['name']}  {sign}"),
                (word("chief.employer", lang), f"{f['chiefs']['employer']['name']}  {sign}"),
                (word("signed_on", lang), f["signed_on"]),
            )
        )
    )
    return blocks
