"""One renderer: tables by default, the same rows as JSON with --json."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    from tabulate import tabulate  # imported lazily: it costs ~50 ms of start-up

    return tabulate(rows, headers=list(headers), tablefmt="simple", disable_numparse=True)


def clip(text: Any, width: int = 40) -> str:
    value = "" if text is None else str(text).replace("\n", " ")
    return value if len(value) <= width else value[: width - 1] + "…"


def section(title: str) -> None:
    click.echo("")
    click.echo(click.style(title, bold=True))


def kv(pairs: Sequence[tuple[str, Any]]) -> None:
    width = max((len(k) for k, v in pairs if v not in (None, "", [])), default=0)
    for key, value in pairs:
        if value in (None, "", []):
            continue
        click.echo(f"{key.ljust(width)}  {value}")


def echo_recorded(reference: str, what: str, view: dict[str, Any], state: str = "status") -> None:
    """After a write: what was recorded, the stage or status, the next deadline, any notes."""
    click.echo(f"{reference}: {what}. {state.capitalize()}: {view[state]}.")
    line = deadline_line(view["next_deadline"])
    if line:
        click.echo(f"Next: {line}")
    for note in view.get("notes", ()):
        click.echo(f"Note: {note}")


def deadline_line(due: dict[str, Any] | None) -> str | None:
    if not due:
        return None
    days = due["days_left"]
    when = f"in {days} days" if days > 0 else ("today" if days == 0 else f"{-days} days overdue")
    return f"{due['label']}: {due['due']} ({when}) — {due['rule']}"


def echo_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    """CSV with a header row, UTF-8 (Excel opens it with the BOM-less UTF-8 import)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    click.echo(buffer.getvalue(), nl=False)
