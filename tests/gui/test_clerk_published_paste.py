"""#10.5 (window-paste half): every published year of the 平潭 series enters through the window's paste, as Excel puts
the official tables on the clipboard (header rows, label columns, stated totals), and checks with exactly the rule
breaks recorded in its `inconsistencies`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerkkit import click_tab, press, show_maximized
from guikit import FakeDialogs, blank_report
from nianbao.core.values import parse
from nianbao.definition import Severity
from nianbao.gui.app import build_main_window
from nianbao.gui.main_window import MainWindow
from nianbao.gui.report_dialogs import NewReportChoice
from nianbao.gui.services import Services
from nianbao.gui.table_view import ReportTableView
from published_project_files import FORMAT_IDS, T4_COLUMNS, T4_GROUPS, expected_errors, read_sample, sample_paths

CTRL = Qt.KeyboardModifier.ControlModifier
T3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def _tsv(rows: list[list[Any]]) -> str:
    return "\r\n".join("\t".join(str(v) for v in row) for row in rows) + "\r\n"  # as Excel writes it


def table2_block(sample: dict[str, Any]) -> str:
    rows: list[list[Any]] = []
    for section, table_rows in sample["table2"].items():
        rows.append([section, "", "", ""])
        columns = list(next(iter(table_rows.values())))
        rows.append(["信息内容", *columns])
        for label, values in table_rows.items():
            rows.append([label, *values.values()])
    return _tsv(rows)


def table3_block(sample: dict[str, Any]) -> str:
    """Three label columns (a group label only on its first row, as merged cells copy), two header rows."""
    rows: list[list[Any]] = [
        [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "",
            "",
            "申请人情况",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
    ]
    group = ""
    for label, values in sample["table3"].items():
        first = ""
        if label.startswith("（一）") and not group:
            group = first = "三、本年度办理结果"
        rows.append([first, label, "", *values])
    return _tsv(rows)


def table4_block(sample: dict[str, Any]) -> str:
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return _tsv(
        [
            ["行政复议", "", "", "", "", "行政诉讼", *[""] * 9],
            ["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
            [*heads, *heads, *heads],
            sample["table4"],
        ]
    )


def _paste(win: MainWindow, tab: int, text: str) -> None:
    click_tab(win, tab)
    QApplication.clipboard().setText(text)
    press(Qt.Key.Key_V, CTRL)


def _table_view(win: MainWindow, table_id: str) -> ReportTableView:
    page = win.page_for_table(table_id)
    assert page is not None
    return page.view


def expected_values(win: MainWindow, sample: dict[str, Any]) -> dict[str, Any]:
    """Every published value by cell id, parsed as the window parses it (stated totals included)."""
    fmt = win.session.document.fmt
    by_label = {(s.table, s.row_label, s.col_label): cid for cid, s in fmt.cells.items()}
    out: dict[str, Any] = {}
    for table_rows in sample["table2"].values():
        for row, cols in table_rows.items():
            for col, v in cols.items():
                cid = by_label[("t2", row, col)]
                out[cid] = parse(str(v), fmt.cells[cid].kind, fmt.cells[cid].units)
    for row, numbers in sample["table3"].items():
        for col, v in zip(T3_COLUMNS, numbers, strict=True):
            out[by_label[("t3", row, col)]] = v
    for i, v in enumerate(sample["table4"]):
        out[f"t4.cases.{T4_GROUPS[i // 5]}_{T4_COLUMNS[i % 5]}"] = v
    return out


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_published_year_pasted_into_the_window_checks_as_recorded(qtbot: QtBot, services: Services, path: Path) -> None:
    sample = read_sample(path)
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot)
    dialogs = services.dialogs
    assert isinstance(dialogs, FakeDialogs)
    dialogs.new_choice = NewReportChoice(sample["year"], "平潭综合实验区", "市级政府", FORMAT_IDS[sample["format"]])
    press(Qt.Key.Key_N, CTRL)
    assert win.session.report.format_id == FORMAT_IDS[sample["format"]]
    _paste(win, 1, table2_block(sample))
    _paste(win, 2, table3_block(sample))
    _paste(win, 3, table4_block(sample))
    report = win.session.report
    want = expected_values(win, sample)
    got = {c: report.values.get(c, 0) for c in want}
    assert got == want
    if any(report.fmt.cells[c].units and v for c, v in want.items()):
        purchase = "t2.purchase.amount"
        if purchase in want:  # 2019 format: printed in 元, kept in 元
            assert report.unit(purchase) == "元"
    broken = sorted(
        (f.row, f.column) for f in win.session.document.checker.findings.values() if f.severity == Severity.ERROR
    )
    assert broken == expected_errors(sample)
    if sample["inconsistencies"]:  # the pasted totals that disagree are named, not skipped silently
        assert "合计与各项之和不符" in _table_view(win, "t3").last_refusal
    win.session.undo_stack.setClean()


def test_rows_are_placed_by_their_label_wherever_the_current_cell_is(qtbot: QtBot, services: Services) -> None:
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot, "1024x768")
    click_tab(win, 2)
    press(Qt.Key.Key_End, CTRL)  # somewhere else in the grid
    block = _tsv(
        [
            ["", "", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
            ["四、结转下年度继续办理", "", "", 1, 0, 0, 0, 0, 0, 1],
            ["三、本年度办理结果", "（一）予以公开", "", 4, 1, 0, 0, 0, 0, 5],
            ["一、本年新收政府信息公开申请数量", "", "", 5, 1, 0, 0, 0, 0, 6],
        ]
    )
    QApplication.clipboard().setText(block)
    press(Qt.Key.Key_V, CTRL)
    values = win.session.report.values
    assert (values["t3.new.natural"], values["t3.open.business"], values["t3.forward.natural"]) == (5, 1, 1)
    assert win.session.document.counts() == (0, 0) or win.session.document.counts()[0] == 0
    assert "按行名称对齐 3 行" in win.statusBar().currentMessage()
    QApplication.clipboard().setText(_tsv([["没有这一行", "", "", 1, 2, 3, 4, 5, 6, 21]]))
    press(Qt.Key.Key_V, CTRL)
    view = _table_view(win, "t3")
    assert "与表格中的行对不上" in view.last_refusal or "不是有效的数字" in view.last_refusal
    assert win.session.undo_stack.count() == 1  # nothing pasted the second time
    win.session.undo_stack.setClean()
