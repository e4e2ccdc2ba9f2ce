"""Bad files and stores: 10 MB of minutes, wrong encodings, damaged or read-only stores, packets.

A clear one-line error, or the text stored intact; never a traceback, never a partial write,
never a user's file changed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.e2e.hostile import OPEN, REF, ROUND, gbk_typed, negotiating, refused


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
