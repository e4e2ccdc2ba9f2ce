"""Mediation from the command line: bodies, cases, the timeline, and rejected commands."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Cli

CASE = "CASE-2024-0007"
OPEN = (
    f"case open {CASE} -c visit --received 2024-03-07 -a 刘某 -r 绥宁绿洲大桥项目部 -k work-injury"
    " --tag remuneration --amount 180,000 --request 工伤赔偿及拖欠工资 -b LQ-TJWYH"
)


def committee(run: Cli) -> None:
    run.ok(
        "body register LQ-TJWYH -t enterprise -n XX路桥公司劳动争议调解委员会 --enterprise XX路桥公司 --on 2024-01-10"
    )
    run.ok(
        "body roster LQ-TJWYH --worker 周建华,李卫东 --employer 王立新,孙红 --chair 周建华 --on 2024-01-10"
    )


def in_mediation(run: Cli) -> None:
    committee(run)
    run.ok(OPEN)
    run.ok(f"case accept {CASE} --on 2024-03-08 --both-agree")
    run.ok(f"case assign {CASE} -b LQ-TJWYH -m 周建华,王立新 --on 2024-03-08")


def show(run: Cli, *options: str) -> dict:  # type: ignore[type-arg]
    return json.loads(run.ok("case", "show", CASE, "--json", *options).stdout)  # type: ignore[no-any-return]


def title(text: str) -> str:
    """A case's title line, without the day it is shown as of."""
    return text.splitlines()[0].rsplit("   ", 1)[0]


def test_a_case_from_application_to_agreement_shows_its_timeline(run: Cli) -> None:
    in_mediation(run)
    run.ok(
        f"case session {CASE} --on 2024-03-10 --attended 刘某,项目部,周建华 --offered 一次性支付10万元 --notes 分歧较大"
    )
    run.ok(f"case session {CASE} --on 2024-03-15 --attended 刘某、项目部 --offered 12.6万元")
    out = run.ok(
        f"case settle {CASE} --on 2024-03-20 --terms 一次性支付126000元 --amount 126000 --due 2024-04-05"
        " --method 银行转账 -m 周建华 --signed --sealed"
    ).stdout
    assert "Status: settled" in out
    view = show(run)
    for key in (
        "reference",
        "category",
        "status",
        "received_on",
        "accepted_on",
        "closed_on",
        "outcome",
        "workers_involved",
        "amount_claimed",
        "amount_agreed",
        "deadlines",
        "timeline",
    ):
        assert key in view
    assert (view["status"], view["outcome"], view["closed_on"]) == ("settled", "settled", "2024-03-20")
    assert (view["amount_claimed"], view["amount_agreed"]) == ("180000.00", "126000.00")
    assert [r["step"] for r in view["timeline"]] == [
        "application received",
        "accepted for mediation",
        "mediators assigned",
        "mediation session",
        "mediation session",
        "mediation agreement signed",
    ]
    assert all(r["who"] == "王芳" for r in view["timeline"])
    text = run.ok(f"case show {CASE}").stdout
    assert title(text) == f"{CASE}  work-injury (工伤) — settled"
    assert title(run.ok(f"--lang zh case show {CASE}").stdout) == f"{CASE}  工伤 — 调解成功"
    assert "Timeline" in text
    assert "一次性支付10万元" in text
    assert "Provisions on Negotiation and Mediation of Enterprise Labour Disputes art. 29" in text


def test_a_case_past_fifteen_days_is_shown_deemed_failed(run: Cli) -> None:
    in_mediation(run)
    view = show(run, "--as-of", "2024-03-30")
    assert (view["status"], view["outcome"], view["deemed"]) == ("deemed failed", "failed", True)
    assert (
        title(run.ok(f"case show {CASE} --as-of 2024-03-30").stdout)
        == f"{CASE}  work-injury (工伤) — deemed failed"
    )
    # 15 days from acceptance on 8 March end on Saturday the 23rd, a rest day: Monday the 25th
    run.ok(f"case session {CASE} --on 2024-03-25 --attended 刘某")
    result = run(f"case session {CASE} --on 2024-03-26 --attended 刘某")
    assert result.exit_code == 1
    assert "deemed failed after 2024-03-25 unless both parties agreed to extend" in result.stderr


def test_an_unequal_committee_roster_is_refused_and_nothing_written(run: Cli) -> None:
    run.ok("body register LQ-TJWYH -t enterprise -n 调解委员会")
    before = run.events()
    result = run("body roster LQ-TJWYH --worker 甲,乙 --employer 丙")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: roster: an enterprise committee needs equal numbers")
    assert run.events() == before


CASE_REJECTED = [
    ("accept without consent", f"case accept {CASE} --on 2024-03-08", "Error: accept.both-agree:"),
    ("bad channel", "case open CASE-2 -c fax -a 甲 -r 乙 -k other --request x", "Error: open.channel: 'fax'"),
    (
        "bad category",
        "case open CASE-2 -c visit -a 甲 -r 乙 -k pay --request x",
        "Error: open.category: 'pay'",
    ),
    (
        "float-like junk amount",
        "case open CASE-2 -c visit -a 甲 -r 乙 -k other --request x --amount 1e3x",
        "Error: open.amount: '1e3x' is not an amount of money",
    ),
    (
        "oral without facts",
        "case open CASE-2 -c oral -a 甲 -r 乙 -k other --request x",
        "Error: open.facts: an oral application",
    ),
    (
        "bad time",
        "case open CASE-2 -c oral -a 甲 -r 乙 -k other --request x --facts y --time 25:00",
        "Error: open.time: '25:00' is not a time of day",
    ),
    ("duplicate reference", OPEN, "Error: open.reference: CASE-2024-0007 already exists"),
    (
        "session before acceptance",
        f"case session {CASE} --on 2024-03-08",
        "Error: session: cannot record a session",
    ),
    (
        "settle unsigned",
        f"case settle {CASE} --on 2024-03-09 --terms x -m 周建华",
        "Error: settle: cannot record",
    ),
    ("unknown body", f"case assign {CASE} -b NOPE -m 甲", "Error: assign.body: no such mediation body: NOPE"),
    (
        "unknown case",
        "case accept CASE-404 --on 2024-03-08 --both-agree",
        "Error: accept.reference: no such case: CASE-404",
    ),
    ("review before agreement", f"case review {CASE} --on 2024-03-09", "Error: review: cannot request"),
    ("refer nowhere", f"case refer {CASE} --on 2024-03-09", "Error: refer: give --to-body"),
    (
        "negative workers",
        "case open CASE-2 -c visit -a 甲 -r 乙 -k other --request x --workers 0",
        "Error: open.workers: 0 must be between 1",
    ),
]


@pytest.mark.parametrize(("what", "command", "error"), CASE_REJECTED, ids=[r[0] for r in CASE_REJECTED])
def test_a_rejected_case_command_exits_1_with_one_line_and_writes_nothing(
    run: Cli, what: str, command: str, error: str
) -> None:
    committee(run)
    run.ok(OPEN)
    before = run.events()
    result = run(command)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(error), result.stderr
    assert result.stderr.count("\n") == 1
    assert run.events() == before


def test_referral_opens_a_linked_case_at_the_street_centre(run: Cli) -> None:
    committee(run)
    run.ok("body register JD-TJFZX -t township -n XX街道劳动争议调解分中心")
    run.ok("body roster JD-TJFZX --mediator 吴芳 --officer 陈明")
    run.ok(OPEN)
    out = run.ok(f"case refer {CASE} --on 2024-03-09 --to-body JD-TJFZX --new-ref JD-2024-031").stdout
    assert "JD-2024-031: opened at JD-TJFZX, linked to CASE-2024-0007." in out
    linked = json.loads(run.ok("case show JD-2024-031 --json").stdout)
    assert (linked["referred_from"], linked["channel"], linked["status"]) == (CASE, "referral", "received")
    assert show(run)["outcome"] == "referred"


def test_body_show_lists_the_roster(run: Cli) -> None:
    committee(run)
    view = json.loads(run.ok("body show LQ-TJWYH --json").stdout)
    assert (view["type"], view["workers"], view["employers"], view["chair"]) == (
        "enterprise",
        ["周建华", "李卫东"],
        ["王立新", "孙红"],
        "周建华",
    )
    assert "XX路桥公司劳动争议调解委员会" in run.ok("body show LQ-TJWYH").stdout
