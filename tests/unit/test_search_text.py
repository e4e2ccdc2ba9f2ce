"""Searchable text: folded alike on both sides, parts kept apart, nothing a search could find lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from projections.text import extended, folded, searchable


def test_text_is_folded_as_a_chinese_keyboard_and_any_case_would_type_it() -> None:
    assert folded("ＡＣＭＥ　公司\n工伤") == "acme 公司 工伤"
    assert folded("Straße") == folded("STRASSE")
    assert searchable("刘某", "", None, "工伤赔偿") == "刘某\n工伤赔偿"


parts = st.lists(st.text(alphabet="工伤赔偿 Aa\n", max_size=6), max_size=6)


@given(parts, parts, st.text(alphabet="工伤赔偿 Aa\n", min_size=1, max_size=4))
def test_a_part_left_out_as_already_there_changes_no_search(
    first: list[str], later: list[str], needle: str
) -> None:
    kept = extended(searchable(*first), *later)
    every = "\n".join(f for f in (folded(p) for p in [*first, *later]) if f)
    wanted = folded(needle)
    if wanted:
        assert (wanted in kept) == (wanted in every)
    assert "\n\n" not in kept
