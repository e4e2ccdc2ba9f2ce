"""The report's other processes: one draws the charts, one reads what needs attention now,
while this one reads the period's timelines.

The charts need only the period's counts, and vl-convert holds the interpreter's lock while it
draws; the attention board and the deadlines read every open case and negotiation. None of the
three needs another's work, so each has a process, and the machine's cores share them: on the
benchmark's store (two cores) three processes ended sooner than two, one of them doing two
parts one after the other (bench/RESULTS.md has the figures).

A child is told what to do in one line of JSON on its stdin (its part; the specifications and
the font, or today, the language and the body); the store is named in its environment, as for
the catch-up helper, so a password never shows in ps. It writes its result back as one JSON
object on its stdout, then exits. Having read its line, it watches its stdin for end-of-file
(``bargaining.child.leave_with_parent``), so it dies with the command however the command
ends. If a child fails for any reason, this process does its part instead: the report is the
same, only slower.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from bargaining.child import command, leave_with_parent
from bargaining.read.reports import ReportService
from bargaining.report import charts
from bargaining.report.figures import Figures, attention_now
from bargaining.report.memory import collector_paused
from bargaining.store.location import STORE_ENV, Store
from domain.i18n import language

MODULE = "bargaining.report.aside"
WITHIN = 30  # days ahead whose deadlines the report lists


class Aside:
    """The charts being drawn, and what needs attention being read, by two child processes."""

    def __init__(
        self, reports: ReportService, figures: Figures, specs: list[charts.Spec], font: Path
    ) -> None:
        self.reports, self.figures, self.specs, self.font = reports, figures, specs, font
        store = reports.store
        self.environment = {**os.environ, STORE_ENV: store.url or str(store.location)}
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        for asked in (
            {"part": "charts", "specs": specs, "font": str(font)},
            {
                "part": "attention",
                "today": reports.today.isoformat(),
                "language": language(),
                "body": figures.body,
                "within": WITHIN,
            },
        ):
            self._start(asked)

    def _start(self, asked: dict[str, Any]) -> None:
        try:
            process = subprocess.Popen(  # noqa: S603 - our own module, with our own interpreter
                command(MODULE),
                env=self.environment,
                stdin=subprocess.PIPE,  # the request, then left open: the child's watch on us
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:  # could not start: done here
            return
        self.processes[asked["part"]] = process
        assert process.stdin is not None
        try:
            process.stdin.write(json.dumps(asked, ensure_ascii=False).encode("utf-8") + b"\n")
            process.stdin.flush()
        except OSError:  # gone at once: done here
            self._stop(asked["part"])

    def finish(self) -> list[str]:
        """Fill in what needs attention and return the charts' SVGs, in order: from the
        children where they did their work, else done here."""
        drawn = self._result("charts")
        if drawn is None or not _all_text(drawn.get("svgs"), len(self.specs)):
            drawn = {"svgs": [charts.svg(spec, self.font) for spec in self.specs]}
        read = self._result("attention")
        if read is None or set(read) != {"attention", "deadlines", "left_out"}:
            attention, deadlines, left_out = attention_now(
                self.reports, body=self.figures.body, within=WITHIN
            )
            read = {"attention": attention, "deadlines": deadlines, "left_out": left_out}
        f = self.figures
        f.attention, f.deadlines, f.overdue_left_out = read["attention"], read["deadlines"], read["left_out"]
        svgs: list[str] = drawn["svgs"]
        return svgs

    def _result(self, part: str) -> dict[str, Any] | None:
        process = self.processes.get(part)
        found = None
        if process is not None and process.stdout is not None:
            out = process.stdout.read()
            if process.wait() == 0:
                with contextlib.suppress(ValueError):
                    found = json.loads(out)
        self._stop(part)
        return found if isinstance(found, dict) else None

    def _stop(self, part: str) -> None:
        """Stop a child if it is still working (an error in this process, or it failed)."""
        process = self.processes.pop(part, None)
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):  # the child went before reading all we wrote
                    pipe.close()

    def close(self) -> None:
        for part in list(self.processes):
            self._stop(part)

    def __enter__(self) -> Aside:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _all_text(svgs: object, count: int) -> bool:
    return isinstance(svgs, list) and len(svgs) == count and all(isinstance(s, str) for s in svgs)


def main() -> None:
    """A child: ``python -m bargaining.report.aside``, the request on stdin: its ``part``
    is the charts to draw, or what needs attention to read."""
    line = sys.stdin.buffer.readline()  # read before the watch starts: it reads stdin too
    leave_with_parent()
    asked = json.loads(line)
    if asked["part"] == "charts":
        font = Path(asked["font"])
        done: dict[str, Any] = {"svgs": [charts.svg(spec, font) for spec in asked["specs"]]}
    else:
        from bargaining.language import use

        use(asked["language"])
        reports = ReportService(Store.resolve(), date.fromisoformat(asked["today"]))
        with collector_paused():  # every open case's deadlines: a hundred thousand rows
            attention, deadlines, left_out = attention_now(
                reports, body=asked["body"], within=asked["within"]
            )
        done = {"attention": attention, "deadlines": deadlines, "left_out": left_out}
    sys.stdout.buffer.write(json.dumps(done, ensure_ascii=False).encode("utf-8"))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
