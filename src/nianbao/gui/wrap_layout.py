"""A layout that keeps its items on one line while they fit and wraps them onto further lines when they do not.

基本信息 (gui/meta_panel.py) is a row of label + field groups. On a narrow window (1024×768 or 1366×768 at 125–150 %
scaling) one row needed more room than there was, and Qt squeezed 联系方式 to 28 px and cut 报告格式. Here every item
keeps its width: fixed items (year, level, format) their size hint, stretching ones (发布机关, 联系方式) at least their
minimum; an item that does not fit on the line starts the next one, and the stretching items share what is left of
their line. The panel's height follows (height-for-width), so the chapters below move down instead of overlapping.

Plain integer and QRect/QSize calls only: the panel is built at start-up, which leaves PySide's Qt namespace alone
(see window_layout).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class WrapLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 12, line_spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: list[int] = []
        self._wanted: list[int] = []  # a stretching item's preferred width (0: its minimum), for breaking lines
        self._gap = spacing
        self._line_gap = line_spacing

    # ------------------------------------------------------------------ QLayout's item list
    def add_widget(self, widget: QWidget, stretch: int = 0) -> None:
        """Add a widget; one with a stretch takes a share of the room left on its line."""
        self.addWidget(widget)  # QLayout wraps it and calls addItem
        self._stretch[-1] = stretch

    def set_wanted(self, widget: QWidget, width: int) -> None:
        """The width a stretching item should have on its line (its text's, say): an item that would get less
        moves to the next line; alone on a line it still gets only the room there is, never below its minimum."""
        index = next(i for i, item in enumerate(self._items) if item.widget() is widget)
        if self._wanted[index] != width:
            self._wanted[index] = width
            self.invalidate()

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._stretch.append(0)
        self._wanted.append(0)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # Qt's answer past the end is None
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        if not 0 <= index < len(self._items):
            return None
        self._stretch.pop(index)
        self._wanted.pop(index)
        return self._items.pop(index)

    # ------------------------------------------------------------------ sizes
    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        left, top, right, bottom = self._margins()
        shown = self._shown()
        width = sum(self._base(i) for i in shown) + self._gap * max(0, len(shown) - 1)
        height = max((self._items[i].sizeHint().height() for i in shown), default=0)
        return QSize(width + left + right, height + top + bottom)

    def minimumSize(self) -> QSize:
        """As narrow as the widest single item; as low as one line (the layouts above ask heightForWidth for the
        height at the width they give, and a window's minimum height must not count every item on a line of its
        own: that made the window taller than a 1024×768 screen at 150 %)."""
        left, _top, right, _bottom = self._margins()
        width = max((self._least(i) for i in self._shown()), default=0) + left + right
        return QSize(width, self.sizeHint().height())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def lines(self, width: int) -> list[list[int]]:
        """The indexes of the visible items on each line, for a layout this wide (margins included)."""
        left, _top, right, _bottom = self._margins()
        room = width - left - right
        result: list[list[int]] = []
        used = 0
        for i in self._shown():
            need = self._base(i)
            if result and used + self._gap + need <= room:
                result[-1].append(i)
                used += self._gap + need
            else:
                result.append([i])
                used = need
        if len(result) > 1 and len(result[-1]) == 1 and len(result[-2]) > 2:
            # a lone fixed item on the last line (报告格式) takes the previous line's last item along: two balanced
            # lines rather than a full one and a short one
            moved, alone = result[-2][-1], result[-1][0]
            if not self._stretch[alone] and self._base(moved) + self._gap + self._base(alone) <= room:
                result[-1].insert(0, result[-2].pop())
        return result

    # ------------------------------------------------------------------ arranging
    def _margins(self) -> tuple[int, int, int, int]:
        m = self.contentsMargins()
        return m.left(), m.top(), m.right(), m.bottom()

    def _shown(self) -> list[int]:
        return [i for i, item in enumerate(self._items) if not item.isEmpty()]  # hidden widgets are "empty"

    def _least(self, index: int) -> int:
        """The narrowest an item may be: a stretching item its minimum, the others their size hint."""
        item = self._items[index]
        if self._stretch[index]:
            return max(item.minimumSize().width(), 0)
        return max(item.sizeHint().width(), item.minimumSize().width())

    def _base(self, index: int) -> int:
        """The width an item is given before sharing the rest of its line: its least, or the width it wants."""
        return max(self._least(index), self._wanted[index])

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Place the items in `rect` (if `apply`); the height used, margins included."""
        left, top, right, bottom = self._margins()
        room = rect.width() - left - right
        y = rect.y() + top
        for n, line in enumerate(self.lines(rect.width())):
            if n:
                y += self._line_gap
            height = max(self._items[i].sizeHint().height() for i in line)
            widths = [self._base(i) for i in line]
            spare = room - sum(widths) - self._gap * (len(line) - 1)
            weights = [self._stretch[i] for i in line]
            total: int = sum(weights)
            if spare > 0 and total:
                given = 0
                for k, weight in enumerate(weights):
                    share = spare * weight // total
                    widths[k] += share
                    given += share
                last = max(k for k, weight in enumerate(weights) if weight)
                widths[last] += spare - given  # the rounding remainder
            elif spare < 0:  # one item alone, wanting more than the room: it gets the room (not below its least)
                widths = [max(self._least(i), min(w, room)) for i, w in zip(line, widths, strict=True)]
            if apply:
                x = rect.x() + left
                for i, w in zip(line, widths, strict=True):
                    self._items[i].setGeometry(QRect(x, y, w, height))
                    x += w + self._gap
            y += height
        return y - rect.y() + bottom
