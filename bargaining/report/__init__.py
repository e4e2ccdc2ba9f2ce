"""The committee's report: one self-contained HTML file with the period's figures, charts,
what needs attention, every case's and negotiation's timeline and the corrections made.

``write_report`` gathers the figures from the read models (``figures``), while a second
process draws the charts and reads what needs attention (``aside``), and writes the page
(``page``); Jinja2, vl-convert, HarfBuzz and fontTools load only here, when a report is made.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from bargaining.errors import InvalidValueError
from bargaining.read.reports import ReportService
from domain.i18n import _


def write_report(
    reports: ReportService, out: Path, *, start: date, end: date, body: str = ""
) -> dict[str, Any]:
    """Write the report of the period to ``out`` (.html), whole or not at all."""
    from bargaining.packet.font import find_font
    from bargaining.report.aside import Aside
    from bargaining.report.figures import add_timelines, counts
    from bargaining.report.memory import collector_paused
    from bargaining.report.page import chart_specs, render

    if out.suffix.lower() not in (".html", ".htm"):
        raise InvalidValueError("report.out", _("{file} must end in .html").format(file=out))
    if not out.parent.is_dir():
        raise InvalidValueError(
            "report.out", _("the folder {folder} does not exist; create it first").format(folder=out.parent)
        )
    if end < start:
        raise InvalidValueError("report.to", _("{end} is before --from {start}").format(end=end, start=start))
    body = reports.known_body(body, "report.body") if body else ""
    with collector_paused():  # see memory
        figures = counts(reports, start=start, end=end, body=body)
        font = find_font()
        # A second process draws the charts and reads what needs attention while this one
        # reads the timelines (see aside).
        with Aside(reports, figures, [spec for _key, _caption, spec in chart_specs(figures)], font) as aside:
            add_timelines(reports, figures)
            svgs = aside.finish()
        page = render(figures, font=font, svgs=svgs)
    # Written beside the target and renamed over it: a report interrupted leaves no half file.
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    try:
        # mkstemp makes the file readable by its owner only; a report is made to be passed on,
        # so it gets the permissions any new file of this user gets (the umask's).
        os.chmod(temporary, 0o666 & ~_umask())
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(page)
        Path(temporary).replace(out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return {
        "file": str(out),
        "from": start.isoformat(),
        "to": end.isoformat(),
        "body": figures.body or None,
        "cases": len(figures.cases),
        "negotiations": len(figures.agreements),
        "charts": 6 if figures.quarters else 5,
        "bytes": len(page.encode("utf-8")),
    }


def _umask() -> int:
    mask = os.umask(0o022)  # read it by setting it, then put it back
    os.umask(mask)
    return mask
