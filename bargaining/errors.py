"""Errors of the application layer. The CLI turns each into one line and an exit code."""

from __future__ import annotations

from domain.errors import DomainError, InvalidValueError, RuleViolationError, StageError, printable, shown

__all__ = [
    "AlreadyExistsError",
    "BargainingError",
    "ConflictError",
    "DomainError",
    "InvalidValueError",
    "NotFoundError",
    "RuleViolationError",
    "SetupError",
    "StageError",
    "StoreBusyError",
    "StoreError",
    "printable",
    "shown",
]

# Every error a command can raise is a BargainingError; DomainError (a rule or a value) is one.
BargainingError = DomainError


class NotFoundError(DomainError):
    """No negotiation, contract or case has that reference."""


class AlreadyExistsError(DomainError):
    """The reference is taken: references are identities."""


class ConflictError(DomainError):
    """Someone else recorded a step on the same record between our read and our write."""


class StoreBusyError(DomainError):
    """The store stayed locked by another writer for longer than we wait."""


class StoreError(DomainError):
    """The store cannot be opened or used as configured."""


class SetupError(DomainError):
    """The installation lacks something a command needs (the font a PDF embeds)."""
