"""Numbers in the narrative against the tables, and last year's year used as this year's.

A statement is a count or an amount with its unit ("81件", "5949.09万元") in the same clause as a key word that says
what it counts ("收到…申请", "现行有效…规范性文件"); the keys and the cells they speak of are data beside each format
(definition/<format>.text.toml). Dates, phone numbers, document and article numbers, percentages and headings carry
no count unit or are ordinals, so they are never statements; comparisons ("较上年增加7件") and approximations
("1000余件") are skipped.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from nianbao.core.report import Report
from nianbao.definition.text_rules import StatementRule, TextRules, load_text_rules

SENTENCE_END = "。；;！!？?\n"
CLAUSE_END = SENTENCE_END + "，,、（）()“”"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_FULLWIDTH = re.compile("[０-９．]")
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMBER = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(?P<approx>余|多)?\s*"
    r"(?P<unit>万元|元|件|起|项|个|条|次)"
)
# words that make a number a difference or last year's figure, when they stand between the key and the number
_NOT_THIS_COUNT = re.compile(r"较|同比|环比|比上|增加|减少|增长|下降|上升|提高|上年|去年|上一年|前年")
_LAST_YEAR = re.compile(r"上年|去年|上一年|前年")  # before the key: last year's figure ("上年收到申请90件")
_APPROX_BEFORE = ("约", "近", "逾", "超过", "超", "将近", "大约")
_YUAN = {"万元": Decimal(10000), "元": Decimal(1)}


@dataclass(frozen=True, slots=True)
class Statement:
    rule: StatementRule
    value: int | Decimal  # as written, in `unit`
    unit: str
    span: tuple[int, int]  # key and number, in the chapter text
    sentence: tuple[int, int]
    quote: str  # the words of the statement as written


@dataclass(frozen=True, slots=True)
class Mismatch:
    statement: Statement
    table_value: int | Decimal  # the main reading's value, in the statement's unit


@dataclass(frozen=True, slots=True)
class _Compiled:
    rules: TextRules
    keys: re.Pattern[str]
    by_unit: Mapping[tuple[int, str], tuple[StatementRule, ...]]  # (key group, unit) -> its rules, topic-naming first
    topics: re.Pattern[str] | None
    topic_ids: tuple[str, ...]
    absent: tuple[tuple[re.Pattern[str], StatementRule], ...]  # "未发生…行政复议": the cells must be 0


@functools.cache
def _compiled(format_id: str) -> _Compiled:
    rules = load_text_rules(format_id)
    keys: dict[str, list[StatementRule]] = {}
    for st in rules.statements:
        keys.setdefault(st.key, []).append(st)
    key_re = re.compile(_first_char_filter(keys) + "(?:" + "|".join(f"(?P<k{i}>{k})" for i, k in enumerate(keys)) + ")")
    topic_ids = tuple(rules.topics)
    topic_re = (
        re.compile("|".join(f"(?P<t{i}>{rules.topics[t]})" for i, t in enumerate(topic_ids))) if topic_ids else None
    )
    by_unit: dict[tuple[int, str], tuple[StatementRule, ...]] = {}
    for i, group in enumerate(keys.values()):
        for unit in {u for st in group for u in st.units}:
            rules_for_unit = sorted((st for st in group if unit in st.units), key=lambda st: st.topic is None)
            by_unit[(i, unit)] = tuple(rules_for_unit)
    absent = tuple((re.compile(st.key), st) for st in rules.absent)
    return _Compiled(rules, key_re, MappingProxyType(by_unit), topic_re, topic_ids, absent)


def _first_char_filter(patterns: Iterable[str]) -> str:
    """A lookahead for the characters the patterns can start with, when every top-level alternative starts with a
    plain character: the combined pattern then skips most positions at once (5x faster on report text)."""
    first = set()
    for pattern in patterns:
        depth, alt_start = 0, True
        for ch in pattern:
            if alt_start:
                if not ch.isalnum() or ch.isascii():
                    return ""
                first.add(ch)
                alt_start = False
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif ch == "|" and depth == 0:
                alt_start = True
    return "(?=[" + "".join(sorted(first)) + "])"


def normalise(text: str) -> str:
    """Full-width digits to ASCII, one character for one, so spans stay valid in the original text."""
    return text.translate(_FULLWIDTH_DIGITS) if _FULLWIDTH.search(text) else text  # translate is slow on CJK text


def chinese_number(s: str) -> int | None:
    """三 -> 3, 十二 -> 12, 二百零五 -> 205; None when it is not a plain number."""
    total, digit = 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            if digit:  # "三三" is not a number; "二百零五" is
                return None
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


_ENDS = {ends: re.compile("[" + re.escape(ends) + "]") for ends in (CLAUSE_END, SENTENCE_END)}


def _boundaries(text: str, ends: str) -> list[int]:
    """Positions of the characters that end a clause or sentence, for _bounds."""
    return [m.start() for m in _ENDS[ends].finditer(text)]


def _bounds(stops: list[int], pos: int, length: int) -> tuple[int, int]:
    """(start, end) of the clause or sentence around pos, given the sorted positions of its end characters."""
    i = bisect.bisect_right(stops, pos - 1)
    return (stops[i - 1] + 1 if i else 0), (stops[i] if i < len(stops) else length)


def sentence_around(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The sentence (up to and including its 。；！？ or line end) that holds span."""
    start = max(text.rfind(ch, 0, span[0]) for ch in SENTENCE_END) + 1
    stops = [i for i in (text.find(ch, span[1]) for ch in SENTENCE_END) if i >= 0]
    end = min(stops) if stops else len(text)
    return start, end + 1 if end < len(text) and text[end] != "\n" else end


def find_statements(format_id: str, text: str) -> list[Statement]:
    """Every statement of a number that the format's rules tie to table cells, in text order."""
    comp = _compiled(format_id)
    norm = normalise(text)
    keys = [(m.start(), m.end(), int(m.lastgroup[1:])) for m in comp.keys.finditer(norm) if m.lastgroup]
    key_ends = [k[1] for k in keys]
    key_starts = [k[0] for k in keys]
    topics: list[tuple[int, int, str]] = []
    if comp.topics is not None:
        topics = [
            (m.start(), m.end(), comp.topic_ids[int(m.lastgroup[1:])])
            for m in comp.topics.finditer(norm)
            if m.lastgroup
        ]
    topic_ends = [t[1] for t in topics]
    clause_stops, sentence_stops = _boundaries(norm, CLAUSE_END), _boundaries(norm, SENTENCE_END)
    out: list[Statement] = []
    n = len(norm)
    for m in _NUMBER.finditer(norm):
        start, end = m.span()
        c_start, c_end = _bounds(clause_stops, start, n)
        i = bisect.bisect_right(key_ends, start) - 1
        j = bisect.bisect_left(key_starts, end)
        if not ((i >= 0 and key_ends[i] > c_start) or (j < len(keys) and keys[j][0] < c_end)):
            continue  # no key word in the clause: not a statement this format can check
        value = _value(norm, m)
        if value is None:
            continue
        s_start, s_end = _bounds(sentence_stops, start, n)
        unit = m.group("unit")
        # the key nearest before the number (its end inside the clause) that can count this unit in this topic,
        # else the first such key after it
        found: tuple[tuple[int, int, int], StatementRule] | None = None
        while found is None and i >= 0 and key_ends[i] > c_start:
            key = keys[i]
            i -= 1
            if _NOT_THIS_COUNT.search(norm, key[1], start) or _LAST_YEAR.search(norm, c_start, key[0]):
                break
            found = _pick(comp, key, unit, topics, topic_ends, norm, start, end, s_end)
        if found is None and not _NOT_THIS_COUNT.search(norm, c_start, start):
            while found is None and j < len(keys) and keys[j][0] < c_end:
                found = _pick(comp, keys[j], unit, topics, topic_ends, norm, start, end, s_end)
                j += 1
        if found is None:
            continue
        key, rule = found
        span = (min(key[0], start), max(key[1], end))
        out.append(Statement(rule, value, unit, span, (s_start, s_end), text[span[0] : span[1]]))
    counts = len(out)
    for pattern, rule in comp.absent:
        for m in pattern.finditer(norm):
            s_start, s_end = _bounds(sentence_stops, m.start(), n)
            out.append(Statement(rule, 0, "件", m.span(), (s_start, s_end), text[m.start() : m.end()]))
    if len(out) > counts:
        out.sort(key=lambda st: st.span)
    return out


def _pick(
    comp: _Compiled,
    key: tuple[int, int, int],
    unit: str,
    topics: list[tuple[int, int, str]],
    topic_ends: list[int],
    norm: str,
    start: int,
    end: int,
    s_end: int,
) -> tuple[tuple[int, int, int], StatementRule] | None:
    """The rule of this key that counts `unit` in the topic of the sentence, or None."""
    candidates = comp.by_unit.get((key[2], unit))
    if not candidates:
        return None
    if candidates[0].topic is None:
        return key, candidates[0]
    # the topic word last before the number in its paragraph, else the first after it in its sentence
    topic = _topic_at(topics, topic_ends, start, end, norm.rfind("\n", 0, start) + 1, s_end)
    for st in candidates:  # the rules naming a topic come first
        if st.topic is None or st.topic == topic:
            return key, st
    return None


def _value(text: str, m: re.Match[str]) -> int | Decimal | None:
    """The number written, or None when it is no count (ordinal, approximate, part of a longer number)."""
    start = m.start()
    before = text[max(0, start - 2) : start]
    if m.group("approx") or before.endswith("第") or before.endswith(_APPROX_BEFORE) or before.endswith("每"):
        return None
    if start > 0 and text[start - 1] in "0123456789.-－—/:：":
        return None
    raw, unit = m.group("num"), m.group("unit")
    if raw[0].isdigit():
        raw = raw.replace(",", "")
        if "." in raw:
            return Decimal(raw) if unit in _YUAN else None
        return int(raw) if unit not in _YUAN else Decimal(raw)
    if unit != "件" or text.startswith("件事", m.end() - 1):  # 三件 is a count; 一件事 is a policy name
        return None
    return chinese_number(raw)


def _topic_at(
    topics: list[tuple[int, int, str]], ends: list[int], start: int, end: int, p_start: int, s_end: int
) -> str | None:
    i = bisect.bisect_right(ends, start) - 1
    if i >= 0 and topics[i][0] >= p_start:
        return topics[i][2]
    for t in topics[i + 1 :]:
        if t[0] >= s_end:
            break
        if t[0] >= end:
            return t[2]
    return None


def reading_value(report: Report, reading: tuple[str, ...], unit: str) -> int | Decimal:
    """The table's value for one reading, in the statement's unit (money converted between 元 and 万元)."""
    if unit not in _YUAN:
        return sum(int(report.value(c)) for c in reading)
    total = sum((Decimal(report.value(c)) * _YUAN.get(report.unit(c), Decimal(1)) for c in reading), Decimal(0))
    return total / _YUAN[unit]


def _agrees(stated: int | Decimal, actual: int | Decimal) -> bool:
    if isinstance(stated, int):
        return stated == actual
    exponent = stated.as_tuple().exponent
    half = Decimal(5).scaleb((exponent if isinstance(exponent, int) else 0) - 1)
    return abs(Decimal(actual) - stated) <= half


def table_filled(report: Report, table: str) -> bool:
    fmt = report.fmt
    return any(report.values.get(c) is not None for c in fmt.tables[table].cells if not fmt.cells[c].computed)


def mismatches(report: Report, statements: list[Statement]) -> Iterator[Mismatch]:
    """Statements whose number equals none of their readings in the current tables (tables not yet filled in
    are not compared)."""
    cells = report.fmt.cells
    filled: dict[str, bool] = {}
    for st in statements:
        main = st.rule.readings[0]
        table = cells[main[0]].table
        if table not in filled:
            filled[table] = table_filled(report, table)
        if not filled[table]:
            continue
        values = [reading_value(report, r, st.unit) for r in st.rule.readings]
        if not any(_agrees(st.value, v) for v in values):
            shown = values[0]
            if isinstance(shown, Decimal):
                shown = shown.normalize() if shown == shown.to_integral_value() else shown
            yield Mismatch(st, shown)


# ---------------------------------------------------------------------------------------------- year slips
_YEAR_SKIP_BEFORE = (
    "较",
    "比",
    "与",
    "同",
    "自",
    "从",
    "截至",
    "截止",
    "和",
    "及",
    "至",
    "到",
    "、",
    "—",
    "-",
    "~",
    "～",
)
_YEAR_SKIP_AFTER = re.compile(r"\s*(?:\d|[一二三四五六七八九十]+月|底|末|年末|同期|以前|之前|前)")
_CN_YEAR_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
_PAST_NEAR = re.compile(r"上年|去年|上一年|上一年度")


def year_slips(text: str, year: int) -> list[tuple[int, int]]:
    """Spans of "<year-1>年" written as if it were the report year ("2025年，我镇…" in a 2026 report)."""
    if year <= 1:
        return []
    norm = normalise(text)
    last = str(year - 1)
    # also written in Chinese digits (二〇二五年, 二零二五年)
    spelled = "|".join({last.translate(_CN_YEAR_DIGITS), last.translate(_CN_YEAR_DIGITS).replace("〇", "零")})
    out = []
    for m in re.finditer(rf"(?<![\d〇零一二三四五六七八九])(?:{last}|{spelled})\s*年", norm):
        before = norm[max(0, m.start() - 6) : m.start()]
        if before.rstrip().endswith(_YEAR_SKIP_BEFORE) or _PAST_NEAR.search(before):
            continue
        if _YEAR_SKIP_AFTER.match(norm, m.end()):
            continue
        out.append((m.start(), m.end()))
    return out
