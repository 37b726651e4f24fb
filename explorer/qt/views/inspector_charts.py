"""The inspector's charts: :class:`Bars` (one item drawing a vector as bars) and :class:`Panel` (a chart of
one quantity: bars for a vector, a heat strip for a matrix, its title, marks, highlight and hover tip)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsSimpleTextItem

from ...app.format import fmt, full
from ...engine import geometry
from .. import style
from .palette import HIGHLIGHT_EDGE, HIGHLIGHT_FILL, diverging_rgba
from .plots import cache_axes, set_plot_title, set_range, set_ticks, set_word_ticks, style_plot
from .word_axis import MARK_COLOR

MAX_BAR_LABELS = 60
_E0 = np.zeros(0)
#: (row, column) of each chart: a column reads down over the same axis — h, Δv'_j (each row a multiple of h)
#: and EH over the components; u over t and y over e over the same output words (their word labels are shown
#: once, under t and e)
GRID = {
    "h": (0, 0),
    "u": (0, 1),
    "y": (0, 2),
    "out": (1, 0),
    "t": (1, 1),
    "e": (1, 2),
    "EH": (2, 0),
    "in": (2, 1),
    "EI": (2, 2),
}
#: from this vocabulary size on, the softmax charts (u, y, t, e, EI) show the TOP_K words of highest y (and
#: the targets) instead of all V; the Δv'_j map shows the TOP_K largest changes when more vectors changed
TOP_K_FROM = 200
TOP_K = 40
TITLE_HEIGHT = 20
#: width of every chart's left axis (numbers, or the words of a Δ map: set at rebuild for the vocabulary)
LEFT_AXIS = 52
_HL_BG = pg.mkColor(HIGHLIGHT_FILL)
_HL_PEN = pg.mkPen(HIGHLIGHT_EDGE, width=2.5)


class _KeptRect:
    """Keeps an item's bounding rect (asked for several times in every paint of the inspector) until the item
    is resized. A mix-in for pyqtgraph's graphics widgets."""

    _br = None

    def resizeEvent(self, ev):
        self._br = None
        super().resizeEvent(ev)  # type: ignore[misc]

    def boundingRect(self):
        if self._br is None:
            self._br = super().boundingRect()  # type: ignore[misc]
        return QRectF(self._br)


class PanelViewBox(_KeptRect, pg.ViewBox):
    """A view box whose bounding rect and shape (the shape clips the plot's content in every paint) are kept
    until it is resized, and whose paint is not called when it has no border to draw."""

    def __init__(self, *args, **kwargs):
        self._shape = None
        super().__init__(*args, **kwargs)
        self._no_contents()

    def setBorder(self, *args, **kwds):
        super().setBorder(*args, **kwds)
        self._no_contents()

    def _no_contents(self) -> None:
        # the view box itself draws only its border: without one Qt need not call its paint at all
        border = self.border
        none = border is None or border.style() == Qt.PenStyle.NoPen
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, none)

    def resizeEvent(self, ev):
        self._shape = None
        super().resizeEvent(ev)

    def shape(self):
        if self._shape is None:
            self._shape = super().shape()
        return self._shape


class PanelPlot(_KeptRect, pg.PlotItem):
    """A plot item whose bounding rect is kept until it is resized."""


class Bars(pg.GraphicsObject):
    """Bar j (0..n−1, 0.8 wide) from 0 to ``values[j]``, all in one item: the bars as rectangles of one brush
    per colour (positive, negative), an outline around the marked bars (the targets) and the zero line. Much
    cheaper to update and draw than curve or bar-graph items (no per-bar items, no data-bounds searches), and
    rectangles of an opaque colour are the raster engine's fastest fill (a filled path costs several times
    more)."""

    def __init__(self, pos_brush, neg_brush):
        super().__init__()
        self.pos_brush, self.neg_brush = _opaque(pos_brush), _opaque(neg_brush)
        self.single = False
        self.mark_pen = pg.mkPen(20, 20, 20, width=1.5)
        self.mark_pen.setCosmetic(True)
        self.zero_pen = pg.mkPen(120, 120, 120, width=1)
        self.zero_pen.setCosmetic(True)
        # the rectangles of the positive bars, the negative ones and the marked ones, as arrays Qt reads in
        # place (no QRectF object per bar)
        self._pos, self._neg, self._marked = (PrimitiveArray(QRectF, 4) for _ in range(3))
        self._fills: list = []
        self._outlines = None
        self._rect = QRectF()
        self.n = 0

    def set_values(self, values, marks=(), single: bool = False) -> None:
        v = np.asarray(values, dtype=np.float64)
        v = np.where(np.isfinite(v), v, 0.0)
        n = len(v)
        key = (v.tobytes(), tuple(int(j) for j in marks), bool(single))
        if key == getattr(self, "_key", None):
            return  # the same bars (t while the target stays)
        self._key = key
        self.n = n
        rects = np.empty((n, 4))
        rects[:, 0] = np.arange(n) - 0.4
        rects[:, 1] = np.minimum(v, 0.0)
        rects[:, 2] = 0.8
        rects[:, 3] = np.abs(v)
        if single:
            _put(self._pos, rects)
            _put(self._neg, rects[:0])
        else:
            _put(self._pos, rects[v > 0])
            _put(self._neg, rects[v < 0])
        _put(self._marked, rects[[j for j in key[1] if 0 <= j < n]])
        # what paint passes to drawRects (wrapping the arrays' memory once, not at every paint)
        self._fills = [
            (b, a.drawargs()) for b, a in ((self.pos_brush, self._pos), (self.neg_brush, self._neg)) if len(a)
        ]
        self._outlines = self._marked.drawargs() if len(self._marked) else None
        lo, hi = (float(min(0.0, v.min())), float(max(0.0, v.max()))) if n else (0.0, 0.0)
        rect = QRectF(-0.6, lo, max(n, 1) + 0.2, max(hi - lo, 1e-12))
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    @property
    def _marks(self) -> list:
        """The outlines of the marked bars (for tests)."""
        return [QRectF(*r) for r in self._marked.ndarray().tolist()]

    def boundingRect(self):
        return self._rect

    def paint(self, p, *args):
        p.setRenderHint(p.RenderHint.Antialiasing, False)
        p.setPen(Qt.NoPen)
        for brush, args in self._fills:
            p.setBrush(brush)
            p.drawRects(*args)
        p.setPen(self.zero_pen)
        p.drawLine(QPointF(-0.6, 0.0), QPointF(max(self.n, 1) - 0.4, 0.0))
        if self._outlines is not None:
            p.setPen(self.mark_pen)
            p.setBrush(Qt.NoBrush)
            p.drawRects(*self._outlines)


class Heat(pg.GraphicsObject):
    """A matrix of opaque RGBA colours as cells 1 × 1 (row r from y = r to r + 1): one image drawn scaled,
    with no levels, lookup tables or buffers made again while painting (what an image item does after every
    change)."""

    def __init__(self):
        super().__init__()
        self._img: QImage | None = None
        self._buf = None
        self._rect = QRectF()

    def set_rgba(self, rgba) -> None:
        """Show ``rgba`` ((rows, columns, 4) uint8, opaque)."""
        rgba = np.ascontiguousarray(rgba, dtype=np.ubyte)
        h, w = rgba.shape[:2]
        # the format pyqtgraph's image item showed opaque RGBA in (the same pixels when scaled down)
        self._buf = rgba  # the image reads this memory
        self._img = QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBX8888)
        rect = QRectF(0, 0, w, h)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.update()

    def clear(self) -> None:
        self._img = self._buf = None
        if not self._rect.isEmpty():
            self.prepareGeometryChange()
            self._rect = QRectF()
        self.update()

    def boundingRect(self):
        return QRectF(self._rect)

    def paint(self, p, *args):
        if self._img is not None and not self._rect.isEmpty():
            p.drawImage(self._rect, self._img)


def _put(arr: PrimitiveArray, rects) -> None:
    arr.resize(len(rects))
    if len(rects):
        arr.ndarray()[:] = rects


def _opaque(brush):
    """The colour of ``brush`` as it looks over white, opaque (no blending when filling)."""
    c = pg.mkBrush(brush).color()
    a = c.alphaF()
    return pg.mkBrush(*(int(round(x * a + 255 * (1 - a))) for x in (c.red(), c.green(), c.blue())))


class Panel:
    """One quantity: a small plot with bars (vector) or a heat strip (matrix).

    Items are made once; a redraw only sets their data. The y range is kept from step to step while the
    values fit it (:func:`~explorer.engine.geometry.stable_range`), so the axes are not redrawn each step.
    """

    POS = pg.mkBrush(178, 24, 43, 220)
    NEG = pg.mkBrush(33, 102, 172, 220)

    def __init__(self, plot: pg.PlotItem, key: str, title: str, phase: int, symbol: str, single=None):
        self.plot, self.key, self.title, self.phase, self.symbol = plot, key, title, phase, symbol
        style_plot(plot)
        cache_axes(plot)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        # no grid: a grid makes the axis repaint with the whole plot on every step (slow)
        plot.getAxis("left").setWidth(LEFT_AXIS)
        self.single = pg.mkBrush(single) if single is not None else None
        self.bars = Bars(self.single or self.POS, self.NEG)
        # colours are looked up here (numpy) and drawn as an opaque image
        self.img = Heat()
        #: the guided walk's highlighted row of a matrix (out:<id>, in:<id>)
        self.row_mark = QGraphicsRectItem()
        pen = pg.mkPen(HIGHLIGHT_EDGE, width=3)
        pen.setCosmetic(True)
        self.row_mark.setPen(pen)
        self.row_mark.setVisible(False)
        self.row_mark.setZValue(10)
        for it in (self.bars, self.img, self.row_mark):
            plot.addItem(it)
        self.values = None
        #: the entries of the full vector shown (top-K of a large vocabulary), or None for all
        self.indices = None
        #: the rows of the matrix shown (ids of the vectors), or None
        self.row_ids = None
        self.labels: list[str] = []
        #: what the hover tip names each bar (or column) by
        self.tips: list[str] = []
        self.row_labels: list[str] = []
        self.available = False
        self.highlighted = False
        self.marked_row = None
        self.note = ""
        self.caption = ""
        #: the words of the marked bars written beside them (``name_marks="bar"``)
        self.bar_names: list[QGraphicsSimpleTextItem] = []
        self._mode = None  # "bars" / "matrix" / None (cleared)
        self._yr = None
        self._lim = None
        self._set_title(False)

    def _set_title(self, available: bool, note: str = "") -> None:
        self.note = note
        key = (available, note, self.highlighted, style.scale())
        if key == getattr(self, "_title_key", None):
            return  # the same title (set_plot_title would find it so, after building it)
        self._title_key = key
        color = "#1e1e1e" if available else "#a0a0a0"
        bg = " style='background-color:#ffe89a'" if self.highlighted else ""
        text = f"<span{bg}>{self.title}</span>"
        if note:
            text += f" <span style='color:#808080'>{note}</span>"
        set_plot_title(self.plot, text, color=color, size="9pt", height=TITLE_HEIGHT)

    def clear(self, note: str = "") -> None:
        if self._mode is None and self.note == note and self.values is None:
            return
        self.values = None
        self.indices = self.row_ids = None
        self.available = False
        self._mode = None
        self.bars.set_values(_E0)
        self._name_bars((), _E0)
        self.img.clear()
        self.img.setVisible(False)
        self.set_row_mark(None)
        # an empty frame: no numbers on the axes until the quantity exists
        self.plot.invertY(False)
        for side in ("left", "bottom"):
            set_ticks(self.plot.getAxis(side), [[]])
        self._yr = None
        set_range(self.plot, x=(0.0, 1.0), y=(0.0, 1.0))
        self._set_title(False, note)

    def _ticks(self, axis: str, labels, offset: float, marks=(), always=()) -> None:
        set_word_ticks(
            self.plot.getAxis(axis), list(labels), MAX_BAR_LABELS, offset, marks=marks, always=always
        )

    def set_bars(
        self,
        values,
        labels,
        marks=(),
        note: str = "",
        indices=None,
        show_labels: bool = True,
        tips=None,
        always=(),
        name_marks: str | None = "axis",
    ) -> None:
        """Bars of ``values`` named ``labels`` on the axis (thinned when they do not all fit) and ``tips`` on
        hover (default: the labels); ``marks``: bars outlined (the targets); ``always``: bars labelled
        whatever the space; ``show_labels`` False: tick marks only. ``name_marks``: how the marked bars are
        named — "axis": in bold on the axis whatever the space; "bar": in bold beside the bar, the axis
        keeping the same words every step (an axis drawn again costs about a millisecond a step); None:
        outlined only."""
        v = np.asarray(values, dtype=np.float64)
        self.values, self.labels, self.available, self.indices = v, list(labels), True, indices
        self.tips = list(labels) if tips is None else list(tips)
        self.row_ids = None
        n = len(v)
        if self._mode != "bars":
            self._mode = "bars"
            self.img.clear()
            self.img.setVisible(False)
            self.bars.setVisible(True)
            self.plot.invertY(False)
            set_ticks(self.plot.getAxis("left"), None)
            self.set_row_mark(None)
            self._yr = None
        self.bars.set_values(v, marks, self.single is not None)
        if show_labels:
            self._ticks("bottom", self.labels, 0.0, marks if name_marks == "axis" else (), always)
        else:
            self._ticks("bottom", [""] * n, 0.0)
        self._name_bars(marks if name_marks == "bar" else (), v)
        finite = v[np.isfinite(v)]
        lo, hi = float(min(0.0, finite.min(initial=0.0))), float(max(0.0, finite.max(initial=0.0)))
        self._yr = geometry.stable_range(lo, hi, self._yr, shrink=0.1)
        set_range(self.plot, x=(-0.6, max(n, 1) - 0.4), y=self._yr)
        self._set_title(True, note)

    def set_matrix(
        self,
        M,
        row_labels,
        col_labels,
        note: str = "",
        row_ids=None,
        col_marks=(),
        col_always=(),
        col_tips=None,
    ) -> None:
        """A heat strip of ``M`` (rows ``row_labels``, columns ``col_labels``; ``col_marks``: the target
        columns, in bold; ``col_always`` labelled whatever the space; ``col_tips`` their hover names)."""
        M = np.asarray(M, dtype=np.float64)
        if M.ndim == 1:
            M = M[None, :]
        self.values, self.row_labels, self.labels, self.available = (
            M,
            list(row_labels),
            list(col_labels),
            True,
        )
        self.tips = list(col_labels) if col_tips is None else list(col_tips)
        self.indices, self.row_ids = None, (None if row_ids is None else np.asarray(row_ids))
        if self._mode != "matrix":
            self._mode = "matrix"
            self.bars.set_values(_E0)
            self._name_bars((), _E0)
            self.bars.setVisible(False)
            self.plot.invertY(True)
            self._lim = None
        # the colour limit stays while it covers the values and they fill at least a tenth of it
        lim = geometry.symmetric_limit(M, current=self._lim)
        m = float(np.nanmax(np.abs(M))) if M.size else 0.0
        if np.isfinite(m) and m < lim / 10:
            lim = geometry.symmetric_limit(M)
        self._lim = lim
        self.img.set_rgba(diverging_rgba(M, lim))
        self.img.setVisible(True)
        self._ticks("bottom", self.labels, 0.5, col_marks, col_always)
        set_word_ticks(self.plot.getAxis("left"), self.row_labels, MAX_BAR_LABELS, 0.5, fit_width=False)
        set_range(self.plot, x=(0, max(M.shape[1], 1)), y=(0, max(M.shape[0], 1)))
        self._set_title(True, (note + " " if note else "") + f"\u00b1{fmt(lim)}")

    def _name_bars(self, marks, v) -> None:
        """The words of the marked bars in bold beside them (right of the bar at half its height; left of
        it for the last bar), at the theme's text size: one text item per mark, made once and moved."""
        marks = [int(j) for j in marks if 0 <= int(j) < len(v)]
        if not marks and not any(it.isVisible() for it in self.bar_names):
            return
        px = style.text_px(9)  # the font is made again only when the theme's size changes
        if getattr(self, "_name_px", None) != px:
            self._name_px, self._name_font = px, style.text_font(9, bold=True)
        font = self._name_font
        while len(self.bar_names) < len(marks):
            item = QGraphicsSimpleTextItem()
            item.setFlag(QGraphicsItem.ItemIgnoresTransformations, True)
            item.setBrush(QColor(MARK_COLOR))
            item.setZValue(12)
            self.plot.addItem(item, ignoreBounds=True)
            self.bar_names.append(item)
        for k, item in enumerate(self.bar_names):
            if k >= len(marks):
                item.setVisible(False)
                continue
            j = marks[k]
            if item.font() != font:
                item.setFont(font)
            word = self.labels[j]
            if item.text() != word:
                item.setText(word)
            r = item.boundingRect()
            left = j == len(v) - 1 and j > 0
            dx = -r.width() - 4 if left else 4
            key = (j, float(v[j]), dx, r.height())
            if getattr(item, "_w2v_at", None) != key:
                item._w2v_at = key
                item.setPos(QPointF(j + (-0.4 if left else 0.4), float(v[j]) / 2))
                item.setTransform(QTransform.fromTranslate(dx, -r.height() / 2))
            item.setVisible(True)

    def set_caption(self, text: str) -> None:
        """What the marked bars are ("target: rules"), added to the hover tip of every bar (the bold words
        name them on the chart; a title changing every step would lay the chart out again every step)."""
        self.caption = text

    def set_row_mark(self, row: int | None) -> None:
        """Outline row ``row`` of the matrix shown (None: no outline)."""
        if row == self.marked_row:
            return
        self.marked_row = row
        if row is None or self.values is None or self.values.ndim != 2:
            self.row_mark.setVisible(False)
            return
        self.row_mark.setRect(QRectF(0, row, self.values.shape[1], 1))
        self.row_mark.setVisible(True)

    def set_highlight(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            vb = self.plot.vb
            vb.setBackgroundColor(_HL_BG if on else None)
            vb.setBorder(_HL_PEN if on else None)
            self._set_title(self.available, self.note)

    def tip(self, scene_pos) -> str | None:
        """The exact value under a scene position, or None when outside this panel."""
        vb = self.plot.vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        if not self.available or self.values is None:
            return ""
        pt = vb.mapSceneToView(scene_pos)
        if self.values.ndim == 1:
            j = int(round(pt.x()))
            if 0 <= j < len(self.values):
                tip = f"{self.symbol}[{self.tips[j]}] = {full(self.values[j])}"
                return f"{tip}\n{self.caption}" if self.caption else tip
            return ""
        r, c = int(np.floor(pt.y())), int(np.floor(pt.x()))
        if 0 <= r < self.values.shape[0] and 0 <= c < self.values.shape[1]:
            tip = f"{self.symbol}[{self.row_labels[r]}, {self.tips[c]}] = {full(self.values[r, c])}"
            return f"{tip}\n{self.caption}" if self.caption else tip
        return ""
