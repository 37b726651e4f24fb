"""The projection map's points: :class:`PointsLayer` draws one kind of vector (input v_w or output v′_j) as
symbols of a fixed pixel size, all in one item, with a hover tip and a click per point."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QTransform

from .sprites import Sprites


class PointsLayer(pg.GraphicsObject):
    """Points at view (data) coordinates, drawn as ``symbol`` of ``size`` pixels whatever the zoom.

    One item for all points (a scatter item costs several bounding-rect and mask searches per paint): it
    lies over the whole view box and maps the points to pixels when painting. The points on screen are copies
    of the symbol's pixmap (:class:`~.sprites.Sprites`); a file export (vector devices) draws each symbol as a
    path.
    Hovering a point shows ``tip(x, y, name)`` and outlines it; clicking one calls ``clicked(name)`` (other
    clicks, drags and the wheel go on to the view box). ``symbol`` is one of pyqtgraph's symbol names.
    """

    def __init__(
        self,
        vb: pg.ViewBox,
        symbol: str,
        size: float,
        color,
        tip: Callable[[float, float, str], str] | None = None,
        clicked: Callable[[str], None] | None = None,
        hover_pen=None,
        z: float = 1e5,
    ):
        super().__init__(vb)
        self.vb, self.tip, self.clicked = vb, tip, clicked
        self.symbol, self.size = symbol, float(size)
        self.pen, self.brush = pg.mkPen(255, 255, 255, 200), pg.mkBrush(color)
        self.hover_pen = pg.mkPen(hover_pen) if hover_pen is not None else pg.mkPen(0, 0, 0, width=2)
        self.setZValue(z)
        self.setAcceptHoverEvents(True)
        self.pos_ = np.zeros((0, 2))
        self.names: list[str] = []
        self._names_from = None  # the list the names were last taken from
        self.hovered: int | None = None
        self._sprites = Sprites()
        self._rect = QRectF()
        vb.sigResized.connect(self._resized)
        vb.sigTransformChanged.connect(lambda *_: self.update())
        self._resized()

    # -- data ---------------------------------------------------------------------------------------------
    def setData(self, pos=None, names=None) -> None:
        """The points (k, 2) and their names (kept when None and the count is unchanged)."""
        pos = np.zeros((0, 2)) if pos is None else np.asarray(pos, dtype=np.float64).reshape(-1, 2)
        if names is not None and names is not self._names_from:
            self._names_from = names
            self.names = [str(n) for n in names]
        elif len(self.names) != len(pos):
            self.names = [""] * len(pos)
        if len(pos) == len(self.pos_) and np.array_equal(pos, self.pos_):
            return
        self.pos_ = pos.copy()
        if self.hovered is not None and self.hovered >= len(pos):
            self.hovered = None
        self.update()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        return self.pos_[:, 0].copy(), self.pos_[:, 1].copy()

    # -- geometry -----------------------------------------------------------------------------------------
    def _resized(self, *_):
        self.prepareGeometryChange()
        self._rect = QRectF(self.vb.boundingRect())
        self.update()

    def boundingRect(self):
        return self._rect

    def _pixels(self) -> tuple[np.ndarray, np.ndarray]:
        t = self.vb.childGroup.transform()
        x, y = self.pos_[:, 0], self.pos_[:, 1]
        return t.m11() * x + t.m21() * y + t.m31(), t.m12() * x + t.m22() * y + t.m32()

    def nearest(self, pos: QPointF) -> int | None:
        """The point drawn under ``pos`` (in this item's coordinates), the closest when several are."""
        if not len(self.pos_):
            return None
        px, py = self._pixels()
        d2 = (px - pos.x()) ** 2 + (py - pos.y()) ** 2
        d2 = np.where(np.isfinite(d2), d2, np.inf)
        k = int(np.argmin(d2))
        r = self.size / 2 + 2
        return k if d2[k] <= r * r else None

    # -- drawing ------------------------------------------------------------------------------------------
    def paint(self, painter, option, widget=None):
        if not len(self.pos_):
            return
        px, py = self._pixels()
        r = self._rect.adjusted(-20, -20, 20, 20)
        inside = (px >= r.left()) & (px <= r.right()) & (py >= r.top()) & (py <= r.bottom())
        engine = painter.paintEngine()
        vector = self._exportOpts is not False or engine.type() != engine.Type.Raster
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        ks = np.flatnonzero(inside)
        if vector:
            for k in ks.tolist():
                painter.save()
                painter.setRenderHint(QPainter.Antialiasing, True)
                painter.setTransform(QTransform.fromTranslate(float(px[k]), float(py[k])), True)
                pen = self.hover_pen if k == self.hovered else self.pen
                drawSymbol(painter, self.symbol, self.size, pen, self.brush)
                painter.restore()
            return
        # every point a copy of the symbol's pixmap, in one call; the hovered one again on top, outlined
        pm = self._sprites.pixmap(self.symbol, self.size, self.pen, self.brush, dpr)
        self._sprites.draw(painter, np.column_stack([px[ks], py[ks]]), pm, dpr)
        if self.hovered is not None and inside[self.hovered]:
            hov = self._sprites.pixmap(self.symbol, self.size, self.hover_pen, self.brush, dpr)
            self._sprites.draw(painter, np.array([[px[self.hovered], py[self.hovered]]]), hov, dpr)

    # -- interaction --------------------------------------------------------------------------------------
    def hoverEvent(self, ev) -> None:
        k = None if ev.isExit() else self.nearest(ev.pos())
        if k != self.hovered:
            self.hovered = k
            self.update()
        if k is None:
            self.setToolTip("")
        elif self.tip is not None:
            x, y = self.pos_[k]
            self.setToolTip(self.tip(float(x), float(y), self.names[k]))

    def mouseClickEvent(self, ev) -> None:
        k = self.nearest(ev.pos()) if ev.button() == Qt.MouseButton.LeftButton else None
        if k is None:
            ev.ignore()
            return
        ev.accept()
        if self.clicked is not None:
            self.clicked(self.names[k])


__all__ = ["PointsLayer"]
