"""Tables fit the terminal: wrapped at its width, a CJK character counted as two cells."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import wcwidth
from hypothesis import event, given, settings
from hypothesis import strategies as st

from cli.output import fitted, table, width_limit, wrap

WORDS = st.one_of(
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=14),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), min_size=1, max_size=30),
)
CELL = st.lists(WORDS, max_size=8).map(" ".join)
TABLES = st.integers(1, 6).flatmap(
    lambda n: st.tuples(
        st.lists(st.text("abcdefghij", min_size=1, max_size=10), min_size=n, max_size=n),
        st.lists(
            st.lists(st.one_of(CELL, st.none(), st.integers(-999, 99_999)), min_size=n, max_size=n),
            max_size=5,
        ),
    )
)


@contextmanager
def columns(value: str | None) -> Iterator[None]:
    with mock.patch.dict(os.environ, {} if value is None else {"COLUMNS": value}):
        if value is None:
            os.environ.pop("COLUMNS", None)
        yield


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def column_texts(text: str) -> list[tuple[int, str]]:
    """Each column's width and its text, read down the table (the heading, then every row)."""
    lines = text.split("\n")
    rule = lines[1]
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
    body = [lines[0], *lines[2:]]
    return [
        (end - start, "".join(squeezed(wcwidth.clip(line, start, end)) for line in body))
        for start, end in spans
    ]


@settings(max_examples=300, deadline=None)
@given(TABLES, st.integers(40, 120))
def test_no_line_is_wider_than_the_limit_and_no_text_is_lost_but_a_word_too_wide(
    data: tuple[list[str], list[list[object]]], limit: int
) -> None:
    headers, rows = data
    with columns(str(limit)):
        text = table(rows, headers)
    with columns(None):
        event("wrapped" if text != table(rows, headers) else "fits")
    assert max(wcwidth.wcswidth(line) for line in text.split("\n")) <= limit
    cells = [headers, *[["" if c is None else str(c) for c in row] for row in rows]]
    for i, (width, shown) in enumerate(column_texts(text)):
        given_text = "".join(squeezed(row[i]) for row in cells)
        if "…" in shown:  # clipped: only where one word (a run of ASCII) was wider than its column
            assert any(len(w) >= width for row in cells for w in re.findall(r"[!-~]+", row[i]))
        else:
            assert shown == given_text


@settings(max_examples=200, deadline=None)
@given(TABLES, st.integers(0, 30))
def test_a_table_that_fits_is_the_table_of_a_pipe_byte_for_byte(
    data: tuple[list[str], list[list[object]]], spare: int
) -> None:
    headers, rows = data
    with columns(None):
        whole = table(rows, headers)
    widest = max(wcwidth.wcswidth(line) for line in whole.split("\n"))
    with columns(str(widest + spare)):
        assert table(rows, headers) == whole


def test_a_pipe_keeps_whole_lines_and_columns_sets_the_limit() -> None:
    rows = [["2024-03-25", "15 calendar days after acceptance — 《企业劳动争议协商调解规定》第二十九条 " * 3]]
    with columns(None):
        assert width_limit() is None  # pytest captures stdout: not a terminal
        assert len(table(rows, ["due", "rule"]).split("\n")) == 3
    for value in ("0", "-5", "wide", ""):
        with columns(value):
            assert width_limit() is None
    with columns("60"):
        assert width_limit() == 60
        lines = table(rows, ["due", "rule"]).split("\n")
        assert len(lines) > 3
        assert all(wcwidth.wcswidth(line) <= 60 for line in lines)
        assert lines[2].startswith("2024-03-25  15 calendar days")  # the date kept whole


def test_chinese_text_breaks_between_characters_and_keeps_its_punctuation() -> None:
    # "的，" is one piece: a line does not start with a comma
    assert wrap("调解期限届满未达成协议的，视为调解不成", 12) == [
        "调解期限届满",
        "未达成协议",
        "的，视为调解",
        "不成",
    ]


def test_only_a_word_wider_than_its_column_is_clipped() -> None:
    assert wrap("see https://example.org/a/very/long/path now", 12) == ["see", "https://exa…", "now"]
    assert wrap("the quick brown fox", 9) == ["the quick", "brown fox"]


def test_a_struck_cell_keeps_its_style_on_every_line() -> None:
    lines = wrap("\x1b[9mmediation session held\x1b[0m", 10)
    assert [wcwidth.width(line) for line in lines] == [9, 7, 4]
    assert all(line.startswith("\x1b[9m") and line.endswith("\x1b[0m") for line in lines)


def test_even_a_table_that_cannot_fit_has_no_line_wider_than_the_limit() -> None:
    headers = [f"column{i}" for i in range(12)]
    text = fitted([["2024-03-25"] * 12], headers, 40)
    assert max(wcwidth.wcswidth(line) for line in text.split("\n")) <= 40


def test_a_table_that_fits_imports_no_width_tables() -> None:
    code = (
        "import os, sys; os.environ['COLUMNS'] = '80'\n"
        "from cli.output import table, column_table\n"
        "table([['CASE-1', '广州有限公司', 3]], ['reference', 'employer', 'rounds'])\n"
        "column_table([['CASE-1'], ['广州有限公司']], ['reference', 'employer'])\n"
        "assert 'wcwidth' not in sys.modules, 'wcwidth imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
