"""Whether a recorded step met its deadline on time or late, in the words every view uses.

Each deadline row carries ``met_on`` (the date of the step that met it) and ``late_by_days``
(0 when on time). A step taken late is said where a person reads: a warning in ``show``, a note
on the step in ``history`` and the timeline, each with the deadline's rule and its source.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.due import late_by
from domain.i18n import ngettext

Row = dict[str, Any]


def late_warnings(deadlines: list[Row]) -> list[str]:
    """One warning per deadline met late: '<key>: <label> met <date>, 17 days late (due …: rule)'."""
    return [
        ngettext(
            "{key}: {label} met {met_on}, {n} day late (due {due}: {rule})",
            "{key}: {label} met {met_on}, {n} days late (due {due}: {rule})",
            d["late_by_days"],
        ).format(
            key=d["key"],
            label=d["label"],
            met_on=d["met_on"],
            n=d["late_by_days"],
            due=d["due"],
            rule=d["rule"],
        )
        for d in deadlines
        if d.get("late_by_days")
    ]


def met(d: Row) -> Row:
    """What a step's note says of the deadline it met (for history and the timeline)."""
    return {
        "deadline": d["label"],
        "due": d["due"],
        "met_on": d["met_on"],
        "late_by_days": d["late_by_days"],
        "rule": d["rule"],
    }


def lateness(d: Row) -> Row:
    """A read model's deadline row (ISO ``due`` and ``done_on``) with ``met_on`` and ``late_by_days``."""
    done = None if d.get("milestone") else d.get("done_on")
    return {**d, "met_on": done, "late_by_days": late_by_iso(d["due"], done)}


def late_by_iso(due: str, done: str | None) -> int | None:
    """``domain.due.late_by`` for the ISO dates of the read models' rows."""
    return None if done is None else late_by(date.fromisoformat(due), date.fromisoformat(done))


def steps_meeting(deadlines: list[Row], met_by: dict[str, frozenset[str]]) -> dict[tuple[str, str], Row]:
    """Which (step, business date) met which deadline: a step named in ``met_by[key]`` taken on
    the deadline's ``met_on``."""
    found: dict[tuple[str, str], Row] = {}
    for d in deadlines:
        if d.get("met_on") and d.get("late_by_days") is not None:
            for step in met_by.get(d["key"], ()):
                found.setdefault((step, d["met_on"]), met(d))
    return found
