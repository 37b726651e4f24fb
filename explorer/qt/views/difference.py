"""What the comparison with the user's trace adds to a panel (File ▸ Compare with my trace…).

:class:`DifferenceBanner` sits in the inspector and the equations: at a differing step it shows the
quantity, both values (ours and theirs) and the diagnosis, with Previous / Next difference; elsewhere a
one-line reminder of the comparison; without one it is hidden. :class:`TimelineMarks` draws the differing
steps as ticks over the transport's timeline. Both only draw what :mod:`explorer.app.comparison` computed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...app.comparison import difference_step, difference_text

#: the colour of a difference: marks on the loss plot and the timeline, the banner's edge
DIFF_C = QColor(200, 0, 90)
BANNER_STYLE = (
    "QFrame#difference { background: #fff0f4; border: 1px solid #c8005a; border-radius: 3px; }"
    " QFrame#difference QLabel { color: #1e1e1e; background: transparent; }"
)


def comparison_keys(bridge) -> frozenset:
    """The highlight keys of the difference at the shown step (empty without one)."""
    c = bridge.state.comparison
    return c.here_keys if c is not None else frozenset()


class DifferenceBanner(QFrame):
    """Both values and the diagnosis of the difference at the shown step (see the module docstring)."""

    def __init__(self, bridge, parent=None):
        super().__init__(parent)
        self.setObjectName("difference")
        self.setStyleSheet(BANNER_STYLE)
        self.bridge = bridge
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 3, 4, 3)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.label, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(1)
        self.prev_button = QToolButton()
        self.prev_button.setText("\u25c0")
        self.prev_button.setToolTip(self.tr("Previous difference (Shift+F8)"))
        self.prev_button.clicked.connect(lambda: bridge.commands.previous_difference())
        self.next_button = QToolButton()
        self.next_button.setText("\u25b6")
        self.next_button.setToolTip(self.tr("Next difference (F8)"))
        self.next_button.clicked.connect(lambda: bridge.commands.next_difference())
        buttons.addWidget(self.prev_button)
        buttons.addWidget(self.next_button)
        lay.addLayout(buttons)
        #: the lines shown (headline, ours, theirs, diagnosis), for tests and copying
        self.lines: tuple[str, ...] = ()
        bridge.comparisonChanged.connect(self.show_comparison)
        self.show_comparison(bridge.state.comparison)

    def show_comparison(self, comparison) -> None:
        if comparison is None:
            self.lines = ()
            self.hide()
            return
        diff = comparison.here
        if diff is None:
            n = len(comparison.steps)
            self.lines = (
                self.tr("Comparing with {file}: {n} differing steps (F8: next, Shift+F8: previous).").format(
                    file=comparison.path.replace("\\", "/").rsplit("/", 1)[-1], n=n
                ),
            )
            self.label.setText(html.escape(self.lines[0]))
        else:
            self.lines = difference_text(diff)
            i = comparison.steps.index(difference_step(diff)) + 1
            head, ours, theirs, diagnosis = (html.escape(t) for t in self.lines)
            self.label.setText(
                f"<b style='color:{DIFF_C.name()}'>\u2260 {head}</b> &nbsp;({i}/{len(comparison.steps)})<br>"
                f"{ours}<br>{theirs}<br><i>{diagnosis}</i>"
            )
        self.show()


class TimelineMarks(QWidget):
    """Ticks over ``slider`` (a horizontal QSlider) at the differing steps; the current one taller."""

    def __init__(self, slider: QSlider):
        super().__init__(slider)
        self.slider = slider
        self.steps: list[int] = []
        self.current: int | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        slider.installEventFilter(self)
        self.setGeometry(slider.rect())

    def set_marks(self, steps, current: int | None) -> None:
        self.steps = list(steps)
        self.current = current
        self.setVisible(bool(self.steps))
        self.update()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.slider and event.type() == event.Type.Resize:
            self.setGeometry(self.slider.rect())
        return False

    def _axis(self) -> tuple[int, int, int, int]:
        """(minimum, maximum, x of the minimum, width in pixels) of the slider's values."""
        s = self.slider
        opt = QStyleOptionSlider()
        s.initStyleOption(opt)
        style = s.style()
        groove = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, opt, QStyle.SubControl.SC_SliderGroove, s
        )
        handle = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, opt, QStyle.SubControl.SC_SliderHandle, s
        )
        return (
            s.minimum(),
            s.maximum(),
            groove.x() + handle.width() // 2,
            max(1, groove.width() - handle.width()),
        )

    def x_of(self, step: int, axis=None) -> int | None:
        """The x of ``step`` on the slider (None when outside its range)."""
        lo, hi, x0, span = axis or self._axis()
        if not lo <= step <= hi:
            return None
        return x0 + QStyle.sliderPositionFromValue(lo, hi, step, span)

    def paintEvent(self, event) -> None:
        if not self.steps:
            return
        p = QPainter(self)
        h = self.height()
        axis = self._axis()
        last = None
        for k in self.steps:
            if k > axis[1]:
                break
            x = self.x_of(k, axis)
            if x is None or (x == last and k != self.current):
                continue
            last = x
            big = k == self.current
            p.setPen(QPen(DIFF_C, 3 if big else 2))
            p.drawLine(x, 0 if big else h // 4, x, h if big else 3 * h // 4)
        p.end()
