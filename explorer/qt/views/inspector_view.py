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
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QSplitter, QTabWidget, QVBoxLayout

from ...app.format import fmt, fmt_vec, full, full_vec
from ...app.labels import output_labels
from ...app.walk import phase_title
from ...engine import geometry
from ...engine.model import PHASES
from .. import style
from .base import View
from .difference import DifferenceBanner, comparison_keys
from .inspector_charts import GRID, LEFT_AXIS, TOP_K, TOP_K_FROM, Panel, PanelPlot, PanelViewBox
from .mixins import DirectRepaint, ExportMixin, OnScreenMixin
from .plots import show_tip, word_axis_width
from .table import ArrayTableModel, _LazyColumn, table_view
from .text import InfoLine
from .word_axis import WordAxis


class InspectorView(OnScreenMixin, ExportMixin, View):
    name = "inspector"

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.header = InfoLine(point_delta=1)
        lay.addWidget(self.header)
        self.difference = DifferenceBanner(bridge)  # both values at a step that differs from the user's trace
        lay.addWidget(self.difference)
        self.split = QSplitter(Qt.Vertical)
        lay.addWidget(self.split, 1)
        self.glw = pg.GraphicsLayoutWidget()
        self.glw.setBackground("w")
        self.glw.scene().sigMouseMoved.connect(self._hover)
        # no spatial index: the bars, heat strips and their labels change their geometry every step, and the
        # index (only asked for items under the mouse, a few dozen here) was updated for each change
        self.glw.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        # every item sets the pens, brushes and hints it draws with: no saving and restoring the painter's
        # state around each of the ~80 items, no widening of the exposed rects for antialiasing
        opt = QGraphicsView.OptimizationFlag
        self.glw.setOptimizationFlags(opt.DontSavePainterState | opt.DontAdjustForAntialiasing)
        self._direct = DirectRepaint(self.glw)
        self.split.addWidget(self.glw)
        self.tabs = QTabWidget()
        self.split.addWidget(self.tabs)
        self.split.setStretchFactor(0, 7)
        self.split.setStretchFactor(1, 3)
        self._split_set = False
        self.summary = ArrayTableModel(self)
        self.outputs = ArrayTableModel(self)
        self.hidden = ArrayTableModel(self)
        self.vectors = ArrayTableModel(self)
        self.tables = {}
        for key, model, label, tip in (
            ("summary", self.summary, self.tr("Summary"), self.tr("The example, η and the loss E")),
            ("outputs", self.outputs, self.tr("Output units"), self.tr("u, y, t, e of every output unit")),
            ("hidden", self.hidden, self.tr("Hidden units"), self.tr("h and EH, one row per component")),
            (
                "vectors",
                self.vectors,
                self.tr("Changed vectors"),
                self.tr("Every vector this step changed: before, Δ, after"),
            ),
        ):
            t = table_view(model)
            self.tables[key] = t
            i = self.tabs.addTab(t, label)
            self.tabs.setTabToolTip(i, tip)
        self.panels: dict[str, Panel] = {}
        self._config_key = None
        bridge.highlightChanged.connect(self._apply_highlight)
        bridge.comparisonChanged.connect(lambda _c: self._apply_highlight(self.bridge.highlight))
        if bridge.session is not None:
            self.rebuild()
        # what the user sets here is kept in the application state (a rebuilt window shows it again)
        self._tables_due: set[str] = set()
        self.tabs.currentChanged.connect(lambda i: self._fill(self.TABLES[i]) if 0 <= i < 4 else None)
        self.bind_option("tab", self.tabs)
        self.bind_option("split", self.split)

    def title(self) -> str:
        return self.tr("Inspector")

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._config_key is not None:
            # presentation mode on or off: the charts are made again at the new text size
            self._config_key = None
            QTimer.singleShot(0, self, self._on_changed)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        total = sum(self.split.sizes())
        if not self._split_set and total > 200:
            # charts 70 %, tables 30 % (from the size hints alone the tables got a sliver)
            self._split_set = True
            self.split.setSizes([int(total * 0.7), total - int(total * 0.7)])

    def export_targets(self):
        return [self]

    # -- building -----------------------------------------------------------------------------------
    def _panel_specs(self, s):
        """(key, title, phase, symbol, single colour) per chart. Titles are short (the charts are small); the
        equations view has the full formulas."""
        out, arch, mode = s.config.output, s.config.arch, s.config.mode
        sg = arch == "skipgram" and out == "softmax"
        err = "EI_j" if sg else "e_j"
        specs = [("h", "h", 0, "h", None)]
        if out == "softmax":
            specs += [
                ("u", "u<sub>j</sub> = v\u2032<sub>j</sub><sup>T</sup>h", 0, "u", None),
                ("y", "y<sub>j</sub> = softmax(u)<sub>j</sub>", 0, "y", (230, 126, 34, 220)),
                ("t", self.tr("t<sub>j</sub> (target)"), 1, "t", (120, 120, 120, 220)),
                ("e", "e<sub>j</sub> = y<sub>j</sub> \u2212 t<sub>j</sub>", 1, "e", None),
            ]
            if sg:
                specs.append(("EI", "EI<sub>j</sub> = \u03a3<sub>c</sub> e<sub>c,j</sub>", 1, "EI", None))
        else:
            node = "v\u2032<sub>n</sub>" if out == "hs" else "v\u2032<sub>j</sub>"
            specs += [
                ("u", f"u = {node}<sup>T</sup>h", 0, "u", None),
                ("y", "\u03c3(u)", 0, "\u03c3(u)", (230, 126, 34, 220)),
                (
                    "t",
                    self.tr("t = 1 \u2212 code") if out == "hs" else self.tr("t (1: w<sub>O</sub>, 0: neg.)"),
                    1,
                    "t",
                    (120, 120, 120, 220),
                ),
                ("e", "e = \u03c3(u) \u2212 t", 1, "e", None),
            ]
            err = "e_j"
        share = "(\u03b7/C)\u00b7EH" if (arch == "cbow" and mode == "paper") else "\u03b7\u00b7EH"
        specs += [
            (
                "out",
                f"\u0394v\u2032<sub>j</sub> = \u2212\u03b7\u00b7{err.replace('_j', '<sub>j</sub>')}\u00b7h",
                2,
                "\u0394v\u2032",
                None,
            ),
            ("EH", "EH = \u03a3<sub>j</sub> e<sub>j</sub> v\u2032<sub>j</sub>", 3, "EH", None),
            ("in", f"\u0394v<sub>I</sub> = \u2212{share}", 3, "\u0394v", None),
        ]
        return specs

    def rebuild(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        self._config_key = (s.config.output, s.config.arch, s.config.mode, s.model.V, s.config.hidden)
        self.glw.clear()
        self.panels = {}
        for key, title, phase, symbol, single in self._panel_specs(s):
            row, col = GRID[key]
            plot = PanelPlot(
                viewBox=PanelViewBox(), axisItems={"bottom": WordAxis("bottom"), "left": WordAxis("left")}
            )
            self.glw.addItem(plot, row=row, col=col)
            self.panels[key] = Panel(plot, key, title, phase, symbol, single)
        # one width for every left axis, enough for the vocabulary's words (the Δ maps' rows): the layout
        # does not change from step to step
        # (scaled with the text: presentation mode's larger font rebuilds the charts, see changeEvent)
        words = list(s.model.words) + [s.model.out_label(j) for j in range(min(s.model.n_out, 2000))]
        some = next(iter(self.panels.values())).plot.getAxis("left")
        numbers = int(round(style.scaled(LEFT_AXIS)))
        width = word_axis_width(some, words, numbers, int(round(style.scaled(84))))
        matrices = {"out", "in"} | (
            {"t", "e"} if s.config.arch == "skipgram" and s.config.output == "softmax" else set()
        )
        for key, p in self.panels.items():
            p.plot.getAxis("left").setWidth(width if key in matrices else numbers)
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
        self._mark_rows()
        self._direct.repaint()

    def _header(self, s, rec) -> None:
        if rec is None:
            self.header.set_runs(
                [
                    (self.tr("Step 0"), True, False),
                    (self.tr(": no example yet \u2014 take a step to see one."), False, False),
                ]
            )
            return
        loss = fmt(rec.loss) if PHASES.index(s.phase) >= 1 else "\u2014"
        hl = "E" in self.bridge.highlight | comparison_keys(self.bridge)
        self.header.set_runs(
            [
                (" ".join(rec.inputs) + " \u2192 " + " ".join(rec.targets), True, False),
                (
                    self.tr("   step {k} \u00b7 epoch {ep} \u00b7 \u03b7 = {lr} \u00b7 ").format(
                        k=rec.step, ep=rec.epoch + 1, lr=fmt(rec.lr)
                    ),
                    False,
                    False,
                ),
                (f"E = {loss}", hl, hl),
                (self.tr("   phase: {ph}").format(ph=phase_title(s.phase)), False, False),
            ]
        )

    def shown_outputs(self, rec) -> np.ndarray:
        """The output words the softmax charts show: all V, or from TOP_K_FROM words on the TOP_K of highest
        y and the targets, highest y first."""
        V = len(rec.y)
        if V < TOP_K_FROM:
            return np.arange(V)
        return geometry.top_shown(rec.y, TOP_K, sorted(set(rec.target_ids)))

    def shown_out_rows(self, rec) -> np.ndarray:
        """Rows of rec.out_* the Δv'_j map shows: all, or beyond TOP_K the largest changes and the targets."""
        n = len(rec.out_ids)
        if n <= TOP_K:
            return np.arange(n)
        norms = np.linalg.norm(np.asarray(rec.out_delta), axis=1)
        tgt = np.flatnonzero(np.isin(rec.out_ids, list(rec.target_ids))) if rec.output != "hs" else []
        return geometry.top_shown(norms, TOP_K, tgt)

    def _charts(self, s, rec, phase) -> None:
        P = self.panels
        words = s.model.words
        N = len(rec.h)
        dims = [str(i) for i in range(N)]
        later = {
            1: self.tr("(after the error phase)"),
            2: self.tr("(after the output update)"),
            3: self.tr("(after the input update)"),
        }
        for p in P.values():
            if p.phase > phase:
                p.clear(later[p.phase])
        P["h"].set_bars(rec.h, dims)
        # u, y (and t, e, EI) name their words on the axis (thinned when they do not fit; every bar on
        # hover) and label the targets in bold whatever the space (explorer.app.labels)
        if rec.output == "softmax":
            idx = self.shown_outputs(rec)
            V = len(rec.y)
            note = self.tr("top {k} of {V}").format(k=len(idx), V=V) if len(idx) < V else ""
            sub = None if len(idx) == V else idx
            lab = output_labels(rec, words, idx)
            names, marks = lab.labels, lab.marks

            def pick(a):
                return a if sub is None else a[..., sub]

            # u and y (and EI): the targets outlined, the words as they fit (the same every step: the axes
            # are not drawn again); t and e below them also name the targets, in bold beside their bars
            P["u"].set_bars(pick(rec.u), names, marks, note, sub, name_marks=None)
            P["y"].set_bars(pick(rec.y), names, marks, note, sub, name_marks=None)
            if phase >= 1:
                for key, arr in (("t", rec.t), ("e", rec.e)):
                    if arr.ndim == 1:
                        # the target's word beside its bar (the axis keeps the same words every step)
                        P[key].set_bars(pick(arr), names, marks, note, sub, name_marks="bar")
                    else:
                        # skip-gram: one row per context word (its target), the target columns in bold
                        P[key].set_matrix(pick(arr), list(rec.targets), names, note, col_marks=marks)
                    P[key].set_caption(lab.caption)
                if "EI" in P and rec.EI is not None:
                    P["EI"].set_bars(pick(rec.EI), names, marks, note, sub, name_marks=None)
        else:
            lab = output_labels(rec, words)
            kw = {"tips": lab.tips, "always": lab.always}
            P["u"].set_bars([tm.u for tm in terms(rec)], lab.labels, lab.marks, **kw)
            P["y"].set_bars([tm.y for tm in terms(rec)], lab.labels, lab.marks, **kw)
            if phase >= 1:
                P["t"].set_bars([tm.t for tm in terms(rec)], lab.labels, lab.marks, **kw)
                P["e"].set_bars([tm.e for tm in terms(rec)], lab.labels, lab.marks, **kw)
                P["t"].set_caption(lab.caption)
                P["e"].set_caption(lab.caption)
        if phase >= 2:
            rows = self.shown_out_rows(rec)
            n = len(rec.out_ids)
            note = self.tr("top {k} of {n}").format(k=len(rows), n=n) if len(rows) < n else ""
            P["out"].set_matrix(
                np.asarray(rec.out_delta)[rows],
                [rec.out_words[r] for r in rows],
                dims,
                note,
                np.asarray(rec.out_ids)[rows],
            )
        if phase >= 3:
            P["EH"].set_bars(rec.EH, dims)
            P["in"].set_matrix(rec.in_delta, list(rec.in_words), dims, row_ids=rec.in_ids)

    #: the tables in the order of their tabs
    TABLES = ("summary", "outputs", "hidden", "vectors")

    def _tables(self, s, rec, phase) -> None:
        """Fill the table in front; the ones behind it are filled when their tab is chosen (or by
        :meth:`fill_tables`): a table out of sight costs nothing per step."""
        self._tables_due = set(self.TABLES)
        self._fill(self.TABLES[max(0, self.tabs.currentIndex())])

    def _fill(self, key: str) -> None:
        s = self.bridge.session
        if key not in self._tables_due or s is None:
            return
        self._tables_due.discard(key)
        rec = s.record
        phase = PHASES.index(s.phase) if rec is not None else -1
        fill = {
            "summary": self._summary_table,
            "outputs": self._output_table,
            "hidden": self._hidden_table,
            "vectors": self._vector_table,
        }[key]
        fill(s, rec, phase)

    def fill_tables(self) -> None:
        """Fill every table now (those behind the one in front are filled when shown)."""
        for key in self.TABLES:
            self._fill(key)

    def _summary_table(self, s, rec, phase) -> None:
        names, values, tips = [], [], []

        def row(name, value, tip=None):
            names.append(name)
            values.append(value)
            tips.append(tip)

        if rec is None:
            row(self.tr("step"), 0)
            row(self.tr("training-set E"), float(s.epoch_losses.get(0, np.nan)))
            row(self.tr("\u03b7 (next step)"), float(s.lr))
        else:
            row(self.tr("E (loss)"), float(rec.loss) if phase >= 1 else self.tr("(after the error phase)"))
            row(self.tr("inputs"), " ".join(rec.inputs))
            row(self.tr("targets"), " ".join(rec.targets))
            row("h", fmt_vec(rec.h), full_vec(rec.h))
            row(
                "EH",
                fmt_vec(rec.EH) if phase >= 3 else self.tr("(after the input update)"),
                full_vec(rec.EH) if phase >= 3 else None,
            )
            row("\u03b7", float(rec.lr))
            row(self.tr("step"), rec.step)
            row(self.tr("epoch"), rec.epoch + 1)
            row(self.tr("phase"), phase_title(s.phase))
            row(self.tr("C (inputs)"), len(rec.inputs))
        bold = np.zeros(len(names), dtype=bool)
        if rec is not None and "E" in self.bridge.highlight | comparison_keys(self.bridge):
            bold[0] = True
        self.summary.set_columns(
            [self.tr("quantity"), self.tr("value")],
            [names, values],
            bold=bold,
            cell_tips={
                1: lambda r: (
                    tips[r]
                    if tips[r]
                    else (full(values[r]) if isinstance(values[r], float) else str(values[r]))
                )
            },
        )

    def _output_table(self, s, rec, phase) -> None:
        if rec is None:
            self.outputs.set_columns(
                [self.tr("j"), self.tr("word")], [np.arange(s.model.V), list(s.model.words)]
            )
            return
        grey1 = phase < 1
        if rec.output == "softmax":
            V = len(rec.u)
            tgt = set(rec.target_ids)
            bold = np.zeros(V, dtype=bool)
            bold[list(tgt)] = True
            heads = [self.tr("j"), self.tr("word"), "u_j", "y_j"]
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
            tips = [
                "",
                "",
                self.tr("u_j = v\u2032_j\u1d40h"),
                self.tr("y_j = exp(u_j) / \u03a3_j\u2032 exp(u_j\u2032)"),
            ]
            tips += [self.tr("(after the error phase)")] * (len(heads) - 4)
            self.outputs.set_columns(heads, cols, tips, grey=grey, bold=bold)
            return
        flat = terms(rec)
        target_of = []
        for c, group in enumerate(rec.terms() or ()):
            target_of += [rec.targets[c]] * len(group)
        hs = rec.output == "hs"
        heads = [self.tr("target"), self.tr("node") if hs else self.tr("word")]
        cols = [target_of, [tm.word for tm in flat]]
        if hs:
            heads.append(self.tr("code"))
            cols.append([tm.code for tm in flat])
        heads += ["u", "\u03c3(u)", "t", "e", self.tr("skipped")]
        cols += [
            np.array([tm.u for tm in flat]),
            np.array([tm.y for tm in flat]),
            np.array([tm.t for tm in flat]),
            np.array([tm.e for tm in flat]),
            [self.tr("yes") if tm.skipped else "" for tm in flat],
        ]
        n0 = len(heads) - 5
        grey = [n0 + 2, n0 + 3] if grey1 else []
        bold = np.array([tm.t == 1.0 for tm in flat], dtype=bool) if not hs else None
        self.outputs.set_columns(heads, cols, grey=grey, bold=bold)

    def _hidden_table(self, s, rec, phase) -> None:
        N = s.config.hidden
        if rec is None:
            self.hidden.set_columns([self.tr("i")], [np.arange(N)])
            return
        heads, cols, grey = (
            [self.tr("i"), "h_i", "EH_i"],
            [np.arange(N), rec.h, rec.EH],
            ([2] if phase < 3 else []),
        )
        self.hidden.set_columns(
            heads, cols, ["", self.tr("hidden layer h"), self.tr("EH_i = \u03a3_j e_j w\u2032_ij")], grey=grey
        )

    def _vector_table(self, s, rec, phase) -> None:
        heads = [self.tr("vector"), self.tr("id"), self.tr("before"), "\u0394", self.tr("after")]
        if rec is None:
            self.vectors.set_columns(heads, [[], [], [], [], []])
            return
        names, ids, before, delta, after = [], [], [], [], []
        parts = []
        if phase >= 2:
            parts.append(
                ("v\u2032", rec.out_ids, rec.out_words, rec.out_before, rec.out_delta, rec.out_after)
            )
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
        self.vectors.set_columns(
            heads, cols, cell_tips={c: (lambda r, c=c: full_vec(vec[c][r])) for c in (2, 3, 4)}
        )

    # -- highlight and hover ------------------------------------------------------------------------
    #: walk keys → the chart that shows the quantity
    PANEL_OF = {
        "h": "h",
        "u": "u",
        "y": "y",
        "t": "t",
        "e": "e",
        "EI": "EI",
        "EH": "EH",
        "out": "out",
        "in": "in",
    }

    def _apply_highlight(self, names) -> None:
        names = set(names or ()) | comparison_keys(self.bridge)
        keys = {self.PANEL_OF.get(n.split(":")[0]) for n in names}
        for key, p in self.panels.items():
            p.set_highlight(key in keys)
        self._mark_rows()
        self._direct.repaint()
        s = self.bridge.session
        if s is not None and self._config_key is not None and not self._stale:
            rec = s.record
            self._header(s, rec)
            self._summary_table(s, rec, PHASES.index(s.phase) if rec is not None else -1)

    def _mark_rows(self) -> None:
        """Outline the row of v'_<id> / v_<id> in the Δ maps when the walk (or a difference) highlights
        one."""
        names = self.bridge.highlight | comparison_keys(self.bridge)
        for key in ("out", "in"):
            p = self.panels.get(key)
            if p is None:
                continue
            row = None
            ids = [
                int(n.split(":")[1]) for n in names if n.startswith(key + ":") and n.split(":")[1].isdigit()
            ]
            if ids and p.available and p.row_ids is not None:
                hit = np.flatnonzero(p.row_ids == ids[0])
                row = int(hit[0]) if len(hit) else None
            p.set_row_mark(row)

    def highlighted_keys(self) -> set[str]:
        """The charts highlighted by the guided walk (and "E" when the loss in the header is)."""
        keys = {k for k, p in self.panels.items() if p.highlighted}
        if "E" in self.bridge.highlight | comparison_keys(self.bridge):
            keys.add("E")
        return keys

    def _hover(self, scene_pos) -> None:
        for p in self.panels.values():
            t = p.tip(scene_pos)
            if t is not None:
                show_tip(scene_pos, t, self.glw)
                return
        show_tip(scene_pos, "", self.glw)


def terms(rec) -> list:
    """The hs / ns terms of every target, one after another (the bars of the charts)."""
    return [tm for group in rec.terms() or () for tm in group]


class _LazyVec(_LazyColumn):
    """A column of vectors that formats each one only when the table draws it."""

    def __init__(self, vectors):
        self.vectors = self.values = vectors

    def __len__(self):
        return len(self.vectors)

    def __getitem__(self, i):
        return fmt_vec(self.vectors[i], 3)
