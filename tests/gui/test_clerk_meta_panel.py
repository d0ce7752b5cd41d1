"""#10.2: 基本信息 stays readable on every usual screen: at 1024×768 and at 125/150 % scaling the row wraps onto further
lines instead of squeezing 联系方式 to a sliver and cutting 报告格式; nothing overlaps, the window fits the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QWidget
from pytestqt.qtbot import QtBot

from clerkkit import click, open_with_ctrl_o, press, screen, show_maximized, type_text
from guikit import blank_report
from nianbao.core import storage
from nianbao.gui.app import build_main_window
from nianbao.gui.dock_width import DOCK_MAX_SHARE, DOCK_MIN
from nianbao.gui.meta_panel import FIELD_CHARS
from nianbao.gui.services import Services

SCREENS = (
    "1024x768",
    "1366x768",
    "1920x1080",
    "1024x768@125",
    "1366x768@125",
    "1920x1080@125",
    "1024x768@150",
    "1366x768@150",
    "1920x1080@150",
)
ONE_LINE = {"1366x768", "1920x1080", "1920x1080@125", "1920x1080@150"}  # room enough for the whole row
ISSUER = "沭阳县发展和改革局"
CONTACT = "王明 0527-83588888"


def text_room(edit: QLineEdit) -> int:
    """The width QLineEdit draws its text in (its contents rect less the text margins and Qt's 2 px each side)."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    rect = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    return rect.width() - margins.left() - margins.right() - 4


def _type_into(field: QLineEdit, text: str) -> None:
    click(field)
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(text)
    assert field.text() == text
    press(Qt.Key.Key_Tab)  # on to the next field: the value is committed


def _in_panel(panel: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(panel, widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("screen_name", SCREENS)
def test_every_field_is_readable_and_nothing_overlaps(qtbot: QtBot, services: Services, screen_name: str) -> None:
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot, screen_name)
    panel = win.meta_panel
    _type_into(panel.issuer, ISSUER)
    _type_into(panel.contact, CONTACT)
    qtbot.wait(20)
    assert win.session.report.meta.issuer == ISSUER and win.session.report.meta.contact == CONTACT

    # the window fits its screen (at 1024x768 @150 % the one-line row made it 300 px wider than the screen)
    available = screen(screen_name).availableGeometry()
    assert win.frameGeometry().width() <= available.width() and win.frameGeometry().height() <= available.height()

    # what was typed is shown whole; 发布机关 and 联系方式 have room for FIELD_CHARS Chinese characters
    for field, text in ((panel.issuer, ISSUER), (panel.contact, CONTACT)):
        metrics = field.fontMetrics()
        assert text_room(field) >= metrics.horizontalAdvance(text) + 2, (field.objectName(), text_room(field))
        assert text_room(field) >= metrics.horizontalAdvance("政" * FIELD_CHARS), (field.objectName(), field.width())
    # the fixed fields and every label get their natural width: no cut combo, no cut 报告格式
    labels = [panel.ui.issuer_label, panel.ui.year_label, panel.ui.level_label, panel.ui.contact_label]
    for widget in [panel.year, panel.level, panel.format_label, *labels]:
        assert widget.width() >= widget.sizeHint().width(), (widget.objectName(), widget.width())
    metrics = panel.level.fontMetrics()
    longest = max(metrics.horizontalAdvance(panel.level.itemText(i)) for i in range(panel.level.count()))
    assert panel.level.width() >= longest + 20  # the longest 层级 beside the arrow

    # nothing overlaps, everything lies inside the panel, and the chapters start below it
    parts = [panel.issuer, panel.year, panel.level, panel.contact, panel.format_label, *labels]
    rects = [_in_panel(panel, w) for w in parts]
    for i, a in enumerate(rects):
        assert panel.rect().contains(a), (parts[i].objectName(), a, panel.rect())
        for j in range(i + 1, len(rects)):
            assert not a.intersects(rects[j]), (parts[i].objectName(), parts[j].objectName())
    assert panel.geometry().bottom() < win.tabs.geometry().top()
    lines = {r.center().y() // 10 for r in rects}
    assert (len(lines) == 1) == (screen_name in ONE_LINE), (screen_name, rects)

    # the findings dock keeps its bounds beside it
    assert DOCK_MIN <= win.dock.width() <= DOCK_MAX_SHARE * win.width(), (win.dock.width(), win.width())


LONG_ISSUER = "平潭综合实验区（党工委管委会；报告为全区汇总，由管委会办公室编制）"  # as published, 33 characters


@pytest.mark.parametrize("screen_name", ["1024x768", "1366x768", "1920x1080", "1366x768@150", "1024x768@150"])
def test_a_long_issuer_is_shown_whole_from_its_start(
    qtbot: QtBot, services: Services, tmp_path: Path, screen_name: str
) -> None:
    """打开 a report of a long-named issuer: 发布机关 takes the room of its name (other fields move to the next line),
    or the whole line where even that is too narrow, and shows the name from its start."""
    report = blank_report()
    report.meta.issuer = LONG_ISSUER
    path = tmp_path / "pingtan.nianbao"
    storage.save(report, path)
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot, screen_name)
    open_with_ctrl_o(win, qtbot, services, path)
    qtbot.wait(20)
    panel = win.meta_panel
    field, box = panel.issuer, panel.ui.issuer_box
    assert field.text() == LONG_ISSUER and field.cursorPosition() == 0
    line = panel.width() - 16  # the panel's margins
    if box.width() < line:
        assert text_room(field) >= field.fontMetrics().horizontalAdvance(LONG_ISSUER) + 2, text_room(field)
    assert screen_name == "1024x768@150" or box.width() < line  # only the narrowest screen cannot show it whole
    # the other fields keep their room, on this line or the next
    assert text_room(panel.contact) >= panel.contact.fontMetrics().horizontalAdvance("政" * FIELD_CHARS)
    assert win.frameGeometry().width() <= screen(screen_name).availableGeometry().width()


def test_the_row_rewraps_when_the_window_is_resized(qtbot: QtBot, services: Services) -> None:
    """Un-maximized and narrowed by the clerk, then widened again: the lines follow, the chapters stay below."""
    win = build_main_window(blank_report(), None, services)
    qtbot.addWidget(win)
    show_maximized(win, qtbot, "1366x768")
    panel = win.meta_panel
    one_line = panel.height()
    assert panel.contact.y() == panel.issuer.y() or panel.ui.contact_box.y() == panel.ui.issuer_box.y()
    win.showNormal()
    for width, wrapped in ((820, True), (620, True), (1300, False)):
        win.resize(width, 700)
        qtbot.waitUntil(lambda w=width: win.width() == w, timeout=2000)  # type: ignore[misc]
        qtbot.wait(20)
        assert (panel.ui.contact_box.y() > panel.ui.issuer_box.y()) == wrapped, width
        assert (panel.height() > one_line) == wrapped, (width, panel.height())
        assert panel.geometry().bottom() < win.tabs.geometry().top(), width
        assert text_room(panel.contact) >= panel.contact.fontMetrics().horizontalAdvance("政" * FIELD_CHARS), width
