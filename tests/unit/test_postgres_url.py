"""A PostgreSQL URL becomes the library's POSTGRES_* settings; a bad one is one line, no password."""

from __future__ import annotations

import pytest

from bargaining import StoreError
from bargaining.store.location import parse_postgres_url, postgres_env


def test_a_full_url_gives_every_setting_percent_decoded() -> None:
    env = postgres_env(
        "postgresql://%E7%8E%8B%E8%8A%B3:p%40ss%3Aw%2Frd@db.example.org:6543/%E8%B0%88%E5%88%A4"
    )
    assert env == {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_HOST": "db.example.org",
        "POSTGRES_PORT": "6543",
        "POSTGRES_USER": "王芳",
        "POSTGRES_PASSWORD": "p@ss:w/rd",
        "POSTGRES_DBNAME": "谈判",
        "POSTGRES_LOCK_TIMEOUT": "5",
        "POSTGRES_CONNECT_TIMEOUT": "5",
    }


@pytest.mark.parametrize(
    ("url", "host", "port", "password"),
    [
        ("postgres://u:pw@localhost/db", "localhost", "5432", "pw"),
        ("postgresql://u@127.0.0.1:5433/db", "127.0.0.1", "5433", ""),
        ("postgresql://u:pw@[::1]:5433/db", "::1", "5433", "pw"),
        ("postgresql://u@%2Fvar%2Frun%2Fpostgresql/db", "/var/run/postgresql", "5432", ""),
    ],
)
def test_port_defaults_to_5432_and_password_and_host_forms_are_optional(
    url: str, host: str, port: str, password: str
) -> None:
    env = postgres_env(url)
    assert (env["POSTGRES_HOST"], env["POSTGRES_PORT"], env["POSTGRES_PASSWORD"]) == (host, port, password)


@pytest.mark.parametrize(
    ("url", "missing"),
    [
        ("mysql://u:secret@h/db", "starts with postgresql://"),
        ("postgresql://h/db", "names no user"),
        ("postgresql://:secret@h/db", "names no user"),
        ("postgresql://u:secret@/db", "names no host"),
        ("postgresql://u:secret@h", "names no database"),
        ("postgresql://u:secret@h/", "names no database"),
        ("postgresql://u:secret@h/a/b", "cannot contain '/'"),
        ("postgresql://u:secret@h:0/db", "port is not a number from 1 to 65535"),
        ("postgresql://u:secret@h:99999/db", "port is not a number from 1 to 65535"),
        ("postgresql://u:secret@h:five/db", "port is not a number from 1 to 65535"),
        ("postgresql://u:secret@h/db?sslmode=require", "libpq's environment variables instead (PGSSLMODE="),
    ],
)
def test_an_invalid_url_is_a_store_error_naming_what_is_missing_never_the_password(
    url: str, missing: str
) -> None:
    with pytest.raises(StoreError) as raised:
        postgres_env(url)
    message = str(raised.value)
    assert message.startswith("store: ")
    assert missing in message
    assert "\n" not in message
    assert "secret" not in message


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://ann:s3cr%40t@db:5433/tracker", "postgresql://ann:***@db:5433/tracker"),
        ("postgres://ann@db/tracker", "postgresql://ann@db:5432/tracker"),
        ("postgresql://ann:x@[::1]/tracker", "postgresql://ann:***@[::1]:5432/tracker"),
    ],
)
def test_a_url_is_shown_without_its_password(url: str, shown: str) -> None:
    assert parse_postgres_url(url).redacted() == shown
