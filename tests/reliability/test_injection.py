"""Injection payloads in every text field, through a project file, into every export: nothing raises, Excel gets no
formula from text, HTML no markup, Word well-formed XML with the text kept."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from defusedxml import ElementTree

from factories import filled_report
from nianbao.core import storage
from reliability.conftest import FULL

PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '+HYPERLINK("http://x.invalid","点我")',
    "-2+3",
    "@SUM(1,1)",
    "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "</w:t></w:r><w:r><w:t>注入",
    "]]><!-- &amp; &lt; ' \"",
    "{{7*7}} ${jndi:ldap://x.invalid/a} %s%n",
    "'); DROP TABLE reports;--",
    "\x00\x01\x08\x0b\x0c\x1b[31m\x7f",
    "\ud800\udfff lone surrogates",
    "\u202e\u2066右至左\u2069",
    "第一行\r\n第二行\r第三行\t制表",
    "长" * 100,
    "🙂 emoji 𠀀 ext-B",
]
EXPORTS = ("docx", "xlsx", "html", "pdf")


def _project(payload: str) -> bytes:
    data = json.loads(storage.dumps(filled_report()))
    data["meta"]["issuer"] = payload[:100]
    data["meta"]["contact"] = payload
    data["meta"]["level"] = payload[:20]
    for ch in data["narrative"]:
        data["narrative"][ch] = payload
    data["accepted"] = {"X3:natural": payload}
    data["notes"] = {"t3.new.natural": payload}
    return json.dumps(data, ensure_ascii=True).encode()  # escapes carry surrogates and controls as a file can


def _export(kind: str, report: object, out: Path) -> None:
    import importlib

    module = importlib.import_module(f"nianbao.export.{kind}")
    getattr(module, f"write_{kind}")(report, out)


def _assert_safe(kind: str, out: Path, payload: str = "注入<script>") -> None:
    raw = out.read_bytes()
    if kind == "html":
        text = raw.decode("utf-8")
        assert "<script>" not in text and "<img" not in text
        if "<script>" in payload:
            assert "&lt;script&gt;" in text
    elif kind == "docx":
        xml = zipfile.ZipFile(out).read("word/document.xml")
        ElementTree.fromstring(xml)  # well-formed
        if "注入" in payload:
            assert "注入".encode() in xml
    elif kind == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(out)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        assert not any(w in str(cell.value) for w in ("cmd", "HYPERLINK", "calc", "DROP")), cell.value
    else:
        assert raw.startswith(b"%PDF")


@pytest.mark.parametrize("kind", EXPORTS)
def test_payloads_in_every_text_field_export_safely(kind: str, tmp_path: Path) -> None:
    payloads = PAYLOADS if FULL else ["".join(PAYLOADS[:8]) + PAYLOADS[9] + PAYLOADS[10] + PAYLOADS[11]]
    for i, payload in enumerate(payloads):
        report = storage.loads(_project(payload), "p.nianbao")  # cleaned where it enters
        out = tmp_path / f"r{i}.{kind}"
        _export(kind, report, out)
        _assert_safe(kind, out, payload)
