"""Chinese line breaking for the packet's PDF: every character kept, the prohibition rules held,
dates and amounts never split."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bargaining.packet.linebreak import NO_END, NO_START, break_lines

IDEOGRAPHS = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)
CLOSING = st.sampled_from(sorted(NO_START))
OPENING = st.sampled_from(sorted(NO_END))
TOKENS = st.sampled_from(["2011-06-29", "1512.35", "CB-2011-001", "6%", "——", "PRC"])
# Text as written: ideographs or tokens, each with up to two closing marks after it (。” or
# ）。) and an opening one before it, so that a line of ten can always be broken by the rules.
WORD = st.one_of(IDEOGRAPHS, TOKENS)
PIECE = st.tuples(st.one_of(st.just(""), OPENING), WORD, st.lists(CLOSING, max_size=2).map("".join))
PIECES = st.lists(PIECE, max_size=60)


def wide(text: str) -> float:
    return 2.0 * len(text)  # every character two units wide: the rules, not the font, are tested


@given(PIECES, st.integers(14, 40))
def test_lines_keep_every_character_fit_and_obey_the_rules(
    pieces: list[tuple[str, str, str]], width: int
) -> None:
    text = "的".join("".join(p) for p in pieces)  # two tokens side by side would be one
    lines = break_lines(text, width * 2.0, wide)
    assert "".join(lines) == text
    assert all(wide(line) <= width * 2.0 for line in lines)
    assert all(line[0] not in NO_START for line in lines[1:])
    assert all(line[-1] not in NO_END for line in lines[:-1])
    tokens = [word for _, word, _ in pieces if len(word) > 1]
    assert all(any(token in line for line in lines) for token in tokens)


def test_a_comma_that_would_open_a_line_takes_the_character_before_it_along() -> None:
    assert break_lines("甲乙丙丁，戊己", 8.0, wide) == ["甲乙丙", "丁，戊己"]
    assert break_lines("甲乙丙（丁）", 8.0, wide) == ["甲乙丙", "（丁）"]
    assert break_lines("甲乙丙丁……", 8.0, wide) == ["甲乙丙", "丁……"]  # an ellipsis stays whole
    assert break_lines("第一行\n第二行", 100.0, wide) == ["第一行", "第二行"]


def test_a_date_moves_to_the_next_line_whole_and_a_token_longer_than_a_line_is_split() -> None:
    assert break_lines("签订于2011-06-29。", 24.0, wide) == ["签订于", "2011-06-29。"]
    assert break_lines("ABCDEFGHIJKL", 10.0, wide) == ["ABCDE", "FGHIJ", "KL"]
