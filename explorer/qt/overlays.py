"""The update animation's overlays: one graphics item per view, drawn on top of what the view shows.

:class:`NetworkOverlay` draws the pulse of :class:`~explorer.app.animation.Frame` across the network (dots
travelling along the edges from the inputs through h to the outputs, and back as the error), with a glow on
the layer the pulse has reached. :class:`ProjectionOverlay` draws the changed vectors on their way from
before to after (:func:`~explorer.app.animation.interpolate`). The views own them (their
``animation_frame`` hook) and only pass the frame on; nothing here changes what the views drew.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem

from ..app.animation import interpolate
from ..engine import geometry
from .views.sprites import Sprites

#: the pulse's colours: amber forward, purple for the error flowing back (the edges are red and blue)
FORWARD_C = QColor(245, 160, 0)
BACKWARD_C = QColor(130, 40, 170)
#: at most this many dots per layer of edges (the edges between the most relevant nodes)
MAX_DOTS = 400


class NetworkOverlay(QGraphicsItem):
    """Dots on the edges at the pulse's front and a glow on the layer it reached. ``view`` is the network view
    (its shown nodes: ``shown_in``, ``nodes_in``, ``nodes_hid``, ``shown_out``, ``nodes_out``)."""

    def __init__(self, view):
        super().__init__()
        self.view = view
        self.setZValue(50)
        self.setAcceptedMouseButtons(Qt.NoButton)
        self._rect = QRectF()
        self._dots = np.zeros((0, 2))
        self._glow = np.zeros((0, 2))
        self._colour = FORWARD_C
        self._sprites = Sprites()

    def boundingRect(self) -> QRectF:
        return self._rect

    def _positions(self, rec):
        v = self.view
        ins = [(int(i), n.pos()) for i, n in zip(v.shown_in, v.nodes_in) if n.isVisible()]
        hid = [n.pos() for n in v.nodes_hid if n.isVisible()]
        outs = [(int(j), n.pos()) for j, n in zip(v.shown_out, v.nodes_out) if n.isVisible()]
        active = set(rec.input_ids)
        src = [p for i, p in ins if i in active] or [p for _, p in ins]
        changed = {int(j) for j in rec.out_ids}
        dst = [p for j, p in outs if j in changed] or [p for _, p in outs]
        return src, hid, dst

    def show_frame(self, frame, rec) -> None:
        """Draw ``frame`` (``None``: nothing) for the record ``rec``."""
        self.prepareGeometryChange()
        if frame is None or rec is None or frame.done:
            self._dots = self._glow = np.zeros((0, 2))
            self._rect = QRectF()
            self.update()
            return
        src, hid, dst = self._positions(rec)
        f = frame.front
        if f <= 0.5:
            a, b, s = src, hid, f / 0.5
            glow = src if f < 0.25 else hid
        else:
            a, b, s = hid, dst, (f - 0.5) / 0.5
            glow = hid if f < 0.75 else dst
        A = np.array([[p.x(), p.y()] for p in a]).reshape(-1, 2)
        B = np.array([[p.x(), p.y()] for p in b]).reshape(-1, 2)
        if len(A) and len(B):
            P = (A[:, None, :] + s * (B[None, :, :] - A[:, None, :])).reshape(-1, 2)
            self._dots = P[:: max(1, len(P) // MAX_DOTS)]
        else:
            self._dots = np.zeros((0, 2))
        self._glow = np.array([[p.x(), p.y()] for p in glow]).reshape(-1, 2)
        self._colour = BACKWARD_C if frame.backward else FORWARD_C
        pts = np.concatenate([self._dots, self._glow]) if len(self._glow) else self._dots
        if len(pts):
            lo, hi = pts.min(axis=0), pts.max(axis=0)
            self._rect = QRectF(lo[0] - 20, lo[1] - 20, hi[0] - lo[0] + 40, hi[1] - lo[1] + 40)
        else:
            self._rect = QRectF()
        self.update()

    def paint(self, painter, option, widget=None) -> None:
        if not len(self._dots) and not len(self._glow):
            return
        c = QColor(self._colour)
        painter.setBrush(Qt.NoBrush)
        ring = QColor(c)
        ring.setAlpha(150)
        painter.setPen(QPen(ring, 5))
        for x, y in self._glow:
            painter.drawEllipse(QPointF(x, y), 14, 14)
        if not len(self._dots):
            return
        # each dot a copy of two sprites (a white rim, which keeps the dots apart from the edges, under a disc
        # of the pulse's colour), one call for each — every rim first, as dots close together overlap —,
        # rendered at the resolution the dots reach the screen with (the view's zoom times the pixel ratio)
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        k = round(dpr * max(abs(painter.transform().m11()), 0.05), 2)
        for colour, d in ((QColor(Qt.white), 13.0), (c, 9.0)):
            self._sprites.draw(painter, self._dots, self._sprites.pixmap("o", d, None, colour, k), k)


class ProjectionOverlay:
    """Rings on the changed vectors, moving from their before to their after position on the view's basis
    (magnified like the view's arrows, so the ring runs along each arrow)."""

    def __init__(self, plot_item):
        self.plot_item = plot_item
        self.out = pg.ScatterPlotItem(symbol="o", size=16, pen=pg.mkPen(BACKWARD_C, width=3), brush=None)
        self.inp = pg.ScatterPlotItem(symbol="o", size=16, pen=pg.mkPen(FORWARD_C, width=3), brush=None)
        for it in (self.out, self.inp):
            it.setZValue(60)
            it.setAcceptHoverEvents(False)
            plot_item.addItem(it)
        self._key = None
        self._ends = None

    def _endpoints(self, view, rec):
        """Before and after positions of the vectors with an arrow this step (cached per record and basis)."""
        k = float(view.scale_box.currentData() or 1)
        key = (id(rec), id(view.basis), view.in_box.isChecked(), view.out_box.isChecked(), k)
        if key != self._key:
            b = view.basis
            ro, ri = view.arrow_out, view.arrow_in

            def ends(before, delta):  # along the view's arrow: start → start + k·change
                p0 = geometry.project(b, before)
                return p0, p0 + k * (geometry.project(b, before + delta) - p0)

            out = (
                ends(rec.out_before[ro], rec.out_delta[ro]) if view.out_box.isChecked() and len(ro) else None
            )
            inp = ends(rec.in_before[ri], rec.in_delta[ri]) if view.in_box.isChecked() and len(ri) else None
            self._key, self._ends = key, (out, inp)
        return self._ends

    def show_frame(self, view, frame, rec) -> None:
        if frame is None or rec is None or frame.done or view.basis is None:
            self.out.setData([], [])
            self.inp.setData([], [])
            return
        out, inp = self._endpoints(view, rec)
        for item, ends, share in ((self.out, out, frame.move_out), (self.inp, inp, frame.move_in)):
            if ends is None:
                item.setData([], [])
            else:
                P = interpolate(ends[0], ends[1], share)
                item.setData(P[:, 0], P[:, 1])


__all__ = ["NetworkOverlay", "ProjectionOverlay", "FORWARD_C", "BACKWARD_C"]
