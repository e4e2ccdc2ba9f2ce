"""Costing wage proposals from the command line: the base, the terms, the reference figures."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TODAY, Cli
from tests.e2e.test_cli_negotiation import REF, ROUND_1, seat_and_talk
from tests.e2e.test_installed_script import bargaining

WAGE = "第一条 工资调整"
PEOPLE = "--present 陈志明、李红、王强、张伟、赵敏、钱进"
BASE = f"negotiation base {REF} --region 安徽 --year 2008 --group 一线职工 --headcount 137 --wage 3200"


def costed(run: Cli, *options: str) -> dict[str, Any]:
    return json.loads(run.ok("negotiation", "cost", REF, "--json", *options).stdout)  # type: ignore[no-any-return]


def two_rounds(run: Cli) -> None:
    """Round 1: the union asks 8%; round 2: the employer offers 6%."""
    seat_and_talk(run)
    run.ok(BASE)
    run.ok(f"{ROUND_1} {PEOPLE}")
    run.ok(f"negotiation propose {REF} -a '{WAGE}' -s union --text 增长8% --increase 8")
    run.ok(f"negotiation round {REF} --on 2011-05-10 --place 室 --chair 张伟 --recorder 刘洋")
    run.ok(f"negotiation propose {REF} -a '{WAGE}' -s employer --text 增长6% --increase 6")


def packet_text(run: Cli, reference: str, *options: str) -> str:
    """The filing packet's Markdown, made into a folder beside the store."""
    packet = Path(run.store).parent / "packet"
    run.ok("packet", reference, "--out", str(packet), *options)
    return (packet / "packet.md").read_text(encoding="utf-8")


def refused(run: Cli, command: str) -> str:
    """The command fails with one line on stderr and records nothing; the line is returned."""
    events = run.events()
    result = run(command)
    assert result.exit_code == 1, (command, result.output)
    assert result.stderr.count("\n") == 1, result.stderr
    assert run.events() == events
    return result.stderr


def test_six_percent_on_137_workers_at_3200_costs_26304_a_month(run: Cli) -> None:
    """3,200.00 x 6% = 192.00; x 137 = 26,304.00 a month; x 12 = 315,648.00 a year (no
    on-costs or bonus months recorded). The union's 8%: 256.00 x 137 = 35,072.00 a month,
    420,864.00 a year; the gap 105,216.00 and 2 points."""
    two_rounds(run)
    result = costed(run)
    union, employer = result["positions"]
    assert (employer["position"], employer["monthly"], employer["this_year"]["total"]) == (
        "employer",
        "26304.00",
        "315648.00",
    )
    assert (union["monthly"], union["this_year"]["wages"]) == ("35072.00", "420864.00")
    assert result["gap"] == {"yuan": "105216.00", "term_yuan": "105216.00", "points": "2.00"}
    assert [(r["round"], r["union_pct"], r["employer_pct"], r["gap_yuan"]) for r in result["rounds"]] == [
        (1, "8.00", None, None),
        (2, "8.00", "6.00", "105216.00"),
    ]
    assert "ROUND_HALF_UP" in result["rounding"]
    table = run.ok(f"negotiation cost {REF}").stdout
    assert "315,648.00" in table
    assert "Rounding: Money to the fen (ROUND_HALF_UP)" in table


def test_sixteen_percent_against_anhui_2008_is_at_the_upper_warning_line(run: Cli) -> None:
    two_rounds(run)
    run.ok(
        "reference guideline --region 安徽 --year 2008 --base 12 --upper 16 --lower 0 --source 安徽省2008年企业工资指导线"
    )
    run.ok(f"negotiation propose {REF} -a '{WAGE}' -s union --text 增长16% --increase 16")
    union = costed(run)["positions"][0]
    assert union["guideline"] == {"position": "at the upper line", "words": "at the upper (warning) line"}
    assert "at the upper (warning) line" in run.ok(f"negotiation cost {REF}").stdout
    assert "达到上线" not in run.ok(f"negotiation cost {REF}").stdout
    chinese = run.ok(f"--lang zh negotiation cost {REF}").stdout
    assert "上线（预警线）" in chinese


def test_a_floor_lifts_the_low_paid_and_says_what_it_costs(run: Cli) -> None:
    """A floor alone: 12 workers at 1,300.00 lifted to 1,400.00, 12 x 100.00 = 1,200.00 a month.
    With the employer's 6% first: 1,300.00 x 1.06 = 1,378.00, so the floor adds 12 x 22.00 = 264.00."""
    two_rounds(run)
    run.ok(f"negotiation base {REF} --group 见习员工 --headcount 12 --wage 1300")
    alone = costed(run, "--scenario", "--min-wage", "1400")["positions"][-1]
    assert alone["floor"] == {"lifted": 12, "monthly": "1200.00"}
    run.ok(f"negotiation propose {REF} -a '第二条 最低工资' -s employer --text 不低于1400元 --min-wage 1400")
    employer = costed(run)["positions"][1]
    assert employer["floor"] == {"lifted": 12, "monthly": "264.00"}
    assert [g["group"] for g in costed(run)["base"]["groups"]] == ["一线职工", "见习员工"]
    run.ok(f"negotiation base {REF} --drop 见习员工")
    assert costed(run)["base"]["headcount"] == 137


def test_a_scenario_is_costed_beside_the_tabled_ones_and_writes_nothing(run: Cli) -> None:
    two_rounds(run)
    events = run.events()
    result = costed(run, "--scenario", "--increase", "7", "--one-off", "500")
    assert run.events() == events
    scenario = result["positions"][-1]
    # 3,200 x 7% = 224.00 x 137 = 30,688.00 a month, 368,256.00 a year; one-off 500 x 137 = 68,500.00.
    assert (scenario["position"], scenario["this_year"]["total"]) == ("scenario", "436756.00")
    assert len(result["positions"]) == 3
    assert "scenario (not tabled)" in run.ok(f"negotiation cost {REF} --scenario --increase 7").stdout
    rows = list(csv.DictReader(io.StringIO(run.ok(f"negotiation cost {REF} --csv").stdout)))
    assert [(r["position"], r["total"]) for r in rows] == [("union", "420864.00"), ("employer", "315648.00")]


def test_as_of_a_round_each_side_holds_its_position_then(run: Cli) -> None:
    two_rounds(run)
    first = costed(run, "--round", "1")
    assert [p["position"] for p in first["positions"]] == ["union"]
    assert first["gap"] is None


def test_a_group_rise_needs_a_group_of_the_base(run: Cli) -> None:
    two_rounds(run)
    line = refused(
        run, f"negotiation propose {REF} -a '{WAGE}' -s union --text 增长 --increase 6 --raise 后勤=5%"
    )
    assert line.startswith("Error: propose.raise: 后勤 is not a group of the wage base (一线职工)")
    assert refused(run, f"negotiation cost {REF} --scenario --raise 后勤=5%").startswith(
        "Error: cost.raise: 后勤"
    )
    assert "say the unit" in refused(
        run, f"negotiation propose {REF} -a '{WAGE}' -s union --text 增长 --raise 一线职工=7"
    )
    run.ok(f"negotiation propose {REF} -a '{WAGE}' -s union --text 增长 --increase 6 --raise 一线职工=7%")


def test_bad_input_is_one_line_naming_the_option_and_nothing_is_written(run: Cli) -> None:
    seat_and_talk(run)
    assert refused(run, f"negotiation cost {REF}").startswith("Error: cost: no wage base recorded")
    assert refused(run, f"negotiation base {REF} --group 一线职工 --headcount -5 --wage 3200").startswith(
        "Error: base.headcount: -5 must be a whole number of workers, 0 or more"
    )
    assert refused(run, f"negotiation base {REF} --group 一线职工 --headcount 5").startswith(
        "Error: base.group: "
    )
    assert refused(run, f"negotiation base {REF} --group a --headcount 1 --wage 1 --social 150").startswith(
        "Error: base.social: '150' must be a percentage between 0 and 100"
    )
    assert "--allow" not in refused(
        run, f"negotiation base {REF} --group a --headcount 1 --wage 1 --housing 101"
    )
    run.ok(BASE)
    run.ok(f"{ROUND_1} {PEOPLE}")
    assert refused(
        run, f"negotiation propose {REF} -a '{WAGE}' -s union --text 增长 --increase 150"
    ).startswith("Error: propose.increase: 150%: over 100%; if that is meant, give --allow")
    run.ok(f"negotiation propose {REF} -a '{WAGE}' -s union --text 翻倍半 --increase 150 --allow")
    assert refused(run, f"negotiation cost {REF} --increase 6").startswith("Error: cost.scenario: ")
    assert refused(run, f"negotiation cost {REF} --round 9").startswith("Error: cost.round: ")
    assert refused(
        run, "reference guideline --region 安徽 --year 2008 --base 12 --upper 10 --lower 0 --source x"
    ).startswith("Error: reference.base: the lines must rise")


def test_reference_figures_are_listed_with_their_sources(run: Cli) -> None:
    assert "No reference figures recorded" in run.ok("reference list").stdout
    recorded = run.ok("reference shipped --record").stdout
    assert "4 shipped figures recorded." in recorded
    assert "0 shipped figures recorded." in run.ok("reference shipped --record").stdout
    figures = json.loads(run.ok("reference list --json").stdout)
    assert {(f["kind"], f["region"], f["year"]) for f in figures} == {
        ("guideline", "安徽", 2008),
        ("guideline", "四川", 2012),
        ("minimum-wage", "广州", 2011),
        ("cpi", "广州", 2011),
    }
    assert all(f["source"] for f in figures)
    shown = json.loads(run.ok("reference show --region 广州 --year 2011 --json").stdout)
    assert shown["guideline"] is None  # not confirmed in any source read: not shipped
    assert (shown["minimum_wage"]["monthly"], shown["cpi"]["change_pct"]) == ("1300.00", "5.5")
    run.ok("reference cpi --region 广州 --year 2011 --change 5.4 --source 一季度")
    assert (
        json.loads(run.ok("reference show --region 广州 --year 2011 --json").stdout)["cpi"]["change_pct"]
        == "5.4"
    )


def test_the_demo_costs_each_round_to_the_agreed_six_and_seven_percent(run: Cli) -> None:
    run.ok("demo")
    result = json.loads(run.ok("negotiation cost DEMO-2011-WAGE --json").stdout)
    union, employer = result["positions"]
    assert union["proposals"] == employer["proposals"]  # agreed: one position
    assert result["gap"] == {"yuan": "0.00", "term_yuan": "0.00", "points": "0.00"}
    first_line = next(g for g in employer["groups"] if g["group"] == "一线职工")
    assert (first_line["base_wage"], first_line["wage"]) == ("2900.00", "3103.00")  # 2,900 x 1.07
    gaps = [r["gap_points"] for r in result["rounds"]]
    assert gaps[0] is None
    assert gaps[-1] == "0.00"
    assert float(gaps[1]) > float(gaps[2]) > 0  # it narrowed round by round
    assert result["reference_data"]["minimum_wage"]["monthly"] == "1300.00"
    text = packet_text(run, "DEMO-2011-WAGE")
    assert "协议工资调整成本测算" in text
    assert "未记录广州 2011工资指导线" in text
    assert "粤府函〔2011〕15号" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_installed_script_costs_the_demo(tmp_path: Path, lang: str) -> None:
    store = str(tmp_path / "store")
    assert bargaining("--store", store, "demo").returncode == 0
    done = bargaining("--store", store, "--lang", lang, "negotiation", "cost", "DEMO-2011-WAGE")
    assert done.returncode == 0, done.stderr
    assert "1,089,914.80" in done.stdout
    assert ("Round by round" if lang == "en" else "逐轮") in done.stdout
    missing = "no wage guideline recorded for 广州 2011" if lang == "en" else "未记录广州 2011的工资指导线"
    assert missing in done.stdout
    assert (
        "social insurance 25%, housing fund 5%" if lang == "en" else "社会保险25%、住房公积金5%"
    ) in done.stdout


def test_a_published_price_index_is_taken_as_the_change_it_means(run: Cli) -> None:
    """Statistics bulletins print CPI as an index on the year before (上年=100): 105.5 is a
    rise of 5.5%, 99.2 a fall of 0.8%. ``--index`` takes that form; ``--change`` takes the
    change itself, and a change no price level makes in a year (99.2%) is refused with the
    option it was meant for, nothing written."""
    before = run.events()
    assert refused(run, "reference cpi --region 广州 --year 2011 --change 99.2 --source 公报").strip() == (
        "Error: reference.cpi: a yearly change of 99.2%: no price level moves that much;"
        " an index (上年=100) goes in --index 99.2"
    )
    assert refused(
        run, "reference cpi --region 广州 --year 2011 --change 5 --index 105 --source 公报"
    ).startswith("Error: reference.cpi: give --change or --index, not both")
    assert refused(run, "reference cpi --region 广州 --year 2011 --index 5.5 --source 公报").startswith(
        "Error: reference.cpi: an index of 5.5 on the year before (上年=100) must be between 50 and 150"
    )
    assert refused(run, "reference cpi --region 广州 --year 2011 --source 公报").startswith(
        "Error: reference.cpi: give --change (the change in %) or --index (上年=100)"
    )
    assert run.events() == before
    run.ok("reference cpi --region 广州 --year 2011 --index 99.2 --source 公报")
    cpi = json.loads(run.ok("reference show --region 广州 --year 2011 --json").stdout)["cpi"]
    assert cpi["change_pct"] == "-0.8"
    run.ok("reference cpi --region 广州 --year 2012 --index 105.5 --source 公报")
    cpi = json.loads(run.ok("reference show --region 广州 --year 2012 --json").stdout)["cpi"]
    assert cpi["change_pct"] == "5.5"
    run.ok("reference cpi --region 广州 --year 2013 --change -0.8 --source 公报")
    cpi = json.loads(run.ok("reference show --region 广州 --year 2013 --json").stdout)["cpi"]
    assert cpi["change_pct"] == "-0.8"


def test_the_years_costed_are_the_years_asked_for_and_a_scenario_changes_no_tabled_figure(run: Cli) -> None:
    """Tabled: the union's 8% and the employer's 6%, one year each. Over 1 year the employer
    costs 315,648.00 and the union 420,864.00 (see above), a gap of 105,216.00. A scenario
    naming three years (7%, 7%, 7%) leaves every tabled figure as it was: the term stays one
    year, and the scenario is costed over that year, with a warning naming the years left out.
    ``--years 3`` costs everyone over three years: the employer's 6% stays paid in years 2 and
    3, 3 x 315,648.00 = 946,944.00."""
    two_rounds(run)
    alone = costed(run)
    beside = costed(run, "--scenario", "--increase", "7", "--then", "7", "--then", "7")
    assert beside["years"] == alone["years"] == 1
    assert beside["positions"][:2] == alone["positions"]
    assert (beside["gap"], beside["rounds"]) == (alone["gap"], alone["rounds"])
    scenario = beside["positions"][-1]
    assert scenario["term"] == {"years": 1, "months": 12, "total": scenario["this_year"]["total"]}
    assert any("scenario" in w and "3 years" in w and "--years 3" in w for w in beside["warnings"])
    three = costed(run, "--years", "3")
    assert three["years"] == 3
    assert [p["term"] for p in three["positions"]] == [
        {"years": 3, "months": 36, "total": "1262592.00"},
        {"years": 3, "months": 36, "total": "946944.00"},
    ]
    run.ok(f"negotiation propose {REF} -a '{WAGE}' -s union --text 三年各8% --increase 8 --then 8 --then 8")
    one = costed(run, "--years", "1")
    assert one["years"] == 1
    assert one["positions"][0]["term"] == {"years": 1, "months": 12, "total": "420864.00"}
    assert one["gap"]["term_yuan"] == "105216.00"
    assert any("union" in w and "3 years" in w for w in one["warnings"])
    assert "(1-year term)" in run.ok(f"negotiation cost {REF} --years 1").stdout
    assert costed(run)["years"] == 3  # by default, the most years a tabled position names


def test_what_cannot_be_costed_as_typed_is_refused_or_said(run: Cli) -> None:
    """A group both given and dropped, and a scenario with no number, are refused; a side
    whose position states its increase in two articles is costed on the later one, 7%:
    3,200.00 x 7% = 224.00; x 137 = 30,688.00 a month, 368,256.00 a year, and a warning says
    which articles state it."""
    two_rounds(run)
    assert refused(
        run, f"negotiation base {REF} --group 一线职工 --headcount 1 --wage 1 --drop 一线职工"
    ).startswith("Error: base.drop: 一线职工 is both given and dropped")
    assert refused(run, BASE).startswith("Error: base: the wage base already says this")
    assert refused(run, f"negotiation base {REF}").startswith("Error: base: the wage base already says this")
    assert refused(run, f"negotiation cost {REF} --scenario").startswith(
        "Error: cost.scenario: the scenario names no number to cost"
    )
    run.ok(f"negotiation propose {REF} -a '第二条 津贴' -s union --text 再增7% --increase 7")
    result = costed(run)
    union = result["positions"][0]
    assert (union["position"], union["increase_pct"], union["this_year"]["wages"]) == (
        "union",
        "7.00",
        "368256.00",
    )
    assert any(
        w.startswith(
            "union: the increase is stated in 第一条 工资调整, 第二条 津贴; only the last (第二条 津贴)"
        )
        for w in result["warnings"]
    ), result["warnings"]


def test_numbers_typed_full_width_on_a_chinese_keyboard_are_the_same_numbers(run: Cli) -> None:
    """６％, 一线职工＝７％, １，４００ and ￥ from a Chinese input method cost as 6%, 一线职工=7%,
    1400 and ¥ do."""
    two_rounds(run)
    ascii_typed = costed(
        run, "--scenario", "--increase", "6%", "--raise", "一线职工=7%", "--min-wage", "1400"
    )
    wide = costed(
        run, "--scenario", "--increase", "６％", "--raise", "一线职工＝７％", "--min-wage", "１４００"
    )
    assert wide["positions"][-1] == ascii_typed["positions"][-1]
    assert wide["positions"][-1]["increase_pct"] == "7.00"
    for written in ("1400元", "¥1,400", "￥１４００"):  # as a pay slip writes it
        again = costed(run, "--scenario", "--increase", "6%", "--raise", "一线职工=7%", "--min-wage", written)
        assert again["positions"][-1] == ascii_typed["positions"][-1]
    assert refused(run, f"negotiation cost {REF} --scenario --increase 1e1").startswith(
        "Error: cost.increase: '1e1' is not a percentage"
    )
    assert refused(run, f"negotiation cost {REF} --scenario --one-off 1e3").startswith(
        "Error: cost.one-off: '1e3' is not an amount of money"
    )
    yuan = costed(run, "--scenario", "--raise", "一线职工=２００元", "--then", "５％，一线职工＝３００￥")
    assert yuan["positions"][-1]["monthly"] == "27400.00"  # 200.00 x 137


def test_verify_names_a_reference_figure_changed_since_the_packet_weighed_it(run: Cli) -> None:
    """The demo's packet weighs 广州 2011's minimum wage (1,300.00) and CPI (5.5%), and no
    guideline. A CPI recorded again as 5.4% and a guideline recorded since are both named."""
    run.ok("demo")
    packet = Path(run.store).parent / "packet"
    run.ok(f"packet DEMO-2011-WAGE --out {packet}")
    manifest = json.loads((packet / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reference_figures"]["cpi"]["change_pct"] == "5.5"
    assert run("packet", "verify", str(packet)).exit_code == 0
    minimum = manifest["reference_figures"]["minimum_wage"]
    run.ok(  # the same figure recorded again, a day later: nothing the packet weighed changes
        f"reference minimum-wage --region 广州 --year 2011 --monthly 1300 --effective 2011-03-01"
        f" --on {TODAY + timedelta(days=1)} --source '{minimum['source']}'"
    )
    assert run("packet", "verify", str(packet)).exit_code == 0
    run.ok("reference cpi --region 广州 --year 2011 --change 5.4 --source 更正")
    run.ok("reference guideline --region 广州 --year 2011 --base 13 --upper 19 --lower 4 --source 试")
    failed = run("packet", "verify", str(packet))
    assert failed.exit_code == 1
    assert failed.stdout.splitlines() == [
        "广州 2011 wage guideline: none was recorded when the packet was made; now lines 13/19/4%",
        "广州 2011 CPI: the packet weighed 5.5% (on the year before); the record now says 5.4% (on the year before)",
    ]


def test_the_headline_gap_and_the_rounds_table_agree_and_two_rises_in_one_year_are_refused(run: Cli) -> None:
    """651.40 and 400.60 元 on one worker at 10,000.00: 6.514% and 4.006%, 2.508 points, shown
    2.51 in the headline as in round 1's row. Against lines 5/8/2 a rise is placed as it is
    shown, to 0.01 point: 7.994% (799.40 元) is 7.99%, between the base and upper lines; 7.996%
    (799.60 元) is 8.00%, at the upper line, as is 8% itself."""
    seat_and_talk(run)
    run.ok(f"negotiation base {REF} --region 测试 --year 2030 --group 甲 --headcount 1 --wage 10000")
    run.ok(f"{ROUND_1} {PEOPLE}")
    run.ok(f"negotiation propose {REF} -a '{WAGE}' -s union --text 加薪 --raise 甲=651.40元")
    run.ok(f"negotiation propose {REF} -a '{WAGE}' -s employer --text 加薪 --raise 甲=400.60元")
    result = costed(run)
    assert result["gap"]["points"] == result["rounds"][0]["gap_points"] == "2.51"
    run.ok("reference guideline --region 测试 --year 2030 --base 5 --upper 8 --lower 2 --source 试")

    def placed(amount: str) -> tuple[str, str]:
        scenario = costed(run, "--scenario", "--raise", f"甲={amount}元")["positions"][-1]
        return scenario["increase_pct"], scenario["guideline"]["position"]

    assert placed("799.40") == ("7.99", "between the base and upper lines")
    assert placed("799.60") == placed("800") == ("8.00", "at the upper line")
    assert refused(run, f"negotiation propose {REF} -a '{WAGE}' -s union --text x --then '5%,6%'").startswith(
        "Error: propose.then: '5%,6%': the increase is given twice for one year; each --then is one year"
    )


def test_a_group_dropped_from_the_base_after_a_rise_was_tabled_for_it_is_left_out_and_said(run: Cli) -> None:
    """The union asks 8% for all and 300 元 for 管理人员 (5 at 6,000.00); the group is dropped
    from the base: the 8% on 137 at 3,200.00 is still costed, 35,072.00 a month, and a warning
    names the rise left out."""
    seat_and_talk(run)
    run.ok(BASE)
    run.ok(f"negotiation base {REF} --group 管理人员 --headcount 5 --wage 6000")
    run.ok(f"{ROUND_1} {PEOPLE}")
    run.ok(
        f"negotiation propose {REF} -a '{WAGE}' -s union --text 增长8% --increase 8 --raise 管理人员=300元"
    )
    run.ok(f"negotiation base {REF} --drop 管理人员")
    result = costed(run)
    assert result["positions"][0]["monthly"] == "35072.00"
    assert (
        "管理人员 is not in the wage base now: the rise P1 tables for it is not costed" in result["warnings"]
    )


def test_the_packet_says_a_fall_in_prices_as_a_fall(run: Cli) -> None:
    """广州 2011's CPI recorded as 99.2 (上年=100), a 0.8% fall: the 说明 says 下降0.8%, and the
    real increase of the agreed 6.62% is (106.62 / 99.2 - 1) = 7.48%, 增长; against lines
    13/19/4 (假设, for the test) the 6.62% is between the lower and the base line."""
    run.ok("demo")
    run.ok("reference cpi --region 广州 --year 2011 --index 99.2 --source 假设")
    run.ok("reference guideline --region 广州 --year 2011 --base 13 --upper 19 --lower 4 --source 假设")
    text = packet_text(run, "DEMO-2011-WAGE")
    assert "扣除居民消费价格指数（下降0.8%）后，实际增长7.48%。" in text
    assert "居民消费价格指数：下降0.8%" in text
    assert (
        "平均工资增长6.62%，对照广州 2011工资指导线（基准线13%，上线19%，下线4%）：介于下线与基准线之间。"
        in text
    )
    assert "-0.8" not in text


def test_an_error_names_the_option_that_was_typed(run: Cli) -> None:
    """A later year's rise for a group the base lacks is --then's error; a year typed short is
    a year's error, not a date's."""
    two_rounds(run)
    assert refused(run, f"negotiation cost {REF} --scenario --then 不存在=5%").startswith(
        "Error: cost.then: 不存在 is not a group of the wage base"
    )
    assert refused(run, "reference cpi --region 甲 --year 30 --change 1 --source x").startswith(
        "Error: reference.year: 30 is not a plausible year (1900-2200)"
    )


def test_the_packet_lists_every_year_of_the_agreed_terms_and_costs_an_18_month_term(run: Cli) -> None:
    """Agreed: 6%, then 5% and a 1,400.00 floor with a 500 元 one-off in year 2, on 137 at
    3,200.00; the term 2011-07-01 to 2012-12-31 is 18 months. The packet's terms table shows
    year 2 on a row of its own, and the costing says an 18-month term: year 1 315,648.00;
    year 2 (3,392.00 x 1.05 = 3,561.60, +361.60 x 137 = 49,539.20 a month) for 6 months
    297,235.20 and the one-off 137 x 500.00 = 68,500.00: 681,383.20 in all."""
    seat_and_talk(run)
    run.ok(BASE)
    run.ok(f"{ROUND_1} {PEOPLE}")
    run.ok(
        f"negotiation propose {REF} -a '{WAGE}' -s union --text 两年 --increase 6"
        " --then '5%,min=1400,one-off=500'"
    )
    run.ok(f"negotiation agree {REF} -a '{WAGE}'")
    run.ok(f"negotiation draft {REF} --on 2011-06-10")
    run.ok(
        f"negotiation vote {REF} --on 2011-06-24 --session 第三届 --roll 60 --present 45 --yes 38"
        " --no 5 --abstain 2"
    )
    run.ok(f"negotiation sign {REF} --on 2011-06-29 --term-start 2011-07-01 --term-end 2012-12-31")
    result = costed(run)
    assert (result["years"], result["months"]) == (2, 18)
    assert result["positions"][0]["term"] == {"years": 2, "months": 18, "total": "681383.20"}
    assert "(18-month term)" in run.ok(f"negotiation cost {REF}").stdout
    text = packet_text(run, REF, "--lang", "zh")
    assert "第一条 工资调整，第2年" in text
    assert "5%；一次性500.00元" in text
    assert "合同期内增加人工成本合计（18个月）" in text
    assert "681,383.20元" in text
