"""The report's charts drawn by a second process while this one gathers the timelines.

Drawing the six charts (vl-convert's engine, which holds the interpreter's lock while it
works) and reading the period's timelines and deadlines need nothing of each other, so a
child process draws while this one reads, and both cores work: on the benchmark's store this
took the one-year report from 8.9 s to under 5 (bench/RESULTS.md).

The specifications go to the child as one line of JSON on its stdin; it writes the SVGs back
as a JSON list on its stdout, then exits. Having read its line, the child watches its stdin
for end-of-file (``bargaining.child.leave_with_parent``), so it dies with the command however
the command ends. If the child fails for any reason, the charts are drawn here instead: the
report is the same, only slower.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path
from types import TracebackType

from bargaining.child import command, leave_with_parent
from bargaining.report import charts

MODULE = "bargaining.report.drawing"


class Drawing:
    """Charts being drawn by a child process; ``svgs()`` waits for them, in order."""

    def __init__(self, specs: list[charts.Spec], font: Path) -> None:
        self.specs, self.font = specs, font
        self.process: subprocess.Popen[bytes] | None = None
        try:
            self.process = subprocess.Popen(  # noqa: S603 - our own module, with our own interpreter
                command(MODULE, str(font)),
                stdin=subprocess.PIPE,  # the specifications, then left open: the child's watch on us
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            assert self.process.stdin is not None
            self.process.stdin.write(json.dumps(specs, ensure_ascii=False).encode("utf-8") + b"\n")
            self.process.stdin.flush()
        except OSError:  # could not start, or gone at once: drawn here
            self.close()

    def svgs(self) -> list[str]:
        """The SVG of every chart, from the child if it drew them all, else drawn here."""
        drawn: list[str] | None = None
        if self.process is not None and self.process.stdout is not None:
            out = self.process.stdout.read()
            if self.process.wait() == 0:
                drawn = _parsed(out, len(self.specs))
        self.close()
        if drawn is None:
            drawn = [charts.svg(spec, self.font) for spec in self.specs]
        return drawn

    def close(self) -> None:
        """Stop the child if it is still drawing (an error in this process, or it failed)."""
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

    def __enter__(self) -> Drawing:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _parsed(out: bytes, count: int) -> list[str] | None:
    try:
        found = json.loads(out)
    except ValueError:
        return None
    if not isinstance(found, list) or len(found) != count or not all(isinstance(s, str) for s in found):
        return None
    return found


def main(argv: list[str]) -> None:
    """The child: ``python -m bargaining.report.drawing FONT``, the specifications on stdin."""
    line = sys.stdin.buffer.readline()  # read before the watch starts: it reads stdin too
    leave_with_parent()
    specs = json.loads(line)
    font = Path(argv[0])
    drawn = [charts.svg(spec, font) for spec in specs]
    sys.stdout.buffer.write(json.dumps(drawn, ensure_ascii=False).encode("utf-8"))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
