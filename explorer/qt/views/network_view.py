"""The network: input words (left), hidden units h (middle), output units (right).

The output column shows the full softmax's words, or for hierarchical softmax the inner nodes on the current
target's Huffman path, or for negative sampling the positive word and the negatives. The example's inputs and
targets are highlighted; edges are coloured by the sign of their weight (W for input → hidden, W' for
hidden → output) and drawn wider the larger it is. Hover a node or an edge for its exact numbers.

Beyond ~40 words a column shows the active words and the highest-scoring others (by y for softmax) with an
"… N more" marker; beyond 24 hidden units the largest |h_i|.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (QGraphicsEllipseItem, QGraphicsItem, QGraphicsScene, QGraphicsSimpleTextItem,
                               QGraphicsView, QLabel, QVBoxLayout)

from ...engine import geometry
from ...engine.model import PHASES
from .base import View
from .common import (GREY, INPUT_C, NEG_SAMPLE_C, OUTPUT_C, TEXT, ExportMixin, diverging_colors, fmt, full)

CAP_WORDS = 40
CAP_HIDDEN = 24
ROW = 24.0
RADIUS = 8.0
X_IN, X_HID, X_OUT = 0.0, 260.0, 520.0
MIN_SCALE = 0.6


class EdgeLayer(QGraphicsItem):
    """Many weighted line segments drawn in one item: colour by sign, width by magnitude, tip on hover."""

    BINS = 8

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptHoverEvents(True)
        self.setZValue(-1)
        self._rect = QRectF()
        self._groups: list = []
        self.seg = np.zeros((0, 4))
        self.weights = np.zeros(0)
        self.tip = None
        self.antialias = False

    def set_edges(self, seg: np.ndarray, weights: np.ndarray, strong: np.ndarray, tip=None) -> None:
        """``seg`` (k, 4) x0 y0 x1 y1; ``strong`` False draws an edge faint (an input that is not active);
        ``tip(k)`` gives edge k's tooltip (made only on hover)."""
        self.prepareGeometryChange()
        self.seg, self.weights, self.tip = seg, weights, tip
        self._groups = []
        self.antialias = len(seg) <= 150
        if len(seg):
            lim = float(np.max(np.abs(weights))) or 1.0
            mag = np.minimum((np.abs(weights) / lim * self.BINS).astype(int), self.BINS - 1)
            key = (np.sign(weights) >= 0).astype(int) * 2 * self.BINS + strong.astype(int) * self.BINS + mag
            colors = diverging_colors(np.where(weights >= 0, 1.0, -1.0) * (0.35 + 0.65 * (mag + 1) / self.BINS),
                                      1.0)
            for k in np.unique(key):
                idx = np.flatnonzero(key == k)
                m = mag[idx[0]]
                c = colors[idx[0]]
                # opaque colours pre-blended with the white background (alpha blending of wide
                # antialiased lines is slow in the raster engine)
                f = 0.85 if strong[idx[0]] else 0.22
                pen = QPen(QColor(*(int(255 - (255 - float(ch)) * f) for ch in c[:3])))
                pen.setWidthF(0.7 + 2.8 * (m + 1) / self.BINS)
                pen.setCosmetic(True)        # width in pixels: cheap to stroke at any zoom
                pen.setCapStyle(Qt.FlatCap)
                sg = seg[idx]
                xs = np.stack([sg[:, 0], sg[:, 2]], 1).ravel()
                ys = np.stack([sg[:, 1], sg[:, 3]], 1).ravel()
                self._groups.append((pen, pg.arrayToQPath(xs, ys, connect="pairs")))
            x = np.concatenate([seg[:, 0], seg[:, 2]])
            y = np.concatenate([seg[:, 1], seg[:, 3]])
            self._rect = QRectF(float(x.min()) - 4, float(y.min()) - 4,
                                float(x.max() - x.min()) + 8, float(y.max() - y.min()) + 8)
        else:
            self._rect = QRectF()
        self.update()

    def boundingRect(self):
        return self._rect

    def paint(self, painter: QPainter, option, widget=None):
        painter.setRenderHint(QPainter.Antialiasing, self.antialias)
        painter.setBrush(Qt.NoBrush)
        for pen, path in self._groups:
            painter.setPen(pen)
            painter.drawPath(path)

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


class Label(QGraphicsSimpleTextItem):
    """Text on a translucent white box, readable over edges."""

    def paint(self, painter, option, widget=None):
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(255, 255, 255, 215))
        painter.drawRoundedRect(self.boundingRect().adjusted(-2, 0, 2, 0), 3, 3)
        super().paint(painter, option, widget)


class Node(QGraphicsEllipseItem):
    """A neuron: a circle with a label; a click selects its word."""

    def __init__(self, on_click=None):
        super().__init__(-RADIUS, -RADIUS, 2 * RADIUS, 2 * RADIUS)
        self.label = Label(self)
        self.word = ""
        self.on_click = on_click
        self.setZValue(2)
        self.setAcceptHoverEvents(True)

    def mousePressEvent(self, event):
        if self.on_click and self.word:
            self.on_click(self.word)
        event.accept()


class _GraphicsView(QGraphicsView):
    def __init__(self, scene, owner):
        super().__init__(scene)
        self.owner = owner

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.owner.fit()


class NetworkView(ExportMixin, View):
    name = "network"

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        lay.addWidget(self.caption)
        self.scene = QGraphicsScene(self)
        self.scene.setBackgroundBrush(QBrush(Qt.white))
        self.view = _GraphicsView(self.scene, self)
        self.view.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.view.setDragMode(QGraphicsView.ScrollHandDrag)
        lay.addWidget(self.view, 1)
        self.font = QFont()
        self.font.setPointSize(10)
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self.header_font = QFont(self.font)
        self.header_font.setPointSize(10)
        self.header_font.setItalic(True)
        self.edges_in = EdgeLayer()
        self.edges_out = EdgeLayer()
        self.scene.addItem(self.edges_in)
        self.scene.addItem(self.edges_out)
        self.headers = []
        for x in (X_IN, X_HID, X_OUT):
            t = QGraphicsSimpleTextItem()
            t.setFont(self.header_font)
            t.setBrush(QBrush(TEXT))
            t.setData(0, x)
            self.scene.addItem(t)
            self.headers.append(t)
        self.more = []
        for x in (X_IN, X_HID, X_OUT):
            t = QGraphicsSimpleTextItem()
            t.setFont(self.font)
            t.setBrush(QBrush(GREY))
            self.scene.addItem(t)
            self.more.append(t)
        self.nodes_in: list[Node] = []
        self.nodes_hid: list[Node] = []
        self.nodes_out: list[Node] = []
        bridge.selectedWordChanged.connect(lambda _w: self._on_changed())
        # what is shown (for tests and the main window)
        self.shown_in = np.zeros(0, dtype=np.int64)
        self.shown_hidden = np.zeros(0, dtype=np.int64)
        self.shown_out = np.zeros(0, dtype=np.int64)
        self.more_counts = (0, 0, 0)
        if bridge.session is not None:
            self.rebuild()

    def title(self) -> str:
        return self.tr("Network")

    def export_targets(self):
        return [self.view]

    # -- building -----------------------------------------------------------------------------------
    def _pool(self, pool: list, n: int) -> None:
        while len(pool) < n:
            node = Node(self.bridge.select_word)
            node.label.setFont(self.font)
            self.scene.addItem(node)
            pool.append(node)

    def rebuild(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        V, N = s.model.V, s.config.hidden
        self._pool(self.nodes_in, min(V, CAP_WORDS) + 8)
        self._pool(self.nodes_hid, min(N, CAP_HIDDEN))
        self._pool(self.nodes_out, min(s.model.n_out, CAP_WORDS) + 8)
        out = s.config.output
        self.headers[0].setText(self.tr("input words x (one-hot)"))
        self.headers[1].setText(self.tr("hidden layer h (N = {N})").format(N=N))
        self.headers[2].setText({"softmax": self.tr("output y (softmax over V = {V})").format(V=V),
                                 "hs": self.tr("inner nodes on the Huffman path"),
                                 "ns": self.tr("positive and negative samples")}[out])

    # -- what to show -------------------------------------------------------------------------------
    def _choose(self, s, rec):
        V, N = s.model.V, s.config.hidden
        active_in = sorted(set(rec.input_ids)) if rec is not None else []
        ins, more_in = geometry.select_shown(V, CAP_WORDS, active_in)
        if rec is not None:
            hid = geometry.top_by_magnitude(rec.h, CAP_HIDDEN)
        else:
            hid = np.arange(min(N, CAP_HIDDEN))
        more_h = N - len(hid)
        out = s.config.output
        if out == "softmax":
            act = sorted(set(rec.target_ids)) if rec is not None else []
            outs, more_o = geometry.select_shown(V, CAP_WORDS, act, rec.y if rec is not None else None)
        else:
            terms = rec.terms() if rec is not None else None
            if terms:
                seen = []
                for group in terms:
                    for term in group:
                        if term.id not in seen:
                            seen.append(term.id)
                outs = np.array(seen[:CAP_WORDS], dtype=np.int64)
                more_o = len(seen) - len(outs)
            elif out == "hs":
                n = s.model.n_out
                outs = np.arange(n - 1, max(-1, n - 1 - CAP_WORDS), -1)
                more_o = n - len(outs)
            else:
                outs, more_o = geometry.select_shown(V, CAP_WORDS)
        return np.asarray(ins), np.asarray(hid), np.asarray(outs), (more_in, more_h, more_o)

    # -- drawing ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        if len(self.nodes_hid) < min(s.config.hidden, CAP_HIDDEN):
            self.rebuild()
        rec = s.record
        phase = PHASES.index(s.phase) if rec is not None else -1
        ins, hid, outs, more = self._choose(s, rec)
        self.shown_in, self.shown_hidden, self.shown_out, self.more_counts = ins, hid, outs, more
        self._pool(self.nodes_in, len(ins))
        self._pool(self.nodes_out, len(outs))
        W, Wo = s.params.W, s.params.W_out
        words = s.model.words
        ys_in = self._column_y(len(ins))
        spacing = max(len(ins), len(outs), 1) * ROW / max(len(hid), 1)
        ys_h = self._column_y(len(hid), float(min(max(spacing, 1.6 * ROW), 3 * ROW)))
        ys_o = self._column_y(len(outs))
        active_in = set(rec.input_ids) if rec is not None else set()
        sel = self.bridge.selected_word

        # input nodes
        for k, node in enumerate(self.nodes_in):
            if k >= len(ins):
                node.setVisible(False)
                continue
            i = int(ins[k])
            w = words[i]
            act = i in active_in
            node.word = w
            node.setPos(X_IN, ys_in[k])
            node.setBrush(QBrush(INPUT_C if act else Qt.white))
            node.setPen(QPen(QColor(230, 30, 30) if w == sel else (INPUT_C if act else GREY), 2.5 if w == sel else 1.5))
            count = rec.inputs.count(w) if act else 0
            node.label.setText(w + (f" \u00d7{count}" if count > 1 else ""))
            _set_font(node.label, self.bold if act else self.font)
            node.label.setBrush(QBrush(TEXT if act else QColor(90, 90, 90)))
            br = node.label.boundingRect()
            node.label.setPos(-RADIUS - 6 - br.width(), -br.height() / 2)
            tip = self.tr("input word \u201c{w}\u201d (row {i} of W)").format(w=w, i=i)
            tip += "\n" + (self.tr("x = 1: an input of this example") if act else self.tr("x = 0"))
            node.setToolTip(tip)
            node.setVisible(True)

        # hidden nodes
        h = rec.h if rec is not None else None
        hlim = float(np.max(np.abs(h))) if h is not None and len(h) and np.max(np.abs(h)) > 0 else 1.0
        hcol = diverging_colors(h[hid], hlim) if h is not None else None
        for k, node in enumerate(self.nodes_hid):
            if k >= len(hid):
                node.setVisible(False)
                continue
            i = int(hid[k])
            node.word = ""
            node.setPos(X_HID, ys_h[k])
            if h is not None:
                c = hcol[k]
                node.setBrush(QBrush(QColor(int(c[0]), int(c[1]), int(c[2]))))
                node.label.setText(f"h{self._sub(i)} = {fmt(h[i])}")
                node.setToolTip(f"h_{i} = {full(h[i])}")
            else:
                node.setBrush(QBrush(Qt.white))
                node.label.setText(f"h{self._sub(i)}")
                node.setToolTip(f"h_{i}")
            node.setPen(QPen(QColor(60, 60, 60), 1.2))
            br = node.label.boundingRect()
            node.label.setPos(RADIUS + 5, -br.height() / 2)
            node.setVisible(True)

        # output nodes
        self._draw_outputs(s, rec, phase, outs, ys_o, sel)

        # edges
        if len(ins) and len(hid):
            a, b = np.meshgrid(np.arange(len(ins)), np.arange(len(hid)), indexing="ij")
            a, b = a.ravel(), b.ravel()
            w_in = W[ins[a], hid[b]]
            seg_in = np.stack([np.full(len(a), X_IN + RADIUS), ys_in[a], np.full(len(a), X_HID - RADIUS), ys_h[b]], 1)
            st_in = np.isin(ins[a], list(active_in)) if active_in else np.ones(len(a), bool)
            ia, hb = ins[a], hid[b]
            self.edges_in.set_edges(seg_in, w_in, st_in,
                                    lambda k: f"W[{words[ia[k]]}, {hb[k]}] = {full(W[ia[k], hb[k]])}")
        else:
            self.edges_in.set_edges(np.zeros((0, 4)), np.zeros(0), np.zeros(0, bool))
        if len(outs) and len(hid):
            a, b = np.meshgrid(np.arange(len(hid)), np.arange(len(outs)), indexing="ij")
            a, b = a.ravel(), b.ravel()
            w_out = Wo[hid[a], outs[b]]
            seg = np.stack([np.full(len(a), X_HID + RADIUS), ys_h[a], np.full(len(a), X_OUT - RADIUS), ys_o[b]], 1)
            label = s.model.out_label
            ha, ob = hid[a], outs[b]
            self.edges_out.set_edges(seg, w_out, np.ones(len(a), bool),
                                     lambda k: f"W\u2032[{ha[k]}, {label(int(ob[k]))}] = {full(Wo[ha[k], ob[k]])}")
        else:
            self.edges_out.set_edges(np.zeros((0, 4)), np.zeros(0), np.zeros(0, bool))

        # headers, "… N more", caption
        top = min(ys_in[0] if len(ys_in) else 0, ys_h[0] if len(ys_h) else 0, ys_o[0] if len(ys_o) else 0)
        bottom = max(ys_in[-1] if len(ys_in) else 0, ys_h[-1] if len(ys_h) else 0, ys_o[-1] if len(ys_o) else 0)
        for t, x in zip(self.headers, (X_IN, X_HID, X_OUT)):
            br = t.boundingRect()
            t.setPos(x - br.width() / 2, top - 2.4 * ROW - br.height() / 2)
        for t, x, n in zip(self.more, (X_IN, X_HID, X_OUT), more):
            t.setText(self.tr("\u2026 {n} more").format(n=n) if n > 0 else "")
            br = t.boundingRect()
            t.setPos(x - br.width() / 2, bottom + ROW)
        self._caption(s, rec)
        self.scene.setSceneRect(self.scene.itemsBoundingRect().adjusted(-10, -10, 10, 10))
        self.fit()

    def _draw_outputs(self, s, rec, phase, outs, ys, sel) -> None:
        out = s.config.output
        label = s.model.out_label
        info = {}
        if rec is not None and out != "softmax":
            for c, group in enumerate(rec.terms() or ()):
                for term in group:
                    info.setdefault(term.id, []).append((c, term))
        targets = set(rec.target_ids) if rec is not None else set()
        for k, node in enumerate(self.nodes_out):
            if k >= len(outs):
                node.setVisible(False)
                continue
            j = int(outs[k])
            name = label(j)
            node.word = name if out != "hs" else ""
            node.setPos(X_OUT, ys[k])
            pen = QPen(GREY, 1.5)
            fill = QColor(Qt.white)
            bold = False
            if rec is None:
                text, tip = name, name
            elif out == "softmax":
                y = float(rec.y[j])
                text = f"{name}   y = {fmt(y)}"
                tip = [self.tr("output \u201c{w}\u201d (column {j} of W\u2032)").format(w=name, j=j),
                       f"u_{name} = {full(rec.u[j])}", f"y_{name} = {full(y)}"]
                if phase >= 1:
                    t = rec.t if rec.t.ndim == 1 else rec.t.sum(axis=0)
                    e = rec.e if rec.e.ndim == 1 else None
                    tip.append(f"t_{name} = {full(t[j])}")
                    if e is not None:
                        tip.append(f"e_{name} = {full(e[j])}")
                    if rec.EI is not None:
                        tip.append(f"EI_{name} = {full(rec.EI[j])}")
                tip = "\n".join(tip)
                fill = _mix(QColor(Qt.white), OUTPUT_C, min(1.0, y / max(float(rec.y.max()), 1e-12)))
                if j in targets:
                    pen, bold = QPen(QColor(20, 20, 20), 3.0), True
            else:
                terms = info.get(j, [])
                t0 = terms[0][1] if terms else None
                y = t0.y if t0 else 0.0
                if out == "hs":
                    text = f"{name}   \u03c3(u) = {fmt(y)}"
                    if phase >= 1 and t0:
                        text += f"   t = {', '.join(sorted({fmt(tm.t) for _, tm in terms}))}"
                    pen, bold = QPen(QColor(20, 20, 20), 2.5), True
                else:
                    pos = any(tm.t == 1.0 for _, tm in terms)
                    sign = " (+)" if pos else " (\u2212)"
                    text = f"{name}{sign}   \u03c3(u) = {fmt(y)}"
                    pen = QPen(QColor(20, 20, 20), 3.0) if pos else QPen(NEG_SAMPLE_C, 2.0)
                    bold = pos
                lines = [self.tr("inner node n{j} (column {j} of W\u2032)").format(j=j) if out == "hs"
                         else self.tr("output \u201c{w}\u201d (column {j} of W\u2032)").format(w=name, j=j)]
                for c, tm in terms:
                    tgt = rec.targets[c]
                    parts = [f"u = {full(tm.u)}", f"\u03c3(u) = {full(tm.y)}"]
                    if phase >= 1:
                        parts += [f"t = {fmt(tm.t)}", f"e = {full(tm.e)}"]
                    if out == "hs":
                        parts.insert(0, self.tr("code {b}").format(b=tm.code))
                    if tm.skipped:
                        parts.append(self.tr("skipped (as word2vec.c)"))
                    lines.append(self.tr("target \u201c{w}\u201d: ").format(w=tgt) + ", ".join(parts))
                tip = "\n".join(lines)
                fill = _mix(QColor(Qt.white), OUTPUT_C, y)
            if name == sel and out != "hs":
                pen = QPen(QColor(230, 30, 30), 2.5)
            node.setPen(pen)
            node.setBrush(QBrush(fill))
            node.label.setText(text)
            _set_font(node.label, self.bold if bold else self.font)
            node.label.setBrush(QBrush(TEXT))
            br = node.label.boundingRect()
            node.label.setPos(RADIUS + 6, -br.height() / 2)
            node.setToolTip(tip)
            node.setVisible(True)

    def _caption(self, s, rec) -> None:
        if rec is None:
            self.caption.setText(self.tr("Step 0: no example yet. Edges show the initial weights."))
            return
        arrow = " \u2192 "
        self.caption.setText(self.tr("Step {k} ({phase}): {i}{a}{t}").format(
            k=rec.step, phase=self.tr(s.phase), i=" ".join(rec.inputs), a=arrow, t=" ".join(rec.targets)))

    @staticmethod
    def _sub(i: int) -> str:
        return str(i).translate(str.maketrans("0123456789", "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089"))

    @staticmethod
    def _column_y(n: int, spacing: float = ROW) -> np.ndarray:
        return (np.arange(n) - (n - 1) / 2.0) * spacing

    def fit(self) -> None:
        """Fit the scene into the view, but never smaller than readable (then scroll)."""
        rect = self.scene.sceneRect()
        vp = self.view.viewport().size()
        if rect.isEmpty() or vp.width() < 10 or vp.height() < 10:
            return
        scale = min(vp.width() / rect.width(), vp.height() / rect.height())
        scale = max(MIN_SCALE, min(scale, 1.6))
        self.view.resetTransform()
        self.view.scale(scale, scale)
        self.view.centerOn(rect.center())


def _mix(a: QColor, b: QColor, f: float) -> QColor:
    f = float(min(max(f, 0.0), 1.0))
    return QColor(int(a.red() + (b.red() - a.red()) * f), int(a.green() + (b.green() - a.green()) * f),
                  int(a.blue() + (b.blue() - a.blue()) * f))


def _set_font(item, font) -> None:
    if item.font() != font:
        item.setFont(font)
