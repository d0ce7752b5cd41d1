"""Rebuild the published-report fixtures: `.venv/bin/python tests/data/published/make.py` (needs LibreOffice).

Word files are typed like an office types them (official merged tables, text cells, blanks, a misprinted label,
a number with a note); the PDFs are printed from them by LibreOffice; the web page is a CMS page (layout table,
nested report tables, &nbsp; blanks, GB2312); the text is what a browser copies (one cell per line).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # tests/

from published_kit import grid_rows, make_docx, make_html, pingtan  # noqa: E402

NARRATIVE = {
    "ch1": "本年度，我区认真贯彻落实《中华人民共和国政府信息公开条例》。\n（一）主动公开\n全年主动公开政府信息若干条。",
    "ch5": "（一）存在问题\n公开内容的针对性有待提高。\n（二）改进措施\n加强培训。",
    "ch6": "本年度未收取信息处理费。",
}
LONG = (
    "本年度，我区坚持以公开为常态、不公开为例外，围绕群众关心关注的重点领域，及时准确公开政策文件、办事指南和"
    "财政预决算信息，健全政府信息公开工作机制，明确专人负责信息发布、审核和更新，做到发布及时、内容准确、程序规范。"
    "同时加强对村（社区）公开栏的指导，推动政务公开向基层延伸，切实保障人民群众的知情权、参与权和监督权。"
)
PREFACE = "本报告根据《中华人民共和国政府信息公开条例》要求编制。数据统计期限为本年1月1日至12月31日。"


def variants_2023() -> dict[str, str]:
    _fid, texts = pingtan(2023)
    texts["t2.normative.issued"] = "77（其中修订16件）"  # a number with a note
    for col in ("business", "research", "charity", "legal"):
        texts[f"t3.secret.{col}"] = ""  # cells left blank when typing
    return texts


def main() -> None:
    out = HERE
    title20 = "平潭综合实验区2020年政府信息公开工作年度报告"
    title23 = "平潭综合实验区2023年度政府信息公开工作年度报告"
    fid20, texts20 = pingtan(2020)  # the real 2020 figures: （七）总计 does not add up
    fid23 = "gov2021"
    texts23 = variants_2023()
    misprint = {"2.其他法律行政法规禁止公开": "2.其他法律行政止公开", "采购项目数量": "采购项目数"}
    make_docx(out / "pingtan-2020.docx", fid20, title20, texts20, NARRATIVE, PREFACE, misprint)
    make_docx(out / "pingtan-2023.docx", fid23, title23, texts23, NARRATIVE, PREFACE, misprint)
    # a five-page report (longer chapters, as county reports are): the speed benchmark's document
    long_text = {k: "\n".join([v] + [LONG] * 6) for k, v in NARRATIVE.items()}
    make_docx(out / "pingtan-2023-5pages.docx", fid23, title23, texts23, long_text, PREFACE)
    # the longest report the importer is made for (60 pages): the PDF bounds are measured against it
    very_long = {k: "\n".join([v] + [LONG] * 178) for k, v in NARRATIVE.items()}
    make_docx(out / "pingtan-2023-60pages.docx", fid23, title23, texts23, very_long, PREFACE)
    (out / "pingtan-2023-cms.html").write_bytes(make_html(fid23, title23, texts23, NARRATIVE, PREFACE, misprint))
    # text copied from the page: one cell per line, blank cells dropped by the browser
    lines = [title23, PREFACE]
    from nianbao.definition import load_format

    fmt = load_format(fid23)
    for ch in fmt.chapters:
        lines.append(ch.title)
        if ch.table is None:
            lines += NARRATIVE[ch.id].split("\n")
            continue
        for row in grid_rows(fid23, ch.table, texts23):
            lines += [item[0] for item in row if item is not None and item[0]]
    (out / "pingtan-2023-copied.txt").write_text("\n".join(lines) + "\n", "utf-8")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to print the PDFs")
    with tempfile.TemporaryDirectory() as profile:
        for name in ("pingtan-2020.docx", "pingtan-2023.docx", "pingtan-2023-5pages.docx", "pingtan-2023-60pages.docx"):
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out),
                    str(out / name),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
        # as many sites publish: opens without a password, copying and changes "forbidden" (encrypted streams)
        protected = Path(tempfile.mkdtemp()) / "pingtan-2023-protected.docx"
        shutil.copy(out / "pingtan-2023.docx", protected)
        options = {"PermissionPassword": "secret", "RestrictPermissions": True, "EnableCopyingOfContent": False}
        typed = {
            k: {
                "type": "boolean" if isinstance(v, bool) else "string",
                "value": str(v).lower() if isinstance(v, bool) else v,
            }
            for k, v in options.items()
        }
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf:writer_pdf_Export:" + json.dumps(typed),
                "--outdir",
                str(out),
                str(protected),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )


if __name__ == "__main__":
    main()
