"""The equations of the current phase, typeset, with this step's numbers substituted.

What is shown is computed without Qt in :mod:`explorer.app.equations`: for each phase the equations of the
derivation (Rong, "word2vec Parameter Learning Explained") for the run's output layer, in general and then for
one representative term — the target word (softmax), the first node of the target's Huffman path
(hierarchical softmax) or the positive sample (negative sampling) — with the record's numbers in blue.
Nothing is recomputed: every number comes from the step record. :mod:`.equation_render` typesets the boxes
(a small box layout drawn with QPainter, no dependency).
"""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QVBoxLayout

from ...app.equations import equation_lines
from .. import style
from .base import View
from .difference import DifferenceBanner, comparison_keys
from .equation_canvas import EquationCanvas
from .equation_render import SCRIPT_SCALE
from .mixins import ExportMixin, OnScreenMixin
from .text import InfoLine

#: a lecture's equations panel narrower than this (pixels) shows vectors as their first component and "…"
NARROW_PX = 480
#: script sizes of a lecture's equations (main line, subscripts, their subscripts) relative to the main line
LECTURE_SCRIPTS = (1.0, 0.8, 0.64)


class EquationView(OnScreenMixin, ExportMixin, View):
    name = "equations"

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.caption = InfoLine(lines=2)
        lay.addWidget(self.caption)
        self.difference = DifferenceBanner(bridge)  # both values at a step that differs from the user's trace
        lay.addWidget(self.difference)
        self.canvas = EquationCanvas()
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(True)
        self.scroll.setBackgroundRole(self.canvas.backgroundRole())
        self.scroll.setStyleSheet("QScrollArea { background: white; }")
        lay.addWidget(self.scroll, 1)
        bridge.highlightChanged.connect(self._highlight)
        bridge.comparisonChanged.connect(lambda _c: self._highlight(self.bridge.highlight))
        #: the text of every equation line shown (for tests and copying)
        self.keys: list[str] = []

    def resizeEvent(self, event):
        super().resizeEvent(event)
        wrap = float(self.scroll.viewport().width()) if style.current().presentation else None
        if wrap != self.canvas.wrap_width and self.canvas.lines:
            self._on_changed()  # broken (and vectors elided) for the new width

    def title(self) -> str:
        return self.tr("Equations")

    def export_targets(self):
        self.canvas.lay_out_all()  # a file shows every line at its true width
        return [self.canvas]

    def _highlight(self, names) -> None:
        self.canvas.highlight = frozenset(names or ()) | comparison_keys(self.bridge)
        self.canvas.update()
        self._scroll_to_focus()

    def _scroll_to_focus(self) -> None:
        """Keep the walk's highlighted equation in sight, else the current phase (the bottom)."""
        rect = self.canvas.highlight_rect()
        bar = self.scroll.verticalScrollBar()
        if rect is None:
            bar.setValue(bar.maximum())
        else:
            c = rect.center()
            self.scroll.ensureVisible(int(c.x()), int(c.y()), 50, int(rect.height() / 2) + 30)

    def refresh(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        lecture = style.current().presentation
        # a lecture shows the phase being taught, vectors as first … last, equations broken to the width
        # (one component and "…" in a panel too narrow for two)
        width = float(self.scroll.viewport().width())
        parts = (2 if width >= NARROW_PX else 1) if lecture else 3
        lines, caption = equation_lines(s, current_only=lecture, components=parts)
        self.canvas.wrap_width = width if lecture else None
        self.caption.set_lines(1 if lecture else 2)
        # a lecture's panel gives the caption's line to the equations: the status bar names the phase
        if self.caption.isHidden() != lecture:
            self.caption.setVisible(not lecture)
        self.scroll.setToolTip(caption if lecture else "")
        self.canvas.gap = 2.0 if lecture else 10.0
        # 13 pt normally, scaled with the theme; a lecture's panel: subscripts (LECTURE_SCRIPTS[1]×) at
        # style.PRESENTATION_MIN_PX and the rest in proportion (as large as readable, no larger: it must fit)
        self.canvas.scripts = LECTURE_SCRIPTS if lecture else SCRIPT_SCALE
        self.canvas.base_pt = (
            (style.PRESENTATION_MIN_PX / LECTURE_SCRIPTS[1] if lecture else style.text_px(13)) * 72 / 96
        )
        self.canvas.set_lines(lines)
        self.keys = [ln[2] for ln in lines if ln[0] == "eq"]
        if caption != self.caption.text():
            self.caption.setText(caption)
        self._scroll_to_focus()
