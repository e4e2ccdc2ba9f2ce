"""The holiday data, read from its package once and then from a copy kept beside the code."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from chinese_calendar import constants

from bargaining.store import codecache, holidays


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(codecache.CACHE_ENV, str(tmp_path / "cache.bin"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return tmp_path / holidays.KEPT


def test_the_kept_copy_is_the_packages_data(kept: Path) -> None:
    first = holidays.prc()
    assert kept.exists()
    again = holidays.prc()  # from the copy
    assert again == first
    assert again.holidays == frozenset(constants.holidays)
    assert again.workdays == frozenset(constants.workdays)


@pytest.mark.parametrize(
    "written",
    [b"", b"garbage", b"bargaining holiday data chinesecalendar 0.0.1 00000000\n\x00\x00\x00\x00"],
)
def test_a_damaged_or_other_releases_copy_is_not_used_and_is_written_again(
    kept: Path, written: bytes
) -> None:
    kept.write_bytes(written)
    calendar = holidays.prc()
    assert calendar.holidays == frozenset(constants.holidays)
    assert kept.read_bytes() != written
    assert holidays.prc() == calendar


def test_a_copy_claiming_the_release_with_data_of_the_wrong_shape_is_not_used(kept: Path) -> None:
    header = f"bargaining holiday data {holidays.identity()}\n".encode()
    codecache.write_kept(str(kept), header, ("1.0", (), ()))  # no holidays at all
    assert holidays.prc().holidays == frozenset(constants.holidays)


def test_with_bytecode_writing_off_the_copy_is_written_only_on_purpose(
    kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    holidays.prc()
    assert not kept.exists()
    holidays.prc(keep=True)  # as make setup does
    assert kept.exists()


def test_with_the_cache_off_nothing_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(codecache.CACHE_ENV, "off")
    assert holidays.prc(keep=True).holidays == frozenset(constants.holidays)
    assert codecache.kept_path(holidays.KEPT) is None
