"""The packet document rendered as Markdown: the same text as the PDF, every character kept."""

from __future__ import annotations

import re

from bargaining.packet.blocks import Document, Fields, Heading, Items, Paragraph, Table
from bargaining.packet.words import pick

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")
# At a line's start: a list marker followed by a space, or a line of only - or = (a heading rule).
_LINE_START = re.compile(r"^(\s*)((?:[-+]|\d{1,9}[.)])(?=\s|$)|[-=]+(?=\s*$))", re.MULTILINE)


def md_escape(text: str) -> str:
    """Backslash-escape what Markdown would read as markup; every character stays, in order."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    escaped = _LINE_START.sub(_escape_marker, escaped)
    return escaped.replace("\n", "\\\n")


def _escape_marker(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():  # '1.' -> '1\.': CommonMark escapes the list marker's punctuation
        return indent + marker[:-1] + "\\" + marker[-1]
    return indent + "\\" + marker


def _md_cell(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text).replace("\n", "<br>")


def to_markdown(doc: Document) -> str:
    colon = pick(doc.lang, ": ", "：")
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += ["#" * block.level + " " + md_escape(block.text), ""]
        elif isinstance(block, Paragraph):
            out += [f"*{md_escape(block.text)}*" if block.note else md_escape(block.text), ""]
        elif isinstance(block, Fields):
            out += [f"- **{md_escape(k)}**{colon}{md_escape(v)}" for k, v in block.rows] + [""]
        elif isinstance(block, Items):
            out += [f"- {md_escape(line)}" for line in block.lines] + [""]
        elif isinstance(block, Table):
            out.append("| " + " | ".join(_md_cell(h) for h in block.headers) + " |")
            out.append("|" + "---|" * len(block.headers))
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
    out += ["---", "", md_escape(doc.footer), ""]
    return "\n".join(out)
