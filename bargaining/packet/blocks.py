"""The blocks a filing packet is made of, rendered alike as Markdown and as PDF."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

Row = dict[str, Any]


@attrs.frozen
class Heading:
    text: str
    level: int = 2


@attrs.frozen
class Paragraph:
    text: str
    note: bool = False  # a small line under an article or a table


@attrs.frozen
class Fields:
    rows: tuple[tuple[str, str], ...]


@attrs.frozen
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # fractions of the text width


@attrs.frozen
class Items:
    lines: tuple[str, ...]


@attrs.frozen
class PageBreak:
    pass


Block = Heading | Paragraph | Fields | Table | Items | PageBreak


@attrs.frozen(kw_only=True)
class Document:
    lang: str
    title: str
    reference: str
    footer: str
    blocks: tuple[Block, ...]

    def texts(self) -> Iterator[str]:
        """Every string the document prints (to check the font has a glyph for each)."""
        yield from (self.title, self.footer)
        for block in self.blocks:
            if isinstance(block, (Heading, Paragraph)):
                yield block.text
            elif isinstance(block, Fields):
                yield from (text for row in block.rows for text in row)
            elif isinstance(block, Table):
                yield from block.headers
                yield from (text for row in block.rows for text in row)
            elif isinstance(block, Items):
                yield from block.lines
