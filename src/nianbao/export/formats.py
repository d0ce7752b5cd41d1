"""The export formats: one list for the command line (nianbao export --docx …) and the window (文件 > 导出)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nianbao.core.report import Report

Writer = Callable[["Report", "str | os.PathLike[str]"], None]  # raises StorageError or OSError


@dataclass(frozen=True, slots=True)
class ExportFormat:
    id: str  # the command-line option (--docx)
    name: str  # 导出为{name}
    key: str  # menu accelerator
    suffix: str
    help: str  # the command-line option's help

    @property
    def text(self) -> str:
        return f"{self.name} ({self.suffix})(&{self.key})…"

    @property
    def file_filter(self) -> str:
        return f"{self.name} (*{self.suffix})"

    def writer(self) -> Writer:
        """The writing function, imported when first asked for: python-docx, openpyxl and fpdf2 load slowly."""
        if self.id == "docx":
            from nianbao.export.docx import write_docx

            return write_docx
        if self.id == "xlsx":
            from nianbao.export.xlsx import write_xlsx

            return write_xlsx
        if self.id == "pdf":
            from nianbao.export.pdf import write_pdf

            return write_pdf
        if self.id == "html":
            from nianbao.export.html import write_html

            return write_html
        raise KeyError(self.id)


EXPORT_FORMATS = (
    ExportFormat("docx", "Word 文档", "W", ".docx", "导出 Word 文件（公文版式）"),
    ExportFormat("xlsx", "Excel 工作簿", "E", ".xlsx", "导出 Excel 文件（含公式和勾稽校验）"),
    ExportFormat("pdf", "PDF 文件", "P", ".pdf", "导出 PDF 文件"),
    ExportFormat("html", "网页 HTML", "H", ".html", "导出网页（HTML）文件"),
)
