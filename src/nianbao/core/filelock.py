"""One writer per project file: a visible lock file beside it, the way office suites do it.

`~$报告.nianbao` holds who opened the file (user, computer, process, time). It is created with O_EXCL, which is
atomic on local disks and on SMB/NFS shares, so two instances never both own a file. A lock is stale when its
process is gone (same computer) or when it was not refreshed for STALE_SECONDS (another computer: the owner
refreshes it every REFRESH_SECONDS while the file is open). A stale lock is taken over.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import time
from dataclasses import asdict, dataclass
from pathlib import Path

LOCK_PREFIX = "~$"
REFRESH_SECONDS = 60
STALE_SECONDS = 10 * 60


@dataclass(frozen=True, slots=True)
class Owner:
    user: str
    host: str
    pid: int
    since: float  # time.time() when the file was opened

    def describe(self) -> str:
        when = time.strftime("%m月%d日 %H:%M", time.localtime(self.since)) if self.since else "不久前"
        who = self.user or "另一位用户"
        where = "本机的另一个年报助手窗口" if self.host == _host() else f"电脑“{self.host}”"
        return f"{who}（{where}）自 {when} 起"


def lock_path(project: Path) -> Path:
    return project.with_name(LOCK_PREFIX + project.name)


def _host() -> str:
    try:
        return socket.gethostname()
    except OSError:
        return ""


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (services, some Wine setups)
        return ""


def _me() -> Owner:
    return Owner(_user(), _host(), os.getpid(), time.time())


def read_owner(path: Path) -> Owner | None:
    """Who holds the lock file at `path` (None if absent or unreadable)."""
    try:
        raw = json.loads(path.read_bytes()[:4096].decode("utf-8", "replace"))
        return Owner(str(raw["user"])[:64], str(raw["host"])[:64], int(raw["pid"]), float(raw["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def process_alive(pid: int) -> bool:
    """A process of this computer is running (the owner of a lock or a temporary file)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows: ask for the process handle
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_stale(path: Path, owner: Owner | None) -> bool:
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return True
    if owner is None:  # unreadable: a torn write of a crashed owner, or a file we do not know
        return age > STALE_SECONDS
    if owner.host == _host():
        return owner.pid != os.getpid() and not process_alive(owner.pid)
    return age > STALE_SECONDS


class FileLock:
    """The lock of one project file held by this process."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.path = lock_path(project)
        self.owner = _me()

    def _create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(self.owner), fh, ensure_ascii=False)
        return True

    def refresh(self) -> None:
        """Touch the lock so other computers see it is in use (called while the file is open)."""
        with contextlib.suppress(OSError):
            os.utime(self.path)

    def release(self) -> None:
        if read_owner(self.path) == self.owner:
            with contextlib.suppress(OSError):
                self.path.unlink()


def acquire(project: Path) -> FileLock | Owner | None:
    """Lock `project`: the lock, or the Owner holding it. None when no lock file can be made (read-only folder,
    a share without create rights): the file then opens unlocked; saving there fails on its own anyway."""
    lock = FileLock(project)
    for _attempt in range(2):
        try:
            if lock._create():
                return lock
        except OSError:
            return None
        owner = read_owner(lock.path)
        if owner is not None and owner.pid == os.getpid() and owner.host == _host():
            return owner  # this process already has it open (another window of ours)
        if not is_stale(lock.path, owner):
            return owner if owner is not None else Owner("", "", 0, 0.0)
        with contextlib.suppress(OSError):
            lock.path.unlink()  # stale: taken over
    return None
