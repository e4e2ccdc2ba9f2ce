"""The report's second process: it draws the charts and reads what needs attention now while
this one reads the period's timelines.

The charts need only the period's counts, and vl-convert holds the interpreter's lock while it
draws; the attention board and the deadlines read every open case and negotiation. Neither
needs the timelines, nor they it, so a child process does both while this one reads the
timelines, and both cores work (bench/RESULTS.md has the figures).

The child is told what to do in one line of JSON on its stdin (the specifications, the font,
today, the language, the body); the store is named in its environment, as for the catch-up
helper, so a password never shows in ps. It writes its results back as one JSON object on its
stdout, then exits. Having read its line, it watches its stdin for end-of-file
(``bargaining.child.leave_with_parent``), so it dies with the command however the command
ends. If the child fails for any reason, this process does its work instead: the report is the
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
    """The charts being drawn, and what needs attention being read, by a child process."""

    def __init__(
        self, reports: ReportService, figures: Figures, specs: list[charts.Spec], font: Path
    ) -> None:
        self.reports, self.figures, self.specs, self.font = reports, figures, specs, font
        self.process: subprocess.Popen[bytes] | None = None
        store = reports.store
        asked = {
            "specs": specs,
            "font": str(font),
            "today": reports.today.isoformat(),
            "language": language(),
            "body": figures.body,
            "within": WITHIN,
        }
        try:
            self.process = subprocess.Popen(  # noqa: S603 - our own module, with our own interpreter
                command(MODULE),
                env={**os.environ, STORE_ENV: store.url or str(store.location)},
                stdin=subprocess.PIPE,  # the request, then left open: the child's watch on us
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            assert self.process.stdin is not None
            self.process.stdin.write(json.dumps(asked, ensure_ascii=False).encode("utf-8") + b"\n")
            self.process.stdin.flush()
        except OSError:  # could not start, or gone at once: done here
            self.close()

    def finish(self) -> list[str]:
        """Fill in what needs attention and return the charts' SVGs, in order: from the child
        if it did its work, else done here."""
        done: dict[str, Any] | None = None
        if self.process is not None and self.process.stdout is not None:
            out = self.process.stdout.read()
            if self.process.wait() == 0:
                done = _parsed(out, len(self.specs))
        self.close()
        if done is None:
            attention, deadlines, left_out = attention_now(
                self.reports, body=self.figures.body, within=WITHIN
            )
            done = {
                "svgs": [charts.svg(spec, self.font) for spec in self.specs],
                "attention": attention,
                "deadlines": deadlines,
                "left_out": left_out,
            }
        f = self.figures
        f.attention, f.deadlines, f.overdue_left_out = done["attention"], done["deadlines"], done["left_out"]
        svgs: list[str] = done["svgs"]
        return svgs

    def close(self) -> None:
        """Stop the child if it is still working (an error in this process, or it failed)."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):  # the child went before reading all we wrote
                    pipe.close()

    def __enter__(self) -> Aside:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _parsed(out: bytes, charts_asked: int) -> dict[str, Any] | None:
    try:
        found = json.loads(out)
    except ValueError:
        return None
    if not isinstance(found, dict) or set(found) != {"svgs", "attention", "deadlines", "left_out"}:
        return None
    svgs = found["svgs"]
    if not isinstance(svgs, list) or len(svgs) != charts_asked or not all(isinstance(s, str) for s in svgs):
        return None
    return found


def main() -> None:
    """The child: ``python -m bargaining.report.aside``, the request on stdin."""
    from bargaining.language import use

    line = sys.stdin.buffer.readline()  # read before the watch starts: it reads stdin too
    leave_with_parent()
    asked = json.loads(line)
    use(asked["language"])
    font = Path(asked["font"])
    reports = ReportService(Store.resolve(), date.fromisoformat(asked["today"]))
    with collector_paused():  # every open case's deadlines: a hundred thousand rows
        attention, deadlines, left_out = attention_now(reports, body=asked["body"], within=asked["within"])
    done = {
        "svgs": [charts.svg(spec, font) for spec in asked["specs"]],
        "attention": attention,
        "deadlines": deadlines,
        "left_out": left_out,
    }
    sys.stdout.buffer.write(json.dumps(done, ensure_ascii=False).encode("utf-8"))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
