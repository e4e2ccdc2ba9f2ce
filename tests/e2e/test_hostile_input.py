"""Bad input typed as a hostile user would: a clear one-line error, or text stored safely.

SQL metacharacters, control and invisible characters, text from a GBK terminal, huge or
impossible numbers and dates, over every write command's options. Never a traceback (the
runner lets exceptions through), never a partial write.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings

from bargaining import default_actor
from tests.conftest import Cli
from tests.e2e.hostile import (
    EMPLOYER_CHIEF,
    NEGOTIATING,
    OPEN,
    REF,
    ROUND,
    UNION_CHIEF,
    gbk_typed,
    negotiating,
    refused,
)
from tests.strategies import (
    canonical_date,
    canonical_name,
    canonical_names,
    canonical_text,
    dates,
    numbers,
    text_input,
)


def test_a_name_typed_in_a_gbk_terminal_is_refused_with_a_hint(run: Cli) -> None:
    employer = gbk_typed("广州某某有限公司")
    line = refused(run, 0, "negotiation", "open", REF, "-k", "wage", "-e", employer, "-u", "工会")
    assert line == (
        "Error: open.employer: contains bytes that are not UTF-8 text (typed or pasted in another"
        " encoding, such as GBK?); switch the terminal to UTF-8 and type it again\n"
    )


def test_free_text_typed_in_a_gbk_terminal_is_refused_with_a_hint(run: Cli) -> None:
    run.ok(OPEN)
    before = run.events()
    line = refused(
        run, before, "negotiation", "request", REF, "--on", "2011-04-08", "--topics", gbk_typed("工资")
    )
    assert line.startswith("Error: request.topics: contains bytes that are not UTF-8 text")


def test_a_reference_is_looked_up_as_it_was_opened(run: Cli) -> None:
    run.ok(OPEN)
    for typed in (f" {REF} ", "ＣＢ－２０１１－００１", REF.replace("-", "－")):
        assert run.ok("negotiation", "show", typed).stdout.startswith(f"{REF}  wage")


def test_a_reference_with_spaces_or_slashes_is_refused_when_opened_and_when_looked_up(run: Cli) -> None:
    for typed in ("CB 2011 001", "CB/2011/001", "../../etc/passwd", "CB-2011-001　CB-2"):
        line = refused(run, 0, "negotiation", "open", typed, "-k", "wage", "-e", "甲", "-u", "乙")
        assert line.startswith("Error: reference: '")
        assert "must not contain spaces or '/'" in line
        assert refused(run, 0, "negotiation", "show", typed) == line


def test_an_unusable_reference_is_refused_in_one_short_line_by_every_lookup(run: Cli) -> None:
    for typed in (gbk_typed("合同"), "x" * 10_001, "a\n" * 201, "CB\x1b[2J"):
        for command in ("negotiation show", "negotiation history", "contract show", "case show", "timeline"):
            line = refused(run, 0, *command.split(), typed)
            assert line.startswith("Error: reference: "), line
            assert len(line) < 200, line


def test_a_case_names_the_option_that_holds_an_unusable_body_reference(run: Cli) -> None:
    line = refused(
        run, 0, "case", "open", "CASE-1", "-c", "visit", "-a", "刘某", "-r", "项目部", "-k", "other",
        "--request", "工资", "-b", "街道 调解中心",
    )  # fmt: skip
    assert line.startswith("Error: open.body: '街道 调解中心' must not contain spaces")


def test_invisible_and_control_characters_in_a_name_are_refused_by_name_and_place(run: Cli) -> None:
    for name, named in [
        ("广州\x00公司", "U+0000 NULL at position 3"),
        ("陈志明\u200b", "U+200B ZERO WIDTH SPACE at position 4"),
        ("\u202e司公某", "U+202E RIGHT-TO-LEFT OVERRIDE at position 1"),
        ("\x1b[31m红色", "U+001B ESCAPE at position 1"),
    ]:
        line = refused(run, 0, "negotiation", "open", REF, "-k", "wage", "-e", name, "-u", "工会")
        assert (
            line
            == f"Error: open.employer: contains invisible or control characters ({named}); retype it and retry\n"
        )


def test_a_name_pasted_with_a_tab_or_line_break_is_stored_with_plain_spaces(run: Cli) -> None:
    run.ok("negotiation", "open", REF, "-k", "wage", "-e", "广州\t某某\r\n有限公司\u2028", "-u", "工会\n")
    view = json.loads(run.ok(f"negotiation show {REF} --json").stdout)
    assert (view["employer"], view["union"]) == ("广州 某某 有限公司", "工会")


def test_free_text_keeps_every_printable_character_and_one_kind_of_line_break(run: Cli) -> None:
    run.ok(OPEN)
    typed = "一、工资\r\n二、工时\r三、休假\u2028四、\u202eRTL 与 \u200d 与 😀\x0b五、'; DROP TABLE stored_events; --\t%?:name"
    run.ok("negotiation", "request", REF, "--on", "2011-04-08", "--topics", typed)
    history = json.loads(run.ok(f"negotiation history {REF} --json").stdout)
    assert history[-1]["detail"]["topics"] == (
        "一、工资\n二、工时\n三、休假\n四、\u202eRTL 与 \u200d 与 😀\n五、'; DROP TABLE stored_events; --\t%?:name"
    )


def test_minutes_are_stored_byte_for_byte_as_typed(run: Cli) -> None:
    negotiating(run)
    # A CJK compatibility ideograph (NFC would swap it for 豈 U+8C48), a decomposed é, a
    # right-to-left mark, a zero-width joiner in an emoji: all kept as typed.
    typed = "出席：\uf900先生、Jose\u0301\n议题：\u200f工资\u200f、👩\u200d🏭 女工保护\t（第二项）"
    run.ok(*ROUND.split(), "--minutes", typed)
    stored = json.loads(run.ok(f"negotiation show {REF} --json").stdout)["rounds"][0]["minutes"]
    assert stored.encode() == typed.encode()


def test_control_characters_in_free_text_are_refused_by_name_and_place(run: Cli) -> None:
    run.ok(OPEN)
    before = run.events()
    line = refused(
        run,
        before,
        "negotiation",
        "request",
        REF,
        "--on",
        "2011-04-08",
        "--topics",
        "工资\x00\x00\x1b\x07\x08",
    )
    assert line == (
        "Error: request.topics: contains control characters (U+0000 NULL at position 3,"
        " U+0000 NULL at position 4, U+001B ESCAPE at position 5 and more); remove them and retry\n"
    )
    trailing = refused(
        run, before, "negotiation", "request", REF, "--on", "2011-04-08", "--topics", "工资\x1c"
    )
    assert "U+001C CONTROL at position 3" in trailing


def test_an_error_quotes_at_most_forty_characters_of_what_was_typed(run: Cli) -> None:
    huge = "9" * 5000
    case = [
        "case",
        "open",
        "CASE-1",
        "-c",
        "visit",
        "-a",
        "刘某",
        "-r",
        "项目部",
        "-k",
        "other",
        "--request",
        "工资",
    ]
    for args, start in [
        (
            [*case, "--amount", huge],
            "Error: open.amount: '9999999999999999999999999999999999999999'… (5,000 characters)",
        ),
        (
            [*case, "--amount", "x" * 100],
            "Error: open.amount: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'… (100 characters)",
        ),
        ([*case, "--time", "9" * 100], "Error: open.time: '999"),
        ([*case, "--currency", "元" * 1000], "Error: open.currency: "),
        (
            ["negotiation", "open", REF, "-k", "wage", "-e", "甲", "-u", "乙", "--on", huge],
            "Error: open.on: '999",
        ),
        (
            ["negotiation", "open", REF, "-k", "wage" * 1000, "-e", "甲", "-u", "乙"],
            "Error: open.kind: 'wage",
        ),
        (
            ["negotiation", "open", REF, "-k", "wage", "-e", "甲", "-u", "乙", "--profile", huge],
            "Error: profile: '999",
        ),
        (["board", "--stage", huge], "Error: board.stage: '999"),
    ]:
        result = run(*args)
        assert result.exit_code == 1, result.stderr[:300]
        assert result.stderr.startswith(start), result.stderr[:300]
        assert result.stderr.count("\n") == 1
        assert len(result.stderr) < 300, result.stderr[:300]
    assert run.events() == 0


def test_an_error_quoting_what_was_typed_shows_its_escapes_on_one_line(run: Cli) -> None:
    line = refused(run, 0, "negotiation", "open", REF, "-k", "wage\n\x1b[2J", "-e", "甲", "-u", "乙")
    assert (
        line
        == "Error: open.kind: 'wage\\n\\x1b[2J' is not one of: wage, comprehensive, special, regional, industry\n"
    )


def test_a_count_is_decimal_digits_of_a_sensible_size(run: Cli) -> None:
    case = [
        "case",
        "open",
        "CASE-1",
        "-c",
        "visit",
        "-a",
        "刘某",
        "-r",
        "项目部",
        "-k",
        "other",
        "--request",
        "工资",
    ]
    for typed, error in [
        (
            "9" * 5000,
            "Error: open.workers: 99999999999999999999… (5,000 digits) must be between 1 and 1000000\n",
        ),
        (
            "-" + "9" * 30,
            "Error: open.workers: -9999999999999999999… (30 digits) must be between 1 and 1000000\n",
        ),
        ("²", "Error: open.workers: '²' is not a whole number\n"),
        ("--5", "Error: open.workers: '--5' is not a whole number\n"),
        ("1e3", "Error: open.workers: '1e3' is not a whole number\n"),
        ("NaN", "Error: open.workers: 'NaN' is not a whole number\n"),
    ]:
        assert refused(run, 0, *case, "--workers", typed) == error
    run.ok(*case, "--workers", "１２")  # full-width digits, as a Chinese keyboard types them
    assert json.loads(run.ok("case show CASE-1 --json").stdout)["workers_involved"] == 12


def test_a_date_is_a_day_of_the_calendar_in_living_memory(run: Cli) -> None:
    open_on = ["negotiation", "open", REF, "-k", "wage", "-e", "甲", "-u", "乙", "--on"]
    for typed, error in [
        ("2011-02-29", "2011-02-29 is not a date: 2011-02 has 28 days"),
        ("2011-04-31", "2011-04-31 is not a date: 2011-04 has 30 days"),
        ("2011-13-01", "2011-13-01 is not a date: there is no month 13"),
        ("0001-01-01", "0001-01-01 is not a plausible date (years 1900-2200)"),
        ("9999-12-31", "9999-12-31 is not a plausible date (years 1900-2200)"),
        (
            "9" * 5000,
            "'9999999999999999999999999999999999999999'… (5,000 characters) is not a date; use YYYY-MM-DD",
        ),
        ("2011-W01-1", "'2011-W01-1' is not a date; use YYYY-MM-DD"),
        ("2011-1-1", "'2011-1-1' is not a date; use YYYY-MM-DD"),
        ("2011-01-01\x00", "'2011-01-01\\x00' is not a date; use YYYY-MM-DD"),
    ]:
        assert refused(run, 0, *open_on, typed).startswith(f"Error: open.on: {error}")
    for n, typed in enumerate(["2012-02-29", "20120301", "２０１２－０３－０２"], 1):
        run.ok(*open_on[:2], f"CB-{n}", *open_on[3:], typed)
    assert [json.loads(run.ok(f"negotiation show CB-{n} --json").stdout)["opened_on"] for n in (1, 2, 3)] == [
        "2012-02-29",
        "2012-03-01",
        "2012-03-02",
    ]


def test_whoever_records_is_a_name_like_any_other(run: Cli) -> None:
    for actor, error in [
        ("王芳\x1b[2J", "Error: as: contains invisible or control characters (U+001B ESCAPE at position 3)"),
        (gbk_typed("王芳"), "Error: as: contains bytes that are not UTF-8 text"),
        ("王" * 101, "Error: as: is 101 characters long; the limit is 100"),
    ]:
        result = run(OPEN, actor=actor)
        assert (result.exit_code, result.stderr.count("\n")) == (1, 1), result.stderr
        assert result.stderr.startswith(error), result.stderr
        assert run.events() == 0
    run.ok(OPEN, actor="　王芳\t")
    assert json.loads(run.ok(f"negotiation history {REF} --json").stdout)[0]["by"] == "王芳"


def test_the_board_filter_is_a_plain_name_not_a_pattern(run: Cli) -> None:
    for ref, employer in [("CB-1", "甲公司"), ("CB-2", "百分百100%_公司"), ("CB-3", "ＡＢ贸易公司")]:
        run.ok("negotiation", "open", ref, "-k", "wage", "-e", employer, "-u", "工会", "--on", "2011-04-01")

    def board(employer: str) -> list[str]:
        return [
            row["reference"] for row in json.loads(run.ok("board", "--employer", employer, "--json").stdout)
        ]

    assert board("%") == board("_") == board("100%_") == ["CB-2"]
    assert board("\\") == []
    assert board("ＡＢ") == board("AB") == ["CB-3"]  # stored and searched in the same spelling
    for employer, error in [
        (
            "\x00",
            "Error: board.employer: contains invisible or control characters (U+0000 NULL at position 1)",
        ),
        (gbk_typed("公司"), "Error: board.employer: contains bytes that are not UTF-8 text"),
        ("公" * 60_000, "Error: board.employer: is 60,000 characters long; the limit is 200"),
    ]:
        assert refused(run, run.events(), "board", "--employer", employer).startswith(error)


def test_a_usage_mistake_is_one_short_line_whatever_was_typed(run: Cli) -> None:
    for args, error in [
        (
            ["rebuild", "a\nb"],
            "Error: rebuild: Got unexpected extra argument (a\\nb); see 'bargaining rebuild --help'\n",
        ),
        (["rebuild", "甲\u202e乙"], "Error: rebuild: Got unexpected extra argument (甲\\u202e乙); see"),
        (
            ["--retry", "9" * 5000, "board"],
            "Error: bargaining.retry: Invalid value for '--retry' (env var: 'BARGAINING_RETRY'):",
        ),
        (
            ["board", "--" + "y" * 100],
            "Error: board: No such option '--" + "y" * 37 + "…'; see",
        ),
    ]:
        result = run(*args)
        assert result.exit_code == 2, result.stderr
        assert result.stderr.startswith(error), result.stderr
        assert result.stderr.count("\n") == 1
        assert len(result.stderr) < 200, result.stderr


# ------------------------------------------------------------------------------------ properties
# Every write command's options, driven with hypothesis: either exit 0 and the value reads back
# exactly as the documented normalisation makes it, or exit 1/2 with one line naming the field,
# and the store holds not one event more.

BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x1b\x00"

# One store per property, shared by its examples: each opens what it needs under a fresh
# reference and checks only its own records, so the fixture is not reset between them.
# HOSTILE_EXAMPLES=500 hunts longer than the 30 examples a test run affords.
PROPERTY = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def refused_cleanly(run: Cli, result: Result, before: int, fields: Sequence[str]) -> None:
    """Exit 1 or 2, one short line ``Error: <field>: …`` naming one of ``fields``, nothing written."""
    assert result.exit_code in (1, 2), (result.exit_code, result.stdout, result.stderr)
    line = result.stderr
    assert line.startswith("Error: "), line
    assert line.endswith("\n"), line
    assert line.count("\n") == 1, line
    assert not any(ch in line for ch in BREAKS), line
    assert len(line) < 400, line
    field = line.removeprefix("Error: ").split(": ", 1)[0]
    assert field in fields or field.split(".")[0] in fields, (field, fields, line)
    assert result.stdout == ""
    assert run.events() == before


def accepted(result: Result) -> bool:
    """True for exit 0, whose output then holds no terminal escape or NUL."""
    if result.exit_code != 0:
        return False
    assert result.stderr == "" or result.stderr.startswith("Warning: "), result.stderr
    assert not any(ch in result.stdout for ch in "\x1b\x00"), result.stdout
    return True


class World:
    """A store of its own for one property: negotiations and cases opened as examples need them."""

    def __init__(self, root: Path) -> None:
        self.run = Cli(root / "store")
        self.count = 0
        self.last_chair = EMPLOYER_CHIEF

    def fresh(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}-{self.count}"

    def show(self, *args: str) -> Any:
        return json.loads(self.run.ok(*args, "--json").stdout)

    def negotiating(self) -> str:
        ref = self.fresh("CB")
        for command in NEGOTIATING:
            self.run.ok(command.replace(REF, ref))
        return ref

    def round(self, ref: str, *options: str) -> Result:
        """A round chaired by the other chief than the last one (they chair in turn)."""
        chair = UNION_CHIEF if self.last_chair == EMPLOYER_CHIEF else EMPLOYER_CHIEF
        result = self.run(*ROUND.replace(REF, ref).replace(UNION_CHIEF, chair).split(), *options)
        if result.exit_code == 0:
            self.last_chair = chair
        return result

    def drafted(self) -> str:
        ref = self.negotiating()
        self.last_chair = EMPLOYER_CHIEF
        self.round(ref)
        self.run.ok(f"negotiation propose {ref} -a 第一条 -s union --text 甲")
        self.run.ok(f"negotiation agree {ref} -a 第一条")
        self.run.ok(f"negotiation draft {ref} --on 2011-06-10")
        return ref

    def accepted_case(self) -> str:
        ref, today = self.fresh("CASE"), date.today().isoformat()  # noqa: DTZ011 - the CLI's local today
        self.run.ok(f"case open {ref} -c visit -a 刘某 -r 某项目部 -k other --request 工资")
        self.run.ok(f"case accept {ref} --on {today} --both-agree")
        return ref


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


@PROPERTY
@given(ref=text_input, employer=text_input, union=text_input)
def test_opening_a_negotiation_stores_the_names_typed_or_refuses_them(
    world: World, ref: str, employer: str, union: str
) -> None:
    run, before = world.run, world.run.events()
    result = run("negotiation", "open", ref, "-k", "wage", "-e", employer, "-u", union, "--on", "2011-04-01")
    if accepted(result):
        view = world.show("negotiation", "show", ref)
        assert view["reference"] == canonical_name(ref)
        assert (view["employer"], view["union"]) == (canonical_name(employer), canonical_name(union))
    else:
        refused_cleanly(run, result, before, ["open", "reference", "open.employer", "open.union"])


@PROPERTY
@given(ref=text_input)
def test_any_reference_is_found_or_reported_in_one_line(world: World, ref: str) -> None:
    for command in ("negotiation show", "negotiation history", "contract show", "case show", "timeline"):
        result = world.run(*command.split(), ref)
        assert not accepted(result)
        # A reference starting with '-' reads as an option: click's usage error names the command.
        refused_cleanly(world.run, result, 0, ["reference", canonical_name(ref), command.split()[-1]])


@PROPERTY
@given(minutes=text_input)
def test_minutes_read_back_exactly_or_are_refused(world: World, minutes: str) -> None:
    ref = world.negotiating() if world.count == 0 else "CB-1"
    before = world.run.events()
    result = world.round(ref, "--minutes", minutes)
    if accepted(result):
        assert world.show("negotiation", "show", ref)["rounds"][-1]["minutes"] == canonical_text(minutes)
    else:
        refused_cleanly(world.run, result, before, ["round.minutes"])


@PROPERTY
@given(chief=text_input, members=text_input, present=text_input)
def test_representatives_are_stored_by_their_names_or_refused(
    world: World, chief: str, members: str, present: str
) -> None:
    run, ref = world.run, world.negotiating()
    before = run.events()
    result = run(
        "negotiation",
        "appoint",
        ref,
        "-s",
        "union",
        "--chief",
        chief,
        "--member",
        members,
        "--on",
        "2011-04-21",
    )
    if accepted(result):
        names = [r["name"] for r in world.show("negotiation", "show", ref)["representatives"]]
        assert {*([canonical_name(chief)] if chief else []), *canonical_names(members)} <= set(names)
    else:
        refused_cleanly(run, result, before, ["appoint", "appoint.chief", "appoint.member"])
    before = run.events()
    result = world.round(ref, "--present", present)
    if accepted(result):
        assert world.show("negotiation", "show", ref)["rounds"][-1]["present"] == canonical_names(present)
    else:
        refused_cleanly(run, result, before, ["round", "round.present", "round.chair", "representatives"])


@PROPERTY
@given(article=text_input, text=text_input, increase=numbers)
def test_a_proposal_keeps_its_article_text_and_increase_or_is_refused(
    world: World, article: str, text: str, increase: str
) -> None:
    run = world.run
    if world.count == 0:
        world.round(world.negotiating())
    before = run.events()
    result = run(
        "negotiation", "propose", "CB-1", "-a", article, "-s", "union", "--text", text, "--increase", increase
    )
    if accepted(result):
        latest = world.show("negotiation", "article", "CB-1", article)["history"][-1]
        assert latest["text"] == canonical_text(text)
        assert Decimal(latest["wage"]["increase_pct"]) == Decimal(increase.strip().rstrip("%"))
    else:
        refused_cleanly(
            run, result, before, ["propose", "propose.article", "propose.text", "propose.increase"]
        )


@PROPERTY
@given(on=dates, until=dates, reason=text_input)
def test_a_suspension_keeps_its_dates_and_reason_or_is_refused(
    world: World, on: str, until: str, reason: str
) -> None:
    run, ref = world.run, world.negotiating()
    before = run.events()
    result = run("negotiation", "suspend", ref, "--on", on, "--until", until, "--reason", reason)
    if accepted(result):
        suspension = world.show("negotiation", "show", ref)["suspensions"][-1]
        assert suspension["reason"] == canonical_text(reason)
        assert (suspension["on"], suspension["until"]) == (canonical_date(on), canonical_date(until))
    else:
        refused_cleanly(run, result, before, ["suspend", "suspend.on", "suspend.until", "suspend.reason"])


@PROPERTY
@given(roll=numbers, present=numbers, yes=numbers, no=numbers)
def test_a_vote_tally_is_whole_numbers_or_refused(
    world: World, roll: str, present: str, yes: str, no: str
) -> None:
    run, ref = world.run, world.drafted()
    before = run.events()
    result = run(
        "negotiation",
        "vote",
        ref,
        "--on",
        "2011-06-24",
        "--roll",
        roll,
        "--present",
        present,
        "--yes",
        yes,
        "--no",
        no,
    )
    if accepted(result):
        tally = world.show("negotiation", "show", ref)["vote"]["tally"]
        assert [tally[k] for k in ("roll", "present", "yes", "no")] == [
            int(v) for v in (roll, present, yes, no)
        ]
    else:
        refused_cleanly(run, result, before, ["vote", "vote.roll", "vote.present", "vote.yes", "vote.no"])


@PROPERTY
@given(
    ref=text_input,
    applicants=text_input,
    respondent=text_input,
    request=text_input,
    amount=numbers,
    received=dates,
    workers=numbers,
)
def test_a_case_keeps_what_was_typed_or_is_refused(
    world: World,
    ref: str,
    applicants: str,
    respondent: str,
    request: str,
    amount: str,
    received: str,
    workers: str,
) -> None:
    run, before = world.run, world.run.events()
    result = run(
        "case", "open", ref, "-c", "visit", "--received", received, "-a", applicants, "-r", respondent,
        "-k", "other", "--request", request, "--amount", amount, "--workers", workers,
    )  # fmt: skip
    if accepted(result):
        view = world.show("case", "show", ref)
        assert (view["reference"], view["received_on"]) == (canonical_name(ref), canonical_date(received))
        assert (view["applicants"], view["respondent"]) == (
            canonical_names(applicants),
            canonical_name(respondent),
        )
        assert (view["request"], view["workers_involved"]) == (canonical_text(request), int(workers))
        claimed = None if amount == "" else Decimal(amount.strip().replace(",", ""))
        assert (view["amount_claimed"] and Decimal(view["amount_claimed"])) == claimed
    else:
        fields = ["open", "reference", "open.received", "open.applicant", "open.respondent", "open.request",
                  "open.amount", "open.workers"]  # fmt: skip
        refused_cleanly(run, result, before, fields)


@PROPERTY
@given(notes=text_input, attended=text_input, reason=text_input)
def test_a_mediation_session_and_its_failure_keep_their_text_or_are_refused(
    world: World, notes: str, attended: str, reason: str
) -> None:
    run, ref, today = world.run, world.accepted_case(), date.today().isoformat()  # noqa: DTZ011
    before = run.events()
    result = run("case", "session", ref, "--on", today, "--attended", attended, "--notes", notes)
    if accepted(result):
        session = world.show("timeline", ref)[-1]["data"]
        assert (session["notes"], session["attendees"]) == (canonical_text(notes), canonical_names(attended))
    else:
        refused_cleanly(run, result, before, ["session.notes", "session.attended"])
    before = run.events()
    result = run("case", "fail", ref, "--on", today, "--reason", reason)
    if accepted(result):
        assert world.show("timeline", ref)[-1]["data"]["reason"] == canonical_text(reason)
    else:
        refused_cleanly(run, result, before, ["fail.reason"])


@PROPERTY
@given(actor=text_input)
def test_whoever_records_is_stored_by_name_or_refused(world: World, actor: str) -> None:
    run, ref = world.run, world.fresh("CB")
    before = run.events()
    result = run(OPEN.replace(REF, ref), actor=actor)
    if accepted(result):
        assert world.show("negotiation", "history", ref)[0]["by"] == (
            canonical_name(actor) or default_actor()
        )
    else:
        refused_cleanly(run, result, before, ["as"])
