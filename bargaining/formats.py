"""How dates and money appear in the rows the services return: ISO 8601, and yuan to the fen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"
