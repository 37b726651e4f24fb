"""The inspector: every quantity of the current example, as small charts and as exact numbers.

Top: the example in words and its step, epoch, η and loss E. Middle: one chart per quantity — h, u, y, t,
e (EI for several output panels), the change of the output vectors Δv'_j, EH and the change of the input
vectors Δv_I — bars for vectors, heat strips for matrices. For hierarchical softmax and negative sampling
u, y = σ(u), t and e are drawn per term (the nodes of each target's path, or the positive word and the
negatives). Bottom: tables with every number (4 significant digits; full precision in the tooltip).

What is shown follows the session's phase: forward shows h, u, y; error adds t, e, EI and E; output update
adds Δv'_j; input update adds EH and Δv_I. Quantities of later phases are greyed out until reached.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout

from ...engine import geometry
from ...engine.model import PHASES
from .base import View
from .common import (MINUS, ArrayTableModel, ExportMixin, diverging_cmap, fmt, fmt_vec, full, full_vec,
                     set_word_ticks, show_tip, style_plot, table_view)

MAX_BAR_LABELS = 60
_E1, _E0 = np.zeros(1), np.zeros(0)   # an empty step curve (edges have one more entry than values)
GRID_COLUMNS = 3


class Panel:
    """One quantity: a small plot with bars (vector) or a heat strip (matrix)."""

    POS = pg.mkBrush(178, 24, 43, 220)
    NEG = pg.mkBrush(33, 102, 172, 220)

    def __init__(self, plot: pg.PlotItem, key: str, title: str, phase: int, symbol: str, single=None):
        self.plot, self.key, self.title, self.phase, self.symbol = plot, key, title, phase, symbol
        style_plot(plot)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        # no grid: a grid makes the axis repaint with the whole plot on every step (slow)
        plot.getAxis("left").setWidth(58)
        self.single = pg.mkBrush(single) if single is not None else None
        # bars as filled step curves (one path each: much faster to draw than one rectangle per bar)
        self.pos = pg.PlotCurveItem(x=_E1, y=_E0, stepMode="center", fillLevel=0, brush=self.single or self.POS, pen=None)
        self.neg = pg.PlotCurveItem(x=_E1, y=_E0, stepMode="center", fillLevel=0, brush=self.NEG, pen=None)
        self.mark = pg.PlotCurveItem(x=_E1, y=_E0, stepMode="center", pen=pg.mkPen(20, 20, 20, width=1.5))
        self.img = pg.ImageItem(axisOrder="row-major")
        self.img.setColorMap(diverging_cmap())
        for it in (self.pos, self.neg, self.mark, self.img):
            plot.addItem(it)
        self.zero = pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(120, 120, 120, width=1))
        plot.addItem(self.zero, ignoreBounds=True)
        self.values = None
        self.labels: list[str] = []
        self.row_labels: list[str] = []
        self.available = False
        self.highlighted = False
        self._label_key = None
        self._set_title(False)

    def _set_title(self, available: bool, note: str = "") -> None:
        color = "#1e1e1e" if available else "#a0a0a0"
        bg = " style='background-color:#ffe89a'" if self.highlighted else ""
        text = f"<span{bg}>{self.title}</span>"
        if note:
            text += f" <span style='color:#a0a0a0'>{note}</span>"
        self.plot.setTitle(text, color=color, size="9pt")

    def clear(self, note: str = "") -> None:
        self.values = None
        self.available = False
        for it in (self.pos, self.neg, self.mark):
            it.setData(_E1, _E0)
        self.img.clear()
        self.img.setVisible(False)
        self._set_title(False, note)

    def _ticks(self, axis: str, labels, offset: float) -> None:
        key = (axis, tuple(labels), offset)
        if key != self._label_key:
            set_word_ticks(self.plot.getAxis(axis), list(labels), MAX_BAR_LABELS, offset)
            self._label_key = key

    def set_bars(self, values, labels, marks=()) -> None:
        v = np.asarray(values, dtype=np.float64)
        self.values, self.labels, self.available = v, list(labels), True
        n = len(v)
        # bar j spans j−0.4 .. j+0.4: step edges with a zero-height gap between bars
        edges = np.stack([np.arange(n) - 0.4, np.arange(n) + 0.4], 1).ravel() if n else _E1
        self.img.setVisible(False)
        self.zero.setVisible(True)

        def bars(h):
            return np.stack([h, np.zeros(n)], 1).ravel()[:-1] if n else _E0

        if self.single is not None:
            self.pos.setData(edges, bars(v))
            self.neg.setData(_E1, _E0)
        else:
            self.pos.setData(edges, bars(np.where(v >= 0, v, 0.0)))
            self.neg.setData(edges, bars(np.where(v < 0, v, 0.0)))
        marks = np.asarray(list(marks), dtype=np.int64)
        if len(marks):
            hm = np.zeros(n)
            hm[marks] = v[marks]
            self.mark.setData(edges, bars(hm))
        else:
            self.mark.setData(_E1, _E0)
        self.plot.getAxis("left").setTicks(None)
        self._ticks("bottom", self.labels, 0.0)
        lo, hi = float(min(0.0, v.min(initial=0.0))), float(max(0.0, v.max(initial=0.0)))
        if hi - lo == 0:
            hi = 1.0
        self.plot.setXRange(-0.6, max(len(v), 1) - 0.4, padding=0)
        self.plot.setYRange(lo, hi, padding=0.08)
        self._set_title(True)

    def set_matrix(self, M, row_labels, col_labels) -> None:
        M = np.asarray(M, dtype=np.float64)
        if M.ndim == 1:
            M = M[None, :]
        self.values, self.row_labels, self.labels, self.available = M, list(row_labels), list(col_labels), True
        for it in (self.pos, self.neg, self.mark):
            it.setData(_E1, _E0)
        self.zero.setVisible(False)
        lim = geometry.symmetric_limit(M)
        self.img.setImage(M.astype(np.float32), levels=(-lim, lim), autoLevels=False)
        self.img.setRect(0, 0, M.shape[1], M.shape[0])
        self.img.setVisible(True)
        self._ticks("bottom", self.labels, 0.5)
        set_word_ticks(self.plot.getAxis("left"), self.row_labels, MAX_BAR_LABELS, 0.5)
        self.plot.invertY(True)
        self.plot.setXRange(0, max(M.shape[1], 1), padding=0)
        self.plot.setYRange(0, max(M.shape[0], 1), padding=0)
        self._set_title(True, f"(\u00b1{fmt(lim)})")

    def set_highlight(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self._set_title(self.available)

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
                return f"{self.symbol}[{self.labels[j]}] = {full(self.values[j])}"
            return ""
        r, c = int(np.floor(pt.y())), int(np.floor(pt.x()))
        if 0 <= r < self.values.shape[0] and 0 <= c < self.values.shape[1]:
            return f"{self.symbol}[{self.row_labels[r]}, {self.labels[c]}] = {full(self.values[r, c])}"
        return ""


class InspectorView(ExportMixin, View):
    name = "inspector"

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.header = QLabel()
        self.header.setTextFormat(Qt.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextSelectableByMouse)
        f = self.header.font()
        f.setPointSize(f.pointSize() + 1)
        self.header.setFont(f)
        lay.addWidget(self.header)
        self.split = QSplitter(Qt.Vertical)
        lay.addWidget(self.split, 1)
        self.glw = pg.GraphicsLayoutWidget()
        self.glw.setBackground("w")
        self.glw.scene().sigMouseMoved.connect(self._hover)
        self.split.addWidget(self.glw)
        self.tabs = QTabWidget()
        self.split.addWidget(self.tabs)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.summary = ArrayTableModel(self)
        self.outputs = ArrayTableModel(self)
        self.hidden = ArrayTableModel(self)
        self.vectors = ArrayTableModel(self)
        self.tables = {}
        for key, model, label, tip in (
                ("summary", self.summary, self.tr("Summary"), self.tr("The example, η and the loss E")),
                ("outputs", self.outputs, self.tr("Output units"), self.tr("u, y, t, e of every output unit")),
                ("hidden", self.hidden, self.tr("Hidden units"), self.tr("h and EH, one row per component")),
                ("vectors", self.vectors, self.tr("Changed vectors"),
                 self.tr("Every vector this step changed: before, Δ, after"))):
            t = table_view(model)
            self.tables[key] = t
            i = self.tabs.addTab(t, label)
            self.tabs.setTabToolTip(i, tip)
        self.panels: dict[str, Panel] = {}
        self._config_key = None
        bridge.highlightChanged.connect(self._apply_highlight)
        if bridge.session is not None:
            self.rebuild()

    def title(self) -> str:
        return self.tr("Inspector")

    def export_targets(self):
        return [self]

    # -- building -----------------------------------------------------------------------------------
    def _panel_specs(self, s):
        out, arch, mode = s.config.output, s.config.arch, s.config.mode
        sg = arch == "skipgram" and out == "softmax"
        err = "EI_j" if sg else "e_j"
        specs = [("h", "h", 0, "h", None)]
        if out == "softmax":
            specs += [("u", "u<sub>j</sub> = v\u2032<sub>j</sub><sup>T</sup>h", 0, "u", None),
                      ("y", "y<sub>j</sub> = exp(u<sub>j</sub>) / \u03a3 exp(u<sub>j\u2032</sub>)", 0, "y",
                       (230, 126, 34, 220)),
                      ("t", "t<sub>j</sub> (target)", 1, "t", (120, 120, 120, 220)),
                      ("e", "e<sub>j</sub> = y<sub>j</sub> \u2212 t<sub>j</sub>", 1, "e", None)]
            if sg:
                specs.append(("EI", "EI<sub>j</sub> = \u03a3<sub>c</sub> e<sub>c,j</sub>", 1, "EI", None))
        else:
            node = "v\u2032<sub>n</sub>" if out == "hs" else "v\u2032<sub>j</sub>"
            specs += [("u", f"u = {node}<sup>T</sup>h (per term)", 0, "u", None),
                      ("y", "\u03c3(u)", 0, "\u03c3(u)", (230, 126, 34, 220)),
                      ("t", "t = 1 \u2212 code" if out == "hs" else "t (1: positive, 0: negative)", 1, "t",
                       (120, 120, 120, 220)),
                      ("e", "e = \u03c3(u) \u2212 t", 1, "e", None)]
            err = "e_j"
        share = "(\u03b7/C)\u00b7EH" if (arch == "cbow" and mode == "paper") else "\u03b7\u00b7EH"
        specs += [("out", f"\u0394v\u2032<sub>j</sub> = \u2212\u03b7\u00b7{err.replace('_j', '<sub>j</sub>')}\u00b7h",
                   2, "\u0394v\u2032", None),
                  ("EH", "EH = \u03a3<sub>j</sub> e<sub>j</sub> v\u2032<sub>j</sub>", 3, "EH", None),
                  ("in", f"\u0394v<sub>I</sub> = \u2212{share}", 3, "\u0394v", None)]
        return specs

    def rebuild(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        self._config_key = (s.config.output, s.config.arch, s.config.mode, s.model.V, s.config.hidden)
        self.glw.clear()
        self.panels = {}
        for k, (key, title, phase, symbol, single) in enumerate(self._panel_specs(s)):
            plot = self.glw.addPlot(row=k // GRID_COLUMNS, col=k % GRID_COLUMNS)
            self.panels[key] = Panel(plot, key, title, phase, symbol, single)
        self._apply_highlight(self.bridge.highlight)

    # -- drawing ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        if self._config_key != (s.config.output, s.config.arch, s.config.mode, s.model.V, s.config.hidden):
            self.rebuild()
        rec = s.record
        phase = PHASES.index(s.phase) if rec is not None else -1
        self._header(s, rec)
        if rec is None:
            for p in self.panels.values():
                p.clear(self.tr("(no example yet)"))
        else:
            self._charts(s, rec, phase)
        self._tables(s, rec, phase)

    def _header(self, s, rec) -> None:
        if rec is None:
            self.header.setText(self.tr("<b>Step 0</b>: no example yet \u2014 take a step to see one."))
            self.header.setToolTip("")
            return
        loss = fmt(rec.loss) if PHASES.index(s.phase) >= 1 else "\u2014"
        ph = self.tr(s.phase)
        self.header.setText(
            self.tr("<b>{ins} \u2192 {tgts}</b> &nbsp; step {k} \u00b7 epoch {ep} \u00b7 \u03b7 = {lr} \u00b7 "
                    "E = {E} &nbsp; <i>phase: {ph}</i>").format(
                ins=" ".join(rec.inputs), tgts=" ".join(rec.targets), k=rec.step, ep=rec.epoch + 1,
                lr=fmt(rec.lr), E=loss, ph=ph))
        self.header.setToolTip(f"\u03b7 = {full(rec.lr)}\nE = {full(rec.loss)}")

    def _terms(self, rec):
        """Flattened hs/ns terms with their labels and the index of each target's group."""
        terms, labels = [], []
        groups = rec.terms() or ()
        multi = len(groups) > 1
        for c, group in enumerate(groups):
            for tm in group:
                if rec.output == "ns":
                    name = tm.word + ("+" if tm.t == 1.0 else MINUS)
                else:
                    name = tm.word
                labels.append(f"{rec.targets[c]}:{name}" if multi else name)
                terms.append(tm)
        return terms, labels

    def _charts(self, s, rec, phase) -> None:
        P = self.panels
        words = s.model.words
        N = len(rec.h)
        dims = [str(i) for i in range(N)]
        later = {1: self.tr("(after the error phase)"), 2: self.tr("(after the output update)"),
                 3: self.tr("(after the input update)")}
        for key, p in P.items():
            if p.phase > phase:
                p.clear(later[p.phase])
        P["h"].set_bars(rec.h, dims)
        if rec.output == "softmax":
            marks = sorted(set(rec.target_ids))
            P["u"].set_bars(rec.u, words, marks)
            P["y"].set_bars(rec.y, words, marks)
            if phase >= 1:
                for key, arr in (("t", rec.t), ("e", rec.e)):
                    if arr.ndim == 1:
                        P[key].set_bars(arr, words, marks)
                    else:
                        P[key].set_matrix(arr, list(rec.targets), words)
                if "EI" in P and rec.EI is not None:
                    P["EI"].set_bars(rec.EI, words, marks)
        else:
            terms, labels = self._terms(rec)
            pos = [i for i, tm in enumerate(terms) if tm.t == 1.0] if rec.output == "ns" else []
            P["u"].set_bars([tm.u for tm in terms], labels, pos)
            P["y"].set_bars([tm.y for tm in terms], labels, pos)
            if phase >= 1:
                P["t"].set_bars([tm.t for tm in terms], labels, pos)
                P["e"].set_bars([tm.e for tm in terms], labels, pos)
        if phase >= 2:
            P["out"].set_matrix(rec.out_delta, list(rec.out_words), dims)
        if phase >= 3:
            P["EH"].set_bars(rec.EH, dims)
            P["in"].set_matrix(rec.in_delta, list(rec.in_words), dims)

    def _tables(self, s, rec, phase) -> None:
        tr = self.tr
        # summary
        names, values, tips = [], [], []

        def row(name, value, tip=None):
            names.append(name)
            values.append(value)
            tips.append(tip)

        if rec is None:
            row(tr("step"), 0)
            row(tr("training-set E"), float(s.epoch_losses.get(0, np.nan)))
            row(tr("\u03b7 (next step)"), float(s.lr))
        else:
            row(tr("step"), rec.step)
            row(tr("epoch"), rec.epoch + 1)
            row(tr("phase"), tr(s.phase))
            row(tr("inputs"), " ".join(rec.inputs))
            row(tr("targets"), " ".join(rec.targets))
            row(tr("C (inputs)"), len(rec.inputs))
            row("\u03b7", float(rec.lr))
            row(tr("E (loss)"), float(rec.loss) if phase >= 1 else tr("(after the error phase)"))
            row("h", fmt_vec(rec.h), full_vec(rec.h))
            if phase >= 3:
                row("EH", fmt_vec(rec.EH), full_vec(rec.EH))
        self.summary.set_columns([tr("quantity"), tr("value")], [names, values],
                                 cell_tips={1: lambda r: tips[r] if tips[r] else
                                            (full(values[r]) if isinstance(values[r], float) else str(values[r]))})
        self._output_table(s, rec, phase)
        self._hidden_table(s, rec, phase)
        self._vector_table(s, rec, phase)

    def _output_table(self, s, rec, phase) -> None:
        tr = self.tr
        if rec is None:
            self.outputs.set_columns([tr("j"), tr("word")], [np.arange(s.model.V), list(s.model.words)])
            return
        grey1 = phase < 1
        if rec.output == "softmax":
            V = len(rec.u)
            tgt = set(rec.target_ids)
            bold = np.zeros(V, dtype=bool)
            bold[list(tgt)] = True
            heads = [tr("j"), tr("word"), "u_j", "y_j"]
            cols = [np.arange(V), list(s.model.words), rec.u, rec.y]
            if rec.t.ndim == 1:
                heads += ["t_j", "e_j"]
                cols += [rec.t, rec.e]
            else:
                heads += ["\u03a3_c t_c,j"]
                cols += [rec.t.sum(axis=0)]
            if rec.EI is not None:
                heads.append("EI_j")
                cols.append(rec.EI)
            grey = [i for i in range(4, len(heads))] if grey1 else []
            tips = ["", "", tr("u_j = v\u2032_j\u1d40h"), tr("y_j = exp(u_j) / \u03a3_j\u2032 exp(u_j\u2032)")]
            tips += [tr("(after the error phase)")] * (len(heads) - 4)
            self.outputs.set_columns(heads, cols, tips, grey=grey, bold=bold)
            return
        terms, labels = self._terms(rec)
        target_of = []
        for c, group in enumerate(rec.terms() or ()):
            target_of += [rec.targets[c]] * len(group)
        hs = rec.output == "hs"
        heads = [tr("target"), tr("node") if hs else tr("word")]
        cols = [target_of, [tm.word for tm in terms]]
        if hs:
            heads.append(tr("code"))
            cols.append([tm.code for tm in terms])
        heads += ["u", "\u03c3(u)", "t", "e", tr("skipped")]
        cols += [np.array([tm.u for tm in terms]), np.array([tm.y for tm in terms]),
                 np.array([tm.t for tm in terms]), np.array([tm.e for tm in terms]),
                 [tr("yes") if tm.skipped else "" for tm in terms]]
        n0 = len(heads) - 5
        grey = [n0 + 2, n0 + 3] if grey1 else []
        bold = np.array([tm.t == 1.0 for tm in terms], dtype=bool) if not hs else None
        self.outputs.set_columns(heads, cols, grey=grey, bold=bold)

    def _hidden_table(self, s, rec, phase) -> None:
        tr = self.tr
        N = s.config.hidden
        if rec is None:
            self.hidden.set_columns([tr("i")], [np.arange(N)])
            return
        heads, cols, grey = [tr("i"), "h_i", "EH_i"], [np.arange(N), rec.h, rec.EH], ([2] if phase < 3 else [])
        self.hidden.set_columns(heads, cols, ["", tr("hidden layer h"), tr("EH_i = \u03a3_j e_j w\u2032_ij")],
                                grey=grey)

    def _vector_table(self, s, rec, phase) -> None:
        tr = self.tr
        heads = [tr("vector"), tr("id"), tr("before"), "\u0394", tr("after")]
        if rec is None:
            self.vectors.set_columns(heads, [[], [], [], [], []])
            return
        names, ids, before, delta, after = [], [], [], [], []
        parts = []
        if phase >= 2:
            parts.append(("v\u2032", rec.out_ids, rec.out_words, rec.out_before, rec.out_delta, rec.out_after))
        if phase >= 3:
            parts.append(("v", rec.in_ids, rec.in_words, rec.in_before, rec.in_delta, rec.in_after))
        for sym, i_, w_, b_, d_, a_ in parts:
            names += [f"{sym}_{w}" for w in w_]
            ids += [int(i) for i in i_]
            before += [b_[k] for k in range(len(i_))]
            delta += [d_[k] for k in range(len(i_))]
            after += [a_[k] for k in range(len(i_))]

        cols = [names, ids, _LazyVec(before), _LazyVec(delta), _LazyVec(after)]
        vec = [None, None, before, delta, after]
        self.vectors.set_columns(heads, cols,
                                 cell_tips={c: (lambda r, c=c: full_vec(vec[c][r])) for c in (2, 3, 4)})

    # -- highlight and hover ------------------------------------------------------------------------
    def _apply_highlight(self, names) -> None:
        names = set(names or ())
        for key, p in self.panels.items():
            p.set_highlight(key in names)

    def _hover(self, scene_pos) -> None:
        for p in self.panels.values():
            t = p.tip(scene_pos)
            if t is not None:
                show_tip(scene_pos, t, self.glw)
                return
        show_tip(scene_pos, "", self.glw)


class _LazyVec:
    """A column of vectors that formats each one only when the table draws it."""

    def __init__(self, vectors):
        self.vectors = vectors

    def __len__(self):
        return len(self.vectors)

    def __getitem__(self, i):
        return fmt_vec(self.vectors[i], 3)
