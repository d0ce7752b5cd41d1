"""The .nianbao project file: versioned UTF-8 JSON, atomic saves, clear Chinese errors."""

from __future__ import annotations

import contextlib
import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from nianbao.core import text as texts
from nianbao.core.oserrors import describe
from nianbao.core.report import LEVELS, Metadata, PreviousYear, Report, SkippedFile, SourceFile, Sources
from nianbao.core.values import FILE_PLACES, MAX_NUMBER_TEXT, InvalidValue, Value, check_value, quote
from nianbao.definition import ValueKind, format_ids, load_format

FILE_VERSION = 1
MAGIC = "nianbao"  # the key whose value is the file-format version
SUFFIX = ".nianbao"
MAX_FILE_BYTES = 20 * 1024 * 1024  # real project files are under 100 KB
MAX_SOURCES = 20_000  # files listed in a 汇总 report's sources (a county sums dozens, a province thousands)
MAX_SOURCE_PATH = 1_000  # characters of one file name with its folders
TEMP_PREFIX = ".~nianbao-"  # our temporary files; short, so any valid target name still saves
STALE_TEMP_SECONDS = 120  # a temporary file this old is a leftover of a killed save, not one in progress


class StorageError(Exception):
    """A project file that cannot be read or written; str(exc) is a Chinese message for the user."""


class ReadOnlyTarget(StorageError):
    """The project file is read-only: it is not overwritten; the user is offered 另存为."""


class _BadNumber(str):
    """A number in the JSON text that is never read as one (too long, exponent, NaN, Infinity)."""


_PLAIN_DECIMAL = re.compile(r"^-?\d+(?:\.\d+)?$")


def _json_float(text: str) -> Decimal | _BadNumber:
    if len(text) > MAX_NUMBER_TEXT or not _PLAIN_DECIMAL.match(text):
        return _BadNumber(text[:MAX_NUMBER_TEXT])
    return Decimal(text)


def _json_int(text: str) -> int | _BadNumber:
    return _BadNumber(text[:MAX_NUMBER_TEXT]) if len(text) > MAX_NUMBER_TEXT else int(text)


def _json_constant(text: str) -> _BadNumber:
    return _BadNumber(text)


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
    if report.sources is not None:
        data["sources"] = {
            "included": [{"file": s.file, "issuer": s.issuer, "year": s.year} for s in report.sources.included],
            "skipped": [{"file": s.file, "reason": s.reason} for s in report.sources.skipped],
        }
    return data


def dumps(report: Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=1) + "\n"


def from_json(data: Any, name: str = "文件", cleaned: list[str] | None = None) -> Report:
    """A Report from parsed JSON. Raises StorageError; text cleaned on the way is described in `cleaned`."""
    name = quote(name)
    cleaned = [] if cleaned is None else cleaned
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
        raise StorageError(f"“{name}”使用了未知的报告格式“{quote(str(fid))}”，无法打开。")
    fmt = load_format(fid)
    meta_raw = _obj(data.get("meta", {}), name, "meta")
    year = meta_raw.get("year", 0)
    if not isinstance(year, int) or isinstance(year, bool) or not 0 <= year <= 9999:
        raise StorageError(f"“{name}”中的报告年度“{quote(str(year))}”无效。")
    level = meta_raw.get("level", LEVELS[0])
    meta = Metadata(
        issuer=_text(meta_raw.get("issuer", ""), name, "发布机关", cleaned, texts.MAX_ISSUER, single_line=True),
        year=year,
        level=_text(level, name, "层级", cleaned, texts.MAX_LEVEL, single_line=True),
        contact=_text(meta_raw.get("contact", ""), name, "联系方式", cleaned, texts.MAX_CONTACT),
    )
    narrative = {ch.id: "" for ch in fmt.narrative_chapters}
    titles = {ch.id: ch.title for ch in fmt.narrative_chapters}
    for cid, text in _obj(data.get("narrative", {}), name, "narrative").items():
        if cid not in narrative:
            raise StorageError(f"“{name}”含有未知的章节“{quote(cid)}”。")
        narrative[cid] = _text(text, name, titles[cid], cleaned, texts.MAX_CHAPTER)
    values = _values(data.get("values", {}), fid, name)
    units: dict[str, str] = {}
    for cid, unit in _obj(data.get("units", {}), name, "units").items():
        spec = fmt.cells.get(cid)
        if spec is None or unit not in spec.units:
            raise StorageError(f"“{name}”中的计量单位“{quote(str(unit))}”无效。")
        units[cid] = unit
    accepted_raw = _obj(data.get("accepted", {}), name, "accepted")
    if len(accepted_raw) > len(fmt.rules):
        raise StorageError(
            f"“{name}”已损坏：其中有 {len(accepted_raw)} 条提示说明，多于本格式的 {len(fmt.rules)} 条勾稽规则。"
        )
    accepted = {
        quote(str(k), 200): _text(v, name, "出错说明", cleaned, texts.MAX_NOTE) for k, v in accepted_raw.items()
    }
    notes = {}
    for cid, note in _obj(data.get("notes", {}), name, "notes").items():
        if cid not in fmt.cells:
            raise StorageError(f"“{name}”含有未知的单元格“{quote(cid)}”，可能不是本格式的报告。")
        notes[cid] = _text(note, name, "单元格注释", cleaned, texts.MAX_NOTE)
    previous = None
    if data.get("previous") is not None:
        p = _obj(data["previous"], name, "previous")
        pfid = p.get("format")
        if pfid not in format_ids():
            raise StorageError(f"“{name}”中上年数据使用了未知的报告格式“{quote(str(pfid))}”。")
        pyear = p.get("year", 0)
        if not isinstance(pyear, int) or isinstance(pyear, bool):
            raise StorageError(f"“{name}”中上年数据的年度无效。")
        raw_text = _obj(p.get("narrative", {}), name, "previous")
        if len(raw_text) > 20:  # a report has a handful of chapters
            raise StorageError(f"“{name}”已损坏（上年正文的章节过多）。")
        pnarrative = {
            quote(str(k)): _text(v, name, "上年正文", cleaned, texts.MAX_CHAPTER) for k, v in raw_text.items()
        }
        previous = PreviousYear(pfid, pyear, _values(p.get("values", {}), pfid, name), pnarrative)
    sources = None if data.get("sources") is None else _sources(data["sources"], name, cleaned)
    return Report(fid, meta, narrative, values, units, accepted, previous, notes, sources)


def _sources(raw: Any, name: str, cleaned: list[str]) -> Sources:
    """The optional `sources` of a 汇总 report: bounded lists of {file, issuer, year} and {file, reason}."""
    s = _obj(raw, name, "sources")

    def items(key: str) -> list[dict[str, Any]]:
        v = s.get(key, [])
        if not isinstance(v, list) or len(v) > MAX_SOURCES:
            raise StorageError(f"“{name}”已损坏（汇总来源的文件列表无效或过长）。")
        return [_obj(item, name, "sources") for item in v]

    def path(item: dict[str, Any]) -> str:
        return _text(item.get("file", ""), name, "汇总来源", cleaned, MAX_SOURCE_PATH, single_line=True)

    included = []
    for item in items("included"):
        year = item.get("year", 0)
        if not isinstance(year, int) or isinstance(year, bool) or not 0 <= year <= 9999:
            raise StorageError(f"“{name}”中汇总来源的年度“{quote(str(year))}”无效。")
        issuer = _text(item.get("issuer", ""), name, "汇总来源", cleaned, texts.MAX_ISSUER, single_line=True)
        included.append(SourceFile(path(item), issuer, year))
    skipped = [
        SkippedFile(path(item), _text(item.get("reason", ""), name, "汇总来源", cleaned, texts.MAX_NOTE))
        for item in items("skipped")
    ]
    return Sources(included, skipped)


def _obj(v: Any, name: str, what: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise StorageError(f"“{name}”已损坏（“{what}”部分格式不对）。")
    return v


def _text(v: Any, name: str, what: str, cleaned: list[str], limit: int, single_line: bool = False) -> str:
    if not isinstance(v, str):
        raise StorageError(f"“{name}”已损坏（“{what}”不是文字）。")
    text, removed = texts.clean(v, single_line)
    if removed:
        cleaned.append(texts.removed_note(removed, f"“{what}”"))
    if len(text) > limit:
        raise StorageError(
            f"“{name}”中的“{what}”有 {len(text):,} 个字符，超过了 {limit:,} 个字符的上限，无法打开。"
            "文件可能已损坏，或不是正常编写的报告。"
        )
    return text


def _values(raw: Any, fid: str, name: str) -> dict[str, Value]:
    fmt = load_format(fid)
    out: dict[str, Value] = {}
    for cid, v in _obj(raw, name, "values").items():
        spec = fmt.cells.get(cid)
        if spec is None:
            raise StorageError(f"“{name}”含有未知的单元格“{quote(cid)}”，可能不是本格式的报告。")
        if isinstance(v, float):
            v = Decimal(repr(v))
        try:
            # extra decimals open (the cell gets a finding); anything else unbounded was refused by the JSON hooks
            value = check_value(v, spec.kind, FILE_PLACES if spec.kind is ValueKind.MONEY else None)
        except InvalidValue as exc:
            from nianbao.core.findings import table_cell_place

            raise StorageError(
                f"“{name}”中的数值有误：{table_cell_place(fmt, spec)}的“{quote(str(v))}”：{exc}。"
            ) from None
        if value is not None:
            out[cid] = value
    return out


# ---------------------------------------------------------------------------------- files
def read_bytes(path: Path, what: str = "项目文件", locked_hint: str = "", limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a whole file of at most `limit` bytes; failures raise StorageError with a Chinese message."""
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                mb, cap = size / 1024 / 1024, limit // 1024 // 1024
                raise StorageError(
                    f"“{quote(path.name)}”有 {mb:.1f} MB，超过了{what}的上限 {cap} MB，"
                    "无法打开。文件可能已损坏，或不是年报助手的文件。"
                )
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise StorageError(f"找不到文件“{path}”。") from None
    except IsADirectoryError:
        raise StorageError(f"“{path}”是文件夹，不是{what}。") from None
    except PermissionError:
        raise StorageError(f"没有权限读取“{path}”{locked_hint}。") from None
    except OSError as exc:
        raise StorageError(f"无法读取“{path}”：{describe(exc)}") from None
    if len(data) > limit:
        raise StorageError(f"“{quote(path.name)}”超过了{what}的上限 {limit // 1024 // 1024} MB，无法打开。")
    return data


def load(path: str | os.PathLike[str], cleaned: list[str] | None = None) -> Report:
    p = Path(path)
    return loads(read_bytes(p), p.name, cleaned)


def loads(raw: bytes | str, name: str = "文件", cleaned: list[str] | None = None) -> Report:
    """Parse a project file. Raises StorageError; `cleaned` receives what was cleaned on the way."""
    if len(raw) > MAX_FILE_BYTES:
        raise StorageError(f"“{quote(name)}”超过了项目文件的上限 {MAX_FILE_BYTES // 1024 // 1024} MB，无法打开。")
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw  # -sig: files Notepad saved with a BOM
        data = json.loads(text, parse_float=_json_float, parse_int=_json_int, parse_constant=_json_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError):
        raise StorageError(f"“{quote(name)}”不是年报助手的项目文件（内容无法识别，可能已损坏）。") from None
    return from_json(data, name, cleaned)


def save(report: Report, path: str | os.PathLike[str], backup: bool = True) -> list[str]:
    """Atomic save; the previous version becomes .bak. Returns warnings (a .bak that could not be kept)."""
    try:
        payload = dumps(report).encode("utf-8")
    except UnicodeEncodeError:  # text is cleaned where it enters; this is the last guard
        payload = dumps(report).encode("utf-8", "replace")
    return write_atomic(Path(path), payload, backup=backup)


def _temp_name() -> str:
    """.~nianbao-HOST-PID-RANDOM.tmp: short (any valid target name still saves), and it says whose it is."""
    return f"{TEMP_PREFIX}{host_tag()}-{os.getpid()}-{os.urandom(4).hex()}.tmp"


def _clean_leftovers(folder: Path, target: Path) -> None:
    """Remove temporary files a killed save left: ours (our prefix, or the old `.NAME.*.tmp` beside target) whose
    process on this computer is gone, or any of ours older than STALE_TEMP_SECONDS (other computers on a share)."""
    import time

    from nianbao.core.filelock import process_alive

    old_prefix = f".{target.name}."
    now = time.time()
    mine = f"{TEMP_PREFIX}{host_tag()}-"
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            n = entry.name
            if not (n.endswith(".tmp") and (n.startswith(TEMP_PREFIX) or n.startswith(old_prefix))):
                continue
            with contextlib.suppress(OSError, ValueError):
                if not entry.is_file(follow_symlinks=False):
                    continue
                dead = n.startswith(mine) and not process_alive(int(n[len(mine) :].split("-", 1)[0]))
                if dead or now - entry.stat().st_mtime > STALE_TEMP_SECONDS:
                    os.unlink(entry.path)


def host_tag() -> str:
    """Six hex digits naming this computer (temporary files on a shared folder)."""
    import hashlib
    import socket

    try:
        name = socket.gethostname()
    except OSError:
        name = ""
    return hashlib.sha1(name.encode("utf-8", "replace")).hexdigest()[:6]


def is_read_only(path: Path) -> bool:
    """A file marked read-only (Windows attribute, or no write permission bit), also for an administrator."""
    try:
        st = path.stat()
    except OSError:
        return False
    return not st.st_mode & 0o222 or not os.access(path, os.W_OK)


def write_atomic(target: Path, payload: bytes, backup: bool = False) -> list[str]:
    """Write bytes to target atomically. On failure the target and its .bak are as they were and no temporary file
    stays. With backup, the previous version becomes .bak by its own temp file + replace, after the new version is
    written; a .bak that cannot be kept is a warning (returned), never a failed save."""
    folder = target.parent if str(target.parent) else Path(".")
    warnings: list[str] = []
    if target.is_dir():
        raise StorageError(f"无法保存到“{target}”：这是一个文件夹的名称。请换一个文件名。")
    if is_read_only(target):
        raise ReadOnlyTarget(
            f"“{target}”是只读文件，没有覆盖它。请用“另存为”保存到其他文件名或位置，或在文件属性中取消“只读”后再保存。"
        )
    _clean_leftovers(folder, target)
    tmp = folder / _temp_name()
    try:
        _write_new(tmp, payload, target)
        if backup and target.is_file():
            warning = _keep_backup(target)
            if warning:
                warnings.append(warning)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StorageError(f"无法保存到“{target}”：{describe(exc)}") from None
    _fsync_dir(folder)
    return warnings


def _write_new(tmp: Path, payload: bytes, like: Path) -> None:
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    _chmod_like(fd, like)
    with os.fdopen(fd, "wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())


def backup_path(target: Path) -> Path:
    return target.with_name(target.name + ".bak")


def _keep_backup(target: Path) -> str:
    """Make .bak a complete copy of target (hard link, else a copy), replacing the old .bak in one step."""
    import shutil

    bak = backup_path(target)
    tmp = target.parent / _temp_name()
    try:
        if bak.is_dir():
            raise IsADirectoryError
        if bak.exists() and os.path.samefile(target, bak):
            return ""  # a save killed between its two renames left .bak as a link to target: already a copy
        try:
            os.link(target, tmp)
        except OSError:
            shutil.copyfile(target, tmp)
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, bak)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return f"备份文件“{quote(bak.name)}”没有更新（{describe(exc)}），报告本身已保存。"
    return ""


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(modification time in ns, size) of a file, to notice when another program changed it; None if missing."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _chmod_like(fd: int, target: Path) -> None:
    """New files are created 0600: give the new file the old one's mode, or the usual umask mode."""
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
