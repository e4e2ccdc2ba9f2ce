"""Putting a recorded step right: the correct and retract commands every record shares.

A command names the step by its number (``#7``, as ``show``, ``history`` and ``timeline``
print it) and gives, in the options of the command that recorded it, only what changes.
Each kind of step lists the options that apply (``Fields``): the value is cleaned as the
recording command cleans it, then the aggregate replays its steps with the change in effect
(``domain.corrections``), so a correction that would break a rule is refused with the rule
named and what rests on the step, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from bargaining.errors import InvalidValueError, RuleViolationError
from bargaining.service import ServiceBase
from bargaining.store.application import StoreApplication
from domain.corrections import (
    Amends,
    Change,
    ReplayBrokenError,
    effective_events,
    facts,
    fold,
    replay,
)
from domain.i18n import _
from domain.values import clean_text
from projections.labels import change_text, field_word, label
from projections.payload import plain

Clean = Callable[[Any, str], Any] | str  # or DAY: a business date, never in the future
# For each kind of step: option name -> (event field, how the option's value is cleaned).
Fields = Mapping[str, Mapping[str, tuple[str, Clean]]]
MAX_REASON = 500
DAY = "day"


def text(max_len: int = 10_000, *, required: bool = True) -> Clean:
    """Free text as the recording commands clean it (``clean_text``)."""
    return lambda value, field: clean_text(value, field, required=required, max_len=max_len)


def listed(value: Any) -> list[Any]:
    """A list option given as a list, or one value on its own (never its characters)."""
    return [value] if isinstance(value, str) else list(value)


def step_number(value: str | int, field: str) -> int:
    """``7`` or ``#7``."""
    text = str(value).strip().lstrip("#")
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise InvalidValueError(
            field, f"{value!r} is not a step number; give it as 7 or '#7' (see 'history')"
        )
    return int(text)


def _options(names: Sequence[str]) -> str:
    return ", ".join(f"--{n.replace('_', '-')}" for n in names) or "none (retract it instead)"


class Amender:
    """Corrections and retractions of one kind of record in one application."""

    def __init__(self, service: ServiceBase[Any], cls: type[Any], what: str, fields: Fields) -> None:
        self.service = service
        self.cls = cls
        self.what = what
        self.fields = fields

    @property
    def app(self) -> StoreApplication:
        return self.service.app  # type: ignore[no-any-return]

    def _record(self, reference: str, doing: str) -> tuple[Any, list[Any]]:
        """The record folded from the history read once: a writer after it makes the commit a
        conflict (exit 75), never a state from one read and a history from another."""
        return record_and_history(self.app, self.cls, reference, self.what, f"{doing}.reference")

    def _reason(self, reason: str, doing: str) -> str:
        text = " ".join(str(reason).split())
        if not text:
            raise InvalidValueError(f"{doing}.reason", "say why, e.g. --reason '12600 typed for 126000'")
        if len(text) > MAX_REASON:
            raise InvalidValueError(f"{doing}.reason", f"at most {MAX_REASON} characters")
        return text

    def changes(self, history: Sequence[Any], step: int, given: Mapping[str, Any]) -> dict[str, Any]:
        """The event fields ``given`` (options of the recording command) stand for, cleaned."""
        effective, _amendments, _retracted = effective_events(history)
        target = next((e for e in effective if e.originator_version == step), None)
        if target is None:
            return {}  # the aggregate says why (retracted, or no such step)
        name = type(target).__name__
        allowed = self.fields.get(name, {})
        wrong = [o for o in given if o not in allowed]
        if wrong:
            raise InvalidValueError(
                f"correct.{wrong[0].replace('_', '-')}",
                f"does not apply to step #{step} ({label(name)}); it takes {_options(list(allowed))}",
            )
        if not given:
            raise InvalidValueError(
                "correct", f"give what step #{step} should say: {_options(list(allowed))}"
            )
        fields = facts(target)
        found: dict[str, Any] = {}
        parts: dict[str, dict[str, Any]] = {}  # "tally.present": a part of a value such as a tally
        said: list[tuple[str, Any, Any]] = []  # (option, as given, as the step says it)
        for option, value in given.items():
            field, clean = allowed[option]
            cleaned = self._clean(clean, value, f"correct.{option.replace('_', '-')}")
            whole, _dot, part = field.partition(".")
            if part:
                parts.setdefault(whole, {})[part] = cleaned
                current = fields[whole]
                said.append((option, cleaned, None if current is None else getattr(current, part)))
            else:
                found[field] = cleaned
                said.append((option, cleaned, fields[field]))
        if all(now == before for _o, now, before in said):
            raise InvalidValueError(
                "correct",
                _("step #{step} already says {said}; nothing to correct").format(
                    step=step, said=", ".join(f"--{o.replace('_', '-')} {shown(v)}" for o, v, _b in said)
                ),
            )
        for whole, changed in parts.items():
            current = found.get(whole, fields[whole])
            if current is None:
                found[whole] = self.build(name, whole, changed, step)
            else:
                found[whole] = attrs.evolve(current, **changed)
        return found

    def build(self, name: str, whole: str, parts: Mapping[str, Any], step: int) -> Any:
        """A whole value (a tally) made of ``parts`` for a step recorded without one; a kind
        of record whose steps may lack such a value says how (none can by default)."""
        del name
        raise InvalidValueError(
            f"correct.{next(iter(parts)).replace('_', '-')}",
            _("step #{step} records no {whole} to correct a part of").format(
                step=step, whole=field_word(whole)
            ),
        )

    def _clean(self, clean: Clean, value: Any, field: str) -> Any:
        if isinstance(clean, str):
            if isinstance(value, str):  # through the API: an ISO date
                try:
                    value = date.fromisoformat(value)
                except ValueError:
                    raise InvalidValueError(field, f"{value!r} is not a date (YYYY-MM-DD)") from None
            if not isinstance(value, date):
                raise InvalidValueError(field, f"{value!r} is not a date (YYYY-MM-DD)")
            return self.service._date(value, field)
        return clean(value, field)

    def correct(self, reference: str, step: str | int, *, reason: str, **given: Any) -> dict[str, Any]:
        """Correct step ``step`` with ``given`` (option -> value); recorded today."""
        number = step_number(step, "correct.step")
        why = self._reason(reason, "correct")
        day = self.service.today
        aggregate, history = self._record(reference, "correct")
        changes = self.changes(history, number, {k: v for k, v in given.items() if v is not None})
        self.check_correction(history, number, changes)
        found = self._amend(
            type(aggregate),
            history,
            number,
            lambda: aggregate.correct(
                history=history, step=number, changes=changes, reason=why, on=day, by=self.service.actor
            ),
        )
        others = self.mirror(history, number, changes, why)
        self.app.commit(aggregate, *others)
        return amendment_row("correction", number, why, day, self.service.actor, found)

    def mirror(self, history: Sequence[Any], step: int, changes: Mapping[str, Any], reason: str) -> list[Any]:
        """Other records that state the same facts, corrected with them (none by default)."""
        del history, step, changes, reason
        return []

    def check_correction(self, history: Sequence[Any], step: int, changes: Mapping[str, Any]) -> None:
        """Refuse a correction the recording command's own checks would refuse (none by default)."""
        del history, step, changes

    def check_retraction(self, history: Sequence[Any], step: int) -> None:
        """Refuse a retraction another record rests on (nothing by default)."""
        del history, step

    def retract(self, reference: str, step: str | int, *, reason: str) -> dict[str, Any]:
        """Retract step ``step``: it counts as never having happened; recorded today."""
        number = step_number(step, "retract.step")
        why = self._reason(reason, "retract")
        day = self.service.today
        aggregate, history = self._record(reference, "retract")
        self.check_retraction(history, number)
        found = self._amend(
            type(aggregate),
            history,
            number,
            lambda: aggregate.retract(
                history=history, step=number, reason=why, on=day, by=self.service.actor
            ),
            "retracted",
        )
        self.app.commit(aggregate)
        return amendment_row("retraction", number, why, day, self.service.actor, found)

    def _amend(
        self,
        cls: type[Any],
        history: Sequence[Any],
        number: int,
        amend: Callable[[], list[Change]],
        doing: str = "corrected",
    ) -> list[Change]:
        """``amend`` (a correction or retraction of ``cls``'s step ``number``), or why it is refused."""
        try:
            return amend()
        except ReplayBrokenError as broken:
            raise RuleViolationError(broken.field, _broken(cls, history, number, broken, doing)) from None


def record_and_history(
    app: StoreApplication, cls: type[Any], reference: str, what: str, field: str
) -> tuple[Any, list[Any]]:
    history = app.history(app.id_for(cls, reference, field))
    if not history:
        app.load(cls, reference, what, field=field)  # says there is no such record
    aggregate = fold(history)
    assert isinstance(aggregate, cls)
    return aggregate, history


def _broken(
    cls: type[Any], history: Sequence[Any], number: int, broken: ReplayBrokenError, doing: str
) -> str:
    """Why the amendment is refused: the rule, and the steps that rest on the amended one."""
    if broken.number != number:
        message = (
            _(
                "refused: with step #{number} corrected, step #{later} ({name}) would break a rule:"
                " {rule}; nothing was changed"
            )
            if doing == "corrected"
            else _(
                "refused: with step #{number} retracted, step #{later} ({name}) would break a rule:"
                " {rule}; nothing was changed"
            )
        )
        return message.format(number=number, later=broken.number, name=label(broken.name), rule=broken.rule)
    later = resting_on(cls, history, number, limit=4)
    if not later:
        return _("refused: step #{number} would break a rule: {rule}; nothing was changed").format(
            number=number, rule=broken.rule
        )
    steps = ", ".join(f"#{e.originator_version} {label(type(e).__name__)}" for e in later[:3])
    message = (
        _("refused: step #{number} would break a rule: {rule}; resting on it: {steps}; nothing was changed")
        if len(later) <= 3
        else _(
            "refused: step #{number} would break a rule: {rule}; resting on it: {steps} and more;"
            " nothing was changed"
        )
    )
    return message.format(number=number, rule=broken.rule, steps=steps)


def resting_on(cls: type[Any], history: Sequence[Any], number: int, *, limit: int) -> list[Any]:
    """The later steps (at most ``limit``) that could not have been recorded without step
    ``number``: those that break a rule when the steps in effect are replayed without it.
    A later step that merely follows it (a vote after a meeting without quorum) does not."""
    effective, _amendments, _retracted = effective_events(history)
    target = next((e for e in effective if e.originator_version == number), None)
    if target is None:
        return []
    if target is effective[0]:  # the step that opened the record: every other rests on it
        return list(effective[1 : limit + 1])
    replays = getattr(cls, "REPLAYS", {})
    gone: dict[str, set[Any]] = {}

    def drop(step: Any) -> None:
        spec = replays.get(type(step).__name__)
        if spec is not None and spec.numbers:  # later steps that name it rest on it too
            gone.setdefault(spec.numbers, set()).add(facts(step)[spec.numbers])

    drop(target)
    kept = [e for e in effective if e is not target]
    found: list[Any] = []
    while len(found) < limit:
        try:
            replay(cls, kept, gone)
        except ReplayBrokenError as broken:
            step = next(e for e in kept if e.originator_version == broken.number)
            found.append(step)
            drop(step)
            kept.remove(step)
        else:
            break
    return found


def shown(value: Any) -> str:
    """A value as a person typed it: a list's items joined, a date in ISO, an enum its value."""
    if isinstance(value, (list, tuple)):
        return "、".join(shown(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(getattr(value, "value", value))


def amendment_row(
    kind: str, step: int, reason: str, on: date | str, by: str, changes: Sequence[Sequence[Any]]
) -> dict[str, Any]:
    """One correction or retraction as plain data (JSON keys in English)."""
    return {
        "kind": kind,
        "step": step,
        "reason": reason,
        "on": on if isinstance(on, str) else on.isoformat(),
        "by": by,
        "changes": [
            {
                "step": int(c[0]),
                "field": str(c[1]),
                "before": plain(c[2]),
                "after": plain(c[3]),
                "text": change_text(int(c[0]), str(c[1]), plain(c[2]), plain(c[3])),
            }
            for c in changes
        ],
    }


def later_amendments(events: Sequence[Any], day: date, *, record: str = "") -> list[str]:
    """What an as-of view says of the corrections and retractions made after ``day``;
    ``record`` "contract": of the steps of the contract the viewed negotiation signed."""
    later: list[Any] = [e for e in events if isinstance(e, Amends) and e.on > day]  # type: ignore[attr-defined]
    return [_later(e, day, record) for e in later]


def _later(amendment: Any, day: date, record: str) -> str:
    retracted = type(amendment).__name__ == "StepRetracted"
    if record == "contract":
        message = (
            _(
                "the contract's step #{step} was retracted on {on} (#{number}): on {day} it was not"
                " yet known; without --as-of the record is shown as corrected"
            )
            if retracted
            else _(
                "the contract's step #{step} was corrected on {on} (#{number}): on {day} it was not"
                " yet known; without --as-of the record is shown as corrected"
            )
        )
    else:
        message = (
            _(
                "step #{step} was retracted on {on} (#{number}): on {day} it was not yet known;"
                " without --as-of the record is shown as corrected"
            )
            if retracted
            else _(
                "step #{step} was corrected on {on} (#{number}): on {day} it was not yet known;"
                " without --as-of the record is shown as corrected"
            )
        )
    return message.format(
        step=amendment.step,
        on=amendment.on.isoformat(),
        number=amendment.originator_version,
        day=day.isoformat(),
    )
