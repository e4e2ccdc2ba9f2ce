"""Shared fixtures: a real SQLite store in a temporary directory, a fixed 'today', and a
real PostgreSQL server for the tests that need one."""

from __future__ import annotations

import os
import shlex
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner, Result
from psycopg import sql

from bargaining import Tracker
from bargaining.store.location import postgres_env
from cli.main import cli
from tests import pgserver

TODAY = date(2026, 11, 28)
PG_URL_ENV = "BARGAINING_TEST_PG_URL"  # a server you run: its tests use fresh schemas in it
REQUIRE_PG_ENV = "BARGAINING_REQUIRE_PG"  # set by .ci/run: no server is a failure, not a skip


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL for the whole session: ``BARGAINING_TEST_PG_URL``, else a throw-away
    cluster (~2 s to start), else a skip — or, in CI, a failure."""
    given = os.environ.get(PG_URL_ENV, "").strip()
    if given:
        yield given
        return
    bindir = pgserver.find_bindir()
    if bindir is None:
        reason = f"no PostgreSQL server binaries (apt-get install postgresql) and {PG_URL_ENV} is not set"
        if _flag("CI") or _flag(REQUIRE_PG_ENV):
            pytest.fail(f"PostgreSQL is required here: {reason}", pytrace=False)
        pytest.skip(reason)
    with pgserver.Cluster(bindir) as url:
        yield url


@pytest.fixture
def pg_env(pg_url: str) -> Iterator[dict[str, str]]:
    """The library's settings for a fresh schema in the test database, dropped afterwards."""
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with pgserver.connect(pg_url) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield {**postgres_env(pg_url), "POSTGRES_SCHEMA": schema}
    finally:
        with pgserver.connect(pg_url) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


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
            try:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except psycopg.errors.InsufficientPrivilege:
                # FORCE may not end a process of another role (an autovacuum worker on a
                # server the tests were given); a plain DROP waits for those itself.
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


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


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def tracker(store: Path) -> Iterator[Tracker]:
    with Tracker(store, actor="测试员", today=TODAY) as t:
        yield t


class Cli:
    """Runs the real command line against one store, as a user would type it."""

    def __init__(self, store: Path | str) -> None:
        self.store = store
        self.runner = CliRunner()

    def __call__(self, *args: str, actor: str = "王芳", stdin: str | None = None) -> Result:
        """``run("negotiation show CB-1 --json")`` splits like a shell; several args pass as given."""
        argv = shlex.split(args[0]) if len(args) == 1 else list(args)
        return self.runner.invoke(
            cli,
            ["--store", str(self.store), "--as", actor, *argv],
            input=stdin,
            catch_exceptions=False,
            prog_name="bargaining",
        )

    def ok(self, *args: str, **kwargs: str) -> Result:
        result = self(*args, **kwargs)
        assert result.exit_code == 0, (args, result.output, result.stderr)
        return result

    def events(self) -> int:
        with Tracker(self.store, actor="x", today=TODAY) as t:
            return t.event_count()


@pytest.fixture
def run(store: Path) -> Cli:
    return Cli(store)
