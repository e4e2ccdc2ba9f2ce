"""Chinese line breaking for the packet's PDF: every character kept, the prohibition rules held."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bargaining.linebreak import NO_END, NO_START, break_lines

IDEOGRAPHS = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)
CLOSING = st.sampled_from(sorted(NO_START))
OPENING = st.sampled_from(sorted(NO_END))
# Text as written: ideographs, with at most a closing mark after one (and an opening one
# before the next), so that a line of eight can always be broken by the rules.
PIECE = st.tuples(st.one_of(st.just(""), OPENING), IDEOGRAPHS, st.one_of(st.just(""), CLOSING))
TEXT = st.lists(PIECE, max_size=80).map(lambda pieces: "".join("".join(p) for p in pieces))


def wide(text: str) -> float:
    return 2.0 * len(text)  # every character two units wide: the rules, not the font, are tested


@given(TEXT, st.integers(8, 40))
def test_lines_keep_every_character_fit_and_obey_the_rules(text: str, width: int) -> None:
    lines = break_lines(text, width * 2.0, wide)
    assert "".join(lines) == text
    assert all(wide(line) <= width * 2.0 for line in lines)
    assert all(line[0] not in NO_START for line in lines[1:])
    assert all(line[-1] not in NO_END for line in lines[:-1])


def test_a_comma_that_would_open_a_line_takes_the_character_before_it_along() -> None:
    assert break_lines("甲乙丙丁，戊己", 8.0, wide) == ["甲乙丙", "丁，戊己"]
    assert break_lines("甲乙丙（丁）", 8.0, wide) == ["甲乙丙", "（丁）"]
    assert break_lines("第一行\n第二行", 100.0, wide) == ["第一行", "第二行"]
