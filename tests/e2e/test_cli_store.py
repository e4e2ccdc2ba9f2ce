"""``bargaining store``: keys for encryption, and what the store in use holds."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest

from bargaining.store.encryption import CIPHER_KEY_ENV
from tests.conftest import Cli

OPEN = "negotiation open CB-2011-001 -k wage -e 广州XX有限公司 -u 广州XX有限公司工会 --on 2011-04-01"
CASE = "case open CASE-1 -c visit --received 2024-03-07 -a 刘某 -r 项目部 -k work-injury --request 赔偿"


def info(run: Cli) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run.ok("store info --json").stdout)
    return data


def test_keygen_prints_only_a_fresh_256_bit_key_on_stdout_and_the_hint_on_stderr(run: Cli) -> None:
    first, second = run.ok("store keygen"), run.ok("store keygen")
    key = first.stdout.strip()
    assert first.stdout == key + "\n"
    assert len(base64.b64decode(key, validate=True)) == 32
    assert second.stdout.strip() != key
    assert f"export {CIPHER_KEY_ENV}=" in first.stderr
    assert first.stderr.count("\n") == 1


def test_a_generated_key_encrypts_a_store(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CIPHER_KEY_ENV, run.ok("store keygen").stdout.strip())
    run.ok(OPEN)
    data = info(run)
    assert data["encryption"] == f"AES-256-GCM, zlib-compressed ({CIPHER_KEY_ENV})"
    assert data["applications"] == [
        {"application": "Negotiations", "events": 1, "stored": "encrypted", "key": "ok", "problem": None},
        {"application": "Mediation", "events": 0, "stored": "empty", "key": "ok", "problem": None},
    ]


def test_info_on_a_store_not_yet_created_creates_nothing(run: Cli, store: Path) -> None:
    result = run.ok("store info")
    assert result.stdout.startswith(
        f"Store        SQLite store in {store} (not created yet)\nEncryption   off\n"
    )
    assert "none yet: the first report builds them" in result.stdout
    assert not store.exists()


def test_info_shows_events_per_application_and_how_far_each_read_model_has_read(run: Cli) -> None:
    run.ok(OPEN)
    run.ok(CASE)
    run.ok("board")
    run.ok("negotiation request CB-2011-001 --on 2011-04-08")
    data = info(run)
    assert [(a["application"], a["events"], a["stored"]) for a in data["applications"]] == [
        ("Negotiations", 2, "plain"),
        ("Mediation", 1, "plain"),
    ]
    assert data["views"]["state"] == "2 events behind"
    assert [
        (p["projection"], p["application"], p["position"], p["log"], p["behind"]) for p in data["projections"]
    ] == [
        ("agreements", "Negotiations", 1, 2, 1),
        ("cases", "Mediation", 1, 1, 0),
        ("timeline", "Negotiations", 1, 2, 1),
        ("timeline", "Mediation", 1, 1, 0),
    ]
    run.ok("board")
    table = run.ok("store info").stdout
    assert "Read models  up to date" in table
    assert re.search(
        r"^Holidays     State Council holiday notices 2004-20\d\d \(chinesecalendar ", table, re.M
    )
    assert "agreements    Negotiations   2           2      0" in table


def test_info_reports_a_key_that_does_not_fit_instead_of_refusing(
    run: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CIPHER_KEY_ENV, run.ok("store keygen").stdout.strip())
    run.ok(OPEN)
    monkeypatch.setenv(CIPHER_KEY_ENV, run.ok("store keygen").stdout.strip())
    result = run.ok("store info")
    assert "Negotiations   1         encrypted  wrong" in result.stdout
    assert f"Note: Negotiations: {CIPHER_KEY_ENV} not the key this store was encrypted with" in result.stdout


def test_info_in_chinese_words_how_events_are_stored_and_the_key_and_keeps_json_english(
    run: Cli, store: Path
) -> None:
    run.ok(OPEN)
    out = run.ok("--lang zh store info").stdout
    assert re.search(r"^Negotiations\s+1\s+明文\s+正常$", out, re.M), out
    assert re.search(r"^Mediation\s+0\s+无事件\s+正常$", out, re.M), out
    assert re.search(r"^读模型\s+\S+（" + re.escape(str(store)), out, re.M), out
    assert json.loads(run.ok("--lang zh store info --json").stdout)["applications"][0]["stored"] == "plain"
