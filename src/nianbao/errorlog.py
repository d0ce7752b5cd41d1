"""Tracebacks of unexpected errors, written under the user data folder (logs/) for support; Qt-free."""

from __future__ import annotations

import contextlib
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from nianbao import __version__, paths

LOG_FOLDER = "logs"
KEEP_LOGS = 20


def details_text(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(exc_type, exc, tb)
    when = time.strftime("%Y-%m-%d %H:%M:%S")
    head = f"年报助手 {__version__}，Python {sys.version.split()[0]}，{sys.platform}，{when}\n"
    return head + "".join(lines)


def write_log(details: str) -> Path | None:
    """error-….log under the user data folder (older ones beyond KEEP_LOGS are removed); None if not writable."""
    try:
        folder = paths.data_dir() / LOG_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"error-{time.strftime('%Y%m%d-%H%M%S')}-{time.time_ns() // 1000 % 1000000:06d}.log"
        path.write_text(details, encoding="utf-8", errors="replace")
        for old in sorted(folder.glob("error-*.log"))[:-KEEP_LOGS]:
            with contextlib.suppress(OSError):
                old.unlink()
        return path
    except OSError:
        return None
