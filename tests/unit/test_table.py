"""Tables are laid out by our own code: the same text as tabulate, character for character."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

import pytest
import wcwidth
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from cli.output import NARROW, WIDE_RANGES, _simple, clip, clips, column_table, table

TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80),
        st.sampled_from("…、，：（）—　ＡＢ１２·é\x1c\x1f\x85\t"),
    ),
    max_size=12,
)


class Mark(str, Enum):  # noqa: UP042 - the mix-in is the point: str() is not the value
    """Text whose str() is not its value: shown as tabulate shows it."""

    OPEN = "open"


CELL = st.one_of(TEXT, st.none(), st.integers(-10_000, 10_000), st.booleans(), st.just(Mark.OPEN))


# Headers and rows of one width: 1 to 5 columns, up to 6 rows.
TABLES = st.integers(1, 5).flatmap(
    lambda n: st.tuples(
        st.lists(TEXT, min_size=n, max_size=n),
        st.lists(st.lists(CELL, min_size=n, max_size=n), max_size=6),
    )
)


def reference(rows: Sequence[Sequence[object]], headers: list[str]) -> str:
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


@settings(max_examples=300, deadline=None)
@given(TABLES)
def test_the_layout_is_tabulates(table_data: tuple[list[str], list[list[object]]]) -> None:
    headers, rows = table_data
    mine = _simple(rows, headers)
    if mine is not None:
        assert mine == reference(rows, headers)


@settings(max_examples=200, deadline=None)
@given(TABLES)
def test_a_table_given_by_columns_is_the_same_table(table_data: tuple[list[str], list[list[object]]]) -> None:
    headers, rows = table_data
    columns = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in headers]
    assert column_table(columns, headers) == table(rows, headers)


def test_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="one length"):
        column_table([["a", "b"], ["c"]], ["x", "y"])


@given(
    st.lists(st.one_of(TEXT, st.none(), st.integers(), st.sampled_from(["a\nb", "长" * 20]))),
    st.integers(2, 20),
)
def test_a_column_is_clipped_as_each_of_its_cells_would_be(texts: list[object], width: int) -> None:
    assert clips(texts, width) == [clip(t, width) for t in texts]


def test_a_federations_board_with_chinese_names_is_laid_out_as_tabulate_would() -> None:
    rows = [[f"CB-{i:04d}", f"广州{i}有限公司", i, None, "passed (tally…"] for i in range(6000)]
    headers = ["reference", "employer", "rounds", "signed", "vote"]
    assert table(rows, headers) == reference(rows, headers)


def test_the_punctuation_counted_narrow_is_one_column_wide_for_wcwidth() -> None:
    assert [wcwidth.wcwidth(ch) for ch in NARROW] == [1] * len(NARROW)


def test_every_character_counted_wide_is_two_columns_wide_for_wcwidth() -> None:
    for first, last in WIDE_RANGES:
        for code in range(ord(first), ord(last) + 1):
            assert wcwidth.wcwidth(chr(code)) == 2, hex(code)


def test_a_cell_ending_in_a_character_tabulate_breaks_lines_at_is_laid_out_by_tabulate() -> None:
    # strip takes U+001F and U+0085, where tabulate breaks the line: checked before stripping.
    rows: list[list[object]] = [[None], ["\u3000\r\t\xa0"], ["\xa0\x85\x1fｱé"], ["a\x1f"]]
    assert _simple(rows, ["h"]) is None
    assert table(rows, ["h"]) == reference(rows, ["h"])
