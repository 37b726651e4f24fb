"""The network: input words (left), hidden units h (middle), output units (right).

The output column shows the full softmax's words, or for hierarchical softmax the inner nodes on the current
target's Huffman path, or for negative sampling the positive word and the negatives. The example's inputs and
targets are highlighted; edges are coloured by the sign of their weight (W for input → hidden, W' for
hidden → output) and drawn wider the larger it is. Hover a node or an edge for its exact numbers.

Beyond ~40 words a column shows the active words and the highest-scoring others (by y for softmax) with an
"… N more" marker; beyond 24 hidden units the largest |h_i|.

The guided walk's highlight (``bridge.highlightChanged``) glows the nodes of the quantity it explains — the
hidden layer for h and EH, the output units for u, y, t, e, EI and E — and, for one vector, its node and
edges: v'_j (``out:<j>``) is the column of W' on the edges hidden → j, v_w (``in:<w>``) the row of W on the
edges w → hidden.

Every item is made once; a redraw sets only what changed (tooltips are made when hovered).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QVBoxLayout,
)

from ...app.format import fmt, full
from ...app.network import CAP_HIDDEN, CAP_WORDS, choose_nodes, lit_by
from ...app.walk import phase_title
from ...engine.model import PHASES
from .. import style
from .base import View
from .mixins import ExportMixin, OnScreenMixin
from .network_fit import HEADER_SPACE, MIN_SCALE, ROW, NetworkFitMixin
from .network_items import RADIUS, EdgeLayer, Node, member
from .palette import GREY, INPUT_C, NEG_SAMPLE_C, OUTPUT_C, SELECTED_C, TEXT, diverging_colors
from .text import InfoLine

X_IN, X_HID, X_OUT = 0.0, 260.0, 520.0
#: walk keys whose quantity lives on the hidden layer / on the output units


class _GraphicsView(QGraphicsView):
    def __init__(self, scene, owner):
        super().__init__(scene)
        self.owner = owner

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.owner.fit(force=True)
        gap = self.owner._columns_x(max(len(self.owner.shown_in), len(self.owner.shown_out), 1))
        if gap != self.owner._xs or self.owner._rows_cap() != self.owner._cap:  # the columns move or
            self.owner._on_changed()  # another number of rows fits


class NetworkView(NetworkFitMixin, OnScreenMixin, ExportMixin, View):
    name = "network"

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.caption = InfoLine()
        lay.addWidget(self.caption)
        self.scene = QGraphicsScene(self)
        self.scene.setBackgroundBrush(QBrush(Qt.white))
        self.scene.setItemIndexMethod(QGraphicsScene.NoIndex)  # items move every step
        self.view = _GraphicsView(self.scene, self)
        self.view.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.view.setDragMode(QGraphicsView.ScrollHandDrag)
        self.view.setOptimizationFlag(QGraphicsView.DontAdjustForAntialiasing, True)
        self.view.viewport().setAttribute(Qt.WA_OpaquePaintEvent, True)  # paints its white background
        # a step changes labels all over the picture: one rect around them paints faster than the region of
        # their many small rects (the cost is per item drawn, not per pixel; a clip of many rects slows both)
        self.view.setViewportUpdateMode(QGraphicsView.BoundingRectViewportUpdate)
        lay.addWidget(self.view, 1)
        self._font_px = None
        self._make_fonts()
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
        for _x in (X_IN, X_HID, X_OUT):
            t = QGraphicsSimpleTextItem()
            t.setFont(self.font)
            t.setBrush(QBrush(GREY))
            self.scene.addItem(t)
            self.more.append(t)
        self.nodes_in: list[Node] = []
        self.nodes_hid: list[Node] = []
        self.nodes_out: list[Node] = []
        bridge.selectedWordChanged.connect(lambda _w: self._on_changed())
        bridge.highlightChanged.connect(lambda _h: self._on_changed())
        # what is shown (for tests and the main window)
        self.shown_in = np.zeros(0, dtype=np.int64)
        self.shown_hidden = np.zeros(0, dtype=np.int64)
        self.shown_out = np.zeros(0, dtype=np.int64)
        self.more_counts = (0, 0, 0)
        #: what the guided walk's highlight lights up (see :meth:`highlight_state`)
        self._hl = {"hidden": False, "inputs": set(), "outputs": set(), "edges_in": set(), "edges_out": set()}
        self._fit_key = None
        self._label_w = (80.0, 160.0)  # widest input / output label (of the last redraw)
        self._xs = (0.0, 260.0, 520.0)
        self._cap = CAP_WORDS  # words per column that fit the view without scrolling
        #: the hidden units' values above their nodes (a narrow view), else beside them
        self.hidden_above = False
        if bridge.session is not None:
            self.rebuild()

    def title(self) -> str:
        return self.tr("Network")

    def _make_fonts(self) -> bool:
        """Word, value and header fonts from the theme's scale (``style.text_font``); True when they changed
        (then every label takes the new font)."""
        px = style.text_px(10)
        if px == self._font_px:
            return False
        self._font_px = px
        self.font = style.text_font(10)
        self.bold = style.text_font(10, bold=True)
        self.header_font = style.text_font(10, italic=True)
        for t in getattr(self, "headers", ()):
            t.setFont(self.header_font)
        for t in getattr(self, "more", ()):
            t.setFont(self.font)
        for pool in (getattr(self, n, ()) for n in ("nodes_in", "nodes_hid", "nodes_out")):
            for node in pool:
                node.label.setFont(self.font)
        return True

    def min_scale(self) -> float:
        """The smallest zoom at which the labels are still readable: 0.6 normally; in presentation mode the
        scale that keeps them at ``style.PRESENTATION_MIN_PX`` (the view scrolls rather than shrink more)."""
        if style.current().presentation:
            return style.PRESENTATION_MIN_PX / max(self.font.pixelSize(), 1)
        return MIN_SCALE

    def export_targets(self):
        return [self.view]

    # -- building -----------------------------------------------------------------------------------
    def _pool(self, pool: list, n: int) -> None:
        while len(pool) < n:
            node = Node(self.bridge.select_word)
            node.label.setFont(self.font)
            if pool is self.nodes_in:
                # an input's label is its word, the same step after step: kept as a pixmap, it is not laid out
                # and drawn again on every repaint of the picture (the outputs' and hidden units' numbers
                # change every step: those draw directly)
                node.label.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
            node.setVisible(False)
            node.set_boxed(pool is self.nodes_hid)  # (the outer columns' labels lie on white)
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
        self._header_texts = [
            self.tr("input words x (one-hot)"),
            self.tr("hidden layer h (N = {N})").format(N=N),
            {
                "softmax": self.tr("output y (softmax over V = {V})").format(V=V),
                "hs": self.tr("inner nodes on the Huffman path"),
                "ns": self.tr("positive and negative samples"),
            }[out],
        ]
        fm = QFontMetricsF(self.header_font)
        self._header_w = {
            wrap: [
                max(fm.horizontalAdvance(line) for line in (_two_lines(t) if wrap else t).split("\n"))
                for t in self._header_texts
            ]
            for wrap in (False, True)
        }
        self._fit_key = None

    def highlight_state(self) -> dict:
        """What the walk's highlight lights up now (ids shown in the picture): {"hidden": bool, "inputs",
        "outputs", "edges_in", "edges_out": sets of ids}."""
        return {k: (set(v) if isinstance(v, set) else v) for k, v in self._hl.items()}

    def highlighted_keys(self) -> set[str]:
        return set(self.bridge.highlight)

    # -- drawing ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        if self._make_fonts() or len(self.nodes_hid) < min(s.config.hidden, CAP_HIDDEN):
            self.rebuild()
        rec = s.record
        phase = PHASES.index(s.phase) if rec is not None else -1
        self._cap = self._rows_cap()
        above = 1.8 if self.hidden_above else 1.6  # the hidden units' spacing, in rows
        shown = choose_nodes(s, rec, self._cap, max(2, int(self._cap / above)))
        ins, hid, outs, more = shown.ins, shown.hid, shown.outs, shown.more
        self.shown_in, self.shown_hidden, self.shown_out, self.more_counts = ins, hid, outs, more
        self._pool(self.nodes_in, len(ins))
        self._pool(self.nodes_out, len(outs))
        words = s.model.words
        self._xs, self.hidden_above = self._layout_x(max(len(ins), len(outs), 1))
        ys_in = self._column_y(len(ins))
        spacing = max(len(ins), len(outs), 1) * ROW / max(len(hid), 1)
        ys_h = self._column_y(len(hid), float(min(max(spacing, above * ROW), 3 * ROW)))
        ys_o = self._column_y(len(outs))
        active_in = set(rec.input_ids) if rec is not None else set()
        sel = self.bridge.selected_word
        lit = lit_by(self.bridge.highlight, outs, rec)
        shown_in, shown_out = {int(i) for i in ins}, {int(j) for j in outs}
        self._hl = {
            "hidden": lit.hidden and len(hid) > 0,
            "inputs": lit.inputs & shown_in,
            "outputs": lit.outputs & shown_out,
            "edges_in": lit.edges_in & shown_in,
            "edges_out": lit.edges_out & shown_out,
        }
        self._draw_inputs(rec, ins, ys_in, active_in, sel, words)
        self._draw_hidden(rec, hid, ys_h)
        self._draw_outputs(s, rec, phase, outs, ys_o, sel)
        self._draw_edges(s, ins, hid, outs, (ys_in, ys_h, ys_o), active_in)
        top, bottom = self._draw_headers(ys_in, ys_h, ys_o, more)
        self._caption(s, rec)
        self._fit_scene(top, bottom)

    def _draw_inputs(self, rec, ins, ys_in, active_in, sel, words) -> None:
        """The input nodes: the words of the rows ``ins`` of W, this example's inputs (x = 1) filled."""
        X_IN = self._xs[0]
        for k, node in enumerate(self.nodes_in):
            if k >= len(ins):
                if node.isVisible():
                    node.setVisible(False)
                continue
            i = int(ins[k])
            w = words[i]
            act = i in active_in
            count = rec.inputs.count(w) if act else 0
            glow = i in self._hl["inputs"]
            # most inputs look as they did a step ago (only this step's and the last one's inputs change)
            key = (i, w, act, count, w == sel, float(ys_in[k]), X_IN, self._font_px, glow)
            if key == getattr(node, "_drawn", None) and node.isVisible():
                continue
            node._drawn = key
            node.word = w
            pen = _pen(SELECTED_C if w == sel else (INPUT_C if act else GREY), 2.5 if w == sel else 1.5)
            node.apply(
                (X_IN, ys_in[k]),
                INPUT_C if act else WHITE,
                pen,
                w + (f" \u00d7{count}" if count > 1 else ""),
                self.bold if act else self.font,
                TEXT if act else QColor(90, 90, 90),
                left=True,
            )
            node.tip_fn = lambda w=w, i=i, act=act: (
                self.tr("input word \u201c{w}\u201d (row {i} of W)").format(w=w, i=i)
                + "\n"
                + (self.tr("x = 1: an input of this example") if act else self.tr("x = 0"))
            )
            node.set_glow(glow)
            if not node.isVisible():
                node.setVisible(True)

    def _draw_hidden(self, rec, hid, ys_h) -> None:
        """The hidden nodes: the units ``hid`` of h, coloured and labelled by their value."""
        X_HID = self._xs[1]
        h = rec.h if rec is not None else None
        hmax = float(np.max(np.abs(h))) if h is not None and len(h) else 0.0
        hcol = diverging_colors(h[hid], hmax if hmax > 0 else 1.0) if h is not None else None
        dark = _pen(DARK, 1.2)
        digits, sub = self._digits(), self._sub
        for k, node in enumerate(self.nodes_hid):
            if k >= len(hid):
                if node.isVisible():
                    node.setVisible(False)
                continue
            i = int(hid[k])
            node.word = ""
            if h is not None:
                c = hcol[k]
                hi = float(h[i])
                node.apply(
                    (X_HID, ys_h[k]),
                    QColor(int(c[0]), int(c[1]), int(c[2])),
                    dark,
                    f"h{sub(i)} = {fmt(hi, digits)}",
                    self.font,
                    TEXT,
                    left="above" if self.hidden_above else False,
                )
                node.tip_fn = lambda i=i, hi=hi: f"h_{i} = {full(hi)}"
            else:
                node.apply(
                    (X_HID, ys_h[k]),
                    WHITE,
                    dark,
                    f"h{sub(i)}",
                    self.font,
                    TEXT,
                    left="above" if self.hidden_above else False,
                )
                node.tip_fn = lambda i=i: f"h_{i}"
            node.set_glow(self._hl["hidden"])
            if not node.isVisible():
                node.setVisible(True)

    def _draw_edges(self, s, ins, hid, outs, ys, active_in) -> None:
        """The weights as edges: W from the inputs to h, W' from h to the outputs."""
        W, Wo = s.params.W, s.params.W_out
        words = s.model.words
        ia, hb, seg_in, ha, ob, seg = self._edge_places(ins, hid, outs, ys)
        if len(seg_in):
            w_in = W[ia, hb]
            st_in = member(ia, active_in) if active_in else np.ones(len(ia), bool)
            emph = member(ia, self._hl["edges_in"]) if self._hl["edges_in"] else None
            self.edges_in.set_edges(
                seg_in, w_in, st_in, lambda k: f"W[{words[ia[k]]}, {hb[k]}] = {full(W[ia[k], hb[k]])}", emph
            )
        else:
            self.edges_in.set_edges(np.zeros((0, 4)), np.zeros(0), np.zeros(0, bool))
        if len(seg):
            w_out = Wo[ha, ob]
            label = s.model.out_label
            emph = member(ob, self._hl["edges_out"]) if self._hl["edges_out"] else None
            self.edges_out.set_edges(
                seg,
                w_out,
                np.ones(len(ha), bool),
                lambda k: f"W\u2032[{ha[k]}, {label(int(ob[k]))}] = {full(Wo[ha[k], ob[k]])}",
                emph,
            )
        else:
            self.edges_out.set_edges(np.zeros((0, 4)), np.zeros(0), np.zeros(0, bool))

    def _edge_places(self, ins, hid, outs, ys):
        """(rows of W, its columns, their segments; rows of W', its columns, their segments) of the edges
        between the nodes shown at the columns' ``ys``: made again only when the nodes shown or their places
        change, not every step."""
        key = (ins.tobytes(), hid.tobytes(), outs.tobytes(), self._xs, *(y.tobytes() for y in ys))
        if key == getattr(self, "_places_key", None):
            return self._places
        X_IN, X_HID, X_OUT = self._xs
        ys_in, ys_h, ys_o = ys
        a, b = np.meshgrid(np.arange(len(ins)), np.arange(len(hid)), indexing="ij")
        a, b = a.ravel(), b.ravel()
        seg_in = np.stack(
            [np.full(len(a), X_IN + RADIUS), ys_in[a], np.full(len(a), X_HID - RADIUS), ys_h[b]], 1
        ).reshape(-1, 4)
        ia, hb = ins[a], hid[b]
        a, b = np.meshgrid(np.arange(len(hid)), np.arange(len(outs)), indexing="ij")
        a, b = a.ravel(), b.ravel()
        seg = np.stack(
            [np.full(len(a), X_HID + RADIUS), ys_h[a], np.full(len(a), X_OUT - RADIUS), ys_o[b]], 1
        ).reshape(-1, 4)
        self._places_key, self._places = key, (ia, hb, seg_in, hid[a], outs[b], seg)
        return self._places

    def _draw_headers(self, ys_in, ys_h, ys_o, more) -> tuple[float, float]:
        """The column headers above the nodes and the "… N more" markers below; returns the nodes' top
        and bottom y."""
        X_IN, X_HID, X_OUT = self._xs
        top = min(ys_in[0] if len(ys_in) else 0, ys_h[0] if len(ys_h) else 0, ys_o[0] if len(ys_o) else 0)
        if self.hidden_above and len(ys_h):  # the first hidden unit's value above it
            top = min(top, ys_h[0] - 1.3 * ROW)
        bottom = max(
            ys_in[-1] if len(ys_in) else 0, ys_h[-1] if len(ys_h) else 0, ys_o[-1] if len(ys_o) else 0
        )
        # the outer headers end / start at their column (over the words), the middle one is centred; the
        # middle header wider than its share of the row puts every header on two lines (a narrow view)
        # (also when one-line outer headers, wider than the words under them, would not fit the view)
        w1, (w_in, w_out) = self._header_w[False], self._label_w
        single = max(w_in + 2 * RADIUS, w1[0]) + (X_OUT - X_IN) + max(w_out + RADIUS, w1[2]) + 60
        wrap = (
            X_HID - X_IN < w1[1] / 2 + RADIUS + HEADER_SPACE
            or single * self.min_scale() > self.view.viewport().width()
        )
        for k, (t, x, text) in enumerate(zip(self.headers, (X_IN, X_HID, X_OUT), self._header_texts)):
            text = _two_lines(text) if wrap else text
            if t.text() != text:
                t.setText(text)
            br = t.boundingRect()
            hx = (x + RADIUS - br.width(), x - br.width() / 2, x - RADIUS)[k]
            _move(t, hx, top - 2.4 * ROW - br.height() / 2)
        for t, x, n in zip(self.more, (X_IN, X_HID, X_OUT), more):
            text = self.tr("\u2026 {n} more").format(n=n) if n > 0 else ""
            if t.text() != text:
                t.setText(text)
            br = t.boundingRect()
            _move(t, x - br.width() / 2, bottom + ROW)
        return top, bottom

    # -- the update animation's overlay (explorer/qt/animator.py drives it) ---------------------------
    def animation_frame(self, frame, rec) -> None:
        """Draw the animation ``frame`` for ``rec`` on top (``None``: no overlay)."""
        from ..overlays import NetworkOverlay

        if getattr(self, "_overlay", None) is None:
            self._overlay = NetworkOverlay(self)
            self.scene.addItem(self._overlay)
        self._overlay.show_frame(frame, rec)

    def _draw_outputs(self, s, rec, phase, outs, ys, sel) -> None:
        out = s.config.output
        label = s.model.out_label
        info = {}
        if rec is not None and out != "softmax":
            for c, group in enumerate(rec.terms() or ()):
                for term in group:
                    info.setdefault(term.id, []).append((c, term))
        targets = set(rec.target_ids) if rec is not None else set()
        ymax = max(float(rec.y.max()), 1e-12) if rec is not None and out == "softmax" else 1.0
        grey = _pen(GREY, 1.5)
        sep, digits, lecture = self._sep(), self._digits(), style.current().presentation
        for k, node in enumerate(self.nodes_out):
            if k >= len(outs):
                if node.isVisible():
                    node.setVisible(False)
                continue
            j = int(outs[k])
            name = label(j)
            node.word = name if out != "hs" else ""
            pen = grey
            fill = WHITE
            bold = False
            if rec is None:
                text = name
                node.tip_fn = lambda name=name: name
            elif out == "softmax":
                y = float(rec.y[j])
                text = f"{name}{sep}y = {fmt(y, digits)}"
                node.tip_fn = lambda j=j, name=name: self._softmax_tip(rec, phase, j, name)
                fill = _out_fill(min(1.0, y / ymax))
                if j in targets:
                    pen, bold = _pen(BLACK, 3.0), True
            else:
                terms = info.get(j, [])
                t0 = terms[0][1] if terms else None
                y = t0.y if t0 else 0.0
                if out == "hs":
                    text = f"{name}{sep}\u03c3(u) = {fmt(y, digits)}"
                    if phase >= 1 and t0 and not lecture:  # (a lecture: t in the tree)
                        text += f"   t = {', '.join(sorted({fmt(tm.t) for _, tm in terms}))}"
                    pen, bold = _pen(BLACK, 2.5), True
                else:
                    positive = any(tm.t == 1.0 for _, tm in terms)
                    sign = " (+)" if positive else " (\u2212)"
                    if lecture:  # narrower
                        sign = " +" if positive else " \u2212"
                    text = f"{name}{sign}{sep}\u03c3(u) = {fmt(y, digits)}"
                    pen = _pen(BLACK, 3.0) if positive else _pen(NEG_SAMPLE_C, 2.0)
                    bold = positive
                node.tip_fn = lambda j=j, name=name, terms=terms: self._term_tip(
                    rec, phase, out, j, name, terms
                )
                fill = _out_fill(y)
            if name == sel and out != "hs":
                pen = _pen(SELECTED_C, 2.5)
            node.apply(
                (self._xs[2], ys[k]), fill, pen, text, self.bold if bold else self.font, TEXT, left=False
            )
            node.set_glow(j in self._hl["outputs"])
            if not node.isVisible():
                node.setVisible(True)

    def _softmax_tip(self, rec, phase, j, name) -> str:
        tip = [
            self.tr("output \u201c{w}\u201d (column {j} of W\u2032)").format(w=name, j=j),
            f"u_{name} = {full(rec.u[j])}",
            f"y_{name} = {full(rec.y[j])}",
        ]
        if phase >= 1:
            t = rec.t if rec.t.ndim == 1 else rec.t.sum(axis=0)
            tip.append(f"t_{name} = {full(t[j])}")
            if rec.e.ndim == 1:
                tip.append(f"e_{name} = {full(rec.e[j])}")
            if rec.EI is not None:
                tip.append(f"EI_{name} = {full(rec.EI[j])}")
        return "\n".join(tip)

    def _term_tip(self, rec, phase, out, j, name, terms) -> str:
        lines = [
            self.tr("inner node n{j} (column {j} of W\u2032)").format(j=j)
            if out == "hs"
            else self.tr("output \u201c{w}\u201d (column {j} of W\u2032)").format(w=name, j=j)
        ]
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
        return "\n".join(lines)

    def _caption(self, s, rec) -> None:
        if rec is None:
            text = self.tr("Step 0: no example yet. Edges show the initial weights.")
        else:
            arrow = " \u2192 "
            text = self.tr("Step {k} ({phase}): {i}{a}{t}").format(
                k=rec.step,
                phase=phase_title(s.phase),
                i=" ".join(rec.inputs),
                a=arrow,
                t=" ".join(rec.targets),
            )
        if text != self.caption.text():
            self.caption.setText(text)

    @staticmethod
    def _digits() -> int:
        """Significant digits of the labels' numbers: 3 in presentation mode (narrower labels), else 4."""
        return 3 if style.current().presentation else 4

    @staticmethod
    def _sep() -> str:
        """Between a word and its number in a label."""
        return "  " if style.current().presentation else "   "

    @staticmethod
    def _sub(i: int) -> str:
        return str(i).translate(_SUBSCRIPTS)

    @staticmethod
    def _column_y(n: int, spacing: float = ROW) -> np.ndarray:
        return (np.arange(n) - (n - 1) / 2.0) * spacing


def _two_lines(text: str) -> str:
    """``text`` broken onto two lines: before its parenthesis, else at the space nearest the middle, else
    (Chinese) in the middle."""
    for mark in (" (", "（", "("):
        i = text.find(mark)
        if i > 0:
            return text[:i].rstrip() + "\n" + text[i:].lstrip()
    spaces = [i for i, c in enumerate(text) if c == " "]
    if spaces:
        i = min(spaces, key=lambda k: abs(k - len(text) / 2))
        return text[:i] + "\n" + text[i + 1 :]
    i = (len(text) + 1) // 2
    return text[:i] + "\n" + text[i:] if len(text) > 1 else text


WHITE, DARK, BLACK = QColor(Qt.white), QColor(60, 60, 60), QColor(20, 20, 20)
_SUBSCRIPTS = str.maketrans("0123456789", "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089")
_PENS: dict = {}


def _pen(color: QColor, width: float) -> QPen:
    """A pen of ``color`` and ``width``, made once (the nodes' outlines: a handful of kinds, many nodes)."""
    key = (color.rgba(), width)
    pen = _PENS.get(key)
    if pen is None:
        pen = _PENS[key] = QPen(color, width)
    return pen


def _move(item, x: float, y: float) -> None:
    if item.x() != x or item.y() != y:
        item.setPos(x, y)


_W, _O = WHITE.getRgb()[:3], OUTPUT_C.getRgb()[:3]


def _out_fill(f: float) -> QColor:
    """An output node's fill: white mixed with the output colour by ``f`` (0..1)."""
    f = float(min(max(f, 0.0), 1.0))
    return QColor(
        int(_W[0] + (_O[0] - _W[0]) * f), int(_W[1] + (_O[1] - _W[1]) * f), int(_W[2] + (_O[2] - _W[2]) * f)
    )
