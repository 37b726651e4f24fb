"""The network panel's graphics items: :class:`EdgeLayer` (many weighted edges in one item) and :class:`Node`
(a unit with its label, halo and hover tip)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsPathItem, QGraphicsSimpleTextItem

from .palette import HIGHLIGHT_EDGE, HIGHLIGHT_FILL, diverging_colors

RADIUS = 8.0
GLOW = 6.0


class EdgeLayer(QGraphicsItem):
    """Many weighted line segments drawn in one item: colour by sign, width by magnitude, tip on hover.

    Segments are bucketed by (sign, strong, magnitude bin): one path and one pen per bucket. Emphasised
    segments (the guided walk's vector) get a wide orange glow underneath.
    """

    BINS = 6
    _pens: dict = {}

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptHoverEvents(True)
        self.setZValue(-1)
        self._rect = QRectF()
        self._groups: list = []
        self._lines: list = []
        self._place = None
        self._lim = None
        self._glow = None
        self._key = None
        # drawn into a pixmap once per change: nodes and labels repainting over the edges only blit it
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.seg = np.zeros((0, 4))
        self.weights = np.zeros(0)
        self.emphasis = np.zeros(0, dtype=bool)
        self.tip = None
        self.antialias = False

    @classmethod
    def pen(cls, positive: bool, strong: bool, mag: int) -> QPen:
        key = (positive, strong, mag)
        pen = cls._pens.get(key)
        if pen is None:
            c = diverging_colors([(1.0 if positive else -1.0) * (0.35 + 0.65 * (mag + 1) / cls.BINS)], 1.0)[0]
            # opaque colours pre-blended with the white background (alpha blending of wide
            # antialiased lines is slow in the raster engine)
            f = 0.85 if strong else 0.22
            pen = QPen(QColor(*(int(255 - (255 - float(ch)) * f) for ch in c[:3])))
            pen.setWidthF(0.7 + 2.8 * (mag + 1) / cls.BINS)
            pen.setCosmetic(True)  # width in pixels: cheap to stroke at any zoom
            pen.setCapStyle(Qt.FlatCap)
            cls._pens[key] = pen
        return pen

    def set_edges(
        self, seg: np.ndarray, weights: np.ndarray, strong: np.ndarray, tip=None, emphasis=None
    ) -> None:
        """``seg`` (k, 4) x0 y0 x1 y1; ``strong`` False draws an edge faint (an input that is not active);
        ``tip(k)`` gives edge k's tooltip (made only on hover); ``emphasis`` (k,) bool marks edges to glow.

        When every edge keeps its place, colour and width bucket nothing is redrawn."""
        seg = np.asarray(seg, dtype=np.float64).reshape(-1, 4)
        weights = np.asarray(weights, dtype=np.float64)
        n = len(seg)
        self.seg, self.weights, self.tip = seg, weights, tip
        self.emphasis = np.zeros(n, bool) if emphasis is None else np.asarray(emphasis, dtype=bool)
        strong = np.asarray(strong, dtype=bool)
        # the width scale stays while it covers the weights and they fill at least 60 % of it: a step's small
        # changes then move few edges to another bucket (and unchanged buckets are not redrawn)
        size = np.abs(weights)
        m = float(size.max()) if n else 0.0
        if not (np.isfinite(m) and m > 0):
            lim = 1.0
        elif self._lim is None or m > self._lim or m < 0.6 * self._lim:
            lim = 1.15 * m
        else:
            lim = self._lim
        self._lim = lim
        B = self.BINS
        mag = np.minimum((size / lim * B).astype(np.int64), B - 1)
        key = (weights >= 0) * (2 * B) + strong * B + mag  # the bucket: sign, strong, magnitude bin
        place = seg.tobytes()
        full_key = (place, key.tobytes(), self.emphasis.tobytes())
        if full_key == self._key:
            return
        self._key = full_key
        if place != self._place:
            # the lines and the extent are made when the edges move (a new layout), not every step: a step
            # only sorts them into the buckets of their new weights
            self._place = place
            self._lines = [QLineF(x0, y0, x1, y1) for x0, y0, x1, y1 in seg.tolist()]
            if n:
                lo, hi = seg.min(axis=0), seg.max(axis=0)
                x0, y0 = min(lo[0], lo[2]) - 4, min(lo[1], lo[3]) - 4
                rect = QRectF(
                    float(x0), float(y0), float(max(hi[0], hi[2]) + 4 - x0), float(max(hi[1], hi[3]) + 4 - y0)
                )
            else:
                rect = QRectF()
            if rect != self._rect:
                self.prepareGeometryChange()
                self._rect = rect
        self._groups = []
        self._glow = None
        self.antialias = n <= 150
        if n:
            order = np.argsort(key, kind="stable")
            ks = key[order]
            cuts = [0, *(np.flatnonzero(np.diff(ks)) + 1).tolist(), n]
            ol, ks = order.tolist(), ks.tolist()
            lines, pen = self._lines, self.pen
            for a, b in zip(cuts[:-1], cuts[1:]):
                k = ks[a]
                self._groups.append((pen(k >= 2 * B, (k // B) % 2 == 1, k % B), [lines[i] for i in ol[a:b]]))
            if self.emphasis.any():
                pen = QPen(QColor(HIGHLIGHT_EDGE.red(), HIGHLIGHT_EDGE.green(), HIGHLIGHT_EDGE.blue(), 190))
                pen.setWidthF(8.0)
                pen.setCosmetic(True)
                pen.setCapStyle(Qt.RoundCap)
                self._glow = (pen, _pairs_path(seg[self.emphasis]))
        self.update()

    def boundingRect(self):
        return self._rect

    def paint(self, painter: QPainter, option, widget=None):
        painter.setRenderHint(QPainter.Antialiasing, self.antialias)
        painter.setBrush(Qt.NoBrush)
        if self._glow is not None:
            painter.setPen(self._glow[0])
            painter.drawPath(self._glow[1])
        for pen, lines in self._groups:
            painter.setPen(pen)
            painter.drawLines(lines)

    def nearest(self, x: float, y: float, tol: float) -> int | None:
        if not len(self.seg):
            return None
        x0, y0, x1, y1 = self.seg.T
        dx, dy = x1 - x0, y1 - y0
        L2 = dx * dx + dy * dy
        t = np.clip(((x - x0) * dx + (y - y0) * dy) / np.where(L2 > 0, L2, 1), 0, 1)
        d = np.hypot(x0 + t * dx - x, y0 + t * dy - y)
        k = int(np.argmin(d))
        return k if d[k] <= tol else None

    def hoverMoveEvent(self, event):
        scale = self.scene().views()[0].transform().m11() if self.scene() and self.scene().views() else 1.0
        k = self.nearest(event.pos().x(), event.pos().y(), 4.0 / max(scale, 1e-6))
        self.setToolTip(self.tip(k) if k is not None and self.tip is not None else "")


def member(ids: np.ndarray, chosen: set) -> np.ndarray:
    """Which of ``ids`` (non-negative ints) are in ``chosen`` (as ``np.isin``, without its sorting)."""
    if not len(ids):
        return np.zeros(0, bool)
    mask = np.zeros(int(ids.max()) + 1, bool)
    mask[[c for c in chosen if 0 <= c < len(mask)]] = True
    return mask[ids]


def _pairs_path(seg):
    """One path of separate line segments (x0, y0, x1, y1 rows)."""
    if len(seg) > 8:
        return pg.arrayToQPath(seg[:, 0::2].ravel(), seg[:, 1::2].ravel(), connect="pairs")
    path = QPainterPath()  # a few segments: cheaper than pyqtgraph's array conversion
    for x0, y0, x1, y1 in seg.tolist():
        path.moveTo(x0, y0)
        path.lineTo(x1, y1)
    return path


class Node(QGraphicsEllipseItem):
    """A neuron: a circle with a label; a click selects its word. ``tip_fn`` makes the tooltip on hover.

    Everything is drawn by Qt's own items (no Python paint: a Python paint method per node costs more than
    the drawing): the label is a text item on a translucent white box (readable over edges), the guided
    walk's highlight a halo behind the circle."""

    def __init__(self, on_click=None):
        super().__init__(-RADIUS, -RADIUS, 2 * RADIUS, 2 * RADIUS)
        self.halo = QGraphicsEllipseItem(
            -RADIUS - GLOW, -RADIUS - GLOW, 2 * (RADIUS + GLOW), 2 * (RADIUS + GLOW), self
        )
        self.halo.setFlag(QGraphicsItem.ItemStacksBehindParent, True)
        self.halo.setBrush(QBrush(HIGHLIGHT_FILL))
        self.halo.setPen(QPen(HIGHLIGHT_EDGE, 1.5))
        self.halo.setVisible(False)
        self.label_box = QGraphicsPathItem(self)
        self.label_box.setPen(QPen(Qt.NoPen))
        self.label_box.setBrush(QBrush(QColor(255, 255, 255, 225)))
        self.label = QGraphicsSimpleTextItem(self)
        self.word = ""
        self.on_click = on_click
        self.tip_fn = None
        self.glow = False
        self.boxed = True
        self._fill = self._outline = None
        #: what the label shows and where (set only when it changes: each setter repaints)
        self._text = self._font = self._left = self._color = self._at = self._box = self._pos = None
        self.setZValue(2)
        self.setAcceptHoverEvents(True)

    def apply(
        self, pos, brush: QColor, pen: QPen, text: str, font: QFont, text_color: QColor, left: bool | str
    ) -> None:
        """Set what changed since the last call (each setter repaints the node). The label goes left of the
        node (``left`` True), right of it (False) or centred above it (``"above"``)."""
        if pos != self._pos:
            self._pos = pos
            self.setPos(pos[0], pos[1])
        fill = brush.rgba()
        if fill != self._fill:
            self._fill = fill
            self.setBrush(QBrush(brush))
        outline = (pen.color().rgba(), pen.widthF())
        if outline != self._outline:
            self._outline = outline
            self.setPen(pen)
        if text == self._text and font is self._font and left == self._left:
            rgba = text_color.rgba()
            if rgba != self._color:
                self._color = rgba
                self.label.setBrush(QBrush(text_color))
            return
        self._text, self._left = text, left
        self.label.setText(text)
        if font is not self._font:  # the view's fonts are made once (per theme): identity says it all
            self._font = font
            self.label.setFont(font)
        rgba = text_color.rgba()
        if rgba != self._color:
            self._color = rgba
            self.label.setBrush(QBrush(text_color))
        br = self.label.boundingRect()
        w, h = br.width(), br.height()
        if left == "above":
            at = (-w / 2, -RADIUS - 2 - h)
        else:
            at = (-RADIUS - 6 - w if left else RADIUS + 6, -h / 2)
        # a new number of the same width (digits are as wide as each other) keeps the label's place and box
        if at != self._at:
            self._at = at
            self.label.setPos(at[0], at[1])
        box = (br.x(), br.y(), w, h, at)
        if box != self._box:
            self._box = box
            path = QPainterPath()
            path.addRoundedRect(QRectF(at[0] + br.x() - 2, at[1] + br.y(), w + 4, h), 3, 3)
            self.label_box.setPath(path)

    def set_glow(self, on: bool) -> None:
        if on != self.glow:
            self.glow = on
            self.halo.setVisible(on)
            self.label_box.setVisible(self.boxed or on)

    def set_boxed(self, on: bool) -> None:
        """Whether the label's white box is drawn also without the halo: needed where the label lies over
        edges (the hidden units'); beside the input and output columns it lies on the white background, where
        the box is invisible (but over the halo it is seen: it is drawn whenever the node glows)."""
        self.boxed = on
        self.label_box.setVisible(on or self.glow)

    def tip_text(self) -> str:
        return self.tip_fn() if self.tip_fn is not None else ""

    def hoverEnterEvent(self, event):
        if self.tip_fn is not None:
            self.setToolTip(self.tip_fn())
        super().hoverEnterEvent(event)

    def mousePressEvent(self, event):
        if self.on_click and self.word:
            self.on_click(self.word)
        event.accept()
