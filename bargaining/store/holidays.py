"""The PRC holiday calendar: the State Council's yearly holiday notices, with their make-up
working days (调休), as the ``chinesecalendar`` package carries them.

That package is maintained for exactly this: a new release follows each year's notice, which
the State Council publishes some weeks before the year begins. Upgrading it is how a store
learns the new year's holidays: the views notice the newer data (``identity``) and rebuild
their deadlines on the next command.

The data is loaded the first time a command looks the PRC profile up (``domain.reference``):
a report on fresh views does not, but for the deadlines report.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import zlib
from datetime import date
from typing import TYPE_CHECKING, TypeGuard

from bargaining.errors import SetupError
from bargaining.store import codecache
from domain.i18n import N_, _

if TYPE_CHECKING:
    from domain.calendar import HolidayCalendar

PACKAGE = "chinese_calendar"
KEPT = "holiday-data.bin"
DISTRIBUTION = "chinesecalendar"
MISSING = N_(
    "the {package} package (the State Council's holiday notices) is not installed in this"
    " environment: run `make setup`, or `pip install {package}`"
)


def prc(*, keep: bool = False) -> HolidayCalendar:
    """Every statutory holiday and make-up working day the installed package knows.

    Read from the package once, then from a copy kept beside the compiled code (see
    ``codecache``), checked against the package's ``identity``: importing the package builds
    its ~900 dates and an Enum, about 3% of a write command. ``keep`` writes the copy even
    where bytecode writing is off, as ``make setup`` does."""
    from domain.calendar import HolidayCalendar  # noqa: PLC0415 - on first use only

    release = identity()
    path = codecache.kept_path(KEPT) if release != "none" else None
    header = f"bargaining holiday data {release}\n".encode()
    data = codecache.read_kept(path, header) if path else None
    if not _well_formed(data):
        data = _from_package()
        if path and (keep or not sys.dont_write_bytecode):
            codecache.write_kept(path, header, data)
    version, holiday_days, work_days = data
    holidays = frozenset(map(date.fromordinal, holiday_days))
    first, last = date(min(holidays).year, 1, 1), date(max(holidays).year, 12, 31)
    return HolidayCalendar(
        holidays=holidays,
        workdays=frozenset(map(date.fromordinal, work_days)),
        first=first,
        last=last,
        source=f"State Council holiday notices {first.year}-{last.year} ({DISTRIBUTION} {version})",
    )


Kept = tuple[str, tuple[int, ...], tuple[int, ...]]  # version, holidays, make-up days (ordinals)


def _from_package() -> Kept:
    try:
        from chinese_calendar import __version__, constants  # noqa: PLC0415 - once, then kept
    except ImportError:
        raise SetupError("holidays", _(MISSING).format(package=DISTRIBUTION)) from None
    return (
        str(__version__),
        tuple(sorted(d.toordinal() for d in constants.holidays)),
        tuple(sorted(d.toordinal() for d in constants.workdays)),
    )


def _well_formed(data: object) -> TypeGuard[Kept]:
    if not (isinstance(data, tuple) and len(data) == 3 and isinstance(data[0], str)):
        return False
    holidays, workdays = data[1:]
    return bool(holidays) and all(_ordinals(days) for days in (holidays, workdays))


def _ordinals(days: object) -> bool:
    return isinstance(days, tuple) and all(type(n) is int and n > 0 for n in days)


@functools.cache
def identity() -> str:
    """Which release of the holiday data is installed, without importing it (a read command
    asks): ``chinesecalendar VERSION CHECKSUM``, the version read from the package's own
    ``__init__`` and the checksum of its data file. Once a process: an upgrade while it runs
    takes effect in the next one, as the data it counts with does."""
    # As importlib.util.find_spec finds a top-level package, without importing that module
    # (~2M instructions of a report): every finder on sys.meta_path, editable installs' too.
    finders = (getattr(finder, "find_spec", None) for finder in sys.meta_path)
    spec = next((found for find in finders if find and (found := find(PACKAGE, None))), None)
    if spec is None or spec.origin is None:
        return "none"
    folder = os.path.dirname(spec.origin)
    try:
        with open(spec.origin, encoding="utf-8") as file:
            found = re.search(r'^__version__ = "([^"]+)"', file.read(), re.MULTILINE)
        with open(os.path.join(folder, "constants.py"), "rb") as file:
            checksum = zlib.crc32(file.read())
    except OSError:
        return "none"
    return f"{DISTRIBUTION} {found.group(1) if found else '?'} {checksum:08x}"
