"""Map the rows of a published report (paragraphs and table rows, whatever the source) onto a format.

Input is a list of rows, each a list of cell texts: a paragraph is a row of one cell, a table row has its
cells in printed order (a merged cell once; a covered cell as ""). Text copied from a page may have one cell
per row, or a label and its numbers run together in one cell; both are read. Values are found by the label
of their row, never by position in the document. Blank stays blank and stated totals stay as stated.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from nianbao.core.preface import PREFACE
from nianbao.core.report import Metadata, Report
from nianbao.core.values import InvalidValue, Value, parse
from nianbao.definition import ReportFormat, format_for_year, load_format
from nianbao.definition.model import ValueKind
from nianbao.importers.published import labels
from nianbao.importers.published.labels import RowKey, norm

if TYPE_CHECKING:
    from nianbao.importers.published.budget import Deadline

Rows = list[list[str]]

# Rows of cells (paragraphs, table rows, copied lines). Mapping costs up to ~75 us a row here (a label is matched
# loosely against the format's labels); a 60-page report has ~1 000 rows.
MAX_ROWS = 10_000
MAX_CELL = 20_000  # characters; a longer "cell" is a whole document pasted into one line


class ImportFailed(Exception):
    """A published report that cannot be read; str(exc) is a Chinese message for the user."""


def too_many_rows(name: str) -> ImportFailed:
    return ImportFailed(f"“{name}”内容过多（超过 {MAX_ROWS} 行），不像是一份年度报告，已停止读取。")


@dataclass(frozen=True, slots=True)
class Issue:
    kind: Literal["unmapped", "doubtful"]  # text that carries no place in the report, or a value to check
    where: str  # Chinese: table / row / column or chapter
    text: str  # the text as printed
    reason: str
    cell: str | None = None


@dataclass(frozen=True, slots=True)
class ImportResult:
    report: Report
    preface: str  # the 前言: text between the title and chapter 一
    issues: tuple[Issue, ...]
    source: str  # the document as plain text, for the review page
    detected: str  # Chinese: how the format, year and issuer were found

    @property
    def unmapped(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.kind == "unmapped")

    @property
    def doubtful(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.kind == "doubtful")


_TITLE = re.compile(r"^(.{0,60}?)[（(]?(20\d{2})\s*年\s*度?[)）]?\s*(?:的)?政府信息公开(?:工作)?年度?报告")
# a line that is only an issuer's name (a title printed as issuer / "YYYY年政府信息公开工作年度报告")
_ISSUER_LINE = re.compile(
    r"^[^\s>|/:：，。]{2,40}(?:政府|办公室|办公厅|委员会|局|厅|委|院|署|办|中心|办事处|镇|乡|街道|管委会|公司|所|站|会)$"
)
# a web page's own lines around the report (footer, print/close links), not the report's text
_FOOTER = re.compile(
    r"^(?:主办单位|主办：|承办单位|技术支持|版权所有|Copyright|©|网站标识码|.{0,30}ICP备|.{0,30}公网安备|网站地图|"
    r"联系我们|【?打印本页】?|【?关闭窗口】?|【打印】|【关闭】|扫一扫|分享到|上一篇|下一篇|相关链接)"
)
_TITLE_YEAR_FIRST = re.compile(r"^[（(]?(20\d{2})年度?[)）]?(.{2,60}?)政府信息公开(?:工作)?年度?报告")
_YEAR = re.compile(r"(20\d{2})\s*年")
# a printed value: number (or blank mark), an optional unit, an optional note in brackets or after it
_VALUE = re.compile(
    r"^(?P<num>[+\-－−]?[\d０-９][\d０-９,，]*(?:[.．][\d０-９]+)?)\s*(?P<unit>万元|元|件|个|项|条)?\s*"
    r"(?:[（(](?P<note>[^()（）]{1,60})[)）]|(?P<tail>[^\d\s.、．,，/\-].{0,11}))?$"
)
_BLANKS = frozenset({"", "-", "—", "——", "–", "/", "－", "／", "\\", "无", "空"})


def _is_value(text: str) -> bool:
    s = text.strip()
    return s in _BLANKS or bool(_VALUE.match(s))


def _split_values(text: str) -> list[str] | None:
    """'64 0 0 2 0 4 70' -> seven values; None if the cell is not a run of values."""
    parts = text.split()
    if len(parts) > 1 and all(_is_value(p) and p.strip() not in ("无", "空") for p in parts):
        return parts
    return None


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    row: int


class Mapper:
    def __init__(self, rows: Rows, name: str, deadline: Deadline | None = None) -> None:
        if len(rows) > MAX_ROWS:
            raise too_many_rows(name)
        self.rows = [[c if len(c) <= MAX_CELL else c[:MAX_CELL] for c in r] for r in rows]
        self.name = name
        self.deadline = deadline
        self.issues: list[Issue] = []
        self.title_rows = 1  # rows the title was printed on (a title may break over two)

    def _tick(self) -> None:
        if self.deadline is not None:
            self.deadline.check()

    # ------------------------------------------------------------------ whole document
    def run(self, format_id: str | None = None, year: int | None = None, issuer: str | None = None) -> ImportResult:
        text = "\n".join("\t".join(r) for r in self.rows)
        detected: list[str] = []
        t_issuer, t_year, title_row = self._title()
        fid = format_id
        if fid is None:
            fid, _hits = labels.detect_format(text)
            if fid is None:
                y = year or t_year or self._year_in_text(text)
                if y is None:
                    raise ImportFailed(
                        f"“{self.name}”中找不到年度报告的表格标签（如“本年制发件数”“本年新制作数量”），"
                        "无法判断报告格式。请确认这是一份政府信息公开工作年度报告。"
                    )
                fid = format_for_year(y).id
                detected.append(f"格式按年度选择：{load_format(fid).name}")
            else:
                detected.append(f"格式由表格标签识别：{load_format(fid).name}")
        fmt = load_format(fid)
        if year is None:
            year = t_year
            if year is not None:
                detected.append(f"年度取自标题：{year}")
            else:
                year = self._year_in_text(text)
                if year is not None:
                    detected.append(f"年度取自正文中最常出现的年份：{year}（请核对）")
                    self._doubt("基本信息", "", f"标题中没有年度，按正文推定为 {year} 年度")
                else:
                    year = fmt.first_year
                    self._doubt("基本信息", "", f"找不到报告年度，暂定为 {year} 年度")
        if issuer is None:
            issuer = t_issuer or ""
            if issuer:
                detected.append(f"发布机关取自标题：{issuer}")
            else:
                self._doubt("基本信息", "", "找不到发布机关（标题中没有），请在基本信息中填写")
        if not fmt.covers(year):
            self._doubt("基本信息", "", f"{year} 年度通常使用{format_for_year(year).name}，表格却是{fmt.name}")
        report = Report(fid, Metadata(issuer=issuer, year=year), {ch.id: "" for ch in fmt.narrative_chapters})
        preface = self._walk(fmt, report, title_row)
        return ImportResult(report, preface, tuple(self.issues), text, "；".join(detected))

    def _title(self) -> tuple[str | None, int | None, int]:
        """(issuer, year, index of the title's last row): 某某镇人民政府2025年政府信息公开工作年度报告, also
        2025年度某某镇…, 关于…, and a title broken over two lines (…工作 / 年度报告)."""
        lines = [re.sub(r"\s+", "", "".join(row)) for row in self.rows[:16]]
        singles = [(line, i) for i, line in enumerate(lines[:15])]
        pairs = [(a + b, i + 1) for i, (a, b) in enumerate(itertools.pairwise(lines))]
        self.title_rows = 1
        for n, (text, last) in enumerate(singles + pairs):  # one line first, then a title broken over two
            self.title_rows = 1 if n < len(singles) else 2
            if len(text) > 90:
                continue
            m = _TITLE.match(text)
            if m:
                if not m.group(1) and n < len(singles) and last > 0 and _ISSUER_LINE.match(lines[last - 1]):
                    self.title_rows = 2  # the issuer on its own line above "2025年政府信息公开工作年度报告"
                    return _issuer(lines[last - 1]), int(m.group(2)), last
                return _issuer(m.group(1)), int(m.group(2)), last
            m = _TITLE_YEAR_FIRST.match(text)
            if m:
                return _issuer(m.group(2)), int(m.group(1)), last
        return None, None, -1

    @staticmethod
    def _year_in_text(text: str) -> int | None:
        counts: dict[int, int] = {}
        for m in _YEAR.finditer(text[:20000]):
            y = int(m.group(1))
            counts[y] = counts.get(y, 0) + 1
        return max(counts, key=lambda y: (counts[y], y)) if counts else None

    # ------------------------------------------------------------------ chapters and tables
    def _walk(self, fmt: ReportFormat, report: Report, title_row: int) -> str:
        fid = fmt.id
        chapter: str | None = None  # None = before chapter 一 (the 前言)
        texts: dict[str | None, list[str]] = {None: []}
        seen: set[str] = set()
        table_cells: list[_Cell] = []  # cells inside table chapters (and anywhere a row label is met)
        tables_by_chapter = {ch.id: ch.table for ch in fmt.chapters}
        for i, row in enumerate(self.rows):
            if i % 256 == 0:
                self._tick()
            cells = [c.strip() for c in row]
            nonblank = [c for c in cells if c]
            if i <= title_row:
                if i <= title_row - self.title_rows and nonblank:  # page navigation, 索引号 …: listed, not used
                    self.issues.append(Issue("unmapped", "标题之前", " ".join(nonblank), "标题之前的文字，未导入"))
                continue
            if len(nonblank) == 1 and _FOOTER.match(nonblank[0]):
                self.issues.append(Issue("unmapped", "页面", nonblank[0], "网页的栏目或页脚文字，未导入"))
                continue
            if len(nonblank) == 1 and len(cells) <= 2:
                ch = labels.chapter_of(fmt, nonblank[0])
                if ch is not None:
                    if ch in seen:
                        title = fmt.chapter(ch).title
                        self._doubt("正文", nonblank[0], f"章节标题“{title}”重复出现，后面的内容并入该章节")
                    seen.add(ch)
                    chapter = ch
                    texts.setdefault(ch, [])
                    continue
            in_table = chapter is not None and tables_by_chapter.get(chapter) is not None
            if not in_table and not self._table_row(fid, cells):
                if nonblank:
                    texts.setdefault(chapter, []).append("　".join(nonblank) if len(nonblank) > 1 else nonblank[0])
                continue
            table_cells.extend(_Cell(c, i) for c in cells)
        self._tables(fmt, report, table_cells)
        for nch in fmt.narrative_chapters:
            if nch.id == PREFACE:
                continue
            report.narrative[nch.id] = _paragraphs(texts.get(nch.id, []))
            if nch.id not in seen:
                self._doubt("正文", "", f"没有找到章节“{nch.title}”，该章正文为空")
        preface = _paragraphs(texts.get(None, []))
        report.narrative[PREFACE] = preface  # the text between the title and chapter 一, as published
        return preface

    def _table_row(self, fid: str, cells: list[str]) -> bool:
        """A row outside the table chapters that still belongs to a table (it names a table row)."""
        nonblank = [c for c in cells if c]
        if len(nonblank) > 1:
            return any(labels.match_row(fid, c) is not None for c in nonblank[:4])
        if len(nonblank) == 1:
            c = nonblank[0]
            return len(c) <= 60 and (labels.match_row(fid, c) is not None or labels.prefix_row(fid, c) is not None)
        return False

    def _tables(self, fmt: ReportFormat, report: Report, cells: list[_Cell]) -> None:
        fid = fmt.id
        used = [False] * len(cells)
        i = 0
        t4_start: int | None = None
        while i < len(cells):
            c = cells[i]
            text = c.text
            if not text:
                i += 1
                continue
            hit = labels.match_row(fid, text, fuzzy=False)
            rest: list[str] | None = None
            if hit is None and not labels.is_known(fid, text) and not _is_value(text):
                joined = self._joined_label(fid, cells, i)
                if joined is not None:  # a label broken over lines or cells (本年新 / 制作数量)
                    last, hit = joined
                    for k in range(i, last + 1):
                        used[k] = True
                    if hit is None:
                        i = last + 1
                        continue
                    i = last
            if hit is None:
                pre = labels.prefix_row(fid, text)
                if pre is not None:
                    hit = labels.Match(pre[0], True)
                    rest = pre[1].split()
                else:
                    hit = labels.match_row(fid, text)
            if hit is not None:
                used[i] = True
                if not hit.exact:
                    self._doubt(_row_place(fmt, hit.row), text, f"标签与格式不完全一致，按“{hit.row.label}”读取")
                i = self._row_values(fmt, report, hit.row, cells, used, i, rest)
                continue
            t4_words = len(text) <= 80 and ("行政诉讼" in text or "复议后起诉" in text)
            if t4_words and not labels.is_known(fid, text):
                used[i] = True  # table 四's headers run together in one line
                t4_start = i
            elif labels.is_known(fid, text):
                used[i] = True
                if norm(text) in (norm("复议后起诉"), norm("行政复议"), norm("行政诉讼")) or (
                    t4_start is not None and norm(text) in (norm("总计"), norm("尚未审结"))
                ):
                    t4_start = i
            i += 1
        self._t4(fmt, report, cells, used, t4_start)
        for c, u in zip(cells, used, strict=True):
            if u or not c.text:
                continue
            if _is_value(c.text) or _split_values(c.text) is not None:
                self.issues.append(Issue("doubtful", "表格", c.text, "这个数字没有对应到任何栏目，未导入"))
            else:
                self.issues.append(Issue("unmapped", "表格", c.text, "无法识别的标签或文字，未导入"))

    def _joined_label(self, fid: str, cells: list[_Cell], i: int) -> tuple[int, labels.Match | None] | None:
        """A label printed in pieces: (index of its last piece, the row it names or None for a header)."""
        text = cells[i].text
        j = i + 1
        for _ in range(2):
            while j < len(cells) and not cells[j].text:
                j += 1
            if j >= len(cells) or _is_value(cells[j].text):
                return None
            text += cells[j].text
            hit = labels.match_row(fid, text, fuzzy=False)
            if hit is not None:
                return j, hit
            if labels.is_known(fid, text):
                return j, None
            j += 1
        return None

    def _row_values(
        self,
        fmt: ReportFormat,
        report: Report,
        row: RowKey,
        cells: list[_Cell],
        used: list[bool],
        i: int,
        rest: list[str] | None,
    ) -> int:
        """Read the values after the label at cells[i]; returns the index after them."""
        k = len(row.cells)
        label_row = cells[i].row
        j = i + 1
        nxt = next((c.text for c in cells[j : j + 12] if c.text), "")
        if rest is None and labels.match_row(fmt.id, nxt, fuzzy=False) is not None:
            return j  # a group label followed by its first row (（六）其他处理 | 1.申请人…)
        if row.note:
            self._doubt(_row_place(fmt, row), cells[i].text, row.note)
        found: list[str]
        if rest is not None:
            found = rest
        else:
            same = []
            while j < len(cells) and cells[j].row == label_row:
                same.append(j)
                j += 1
            same_texts = [cells[x].text for x in same]
            # labels broken across cells ("（二）部分公开（区分处理的，" + "只计这一情形，不计其他情形）")
            while same and not _is_value(same_texts[0]) and labels.match_row(fmt.id, same_texts[0]) is None:
                used[same[0]] = True
                same, same_texts = same[1:], same_texts[1:]
            if same:
                for x in same:
                    used[x] = True
                found = []
                for t in same_texts:
                    found.extend(_split_values(t) or [t])
            else:
                # one cell per line: the values are the following value-only rows
                found = []
                while j < len(cells) and len(found) < k:
                    t = cells[j].text
                    if not t:
                        j += 1
                        continue
                    split = _split_values(t)
                    if labels.match_row(fmt.id, t) is not None or (split is None and not _is_value(t)):
                        if not found and labels.match_row(fmt.id, t) is None and not labels.is_known(fmt.id, t):
                            used[j] = True  # the rest of a label broken across lines
                            j += 1
                            continue
                        break
                    found.extend(split or [t])
                    used[j] = True
                    j += 1
        self._assign(fmt, report, row, found)
        return j

    def _assign(self, fmt: ReportFormat, report: Report, row: RowKey, found: Sequence[str]) -> None:
        k = len(row.cells)
        place = _row_place(fmt, row)
        texts = [t.strip() for t in found]
        if len(texts) > k:
            extra = [t for t in texts[k:] if t]
            if extra:
                self._doubt(place, " ".join(extra), f"这一行多出 {len(extra)} 个数字，未导入")
            texts = texts[:k]
        targets = list(row.cells)
        if len(texts) < k:
            numbers = [t for t in texts if t]
            if not numbers:
                if texts or k:
                    pass
            elif len(texts) == 1 and fmt.cells[targets[-1]].computed and k > 1:
                targets = [targets[-1]]
                self._doubt(place, texts[0], "这一行只印出一个数字，已作为“总计”导入，其余栏目留空")
            else:
                self._doubt(
                    place,
                    " ".join(texts),
                    f"这一行只找到 {len(texts)} 个数字，应有 {k} 个，已从左到右依次填入，请核对",
                )
        for cid, t in zip(targets, texts, strict=False):
            self._set(fmt, report, cid, t)

    def _set(self, fmt: ReportFormat, report: Report, cid: str, text: str) -> None:
        spec = fmt.cells[cid]
        place = f"{_row_place_cell(fmt, cid)}"
        s = text.strip()
        if s in _BLANKS:
            return
        m = _VALUE.match(s)
        if m is None:
            self._doubt(place, s, "不是数字，未导入", cid)
            return
        num = m.group("num").replace("，", ",").replace("－", "-").replace("−", "-")
        unit = m.group("unit") or ""
        note = (m.group("note") or m.group("tail") or "").strip()
        if unit in ("件", "个", "项", "条"):
            unit = ""
        if unit and spec.kind is not ValueKind.MONEY:
            note = note or unit
            unit = ""
        try:
            value: Value | None = parse(num, spec.kind)
        except InvalidValue as exc:
            self._doubt(place, s, f"{exc}，未导入", cid)
            return
        if value is None:
            return
        if spec.kind is ValueKind.MONEY:
            chosen = unit or spec.unit
            if chosen not in spec.units and isinstance(value, Decimal):
                if chosen == "元" and spec.unit == "万元":
                    value = parse(format(value / 10000, "f"), spec.kind) or value
                    self._doubt(place, s, "印的是元，已换算为万元", cid)
                chosen = spec.unit
            if chosen != spec.unit:
                report.units[cid] = chosen
        report.values[cid] = value
        if note:
            report.notes[cid] = note
            self._doubt(place, s, f"数字带有注释“{note}”，已作为单元格注释保留", cid)

    def _t4(self, fmt: ReportFormat, report: Report, cells: list[_Cell], used: list[bool], start: int | None) -> None:
        """Table 四 has one value row of 15 cells under its headers."""
        if start is None:
            self._doubt("表四", "", "没有找到表四（行政复议、行政诉讼）的表头，表四未导入")
            return
        t4 = fmt.tables["t4"].cells
        picked: list[int] = []
        rows_seen: list[int] = []
        j = start + 1
        while j < len(cells):
            c = cells[j]
            if used[j] and c.text:
                if picked:
                    break
                j += 1
                continue
            if c.text and not _is_value(c.text) and _split_values(c.text) is None:
                break
            if c.row not in rows_seen:
                rows_seen.append(c.row)
            picked.append(j)
            j += 1
        # blanks before the value row belong to header rows (covered cells); keep the rows holding a number
        value_rows = [r for r in rows_seen if any(cells[x].text for x in picked if cells[x].row == r)]
        texts: list[str] = []
        for x in picked:
            if cells[x].row in value_rows or not value_rows:
                texts.extend(_split_values(cells[x].text) or [cells[x].text])
                used[x] = True
        if len(value_rows) == 1 and len(texts) > len(t4):
            texts = texts[-len(t4) :]  # leading covered cells of the same printed row
        if len(texts) == len(t4):
            for cid, t in zip(t4, texts, strict=True):
                self._set(fmt, report, cid, t)
            return
        numbers = [t for t in texts if t.strip()]
        if len(numbers) == 3:
            for cid, t in zip((t4[4], t4[9], t4[14]), numbers, strict=True):
                self._set(fmt, report, cid, t)
            self._doubt("表四", " ".join(numbers), "只找到 3 个数字，已作为三个“总计”导入，请核对")
        elif numbers:
            self._doubt("表四", " ".join(numbers), f"找到 {len(texts)} 个单元格，应有 {len(t4)} 个，表四未导入")

    def _doubt(self, where: str, text: str, reason: str, cell: str | None = None) -> None:
        self.issues.append(Issue("doubtful", where, text, reason, cell))


def _issuer(text: str) -> str | None:
    issuer = re.sub(r"^关于", "", text.strip('　 ：:《》<>“”"')).removesuffix("关于")
    return issuer or None


def _row_place(fmt: ReportFormat, row: RowKey) -> str:
    from nianbao.core.findings import table_name

    return f"{table_name(fmt, row.table)}“{row.label}”行"


def _row_place_cell(fmt: ReportFormat, cid: str) -> str:
    from nianbao.core.findings import table_cell_place

    return table_cell_place(fmt, fmt.cells[cid])


def _paragraphs(lines: list[str]) -> str:
    return "\n".join(line.strip("　 \t") for line in lines if line.strip("　 \t"))


def map_rows(
    rows: Rows,
    name: str = "文件",
    format_id: str | None = None,
    year: int | None = None,
    issuer: str | None = None,
    deadline: Deadline | None = None,
) -> ImportResult:
    return Mapper(rows, name, deadline).run(format_id, year, issuer)
