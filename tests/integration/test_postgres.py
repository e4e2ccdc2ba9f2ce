"""The store on a real PostgreSQL server: the library's recorders, tables named per application."""

from __future__ import annotations

from datetime import date

from psycopg import sql

from bargaining.negotiations.service import NegotiationsApp, NegotiationService
from domain.negotiation import Negotiation
from tests import pgserver
from tests.conftest import TODAY

EMPLOYER = "广州XX有限公司"


def test_a_negotiation_saved_in_postgresql_reads_back_in_a_new_application(
    pg_url: str, pg_env: dict[str, str]
) -> None:
    writer = NegotiationsApp(env=pg_env)
    try:
        NegotiationService(writer, "王芳", TODAY).open(
            "CB-PG-001", employer=EMPLOYER, union=f"{EMPLOYER}工会", kind="wage", on=date(2011, 4, 1)
        )
    finally:
        writer.close()

    reader = NegotiationsApp(env=pg_env)
    try:
        negotiation = reader.load(Negotiation, "CB-PG-001", "negotiation")
        assert (negotiation.employer, negotiation.union) == (EMPLOYER, f"{EMPLOYER}工会")
        assert reader.count_events() == 1
    finally:
        reader.close()

    with pgserver.connect(pg_url) as conn:
        tables = {
            row[0]
            for row in conn.execute(
                sql.SQL("SELECT table_name FROM information_schema.tables WHERE table_schema = {}").format(
                    sql.Literal(pg_env["POSTGRES_SCHEMA"])
                )
            )
        }
    assert "negotiations_events" in tables
    assert all(table.startswith("negotiations_") for table in tables), tables
