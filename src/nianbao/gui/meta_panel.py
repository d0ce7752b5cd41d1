"""基本信息: issuer, report year, level, contact (editable, undoable) and the format (read-only); ui/meta_panel.ui.

The form's label + field groups are placed by a WrapLayout (gui/wrap_layout.py, which Designer cannot express): one
line on a wide window, two or three on a narrow one, so no field is squeezed below what a clerk types into it."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from nianbao.core.edits import Change, EditBatch, EditError
from nianbao.core.preface import PREFACE, preface_after_meta
from nianbao.core.report import LEVELS
from nianbao.core.text import MAX_CONTACT, MAX_ISSUER, clean, removed_note
from nianbao.definition import format_for_year
from nianbao.gui.forms.ui_meta_panel import Ui_MetaPanel
from nianbao.gui.session import DocumentSession
from nianbao.gui.wrap_layout import WrapLayout

FIRST_YEAR, LAST_YEAR = 2008, 2100
FIELD_CHARS = 14  # 发布机关 and 联系方式 show at least this many Chinese characters (某某市某某区人民政府办公室: 13)
FIELD_MAX_CHARS = 40  # and what they hold, up to this many: a longer text moves the other fields to the next line


class MetaPanel(QWidget):
    """The form is ui/meta_panel.ui; its fields are also attributes here (the window and tests use them)."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._syncing = False
        self.ui = Ui_MetaPanel()
        self.ui.setupUi(self)
        self.issuer, self.year, self.level, self.contact = self.ui.issuer, self.ui.year, self.ui.level, self.ui.contact
        self.format_label = self.ui.format_label
        self._lay_out()
        self.issuer.setMaxLength(MAX_ISSUER)
        self.issuer.setToolTip(f"发布机关全称，最多 {MAX_ISSUER} 个字")
        self.contact.setMaxLength(MAX_CONTACT)
        self.issuer.inputRejected.connect(lambda: self._too_long(self.issuer, f"发布机关最多 {MAX_ISSUER} 个字。"))
        self.contact.inputRejected.connect(lambda: self._too_long(self.contact, f"联系方式最多 {MAX_CONTACT} 个字。"))
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.level.addItems(list(LEVELS))
        self.issuer.editingFinished.connect(lambda: self._commit_text("issuer", self.issuer, "发布机关"))
        self.contact.editingFinished.connect(lambda: self._commit_text("contact", self.contact, "联系方式"))
        self.year.valueChanged.connect(lambda v: self._commit("year", int(v)))
        self.level.activated.connect(lambda _i: self._commit("level", self.level.currentText()))
        session.changed.connect(self.apply_change)
        self.refresh()

    def _lay_out(self) -> None:
        ui = self.ui
        layout = self._layout = WrapLayout(self)
        layout.setContentsMargins(8, 6, 8, 2)
        layout.add_widget(ui.issuer_box, 3)
        layout.add_widget(ui.year_box)
        layout.add_widget(ui.level_box)
        layout.add_widget(ui.contact_box, 2)
        layout.add_widget(ui.format_label)
        for field in (self.issuer, self.contact):
            field.setMinimumWidth(field_width(field))

    def _fit(self, field: QLineEdit) -> None:
        """Room for the whole text (up to FIELD_MAX_CHARS) where the line has it, shown from its start: 平潭综合实验区
        （党工委管委会；报告为全区汇总，由管委会办公室编制） appeared as its last 20 characters at 1366×768."""
        ui = self.ui
        label, box, inner = (
            (ui.issuer_label, ui.issuer_box, ui.issuer_box_layout)
            if field is ui.issuer
            else (ui.contact_label, ui.contact_box, ui.contact_box_layout)
        )
        wanted = label.sizeHint().width() + inner.spacing() + field_width(field, field.text())
        self._layout.set_wanted(box, wanted)
        if not field.hasFocus():
            field.setCursorPosition(0)

    def _too_long(self, field: QWidget, text: str) -> None:
        """Typing or pasting beyond the field's limit: say so where the user looks (the rest was not taken)."""
        if len(getattr(field, "text", lambda: "")()) >= getattr(field, "maxLength", lambda: 0)():
            self._notice(field, text)

    @staticmethod
    def _notice(field: QWidget, text: str) -> None:
        """A message just under the field, where the user is looking."""
        from PySide6.QtCore import QPoint
        from PySide6.QtWidgets import QToolTip

        QToolTip.showText(field.mapToGlobal(QPoint(0, field.height())), text, field)

    def _commit_text(self, name: str, field: QLineEdit, where: str) -> None:
        """A text field's value as the report will hold it; characters the report cannot hold (pasted control
        characters, bidi overrides) are dropped there, and said so under the field rather than silently."""
        value, removed = clean(field.text().strip(), single_line=True)
        self._commit(name, value)
        self._fit(field)
        if removed:
            self._notice(field, removed_note(removed, where))

    def _commit(self, name: str, value: object) -> None:
        if self._syncing or getattr(self.session.report.meta, name) == value:
            return
        try:
            preface = preface_after_meta(self.session.report, name, value)  # an unedited 前言 follows the fields
            texts = ((PREFACE, preface),) if preface is not None else ()
            self.session.edit(EditBatch(meta=((name, value),), texts=texts, label="修改基本信息"))
        except EditError:  # pragma: no cover - the fields offer only valid values
            self.refresh()

    def apply_change(self, change: Change) -> None:
        if change.meta:
            self.refresh()

    def refresh(self) -> None:
        meta = self.session.report.meta
        self._syncing = True
        try:
            if self.issuer.text() != meta.issuer:
                self.issuer.setText(meta.issuer)
            if self.contact.text() != meta.contact:
                self.contact.setText(meta.contact)
            self._fit(self.issuer)
            self._fit(self.contact)
            self.year.setValue(meta.year if FIRST_YEAR <= meta.year <= LAST_YEAR else FIRST_YEAR)
            if self.level.findText(meta.level) < 0:
                self.level.addItem(meta.level)
            self.level.setCurrentText(meta.level)
        finally:
            self._syncing = False
        fmt = self.session.document.fmt
        # the short name keeps the row narrow enough for 1366-pixel screens at 125% scaling; the tooltip has it all
        text = f"报告格式：{short_format_name(fmt.name)}"
        tip = f"{fmt.name}\n报告格式在新建报告时确定，不能在此修改。"
        if not fmt.covers(meta.year):
            text += "（与年度不符）"
            tip = f"注意：{meta.year}年度通常使用{format_for_year(meta.year).name}。\n{tip}"
        self.format_label.setText(text)
        self.format_label.setToolTip(tip)


def short_format_name(name: str) -> str:
    """2019年试行格式（国办公开办函〔2019〕60号） -> 2019年试行格式"""
    return name.split("（", 1)[0]


def field_width(field: QLineEdit, text: str = "") -> int:
    """Room for `text` (at least FIELD_CHARS, at most FIELD_MAX_CHARS Chinese characters) inside the field's frame."""
    metrics = field.fontMetrics()
    frame = field.sizeHint().width() - 17 * metrics.horizontalAdvance("x")  # QLineEdit's hint is 17 "x" + frame
    least, most = (metrics.horizontalAdvance("政" * n) for n in (FIELD_CHARS, FIELD_MAX_CHARS))
    return min(max(least, metrics.horizontalAdvance(text)), most) + frame + 4  # + the cursor and side bearings
