"""A county department's clerk, start to finish, through the real window maximized on 1366×768 and 1024×768: 新建 a
2025 report, tables 二 and 四 typed, table 三 pasted from Excel with its label column, 一 written, saved, closed,
reopened: every value, the text and the basic information come back as entered."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clerkkit import SCREENS, click_tab, press, show_maximized, type_text
from guikit import FakeDialogs, blank_report
from nianbao.gui.app import build_main_window
from nianbao.gui.main_window import MainWindow
from nianbao.gui.report_dialogs import NewReportChoice
from nianbao.gui.services import Services

CTRL = Qt.KeyboardModifier.ControlModifier
ISSUER = "某县发展和改革局"
T2 = {  # typed in grid order, Tab after each
    "t2.rules.issued": "0",
    "t2.rules.repealed": "0",
    "t2.rules.valid": "0",
    "t2.normative.issued": "3",
    "t2.normative.repealed": "1",
    "t2.normative.valid": "27",
    "t2.license.decisions": "1250",
    "t2.punish.decisions": "86",
    "t2.enforce.decisions": "4",
    "t2.fees.amount": "36.512345",
}
T4 = ["1", "0", "0", "1", "0", "0", "0", "2", "0", "0", "0", "0"]  # the twelve input cells; totals follow
T3_ROWS = {  # 自然人 … 其他, as the clerk's own Excel sheet holds them (总计 column computed there too)
    "一、本年新收政府信息公开申请数量": [12, 3, 0, 1, 0, 1],
    "二、上年结转政府信息公开申请数量": [1, 0, 0, 0, 0, 0],
    "（一）予以公开": [6, 2, 0, 1, 0, 0],
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [2, 0, 0, 0, 0, 0],
    "1.属于国家秘密": [0, 0, 0, 0, 0, 0],
    "4.保护第三方合法权益": [1, 0, 0, 0, 0, 0],
    "1.本机关不掌握相关政府信息": [3, 1, 0, 0, 0, 1],
    "（七）总计": [12, 3, 0, 1, 0, 1],
    "四、结转下年度继续办理": [1, 0, 0, 0, 0, 0],
}
TEXT = "2025年，本局认真贯彻落实《中华人民共和国政府信息公开条例》。\n全年主动公开政府信息 1250 条。"


def _t3_block() -> str:
    rows = [["", "", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]]
    for label, numbers in T3_ROWS.items():
        rows.append([label, "", "", *map(str, numbers), str(sum(numbers))])
    return "\r\n".join("\t".join(r) for r in rows) + "\r\n"


def _session(qtbot: QtBot, services: Services, screen: str, tmp_path: Path) -> Path:
    dialogs = services.dialogs
    assert isinstance(dialogs, FakeDialogs)
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot, screen)
    dialogs.new_choice = NewReportChoice(2025, ISSUER, "县级部门", "gov2021")
    press(Qt.Key.Key_N, CTRL)
    assert win.session.report.meta.issuer == ISSUER and win.session.report.meta.level == "县级部门"
    click_tab(win, 1)  # 二: typed
    for text in T2.values():
        type_text(text)
        press(Qt.Key.Key_Tab)
    click_tab(win, 3)  # 四: typed
    for text in T4:
        type_text(text)
        press(Qt.Key.Key_Tab)
    click_tab(win, 2)  # 三: pasted with the label column
    QApplication.clipboard().setText(_t3_block())
    press(Qt.Key.Key_V, CTRL)
    click_tab(win, 0)  # 一: written
    for line_number, line in enumerate(TEXT.split("\n")):
        if line_number:
            press(Qt.Key.Key_Return)
        type_text(line)
    assert win.session.document.counts()[0] == 0, [f.message for f in win.session.document.findings]
    path = tmp_path / "报告.nianbao"
    dialogs.save_to = path
    press(Qt.Key.Key_S, CTRL)
    assert path.is_file() and not win.isWindowModified()
    assert win.close()
    return path


@pytest.mark.parametrize("screen", SCREENS)
def test_a_clerk_types_pastes_saves_and_gets_it_all_back(
    qtbot: QtBot, services: Services, tmp_path: Path, screen: str
) -> None:
    path = _session(qtbot, services, screen, tmp_path)
    dialogs = services.dialogs
    assert isinstance(dialogs, FakeDialogs)
    again: MainWindow = build_main_window(blank_report(), None, services)
    qtbot.addWidget(again)
    show_maximized(again, qtbot, screen)
    dialogs.open_from = path
    press(Qt.Key.Key_O, CTRL)
    report = again.session.report
    assert again.session.path == path
    assert (report.meta.issuer, report.meta.year, report.meta.level) == (ISSUER, 2025, "县级部门")
    assert report.narrative["ch1"] == TEXT
    for cell, text in T2.items():
        assert report.values.get(cell) == (Decimal(text) if "." in text else int(text)), cell
    t4_inputs = [c for c in report.fmt.tables["t4"].cells if not report.fmt.cells[c].computed]
    assert [report.values.get(c) for c in t4_inputs] == [int(v) for v in T4]
    assert report.values["t4.cases.review_total"] == 2 and report.values["t4.cases.direct_total"] == 2
    by_label = {(s.row_label, s.col_label): cid for cid, s in report.fmt.cells.items() if s.table == "t3"}
    columns = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
    for label, numbers in T3_ROWS.items():
        for column, number in zip(columns, numbers, strict=True):
            assert report.values.get(by_label[(label, column)], 0) == number, (label, column)
        assert report.values.get(by_label[(label, "总计")], 0) == sum(numbers)
    filled = {c for c, v in report.values.items() if v}
    typed = {c for c, v in T2.items() if Decimal(v)} | {c for c, v in zip(t4_inputs, T4, strict=True) if int(v)}
    assert typed <= filled
    assert again.session.document.counts()[0] == 0  # (the checklist may still ask for more text in 一)
    assert not again.isWindowModified()
