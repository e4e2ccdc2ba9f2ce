"""Hypothesis strategies for what a hostile (or unlucky) user types, and how it is stored."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from hypothesis import strategies as st

SQL = (
    "'; DROP TABLE stored_events; --",
    "' OR '1'='1",
    '"',
    "%",
    "_",
    "?",
    ":name",
    "%(name)s",
    "\\",
    "`",
    "$1",
)
CONTROL = (
    "\x00",
    "\x1b[2J",
    "\x1b]0;owned\x07",
    "\r",
    "\r\n",
    "\n",
    "\t",
    "\x7f",
    "\x85",
    "\x0b",
    "\x0c",
    "\x1c",
)
INVISIBLE = ("\u2028", "\u2029", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00ad")
# What Python makes of command-line bytes that are not UTF-8 (text typed in a GBK terminal).
SURROGATES = ("\udcb9", "\udcff", "\ud800")
CHINESE = (
    "张三",
    "广州某某有限公司工会",
    "第一条 工资调整",
    "职工月平均工资增长8%",
    "　",
    "，",
    "、",
    "ＡＢＣ",
    "１２",
)

# Text a careful user might type: letters of any script, digits, punctuation, symbols, spaces,
# SQL metacharacters and Chinese; nothing invisible. Most of it should be accepted.
readable = st.lists(
    st.one_of(
        st.sampled_from(SQL + CHINESE),
        st.text(st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"]), max_size=8),
    ),
    min_size=1,
    max_size=6,
).map("".join)
# The same, with control and invisible characters and GBK bytes mixed in.
hostile = st.lists(
    st.one_of(
        st.sampled_from(SQL + CONTROL + INVISIBLE + SURROGATES + CHINESE),
        st.text(max_size=8),
    ),
    max_size=6,
).map("".join)
# Around the limits: a reference (64), a name (200), free text (10,000 and 100,000 characters).
very_long = st.builds(
    lambda ch, n: ch * n,
    st.sampled_from(["x", "甲", "a\n", " ", "\x00"]),
    st.sampled_from([65, 201, 10_001, 100_001]),
)
text_input = st.one_of(readable, hostile, very_long)

numbers = st.one_of(
    st.integers(0, 200).map(str),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(
        [
            *(
                "NaN",
                "nan",
                "inf",
                "-Infinity",
                "1e9",
                "1E3",
                "1e999999999",
                "1,000",
                "1,234,567.89",
                "12,34",
            ),
            *("１２３", "²", "٣", "--5", "+5", "0x10", "1_000", " 7 ", "", "-0", "0.001", "9" * 5000),
            "1" + "0" * 4400,
        ]
    ),
    hostile,
)
dates = st.one_of(
    st.dates(date(1899, 1, 1), date(2025, 12, 31)).map(date.isoformat),
    st.sampled_from(
        [
            *("2011-02-30", "2011-02-29", "2012-02-29", "0001-01-01", "9999-12-31", "1899-12-31"),
            *("2011-13-01", "2011-00-10", "20110101", "2011-W01-1", "２０１１-０１-０１", "2011/01/01"),
            *("2011-1-1", "9" * 5000, "", "today"),
        ]
    ),
    hostile,
)

# A Chinese keyboard's full-width digits and hyphen.
FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


def near_date(day: date, days: int = 20) -> st.SearchStrategy[str]:
    """A date near ``day`` as a user types it (YYYY-MM-DD, YYYYMMDD, full-width), or any date-ish text."""
    typed = st.dates(day - timedelta(days), day + timedelta(days)).flatmap(
        lambda d: st.sampled_from([d.isoformat(), d.strftime("%Y%m%d"), d.isoformat().translate(FULL_WIDTH)])
    )
    return st.one_of(typed, dates)


def near_count(count: int, spread: int = 10) -> st.SearchStrategy[str]:
    """A whole number near ``count`` (in full-width digits too), or any number-ish text."""
    typed = st.integers(max(count - spread, 0), count + spread).flatmap(
        lambda n: st.sampled_from([str(n), str(n).translate(FULL_WIDTH)])
    )
    return st.one_of(typed, numbers)


def some_of(
    data: st.DataObject, valid: dict[str, str], typed: dict[str, st.SearchStrategy[str]]
) -> dict[str, str]:
    """``valid`` with one or two of its values replaced by what a user types there.

    One field at a time gets a refusal naming that field, or (often) the value read back;
    two at a time, how their checks meet.
    """
    chosen = data.draw(st.sets(st.sampled_from(sorted(typed)), min_size=1, max_size=2), label="typed in")
    return {key: data.draw(typed[key], label=key) if key in chosen else value for key, value in valid.items()}


def canonical_name(value: str) -> str:
    """A name as stored: NFKC, white space of any kind as one space, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", value).split())


def canonical_names(value: str) -> list[str]:
    """A repeatable name option as stored: commas (and 、，) separate names."""
    parts = value.replace("，", ",").replace("、", ",").split(",")
    return [canonical_name(p) for p in parts if p.strip()]


def canonical_date(value: str) -> str:
    """A date as stored: YYYY-MM-DD, whether typed so, as YYYYMMDD or in full-width digits."""
    digits = unicodedata.normalize("NFKC", value).strip().replace("-", "")
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"


def canonical_text(value: str) -> str:
    """Free text as stored: every kind of line break a newline, trimmed; nothing else changes."""
    return re.sub(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]", "\n", value).strip()
