"""A real browser for the tests: Debian's Chromium, driven by Playwright.

Playwright's Python package brings its driver, not a browser: the tests launch the Chromium
of Debian's ``chromium`` package (``.ci/run`` installs it when missing, as it does PostgreSQL).
Without it the browser tests are skipped, or fail where ``BARGAINING_REQUIRE_BROWSER`` (set by
``.ci/run``) says a browser must be there. Chromium is started without the background
connections it makes on its own (updates, sync, safe browsing), so that any request a page
makes is the page's.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

REQUIRE_ENV = "BARGAINING_REQUIRE_BROWSER"
FLAGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def browser() -> Iterator[Any]:
    """A headless Chromium (Playwright's Browser); skipped, or failed in CI, when missing."""
    path = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - a dev dependency
        path = None
    if path is None:
        reason = "no Chromium (apt-get install chromium) or no playwright (pip install -e '.[dev]')"
        if os.environ.get(REQUIRE_ENV, "").strip() not in ("", "0"):
            pytest.fail(f"a browser is required here: {reason}", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()
