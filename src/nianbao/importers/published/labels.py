"""Printed labels of both formats, normalised so that published variants still match.

Published reports print the official labels with every kind of drift: half-width brackets, 1、 for 1.,
spaces, quotes lost, words dropped or misprinted (采购项目数, 其他法律行政止公开). Labels are compared after
`norm()`; a label that matches only by similarity is mapped but reported as doubtful.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from types import MappingProxyType

from nianbao.definition import ReportFormat, load_format

_DROP = re.compile(r"[\s\u3000\u00a0“”\"'‘’「」『』:：;；,，。]+")
_BRACKETS = str.maketrans({"(": "（", ")": "）", "、": ".", "．": ".", "/": "/", "／": "/"})
_NUMBERING = re.compile(r"^(?:[（(]?[一二三四五六七八九十]+[)）]?|[（(]?\d{1,2}[)）]?)[.、．,，\s]*")

# printed variants seen in published reports -> the official label (both normalised by norm())
ALIASES = {
    "采购项目数": "采购项目数量",
    "本年新增/减": "本年增/减",
    "本年增减": "本年增/减",
    "其他对外管理服务事项": "其他对外管理服务事项",
    "本年收费金额": "本年收费金额（单位：万元）",
    "本年收费金额(万元)": "本年收费金额（单位：万元）",
}
# 2021 labels that a 2021 report may print in the 2019 wording
ALIASES_2021 = {"规范性文件": "行政规范性文件"}


def norm(text: str) -> str:
    return _DROP.sub("", text.translate(_BRACKETS))


def strip_numbering(text: str) -> str:
    return _NUMBERING.sub("", text)


@dataclass(frozen=True, slots=True)
class RowKey:
    table: str
    label: str  # the official label
    cells: tuple[str, ...]  # value cells of the row in printed order
    note: str = ""  # why a variant was read into this row (shown as a doubtful cell)


@dataclass(frozen=True, slots=True)
class LabelIndex:
    """Shared by every import of a format (index() caches it), so read-only like the definition."""

    rows: Mapping[str, RowKey]  # normalised row label -> row
    loose: Mapping[str, RowKey]  # normalised label without its numbering -> row (only unambiguous ones)
    known: frozenset[str]  # normalised headers, captions and group labels: recognised, carry no value
    t4_cells: tuple[str, ...]  # the 15 cells of table 四's one value row, in printed order


@cache
def index(format_id: str) -> LabelIndex:
    fmt = load_format(format_id)
    rows: dict[str, RowKey] = {}
    known: set[str] = set()
    for table in fmt.tables.values():
        if table.id == "t4":
            continue
        for item in table.items:
            if item.role in ("header", "caption"):
                known.add(norm(item.text))
        by_row: dict[str, list[str]] = {}
        for cid in table.cells:
            by_row.setdefault(fmt.cells[cid].row, []).append(cid)
        for cells in by_row.values():
            label = fmt.cells[cells[0]].row_label
            rows[norm(label)] = RowKey(table.id, label, tuple(cells))
        for item in table.items:
            if item.role == "label" and norm(item.text) not in rows:
                known.add(norm(item.text))  # group labels such as 三、本年度办理结果, （三）不予公开
    for item in fmt.tables["t4"].items:
        if item.role != "value":
            known.add(norm(item.text))
    known |= {norm(t.title) for t in fmt.tables.values()}
    known |= {norm(ch.title) for ch in fmt.chapters}
    known |= {norm(x) for x in ("件数", "单位：件", "单位：万元", "（单位：件）")}
    for variant, official in {**ALIASES, **(ALIASES_2021 if format_id == "gov2021" else {})}.items():
        if norm(official) in rows:
            rows.setdefault(norm(variant), rows[norm(official)])
        elif norm(official) in known:
            known.add(norm(variant))
    if format_id == "gov2021":
        # 2021's （六）其他处理 is a group of three rows; printed as one row (2019 style) its figures go to 3.其他
        key = norm("（六）其他处理")
        known.discard(key)
        misc = rows[norm("3.其他")]
        rows[key] = replace(misc, note="“（六）其他处理”按一行印出（2019年格式的写法），已计入“3.其他”")
    loose: dict[str, RowKey] = {}
    seen: dict[str, int] = {}
    for key, row in rows.items():
        k = strip_numbering(key)
        seen[k] = seen.get(k, 0) + 1
        loose[k] = row
    loose = {k: v for k, v in loose.items() if seen[k] == 1 and len(k) >= 4}
    known.discard("")
    return LabelIndex(MappingProxyType(rows), MappingProxyType(loose), frozenset(known), fmt.tables["t4"].cells)


@dataclass(frozen=True, slots=True)
class Match:
    row: RowKey
    exact: bool


def match_row(format_id: str, text: str, fuzzy: bool = True) -> Match | None:
    """The table row a printed label names; inexact matches (misprints) are flagged by exact=False."""
    idx = index(format_id)
    key = norm(text)
    if not key or key in idx.known:
        return None
    if key in idx.rows:
        return Match(idx.rows[key], True)
    bare = strip_numbering(key)
    if bare in idx.loose:
        return Match(idx.loose[bare], True)
    if len(bare) < 4 or not fuzzy:
        return None
    close = difflib.get_close_matches(bare, idx.loose.keys(), n=1, cutoff=0.8)
    if close:
        return Match(idx.loose[close[0]], False)
    return None


def is_known(format_id: str, text: str) -> bool:
    """A header, caption or group label of the format (or a chapter/table title)."""
    idx = index(format_id)
    key = norm(text)
    return key in idx.known or strip_numbering(key) in {strip_numbering(k) for k in idx.known}


def prefix_row(format_id: str, text: str) -> tuple[RowKey, str] | None:
    """A row label run together with its numbers ("规范性文件 35 35 35"): (row, the rest)."""
    compact = text.strip()
    m = re.match(r"^(.*?[^\d\s.,，\-－—/])\s*((?:[-－—/]|[+-]?[\d,，.．]+).*)$", compact)
    if not m:
        return None
    label, rest = m.group(1), m.group(2)
    hit = match_row(format_id, label, fuzzy=False)
    if hit is None:
        return None
    return hit.row, rest


# words only one of the two formats prints (normalised); the format with more hits wins
MARKERS = {
    "gov2021": (
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "行政规范性文件",
        "本年处理决定数量",
        "本年收费金额",
        "逾期不补正",
    ),
    "gov2019": (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "政府集中采购",
        "采购项目数",
        "其他对外管理服务事项",
    ),
}


def detect_format(text: str) -> tuple[str | None, dict[str, int]]:
    flat = norm(text)
    hits = {fid: sum(1 for m in marks if norm(m) in flat) for fid, marks in MARKERS.items()}
    best = max(hits, key=lambda f: hits[f])
    if hits[best] == 0 or list(hits.values()).count(hits[best]) > 1:
        return None, hits
    return best, hits


def chapter_of(fmt: ReportFormat, text: str) -> str | None:
    """The chapter id a heading line names, however it is numbered ("5、 存在的主要问题及改进情况")."""
    key = strip_numbering(norm(text))
    if not key or len(key) > 40:
        return None
    for ch in fmt.chapters:
        title = strip_numbering(norm(ch.title))
        if key == title:
            return ch.id
    return None
