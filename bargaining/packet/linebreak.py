"""Chinese text broken into lines by the rules of Chinese typesetting, for the packet's PDF.

Chinese wraps between any two characters, but a line must not begin with closing punctuation
(，。、；：？！ and closing brackets and quotes) nor end with opening brackets and quotes
(W3C, Requirements for Chinese Text Layout, §3.1.7 "Prohibition rules for line start and
end"; the same rules as GB/T 15834). fpdf2 wraps by character with no such rules, so a comma
could open a line of a filing packet, and a date or an amount could be split. Text is broken
between units (a character, or a run of Latin letters and digits such as 2011-06-29), and
where the next line would start with a unit it must not, the unit before is carried over
with it, until the rule holds.
"""

from __future__ import annotations

import re
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


# What is never split: a run of Latin letters and digits with the marks inside it (a date, an
# amount, a reference such as CB-2011-001, 6%), a two-em dash ——, an ellipsis ……; else one
# character. A unit wider than a whole line is split by character after all.
_UNIT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.,:/%-]*[A-Za-z0-9%])?|——|……|.", re.DOTALL)


def _units(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    units: list[str] = []
    for unit in _UNIT.findall(text):
        units += list(unit) if len(unit) > 1 and measure(unit) > width else [unit]
    return units


def _paragraph(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    lines: list[str] = []
    line: list[str] = []
    for unit in _units(text, width, measure):
        if not line or measure("".join(line) + unit) <= width:
            line.append(unit)
            continue
        carried = [unit]
        while len(line) > 1 and (carried[0][0] in NO_START or line[-1][-1] in NO_END):
            carried.insert(0, line.pop())
        lines.append("".join(line))
        line = carried
    lines.append("".join(line))
    return lines
