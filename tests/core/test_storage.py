"""The .nianbao project file: round trip, atomic saves, clear errors that leave files untouched."""

from __future__ import annotations

import errno
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from factories import filled_report
from nianbao.core import storage
from nianbao.core.report import PreviousYear
from nianbao.core.storage import StorageError


def test_round_trip_is_identical(tmp_path: Path) -> None:
    for fid in ("gov2021", "gov2019"):
        report = filled_report(fid)
        report.accepted["X3:natural"] = "口径调整"
        report.previous = PreviousYear("gov2019", 2020, {"t3.forward.natural": 3})
        path = tmp_path / f"{fid}.nianbao"
        storage.save(report, path)
        again = storage.load(path)
        assert again == report
        assert storage.dumps(again) == path.read_text("utf-8")


def test_money_is_stored_exactly_as_text(tmp_path: Path) -> None:
    report = filled_report()
    report.values["t2.fees.amount"] = Decimal("0.0035")
    storage.save(report, tmp_path / "a.nianbao")
    data = json.loads((tmp_path / "a.nianbao").read_text("utf-8"))
    assert data["values"]["t2.fees.amount"] == "0.0035"
    assert data["nianbao"] == storage.FILE_VERSION and data["format"] == "gov2021"
    assert storage.load(tmp_path / "a.nianbao").values["t2.fees.amount"] == Decimal("0.0035")


def test_blank_cells_are_absent(tmp_path: Path) -> None:
    report = filled_report()
    del report.values["t3.open.natural"]
    data = json.loads(storage.dumps(report))
    assert "t3.open.natural" not in data["values"]


def test_save_keeps_a_backup_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "报告.nianbao"
    report = filled_report()
    storage.save(report, path)
    first = path.read_bytes()
    report.meta.issuer = "改名镇人民政府"
    storage.save(report, path)
    assert (tmp_path / "报告.nianbao.bak").read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.nianbao", "报告.nianbao.bak"]


def test_a_failed_write_leaves_the_old_file_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.nianbao"
    storage.save(filled_report(), path)
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError, match="磁盘空间不足"):
        storage.save(filled_report("gov2019"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.nianbao"]


def test_permission_error_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(StorageError, match="没有权限") as exc:
        storage.save(filled_report(), tmp_path / "a.nianbao")
    assert "其他程序" in str(exc.value) and "Permission" not in str(exc.value)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="无法保存"):
        storage.save(filled_report(), tmp_path / "no" / "such" / "a.nianbao")


def _write(tmp_path: Path, content: bytes | str) -> Path:
    path = tmp_path / "x.nianbao"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def _valid() -> dict[str, object]:
    project: dict[str, object] = json.loads(storage.dumps(filled_report()))
    return project


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "不是年报助手的项目文件（内容无法识别"),
        ("{not json", "不是年报助手的项目文件（内容无法识别"),
        ('{"hello": 1}', "不是年报助手的项目文件。"),
        ("[1, 2]", "不是年报助手的项目文件。"),
        (json.dumps({**_valid(), "nianbao": 99}), "更新版本的年报助手"),
        (json.dumps({**_valid(), "format": "gov2030"}), "未知的报告格式“gov2030”"),
        (json.dumps({**_valid(), "values": {"t3.open.natural": -4}}), "“-4”：件数不能为负数"),
        (json.dumps({**_valid(), "values": {"t3.open.natural": "abc"}}), "表三“（一）予以公开”行“自然人”列"),
        (json.dumps({**_valid(), "values": {"t9.nope": 1}}), "未知的单元格"),
        (json.dumps({**_valid(), "meta": {"year": "二〇二五"}}), "报告年度"),
        (json.dumps({**_valid(), "narrative": {"ch1": 5}}), "不是文字"),
    ],
)
def test_bad_files_give_their_own_message_and_stay_untouched(
    tmp_path: Path, content: bytes | str, message: str
) -> None:
    path = _write(tmp_path, content)
    before = path.read_bytes()
    with pytest.raises(StorageError) as exc:
        storage.load(path)
    assert message in str(exc.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["x.nianbao"]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="找不到文件"):
        storage.load(tmp_path / "none.nianbao")
    with pytest.raises(StorageError, match="是文件夹"):
        storage.load(tmp_path)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    report = filled_report()
    path = _write(tmp_path, b"\xef\xbb\xbf" + storage.dumps(report).encode("utf-8"))
    assert storage.load(path) == report


def test_saved_files_get_normal_permissions(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX file modes only")
    path = tmp_path / "a.nianbao"
    storage.save(filled_report(), path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    path.chmod(0o640)
    storage.save(filled_report(), path)
    assert path.stat().st_mode & 0o777 == 0o640
