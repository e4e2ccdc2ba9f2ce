"""Second processes that a command starts for work its other core can do, and that die with it.

A command starts one as a plain ``python -P -m module`` process (``command``): not
multiprocessing, which would re-run the caller's main module, and ``-P`` so that a checkout
in the working directory is never imported in place of the installed package. The child
calls ``leave_with_parent`` first thing, so it ends however its parent ends (SIGKILL
included): the read models' catch-up helper (``bargaining.read.catchup``) and the report's
chart drawer (``bargaining.report.drawing``) both do.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading

PARENT_GONE = 70  # a child's exit status when its parent went first (nobody reads it)


def command(module: str, *args: str) -> list[str]:
    """The argv that runs ``module`` as a child of this process, with this interpreter."""
    return [sys.executable, "-P", "-m", module, *args]


def leave_with_parent() -> None:
    """End this process the moment its parent is gone, whatever ended the parent.

    The parent holds the write end of this process's stdin and never writes to it; the kernel
    closes it when the parent exits, is killed or crashes, and a read here then returns
    end-of-file. A thread waits for that and ends the process at once, without unwinding
    (``os._exit``): work in flight is never committed (SQLite and PostgreSQL roll an
    unfinished transaction back). A pipe rather than Linux's ``PR_SET_PDEATHSIG``: it works on
    every platform, needs no ctypes, and has no window between fork and set-up (a parent gone
    before this runs has already closed the pipe, and the first read returns at once).
    """

    def wait_for_end_of_file() -> None:
        # The raw descriptor, not sys.stdin: a thread blocked in a buffered read holds the
        # buffer's lock, and the interpreter's shutdown after a normal finish aborts on it.
        with contextlib.suppress(OSError):
            while os.read(0, 4096):
                pass
        os._exit(PARENT_GONE)

    threading.Thread(target=wait_for_end_of_file, name="parent-watch", daemon=True).start()
