"""A pickled copy of each parsed packaged format in the user cache folder, so start-up skips TOML parsing.

The key is nianbao's version, the Python version, the TOML bytes and the definition package's sources (when they
are on disk), compared byte for byte (no hashing: hashlib's OpenSSL costs more to load than the comparison), so an
update, an edited definition or a changed loader rebuilds it. A missing,
stale, corrupt or unreadable cache is ignored and rewritten; failing to write it only costs the next start-up.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from nianbao import __version__, paths
from nianbao.definition.model import ReportFormat

_SOURCES = ("builder.py", "model.py", "rules.py", "frozen.py", "loader.py", "cache.py", "text_rules.py")
T = TypeVar("T")


def cache_path(format_id: str) -> Path:
    return paths.cache_dir() / f"definition-{format_id}.pickle"


def cache_key(data: bytes) -> bytes:
    parts = [f"{__version__}|{sys.version_info[:2]}".encode(), data]
    here = Path(__file__).parent
    for name in _SOURCES:
        try:
            parts.append((here / name).read_bytes())
        except OSError:  # frozen builds carry no sources; the version then stands for the code
            parts.append(b"")
    return b"\0".join(parts)


def read_cached(path: Path, key: bytes, kind: type[T] = ReportFormat) -> T | None:  # type: ignore[assignment]
    try:
        with open(path, "rb") as f:
            stored_key = pickle.load(f)
            if stored_key != key:
                return None
            fmt = pickle.load(f)
    except Exception:  # any unreadable cache (missing, truncated, foreign classes) is rebuilt
        return None
    return fmt if isinstance(fmt, kind) else None


def write_cached(path: Path, key: bytes, fmt: object) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            pickle.dump(key, f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(fmt, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def cached_format(format_id: str, data: bytes, build: Callable[[], ReportFormat]) -> ReportFormat:
    """The format parsed from data: from the cache when it matches, else built (errors propagate) and cached."""
    return cached(format_id, data, build, ReportFormat)


def cached(name: str, data: bytes, build: Callable[[], T], kind: type[T]) -> T:
    """What build() parses from data (a format, or its narrative rules): from the cache file `name` when it matches,
    else built (errors propagate) and cached."""
    key = cache_key(data)
    try:
        path = cache_path(name)
    except OSError:  # no user cache folder: just parse
        return build()
    fmt = read_cached(path, key, kind)
    if fmt is None:
        fmt = build()
        write_cached(path, key, fmt)
    return fmt
