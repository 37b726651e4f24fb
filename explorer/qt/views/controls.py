"""A row of controls that goes onto two rows when its panel is too narrow for one (large text in presentation
mode, a 1024 px projector), so the panel never forces the window wider."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QLayout, QVBoxLayout, QWidget


class WrappingBar(QWidget):
    """``first`` and ``second`` (lists of widgets) on one row — the first of ``first``, then ``second``, then
    the rest of ``first`` — or, when narrower than that row needs, ``second`` on a row of its own. Its minimum
    width is that of the two-row form."""

    def __init__(self, first, second, parent=None):
        super().__init__(parent)
        self.first, self.second = list(first), list(second)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.rows = (QHBoxLayout(), QHBoxLayout())
        for row in self.rows:
            outer.addLayout(row)
        for w in self.first[:1] + self.second + self.first[1:]:
            self.rows[0].addWidget(w)
        for row in self.rows:
            row.addStretch(1)

    @property
    def wrapped(self) -> bool:
        return self.rows[1].count() > 1

    def _row_width(self, widgets) -> int:
        return sum(w.sizeHint().width() for w in widgets) + 8 * len(widgets)

    def _row_height(self) -> int:
        return max(w.sizeHint().height() for w in self.first + self.second)

    def minimumSizeHint(self) -> QSize:
        two = max(self._row_width(self.first), self._row_width(self.second))
        return QSize(two, self._row_height() * (2 if self.wrapped else 1) + 2)

    def sizeHint(self) -> QSize:
        return QSize(self._row_width(self.first + self.second), self.minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        wrap = self.width() < self._row_width(self.first + self.second)
        if wrap == self.wrapped:
            return
        one, two = self.rows
        for w in self.second:
            (one if wrap else two).removeWidget(w)
        for k, w in enumerate(self.second):
            if wrap:
                two.insertWidget(k, w)
            else:
                one.insertWidget(1 + k, w)
        self.updateGeometry()  # one row more or less: the panel lays out again
