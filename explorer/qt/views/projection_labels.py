"""The projection map's labels: :class:`LabelLayer` draws a few words next to their points (left out where
they would overlap) and rings around marked points, in one item on top of the plot."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QStaticText, QTransform
from PySide6.QtWidgets import QGraphicsItem

from .. import style


class LabelLayer(QGraphicsItem):
    """A few text labels next to their points, and rings around marked points, drawn in one item on top of
    the plot (one Python paint call instead of one per item).

    Each label sits a few pixels off its point, on a translucent white box; a label that would overlap one
    placed before it (labels are placed in priority order) tries the other three corners and is left out
    if none is free. Positions are in view (data) coordinates; they are mapped to pixels when painting, so
    the labels follow zoom and pan.
    """

    OFFSET = 5.0

    def __init__(self, vb: pg.ViewBox):
        super().__init__(vb)
        self.vb = vb
        self.setZValue(1e6)
        self.setFlag(QGraphicsItem.ItemClipsToShape, False)
        self._font_px = None
        self.set_fonts()
        self.points = np.zeros((0, 2))
        self.rings: list[tuple] = []  # (points (k, 2), diameter in pixels, QPen)
        self.texts: list[str] = []
        self.styles: list[tuple] = []  # (bold, QColor) per label
        self.placed: list[tuple[str, QRectF]] = []  # what the last paint drew (for tests)
        self._rect = QRectF()
        vb.sigResized.connect(self._resized)
        vb.sigTransformChanged.connect(lambda *_: self.update())
        self._resized()

    def set_fonts(self) -> None:
        """Label fonts from the theme's scale (``style.text_font``); nothing to do when it did not change."""
        px = style.text_px(8)
        if px == self._font_px:
            return
        self._font_px = px
        self.font = style.text_font(8)
        self.bold = style.text_font(8, bold=True)
        self._fm = {False: QFontMetricsF(self.font), True: QFontMetricsF(self.bold)}
        self._sizes: dict = {}
        #: each label's text laid out once (words come back step after step; drawing them is then a copy)
        self._static: dict = {}

    def w2v_fonts(self) -> list[QFont]:
        """The fonts this item paints text with (presentation-mode tests read them)."""
        return [self.font, self.bold]

    def _resized(self, *_):
        self.prepareGeometryChange()
        self._rect = QRectF(self.vb.boundingRect())
        self.update()

    def set_labels(self, points, texts, styles) -> None:
        points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        texts, styles = list(texts), list(styles)
        if (
            len(points) == len(self.points)
            and texts == self.texts
            and styles == self.styles
            and np.array_equal(points, self.points)
        ):
            return
        self.points, self.texts, self.styles = points, texts, styles
        self.update()

    def set_rings(self, rings) -> None:
        """Rings around points: [(points (k, 2) in view coordinates, diameter in pixels, QPen), …]."""
        rings = [(np.asarray(p, dtype=np.float64).reshape(-1, 2), float(d), pen) for p, d, pen in rings]
        old = self.rings
        if len(old) == len(rings) and all(
            d0 == d1 and pen0 == pen1 and np.array_equal(p0, p1)
            for (p0, d0, pen0), (p1, d1, pen1) in zip(old, rings)
        ):
            return
        self.rings = rings
        self.update()

    def boundingRect(self):
        return self._rect

    def paint(self, painter, option, widget=None):
        self.placed = []
        t = self.vb.childGroup.transform()
        if self.rings:
            painter.setBrush(Qt.NoBrush)
            painter.setRenderHint(QPainter.Antialiasing, True)
            for pts, d, pen in self.rings:
                painter.setPen(pen)
                r = d / 2
                for x, y in pts.tolist():
                    painter.drawEllipse(
                        QPointF(t.m11() * x + t.m21() * y + t.m31(), t.m12() * x + t.m22() * y + t.m32()),
                        r,
                        r,
                    )
        if not len(self.texts):
            return
        x, y = self.points[:, 0], self.points[:, 1]
        px = t.m11() * x + t.m21() * y + t.m31()
        py = t.m12() * x + t.m22() * y + t.m32()
        a = self._rect
        x0, y0, x1, y1 = a.left(), a.top(), a.right(), a.bottom()
        taken: list[tuple] = []
        o = self.OFFSET
        box = QColor(255, 255, 255, 200)
        for k, text in enumerate(self.texts):
            x, y = float(px[k]), float(py[k])
            if not (x0 <= x <= x1 and y0 <= y <= y1):  # also False for NaN
                continue
            bold, color = self.styles[k]
            wh = self._sizes.get((text, bold))
            if wh is None:
                fm = self._fm[bold]
                wh = self._sizes[(text, bold)] = (fm.horizontalAdvance(text) + 4, fm.height())
            w, h = wh
            # the first free corner inside the map; a label that would be cut at its edge is left out (but the
            # first one, the most important, is placed in any case)
            free = [
                (x + dx, y + dy)
                for dx, dy in ((o, -o - h), (o, o), (-o - w, -o - h), (-o - w, o))
                if not any(
                    x + dx < r_ and q_l < x + dx + w and y + dy < b_ and q_t < y + dy + h
                    for q_l, q_t, r_, b_ in taken
                )
            ]
            inside = [(a, b) for a, b in free if x0 <= a and a + w <= x1 and y0 <= b and b + h <= y1]
            if not inside and (taken or not free):
                continue
            lx, ty = (inside or free)[0]
            taken.append((lx, ty, lx + w, ty + h))
            r = QRectF(lx, ty, w, h)
            self.placed.append((text, r))
            painter.setPen(Qt.NoPen)
            painter.setBrush(box)
            painter.drawRoundedRect(r, 2, 2)
            painter.setFont(self.bold if bold else self.font)
            painter.setPen(color)
            st = self._static.get((text, bold))
            if st is None:
                if len(self._static) > 4000:  # a long run over a large vocabulary: start again
                    self._static.clear()
                st = self._static[(text, bold)] = QStaticText(text)
                st.setTextFormat(Qt.PlainText)
                st.prepare(QTransform(), self.bold if bold else self.font)
            painter.drawStaticText(QPointF(lx + 2, ty + (h - st.size().height()) / 2), st)
