"""The packet's text keeps every recorded character: Markdown escaping and the PDF font's coverage."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bargaining.packet.font import find_font
from bargaining.packet.markdown import md_escape
from bargaining.packet.pdf import PdfMaker


def unescape(markdown: str) -> str:
    """What a CommonMark reader makes of an escaped line: a backslash before punctuation drops."""
    return re.sub(r"\\([!-/:-@\[-`{-~\n])", r"\1", markdown)


@given(st.text(alphabet=st.sampled_from("职工月工资1400.00元-+=*_#|[]<>`~&\\ \n第1.条)")))
def test_markdown_escaping_drops_no_character(text: str) -> None:
    assert unescape(md_escape(text)) == text


def test_money_names_and_dates_need_no_escaping() -> None:
    for text in ("1512.35 元", "广州XX有限公司工会", "2011-07-06", "陈志明（工会主席）"):
        assert md_escape(text) == text
    assert md_escape("1. 增长8%\n- 其中") == "1\\. 增长8%\\\n\\- 其中"


def test_characters_the_pdf_font_cannot_print_are_named() -> None:
    with PdfMaker(find_font()) as maker:
        assert maker.missing(["广州XX有限公司工会 · 《集体合同规定》第42条 — 1512.35 元"]) == ""
        assert maker.missing(["陈😀明😀"]) == "😀"
