"""W and W' as heat maps on a fixed diverging colour scale, the rows / columns this step changed outlined;
a toggle shows this step's changes Δ instead of the values.

The guided walk's highlight outlines its vectors strongly (orange): ``in:<id>`` / ``out:<id>`` one row,
``in`` / ``out`` (alone) every row this step changed, ``h`` the rows of the example's input words (h is made
of them).

W (V×N) is drawn with one row per input vector v_w. W' (N×V') is drawn transposed — one row per output
vector v'_j (a column of W'; for hierarchical softmax an inner node of the Huffman tree) — so both maps read
word by word from top to bottom.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QCheckBox, QGraphicsItem, QHBoxLayout, QVBoxLayout

from ...app.format import fmt, full
from ...engine import geometry
from ...engine.model import PHASES
from .base import View
from .mixins import DirectRepaint, ExportMixin, OnScreenMixin
from .palette import HIGHLIGHT_EDGE, diverging_cmap, diverging_rgba
from .plots import cache_axes, set_plot_title, set_word_ticks, show_tip, style_plot
from .text import InfoLine
from .word_axis import WordAxis

#: rows named by word up to this many words (beyond, numbered); every row's word is also on hover. Each row
#: is labelled when the row height allows the font in use, else an evenly spread subset (:class:`WordAxis`)
MAX_WORD_TICKS = 5000
MAX_DIM_TICKS = 32


class HeatmapView(OnScreenMixin, ExportMixin, View):
    name = "heatmap"

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        bar = QHBoxLayout()
        self.delta_box = QCheckBox(self.tr("Show this step's \u0394"))
        self.delta_box.setToolTip(
            self.tr(
                "Colour each entry by how much this step changed it (Δ = after − before) instead of its value"
            )
        )
        self.delta_box.toggled.connect(lambda _on: self.refresh())
        self.info = InfoLine()  # a new text every step (in Δ mode) repaints the line only
        self.info.setToolTip(self.tr("Outlined: the vectors this step changed"))
        bar.addWidget(self.delta_box)
        bar.addWidget(self.info, 1)
        lay.addLayout(bar)
        self.glw = pg.GraphicsLayoutWidget()
        self.glw.setBackground("w")
        lay.addWidget(self.glw, 1)

        self.p_in = self.glw.addPlot(row=0, col=0, axisItems=_word_axes())
        self.p_out = self.glw.addPlot(row=0, col=1, axisItems=_word_axes())
        self.cmap = diverging_cmap()
        self.img_in = pg.ImageItem(axisOrder="row-major")
        self.img_out = pg.ImageItem(axisOrder="row-major")
        self.outline_in = pg.PlotCurveItem(pen=pg.mkPen(20, 20, 20, width=2), connect="finite")
        self.outline_out = pg.PlotCurveItem(pen=pg.mkPen(20, 20, 20, width=2), connect="finite")
        self.sel_in = pg.PlotCurveItem(
            pen=pg.mkPen(230, 126, 34, width=2, style=Qt.DashLine), connect="finite"
        )
        #: the numbers each map shows (W, W'ᵀ or this step's Δ) and the colour limit L (levels −L..L)
        self.values_in = self.values_out = None
        self.levels = (-1.0, 1.0)
        # the guided walk's highlighted vectors: wide orange outlines
        self.hl_in = pg.PlotCurveItem(pen=pg.mkPen(HIGHLIGHT_EDGE, width=4), connect="finite")
        self.hl_out = pg.PlotCurveItem(pen=pg.mkPen(HIGHLIGHT_EDGE, width=4), connect="finite")
        #: rows the walk highlights: {"in": ids of W's rows, "out": ids of W'ᵀ's rows}
        self.highlighted = {"in": np.zeros(0, dtype=np.int64), "out": np.zeros(0, dtype=np.int64)}
        for p, img, ol, hl in (
            (self.p_in, self.img_in, self.outline_in, self.hl_in),
            (self.p_out, self.img_out, self.outline_out, self.hl_out),
        ):
            style_plot(p)
            cache_axes(p)
            p.addItem(img)
            p.addItem(ol)
            p.addItem(hl)
            hl.setZValue(20)
            p.invertY(True)
            p.setMenuEnabled(False)
            p.hideButtons()
            p.setMouseEnabled(x=False, y=False)
        self.p_in.addItem(self.sel_in)
        # the maps are given as RGBA colours looked up here (pyqtgraph would rebuild a colour table on every
        # redraw); the colour bar only shows the scale
        self.cbar = pg.ColorBarItem(
            values=(-1, 1), colorMap=self.cmap, interactive=False, width=14, colorMapMenu=False
        )
        self.glw.addItem(self.cbar, row=0, col=2)
        self.cbar.getAxis("right").setTextPen(pg.mkPen(30, 30, 30))
        for side in ("left", "right", "top", "bottom"):  # drawn again only when the colour scale changes
            self.cbar.getAxis(side).setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.glw.scene().sigMouseMoved.connect(self._hover)
        self._direct = DirectRepaint(self.glw)
        self.glw.scene().sigMouseClicked.connect(self._clicked)
        self._limit = None  # value colour limit (fixed; widens only when exceeded)
        self._levels = (-1.0, 1.0)
        self._shape = None
        self._rects = None
        bridge.selectedWordChanged.connect(lambda _w: self._on_changed())
        bridge.highlightChanged.connect(lambda _h: self._draw_highlight())
        if bridge.session is not None:
            self.rebuild()
        # what the user sets here is kept in the application state (a rebuilt window shows it again)
        self.bind_option("delta", self.delta_box)

    def title(self) -> str:
        return self.tr("Weights W and W\u2032")

    def export_targets(self):
        return [self.glw.ci]

    # -- building -----------------------------------------------------------------------------------
    def rebuild(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        m = s.model
        V, N, Vo = m.V, s.config.hidden, m.n_out
        self._words = list(m.words)
        self._out_labels = [m.out_label(j) for j in range(Vo)]
        self._shape = (V, N, Vo)
        self._limit = None
        self._titles()
        for p, labels, n in ((self.p_in, self._words, V), (self.p_out, self._out_labels, Vo)):
            set_word_ticks(p.getAxis("left"), labels, MAX_WORD_TICKS, offset=0.5)
            set_word_ticks(p.getAxis("bottom"), [str(i) for i in range(N)], MAX_DIM_TICKS, offset=0.5)
            p.setLabel("bottom", self.tr("component i"))
            p.setXRange(0, N, padding=0)
            p.setYRange(0, n, padding=0)
            p.setLimits(xMin=0, xMax=N, yMin=0, yMax=n)

    def _titles(self) -> None:
        """The maps' titles (at the theme's text size)."""
        s = self.bridge.session
        if s is None or self._shape is None:
            return
        V, N, Vo = self._shape
        set_plot_title(
            self.p_in,
            self.tr("W ({V}\u00d7{N}): input vectors v_w, one per row").format(V=V, N=N),
            size="10pt",
        )
        if s.config.output == "hs":
            t = self.tr("W\u2032\u1d40 ({V}\u00d7{N}): inner-node vectors v\u2032_n, one per row")
        else:
            t = self.tr("W\u2032\u1d40 ({V}\u00d7{N}): output vectors v\u2032_j, one per row")
        set_plot_title(self.p_out, t.format(V=Vo, N=N), size="10pt")

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._titles()  # presentation mode on or off (the axes follow the tick font themselves)

    # -- drawing ------------------------------------------------------------------------------------
    def _applied(self, rec, s):
        """(W' changes shown, W changes shown) for the current phase."""
        if rec is None:
            return False, False
        k = PHASES.index(s.phase)
        return k >= 2, k >= 3

    def refresh(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        if self._shape != (s.model.V, s.config.hidden, s.model.n_out):
            self.rebuild()
        V, N, Vo = self._shape
        W, Wo = s.params.W, s.params.W_out
        rec = s.record
        out_done, in_done = self._applied(rec, s)
        if self.delta_box.isChecked():
            din = np.zeros((V, N), dtype=np.float32)
            dout = np.zeros((Vo, N), dtype=np.float32)
            if rec is not None:
                if in_done and len(rec.in_ids):
                    din[rec.in_ids] = rec.in_delta
                if out_done and len(rec.out_ids):
                    dout[rec.out_ids] = rec.out_delta
            lim = geometry.symmetric_limit(din, dout)
            self.values_in, self.values_out = din, dout
            levels = (-lim, lim)
            self.info.setText(
                self.tr("Δ of step {k}, scale \u00b1{L}").format(
                    k=rec.step if rec is not None else 0, L=fmt(lim)
                )
            )
        else:
            self._limit = geometry.symmetric_limit(W, Wo, current=self._limit)
            self.values_in, self.values_out = W, Wo.T
            levels = (-self._limit, self._limit)
            self.info.setText(self.tr("colour scale \u00b1{L} (fixed)").format(L=fmt(self._limit)))
        self.levels = levels
        self.img_in.setImage(diverging_rgba(self.values_in, levels[1]), autoLevels=False)
        self.img_out.setImage(diverging_rgba(self.values_out, levels[1]), autoLevels=False)
        if self._rects != (N, V, Vo):  # a new rect re-lays out the plots (and redraws their axes)
            self._rects = (N, V, Vo)
            self.img_in.setRect(0, 0, N, V)
            self.img_out.setRect(0, 0, N, Vo)
        if levels != self._levels:
            self.cbar.setLevels(levels)
            self._levels = levels
        # outlines of the changed vectors
        if rec is not None and in_done:
            self.outline_in.setData(
                *geometry.rect_outlines(geometry.contiguous_runs(rec.in_ids), "rows", (0, N))
            )
        else:
            self.outline_in.setData([], [])
        if rec is not None and out_done:
            self.outline_out.setData(
                *geometry.rect_outlines(geometry.contiguous_runs(rec.out_ids), "rows", (0, N))
            )
        else:
            self.outline_out.setData([], [])
        sel = s.model.vocab.index.get(self.bridge.selected_word)
        if sel is not None:
            x, y = geometry.rect_outlines([[sel, sel + 1]], "rows", (0, N))
            self.sel_in.setData(x, y)
        else:
            self.sel_in.setData([], [])
        self._draw_highlight()

    # -- the guided walk's highlight ------------------------------------------------------------------
    def highlight_rows(self, names, rec) -> dict:
        """{"in": rows of W, "out": rows of W'ᵀ} the walk's keys ``names`` name."""
        out = {"in": set(), "out": set()}
        for n in names:
            kind, _, ident = n.partition(":")
            if kind in out and ident.isdigit():
                out[kind].add(int(ident))
        if rec is not None:
            # "in" / "out" alone: every vector this step changed; with one named ("out:<id>"), just that one
            if "in" in names and not out["in"]:
                out["in"].update(int(i) for i in rec.in_ids)
            if "out" in names and not out["out"]:
                out["out"].update(int(i) for i in rec.out_ids)
            if "h" in names:
                out["in"].update(int(i) for i in rec.input_ids)
        return {k: np.array(sorted(v), dtype=np.int64) for k, v in out.items()}

    def _draw_highlight(self) -> None:
        s = self.bridge.session
        if s is None or self._shape is None:
            return
        V, N, Vo = self._shape
        rows = self.highlight_rows(self.bridge.highlight, s.record)
        rows = {"in": rows["in"][rows["in"] < V], "out": rows["out"][rows["out"] < Vo]}
        self.highlighted = rows
        for key, item in (("in", self.hl_in), ("out", self.hl_out)):
            if len(rows[key]):
                item.setData(*geometry.rect_outlines(geometry.contiguous_runs(rows[key]), "rows", (0, N)))
            elif len(item.getData()[0] if item.getData()[0] is not None else ()):
                item.setData([], [])
        self._direct.repaint()

    # -- interaction --------------------------------------------------------------------------------
    def _cell(self, scene_pos):
        """(which, row, col) under a scene position, or None."""
        if self._shape is None:
            return None
        V, N, Vo = self._shape
        for which, p, n in (("in", self.p_in, V), ("out", self.p_out, Vo)):
            if p.vb.sceneBoundingRect().contains(scene_pos):
                pt = p.vb.mapSceneToView(scene_pos)
                r, c = int(np.floor(pt.y())), int(np.floor(pt.x()))
                if 0 <= r < n and 0 <= c < N:
                    return which, r, c
        return None

    def tip_at(self, which: str, r: int, c: int) -> str:
        s = self.bridge.session
        if s is None:
            return ""
        rec = s.record
        if which == "in":
            word = self._words[r]
            text = self.tr("W[{w}, {i}] (v_{w}, component {i}) = {v}").format(
                w=word, i=c, v=full(s.params.W[r, c])
            )
            ids, delta, shown = (
                (rec.in_ids, rec.in_delta, self._applied(rec, s)[1]) if rec else ((), None, False)
            )
        else:
            word = self._out_labels[r]
            text = self.tr("W\u2032[{i}, {w}] (v\u2032_{w}, component {i}) = {v}").format(
                w=word, i=c, v=full(s.params.W_out[c, r])
            )
            ids, delta, shown = (
                (rec.out_ids, rec.out_delta, self._applied(rec, s)[0]) if rec else ((), None, False)
            )
        if shown:
            hit = np.flatnonzero(np.asarray(ids) == r)
            if len(hit):
                text += "\n" + self.tr("\u0394 this step = {d}").format(d=full(delta[hit[0], c]))
        return text

    def _hover(self, scene_pos) -> None:
        cell = self._cell(scene_pos)
        show_tip(scene_pos, self.tip_at(*cell) if cell else "", self.glw)

    def _clicked(self, ev) -> None:
        cell = self._cell(ev.scenePos())
        if cell and cell[0] == "in":
            self.bridge.select_word(self._words[cell[1]])
            self.refresh()


def _word_axes() -> dict:
    """Word axes for a map: rows named by their words, columns by their components."""
    return {"left": WordAxis("left"), "bottom": WordAxis("bottom")}
