"""How the network panel fits its view: the columns' x, how many words fit, the scene rect and the zoom.

A mixin of :class:`~.network_view.NetworkView` (which draws); the choice of words is
:func:`explorer.app.network.choose_nodes` with the count from :meth:`NetworkFitMixin._rows_cap`. In
presentation mode nothing scrolls: as many words as fit at a readable size, the hidden units' values above
their nodes when beside them they would not fit the width.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QTimer

from ...app.network import CAP_WORDS, rows_that_fit
from .. import style
from .network_items import RADIUS

ROW = 24.0
MIN_SCALE = 0.6
HEADER_SPACE = 14.0  # at least this much between two column headers
#: a label column narrower than the layout's by more than this (scene units) is laid out again
LABEL_SLACK = 24.0
#: room left beside the widest label when the columns are laid out (a number one digit longer still fits)
LABEL_PAD = 8.0


class NetworkFitMixin:
    """Sizing of :class:`~.network_view.NetworkView` (uses its ``view``, ``scene``, ``nodes_*``, ``headers``,
    ``_label_w``, ``_xs``, ``hidden_above``, ``more_counts``, ``_fit_key``)."""

    def _columns_x(self, rows: int) -> tuple[float, float, float]:
        """x of the input, hidden and output columns (see :meth:`_layout_x`)."""
        return self._layout_x(rows)[0]

    def _margin(self) -> float:
        """Blank scene units left and right of the picture (less in presentation mode: every pixel counts)."""
        return 8.0 if style.current().presentation else 30.0

    def _layout_x(self, rows: int) -> tuple[tuple[float, float, float], bool]:
        """x of the input, hidden and output columns: 260 apart, closer in a narrow view (so that the words
        and the outputs' numbers stay in sight at a readable scale); and whether the hidden units' values go
        above their nodes (when beside them, between h and the outputs, they would not fit the view)."""
        vp = self.view.viewport().size()
        w2 = getattr(self, "_header_w", {True: [0.0, 0.0, 0.0]})[True]
        if vp.width() < 50 or vp.height() < 50:
            gap = 260.0
            room = 2 * gap
        else:
            scale = max(self.min_scale(), min(vp.height() / (rows * ROW + 3.4 * ROW + 40), 1.6))
            w_in, w_out = self._label_w
            # what stands left of the input nodes and right of the output nodes: the words or the headers
            left = max(w_in + RADIUS + 10, w2[0] - RADIUS)
            right = max(w_out + RADIUS + 10, w2[2] - RADIUS)
            room = vp.width() / scale - left - right - 2 * self._margin() - 16
            least = 80.0 if style.current().presentation else 110.0
            gap = float(min(260.0, max(least, 10.0 * np.floor(room / 20.0))))
        # never so close that the column headers overlap, even on two lines
        space = HEADER_SPACE / 2 if style.current().presentation else HEADER_SPACE
        gap = max(gap, float(np.ceil(w2[1] / 2 + RADIUS + space)))
        # the hidden units' value labels (right of their nodes) stay clear of the output nodes; when that
        # needs more room than the view has, they go above the nodes
        w_hid = max((n.label.boundingRect().width() for n in self.nodes_hid if n.isVisible()), default=0.0)
        beside = float(np.ceil(w_hid + 3 * RADIUS + 8))
        above = beside > max(gap, room / 2) and style.current().presentation
        if above:
            gap = max(gap, float(np.ceil(w_hid / 2 + RADIUS + 2)))
        else:
            gap = max(gap, beside)
        return (0.0, gap, 2 * gap), above

    def _rows_cap(self) -> int:
        """Words per column that fit the view at a readable scale without scrolling, in presentation mode
        (:func:`explorer.app.network.rows_that_fit`); :data:`CAP_WORDS` otherwise (the view scrolls)."""
        vp = self.view.viewport().size()
        if not style.current().presentation or vp.width() < 50 or vp.height() < 50:
            return CAP_WORDS
        # the headers above (two lines) and the margins; the "… n more" line below when not all fit
        s = self.bridge.session
        total = max(s.model.V, s.model.n_out) if s is not None else CAP_WORDS
        reserved = 2.4 * ROW + 40 + 8 + 2 * RADIUS
        return rows_that_fit(vp.height() / self.min_scale(), ROW, reserved, ROW + 12, total)

    def _fit_scene(self, top: float, bottom: float) -> None:
        """The scene rect from the columns' extent (not itemsBoundingRect: that walks every item); the view is
        refitted only when it changes."""
        X_IN, X_HID, X_OUT = self._xs
        widths = [n.label.boundingRect().width() for n in self.nodes_in if n.isVisible()] or [0.0]
        widths_o = [n.label.boundingRect().width() for n in self.nodes_out if n.isVisible()] or [0.0]
        label_w = (max(widths), max(widths_o))
        # the columns are laid out for the widest labels seen: lay out again when a label grows past that, or
        # when all of them shrink by far (a new font, other words), not for a number one digit shorter
        grown = any(a > b + 1.0 for a, b in zip(label_w, self._label_w))
        shrunk = any(a < b - LABEL_SLACK for a, b in zip(label_w, self._label_w))
        if grown or shrunk:
            self._label_w = tuple(w + LABEL_PAD for w in label_w)  # room for a digit more
            rows = max(len(self.shown_in), len(self.shown_out), 1)
            if self._layout_x(rows) != (self._xs, self.hidden_above):
                QTimer.singleShot(0, self, self._on_changed)
        left = X_IN - RADIUS - 6 - max(widths) - 4
        right = max(X_OUT + RADIUS + 6 + max(widths_o) + 4, X_HID + 120)
        h_in, h_out = self.headers[0].boundingRect().width(), self.headers[2].boundingRect().width()
        left, right = min(left, X_IN + RADIUS - h_in), max(right, X_OUT - RADIUS + h_out)
        below = ROW + 20 if any(self.more_counts) else 8.0  # room for the "… N more" markers when shown
        m = self._margin() / 3
        rect = QRectF(
            left - m, top - 2.4 * ROW - 20, right - left + 2 * m, bottom - top + 2.4 * ROW + 20 + below
        )
        # keep the scene rect while the picture fits it and fills most of it: labels changing width from step
        # to step do not refit (and repaint) the whole view
        # (unless the kept rect would scroll where the picture itself fits)
        cur = self._fit_key
        vp, k = self.view.viewport().size(), self.min_scale()
        if (
            cur is None
            or not cur.contains(rect)
            or rect.width() < 0.8 * cur.width()
            or rect.height() < 0.8 * cur.height()
            or (cur.width() * k > vp.width() + 0.5 and rect.width() * k <= vp.width())
            or (cur.height() * k > vp.height() + 0.5 and rect.height() * k <= vp.height())
        ):
            rect = rect.adjusted(-2 * m, 0, 2 * m, 0)
            self._fit_key = rect
            self.scene.setSceneRect(rect)
            self.fit(force=True)

    def fit(self, force: bool = False) -> None:
        """Fit the scene into the view, but never smaller than readable (then scroll)."""
        rect = self.scene.sceneRect()
        vp = self.view.viewport().size()
        if rect.isEmpty() or vp.width() < 10 or vp.height() < 10:
            return
        scale = min(vp.width() / rect.width(), vp.height() / rect.height())
        scale = max(self.min_scale(), min(scale, 1.6))
        self.view.resetTransform()
        self.view.scale(scale, scale)
        # too tall to fit at a readable size: start at the top, where the column headers are
        y = min(rect.center().y(), rect.top() + vp.height() / (2 * scale))
        self.view.centerOn(rect.center().x(), y)
