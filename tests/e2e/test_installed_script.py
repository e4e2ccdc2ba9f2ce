"""The installed ``bargaining`` script, run as a separate process the way a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "bargaining"


def bargaining(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
    )


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("demo")
    result = bargaining("--store", str(store), "--as", "演示", "demo")
    assert result.returncode == 0, result.stderr
    assert "logged DEMO-2011-WAGE" in result.stdout
    return store


def test_the_demo_logs_the_seed_wage_negotiation_and_prints_its_status(demo_store: Path) -> None:
    view = json.loads(
        bargaining(
            "--store",
            str(demo_store),
            "negotiation",
            "show",
            "DEMO-2011-WAGE",
            "--as-of",
            "2011-06-30",
            "--json",
        ).stdout
    )
    assert (view["stage"], view["kind"], len(view["rounds"])) == ("signed", "wage", 4)
    assert view["vote"]["on"] == "2011-06-24"
    assert view["vote"]["verified"] is False  # the seed reports the outcome without a tally
    assert view["signed_on"] == "2011-06-29"
    assert view["signatories"] == ["陈志明", "张伟"]
    assert [d["due"] for d in view["filing_deadlines"]] == ["2011-07-06", "2011-07-11"]
    assert all(a["status"] == "agreed" for a in view["articles"])


def test_a_second_demo_run_only_shows_it_again(demo_store: Path) -> None:
    result = bargaining("--store", str(demo_store), "demo")
    assert result.returncode == 0
    assert "DEMO-2011-WAGE and DEMO-CASE-0007 are already logged" in result.stdout
    history = json.loads(
        bargaining("--store", str(demo_store), "negotiation", "history", "DEMO-2011-WAGE", "--json").stdout
    )
    assert {h["by"] for h in history} == {"演示"}


def test_errors_reach_stderr_with_exit_codes_as_a_process(tmp_path: Path) -> None:
    result = bargaining("--store", str(tmp_path), "negotiation", "show", "CB-404")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "Error: show.reference: no such negotiation: CB-404\n"
    usage = bargaining("--store", str(tmp_path), "negotiation", "open")
    assert usage.returncode == 2


def test_store_files_are_readable_by_their_owner_only(demo_store: Path) -> None:
    files = list(demo_store.glob("*.sqlite"))
    assert files
    assert all(f.stat().st_mode & 0o077 == 0 for f in files)
    assert demo_store.stat().st_mode & 0o077 == 0


def test_the_demo_logs_the_seed_work_injury_case_with_its_timeline(demo_store: Path) -> None:
    view = json.loads(
        bargaining("--store", str(demo_store), "case", "show", "DEMO-CASE-0007", "--json").stdout
    )
    assert (view["category"], view["tags"], view["outcome"]) == ("work-injury", ["remuneration"], "settled")
    assert view["sessions"] >= 2
    assert (view["amount_claimed"], view["amount_agreed"]) == ("180000.00", "126000.00")
    steps = [row["step"] for row in view["timeline"]]
    assert steps[0] == "application received"
    assert steps.count("mediation session") == 3
    assert "mediation agreement signed" in steps


def test_the_demo_contract_filing_packet_is_written_and_verified_as_a_process(
    demo_store: Path, tmp_path: Path
) -> None:
    out = tmp_path / "备案" / "DEMO-2011-WAGE"
    made = bargaining("--store", str(demo_store), "packet", "DEMO-2011-WAGE", "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"DEMO-2011-WAGE: filing packet (zh) written to {out}: packet.pdf,")
    assert made.stderr.startswith("Warning: 2011-06-24（第三届职工代表大会）表决只记录了结果")
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "packet.md", "packet.pdf"]
    assert (out / "packet.pdf").read_bytes().startswith(b"%PDF-")
    checked = bargaining("--store", str(demo_store), "packet", "verify", str(out))
    assert (checked.returncode, checked.stderr) == (0, "")
    assert checked.stdout.startswith(f"OK: {out} matches the record of DEMO-2011-WAGE (2 files, made ")


def test_without_the_holiday_package_a_command_says_how_to_install_it(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "chinese_calendar"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('simulated: not installed')\n")
    result = bargaining(
        "--store", str(tmp_path / "store"), "--as", "李明",
        "case", "open", "C-1", "--channel", "visit", "--received", "2024-03-01", "--applicant", "刘某",
        "--respondent", "某建筑公司", "--category", "remuneration", "--request", "支付欠薪",
        env={"PYTHONPATH": str(tmp_path / "shadow")},
    )  # fmt: skip
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1, result.stderr
    assert "holidays: the chinesecalendar package" in result.stderr
    assert "make setup" in result.stderr
    shown = bargaining("--store", str(tmp_path / "store"), "case", "show", "C-1")  # installed again
    assert shown.returncode != 0
    assert "no such case" in shown.stderr  # nothing was written
