"""The open project file's guard in the window: its lock (one writer per file), the read-only banner when another
instance holds it, and the on-disk stamp that tells when the file was changed by someone else since it was read.

core/filelock.py (with socket and getpass, 4-7 ms of imports) loads with the first file: a window that starts with
the example or a new report does not need it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from nianbao.core import storage

if TYPE_CHECKING:
    from nianbao.core.filelock import FileLock, Owner


class FileGuard:
    def __init__(self) -> None:
        self.path: Path | None = None
        self.lock: FileLock | None = None
        self.owner: Owner | None = None  # who holds the file when this window opened it read-only
        self.stamp: tuple[int, int] | None = None

    @property
    def read_only(self) -> bool:
        return self.owner is not None

    def attach(self, path: Path | None) -> None:
        """A file was opened (or a new report started: None)."""
        self.release()
        self.path = path
        if path is None:
            return
        from nianbao.core import filelock

        self.stamp = storage.file_stamp(path)
        got = filelock.acquire(path)
        if isinstance(got, filelock.FileLock):
            self.lock = got
        elif isinstance(got, filelock.Owner):
            self.owner = got

    def banner_text(self) -> str:
        if self.owner is None:
            return ""
        return (
            f"只读：此文件正由{self.owner.describe()}打开。为避免互相覆盖，本窗口不会保存到这个文件；"
            "如需保存修改，请用“另存为”保存为新文件。"
        )

    def claim(self, path: Path) -> Owner | None:
        """Before writing to another file (另存为): lock it; the Owner if someone else has it open."""
        if self.path is not None and path.absolute() == self.path.absolute() and self.lock is not None:
            return None
        from nianbao.core import filelock

        got = filelock.acquire(path)
        if isinstance(got, filelock.Owner):
            return got
        if isinstance(got, filelock.FileLock):
            got.release()  # taken for real in saved()
        return None

    def changed_on_disk(self, path: Path) -> bool:
        """The file we read was replaced or edited since (by another program or person)."""
        if self.path is None or path.absolute() != self.path.absolute():
            return False
        now = storage.file_stamp(path)
        return now is not None and self.stamp is not None and now != self.stamp

    def saved(self, path: Path) -> None:
        if self.path is not None and path.absolute() == self.path.absolute() and self.lock is not None:
            self.stamp = storage.file_stamp(path)
            return
        self.attach(path)

    def refresh(self) -> None:
        if self.lock is not None:
            self.lock.refresh()

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
        self.lock, self.owner, self.stamp, self.path = None, None, None, None
