"""Recently used files, kept as a small JSON list in paths.data_dir()."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from nianbao.core.storage import StorageError, write_atomic

RECENT_LIMIT = 8


class RecentFiles:
    def __init__(self, path: Path, limit: int = RECENT_LIMIT) -> None:
        self.path = path
        self.limit = limit

    def paths(self) -> list[Path]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [Path(p) for p in raw if isinstance(p, str)] if isinstance(raw, list) else []

    def add(self, path: Path) -> None:
        path = path.absolute()
        items = [path, *(p for p in self.paths() if p != path)][: self.limit]
        with contextlib.suppress(StorageError):  # a read-only profile must not break saving the report
            write_atomic(self.path, json.dumps([str(p) for p in items], ensure_ascii=False).encode("utf-8"))

    def remove(self, path: Path) -> None:
        """Drop a file that can no longer be opened, so the next start does not try it again."""
        path = path.absolute()
        items = [p for p in self.paths() if p.absolute() != path]
        with contextlib.suppress(StorageError):
            write_atomic(self.path, json.dumps([str(p) for p in items], ensure_ascii=False).encode("utf-8"))

    def last(self) -> Path | None:
        """The last file used, if it still exists."""
        return next((p for p in self.paths() if p.is_file()), None)
