"""Many copies of one small picture — a point's symbol, an animation's dot — drawn in one call.

Stroking or filling hundreds of small antialiased shapes one by one costs milliseconds a paint; drawing each
as a copy of a pixmap rendered once (pyqtgraph's ``renderSymbol``, as its scatter plots do) and handing all
copies to ``QPainter.drawPixmapFragments`` at once costs a fraction of that.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import renderSymbol
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtGui import QPainter, QPixmap

#: pixmaps kept per Sprites (symbols × pens × resolutions in use stay far below this)
MAX_KEPT = 64


class Sprites:
    """Pixmaps of symbols, made once per look and resolution, and the fragment array to draw them with."""

    def __init__(self):
        self._frags = PrimitiveArray(QPainter.PixmapFragment, 10)
        self._kept: dict = {}

    def pixmap(self, symbol: str, size: float, pen, brush, scale: float) -> QPixmap:
        """``symbol`` (a pyqtgraph symbol name) ``size`` units wide with ``pen`` and ``brush``, rendered at
        ``scale`` pixels a unit (the screen's pixel ratio, times the view's zoom when the size is in scene
        units)."""
        pen, brush = pg.mkPen(pen), pg.mkBrush(brush)
        key = (symbol, size, pen.color().rgba(), pen.widthF(), pen.style(), brush.color().rgba(), scale)
        pm = self._kept.get(key)
        if pm is None:
            if len(self._kept) >= MAX_KEPT:
                self._kept.clear()
            pm = self._kept[key] = QPixmap.fromImage(renderSymbol(symbol, size, pen, brush, dpr=scale))
        return pm

    def draw(self, painter: QPainter, xy: np.ndarray, pixmap: QPixmap, scale: float) -> None:
        """A copy of ``pixmap`` (made by :meth:`pixmap` at ``scale``) centred on each row of ``xy`` (n, 2),
        in the painter's coordinates, in one call."""
        if not len(xy):
            return
        self._frags.resize(len(xy))
        f = self._frags.ndarray()
        f[:, 0:2] = xy
        # the source in the pixmap's own pixels, shrunk by the scale it was rendered at
        f[:, 2:10] = [0.0, 0.0, pixmap.width(), pixmap.height(), 1 / scale, 1 / scale, 0.0, 1.0]
        painter.drawPixmapFragments(*self._frags.drawargs(), pixmap)


__all__ = ["Sprites"]
