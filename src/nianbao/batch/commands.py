"""The sub-commands of issue #15 (new --from, import of published reports, audit, aggregate); cli.py wires them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nianbao.batch.sources import SourceError, open_any

if TYPE_CHECKING:
    from nianbao.importers.published import Issue


def _fail(message: str) -> Exception:
    from nianbao.cli import CliError

    return CliError(message)


def _target(args: argparse.Namespace) -> Path:
    from nianbao.cli import output_path

    return output_path(args)


def print_issues(issues: Sequence[Issue]) -> None:
    unmapped = [i for i in issues if i.kind == "unmapped"]
    doubtful = [i for i in issues if i.kind == "doubtful"]
    if unmapped:
        print(f"未能对应的标签或文字（{len(unmapped)} 处，未导入）：")
        for i in unmapped:
            print(f"  · {i.where}：“{i.text}” {i.reason}")
    if doubtful:
        print(f"需要核对的内容（{len(doubtful)} 处）：")
        for i in doubtful:
            shown = f"“{i.text}” " if i.text else ""
            print(f"  · {i.where}：{shown}{i.reason}")
    if not issues:
        print("全部内容都已对应，没有需要核对的地方。")


def new_from_last_year(args: argparse.Namespace) -> int:
    from nianbao.cli import EXIT_OK
    from nianbao.core import storage
    from nianbao.core.carry import from_last_year

    out = _target(args)
    try:
        last = open_any(args.from_)
    except SourceError as exc:
        raise _fail(str(exc)) from None
    if last.kind == "published":
        print(f"已读取已发布的年报“{last.path.name}”：")
        print_issues(last.issues)
    carried = from_last_year(last.report, args.year)
    report = carried.report
    if args.issuer:
        report.meta.issuer = args.issuer
    storage.save(report, out)
    print(f"已创建 {out}（{report.title()}，{report.fmt.name}）")
    for line in carried.carried:
        print(f"  已带入：{line}")
    for line in carried.not_carried:
        print(f"  未带入：{line}")
    return EXIT_OK


def import_published(args: argparse.Namespace) -> int:
    from nianbao.cli import EXIT_OK
    from nianbao.core import storage
    from nianbao.importers.published import ImportFailed, read_published

    out = _target(args)
    try:
        res = read_published(args.file, year=args.year, issuer=args.issuer)
    except ImportFailed as exc:
        raise _fail(str(exc)) from None
    report = res.report
    storage.save(report, out)
    print(f"已导入 {out}（{report.title()}，{report.fmt.name}）")
    if res.detected:
        print(f"识别：{res.detected}")
    print_issues(res.issues)
    return EXIT_OK


def audit_command(args: argparse.Namespace) -> int:
    import json

    from nianbao.batch.audit import as_json, audit, write_xlsx
    from nianbao.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE

    def progress(done: int, total: int, path: Path) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\r已审核 {done}/{total}", end="", file=sys.stderr, flush=True)

    result = audit(args.paths, progress=progress, jobs=args.jobs)
    if not args.json and sys.stderr.isatty():
        print(file=sys.stderr)
    if args.xlsx:
        write_xlsx(result, Path(args.xlsx))
    if args.json:
        print(json.dumps(as_json(result), ensure_ascii=False, indent=1))
    else:
        for a in result.audited:
            who = f"{a.issuer or '发布机关未填'} {a.year}年度"
            state = f"{a.errors} 处错误，{a.warnings} 处提示" if a.findings else "勾稽关系全部通过"
            print(f"{a.path}（{who}）：{state}")
            for f in a.findings:
                tag = f.severity.label + ("（已说明）" if f.accepted else "")
                print(f"  [{tag}] {f.base} {f.message}")
            if a.doubtful:
                print(f"  另有 {a.doubtful} 处导入时需要核对的内容（用 nianbao import 查看）。")
        for u in result.unreadable:
            print(f"{u.path}：无法读取。{u.reason}")
        print()
        print(
            f"共读取 {len(result.audited)} 份报告，其中 {result.with_errors} 份有错误；"
            f"{len(result.unreadable)} 个文件无法读取。"
        )
        by_rule = result.by_rule()
        if by_rule:
            print("按规则统计：" + "，".join(f"{rule} {n} 处" for rule, n in sorted(by_rule.items())))
        if args.xlsx:
            print(f"已写入 {args.xlsx}")
    if not result.audited and not result.unreadable:
        raise _fail("没有找到可以审核的文件（.nianbao、.xlsx、.docx、.pdf、.html、.htm、.txt）。")
    if result.unreadable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if result.with_errors else EXIT_OK


def aggregate_command(args: argparse.Namespace) -> int:
    from nianbao.batch.aggregate import AggregateError, aggregate
    from nianbao.cli import EXIT_OK
    from nianbao.core import storage

    out = _target(args)
    try:
        result = aggregate(args.paths, args.issuer, args.level, skip_errors=args.skip_errors)
    except AggregateError as exc:
        raise _fail(str(exc)) from None
    storage.save(result.report, out)
    print(f"已创建 {out}（{result.report.title()}，{result.report.fmt.name}）")
    for line in result.lines():
        print(line)
    return EXIT_OK
