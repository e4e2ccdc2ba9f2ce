"""Chinese text broken into lines by the rules of Chinese typesetting, for the packet's PDF.

Chinese wraps between any two characters, but a line must not begin with closing punctuation
(，。、；：？！ and closing brackets and quotes) nor end with opening brackets and quotes
(W3C, Requirements for Chinese Text Layout, §3.1.7 "Prohibition rules for line start and
end"; the same rules as GB/T 15834). fpdf2 wraps by character with no such rules, so a comma
could open a line of a filing packet. Where the next line would start with a character it
must not, the character before is carried over with it, until the rule holds.
"""

from __future__ import annotations

from collections.abc import Callable

# Never at the start of a line: closing punctuation, closing brackets and quotes, and the
# marks that belong to what precedes them.
NO_START = frozenset("，。、；：？！）》」』】〕〉］｝”’…‥·～%‰℃,.;:?!)]}")
# Never at the end of a line: opening brackets and quotes.
NO_END = frozenset("（《「『【〔〈［｛“‘([{")


def break_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` as lines at most ``width`` wide as ``measure`` counts, each line of it kept.

    A line is only wider than ``width`` where the rules leave no other choice (a run of
    closing punctuation longer than a line).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _paragraph(paragraph, width, measure)
    return lines


def _paragraph(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    lines: list[str] = []
    line = ""
    for char in text:
        if not line or measure(line + char) <= width:
            line += char
            continue
        carried = char
        while len(line) > 1 and (carried[0] in NO_START or line[-1] in NO_END):
            line, carried = line[:-1], line[-1] + carried
        lines.append(line)
        line = carried
    lines.append(line)
    return lines
