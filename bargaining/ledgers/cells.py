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
from domain.values import EARLIEST_YEAR, LATEST_YEAR

EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, past its 1900-02-29 bug
FIRST_SERIAL = 18_264  # 1950-01-01 as Excel numbers its days
# Dates as people type them: 2014-03-05, 2014/3/5, 2014.3.5, 2014年3月5日, 20140305.
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"  # a time after it (2014-03-05 00:00:00) says nothing more
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_COUNT = re.compile(r"^(\d+)\s*(人次|人|名|件)?$")
_MONEY = re.compile(r"^(-?)(\d+(?:,\d{3})*|\d*)(\.\d+)?\s*(万元|万|元)?$")
_NAME_SEPARATORS = re.compile(r"[、，,;；/\n]+")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
MAX_COUNT = 1_000_000
# A collective dispute's applicant cell: the named applicants "and others", so many in all
# (张三等5人, 张三等五人, 张三、李四等12名职工).
_ONE_FOR_MANY = re.compile(
    r"^(?P<names>.*?\S)\s*等\s*(?P<count>\d+|[零〇一二两三四五六七八九十百千万]+)\s*[人名]"
    r"(?:职工|员工|工人|劳动者|农民工)?$"
)
_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_CHINESE_DIGITS |= {"八": 8, "九": 9}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}


class CellError(ValueError):
    """A cell whose text is not the kind of fact its column holds."""


def text(value: object) -> str:
    """A cell as text, folded as typed forms are (full-width digits, ideographic spaces), without
    the apostrophe Excel users type before a number or a date to keep it as text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip().removeprefix("'").strip()


def plain(value: object) -> str:
    """A cell of free text (a name, a request) as it was typed: only the spaces around it go."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def blank(value: object) -> bool:
    return text(value) == ""


def day(value: object) -> date | None:
    """A date: an Excel date, its day number, or text in the common forms; None if blank."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise CellError(
                _("{day} is not a plausible date (years {first}-{last})").format(
                    day=value.isoformat(), first=EARLIEST_YEAR, last=LATEST_YEAR
                )
            )
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value == int(value) and 19000101 <= value <= 22001231:
            value = str(int(value))  # 20140305 typed as a number: read as the text it is
        elif value != int(value) or not FIRST_SERIAL <= value <= 2_958_465:
            # Below 1950 a day number is far more likely a year or a count typed in the column.
            raise CellError(_("{value} is not a date").format(value=value))
        else:
            return EXCEL_EPOCH + timedelta(days=int(value))
    written = text(value)
    if not written:
        return None
    found = _DATE.match(written) or _COMPACT_DATE.match(written)
    if found is None:
        raise CellError(_("{value} is not a date (write it as 2014-03-05)").format(value=written))
    try:
        day = date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise CellError(_("{value} is not a date").format(value=written)) from None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise CellError(
            _("{day} is not a plausible date (years {first}-{last})").format(
                day=day.isoformat(), first=EARLIEST_YEAR, last=LATEST_YEAR
            )
        )
    return day


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
    if not written or written in ("-", "—", "–", "/", "无"):
        return None  # the dash or 无 a ledger writes for "none"
    found = _MONEY.match(written)
    if found is None or not (found[2] or found[3]):
        raise CellError(_("{value} is not an amount of money").format(value=text(value)))
    # The cell's own unit (1.5万元, 800元) wins over its column's: a unit is said once.
    unit = {"万元": 10_000, "万": 10_000, "元": 1}.get(found[4] or "", scale)
    try:
        amount = Decimal(f"{found[1]}{found[2].replace(',', '')}{found[3] or ''}") * unit
    except InvalidOperation:
        raise CellError(_("{value} is not an amount of money").format(value=text(value))) from None
    if amount < 0:
        raise CellError(_("{value} is below zero").format(value=text(value)))
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError(_("{value} has more than two decimal places of a yuan").format(value=text(value)))
    return amount.quantize(Decimal("0.01"))


def names(value: object) -> list[str]:
    """Several names in one cell, as ledgers list them: 张三、李四 / 张三,李四 / one a line."""
    # Chinese names are also written with spaces between them (李四 王五); a Latin name keeps its
    # space (Zhang San).
    written = _CJK_SPACE.sub("、", plain(value))
    return [name for name in (n.strip() for n in _NAME_SEPARATORS.split(written)) if name]


def applicants(value: object) -> tuple[list[str], int | None]:
    """The applicants a cell names and, for a collective dispute's "张三等5人" (张三 and others,
    5 in all), the workers involved it states; None where it states no count."""
    written = plain(value)
    found = _ONE_FOR_MANY.match(written)
    if found is None:
        return names(value), None
    count = found["count"]
    number = int(count) if count.isdigit() else chinese_number(count)
    if number is None:
        raise CellError(_("{value}: {count} is not a number").format(value=written, count=count))
    if number > MAX_COUNT:
        raise CellError(_("{value} is more than {most}").format(value=written, most=MAX_COUNT))
    return names(found["names"]), number


def chinese_number(written: str) -> int | None:
    """A whole number in Chinese numerals (五, 十二, 一百零五, 两千, 三万); None if it is none."""
    total, section, digit = 0, 0, None
    for char in written:
        if char in _CHINESE_DIGITS:
            if digit:  # 一二: two digits with no unit between them
                return None
            digit = _CHINESE_DIGITS[char]
        elif char in _CHINESE_UNITS:
            section += (1 if digit is None else digit) * _CHINESE_UNITS[char]
            digit = None
        elif char == "万" and (section or digit) and not total:
            total, section, digit = (section + (digit or 0)) * 10_000, 0, None
        else:
            return None
    return total + section + (digit or 0)
