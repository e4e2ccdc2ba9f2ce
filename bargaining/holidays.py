"""The PRC holiday calendar: the State Council's yearly holiday notices, with their make-up
working days (调休), as the ``chinesecalendar`` package carries them.

That package is maintained for exactly this: a new release follows each year's notice, which
the State Council publishes some weeks before the year begins. Upgrading it is how a store
learns the new year's holidays: the views notice the new data (``identity``) and rebuild
their deadlines on the next command.

Nothing here is imported until a day is counted: a report on fresh views never loads it.
"""

from __future__ import annotations

import os
import zlib
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from domain.calendar import HolidayCalendar

PACKAGE = "chinese_calendar"


def prc() -> HolidayCalendar:
    """Every statutory holiday and make-up working day the installed package knows."""
    from chinese_calendar import __version__, constants  # noqa: PLC0415 - on first use only

    from domain.calendar import HolidayCalendar  # noqa: PLC0415 - on first use only

    holidays = frozenset(constants.holidays)
    last = date(max(holidays).year, 12, 31)
    return HolidayCalendar(
        holidays=holidays,
        workdays=frozenset(constants.workdays),
        last=last,
        source=f"State Council holiday notices to {last.year} (chinesecalendar {__version__})",
    )


def identity() -> str:
    """What distinguishes one release's holiday data from another's, without importing it (a
    read command asks this every time): the checksum of the package's data file."""
    from importlib.machinery import PathFinder  # noqa: PLC0415 - loaded at start-up already

    spec = PathFinder.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return "none"
    path = os.path.join(next(iter(spec.submodule_search_locations)), "constants.py")
    try:
        with open(path, "rb") as file:
            return f"{PACKAGE} {zlib.crc32(file.read()):08x}"
    except OSError:
        return "none"
