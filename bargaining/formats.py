"""How dates and money appear in the rows the services return: ISO 8601, and yuan to the fen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def grouped(amount: str) -> str:
    """'2850000.00' -> '2,850,000.00', '-0.30' -> '-0.30': an exact amount, as the services
    give it, with thousands separators and its digits after the point kept."""
    whole, dot, cents = amount.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-')):,}{dot}{cents}"
