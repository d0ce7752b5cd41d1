"""The 前言: usual wording from the metadata, kept in step while unedited, stored, old files open with it empty."""

from __future__ import annotations

import json

import pytest

from nianbao.core import storage
from nianbao.core.preface import PREFACE, default_preface, preface_after_meta
from nianbao.core.report import Metadata, new_report
from nianbao.definition import load_format


@pytest.mark.parametrize(("fid", "year"), [("gov2021", 2024), ("gov2019", 2020)])
def test_new_reports_open_with_the_usual_wording(fid: str, year: int) -> None:
    report = new_report(year, "某某区人民政府", fid)
    text = report.narrative[PREFACE]
    assert text.startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert f"统计期限自{year}年1月1日起至{year}年12月31日止" in text
    assert "某某区人民政府门户网站" in text  # where it is published
    assert text.endswith("如对本报告有疑问，请与某某区人民政府联系。")  # whom to contact
    # the parts, from the definition's chapter titles, without their numbers
    assert "收到和处理政府信息公开申请情况；政府信息公开行政复议、行政诉讼情况" in text


def test_contact_and_missing_issuer_are_worded() -> None:
    fmt = load_format("gov2021")
    text = default_preface(fmt, Metadata(issuer="", year=2024, contact="办公室 0591-12345678"))
    assert "本机关门户网站" in text
    assert text.endswith("请与本机关联系（办公室 0591-12345678）。")


def test_unedited_preface_follows_the_metadata_and_edited_stays() -> None:
    report = new_report(2024, "某某镇人民政府")
    new = preface_after_meta(report, "contact", "党政办 0591-1")
    assert new is not None and new.endswith("请与某某镇人民政府联系（党政办 0591-1）。")
    report.narrative[PREFACE] = "我们自己写的前言。"
    assert preface_after_meta(report, "issuer", "另一镇") is None


def test_stored_and_read_back_and_old_files_open_with_it_empty() -> None:
    report = new_report(2024, "某某镇人民政府")
    report.narrative[PREFACE] = "第一段。\n第二段。"
    data = json.loads(storage.dumps(report))
    assert next(iter(data["narrative"])) == PREFACE
    assert storage.loads(storage.dumps(report)) == report
    del data["narrative"][PREFACE]  # a file saved before the 前言 existed
    old = storage.loads(json.dumps(data, ensure_ascii=False))
    assert old.narrative[PREFACE] == ""
    assert old.narrative["ch1"] == report.narrative["ch1"]


def test_a_definition_names_unknown_placeholders() -> None:
    from nianbao.definition import DefinitionError, load_definition

    with pytest.raises(DefinitionError, match="placeholder"):
        load_definition(
            'id = "x"\nname = "x"\nfirst_year = 2021\n[preface]\ntext = "{town}"\n[[chapters]]\n'
            'id = "c"\nnumber = "一"\ntitle = "一、x"\nkind = "narrative"\n[tables]\n'
        )
