"""Corrections and retractions: a mistaken step put right by a compensating event, never an edit.

A record's steps are numbered by their version (``#7``), for ever. A correction names a step
and the fields it changes; a retraction names a step that is to count as never having
happened. Both are events of their own, kept in the history with their reason, who and when.

The state of a record is the fold of its steps *in effect*: every step as corrected, the
retracted ones left out (``in_effect``). Before an amendment is recorded, the record's steps
in effect, amended, are replayed through the aggregate's own commands (``Replay``), so every
rule is checked again on the corrected facts, and whatever the commands derive from them
(a session's number, a vote's outcome, the id of a proposal after a retracted one) is
derived again. What changes, in the amended step and in any later one, is what the event
stores: folding it needs no rule, only the stored values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Any, ClassVar

import attrs
from eventsourcing.domain import Aggregate

from domain.errors import DomainError, InvalidValueError, RuleViolationError
from domain.i18n import NC_, _, pgettext

# What a replayed step may refer to by number (``Replay.refers``), as an error names it.
REFERRED = (NC_("referred", "number"), NC_("referred", "proposal id"))

# What every stored event carries besides its facts: never corrected.
BASE_FIELDS = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})
# Fields that identify a record: a record with another reference is another record.
IDENTITY_FIELDS = frozenset({"reference", "profile_id"})
CORRECTED, RETRACTED = "StepCorrected", "StepRetracted"
AMENDING = frozenset({CORRECTED, RETRACTED})

Change = list[Any]  # [step, field, before, after]: JSON has no tuples


class Amends:
    """Marks the events that amend earlier steps (their fields: step, reason, changes)."""


@attrs.frozen(kw_only=True)
class Amendment:
    """One correction or retraction as the history shows it."""

    number: int  # the amending step's own number
    kind: str  # "correction" or "retraction"
    step: int
    reason: str
    on: date | str
    by: str
    changes: tuple[tuple[int, str, Any, Any], ...]


StepData = tuple[int, str, dict[str, Any]]  # (number, event name, fields)


def in_effect(steps: Iterable[StepData]) -> tuple[list[StepData], list[Amendment], set[int]]:
    """The steps in effect (corrected; retracted and amending ones left out), the amendments,
    and the numbers of the retracted steps. Works on plain data, so the read models and the
    aggregates fold the same facts."""
    found: dict[int, StepData] = {}
    amendments: list[Amendment] = []
    retracted: set[int] = set()
    for number, name, fields in steps:
        if name not in AMENDING:
            found[number] = (number, name, fields)
            continue
        for step, field, _before, after in fields["changes"]:
            if step in found:
                n, step_name, data = found[step]
                found[step] = (n, step_name, {**data, field: after})
        if name == RETRACTED:
            found.pop(fields["step"], None)
            retracted.add(fields["step"])
        amendments.append(
            Amendment(
                number=number,
                kind="retraction" if name == RETRACTED else "correction",
                step=fields["step"],
                reason=fields["reason"],
                on=fields["on"],
                by=fields["by"],
                changes=tuple((int(c[0]), str(c[1]), c[2], c[3]) for c in fields["changes"]),
            )
        )
    return [found[n] for n in sorted(found)], amendments, retracted


def facts(event: Any) -> dict[str, Any]:
    """An event's own fields, without the library's."""
    return {k: v for k, v in vars(event).items() if k not in BASE_FIELDS}


def with_facts(event: Any, changed: Mapping[str, Any]) -> Any:
    """A copy of ``event`` with ``changed`` fields: the library's events are frozen."""
    copy = object.__new__(type(event))
    object.__setattr__(copy, "__dict__", {**vars(event), **changed})
    return copy


def _steps_of(events: Sequence[Any]) -> list[StepData]:
    return [(e.originator_version, type(e).__name__, facts(e)) for e in events]


def effective_events(events: Sequence[Any]) -> tuple[list[Any], list[Amendment], set[int]]:
    """The stored events of one record as in effect: (events, amendments, retracted)."""
    by_number = {e.originator_version: e for e in events}
    steps, amendments, retracted = in_effect(_steps_of(events))
    effective = []
    for number, _name, fields in steps:
        original = by_number[number]
        effective.append(original if fields == facts(original) else with_facts(original, fields))
    return effective, amendments, retracted


def fold(events: Sequence[Any]) -> Any | None:
    """One record's state from all its stored events, amendments in effect."""
    if not events:
        return None
    if not any(isinstance(e, Amends) for e in events):
        aggregate = None
        for e in events:
            aggregate = e.mutate(aggregate)
        return aggregate
    effective, _amends, _retracted = effective_events(events)
    aggregate = effective[0].mutate(None)
    for e in effective[1:]:
        e.apply(aggregate)
    last = events[-1]
    aggregate._version = last.originator_version
    aggregate._modified_on = last.timestamp
    return aggregate


# ------------------------------------------------------------------------------ replaying


@attrs.frozen(kw_only=True)
class Replay:
    """How a recorded step is recorded again through the aggregate's public command.

    ``drop``: fields the command derives itself. ``rename``: event field -> parameter.
    ``extra``: inputs the step implies by having been recorded (both parties agreed...).
    ``numbers``: the field whose value the command returns (a round's number, a proposal's
    id), renumbered when an earlier one is retracted; ``refers``: parameters that name such
    a number, translated. ``adapt``: anything else, from the fields to the parameters.
    """

    command: str
    drop: tuple[str, ...] = ()
    rename: Mapping[str, str] = attrs.field(factory=dict)
    extra: Mapping[str, Any] = attrs.field(factory=dict)
    numbers: str = ""
    refers: Mapping[str, str] = attrs.field(factory=dict)
    adapt: Callable[[dict[str, Any]], dict[str, Any]] | None = None


class Correctable:
    """An aggregate whose steps can be corrected and retracted. It declares how each of its
    steps is replayed (``REPLAYS``), which steps another record records and are put right
    there (``RECORDED_ELSEWHERE``), and its ``StepCorrected`` and ``StepRetracted`` events.

    ``history`` is every event stored for the record, the aggregate's own version last: the
    steps in effect are worked out from it. The commands check and record; the state that
    follows is the fold of the steps in effect (``fold``), as any later load gives it.
    """

    REPLAYS: ClassVar[Mapping[str, Replay]] = {}
    RECORDED_ELSEWHERE: ClassVar[Mapping[str, str]] = {}

    def _check_history(self, history: Sequence[Any]) -> None:
        assert history, "a record has at least the event that opened it"
        assert history[-1].originator_version == getattr(self, "version", None), (
            "history is not this record's"
        )

    def correct(
        self,
        *,
        history: Sequence[Any],
        step: int,
        changes: Mapping[str, Any],
        reason: str,
        on: date,
        by: str,
        mirrored: bool = False,
    ) -> list[Change]:
        """Record that step ``step`` should have said ``changes``; every rule checked again.
        ``mirrored``: the step is recorded elsewhere, and corrected there in the same save."""
        self._check_history(history)
        found = plan_correction(type(self), history, step, changes, mirrored=mirrored)  # type: ignore[arg-type]
        self.trigger_event(type(self).StepCorrected, on=on, by=by, step=step, reason=reason, changes=found)  # type: ignore[attr-defined]
        return found

    def retract(self, *, history: Sequence[Any], step: int, reason: str, on: date, by: str) -> list[Change]:
        """Record that step ``step`` never happened; every later step checked again without it."""
        self._check_history(history)
        found = plan_retraction(type(self), history, step)  # type: ignore[arg-type]
        self.trigger_event(type(self).StepRetracted, on=on, by=by, step=step, reason=reason, changes=found)  # type: ignore[attr-defined]
        return found


class ReplayBrokenError(RuleViolationError):
    """Replaying the amended steps broke a rule at step ``number``."""

    def __init__(self, number: int, name: str, error: DomainError) -> None:
        super().__init__(error.field, error.rule)
        self.number = number
        self.name = name


def _parameters(
    spec: Replay, fields: dict[str, Any], renumbered: dict[str, dict[Any, Any]], gone: Mapping[str, set[Any]]
) -> dict[str, Any]:
    values = {spec.rename.get(k, k): v for k, v in fields.items() if k not in spec.drop and k != spec.numbers}
    for parameter, kind in spec.refers.items():
        old = values.get(parameter)
        if old is None:
            continue
        if old in gone.get(kind, ()):
            raise RuleViolationError(
                parameter,
                _("it refers to {what} {value}, which would be retracted").format(
                    what=pgettext("referred", kind.replace("_", " ")), value=old
                ),
            )
        values[parameter] = renumbered.get(kind, {}).get(old, old)
    values.update(spec.extra)
    return spec.adapt(values) if spec.adapt is not None else values


def replay(cls: type[Aggregate], steps: Sequence[Any], gone: Mapping[str, set[Any]]) -> list[Any]:
    """Record ``steps`` again on a new ``cls`` through its commands; the events they make.

    ``gone``: numbers of retracted steps that later steps must not refer to. Raises
    ``ReplayBrokenError`` naming the first step that breaks a rule.
    """
    replays: Mapping[str, Replay] = getattr(cls, "REPLAYS", {})
    renumbered: dict[str, dict[Any, Any]] = {}
    aggregate: Any = cls(**facts(steps[0]))
    for e in steps[1:]:
        name = type(e).__name__
        spec = replays[name]
        fields = facts(e)
        try:
            result = getattr(aggregate, spec.command)(**_parameters(spec, fields, renumbered, gone))
        except DomainError as error:
            raise ReplayBrokenError(e.originator_version, name, error) from None
        if spec.numbers:
            renumbered.setdefault(spec.numbers, {})[fields[spec.numbers]] = result
    events: list[Any] = aggregate.collect_events()
    assert len(events) == len(steps), (len(events), len(steps))
    return events


def _changes(before: Sequence[Any], after: Sequence[Any]) -> list[Change]:
    found: list[Change] = []
    for old, new in zip(before, after, strict=True):
        was, now = facts(old), facts(new)
        found += [[old.originator_version, f, was[f], now[f]] for f in was if was[f] != now.get(f)]
    return found


def plan_correction(
    cls: type[Aggregate],
    events: Sequence[Any],
    step: int,
    changes: Mapping[str, Any],
    *,
    mirrored: bool = False,
) -> list[Change]:
    """Every field a correction of ``step`` changes, in it and in later steps, checked by replay."""
    effective, _amends, retracted = effective_events(events)
    target = _target(cls, events, effective, retracted, step, "correct", mirrored=mirrored)
    unknown = [f for f in changes if f not in facts(target) or f in IDENTITY_FIELDS]
    if unknown:
        raise InvalidValueError(
            "correct",
            _("step #{step} has no correctable field {fields}").format(step=step, fields=", ".join(unknown)),
        )
    if all(facts(target)[f] == v for f, v in changes.items()):
        said = ", ".join(f"{f} {_said(facts(target)[f])}" for f in changes)
        raise InvalidValueError(
            "correct", _("step #{step} already says {said}; nothing to correct").format(step=step, said=said)
        )
    amended = [with_facts(e, changes) if e is target else e for e in effective]
    replayed = replay(cls, amended, {})
    again = facts(replayed[effective.index(target)])
    for field, value in changes.items():
        if again[field] != value:  # the command works it out from the step's other facts
            raise InvalidValueError(
                f"correct.{field}",
                _(
                    "step #{step}'s {field} follows from its other facts ({said}); correct those instead"
                ).format(step=step, field=field, said=_said(again[field])),
            )
    return _changes(effective, replayed)


def _said(value: Any) -> str:
    return str(value.value if isinstance(value, Enum) else value)


def plan_retraction(cls: type[Aggregate], events: Sequence[Any], step: int) -> list[Change]:
    """What retracting ``step`` changes in the later steps (renumbering), checked by replay."""
    effective, _amends, retracted = effective_events(events)
    target = _target(cls, events, effective, retracted, step, "retract")
    if target is effective[0]:
        raise RuleViolationError(
            "retract",
            _("step #{step} opened the record; a record cannot be retracted whole").format(step=step),
        )
    spec = getattr(cls, "REPLAYS", {})[type(target).__name__]
    gone: dict[str, set[Any]] = {spec.numbers: {facts(target)[spec.numbers]}} if spec.numbers else {}
    kept = [e for e in effective if e is not target]
    return _changes(kept, replay(cls, kept, gone))


def _target(
    cls: type[Aggregate],
    history: Sequence[Any],
    effective: Sequence[Any],
    retracted: set[int],
    step: int,
    doing: str,
    *,
    mirrored: bool = False,
) -> Any:
    if step in retracted:
        rule = (
            _("step #{step} was retracted; it can no longer be corrected")
            if doing == "correct"
            else _("step #{step} was retracted; it can no longer be retracted")
        )
        raise RuleViolationError(doing, rule.format(step=step))
    target = next((e for e in effective if e.originator_version == step), None)
    amending: Any = next((e for e in history if e.originator_version == step and isinstance(e, Amends)), None)
    if amending is not None:
        rule = (
            _("#{step} is a retraction itself and stays in the history; to undo it, record it again (#{of})")
            if type(amending).__name__ == RETRACTED
            else _(
                "#{step} is a correction itself and stays in the history;"
                " to undo it, correct it again (#{of})"
            )
        )
        raise InvalidValueError(doing, rule.format(step=step, of=amending.step))
    if target is None:
        last = max(e.originator_version for e in effective)
        raise InvalidValueError(
            doing,
            _("#{step} is not a step of this record (its steps run #1-#{last})").format(step=step, last=last),
        )
    name = type(target).__name__
    elsewhere = getattr(cls, "RECORDED_ELSEWHERE", {}).get(name)
    if elsewhere and not mirrored:
        raise RuleViolationError(
            doing, _("step #{step} ({name}) {why}").format(step=step, name=name, why=_(elsewhere))
        )
    return target
