"""A light curve item for the loss plot: a polyline from two arrays (and optional round markers).

pyqtgraph's PlotDataItem keeps a copy of the data for display, searches it for its bounds on every
change and every paint and builds a QPainterPath; the loss plot re-sets its step and moving-average curves
every step with the whole series. Here setting the data only keeps the arrays and their y bounds; the item's
bounding rect grows in steps (the scene is told of a change only when the data leave it); painting draws the
points within the visible x range, downsampled as pyqtgraph's curves were when there are many more points
than pixel columns (the same picture).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from pyqtgraph.graphicsItems.ScatterPlotItem import renderSymbol
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap, QTransform

from .. import style

#: pyqtgraph's auto downsampling factor: from 2 × this many points per pixel column on, groups of points are
#: drawn as their highest and lowest
DOWNSAMPLE = 5.0


class Curve(pg.GraphicsObject):
    """``setData(x, y)`` with x ascending; drawn with ``pen``; ``symbol_size`` > 0: a filled circle of that
    diameter (pixels) in ``symbol_brush`` at each point. ``opts["pen"]`` and ``opts["name"]`` as pyqtgraph's
    curves (the legend line reads them); ``setLogMode`` as they (y drawn as log10)."""

    def __init__(self, pen, name: str = "", symbol_size: float = 0.0, symbol_brush=None):
        super().__init__()
        self.opts = {"pen": pg.mkPen(pen), "name": name}
        self._pen = pg.mkPen(pen)
        self._symbol = float(symbol_size)
        self._brush = pg.mkBrush(symbol_brush) if symbol_brush is not None else None
        self._x = self._y = np.zeros(0)
        self._logy = False
        self._shown = (self._x, self._y)  # y as drawn (log10 in log mode)
        self._bounds = None  # (x0, x1, y0, y1) of the finite points shown, or None
        self._rect = QRectF()
        #: antialiased as pyqtgraph's curves (its configuration when made; the theme turns it on)
        self.antialias = bool(pg.getConfigOption("antialias"))
        self._segs = None
        self._sprite = None  # (device pixel ratio, the marker's pixmap)
        self._themed = None  # (width ratio, the pen at that width)

    # -- data ---------------------------------------------------------------------------------------
    def setData(self, x, y) -> None:
        self._x = np.asarray(x, dtype=np.float64)
        self._y = np.asarray(y, dtype=np.float64)
        self._update_shown()

    def getData(self):
        return self._x, self._y

    def getOriginalDataset(self):
        return self._x, self._y

    def setLogMode(self, xMode, yMode) -> None:
        if bool(yMode) != self._logy:
            self._logy = bool(yMode)
            self._update_shown()

    def _update_shown(self) -> None:
        x, y = self._x, self._y
        if self._logy:
            with np.errstate(divide="ignore", invalid="ignore"):
                y = np.where(y > 0, np.log10(np.where(y > 0, y, 1.0)), np.nan)
        self._shown = (x, y)
        ok = np.isfinite(y) & np.isfinite(x)
        if ok.all():
            b = (float(x[0]), float(x[-1]), float(y.min()), float(y.max())) if len(y) else None
        elif ok.any():
            b = (float(x[ok].min()), float(x[ok].max()), float(y[ok].min()), float(y[ok].max()))
        else:
            b = None
        self._bounds = b
        if b is None:
            rect = QRectF()
        else:
            x0, x1, y0, y1 = b
            if self._rect.contains(QRectF(x0, y0, x1 - x0, y1 - y0)) and not self._rect.isEmpty():
                rect = self._rect
            else:
                # room to grow: the scene is told of a new rect only when the data leave this one
                dx, dy = max(x1 - x0, 1.0), max(y1 - y0, abs(y1) * 1e-3, 1e-9)
                rect = QRectF(x0 - 0.05 * dx, y0 - 0.25 * dy, 1.6 * dx, 1.5 * dy)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        b = self._bounds
        if b is None:
            return None, None
        return (b[0], b[1]) if ax == 0 else (b[2], b[3])

    def pixelPadding(self):
        return self._symbol / 2 if self._symbol else 0

    def boundingRect(self):
        return QRectF(self._rect)

    # -- drawing ------------------------------------------------------------------------------------
    def _visible(self):
        """The points to draw, as pyqtgraph's curves (auto peak downsampling, clipped to view) drew them:
        those in the view's x range (and ``ds`` either side), and when there are more than
        :data:`DOWNSAMPLE` points per pixel column, each group of ``ds`` points as its highest and lowest."""
        x, y = self._shown
        n = len(x)
        vb = self.getViewBox()
        if vb is None or n < 2:
            return x, y
        (v0, v1), _ = vb.viewRange()
        ds = 1
        dx = (x[-1] - x[0]) / (n - 1)
        width = vb.width()
        if dx > 0 and width > 0:
            ds = max(1, int((v1 - v0) / (width * dx * DOWNSAMPLE)))
        i0 = min(max(int(np.searchsorted(x, v0)) - ds, 0), n)
        i1 = min(max(int(np.searchsorted(x, v1)) + ds, i0), n)
        x, y = x[i0:i1], y[i0:i1]
        if ds > 1:
            k = len(x) // ds
            xx = np.repeat(x[: k * ds : ds], 2)
            g = y[: k * ds].reshape(k, ds)
            yy = np.empty((k, 2))
            yy[:, 0], yy[:, 1] = g.max(axis=1), g.min(axis=1)
            return xx, yy.reshape(-1)
        return x, y

    def _themed_pen(self):
        """The pen at the width of the theme in use (presentation mode's thicker lines; a figure's theme
        while it is drawn), as the theme sets the widths of pyqtgraph's curves (style.restyle_plots)."""
        ratio = style.current().line_width / style.LIGHT.line_width
        if self._themed is None or self._themed[0] != ratio:
            pen = pg.mkPen(self._pen)
            if ratio != 1.0:
                pen.setWidthF((self._pen.widthF() or 1.0) * ratio)
                pen.setCosmetic(True)
            self._themed = (ratio, pen)
        return self._themed[1]

    def paint(self, p: QPainter, *args):
        x, y = self._visible()
        if not len(x):
            return
        aa = self.antialias if self._exportOpts is False else self._exportOpts.get("antialias", True)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, aa)
        pen = self._themed_pen()
        if pen.style() != Qt.PenStyle.NoPen and len(x) > 1:
            p.setPen(pen)
            if _segmented(pen, aa):
                # as pyqtgraph draws a wide opaque line: one segment per pair of points (faster than
                # stroking the polyline; the joins look the same as before)
                self._segs = arrayToLineSegments(x, y, "all", True, out=self._segs)
                p.drawLines(*self._segs.drawargs())
            else:
                p.drawPath(pg.arrayToQPath(x, y, connect="all", finiteCheck=True))
        if self._symbol and self._brush is not None:
            self._paint_symbols(p, x, y, args[1] if len(args) > 1 else None)

    def _paint_symbols(self, p: QPainter, x, y, widget) -> None:
        """The round markers as pyqtgraph's scatter plots draw them: one pre-rendered (antialiased) image
        centred on each point, in pixels; vector circles when exported."""
        ok = np.isfinite(x) & np.isfinite(y)
        tr = p.transform()
        pts = [tr.map(QPointF(a, b)) for a, b in zip(x[ok].tolist(), y[ok].tolist())]
        p.save()
        try:
            p.resetTransform()
            if self._exportOpts is not False:
                p.setRenderHint(QPainter.RenderHint.Antialiasing, self._exportOpts.get("antialias", True))
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(self._brush)
                r = self._symbol / 2
                for pt in pts:
                    p.drawEllipse(pt, r, r)
                return
            dpr = widget.devicePixelRatioF() if widget is not None else 1.0
            if self._sprite is None or self._sprite[0] != dpr:
                img = renderSymbol("o", self._symbol, pg.mkPen(None), self._brush, dpr=dpr)
                self._sprite = (dpr, QPixmap.fromImage(img))
            pix = self._sprite[1]
            w, h = pix.width() / dpr, pix.height() / dpr
            target, source = QRectF(-w / 2, -h / 2, w, h), QRectF(pix.rect())
            for pt in pts:
                p.setTransform(QTransform.fromTranslate(pt.x(), pt.y()))
                p.drawPixmap(target, pix, source)
        finally:
            p.restore()


def _segmented(pen, aa: bool) -> bool:
    """Whether pyqtgraph draws a curve with this pen as separate segments (a wide opaque aliased line)."""
    return (
        not aa and pen.widthF() > 1.0 and pen.style() == Qt.PenStyle.SolidLine and pen.color().alphaF() == 1.0
    )
