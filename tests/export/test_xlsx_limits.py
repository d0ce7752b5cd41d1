"""Excel keeps 32,767 characters in a cell: a longer chapter is reported on export, not cut on re-import."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import filled_report
from nianbao.core.storage import StorageError


def test_excel_cell_limit_is_reported_on_export(tmp_path: Path) -> None:
    from nianbao.export.xlsx import write_xlsx

    report = filled_report()
    report.narrative["ch1"] = "字" * 40_000
    with pytest.raises(StorageError, match="超过了 Excel 单元格最多 32,767 个字符"):
        write_xlsx(report, tmp_path / "a.xlsx")
    assert not (tmp_path / "a.xlsx").exists()
