"""The open file's guard, without a window: lock, read-only owner, changed-on-disk stamp, 另存为 claim."""

from __future__ import annotations

import os
from pathlib import Path

from nianbao.core import filelock
from nianbao.core.file_guard import FileGuard


def _project(tmp_path: Path, name: str = "报告.nianbao") -> Path:
    path = tmp_path / name
    path.write_text("{}", encoding="utf-8")
    return path


def test_first_guard_locks_the_file_and_release_removes_the_lock(tmp_path: Path) -> None:
    path = _project(tmp_path)
    guard = FileGuard()
    guard.attach(path)
    assert filelock.lock_path(path).exists()
    assert not guard.read_only
    assert guard.banner_text() == ""
    guard.release()
    assert not filelock.lock_path(path).exists()
    assert guard.path is None


def test_second_guard_is_read_only_and_names_the_holder(tmp_path: Path) -> None:
    path = _project(tmp_path)
    first, second = FileGuard(), FileGuard()
    first.attach(path)
    second.attach(path)
    assert second.read_only
    assert "只读" in second.banner_text() and "另存为" in second.banner_text()
    assert second.claim(path) is not None  # 另存为 onto the held file is refused
    other = _project(tmp_path, "另一份.nianbao")
    assert second.claim(other) is None
    assert not filelock.lock_path(other).exists()  # claim only checks; saved() takes the lock
    second.saved(other)
    assert not second.read_only and filelock.lock_path(other).exists()
    first.release()
    second.release()


def test_changed_on_disk_notices_another_program_writing(tmp_path: Path) -> None:
    path = _project(tmp_path)
    guard = FileGuard()
    guard.attach(path)
    assert not guard.changed_on_disk(path)
    path.write_text('{"changed": true}', encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    assert guard.changed_on_disk(path)
    guard.saved(path)  # our own save takes the new stamp
    assert not guard.changed_on_disk(path)
    assert not guard.changed_on_disk(tmp_path / "其他.nianbao")
    guard.release()
