"""汇总: the sum of every table cell of same-format, same-year reports; narratives left empty.

Inputs with errors are flagged before summing (and can be left out); mixed formats or years are refused with
the groups named; unreadable files are skipped with their reason. Money is summed in each cell's default unit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from nianbao.batch.audit import PARALLEL_FILES, PARALLEL_FROM, default_workers
from nianbao.batch.sources import SourceError, collect, open_any
from nianbao.core.report import Metadata, Report, SkippedFile, SourceFile, Sources
from nianbao.core.values import MONEY_PLACES, Value, canonical_money
from nianbao.definition import Severity, load_format
from nianbao.definition.model import ValueKind


class AggregateError(Exception):
    """Reports that cannot be summed together; str(exc) is a Chinese message for the user."""


@dataclass(frozen=True, slots=True)
class Input:
    path: Path
    issuer: str
    errors: int  # 勾稽 errors of the input (flagged before summing)


@dataclass(frozen=True, slots=True)
class Aggregated:
    report: Report
    included: tuple[Input, ...]
    skipped: tuple[tuple[Path, str], ...]  # file, reason
    flagged: tuple[Input, ...]  # included or left out because of errors

    def lines(self) -> list[str]:
        """The result as Chinese lines: the 汇总来源 the report keeps (included, then skipped files), with the files
        that have errors listed between them."""
        out = self.report.sources.lines() if self.report.sources is not None else []
        if self.flagged:
            after_included = 1 + len(self.included)
            out[after_included:after_included] = [
                f"有勾稽错误的报告 {len(self.flagged)} 份（请先核对）：",
                *(f"  · {i.path}：{i.errors} 处错误" for i in self.flagged),
            ]
        return out


def aggregate(
    paths: Sequence[str],
    issuer: str,
    level: str = "县级政府",
    skip_errors: bool = False,
    progress: Callable[[int, int, Path], None] | None = None,
    jobs: int | None = None,
) -> Aggregated:
    files, missing = collect(list(paths))
    skipped: list[tuple[Path, str]] = list(missing)
    reports: list[tuple[Input, Report]] = []
    workers = default_workers() if jobs is None else jobs
    slow = sum(1 for f in files if f.suffix.lower() != ".nianbao")
    if workers > 1 and (slow >= PARALLEL_FROM or len(files) >= PARALLEL_FILES):
        with ProcessPoolExecutor(max_workers=workers) as pool:
            read = list(pool.map(_read_checked, files, chunksize=4 if slow else 32))
    else:
        read = []
        for n, f in enumerate(files, 1):
            read.append(_read_checked(f))
            if progress:
                progress(n, len(files), f)
    for f, r, errors, reason in read:
        if r is None:
            skipped.append((f, reason))
        else:
            reports.append((Input(f, r.meta.issuer, errors), r))
    if not reports:
        raise AggregateError("没有可以汇总的报告。" + (f"（{len(skipped)} 个文件无法读取）" if skipped else ""))
    groups: dict[tuple[str, int], list[Path]] = {}
    for inp, r in reports:
        groups.setdefault((r.format_id, r.meta.year), []).append(inp.path)
    if len(groups) > 1:
        parts = [
            f"{year}年度（{load_format(fid).name}）{len(ps)} 份：{'、'.join(p.name for p in ps[:5])}"
            + ("等" if len(ps) > 5 else "")
            for (fid, year), ps in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        ]
        raise AggregateError("这些报告的年度或格式不同，不能汇总在一起：\n" + "\n".join(parts))
    (fid, year), _ = next(iter(groups.items()))
    flagged = tuple(inp for inp, _ in reports if inp.errors)
    if skip_errors:
        skipped += [(inp.path, f"有 {inp.errors} 处勾稽错误，按要求未汇总") for inp in flagged]
        reports = [(inp, r) for inp, r in reports if not inp.errors]
        if not reports:
            raise AggregateError("所有报告都有勾稽错误，没有可以汇总的报告。")
    total = Report(
        fid, Metadata(issuer=issuer, year=year, level=level), {ch.id: "" for ch in load_format(fid).narrative_chapters}
    )
    total.values = sum_values(fid, [r for _, r in reports])
    total.sources = Sources(
        [SourceFile(str(inp.path), inp.issuer, year) for inp, _ in reports],
        [SkippedFile(str(p), reason) for p, reason in skipped],
    )
    return Aggregated(total, tuple(inp for inp, _ in reports), tuple(skipped), flagged)


def _read_checked(path: Path) -> tuple[Path, Report | None, int, str]:
    """(path, report or None, its 勾稽 errors, why it could not be read); run in worker processes too."""

    try:
        r = open_any(path).report
    except SourceError as exc:
        return path, None, 0, str(exc)
    except Exception as exc:  # one broken file never stops the sum
        return path, None, 0, f"读取时出现意外错误（{type(exc).__name__}）。"
    return path, r, table_errors(r), ""


def table_errors(report: Report) -> int:
    """Broken error rules of the tables: what must be fixed before summing. (Only the table rules: every
    narrative finding is a warning, and reading the texts would triple the time of a 汇总 of 1,000 files.)"""
    from nianbao.core.checking import evaluate_rule

    fmt = report.fmt
    errors = (rule for rule in fmt.rules if rule.severity == Severity.ERROR)
    return sum(1 for rule in errors if evaluate_rule(report, rule, fmt) is not None)


def sum_values(fid: str, reports: Sequence[Report]) -> dict[str, Value]:
    """Every cell summed as stated (totals too); blank where every report is blank; money in the default unit."""
    fmt = load_format(fid)
    out: dict[str, Value] = {}
    for cid, spec in fmt.cells.items():
        present = [(r, r.values[cid]) for r in reports if cid in r.values]
        if not present:
            continue
        if spec.kind is ValueKind.MONEY:
            money = sum((_in_default_unit(r, cid, v) for r, v in present), Decimal(0))
            out[cid] = canonical_money(money.quantize(Decimal(1).scaleb(-MONEY_PLACES)))
        else:
            out[cid] = sum(int(v) for _, v in present)
    return out


def _in_default_unit(report: Report, cid: str, v: Value) -> Decimal:
    spec = report.fmt.cells[cid]
    unit = report.unit(cid)
    amount = Decimal(v)
    if unit == spec.unit:
        return amount
    if unit == "元" and spec.unit == "万元":
        return amount / 10000
    if unit == "万元" and spec.unit == "元":
        return amount * 10000
    return amount
