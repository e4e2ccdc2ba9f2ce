"""Bad input typed as a hostile user would: a clear one-line error, or text stored safely.

SQL metacharacters, control and invisible characters, text from a GBK terminal, huge or
impossible numbers and dates, over every write command's options. Never a traceback (the
runner lets exceptions through), never a partial write.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining import default_actor
from tests.conftest import Cli
from tests.e2e.hostile import (
    CASE_OPEN,
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
    near_count,
    near_date,
    numbers,
    some_of,
    text_input,
)


def test_a_name_typed_in_a_gbk_terminal_is_refused_with_a_hint(run: Cli) -> None:
    employer = gbk_typed("广州某某有限公司")
    line = refused(run, 0, "negotiation", "open", REF, "-k", "wage", "-e", employer, "-u", "工会")
    assert line == (
        "Error: open.employer: contains bytes that are not UTF-8 text (typed or pasted in another"
        " encoding, such as GBK?); switch the terminal to UTF-8 and type it again\n"
    )


def test_the_installed_script_given_gbk_bytes_refuses_them_in_one_line(tmp_path: Path) -> None:
    """The bytes as a GBK terminal sends them, through the real argv decoding, not CliRunner's."""
    script = Path(sys.executable).parent / "bargaining"
    argv = [str(script), "--store", str(tmp_path), "negotiation", "open", "CB-1", "-k", "wage"]
    result = subprocess.run(
        [*argv, "-e", "广州某某有限公司".encode("gbk"), "-u", "工会"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr.decode() == (
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
        assert line.startswith("Error: open.reference: '")
        assert "must not contain spaces or '/'" in line
        assert refused(run, 0, "negotiation", "show", typed) == line.replace("open.", "show.")


def test_an_unusable_reference_is_refused_in_one_short_line_by_every_lookup(run: Cli) -> None:
    for typed in (gbk_typed("合同"), "x" * 10_001, "a\n" * 201, "CB\x1b[2J"):
        for command in ("negotiation show", "negotiation history", "contract show", "case show", "timeline"):
            line = refused(run, 0, *command.split(), typed)
            assert line.startswith(f"Error: {command.split()[-1]}.reference: "), line
            assert len(line) < 200, line


def test_a_case_names_the_option_that_holds_an_unusable_body_reference(run: Cli) -> None:
    line = refused(run, 0, *CASE_OPEN.split(), "-b", "街道 调解中心")
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
    case = CASE_OPEN.split()
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
        # The words allowed are named in English and Chinese: board --stage's fifteen take ~330.
        assert len(result.stderr) < 400, result.stderr[:400]
    assert run.events() == 0


def test_an_error_quoting_what_was_typed_shows_its_escapes_on_one_line(run: Cli) -> None:
    line = refused(run, 0, "negotiation", "open", REF, "-k", "wage\n\x1b[2J", "-e", "甲", "-u", "乙")
    assert (
        line
        == "Error: open.kind: 'wage\\n\\x1b[2J' is not one of: wage (工资专项集体合同), comprehensive (集体合同),"
        " special (专项集体合同), regional (区域性集体合同), industry (行业性集体合同)\n"
    )


def test_a_count_is_decimal_digits_of_a_sensible_size(run: Cli) -> None:
    case = CASE_OPEN.split()
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
            "Error: retry: Invalid value for '--retry' (env var: 'BARGAINING_RETRY'):",
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


def refused_cleanly(result: Result, fields: Sequence[str]) -> None:
    """Exit 1 or 2 and one short line ``Error: <field>: …`` naming one of ``fields``."""
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


class World:
    """A store of its own for one property: negotiations and cases opened as examples need them."""

    def __init__(self, root: Path) -> None:
        self.run = Cli(root / "store")
        self.count = 0
        self.last_chair = EMPLOYER_CHIEF

    def tries(self, fields: Sequence[str], *args: str, actor: str = "王芳") -> bool:
        """True when the command was accepted (its output clean); False when it was refused in
        one line naming one of ``fields`` and wrote nothing."""
        before = self.run.events()
        result = self.run(*args, actor=actor)
        if result.exit_code == 0:
            assert result.stderr == "" or result.stderr.startswith("Warning: "), result.stderr
            assert not any(ch in result.stdout for ch in "\x1b\x00"), result.stdout
            if args[:2] == ("negotiation", "round"):
                self.last_chair = args[args.index("--chair") + 1]
            return True
        refused_cleanly(result, fields)
        assert self.run.events() == before
        return False

    def fresh(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}-{self.count}"

    def show(self, *args: str) -> Any:
        at = args.index("--") if "--" in args else len(args)  # options before a "--"
        return json.loads(self.run.ok(*args[:at], "--json", *args[at:]).stdout)

    def negotiating(self) -> str:
        ref = self.fresh("CB")
        for command in NEGOTIATING:
            self.run.ok(command.replace(REF, ref))
        return ref

    def round(self, ref: str, *options: str) -> tuple[str, ...]:
        """A round's command line, chaired by the other chief than the last (they chair in turn)."""
        chair = UNION_CHIEF if self.last_chair == EMPLOYER_CHIEF else EMPLOYER_CHIEF
        return (*ROUND.replace(REF, ref).replace(UNION_CHIEF, chair).split(), *options)

    def drafted(self) -> str:
        ref = self.negotiating()
        self.run.ok(*self.round(ref))
        self.last_chair = UNION_CHIEF
        for step in (
            "propose {} -a 第一条 -s union --text 甲",
            "agree {} -a 第一条",
            "draft {} --on 2011-06-10",
        ):
            self.run.ok("negotiation " + step.format(ref))
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
@given(data=st.data())
def test_opening_a_negotiation_stores_the_names_typed_or_refuses_them(
    world: World, data: st.DataObject
) -> None:
    typed = some_of(
        data,
        {"ref": world.fresh("CB"), "employer": "广州某某有限公司", "union": "广州某某有限公司工会"},
        {"ref": text_input, "employer": text_input, "union": text_input},
    )
    ref, employer, union = typed.values()
    fields = ["open", "reference", "open.employer", "open.union"]
    if world.tries(
        fields, "negotiation", "open", ref, "-k", "wage", "-e", employer, "-u", union, "--on", "2011-04-01"
    ):
        view = world.show("negotiation", "show", ref)
        assert view["reference"] == canonical_name(ref)
        assert (view["employer"], view["union"]) == (canonical_name(employer), canonical_name(union))


@PROPERTY
@given(ref=text_input)
def test_any_reference_is_found_or_reported_in_one_line(world: World, ref: str) -> None:
    for command in ("negotiation show", "negotiation history", "contract show", "case show", "timeline"):
        # A reference starting with '-' reads as an option: click's usage error names the command.
        fields = ["reference", canonical_name(ref), command.split()[-1]]
        assert not world.tries(fields, *command.split(), ref)


@PROPERTY
@given(minutes=text_input)
def test_minutes_read_back_exactly_or_are_refused(world: World, minutes: str) -> None:
    ref = world.negotiating() if world.count == 0 else "CB-1"
    if world.tries(["round.minutes"], *world.round(ref, "--minutes", minutes)):
        assert world.show("negotiation", "show", ref)["rounds"][-1]["minutes"] == canonical_text(minutes)


@PROPERTY
@given(data=st.data())
def test_representatives_are_stored_by_their_names_or_refused(world: World, data: st.DataObject) -> None:
    ref = world.negotiating()
    typed = some_of(
        data,
        {"member": "孙丽,周平", "expert": "吴教授", "present": "陈志明、李红、张伟"},
        {"member": text_input, "expert": text_input, "present": text_input},
    )
    appoint = ("negotiation", "appoint", ref, "-s", "union", "--on", "2011-04-21")
    options = [f"--{key}={typed[key]}" for key in ("member", "expert")]
    if world.tries(["appoint", "appoint.member", "appoint.expert"], *appoint, *options):
        names = {r["name"] for r in world.show("negotiation", "show", ref)["representatives"]}
        assert {*canonical_names(typed["member"]), *canonical_names(typed["expert"])} <= names
    fields = ["round", "round.present", "round.chair", "representatives"]
    if world.tries(fields, *world.round(ref, "--present", typed["present"])):
        present = world.show("negotiation", "show", ref)["rounds"][-1]["present"]
        assert present == canonical_names(typed["present"])


@PROPERTY
@given(data=st.data())
def test_a_proposal_keeps_its_article_text_and_increase_or_is_refused(
    world: World, data: st.DataObject
) -> None:
    if world.count == 0:
        world.run.ok(*world.round(world.negotiating()))
    typed = some_of(
        data,
        {"article": "第三条 工资调整", "text": "职工月平均工资增长8%", "increase": "8"},
        {"article": text_input, "text": text_input, "increase": numbers},
    )
    fields = ["propose", "propose.article", "propose.text", "propose.increase"]
    propose = (
        "negotiation",
        "propose",
        "CB-1",
        "-a",
        typed["article"],
        "-s",
        "union",
        "--text",
        typed["text"],
    )
    if world.tries(fields, *propose, "--increase", typed["increase"]):
        # "--": an article may begin with "-", which would read as an option
        latest = world.show("negotiation", "article", "CB-1", "--", typed["article"])["history"][-1]
        assert latest["text"] == canonical_text(typed["text"])
        assert Decimal(latest["wage"]["increase_pct"]) == Decimal(typed["increase"].strip().rstrip("%"))


@PROPERTY
@given(data=st.data())
def test_a_suspension_keeps_its_dates_and_reason_or_is_refused(world: World, data: st.DataObject) -> None:
    ref = world.negotiating()
    typed = some_of(
        data,
        {"on": "2011-04-21", "until": "2011-05-10", "reason": "等待一季度经营数据"},
        {"on": near_date(date(2011, 4, 21)), "until": near_date(date(2011, 5, 10)), "reason": text_input},
    )
    fields = ["suspend", "suspend.on", "suspend.until", "suspend.reason"]
    if world.tries(fields, "negotiation", "suspend", ref, *(f"--{k}={v}" for k, v in typed.items())):
        suspension = world.show("negotiation", "show", ref)["suspensions"][-1]
        assert suspension["reason"] == canonical_text(typed["reason"])
        assert (suspension["on"], suspension["until"]) == (
            canonical_date(typed["on"]),
            canonical_date(typed["until"]),
        )


@PROPERTY
@given(data=st.data())
def test_a_vote_tally_is_whole_numbers_or_refused(world: World, data: st.DataObject) -> None:
    ref = world.drafted()
    counts = some_of(
        data,
        {"roll": "60", "present": "45", "yes": "38", "no": "5"},
        {"roll": near_count(60), "present": near_count(45), "yes": near_count(38), "no": near_count(5)},
    )
    fields = ["vote", "vote.roll", "vote.present", "vote.yes", "vote.no"]
    if world.tries(
        fields, "negotiation", "vote", ref, "--on", "2011-06-24", *(f"--{k}={v}" for k, v in counts.items())
    ):
        tally = world.show("negotiation", "show", ref)["vote"]["tally"]
        assert {k: tally[k] for k in counts} == {
            k: int(v) for k, v in counts.items()
        }  # int() reads ０-９ too


@PROPERTY
@given(data=st.data())
def test_a_case_keeps_what_was_typed_or_is_refused(world: World, data: st.DataObject) -> None:
    valid = {"ref": world.fresh("CASE"), "applicant": "刘某,张三", "respondent": "绥宁绿洲大桥项目部",
             "request": "工伤赔偿及拖欠工资", "amount": "180000", "received": "2024-03-07", "workers": "2"}  # fmt: skip
    typed = some_of(data, valid, {"ref": text_input, "applicant": text_input, "respondent": text_input,
                                  "request": text_input, "amount": numbers, "received": near_date(date(2024, 3, 7)),
                                  "workers": near_count(2)})  # fmt: skip
    options = (f"--{k}={v}" for k, v in typed.items() if k != "ref")
    fields = ["open", "reference", *(f"open.{k}" for k in valid)]
    if world.tries(fields, "case", "open", typed["ref"], "-c", "visit", "-k", "other", *options):
        view = world.show("case", "show", typed["ref"])
        assert (view["reference"], view["received_on"]) == (
            canonical_name(typed["ref"]),
            canonical_date(typed["received"]),
        )
        assert view["applicants"] == canonical_names(typed["applicant"])
        assert (view["respondent"], view["request"]) == (
            canonical_name(typed["respondent"]),
            canonical_text(typed["request"]),
        )
        assert view["workers_involved"] == int(typed["workers"])
        amount = typed["amount"]
        claimed = None if amount == "" else Decimal(amount.strip().replace(",", ""))
        assert (view["amount_claimed"] and Decimal(view["amount_claimed"])) == claimed


@PROPERTY
@given(data=st.data())
def test_a_mediation_session_and_its_failure_keep_their_text_or_are_refused(
    world: World, data: st.DataObject
) -> None:
    ref, today = world.accepted_case(), date.today().isoformat()  # noqa: DTZ011
    typed = some_of(
        data,
        {"attended": "刘某,项目部,周建华", "notes": "伤者要求18万元", "reason": "被申请人拒绝继续调解"},
        {"attended": text_input, "notes": text_input, "reason": text_input},
    )
    options = [f"--{key}={typed[key]}" for key in ("attended", "notes")]
    if world.tries(["session.notes", "session.attended"], "case", "session", ref, "--on", today, *options):
        held = world.show("timeline", ref)[-1]["data"]
        assert (held["notes"], held["attendees"]) == (
            canonical_text(typed["notes"]),
            canonical_names(typed["attended"]),
        )
    if world.tries(["fail.reason"], "case", "fail", ref, "--on", today, "--reason", typed["reason"]):
        assert world.show("timeline", ref)[-1]["data"]["reason"] == canonical_text(typed["reason"])


@PROPERTY
@given(actor=text_input)
def test_whoever_records_is_stored_by_name_or_refused(world: World, actor: str) -> None:
    ref = world.fresh("CB")
    if world.tries(["as"], *OPEN.replace(REF, ref).split(), actor=actor):
        recorded_by = world.show("negotiation", "history", ref)[0]["by"]
        assert recorded_by == (canonical_name(actor) or default_actor())
