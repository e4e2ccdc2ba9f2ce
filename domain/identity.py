"""Aggregate identities from references.

Kept apart from the aggregates so that a command can ask whether a negotiation has a contract
without importing the contract aggregate (building its event classes costs ~30 ms a process).
"""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

__all__ = ["contract_id", "negotiation_id"]


def negotiation_id(reference: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"/negotiations/{reference}")


def contract_id(reference: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"/contracts/{reference}")
