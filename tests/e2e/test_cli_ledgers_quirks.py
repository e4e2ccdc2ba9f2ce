"""Ledgers as other offices save them: the encoding a CSV is in, a collective dispute's applicant
cell, references typed in another letter case, and the case ledger's free-text columns.

Each test is a file a clerk could hand over and what the store must then hold, or the one
line that says why nothing was written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli

CASE_HEADINGS = "案件编号,申请人,被申请人,争议类型,受理日期"


def case(run: Cli, reference: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(run.ok(f"case show {reference} --json").stdout)
    return result


def csv_file(path: Path, lines: list[str], encoding: str) -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


# ------------------------------------------------------------------------------ encodings


def test_a_short_gb18030_csv_is_read_as_gb18030(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "台账.csv", [CASE_HEADINGS, "E-1,张三,某厂,工伤,2014-03-05"], "gb18030")
    run = Cli(tmp_path / "store")
    run.ok(f"import cases {path}")
    assert (case(run, "E-1")["applicants"], case(run, "E-1")["respondent"]) == (["张三"], "某厂")


@pytest.mark.parametrize(
    ("encoding", "lines"),
    [
        (
            "latin-1",
            [
                "reference,applicants,respondent,category,accepted",
                "E-1,Müller,Zürcher Bäckerei,work-injury,2014-03-05",
            ],
        ),
        (
            "big5",
            ["reference,applicants,respondent,category,accepted", "E-1,張三,某某公司,work-injury,2014-03-05"],
        ),
    ],
)
def test_a_csv_neither_utf8_nor_chinese_in_gb18030_asks_for_its_encoding(
    tmp_path: Path, encoding: str, lines: list[str]
) -> None:
    path = csv_file(tmp_path / "ledger.csv", lines, encoding)
    run = Cli(tmp_path / "store")
    result = run(f"import cases {path}")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("Error: import.file: ledger.csv is not UTF-8")
    assert "--encoding" in result.stderr
    assert run.events() == 0
    run.ok(f"import cases {path} --encoding {encoding}")
    assert case(run, "E-1")["applicants"] == [lines[1].split(",")[1]]
