"""Cases and reports in the reader's language: Chinese headings under --lang zh or a Chinese
locale, English under an English or the C locale, and the same JSON in both."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli.main import cli

SCRIPT = Path(sys.executable).parent / "bargaining"
CASE = "DEMO-CASE-0007"
# The commands the issue names, and a heading each prints in Chinese and in English.
REPORTS = [
    (f"case show {CASE} --as-of 2011-03-16", "办理经过", "Timeline"),
    ("board --all", "编号", "reference"),
    ("stats disputes --from 2011-01-01 --to 2011-12-31 --by category", "收案", "received"),
    ("deadlines --as-of 2011-07-01 --within 30", "到期日", "due"),
]
NO_LOCALE = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "BARGAINING_LANG")


def invoke(store: Path, line: str, *, lang: str | None = None, env: dict[str, str] | None = None) -> Result:
    options = ["--lang", lang] if lang else []
    result = CliRunner().invoke(
        cli,
        ["--store", str(store), "--as", "王芳", *options, *line.split()],
        env={**dict.fromkeys(NO_LOCALE), **(env or {})},
        catch_exceptions=False,
        prog_name="bargaining",
    )
    assert result.exit_code == 0, (line, result.output, result.stderr)
    return result


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("zh") / "store"
    invoke(store, "demo")
    return store


@pytest.mark.parametrize(("line", "chinese", "english"), REPORTS)
def test_reports_speak_chinese_under_lang_zh_and_a_chinese_locale(
    demo: Path, line: str, chinese: str, english: str
) -> None:
    for out in (invoke(demo, line, lang="zh").stdout, invoke(demo, line, env={"LANG": "zh_CN.UTF-8"}).stdout):
        assert chinese in out
        assert english not in out.splitlines()[0].split()


@pytest.mark.parametrize(("line", "chinese", "english"), REPORTS)
@pytest.mark.parametrize("locale", ["en_US.UTF-8", "C"])
def test_reports_speak_english_under_an_english_or_the_c_locale(
    demo: Path, line: str, chinese: str, english: str, locale: str
) -> None:
    out = invoke(demo, line, env={"LANG": locale}).stdout
    assert english in out
    assert chinese not in out


@pytest.mark.parametrize("line", [f"case show {CASE}", "deadlines --as-of 2011-03-10 --within 36500"])
def test_a_law_is_cited_in_chinese_by_its_full_title(demo: Path, line: str) -> None:
    out = invoke(demo, line, lang="zh").stdout
    assert "《中华人民共和国劳动争议调解仲裁法》第" in out
    assert "《劳动争议调解仲裁法》" not in out


def test_case_show_in_chinese_names_the_channel_and_the_sections(demo: Path) -> None:
    out = invoke(demo, f"case show {CASE} --as-of 2011-03-16", lang="zh").stdout
    for words in ("申请人", "来源方式    来访", "期限", "下一期限", "（截至 2011-03-16）"):
        assert words in out


def test_csv_headings_follow_the_language_and_the_values_stay(demo: Path) -> None:
    line = "stats disputes --from 2011-01-01 --to 2011-12-31 --by category --csv"
    zh = list(csv.DictReader(io.StringIO(invoke(demo, line, lang="zh").stdout)))
    en = list(csv.DictReader(io.StringIO(invoke(demo, line, lang="en").stdout)))
    assert [(r["分组"], r["调解成功"], r["调解成功率"]) for r in zh] == [
        (r["group"], r["succeeded"], r["success_rate"]) for r in en
    ]
    assert [r["分组"] for r in zh] == ["work-injury", "total"]


@pytest.mark.parametrize(
    "line",
    [
        f"case show {CASE} --json",
        "board --all --json",
        "stats disputes --from 2011-01-01 --to 2011-12-31 --json",
        "deadlines --as-of 2011-07-01 --within 30 --json",
    ],
)
def test_json_is_the_same_in_both_languages(demo: Path, line: str) -> None:
    zh = invoke(demo, line, lang="zh").stdout
    assert zh == invoke(demo, line, lang="en").stdout
    assert zh == invoke(demo, line, env={"LANG": "zh_CN.UTF-8"}).stdout
    json.loads(zh)


def test_the_demo_narrates_in_chinese(tmp_path: Path) -> None:
    out = invoke(tmp_path / "store", "demo", lang="zh").stdout
    for words in (
        "已记录",
        "集体协商现状",
        "工伤争议调解案件",
        "今天的工作看板",
        "2011年调解统计",
        "继续查看：",
    ):
        assert words in out
    assert "Status board today" not in out


def test_the_installed_script_narrates_the_demo_in_chinese_under_a_chinese_locale(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in NO_LOCALE}
    result = subprocess.run(
        [str(SCRIPT), "--store", str(tmp_path / "store"), "--as", "演示", "demo"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env={**env, "PYTHONIOENCODING": "utf-8", "LANG": "zh_CN.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    assert "2011年调解统计" in result.stdout
    assert "Traceback" not in result.stderr


def test_an_error_under_the_c_locale_is_one_english_line(demo: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--store", str(demo), "board", "--json", "--csv"],
        env={**dict.fromkeys(NO_LOCALE), "LANG": "C"},
        prog_name="bargaining",
    )
    assert (result.exit_code, result.stderr) == (1, "Error: output: give --json or --csv, not both\n")


def test_a_timeline_in_chinese_names_the_currency_and_the_profile_in_chinese(demo: Path) -> None:
    case = invoke(demo, f"timeline {CASE}", lang="zh").stdout
    assert "请求金额180000.00元" in case
    assert "CNY" not in case
    negotiation = invoke(demo, "timeline DEMO-2011-WAGE", lang="zh").stdout
    assert "工资专项集体合同；中国；职工方" in negotiation
    assert "PRC" not in negotiation
    assert "claims 180000.00 CNY" in invoke(demo, f"timeline {CASE}", lang="en").stdout
