"""A ledger's cells read as the facts they state: dates, counts, money, names, categories, outcomes.

A spreadsheet kept by hand holds what people type: a date as a real Excel date, as text
("2014/3/5", "2014年3月5日", "20140305") or as the day number Excel stores; a count as text
("12人"); an amount with ¥ and thousands separators, or in 万元. Each reader here takes any of
those and gives the value, or raises ``CellError`` with what is wrong, worded for the row's
report (``row 17, 受理日期: 2014-02-30 is not a date``). Money never passes through a float:
a number cell is read by its shortest decimal form and must have at most two places.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from domain.i18n import _

EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, past its 1900-02-29 bug
# Dates as people type them: 2014-03-05, 2014/3/5, 2014.3.5, 2014年3月5日, 20140305.
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_COUNT = re.compile(r"^(\d+)\s*(人次|人|名|件)?$")
_MONEY = re.compile(r"^(-?)(\d+(?:,\d{3})*|\d*)(\.\d+)?\s*(万元|万|元)?$")
_NAME_SEPARATORS = re.compile(r"[、，,;；/\n]+")
MAX_COUNT = 1_000_000


class CellError(ValueError):
    """A cell whose text is not the kind of fact its column holds."""


def text(value: object) -> str:
    """A cell as text, folded as typed forms are (full-width digits, ideographic spaces)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def blank(value: object) -> bool:
    return text(value) == ""


def day(value: object) -> date | None:
    """A date: an Excel date, its day number, or text in the common forms; None if blank."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value != int(value) or not 1 <= value <= 2_958_465:  # Excel's last day is 9999-12-31
            raise CellError(_("{value} is not a date").format(value=value))
        return EXCEL_EPOCH + timedelta(days=int(value))
    written = text(value)
    if not written:
        return None
    found = _DATE.match(written) or _COMPACT_DATE.match(written)
    if found is None:
        raise CellError(_("{value} is not a date (write it as 2014-03-05)").format(value=written))
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise CellError(_("{value} is not a date").format(value=written)) from None


def count(value: object) -> int | None:
    """A whole number of people or cases ("12", 12, "12人"); None if blank."""
    if isinstance(value, float) and not value.is_integer():
        raise CellError(_("{value} is not a whole number").format(value=value))
    written = text(value)
    if not written:
        return None
    found = _COUNT.match(written.replace(",", ""))
    if found is None:
        raise CellError(_("{value} is not a whole number").format(value=written))
    number = int(found[1])
    if number > MAX_COUNT:
        raise CellError(_("{value} is more than {most}").format(value=written, most=MAX_COUNT))
    return number


def money(value: object, *, scale: int = 1) -> Decimal | None:
    """Exact money in yuan, two places: 12600, "¥12,600.50", "1.26万元"; None if blank.

    ``scale`` is the column's unit in yuan (10,000 for a column headed 涉案金额（万元））."""
    if isinstance(value, bool):
        raise CellError(_("{value} is not an amount of money").format(value=value))
    if isinstance(value, int | float):
        written = repr(value) if isinstance(value, float) else str(value)
        if "e" in written.lower():
            raise CellError(_("{value} is not an amount of money").format(value=value))
    else:
        written = text(value).replace("¥", "").replace("￥", "").replace("RMB", "").replace(" ", "")
    if not written:
        return None
    found = _MONEY.match(written)
    if found is None or not (found[2] or found[3]):
        raise CellError(_("{value} is not an amount of money").format(value=text(value)))
    unit = {"万元": 10_000, "万": 10_000}.get(found[4] or "", 1)
    try:
        amount = Decimal(f"{found[1]}{found[2].replace(',', '')}{found[3] or ''}") * unit * scale
    except InvalidOperation:
        raise CellError(_("{value} is not an amount of money").format(value=text(value))) from None
    if amount < 0:
        raise CellError(_("{value} is below zero").format(value=text(value)))
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError(_("{value} has more than two decimal places of a yuan").format(value=text(value)))
    return amount.quantize(Decimal("0.01"))


def names(value: object) -> list[str]:
    """Several names in one cell, as ledgers list them: 张三、李四 / 张三,李四 / one a line."""
    return [name for name in (n.strip() for n in _NAME_SEPARATORS.split(text(value))) if name]
