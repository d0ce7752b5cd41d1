"""A full disk and a read-only disk, on a small tmpfs (needs root to mount; skipped with the reason otherwise)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from factories import filled_report
from nianbao.core import storage


@contextlib.contextmanager
def tmpfs(folder: Path, size_kb: int) -> Iterator[Path]:
    folder.mkdir()
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)], check=False,
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> None:
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as fh:
        while True:
            fh.write(b"\0" * 4096)
            fh.flush()
            os.fsync(fh.fileno())


def test_disk_full_leaves_file_and_backup_as_they_were(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", 256) as disk:
        path = disk / "报告.nianbao"
        report = filled_report()
        storage.save(report, path)
        report.meta.issuer = "第二版"
        storage.save(report, path)
        before, bak_before = path.read_bytes(), storage.backup_path(path).read_bytes()
        _fill(disk)
        report.narrative["ch1"] = "新写的正文" * 2000
        with pytest.raises(storage.StorageError, match="磁盘空间不足") as exc:
            storage.save(report, path)
        assert "No space" not in str(exc.value)
        assert path.read_bytes() == before and storage.backup_path(path).read_bytes() == bak_before
        assert not [p for p in disk.iterdir() if p.name.endswith(".tmp")]


def test_read_only_disk_refuses_with_a_chinese_message(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", 256) as disk:
        path = disk / "报告.nianbao"
        storage.save(filled_report(), path)
        before = path.read_bytes()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        with pytest.raises(storage.StorageError) as exc:
            storage.save(filled_report("gov2019"), path)
        assert "只能读取" in str(exc.value) or "只读" in str(exc.value)
        assert "Read-only" not in str(exc.value)
        assert path.read_bytes() == before
