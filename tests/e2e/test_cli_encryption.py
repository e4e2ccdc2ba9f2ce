"""Encryption at rest: with BARGAINING_CIPHER_KEY the event stores hold no plaintext, every
command works, and a missing, wrong or superfluous key is one line, exit 1, nothing written."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bargaining.store.encryption import CIPHER_KEY_ENV, new_key
from tests.conftest import Cli

REF = "CB-2011-001"
EMPLOYER = "广州XX有限公司"
OPEN = f"negotiation open {REF} -k wage -e {EMPLOYER} -u {EMPLOYER}工会 --topic 工资调整 --on 2011-04-01"
CASE = (
    "case open CASE-2024-0007 -c visit --received 2024-03-07 -a 刘某 -r 绥宁绿洲大桥项目部"
    " -k work-injury --amount 180000 --request 工伤赔偿"
)
# Field names of the events above: in a plain store every body spells them out.
FIELD_NAMES = (b'"employer"', b'"reference"', b'"union"', b'"applicants"', b'"respondent"')


def record_some(run: Cli) -> None:
    run.ok(OPEN)
    run.ok(f"negotiation request {REF} --on 2011-04-08 --topics 工资调整")
    run.ok(CASE)


def stored_bodies(store: Path) -> list[bytes]:
    bodies = []
    for name in ("negotiations", "mediation"):
        with closing(sqlite3.connect(store / f"{name}.sqlite")) as conn:
            tables = conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'stored_%'").fetchall()
            for (table,) in tables:  # events, and snapshots where the application takes them
                bodies += [row[0] for row in conn.execute(f"SELECT state FROM {table}")]  # noqa: S608
    return bodies


def test_a_plain_store_spells_out_names_and_fields(run: Cli, store: Path) -> None:
    """The control for the test below: the search finds plaintext where there is some."""
    record_some(run)
    everything = b"".join(stored_bodies(store))
    assert EMPLOYER.encode() in everything
    assert all(name in everything for name in FIELD_NAMES)


def test_an_encrypted_store_holds_no_plaintext_in_event_bodies(
    run: Cli, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CIPHER_KEY_ENV, new_key())
    record_some(run)
    bodies = stored_bodies(store)
    assert len(bodies) == 3
    for body in bodies:
        assert EMPLOYER.encode() not in body
        assert "刘某".encode() not in body
        assert not any(name in body for name in FIELD_NAMES), body


def test_with_the_key_every_command_works(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CIPHER_KEY_ENV, new_key())
    record_some(run)
    assert EMPLOYER in run.ok(f"negotiation show {REF}").output
    assert REF in run.ok("board").output
    assert "CASE-2024-0007" in run.ok("case show CASE-2024-0007").output
    assert "request" in run.ok(f"timeline {REF}").output.lower()
    assert "from 3 events" in run.ok("rebuild").output
    assert run.events() == 3


KEY_MISMATCHES = [
    ("wrong key", "A", "B", "not the key this store was encrypted with"),
    ("no key", "A", "", "not set, but this store is encrypted"),
    ("key for a plain store", "", "B", "set, but this store is not encrypted"),
]


@pytest.mark.parametrize(
    ("written_with", "used_with", "rule"), [m[1:] for m in KEY_MISMATCHES], ids=[m[0] for m in KEY_MISMATCHES]
)
@pytest.mark.parametrize(
    "command",
    [
        f"negotiation show {REF}",
        f"negotiation reply {REF} --on 2011-04-18",
        "case show CASE-2024-0007",
        "rebuild",
    ],
)
def test_a_key_that_does_not_fit_the_store_is_one_line_and_writes_nothing(
    run: Cli, monkeypatch: pytest.MonkeyPatch, written_with: str, used_with: str, rule: str, command: str
) -> None:
    keys = {"": "", "A": new_key(), "B": new_key()}
    monkeypatch.setenv(CIPHER_KEY_ENV, keys[written_with])
    record_some(run)
    before = run.events()

    monkeypatch.setenv(CIPHER_KEY_ENV, keys[used_with])
    result = run(command)

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {CIPHER_KEY_ENV}: {rule}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    monkeypatch.setenv(CIPHER_KEY_ENV, keys[written_with])
    assert run.events() == before


def test_a_key_on_a_store_with_one_plain_context_cannot_start_the_other_encrypted(
    run: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    run.ok(OPEN)
    monkeypatch.setenv(CIPHER_KEY_ENV, new_key())
    result = run(CASE)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {CIPHER_KEY_ENV}: set, but this store is not encrypted")
    monkeypatch.delenv(CIPHER_KEY_ENV)
    assert run.events() == 1


@pytest.mark.parametrize(
    "key", ["not base64!", "c2hvcnQ=", "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQQ=="], ids=str
)
def test_a_malformed_key_says_how_to_make_one_and_creates_nothing(
    run: Cli, store: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    monkeypatch.setenv(CIPHER_KEY_ENV, key)
    result = run(OPEN)
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {CIPHER_KEY_ENV}: not a valid key (base64 of 16, 24 or 32 bytes);"
        " make one with 'bargaining store keygen'\n",
    )
    assert not store.exists()


def test_a_damaged_event_after_the_first_is_one_line_not_a_traceback(
    run: Cli, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CIPHER_KEY_ENV, new_key())
    record_some(run)
    with closing(sqlite3.connect(store / "negotiations.sqlite")) as conn, conn:
        conn.execute("UPDATE stored_events SET state = zeroblob(64) WHERE originator_version = 2")
    result = run(f"negotiation show {REF}")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: store: a stored event cannot be read: another {CIPHER_KEY_ENV}")
    assert result.stderr.count("\n") == 1
