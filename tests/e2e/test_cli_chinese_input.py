"""Values typed in Chinese (``-k 工伤``, ``-s 职工方``) name the English values that are stored,
a wrong value's error names each value in both languages, and the tables of a negotiation speak
the reader's language while ``--json`` stays the same English."""

from __future__ import annotations

import json

from tests.conftest import Cli
from tests.e2e.test_cli_mediation import CASE, committee
from tests.e2e.test_cli_negotiation import REF, through_vote

CASE_OPEN = (
    f"case open {CASE} -c 来访 --received 2024-03-07 -a 刘某 -r 绥宁绿洲大桥项目部 -k 工伤"
    " --tag 劳动报酬 --amount 180,000 --request 工伤赔偿及拖欠工资 -b LQ-TJWYH"
)


def test_a_case_opened_with_chinese_words_stores_the_english_values(run: Cli) -> None:
    committee(run)
    run.ok(CASE_OPEN)
    view = json.loads(run.ok(f"case show {CASE} --json").stdout)
    assert (view["category"], view["channel"], view["tags"]) == ("work-injury", "visit", ["remuneration"])
    # The same words typed under a Chinese interface name the same values.
    assert json.loads(run.ok(f"--lang zh case show {CASE} --json").stdout) == view


def test_a_wrong_word_names_every_word_allowed_in_both_languages(run: Cli) -> None:
    committee(run)
    before = run.events()
    for lang in ("en", "zh"):
        result = run(f"--lang {lang} " + CASE_OPEN.replace("-k 工伤", "-k 工商"))
        # An option type's error is an input error (exit 1), as every one of cli.types is.
        assert result.exit_code == 1
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith(("Error: open.category: '工商'", "错误：open.category: '工商'"))
        assert "work-injury (工伤), " in result.stderr
        assert "labour-contract (劳动合同), " in result.stderr
    assert run.events() == before  # nothing was recorded


def test_a_negotiation_takes_its_kind_side_and_vote_words_in_chinese(run: Cli) -> None:
    run.ok(
        f"negotiation open {REF} -k 工资专项集体合同 -e 广州XX有限公司 -u 工会 --requested-by 企业方 --on 2011-04-01"
    )
    run.ok(f"negotiation request {REF} --on 2011-04-08")
    run.ok(f"negotiation reply {REF} --on 2011-04-18")
    run.ok(f"negotiation appoint {REF} -s 职工方 --chief 陈志明 --member 李红,王强 --on 2011-04-20")
    view = json.loads(run.ok(f"negotiation show {REF} --json").stdout)
    assert (view["kind"], view["requested_by"]) == ("wage", "employer")
    assert {r["side"] for r in view["representatives"]} == {"union"}
    wrong = run(f"negotiation appoint {REF} -s 资方 --chief 张伟 --on 2011-04-20")
    assert wrong.exit_code == 1
    assert wrong.stderr == "Error: appoint.side: '资方' is not one of: union (职工方), employer (企业方)\n"


def test_negotiation_show_in_chinese_has_chinese_headings_and_the_same_json(run: Cli) -> None:
    through_vote(run)
    english = run.ok(f"--lang en negotiation show {REF}").stdout
    chinese = run.ok(f"--lang zh negotiation show {REF}").stdout
    for heading in ("协商代表", "协商会议", "条款", "审议表决", "下一期限", "阶段：", "工资专项集体合同"):
        assert heading in chinese
    for cell in ("职工方", "首席代表", "已达成一致", "职工代表大会"):
        assert cell in chinese
    for word in ("Representatives", "Rounds", "Articles", "stage:"):
        assert word in english
        assert word not in chinese
    as_json = {lang: run.ok(f"--lang {lang} negotiation show {REF} --json").stdout for lang in ("en", "zh")}
    assert as_json["zh"] == as_json["en"]
    assert json.loads(as_json["zh"])["stage"] == "ratified"
