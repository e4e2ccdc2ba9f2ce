"""The board's status in SQL (what the attention board filters on) is contract_status."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from projections import readers
from projections.status import closed_from, contract_status

COLUMNS = (
    "stage",
    "signed_on",
    "terminated_on",
    "objected_on",
    "effective_on",
    "term_end",
    "received_on",
    "submitted_on",
)
DAY = date(2012, 1, 1)
days = st.one_of(st.none(), st.integers(-400, 400).map(lambda n: (DAY + timedelta(days=n)).isoformat()))
rows = st.fixed_dictionaries(
    {
        "stage": st.sampled_from(
            ["opened", "requested", "refused", "negotiating", "draft", "ratified", "signed"]
        ),
        **dict.fromkeys(COLUMNS[1:], days),
    }
)


@settings(max_examples=400, deadline=None)
@given(row=rows, offset=st.integers(-400, 400))
def test_the_status_in_sql_is_contract_status(row: dict[str, str | None], offset: int) -> None:
    if row["effective_on"] is not None and row["term_end"] is None:
        row["term_end"] = row["effective_on"]  # a contract in force always has its term
    day = (DAY + timedelta(days=offset)).isoformat()
    with sqlite3.connect(":memory:") as db:
        db.execute(f"CREATE TABLE agreements ({', '.join(COLUMNS)})")
        marks = ", ".join("?" * len(COLUMNS))
        db.execute(f"INSERT INTO agreements VALUES ({marks})", [row[c] for c in COLUMNS])  # noqa: S608
        sql = f"SELECT {readers.STATUS} FROM agreements"  # noqa: S608 - the reader's own expression
        (status,) = db.execute(sql, {"day": day}).fetchone()
    assert status == contract_status(row, day)


@settings(max_examples=400, deadline=None)
@given(row=rows, offset=st.integers(-400, 400))
def test_a_row_is_closed_from_its_day_on_and_its_status_is_read_from_the_index(
    row: dict[str, str | None], offset: int
) -> None:
    if row["effective_on"] is not None and row["term_end"] is None:
        row["term_end"] = row["effective_on"]
    day = (DAY + timedelta(days=offset)).isoformat()
    status = contract_status(row, day)
    if closed_from(row) <= day:  # closed for good: the board counts it from the index alone
        with sqlite3.connect(":memory:") as db:
            db.execute("CREATE TABLE agreements (stage, terminated_on)")
            db.execute("INSERT INTO agreements VALUES (?, ?)", (row["stage"], row["terminated_on"]))
            sql = f"SELECT {readers.CLOSED_STATUS} FROM agreements"  # noqa: S608 - the reader's own expression
            assert db.execute(sql, {"day": day}).fetchone()[0] == status
    else:  # open: everything closed on that day is closed from an earlier day
        assert status not in ("terminated", "expired", "refused")
