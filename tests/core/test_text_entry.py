"""Text is cleaned where it enters (load, edits) and bounded: exports never meet text they cannot write."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from factories import filled_report
from nianbao.core import storage
from nianbao.core.document import ReportDocument
from nianbao.core.edits import EditBatch, EditError
from nianbao.core.storage import StorageError
from nianbao.core.text import MAX_CHAPTER, clean

HOSTILE = "镇\x00\x01\x0b\x1f\x7f\u202e\u2066政\ud800府\udfff"


def test_clean_removes_controls_surrogates_and_bidi_but_keeps_tabs_and_newlines() -> None:
    assert clean(HOSTILE) == ("镇政府", 9)
    assert clean("a\tb\r\nc\rd") == ("a\tb\nc\nd", 0)
    assert clean("一\n二\t三", single_line=True) == ("一 二 三", 0)


def test_a_file_with_hostile_text_opens_cleaned_with_a_note_and_saves(tmp_path: Path) -> None:
    data = json.loads(storage.dumps(filled_report()))
    data["meta"]["issuer"] = HOSTILE
    data["narrative"]["ch1"] = "第一段\u202e" + HOSTILE
    path = tmp_path / "x.nianbao"
    path.write_text(json.dumps(data, ensure_ascii=True), "utf-8")  # \ud800 as a JSON escape, as a file can hold it
    notes: list[str] = []
    report = storage.load(path, notes)
    assert report.meta.issuer == "镇政府"
    assert report.narrative["ch1"] == "第一段镇政府"
    assert len(notes) == 2 and "发布机关" in notes[0] and "已删除" in notes[0]
    storage.save(report, path)  # no UnicodeEncodeError
    assert storage.load(path) == report


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (EditBatch(meta=(("issuer", "长" * 101),)), "发布机关最多 100 个字符"),
        (EditBatch(meta=(("year", 0),)), "报告年度应在"),
        (EditBatch(texts=(("ch1", "字" * (MAX_CHAPTER + 1)),)), "一个章节最多 50,000 个字符"),
    ],
)
def test_limits_at_entry(edit: EditBatch, message: str) -> None:
    doc = ReportDocument(filled_report())
    before = storage.dumps(doc.report)
    with pytest.raises(EditError, match=message):
        doc.apply(edit)
    assert storage.dumps(doc.report) == before


def test_edits_are_cleaned() -> None:
    doc = ReportDocument(filled_report())
    doc.apply(EditBatch(meta=(("issuer", HOSTILE),), texts=(("ch1", "甲\x01乙\n丙"),)))
    assert doc.report.meta.issuer == "镇政府" and doc.report.narrative["ch1"] == "甲乙\n丙"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["meta"].update(issuer="长" * 101), "超过了 100 个字符的上限"),
        (lambda d: d["narrative"].update(ch1="字" * (MAX_CHAPTER + 1)), "超过了 50,000 个字符的上限"),
        (lambda d: d.update(accepted={f"R{i}": "x" for i in range(2000)}), "多于本格式的"),
    ],
)
def test_limits_on_load(change: Callable[[dict[str, Any]], object], message: str) -> None:
    data = json.loads(storage.dumps(filled_report()))
    change(data)
    with pytest.raises(StorageError, match=message):
        storage.loads(json.dumps(data, ensure_ascii=False))


def test_a_file_over_20_mb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.nianbao"
    with path.open("wb") as fh:
        fh.truncate(storage.MAX_FILE_BYTES + 1)
    with pytest.raises(StorageError, match="超过了项目文件的上限 20 MB"):
        storage.load(path)
