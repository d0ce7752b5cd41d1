"""The .nianbao project file: versioned UTF-8 JSON, atomic saves, clear Chinese errors."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from nianbao.core.report import LEVELS, Metadata, PreviousYear, Report
from nianbao.core.values import Value, ValueError_, check_value
from nianbao.definition import format_ids, load_format

FILE_VERSION = 1
MAGIC = "nianbao"  # the key whose value is the file-format version
SUFFIX = ".nianbao"


class StorageError(Exception):
    """A project file that cannot be read or written; str(exc) is a Chinese message for the user."""


# ---------------------------------------------------------------------------------- to / from JSON
def _json_value(v: Value) -> int | str:
    return v if isinstance(v, int) else format(v, "f")


def to_json(report: Report) -> dict[str, Any]:
    fmt = report.fmt
    order = {c: i for i, c in enumerate(fmt.cells)}
    data: dict[str, Any] = {
        MAGIC: FILE_VERSION,
        "format": report.format_id,
        "meta": {
            "issuer": report.meta.issuer,
            "year": report.meta.year,
            "level": report.meta.level,
            "contact": report.meta.contact,
        },
        "narrative": {ch.id: report.narrative.get(ch.id, "") for ch in fmt.narrative_chapters},
        "values": {c: _json_value(report.values[c]) for c in sorted(report.values, key=order.__getitem__)},
    }
    if report.units:
        data["units"] = dict(sorted(report.units.items()))
    if report.notes:
        data["notes"] = {c: report.notes[c] for c in sorted(report.notes, key=order.__getitem__)}
    if report.accepted:
        data["accepted"] = dict(sorted(report.accepted.items()))
    if report.previous is not None:
        data["previous"] = {
            "format": report.previous.format_id,
            "year": report.previous.year,
            "values": {c: _json_value(v) for c, v in sorted(report.previous.values.items())},
        }
        if any(report.previous.narrative.values()):
            data["previous"]["narrative"] = {k: v for k, v in report.previous.narrative.items() if v}
    return data


def dumps(report: Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=1) + "\n"


def from_json(data: Any, name: str = "文件") -> Report:
    if not isinstance(data, dict) or MAGIC not in data:
        raise StorageError(f"“{name}”不是年报助手的项目文件。")
    version = data[MAGIC]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StorageError(f"“{name}”不是年报助手的项目文件（文件格式版本无法识别）。")
    if version > FILE_VERSION:
        raise StorageError(
            f"“{name}”由更新版本的年报助手保存（文件格式版本 {version}），"
            f"当前版本只能打开版本 {FILE_VERSION} 及以下的文件。请升级年报助手后再打开。"
        )
    fid = data.get("format")
    if fid not in format_ids():
        raise StorageError(f"“{name}”使用了未知的报告格式“{fid}”，无法打开。")
    fmt = load_format(fid)
    meta_raw = _obj(data.get("meta", {}), name, "meta")
    year = meta_raw.get("year", 0)
    if not isinstance(year, int) or isinstance(year, bool) or not 0 <= year <= 9999:
        raise StorageError(f"“{name}”中的报告年度“{year}”无效。")
    level = meta_raw.get("level", LEVELS[0])
    meta = Metadata(
        issuer=_text(meta_raw.get("issuer", ""), name, "发布机关"),
        year=year,
        level=_text(level, name, "层级"),
        contact=_text(meta_raw.get("contact", ""), name, "联系方式"),
    )
    narrative = {ch.id: "" for ch in fmt.narrative_chapters}
    for cid, text in _obj(data.get("narrative", {}), name, "narrative").items():
        if cid not in narrative:
            raise StorageError(f"“{name}”含有未知的章节“{cid}”。")
        narrative[cid] = _text(text, name, cid)
    values = _values(data.get("values", {}), fid, name)
    units: dict[str, str] = {}
    for cid, unit in _obj(data.get("units", {}), name, "units").items():
        spec = fmt.cells.get(cid)
        if spec is None or unit not in spec.units:
            raise StorageError(f"“{name}”中的计量单位“{unit}”无效。")
        units[cid] = unit
    accepted = {str(k): _text(v, name, "出错说明") for k, v in _obj(data.get("accepted", {}), name, "accepted").items()}
    notes = {}
    for cid, note in _obj(data.get("notes", {}), name, "notes").items():
        if cid not in fmt.cells:
            raise StorageError(f"“{name}”含有未知的单元格“{cid}”，可能不是本格式的报告。")
        notes[cid] = _text(note, name, "单元格注释")
    previous = None
    if data.get("previous") is not None:
        p = _obj(data["previous"], name, "previous")
        pfid = p.get("format")
        if pfid not in format_ids():
            raise StorageError(f"“{name}”中上年数据使用了未知的报告格式“{pfid}”。")
        pyear = p.get("year", 0)
        if not isinstance(pyear, int) or isinstance(pyear, bool):
            raise StorageError(f"“{name}”中上年数据的年度无效。")
        raw_text = _obj(p.get("narrative", {}), name, "previous")
        pnarrative = {str(k): _text(v, name, "上年正文") for k, v in raw_text.items()}
        previous = PreviousYear(pfid, pyear, _values(p.get("values", {}), pfid, name), pnarrative)
    return Report(fid, meta, narrative, values, units, accepted, previous, notes)


def _obj(v: Any, name: str, what: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise StorageError(f"“{name}”已损坏（“{what}”部分格式不对）。")
    return v


def _text(v: Any, name: str, what: str) -> str:
    if not isinstance(v, str):
        raise StorageError(f"“{name}”已损坏（“{what}”不是文字）。")
    return v


def _values(raw: Any, fid: str, name: str) -> dict[str, Value]:
    fmt = load_format(fid)
    out: dict[str, Value] = {}
    for cid, v in _obj(raw, name, "values").items():
        spec = fmt.cells.get(cid)
        if spec is None:
            raise StorageError(f"“{name}”含有未知的单元格“{cid}”，可能不是本格式的报告。")
        if isinstance(v, float):
            v = Decimal(repr(v))
        try:
            value = check_value(v, spec.kind)
        except ValueError_ as exc:
            raise StorageError(
                f"“{name}”中的数值有误：{_table_name(fid, spec.table)}“{spec.row_label}”行"
                f"“{spec.col_label}”列的“{v}”：{exc}。"
            ) from None
        if value is not None:
            out[cid] = value
    return out


def _table_name(fid: str, table: str) -> str:
    from nianbao.core.findings import table_name

    return table_name(load_format(fid), table)


# ---------------------------------------------------------------------------------- files
def read_bytes(path: Path, what: str = "项目文件", locked_hint: str = "") -> bytes:
    """Read a whole file; failures raise StorageError with a Chinese message."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StorageError(f"找不到文件“{path}”。") from None
    except IsADirectoryError:
        raise StorageError(f"“{path}”是文件夹，不是{what}。") from None
    except PermissionError:
        raise StorageError(f"没有权限读取“{path}”{locked_hint}。") from None
    except OSError as exc:
        raise StorageError(f"无法读取“{path}”：{exc.strerror or exc}。") from None


def load(path: str | os.PathLike[str]) -> Report:
    p = Path(path)
    return loads(read_bytes(p), p.name)


def loads(raw: bytes | str, name: str = "文件") -> Report:
    try:
        # a BOM (Notepad) is dropped by hand: the utf-8-sig codec is one more module to import at start-up
        text = (raw.decode("utf-8") if isinstance(raw, bytes) else raw).removeprefix("\ufeff")
        data = json.loads(text, parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise StorageError(f"“{name}”不是年报助手的项目文件（内容无法识别，可能已损坏）。") from None
    return from_json(data, name)


def save(report: Report, path: str | os.PathLike[str], backup: bool = True) -> None:
    """Atomic: write a temp file beside the target, fsync, keep the old file as .bak, replace."""
    write_atomic(Path(path), dumps(report).encode("utf-8"), backup=backup)


def write_atomic(target: Path, payload: bytes, backup: bool = False) -> None:
    """Write bytes to target atomically; on any failure the target is untouched and no temp file stays."""
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        _chmod_like(fd, target)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and target.is_file():
            bak = target.with_name(target.name + ".bak")
            shutil.copyfile(target, bak)
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_dir(folder)
    except OSError as exc:
        raise StorageError(f"无法保存到“{target}”：{_reason(exc)}") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _chmod_like(fd: int, target: Path) -> None:
    """mkstemp creates 0600 files: give the new file the old one's mode, or the usual umask mode."""
    if os.name != "posix":
        return
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.fchmod(fd, mode)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足。请清理磁盘或换一个位置保存。"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "没有写入权限（文件夹只读，或文件正被 Word、WPS 等其他程序打开）。请关闭占用的程序或另存到其他位置。"
    if isinstance(exc, FileNotFoundError):
        return "文件夹不存在。"
    return f"{exc.strerror or exc}。"
