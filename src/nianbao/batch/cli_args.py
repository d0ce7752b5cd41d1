"""Arguments of the audit and aggregate sub-commands (cli.build_parser adds them)."""

from __future__ import annotations

import argparse
from typing import Any


def add_batch_commands(sub: Any) -> None:
    from nianbao.batch import commands
    from nianbao.core.report import LEVELS

    p: argparse.ArgumentParser = sub.add_parser(
        "audit",
        help="批量审核：项目文件、已发布的年报和文件夹（有错误时退出码为 1，有文件无法读取时为 2）",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹（文件夹含子文件夹）")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="把每条审核结果写入 Excel 文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--jobs", type=int, help="同时读取的进程数（默认按处理器数，最多 4）")
    p.set_defaults(func=commands.audit_command)

    p = sub.add_parser("aggregate", help="汇总：同一格式、同一年度的报告逐格相加，生成汇总项目文件")
    p.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹（文件夹含子文件夹）")
    p.add_argument("--issuer", required=True, help="汇总报告的发布机关，例如 某某县人民政府")
    p.add_argument("--level", choices=LEVELS, default="县级政府", help="层级（默认：县级政府）")
    p.add_argument("--skip-errors", action="store_true", help="有勾稽错误的报告不计入汇总")
    p.add_argument("-o", "--output", required=True, help="输出项目文件（.nianbao）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(func=commands.aggregate_command)
