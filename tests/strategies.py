"""Hypothesis strategies for what a hostile (or unlucky) user types, and how it is stored."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

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

piece = st.one_of(
    st.sampled_from(SQL + CONTROL + INVISIBLE + SURROGATES + CHINESE),
    st.text(max_size=8),
    st.text(st.characters(codec="utf-8", categories=["Lo", "Zs", "P", "S", "Nd"]), max_size=8),
)
hostile = st.lists(piece, max_size=6).map("".join)
# Around the limits: a name (200), a reference (64), free text (10,000 and 100,000 characters).
very_long = st.builds(
    lambda ch, n: ch * n,
    st.sampled_from(["x", "甲", "a\n", " ", "\x00"]),
    st.sampled_from([65, 201, 10_001, 100_001]),
)
text_input = st.one_of(hostile, hostile, hostile, very_long)

numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.integers(0, 200).map(str),
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
