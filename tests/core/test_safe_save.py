"""The backup is as safe as the file: .bak replaced by rename after the new version is written, failures leave
both as they were, leftovers are cleaned, read-only files are not overwritten, any valid name saves."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from factories import filled_report
from nianbao.core import storage
from nianbao.core.oserrors import describe
from nianbao.core.storage import ReadOnlyTarget, StorageError


def _two_versions(path: Path) -> tuple[bytes, bytes]:
    report = filled_report()
    storage.save(report, path)
    report.meta.issuer = "第二版"
    storage.save(report, path)
    return storage.backup_path(path).read_bytes(), path.read_bytes()


def test_a_failed_save_leaves_file_and_backup_as_they_were(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.nianbao"
    bak_before, file_before = _two_versions(path)
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError, match="磁盘空间不足"):
        storage.save(filled_report("gov2019"), path)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert path.read_bytes() == file_before
    assert storage.backup_path(path).read_bytes() == bak_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.nianbao", "a.nianbao.bak"]


def test_backup_is_always_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "a.nianbao"
    report = filled_report()
    versions = []
    for issuer in ("一", "二", "三"):
        report.meta.issuer = issuer
        storage.save(report, path)
        versions.append(path.read_bytes())
        if len(versions) > 1:
            assert storage.backup_path(path).read_bytes() == versions[-2]
    assert storage.load(storage.backup_path(path)).meta.issuer == "二"


def test_leftover_temporary_files_are_removed_on_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "a.nianbao"
    storage.save(filled_report(), path)
    ours = [tmp_path / f"{storage.TEMP_PREFIX}dead{i}.tmp" for i in range(3)] + [tmp_path / ".a.nianbao.x1y2.tmp"]
    fresh = tmp_path / f"{storage.TEMP_PREFIX}live.tmp"  # a save in progress in another window: kept
    foreign = tmp_path / "notes.tmp"
    old = time.time() - 3600
    for p in (*ours, fresh, foreign):
        p.write_bytes(b"x")
    for p in (*ours, foreign):
        os.utime(p, (old, old))
    storage.save(filled_report(), path)
    assert not any(p.exists() for p in ours)
    assert fresh.exists() and foreign.exists()


def test_read_only_project_file_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.nianbao"
    storage.save(filled_report(), path)
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        with pytest.raises(ReadOnlyTarget, match=r"只读文件.*另存为"):
            storage.save(filled_report("gov2019"), path)
        assert path.read_bytes() == before
    finally:
        path.chmod(0o644)


def test_a_blocked_backup_warns_and_never_blocks_the_save(tmp_path: Path) -> None:
    path = tmp_path / "a.nianbao"
    storage.save(filled_report(), path)
    storage.backup_path(path).mkdir()  # a folder named like the backup
    report = filled_report("gov2019")
    warnings = storage.save(report, path)
    assert storage.load(path) == report
    assert len(warnings) == 1 and "备份文件" in warnings[0] and "报告本身已保存" in warnings[0]
    assert "directory" not in warnings[0].lower()


def test_any_valid_file_name_saves(tmp_path: Path) -> None:
    for name_bytes in (242, 250, 255):
        stem = "报" * ((name_bytes - len(".nianbao")) // 3)
        name = stem + "x" * (name_bytes - len(".nianbao") - len(stem.encode())) + ".nianbao"
        assert len(name.encode()) == name_bytes
        path = tmp_path / name
        storage.save(filled_report(), path)
        warnings = storage.save(filled_report(), path)  # .bak name is too long at 255: a warning only
        assert storage.load(path) == filled_report()
        assert len(warnings) <= 1


@pytest.mark.parametrize(
    ("err", "expected"),
    [
        (OSError(errno.EISDIR, "Is a directory"), "文件夹"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), "文件名或路径过长"),
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (OSError(errno.EROFS, "Read-only file system"), "只能读取"),
        (OSError(12345, "Weird English text"), "错误代码 12345"),
    ],
)
def test_os_errors_are_described_in_chinese(err: OSError, expected: str) -> None:
    text = describe(err)
    assert expected in text
    assert not any(c.isascii() and c.isalpha() for c in text.replace("U", "").replace("WPS", ""))


def test_a_folder_with_the_project_name_is_a_chinese_message(tmp_path: Path) -> None:
    (tmp_path / "a.nianbao").mkdir()
    with pytest.raises(StorageError, match="文件夹") as exc:
        storage.save(filled_report(), tmp_path / "a.nianbao")
    assert "directory" not in str(exc.value).lower()
