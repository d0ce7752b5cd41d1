"""The sub-commands of issue #15 (new --from, import of published reports, audit, aggregate); cli.py wires them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nianbao.batch.sources import SourceError, open_any


def _fail(message: str) -> Exception:
    from nianbao.cli import CliError

    return CliError(message)


def _target(args: argparse.Namespace) -> Path:
    out = Path(args.output)
    if out.exists() and not getattr(args, "force", False):
        raise _fail(f"“{out}”已存在。如需覆盖，请加 --force。")
    return out


def print_issues(issues: tuple[object, ...]) -> None:
    from nianbao.importers.published import Issue

    items = [i for i in issues if isinstance(i, Issue)]
    unmapped = [i for i in items if i.kind == "unmapped"]
    doubtful = [i for i in items if i.kind == "doubtful"]
    if unmapped:
        print(f"未能对应的标签或文字（{len(unmapped)} 处，未导入）：")
        for i in unmapped:
            print(f"  · {i.where}：“{i.text}” {i.reason}")
    if doubtful:
        print(f"需要核对的内容（{len(doubtful)} 处）：")
        for i in doubtful:
            shown = f"“{i.text}” " if i.text else ""
            print(f"  · {i.where}：{shown}{i.reason}")
    if not items:
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
    if res.preface and "preface" in report.narrative:
        report.narrative["preface"] = res.preface
    storage.save(report, out)
    print(f"已导入 {out}（{report.title()}，{report.fmt.name}）")
    if res.detected:
        print(f"识别：{res.detected}")
    print_issues(res.issues)
    if res.preface and "preface" not in report.narrative:
        print(f"前言（{len(res.preface)} 字）已识别，但本版本的报告没有前言栏目，未保存。", file=sys.stderr)
    return EXIT_OK
