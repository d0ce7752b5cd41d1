"""Autosave to paths.autosave_dir(): one file per open window, guarded by a lock so a crash leaves an orphan."""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nianbao.core import storage
from nianbao.core.report import Report

if TYPE_CHECKING:  # imported with the first lock: a start without autosaves needs none
    from PySide6.QtCore import QLockFile

AUTOSAVE_MS = 2 * 60 * 1000


@dataclass(frozen=True, slots=True)
class Orphan:
    """An autosave left by a window that did not exit cleanly."""

    token: str
    data: Path
    origin: Path | None
    saved_at: str
    title: str

    def description(self) -> str:
        where = f"原文件：{self.origin}" if self.origin else "尚未保存过的新报告"
        return f"{self.title or '（无标题）'}\n{where}\n自动保存于 {self.saved_at}"


class Autosaver:
    def __init__(self, folder: Path, token: str | None = None) -> None:
        self.folder = folder
        self.token = token or os.urandom(6).hex()
        self._lock: QLockFile | None = None

    @property
    def data_path(self) -> Path:
        return self.folder / f"{self.token}{storage.SUFFIX}"

    @property
    def info_path(self) -> Path:
        return self.folder / f"{self.token}.json"

    def _lock_file(self) -> QLockFile:
        from PySide6.QtCore import QLockFile

        lock = QLockFile(str(self.folder / f"{self.token}.lock"))
        lock.setStaleLockTime(0)  # stale only when the owning process is gone
        return lock

    def hold(self) -> bool:
        if self._lock is None:
            lock = self._lock_file()
            if not lock.tryLock(0):
                return False
            self._lock = lock
        return True

    def write(self, report: Report, origin: Path | None) -> None:
        """Raises StorageError (Chinese message) if the autosave folder is not writable."""
        self.hold()
        storage.write_atomic(self.data_path, storage.dumps(report).encode("utf-8"))
        info = {
            "origin": str(origin) if origin else None,
            "saved_at": time.strftime("%Y-%m-%d %H:%M"),
            "title": report.title(),
        }
        storage.write_atomic(self.info_path, json.dumps(info, ensure_ascii=False).encode("utf-8"))

    @property
    def exists(self) -> bool:
        return self.data_path.exists()

    def discard(self) -> None:
        """Clean exit or saved: remove the autosave and its lock."""
        for p in (self.data_path, self.info_path):
            with contextlib.suppress(OSError):
                p.unlink()
        self.release()

    def release(self) -> None:
        """Drop the lock but keep the files (what a crash leaves behind)."""
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    @classmethod
    def orphans(cls, folder: Path) -> list[Orphan]:
        """Autosaves whose window is gone, newest first."""
        found = []
        for info_path in folder.glob("*.json"):
            token = info_path.stem
            data = folder / f"{token}{storage.SUFFIX}"
            lock = cls(folder, token)._lock_file()
            if not data.exists() or not lock.tryLock(0):
                continue
            lock.unlock()
            try:
                info = json.loads(info_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                info = {}
            origin = info.get("origin") if isinstance(info, dict) else None
            found.append(
                Orphan(
                    token,
                    data,
                    Path(origin) if isinstance(origin, str) else None,
                    str(info.get("saved_at", "")) if isinstance(info, dict) else "",
                    str(info.get("title", "")) if isinstance(info, dict) else "",
                )
            )
        return sorted(found, key=lambda o: o.data.stat().st_mtime, reverse=True)

    @classmethod
    def adopt(cls, folder: Path, orphan: Orphan) -> Autosaver:
        """Take over an orphan's files so a second crash still leaves them."""
        saver = cls(folder, orphan.token)
        saver.hold()
        return saver

    @classmethod
    def claim(cls, folder: Path, orphan: Orphan) -> Autosaver | None:
        """Hold an orphan's lock, or None when another instance holds it (or already recovered it)."""
        saver = cls(folder, orphan.token)
        if not saver.hold():
            return None
        if not saver.exists:
            saver.release()
            return None
        return saver

    @classmethod
    def remove(cls, folder: Path, orphan: Orphan) -> None:
        cls(folder, orphan.token).discard()
