"""Bad input typed as a hostile user would: a clear one-line error, or text stored safely.

Never a traceback (the runner lets exceptions through), never a partial write.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli

REF = "CB-2011-001"
OPEN = f"negotiation open {REF} -k wage -e 广州XX有限公司 -u 广州XX有限公司工会 --on 2011-04-01"


def gbk_typed(text: str) -> str:
    """What the program receives when ``text`` is typed in a GBK terminal on a UTF-8 system."""
    return os.fsdecode(text.encode("gbk"))


def refused(run: Cli, before: int, *args: str) -> str:
    """The one stderr line of a command that must fail with exit 1 and write nothing."""
    result = run(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert run.events() == before
    return result.stderr


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


NEGOTIATING = [
    OPEN,
    f"negotiation request {REF} --on 2011-04-08",
    f"negotiation reply {REF} --on 2011-04-18",
    f"negotiation appoint {REF} -s union --chief 陈志明 --member 李红,王强 --on 2011-04-20",
    f"negotiation appoint {REF} -s employer --chief 张伟 --member 赵敏,钱进 --on 2011-04-20",
]
ROUND = f"negotiation round {REF} --on 2011-04-26 --place 室 --chair 陈志明 --recorder 刘洋"


def negotiating(run: Cli) -> int:
    for command in NEGOTIATING:
        run.ok(command)
    return run.events()


def minutes_of_round_one(run: Cli) -> str:
    return str(json.loads(run.ok(f"negotiation show {REF} --json").stdout)["rounds"][0]["minutes"])


def test_ten_megabytes_of_minutes_are_refused_with_the_limit_named(run: Cli, tmp_path: Path) -> None:
    before = negotiating(run)
    big = tmp_path / "transcript.txt"
    big.write_bytes("会议记录。\n".encode() * (10 * 2**20 // 16))
    assert refused(run, before, *ROUND.split(), "--minutes-file", str(big)) == (
        f"Error: round.minutes-file: {big} is 10.0 MB, more than the 5 MB of text a record may hold;"
        " keep long documents as files of their own and name them in the record\n"
    )
    piped = run(*ROUND.split(), "--minutes-file", "-", stdin="x" * (5 * 2**20 + 1))
    assert piped.stderr.startswith("Error: round.minutes-file: standard input holds more than the 5 MB")
    if Path("/dev/zero").exists():  # a device that never ends: read no further than the limit
        endless = refused(run, before, *ROUND.split(), "--minutes-file", "/dev/zero")
        assert endless.startswith("Error: round.minutes-file: /dev/zero holds more than the 5 MB")


def test_the_longest_minutes_a_round_holds_are_stored_intact(run: Cli, tmp_path: Path) -> None:
    negotiating(run)
    text = ("第一条 工资调整：职工方提出增长8%，企业方提出增长5%。\n" * 40_000)[:1_000_000].strip()
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    run.ok(*ROUND.split(), "--minutes-file", str(tmp_path / "long.txt"))
    assert minutes_of_round_one(run) == text


def test_a_minutes_file_in_gbk_is_refused_with_the_command_that_converts_it(run: Cli, tmp_path: Path) -> None:
    before = negotiating(run)
    (tmp_path / "第一轮 纪要.txt").write_bytes("第一轮会议纪要".encode("gbk"))
    line = refused(run, before, *ROUND.split(), "--minutes-file", str(tmp_path / "第一轮 纪要.txt"))
    assert line == (
        f"Error: round.minutes-file: {tmp_path}/第一轮 纪要.txt is not UTF-8 text; save it as UTF-8"
        f" (e.g. iconv -f GBK -t UTF-8 '{tmp_path}/第一轮 纪要.txt' > '第一轮 纪要-utf8.txt')\n"
    )


def test_a_word_document_given_as_minutes_is_named_for_what_it_is(run: Cli, tmp_path: Path) -> None:
    before = negotiating(run)
    (tmp_path / "纪要.docx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4")
    line = refused(run, before, *ROUND.split(), "--minutes-file", str(tmp_path / "纪要.docx"))
    assert line.endswith(
        "纪要.docx is a PDF or Word document, not text; save or export it as plain text (UTF-8)\n"
    )


def test_minutes_saved_by_notepad_as_unicode_are_read(run: Cli, tmp_path: Path) -> None:
    negotiating(run)
    (tmp_path / "纪要.txt").write_bytes("一、双方介绍方案。\r\n二、下次会议。".encode("utf-16"))
    run.ok(*ROUND.split(), "--minutes-file", str(tmp_path / "纪要.txt"))
    assert minutes_of_round_one(run) == "一、双方介绍方案。\n二、下次会议。"


def test_a_minutes_file_that_cannot_be_read_is_one_line(run: Cli, tmp_path: Path) -> None:
    before = negotiating(run)
    for path, error in [
        (
            "a\x00b.txt",
            "Error: round.minutes-file: cannot read 'a\\x00b.txt': no file name contains a NUL byte\n",
        ),
        (str(tmp_path), f"Error: round.minutes-file: cannot read {tmp_path}: Is a directory\n"),
        (
            str(tmp_path / "无.txt"),
            f"Error: round.minutes-file: cannot read {tmp_path}/无.txt: No such file or directory\n",
        ),
    ]:
        assert refused(run, before, *ROUND.split(), "--minutes-file", path) == error


def store_refuses(store: Path | str, *commands: str) -> list[str]:
    """The one stderr line each command gives on ``store`` (exit 1 every time)."""
    run = Cli(store)
    lines = []
    for command in commands:
        result = run(command)
        assert result.exit_code == 1, (command, result.stdout, result.stderr)
        assert result.stderr.count("\n") == 1, result.stderr
        lines.append(result.stderr)
    return lines


def test_a_store_path_naming_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a store")
    for line in store_refuses(tmp_path / "notes.txt", OPEN, f"negotiation show {REF}", "board"):
        assert line == (
            f"Error: store: {tmp_path}/notes.txt is a file, not a directory;"
            " pass --store a directory (a new one, or one holding a store)\n"
        )
    assert (tmp_path / "notes.txt").read_text() == "not a store"
    [nul] = store_refuses(f"{tmp_path}/a\x00b", "board")
    assert nul == f"Error: store: '{tmp_path}/a\\x00b' is not a path: it holds a NUL byte\n"


def test_a_store_holding_a_damaged_events_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    damaged = b"SQLite format 2\x00" + bytes(range(256)) * 64
    (tmp_path / "negotiations.sqlite").write_bytes(damaged)
    commands = (OPEN, f"negotiation show {REF}", "board", f"timeline {REF}", "deadlines")
    for line in store_refuses(tmp_path, *commands):
        assert line == (
            f"Error: store: {tmp_path}/negotiations.sqlite cannot be used (file is not a database):"
            " it is damaged or not this tool's; restore it from a backup or pass --store another directory\n"
        )
    assert (tmp_path / "negotiations.sqlite").read_bytes() == damaged


def test_a_directory_where_the_events_file_belongs_is_named(tmp_path: Path) -> None:
    (tmp_path / "negotiations.sqlite").mkdir()
    for line in store_refuses(tmp_path, OPEN, "board"):
        assert line == (
            f"Error: store: {tmp_path}/negotiations.sqlite is a directory where the store keeps a file"
            " of events; move it away or pass --store another directory\n"
        )


def test_damaged_views_are_named_and_rebuilt_once_the_file_is_deleted(tmp_path: Path) -> None:
    run = Cli(tmp_path)
    run.ok(OPEN)
    (tmp_path / "views.sqlite").write_bytes(b"\x00garbage" * 1000)
    assert store_refuses(tmp_path, "board") == [
        f"Error: store: {tmp_path}/views.sqlite cannot be read (file is not a database); delete that file:"
        " the next command rebuilds the views from the events\n"
    ]
    run.ok(f"negotiation show {REF}")  # the events are intact: a record still shows
    (tmp_path / "views.sqlite").unlink()
    assert REF in run.ok("board").stdout


def permissions_apply(tmp_path: Path) -> bool:
    """False when running with privileges that ignore file permissions (root in a container)."""
    probe = tmp_path / "probe"
    probe.mkdir(mode=0o500)
    try:
        (probe / "x").touch()
    except PermissionError:
        return True
    finally:
        probe.chmod(0o700)
    return False


def test_an_unwritable_store_is_refused_in_one_line(tmp_path: Path) -> None:
    if not permissions_apply(tmp_path):
        pytest.skip("file permissions do not apply to this user")
    locked, written = tmp_path / "locked", tmp_path / "written"
    locked.mkdir(mode=0o500)
    Cli(written).ok(OPEN)
    for path in [written, *written.iterdir()]:
        path.chmod(0o500 if path.is_dir() else 0o400)
    try:
        assert store_refuses(locked / "store", OPEN) == [
            f"Error: store: cannot create the store at {locked}/store: Permission denied; pass --store DIR\n"
        ]
        for line in store_refuses(
            written, f"negotiation show {REF}", "negotiation open CB-2 -k wage -e 甲 -u 乙", "board"
        ):
            assert line.startswith(
                f"Error: store: {written}/negotiations.sqlite cannot be written (attempt to write a readonly"
                " database); every command needs write access to the store, even to read it"
            )
    finally:
        for path in [locked, written, *written.iterdir()]:
            path.chmod(0o700)


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


def test_a_packet_directory_that_cannot_be_used_is_one_line_and_nothing_is_made(
    run: Cli, tmp_path: Path
) -> None:
    run.ok("demo")
    base = tmp_path / "packets"
    base.mkdir()
    (base / "file").write_text("x")
    cases = [
        (f"{base}/a\x00b", f"Error: packet.out: '{base}/a\\x00b' is not a path: it holds a NUL byte\n"),
        (f"{base}/file/p/q", f"Error: packet.out: {base}/file is a file, not a directory\n"),
        (f"{base}/file", f"Error: packet.out: {base}/file exists and is not a directory\n"),
    ]
    if sys.platform == "linux":  # no one may make a directory in /proc, root included
        cases.append(
            (
                "/proc/no-such/p",
                "Error: packet.out: cannot write /proc/no-such/p: No such file or directory\n",
            )
        )
    for out, error in cases:
        assert refused(run, run.events(), "packet", "DEMO-2011-WAGE", "--out", out) == error
    assert os.listdir(base) == ["file"]


def test_a_packet_written_to_a_directory_named_in_gbk_is_reported_on_one_line(
    run: Cli, tmp_path: Path
) -> None:
    run.ok("demo")
    out = tmp_path / gbk_typed("备案")
    result = run.ok("packet", "DEMO-2011-WAGE", "--out", str(out))
    assert f"written to '{tmp_path}/\\udcb1\\udcb8\\udcb0\\udcb8': " in result.stdout
    assert sorted(os.listdir(out)) == ["manifest.json", "packet.md", "packet.pdf"]
    verified = run.ok("packet", "verify", str(out))
    assert verified.stdout.startswith(f"OK: '{tmp_path}/\\udcb1\\udcb8\\udcb0\\udcb8' matches the record")


def test_a_tampered_manifest_cannot_print_lines_of_its_own(run: Cli, tmp_path: Path) -> None:
    run.ok("demo")
    run.ok("packet", "DEMO-2011-WAGE", "--out", str(tmp_path / "p"))
    manifest = json.loads((tmp_path / "p" / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"].append({"name": "x\nOK: all is well", "sha256": "0"})
    (tmp_path / "p" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = run("packet", "verify", str(tmp_path / "p"))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["'x\\nOK: all is well': missing"]


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
