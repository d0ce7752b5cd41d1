"""Command line: `nianbao [FILE]` starts the window; sub-commands work without it."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nianbao import __version__, startup  # startup: stdlib only, light
from nianbao.resources import DEFAULT_EXAMPLE, EXAMPLES

# The report modules load inside the commands: `nianbao` without a command starts the window, which imports them
# with the garbage collector off (gui_main), and `nianbao --help` needs none of them.
if TYPE_CHECKING:
    from nianbao.core.coverage import Profile
    from nianbao.core.report import Report
    from nianbao.gui.main_window import MainWindow

COMMANDS = (
    "new",
    "check",
    "dump",
    "export",
    "import",
    "audit",
    "aggregate",
    "formats",
)  # build_parser()'s sub-commands

# exit codes (README, `nianbao --help`): a crash is never 1, which scripts read as "errors found"
EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_CODES_HELP = (
    "退出码：0 = 无勾稽错误或操作成功；1 = 发现勾稽错误；2 = 输入无法读取或用法有误；3 = 内部错误（详情见日志）。"
)


class CliError(Exception):
    """A user-facing failure: message on stderr, exit code 2."""


def _report_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", help="项目文件（.nianbao）")
    p.add_argument(
        "--example", nargs="?", const=DEFAULT_EXAMPLE, choices=sorted(EXAMPLES), help="使用内置示例报告代替文件"
    )


def _open(args: argparse.Namespace) -> Report:
    from nianbao.core import storage
    from nianbao.resources import load_example

    if args.example:
        return load_example(args.example)
    if not args.file:
        raise CliError("请指定项目文件，或使用 --example 打开内置示例。")
    return storage.load(args.file)


def cmd_new(args: argparse.Namespace) -> int:
    from nianbao.core import storage
    from nianbao.core.report import new_report
    from nianbao.definition import load_format

    if args.from_:
        from nianbao.batch.commands import new_from_last_year

        return new_from_last_year(args)
    if args.year is None or not args.issuer:
        raise CliError("请用 --year 和 --issuer 指定报告年度和发布机关，或用 --from 从上年报告新建。")
    if args.format and not load_format(args.format).covers(args.year):
        print(f"注意：{args.year}年度通常使用{_default_format_name(args.year)}。", file=sys.stderr)
    from nianbao.core.document import YEAR_RANGE
    from nianbao.core.text import MAX_ISSUER, clean_text

    if not YEAR_RANGE[0] <= args.year <= YEAR_RANGE[1]:
        raise CliError(f"报告年度“{args.year}”无效，应在 {YEAR_RANGE[0]}–{YEAR_RANGE[1]} 之间。")
    issuer = clean_text(args.issuer, single_line=True).strip()
    if len(issuer) > MAX_ISSUER:
        raise CliError(f"发布机关最多 {MAX_ISSUER} 个字符。")
    report = new_report(args.year, issuer, args.format, args.level)
    out = output_path(args)
    storage.save(report, out)
    print(f"已创建 {out}（{report.fmt.name}）")
    return EXIT_OK


def output_path(args: argparse.Namespace) -> Path:
    """The -o file of a command that writes a project file: refused when it exists, unless --force."""
    out = Path(args.output)
    if out.exists() and not getattr(args, "force", False):
        raise CliError(f"“{out}”已存在。如需覆盖，请加 --force。")
    return out


def _default_format_name(year: int) -> str:
    from nianbao.definition import format_for_year

    return format_for_year(year).name


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from nianbao.core.checking import check
    from nianbao.core.completeness import unfilled
    from nianbao.definition import Severity

    report = _open(args)
    findings = check(report, _profile(args.profile))
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    empty = unfilled(report)  # 提示 for what is still empty; they do not change the exit code
    findings = findings + empty
    if args.json:
        print(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=1))
    else:
        for f in findings:
            tag = f.severity.label + ("（已说明）" if f.accepted else "")
            print(f"[{tag}] {f.message}")
            if f.accepted:
                print(f"        说明：{f.accepted}")
        warnings = len(findings) - errors - len(empty)
        if not findings:
            print("勾稽关系全部通过。")
        elif not errors and not warnings:
            print(f"勾稽关系无误，尚有 {len(empty)} 处未填写。")
        else:
            print(f"共 {errors} 处错误，{warnings} 处提示" + (f"，尚有 {len(empty)} 处未填写。" if empty else "。"))
    return EXIT_FINDINGS if errors else EXIT_OK


def _profile(path: str | None) -> Profile | None:
    """The local requirements profile named by --profile (core/coverage.py), or None."""
    if not path:
        return None
    from nianbao.core.coverage import ProfileError, load_profile

    try:
        return load_profile(Path(path))
    except ProfileError as exc:
        raise CliError(str(exc)) from None


def cmd_dump(args: argparse.Namespace) -> int:
    import json

    from nianbao.core.values import format_value

    report = _open(args)
    fmt = report.fmt
    cells = []
    for table in fmt.tables.values():
        for cid in table.cells:
            spec = fmt.cells[cid]
            value = report.values.get(cid)
            cells.append(
                {
                    "table": table.title,
                    "row": spec.row_label,
                    "column": spec.col_label,
                    "cell": cid,
                    "value": None if value is None else (value if isinstance(value, int) else format_value(value)),
                    "unit": report.unit(cid) if spec.units else "",
                    "computed": spec.computed,
                }
            )
    narrative = {ch.title: report.narrative.get(ch.id, "") for ch in fmt.narrative_chapters}
    meta = {
        "issuer": report.meta.issuer,
        "year": report.meta.year,
        "level": report.meta.level,
        "contact": report.meta.contact,
        "format": report.format_id,
    }
    sources = report.sources
    if args.json:
        from dataclasses import asdict

        dumped: dict[str, object] = {"meta": meta, "narrative": narrative, "cells": cells}
        if sources is not None:
            dumped["sources"] = {
                "included": [asdict(s) for s in sources.included],
                "skipped": [asdict(s) for s in sources.skipped],
            }
        print(json.dumps(dumped, ensure_ascii=False, indent=1))
        return EXIT_OK
    print(report.title())
    print(f"格式：{fmt.name}　层级：{report.meta.level}　联系方式：{report.meta.contact or '（未填）'}")
    print()
    print(fmt.preface.title)
    print(report.narrative.get(fmt.preface.id, "") or "（未填写）")
    for ch in fmt.chapters:
        print()
        print(ch.title)
        if ch.kind == "narrative":
            print(report.narrative.get(ch.id, "") or "（未填写）")
            continue
        for c in cells:
            if c["table"] == ch.title:
                shown = "" if c["value"] is None else f"{c['value']}{c['unit']}"
                mark = "（合计）" if c["computed"] else ""
                print(f"  {c['row']} | {c['column']} | {c['cell']} = {shown or '空'}{mark}")
    if sources is not None:
        print()
        print("汇总来源")
        print("\n".join(sources.lines()))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from nianbao.core.checking import check
    from nianbao.definition import Severity
    from nianbao.export.formats import EXPORT_FORMATS

    jobs = [(fmt, Path(getattr(args, fmt.id))) for fmt in EXPORT_FORMATS if getattr(args, fmt.id)]
    if not jobs:
        raise CliError(
            "请指定要导出的格式，例如：--docx 报告.docx、--xlsx 报告.xlsx、--pdf 报告.pdf 或 --html 报告.html。"
        )
    report = _open(args)
    errors = [f for f in check(report) if f.severity == Severity.ERROR]
    if errors:  # named first: the export prints the stated numbers, errors and all
        print(f"报告存在 {len(errors)} 处错误：", file=sys.stderr)
        for f in errors:
            print(f"  {f.message}", file=sys.stderr)
        if not args.force:
            print("未导出。请先改正，或加 --force 仍然导出（导出的数字与报告中填写的一致）。", file=sys.stderr)
            return EXIT_FINDINGS
    for fmt, out in jobs:
        try:
            fmt.writer()(report, out)
        except ImportError as exc:  # a broken installation (the writers import their libraries when called)
            raise CliError(f"无法导出{fmt.name}：缺少组件 {exc.name or ''}（{exc}）。请重新安装年报助手。") from None
        print(f"已导出 {out}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from nianbao.core import storage
    from nianbao.importers.xlsx import ImportFailed, read_xlsx

    if not args.file.lower().endswith((".xlsx", ".xlsm")):
        from nianbao.batch.commands import import_published

        return import_published(args)
    out = output_path(args)
    try:
        report = read_xlsx(args.file)
    except ImportFailed as exc:
        raise CliError(str(exc)) from None
    storage.save(report, out)
    print(f"已导入 {out}（{report.title()}，{report.fmt.name}）")
    return EXIT_OK


def cmd_formats(args: argparse.Namespace) -> int:
    from nianbao.definition import format_ids, load_format

    for fid in format_ids():
        fmt = load_format(fid)
        years = f"{fmt.first_year}–{fmt.last_year}" if fmt.last_year else f"{fmt.first_year}年起"
        print(f"{fid}\t{fmt.name}\t适用报告年度：{years}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from nianbao.cli_zh import ChineseArgumentParser
    from nianbao.core.report import LEVELS
    from nianbao.definition import format_ids
    from nianbao.export.formats import EXPORT_FORMATS

    parser = ChineseArgumentParser(
        prog="nianbao",
        description="年报助手：编制政府信息公开工作年度报告。不带子命令时打开窗口：nianbao [文件]",
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="子命令")

    p = sub.add_parser("new", help="新建项目文件")
    p.add_argument("--year", type=int, help="报告年度，例如 2026（用 --from 时默认为上年报告的下一年）")
    p.add_argument("--issuer", help="发布机关，例如 某某镇人民政府")
    p.add_argument(
        "--from", dest="from_", metavar="LAST", help="从上年报告新建：项目文件或已发布的年报（Word、PDF、网页、文本）"
    )
    p.add_argument("--format", choices=format_ids(), help="报告格式（默认按年度选择）")
    p.add_argument("--level", choices=LEVELS, default=LEVELS[0], help="层级")
    p.add_argument("-o", "--output", required=True, help="输出文件（.nianbao）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("check", help="检查勾稽关系（有错误时退出码为 1，文件无法读取时为 2，内部错误为 3）")
    _report_arg(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    p.add_argument("--profile", metavar="FILE", help="同时按本地要求文件（.toml）检查正文")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("dump", help="列出全部单元格和正文")
    _report_arg(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_dump)

    p = sub.add_parser("export", help="导出为 Word、Excel、PDF 或网页（HTML）")
    _report_arg(p)
    for fmt in EXPORT_FORMATS:
        p.add_argument(f"--{fmt.id}", metavar=f"OUT{fmt.suffix}", help=fmt.help)
    p.add_argument("--force", action="store_true", help="报告有错误时也导出（错误仍列在标准错误输出中）")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="导入已发布的年报（Word、PDF、网页、文本）或年报助手导出的 Excel 文件")
    p.add_argument("file", help="已发布的年报（.docx/.pdf/.html/.htm/.txt）或 Excel 文件（.xlsx）")
    p.add_argument("-o", "--output", required=True, help="输出项目文件（.nianbao）")
    p.add_argument("--year", type=int, help="报告年度（默认取自标题）")
    p.add_argument("--issuer", help="发布机关（默认取自标题）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(func=cmd_import)

    from nianbao.batch.cli_args import add_batch_commands

    add_batch_commands(sub)

    p = sub.add_parser("formats", help="列出支持的报告格式")
    p.set_defaults(func=cmd_formats)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nianbao", add_help=False)
    p.add_argument("file", nargs="?")
    p.add_argument("--example", nargs="?", const=DEFAULT_EXAMPLE)
    p.add_argument("--smoke", metavar="OUT.json")
    return p


def _configure_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _configure_streams()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help", "--version"):
        if _unknown_word(args_list):
            print(
                "用法：nianbao [文件] 或 nianbao 子命令 …\n"
                f"nianbao：错误：“{args_list[0]}”既不是子命令，也不是已有的文件。"
                f"可用的子命令：{'、'.join(COMMANDS)}。详见 nianbao --help。",
                file=sys.stderr,
            )
            return EXIT_UNREADABLE
        return gui_main(args_list)
    from nianbao.core.storage import StorageError

    parser = build_parser()
    args = parser.parse_args(args_list)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_OK
    try:
        return int(args.func(args))
    except (StorageError, CliError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:
        return _internal_error(exc)


def _internal_error(exc: Exception) -> int:
    from nianbao.errorlog import details_text, write_log

    log = write_log(details_text(type(exc), exc, exc.__traceback__))
    where = f"详细信息已记录在：{log}" if log else "无法写入日志。"
    print(f"内部错误：年报助手出现意外错误（{type(exc).__name__}），输入文件没有被改动。{where}", file=sys.stderr)
    return EXIT_INTERNAL


def _unknown_word(args: Sequence[str]) -> bool:
    """`nianbao audit a.pdf b.pdf` without such a sub-command: a word that is neither a sub-command nor an existing
    file, followed by more arguments, is a usage error; it must not open the window (which, offscreen, never ends).
    Qt's own options (-platform offscreen) and a missing file given alone (the window says it cannot open it) pass."""
    own, _qt = split_qt_args(args)
    return len(own) > 1 and not own[0].startswith("-") and own[0] not in COMMANDS and not Path(own[0]).exists()


# Qt's own command-line options that take a value (`-platform offscreen`): Wine passes no QT_* variables,
# so the smoke test selects the platform this way, and the value must not be taken for a report file.
QT_VALUE_OPTIONS = frozenset(
    {
        "-platform",
        "-platformpluginpath",
        "-platformtheme",
        "-plugin",
        "-style",
        "-stylesheet",
        "-qwindowgeometry",
        "-qwindowtitle",
        "-qwindowicon",
        "-screen",
        "-display",
        "-geometry",
        "-title",
    }
)


def split_qt_args(args: Sequence[str]) -> tuple[list[str], list[str]]:
    """Separate Qt's value-taking options (with their values) from ours."""
    own: list[str] = []
    qt: list[str] = []
    it = iter(args)
    for arg in it:
        if arg in QT_VALUE_OPTIONS:
            qt += [arg, next(it, "")]
        else:
            own.append(arg)
    return own, qt


def gui_main(argv: Sequence[str] | None = None) -> int:
    """Start the window (the gui-script entry point on Windows has no console)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    own, qt_args = split_qt_args(args_list)
    known, unknown = _gui_parser().parse_known_args(own)
    qt_args += unknown
    if known.smoke is not None:
        try:
            from nianbao.gui import app
        except ImportError as exc:
            return _no_window(exc)
        return app.run(smoke=known.smoke, qt_args=qt_args)
    startup.log_start()
    return startup.run_guarded(lambda: _run_window(known.file, known.example, qt_args))


def start_window(file: str | None = None, example: str | None = None, qt_args: Sequence[str] = ()) -> MainWindow:
    """Load the window's modules and show the window, with the collector paused (benchmarks/gui.py times this)."""
    with startup.collector_paused():
        from nianbao.gui import app

        _qt_app, window = app.start(file=file, example=example, qt_args=qt_args)
    return window


def _run_window(file: str | None, example: str | None, qt_args: Sequence[str]) -> int:
    try:
        window = start_window(file, example, qt_args)
    except ImportError as exc:
        startup.report_failure(exc)  # a windowed program has no console: a message box and the start-up log
        return _no_window(exc)
    from nianbao.gui.app import event_loop

    return event_loop(window)


def _no_window(exc: ImportError) -> int:
    print(f"无法启动窗口：缺少图形界面组件（{exc}）。命令行功能仍可使用，见 nianbao --help。", file=sys.stderr)
    return EXIT_UNREADABLE
