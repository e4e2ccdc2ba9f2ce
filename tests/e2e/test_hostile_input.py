"""Bad input typed as a hostile user would: a clear one-line error, or text stored safely.

Never a traceback (the runner lets exceptions through), never a partial write.
"""

from __future__ import annotations

import json

from tests.conftest import Cli
from tests.e2e.hostile import (
    OPEN,
    REF,
    gbk_typed,
    refused,
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
