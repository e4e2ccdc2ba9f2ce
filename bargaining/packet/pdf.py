"""The packet document as a print-ready A4 PDF, with its CJK font embedded.

The PDF embeds a subset of Noto Sans SC (SIL Open Font License 1.1), which the project's
installation brings as the ``pylopdf-fonts-zh-cn`` wheel; nothing is downloaded when a packet
is made. ``BARGAINING_CJK_FONT`` may name another TrueType/OpenType file. This module loads
fpdf2 (with fontTools and Pillow, about half a second): import it only to make a PDF.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace, TTFFont

from bargaining.errors import SetupError
from bargaining.packet.blocks import Block, Document, Fields, Heading, Items, PageBreak, Paragraph, Table
from bargaining.packet.linebreak import break_lines
from bargaining.packet.words import word
from domain.i18n import _

FAMILY = "cjk"


# Sizes in points; lengths in millimetres. A4 with 20 mm margins.
SIZES = {1: 17.0, 2: 13.5, 3: 11.0}
BODY, NOTE, FOOT = 10.0, 8.5, 7.5
MARGIN = 20.0


class PdfMaker:
    """One PDF: the font is loaded once, so its coverage can be checked before rendering."""

    def __init__(self, font: Path) -> None:
        self.pdf: FPDF = FPDF(orientation="portrait", unit="mm", format="A4")
        try:
            self.pdf.add_font(FAMILY, "", str(font))
        except Exception as error:  # fontTools raises many kinds for a file that is not a font
            raise SetupError(
                "packet.font", _("{font} cannot be used as a font: {error}").format(font=font, error=error)
            ) from None
        loaded = self.pdf.fonts[FAMILY]
        assert isinstance(loaded, TTFFont)
        self._font = loaded
        self._cmap: dict[int, Any] = loaded.cmap

    def __enter__(self) -> PdfMaker:
        return self

    def __exit__(self, *exc: object) -> None:
        # fontTools reads the font lazily and keeps its file open until told: closed here,
        # not whenever the garbage collector happens to come by.
        self._font.close()

    def missing(self, texts: Iterable[str]) -> str:
        """The characters of ``texts`` that the font has no glyph for, in order, once each."""
        gaps: dict[str, None] = {}
        for text in texts:
            for ch in text:
                if ch not in "\n\t" and ord(ch) not in self._cmap:
                    gaps[ch] = None
        return " ".join(gaps)

    def render(self, doc: Document, created: datetime) -> bytes:
        pdf = self.pdf
        footer = f"{doc.footer} · "
        page_words = word("page", doc.lang)

        def draw_footer() -> None:
            pdf.set_y(-13)
            pdf.set_font(FAMILY, size=FOOT)
            pdf.set_text_color(90)
            pdf.cell(0, 5, footer + page_words.format(page=pdf.page_no()), align="C")
            pdf.set_text_color(0)

        pdf.footer = draw_footer  # type: ignore[method-assign]
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(auto=True, margin=MARGIN)
        pdf.set_title(doc.title)
        pdf.set_subject(doc.reference)
        pdf.set_creator("bargaining")
        pdf.set_lang("zh-CN" if doc.lang == "zh" else "en")
        pdf.set_creation_date(created)
        pdf.add_page()
        for block in doc.blocks:
            _draw(pdf, block, doc.lang)
        return bytes(pdf.output())


def _wrap(lang: str) -> WrapMode:
    return WrapMode.CHAR if lang == "zh" else WrapMode.WORD


def _lines(pdf: FPDF, text: str, lang: str, width: float) -> str:
    """Chinese text broken into lines by the rules of Chinese typesetting (``linebreak``), in
    the current font; other text is left to fpdf2, which wraps it at spaces."""
    if lang != "zh":
        return text
    # A hair narrower than the space fpdf2 fills, so that it never wraps a line again.
    return "\n".join(break_lines(text, width - 0.05, pdf.get_string_width))


def _text(pdf: FPDF, text: str, lang: str, size: float, height: float) -> None:
    pdf.set_font(FAMILY, size=size)
    lines = _lines(pdf, text, lang, pdf.epw - 2 * pdf.c_margin)
    pdf.multi_cell(0, height, lines, align="L", wrapmode=_wrap(lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _draw(pdf: FPDF, block: Block, lang: str) -> None:
    if isinstance(block, PageBreak):
        pdf.add_page()
    elif isinstance(block, Heading):
        if block.level > 1:
            pdf.ln(3 if block.level == 2 else 1.5)
        _text(pdf, block.text, lang, SIZES[block.level], SIZES[block.level] * 0.55)
        pdf.ln(1.5)
    elif isinstance(block, Paragraph):
        if block.note:
            pdf.set_text_color(90)
        _text(pdf, block.text, lang, NOTE if block.note else BODY, 5.2)
        pdf.set_text_color(0)
        pdf.ln(1.5)
    elif isinstance(block, Items):
        for line in block.lines:
            _text(pdf, "• " + line, lang, BODY, 5.2)
        pdf.ln(1.5)
    elif isinstance(block, Fields):
        _table(pdf, lang, None, block.rows, (0.3, 0.7))
    elif isinstance(block, Table):
        _table(pdf, lang, block.headers, block.rows, block.widths)


def _table(
    pdf: FPDF,
    lang: str,
    headers: tuple[str, ...] | None,
    rows: tuple[tuple[str, ...], ...] | tuple[tuple[str, str], ...],
    widths: tuple[float, ...],
) -> None:
    pdf.set_font(FAMILY, size=BODY - 0.5)
    heading = FontFace(emphasis="", fill_color=(232, 232, 232))
    padding = 1.2
    # The text's width in each column: fpdf2 takes the padding off both sides (and, with
    # padding set, no cell margin).
    inner = [pdf.epw * w / sum(widths) - 2 * padding for w in widths]
    with pdf.table(
        col_widths=widths,
        first_row_as_headings=headers is not None,
        headings_style=heading,
        line_height=5,
        padding=padding,
        text_align="LEFT",
        wrapmode=_wrap(lang),
        borders_layout="ALL",
    ) as table:
        for row in ([headers] if headers else []) + list(rows):
            cells = table.row()
            for text, width in zip(row, inner, strict=True):
                cells.cell(_lines(pdf, text, lang, width))
    pdf.ln(2)
