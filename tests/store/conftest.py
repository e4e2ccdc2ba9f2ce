"""A fresh store per test on each kind: a SQLite directory, or a new PostgreSQL database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest


def fresh_database(server: str) -> Iterator[str]:
    """A new database on the test server (its role may create databases), dropped afterwards."""
    import psycopg

    name = f"bargaining_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(server)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[str]:
    yield from fresh_database(pg_url)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same test on the embedded store and on a real PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "store")
    else:
        yield from fresh_database(request.getfixturevalue("pg_url"))
