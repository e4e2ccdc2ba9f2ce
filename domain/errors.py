"""One small hierarchy of rule violations, raised where the rule lives."""

from __future__ import annotations

from domain.i18n import _


def shown(value: object, limit: int = 40) -> str:
    """What was typed, quoted for a one-line message: escapes visible, at most ``limit`` characters."""
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    return _("{start}… ({length} characters)").format(start=repr(text[:limit]), length=f"{len(text):,}")


def printable(value: object) -> str:
    """A path or name for a one-line message: as it is, or quoted with escapes if it needs them."""
    text = str(value)
    return text if text.isprintable() else shown(text, limit=200)


class DomainError(Exception):
    """A command broke a rule. ``field`` names what was wrong, ``rule`` says why.

    The message is the one line a negotiator reads: ``vote.present: 58 of 90 is below ...``.
    """

    def __init__(self, field: str, rule: str) -> None:
        super().__init__(f"{field}: {rule}")
        self.field = field
        self.rule = rule


class RuleViolationError(DomainError):
    """The input is well formed but the law or the procedure forbids it."""


class InvalidValueError(DomainError):
    """The input cannot be true (a negative count, an end before a start)."""


class StageError(RuleViolationError):
    """The step is not possible at the stage the negotiation or contract is in."""
