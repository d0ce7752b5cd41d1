"""What the narrative must cover: the format's checklist, a local requirements profile, and 雷同 with last year.

The checklist is data beside each format (definition/<format>.text.toml). A profile is a TOML file a user loads
(工具 > 载入本地要求, `nianbao check --profile FILE`); its format is documented in the README.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from nianbao.definition import ReportFormat
from nianbao.definition.text_rules import ChecklistItem, load_text_rules

MAX_PROFILE_BYTES = 256 * 1024
PREFACE_ID = "preface"  # narrative key of the 前言 (core/preface.py)
SIMILAR_MIN_CHARS = 60  # shorter chapters ("无。") may well stay the same from year to year
SIMILAR_LIMIT = 0.8
_NUMBER_IN_CLAUSE = re.compile(r"[0-9０-９]|[一二两三四五六七八九十百千]+(?:件|条|篇|期|次|个|项)")


class ProfileError(ValueError):
    """A profile file that cannot be used; str(exc) is Chinese and names the place."""


@dataclass(frozen=True, slots=True)
class Requirement:
    chapter: str  # chapter id ("ch1") or "preface"
    label: str  # what the requirement asks for, as the message shows it
    max_chars: int | None = None
    phrases: tuple[tuple[str, ...], ...] = ()  # every group must appear; a group is a set of alternatives
    with_number: bool = False  # each phrase in a sentence that has a number
    figures: tuple[str, ...] = ()  # statement rule ids that must be stated (definition/<format>.text.toml)


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    requirements: tuple[Requirement, ...]
    source: str = ""


def char_count(text: str) -> int:
    """Characters as a clerk counts them: everything except whitespace."""
    return len("".join(text.split()))


def checklist_gaps(fmt: ReportFormat, level: str, chapter: str, text: str) -> list[ChecklistItem]:
    """Checklist items of this chapter that the text does not mention."""
    out = []
    for item in load_text_rules(fmt.id).checklist:
        if item.chapter != chapter or (item.levels and level not in item.levels):
            continue
        if not all(any(re.search(alt, text) for alt in group) for group in item.groups):
            out.append(item)
    return out


# ---------------------------------------------------------------------------------------------- profiles
def load_profile(path: Path) -> Profile:
    """Read and validate a profile file; ProfileError (Chinese) when it cannot be used."""
    import tomllib

    try:
        if path.stat().st_size > MAX_PROFILE_BYTES:
            raise ProfileError(f"“{path.name}”太大，不像是本地要求文件。")
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise ProfileError(f"无法读取“{path.name}”：{exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ProfileError(f"“{path.name}”不是 UTF-8 编码的文本文件。") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"“{path.name}”格式有误：{exc}") from None
    return parse_profile(data, path.name)


def parse_profile(data: dict[str, object], source: str = "") -> Profile:
    name = str(data.get("name") or source or "本地要求")
    raw_list = data.get("require", [])
    if not isinstance(raw_list, list) or not raw_list:
        raise ProfileError(f"“{source}”中没有任何 [[require]] 要求。")
    reqs = []
    for i, raw in enumerate(raw_list, 1):
        where = f"“{source}”第 {i} 条要求"
        if not isinstance(raw, dict):
            raise ProfileError(f"{where}格式有误。")
        chapter = _chapter_id(raw.get("chapter"), where)
        max_chars = raw.get("max_chars")
        if max_chars is not None and (not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars <= 0):
            raise ProfileError(f"{where}：max_chars 应为正整数。")
        phrases = raw.get("phrases", [])
        figures = raw.get("figures", [])
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise ProfileError(f'{where}：phrases 应为文字列表，如 ["政策解读", "回应关切"]。')
        if not isinstance(figures, list) or not all(isinstance(f, str) and f.strip() for f in figures):
            raise ProfileError(f"{where}：figures 应为文字列表。")
        with_number = raw.get("with_number", False)
        if not isinstance(with_number, bool):
            raise ProfileError(f"{where}：with_number 应为 true 或 false。")
        if max_chars is None and not phrases and not figures:
            raise ProfileError(f"{where}：至少需要 max_chars、phrases、figures 之一。")
        groups = tuple(tuple(a.strip() for a in re.split(r"[|｜]", p) if a.strip()) for p in phrases)
        label = str(raw.get("label") or "、".join(g[0] for g in groups) or "字数")
        known = figure_refs()
        for fig in figures:
            if fig.strip() not in known:
                raise ProfileError(f"{where}：figures 中的“{fig}”不是可识别的数字项（见 README“本地要求文件”）。")
        reqs.append(Requirement(chapter, label, max_chars, groups, with_number, tuple(f.strip() for f in figures)))
    return Profile(name, tuple(reqs), source)


_CHAPTER_NUMBERS = {"一": "ch1", "五": "ch5", "六": "ch6", "前言": PREFACE_ID}


def _chapter_id(value: object, where: str) -> str:
    text = str(value or "").strip()
    for key, cid in _CHAPTER_NUMBERS.items():
        if text in (key, cid) or text.startswith(key + "、"):
            return cid
    raise ProfileError(f"{where}：chapter 应为 一、五、六 或 前言（正文章节），现为“{text}”。")


@functools.cache
def figure_refs(format_id: str | None = None) -> Mapping[str, str]:
    """Names and ids a profile may use in `figures` -> statement rule id (both formats unless one is given)."""
    from nianbao.definition import format_ids

    refs: dict[str, str] = {}
    for fid in (format_id,) if format_id else format_ids():
        for st in load_text_rules(fid).statements:
            refs.setdefault(st.id, st.id)
            refs.setdefault(st.name, st.id)
    return MappingProxyType(refs)  # cached: shared by every caller


def unmet(
    req: Requirement, text: str, stated: set[str], figure_ids: Mapping[str, str], names: Mapping[str, str]
) -> str | None:
    """Why the text misses the requirement (Chinese), or None when it meets it."""
    if req.max_chars is not None:
        n = char_count(text)
        if n > req.max_chars:
            return f"共 {n} 字，超过本地要求的 {req.max_chars} 字"
    missing = []
    for group in req.phrases:
        hits = [m for alt in group for m in re.finditer(re.escape(alt), text)]
        if not hits:
            missing.append(f"未写到“{group[0]}”")
        elif req.with_number and not any(_NUMBER_IN_CLAUSE.search(_clause(text, m.start())) for m in hits):
            missing.append(f"“{group[0]}”没有写明数量")
    for fig in req.figures:
        rule_id = figure_ids.get(fig, fig)
        if rule_id not in stated:
            missing.append(f"未写明{names.get(rule_id, fig)}的数字")
    return "；".join(missing) or None


def _clause(text: str, pos: int) -> str:
    ends = "。；;！!？?\n，,"
    start = max(text.rfind(e, 0, pos) for e in ends) + 1
    stops = [i for i in (text.find(e, pos) for e in ends) if i >= 0]
    return text[start : min(stops) if stops else len(text)]


# ---------------------------------------------------------------------------------------------- 雷同
def similarity(this_year: str, last_year: str, n: int = 4) -> float:
    """Share of this year's character n-grams (whitespace ignored) that last year's text also has."""
    a = "".join(this_year.split())
    b = "".join(last_year.split())
    if len(a) < n or len(b) < n:
        return 0.0
    grams_a = {a[i : i + n] for i in range(len(a) - n + 1)}
    grams_b = {b[i : i + n] for i in range(len(b) - n + 1)}
    return len(grams_a & grams_b) / len(grams_a)
