"""A 2-D map of the vectors: input vectors v_w (rows of W) and output vectors v'_j (columns of W'; for
hierarchical softmax the inner-node vectors) projected on a PCA basis that stays fixed from step to step.

The basis is fitted once (when a session starts) and kept until Refit; a refit keeps the sign of each
component pointing the same way as before (:func:`explorer.engine.geometry.align`), so the picture does not
flip. With N = 2 the map shows the raw coordinates. Arrows show how this step moved each vector it changed
(before → after on the same basis), optionally magnified.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton, QVBoxLayout

from ...app.format import fmt
from ...engine import geometry
from ...engine.model import PHASES
from .. import style
from .base import View
from .controls import WrappingBar
from .mixins import DirectRepaint, ExportMixin, OnScreenMixin
from .palette import HIGHLIGHT_EDGE, INPUT_C, OUTPUT_C, SELECTED_C
from .plots import cache_axes, forget_range, plot_widget, set_axis_label, set_plot_title, set_range
from .projection_labels import LabelLayer
from .projection_points import PointsLayer
from .text import InfoLine

#: every point is labelled when at most this many are shown (else: the selected word, this step's inputs and
#: targets and its largest moves); hover tips always
MAX_LABELS = 20
#: at most this many of this step's changed output vectors are labelled (largest moves first)
MAX_CHANGED_LABELS = 8
#: arrows for at most this many changed vectors (the largest moves)
MAX_ARROWS = 50
ARROW_SCALES = (1, 10, 100, 1000)


#: the largest ratio of the two axes' spans shown at equal scales (beyond it each axis fits its points)
MAX_ASPECT = 3.0


class ProjectionView(OnScreenMixin, ExportMixin, View):
    name = "projection"
    #: the basis was (re)fitted: the main window may show it in the status bar
    basisChanged = Signal()

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.refit_button = QPushButton(self.tr("Refit"))
        self.refit_button.setToolTip(
            self.tr(
                "Fit the projection again to the vectors as they are now (the "
                "basis otherwise stays fixed so the map does not jump)"
            )
        )
        self.refit_button.clicked.connect(self.refit)
        self.in_box = QCheckBox(self.tr("Input vectors v_w"))
        self.in_box.setToolTip(self.tr("Show the rows of W"))
        self.out_box = QCheckBox(self.tr("Output vectors v\u2032_j"))
        self.out_box.setToolTip(self.tr("Show the columns of W\u2032"))
        for b in (self.in_box, self.out_box):
            b.setChecked(True)
            b.toggled.connect(lambda _on: self.refresh())
        self.scale_box = QComboBox()
        for k in ARROW_SCALES:
            self.scale_box.addItem(self.tr("arrows \u00d7{k}").format(k=k), k)
        self.scale_box.setCurrentIndex(1)
        self.scale_box.setToolTip(self.tr("Magnify the arrows that show this step's change of each vector"))
        self.scale_box.currentIndexChanged.connect(lambda _i: self.refresh())
        # one row, or two when the panel is narrow (large text, a 1024 px projector)
        self.controls = WrappingBar([self.refit_button, self.scale_box], [self.in_box, self.out_box])
        lay.addWidget(self.controls)
        self.variance = InfoLine(lines=2)
        lay.addWidget(self.variance)
        self.plot = plot_widget()
        lay.addWidget(self.plot, 1)
        pi = self.plot_item = self.plot.getPlotItem()
        pi.showGrid(x=True, y=True, alpha=0.12)
        pi.setAspectLocked(True)
        pi.disableAutoRange()
        cache_axes(pi)
        # all arrows in one item: shafts and heads as NaN-separated polylines
        self.arrows = pg.PlotCurveItem(pen=pg.mkPen(20, 20, 20, 220, width=1.5), connect="finite")
        # the guided walk's highlighted vectors: a ring around the point, its arrow wide and orange
        self.emph_arrows = pg.PlotCurveItem(pen=pg.mkPen(HIGHLIGHT_EDGE, width=3.5), connect="finite")
        # rings around the selected word and the walk's vectors: drawn by the label layer
        self._sel_pen = pg.mkPen(SELECTED_C, width=2)
        self._emph_pen = pg.mkPen(HIGHLIGHT_EDGE, width=3)
        #: positions of the rings: the selected word (0 or 1 point) and the walk's vectors
        self.selected_points = np.zeros((0, 2))
        self.emph_points = np.zeros((0, 2))
        for it in (self.emph_arrows, self.arrows):
            pi.addItem(it)
        #: the points: input vectors (dots; a click selects the word) over output vectors (triangles)
        self.sc_out = PointsLayer(pi.vb, "t1", 10, OUTPUT_C, tip=self._tip, z=1e5)
        self.sc_in = PointsLayer(
            pi.vb, "o", 9, INPUT_C, tip=self._tip, clicked=self.bridge.select_word, z=1e5 + 1
        )
        #: what the legend line above the map names: (mark, colour, text)
        self.legend_entries: list[tuple[str, QColor, str]] = []
        self.label_layer = LabelLayer(pi.vb)
        self._direct = DirectRepaint(self.plot)
        pi.vb.sigRangeChangedManually.connect(self._manual_range)
        bridge.selectedWordChanged.connect(lambda _w: self._on_changed())
        bridge.highlightChanged.connect(self._on_highlight)
        self.basis: geometry.Basis | None = None
        self.fitted_at = 0
        self._N = None
        self._auto_range = True  # follow the points (until the user pans or zooms)
        self._range = None
        self.points_in = np.zeros((0, 2))
        self.points_out = np.zeros((0, 2))
        #: rows of rec.out_* / rec.in_* with an arrow this step
        self.arrow_out = np.zeros(0, dtype=np.int64)
        self.arrow_in = np.zeros(0, dtype=np.int64)
        #: the point ids the guided walk highlights: {"in": ids, "out": ids}
        self.emphasised = {"in": np.zeros(0, dtype=np.int64), "out": np.zeros(0, dtype=np.int64)}
        #: the labels asked for (text per labelled point; LabelLayer leaves out ones that would overlap)
        self.label_texts: list[str] = []
        if bridge.session is not None:
            self.rebuild()
        # what the user sets here is kept in the application state (a rebuilt window shows it again)
        self.bind_option("inputs", self.in_box)
        self.bind_option("outputs", self.out_box)
        self.bind_option("arrows", self.scale_box)

    def title(self) -> str:
        return self.tr("Projection")

    def export_targets(self):
        return [self.plot_item]

    # -- the basis ----------------------------------------------------------------------------------
    def fit_data(self) -> np.ndarray:
        """The vectors the basis is fitted to: the shown sets among W's rows and W''s columns."""
        s = self.bridge.session
        parts = []
        if self.in_box.isChecked() or not self.out_box.isChecked():
            parts.append(s.params.W)
        if self.out_box.isChecked():
            parts.append(s.params.W_out.T)
        return np.concatenate(parts, axis=0)

    def refit(self) -> None:
        """Fit the basis to the vectors now (signs aligned with the previous basis) and the view to them."""
        s = self.bridge.session
        if s is None:
            return
        self.basis = geometry.fit_pca(self.fit_data(), previous=self.basis)
        self.fitted_at = s.step
        self.basisChanged.emit()
        self._auto_range = True
        self._range = None
        self.refresh()

    def rebuild(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        self.basis = None
        self._N = s.config.hidden
        m = s.model
        self._in_names = [f"{w}" for w in m.words]
        self._out_names = [f"{m.out_label(j)}\u2032" for j in range(m.n_out)]
        out_name = self.tr("inner node v\u2032_n") if s.config.output == "hs" else self.tr("output v\u2032_j")
        self.sc_in.setData(None, [])
        self.sc_out.setData(None, [])
        self.legend_entries = [
            ("\u25cf", INPUT_C, self.tr("input v_w")),
            ("\u25b2", OUTPUT_C, out_name),
            ("\u25cb", SELECTED_C, self.tr("selected word")),
        ]
        self._auto_range = True
        self._range = None

    # -- drawing ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        self._drawn_record = s.record
        self.label_layer.set_fonts()
        # a lecture gives the controls' rows to the map (a projector's panel is short); they are back after F5
        lecture = style.current().presentation
        if self.controls.isHidden() != lecture:
            self.controls.setVisible(not lecture)
        if self._N != s.config.hidden or len(getattr(self, "_in_names", ())) != s.model.V:
            self.rebuild()
        if self.basis is None:
            self.basis = geometry.fit_pca(self.fit_data())
            self.fitted_at = s.step
            self.basisChanged.emit()
        b = self.basis
        W, Wo = s.params.W, s.params.W_out
        show_in, show_out = self.in_box.isChecked(), self.out_box.isChecked()
        self.points_in = geometry.project(b, W)
        self.points_out = geometry.project(b, Wo.T)
        _set_points(self.sc_in, self.points_in if show_in else None, self._in_names)
        _set_points(self.sc_out, self.points_out if show_out else None, self._out_names)
        # axis labels and explained variance
        if b.raw:
            set_axis_label(self.plot_item, "bottom", self.tr("component 0"))
            set_axis_label(self.plot_item, "left", self.tr("component 1") if b.N > 1 else "")
            text = self.tr("N = {N}: raw coordinates (no projection)").format(N=b.N)
        else:
            r = b.explained_variance_ratio
            now = geometry.captured_variance(b, self.fit_data())
            set_axis_label(self.plot_item, "bottom", self.tr("PC1 ({p} %)").format(p=fmt(100 * r[0], 3)))
            set_axis_label(self.plot_item, "left", self.tr("PC2 ({p} %)").format(p=fmt(100 * r[1], 3)))
            text = self.tr(
                "Explained variance: PC1 {a} %, PC2 {b} % (basis fitted at step {k}); now {c} %, {d} %"
            ).format(
                a=fmt(100 * r[0], 3),
                b=fmt(100 * r[1], 3),
                k=self.fitted_at,
                c=fmt(100 * now[0], 3),
                d=fmt(100 * now[1], 3),
            )
        if text != self.variance.text():
            self.variance.setText(text)
            self.variance.fit_lines()
        # presentation mode: the plot gets the room (the axis labels still name each component's share)
        self.variance.setVisible(not style.current().presentation)
        self._set_legend()
        self._follow_points(show_in, show_out)
        self._draw_arrows(s, b, show_in, show_out)
        self._draw_emphasis(s, b, show_in, show_out)
        self._draw_labels(s, show_in, show_out)
        sel = s.model.vocab.index.get(self.bridge.selected_word)
        self.selected_points = (
            self.points_in[sel : sel + 1] if sel is not None and show_in else np.zeros((0, 2))
        )
        self._set_rings()
        self._direct.repaint()

    def _follow_points(self, show_in, show_out) -> None:
        """Fit the view to the points at the start; later change it only when points leave it (no
        auto-range on every step: that redraws the axes and grid each time)."""
        if not self._auto_range:
            return
        pts = [p for p, on in ((self.points_in, show_in), (self.points_out, show_out)) if on and len(p)]
        if not pts:
            return
        P = np.concatenate(pts)
        P = P[np.all(np.isfinite(P), axis=1)]
        if not len(P):
            return
        lo, hi = P.min(axis=0), P.max(axis=0)
        if self._range is not None:
            (x0, x1), (y0, y1) = self.plot_item.vb.viewRange()
            if x0 <= lo[0] and hi[0] <= x1 and y0 <= lo[1] and hi[1] <= y1:
                return
        xr = geometry.stable_range(lo[0], hi[0], None, pad=0.1)
        yr = geometry.stable_range(lo[1], hi[1], None, pad=0.1)
        # equal scales (distances true) unless one component spreads the points far more than the other
        # (after a long run PC1 may span 10× PC2): then each axis fits its points, so they stay apart
        spans = sorted((xr[1] - xr[0], yr[1] - yr[0]))
        locked = spans[1] <= MAX_ASPECT * max(spans[0], 1e-12)
        if locked != (self.plot_item.vb.state["aspectLocked"] is not False):
            self.plot_item.setAspectLocked(locked)
        self._range = (xr, yr)
        forget_range(self.plot_item)
        set_range(self.plot_item, x=xr, y=yr)

    def _set_legend(self) -> None:
        """The legend as a line above the map (never over the points or their labels): each kind of mark in
        its colour and what it stands for; in two lines when one would be wider than the plot. Worked out
        again only when the entries, the room or the theme's text size change."""
        room = self.plot.width() - self.plot_item.getAxis("left").width() - 12  # the title spans the map only
        key = (tuple(self.legend_entries), room, style.css_size("8pt"))
        if key == getattr(self, "_legend_key", None):
            return
        self._legend_key = key
        parts = [
            f"<span style='color:{c.name()}'>{mark}</span>&nbsp;{html.escape(text)}"
            for mark, c, text in self.legend_entries
        ]
        # its width as the title item will lay it out (its font, the size set_plot_title gives it)
        doc = QTextDocument()
        doc.setDefaultFont(self.plot_item.titleLabel.item.font())
        doc.setHtml(f"<span style='font-size:{style.css_size('8pt')}'>{' &nbsp; '.join(parts)}</span>")
        if doc.size().width() <= room or len(parts) < 2:
            set_plot_title(self.plot_item, " &nbsp; ".join(parts), size="8pt", height=18)
        else:
            text = " &nbsp; ".join(parts[:-1]) + "<br>" + parts[-1]
            set_plot_title(self.plot_item, text, size="8pt", height=34)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.variance.fit_lines()
        if self.legend_entries:
            self._set_legend()

    # -- the update animation's overlay (explorer/qt/animator.py drives it) ---------------------------
    def animation_frame(self, frame, rec) -> None:
        """Draw the animation ``frame`` for ``rec`` on top (``None``: no overlay)."""
        from ..overlays import ProjectionOverlay

        if getattr(self, "_overlay", None) is None:
            self._overlay = ProjectionOverlay(self.plot_item)
        self._overlay.show_frame(self, frame, rec)

    def _manual_range(self, *_):
        self._auto_range = False

    def arrow_segments(self, s, b, show_in=True, show_out=True):
        """(starts, ends) of this step's arrows on basis ``b`` (end = start + scale · change), as (k, 2): the
        changed output vectors first, then the input vectors; each set limited to its MAX_ARROWS largest
        moves (rows in :attr:`arrow_out` / :attr:`arrow_in`)."""
        rec = s.record
        self.arrow_out = np.zeros(0, dtype=np.int64)
        self.arrow_in = np.zeros(0, dtype=np.int64)
        if rec is None:
            return np.zeros((0, 2)), np.zeros((0, 2))
        k = PHASES.index(s.phase)
        scale = float(self.scale_box.currentData() or 1)
        starts, ends = [], []
        for which, done, shown, before, delta in (
            ("out", k >= 2, show_out, rec.out_before, rec.out_delta),
            ("in", k >= 3, show_in, rec.in_before, rec.in_delta),
        ):
            if done and shown and len(before):
                d = np.asarray(delta) @ b.components.T
                rows = np.arange(len(d))
                if len(rows) > MAX_ARROWS:
                    rows = np.sort(geometry.top_shown(np.hypot(d[:, 0], d[:, 1]), MAX_ARROWS))
                p0 = geometry.project(b, np.asarray(before)[rows])
                starts.append(p0)
                ends.append(p0 + scale * d[rows])
                setattr(self, f"arrow_{which}", rows)
        if not starts:
            return np.zeros((0, 2)), np.zeros((0, 2))
        return np.concatenate(starts), np.concatenate(ends)

    @staticmethod
    def _arrow_path(p0, p1):
        """x, y of arrows (shaft and a two-stroke head each) as NaN-separated polylines."""
        d = p1 - p0
        length = np.hypot(d[:, 0], d[:, 1])
        ok = length > 0
        p0, p1, d, length = p0[ok], p1[ok], d[ok], length[ok]
        if len(p0) == 0:
            return np.zeros(0), np.zeros(0)
        u = d / length[:, None]
        head = 0.3 * length[:, None]
        c, sn = np.cos(np.radians(25)), np.sin(np.radians(25))
        left = p1 - head * np.stack([u[:, 0] * c - u[:, 1] * sn, u[:, 0] * sn + u[:, 1] * c], 1)
        right = p1 - head * np.stack([u[:, 0] * c + u[:, 1] * sn, -u[:, 0] * sn + u[:, 1] * c], 1)
        nan = np.full_like(p0, np.nan)
        # shaft, then head: start → end → left, break, end → right, break
        pts = np.stack([p0, p1, left, nan, p1, right, nan], axis=1).reshape(-1, 2)
        return pts[:, 0], pts[:, 1]

    def _draw_arrows(self, s, b, show_in, show_out) -> None:
        p0, p1 = self.arrow_segments(s, b, show_in, show_out)
        x, y = self._arrow_path(p0, p1)
        self.arrows.setData(x, y)

    # -- the guided walk's highlight ------------------------------------------------------------------
    def _emphasised_ids(self, s):
        """Point ids (rows of W / columns of W') the walk's keys name: in:<id>, out:<id>; "in" / "out"
        (without a single vector named) all this step changed (the drawn arrows' vectors)."""
        names = self.bridge.highlight
        rec = s.record
        out = {"in": set(), "out": set()}
        for key in ("in", "out"):
            for n in names:
                if n.startswith(key + ":") and n.split(":")[1].isdigit():
                    out[key].add(int(n.split(":")[1]))
            # one vector named (the walk's "out:<id>" comes with "out"): only that one stands out
            if key in names and rec is not None and not out[key]:
                ids = rec.out_ids if key == "out" else rec.in_ids
                rows = self.arrow_out if key == "out" else self.arrow_in
                out[key].update(int(ids[r]) for r in rows)
        return {k: np.array(sorted(v), dtype=np.int64) for k, v in out.items()}

    def _draw_emphasis(self, s, b, show_in, show_out) -> None:
        self.emphasised = ids = self._emphasised_ids(s)
        pts, starts, ends = [], [], []
        rec = s.record
        k = PHASES.index(s.phase) if rec is not None else -1
        scale = float(self.scale_box.currentData() or 1)
        for key, shown, P, done in (
            ("in", show_in, self.points_in, k >= 3),
            ("out", show_out, self.points_out, k >= 2),
        ):
            sel = ids[key][(ids[key] >= 0) & (ids[key] < len(P))] if shown else ids[key][:0]
            if not len(sel):
                continue
            pts.append(P[sel])
            if done:
                rid = np.asarray(rec.in_ids if key == "in" else rec.out_ids)
                rows = np.flatnonzero(np.isin(rid, sel))
                if len(rows):
                    before = np.asarray(rec.in_before if key == "in" else rec.out_before)[rows]
                    delta = np.asarray(rec.in_delta if key == "in" else rec.out_delta)[rows]
                    p0 = geometry.project(b, before)
                    starts.append(p0)
                    ends.append(p0 + scale * (delta @ b.components.T))
        self.emph_points = np.concatenate(pts) if pts else np.zeros((0, 2))
        self._set_rings()
        if starts:
            self.emph_arrows.setData(*self._arrow_path(np.concatenate(starts), np.concatenate(ends)))
        elif self.emph_arrows.xData is not None and len(self.emph_arrows.xData):
            self.emph_arrows.setData([], [])

    def _set_rings(self) -> None:
        self.label_layer.set_rings(
            [(self.selected_points, 18, self._sel_pen), (self.emph_points, 22, self._emph_pen)]
        )

    def _on_highlight(self, _names) -> None:
        s = self.bridge.session
        if s is None or self.basis is None:
            return
        if not self.on_screen():
            self._stale = True
            return
        if s.record is not getattr(self, "_drawn_record", None):
            # the highlight is for a record this view has not drawn yet (the guided walk redraws first): the
            # arrows drawn belong to the old record; this view's own redraw follows and shows the highlight
            QTimer.singleShot(0, self, self._refresh_if_behind)
            return
        show_in, show_out = self.in_box.isChecked(), self.out_box.isChecked()
        self._draw_emphasis(s, self.basis, show_in, show_out)
        self._draw_labels(s, show_in, show_out)
        self._direct.repaint()

    def _refresh_if_behind(self) -> None:
        s = self.bridge.session
        if s is not None and s.record is not getattr(self, "_drawn_record", None) and self.on_screen():
            self.refresh()

    def highlighted_points(self) -> dict:
        """{"in": ids, "out": ids} of the points the guided walk emphasises."""
        return {k: v.copy() for k, v in self.emphasised.items()}

    # -- labels -------------------------------------------------------------------------------------
    def _draw_labels(self, s, show_in, show_out) -> None:
        """Label the selected word, the walk's highlighted vectors, this step's inputs and targets and its
        largest moves (or every point when there are few), in that order of priority."""
        n_in = len(self.points_in) if show_in else 0
        n_out = len(self.points_out) if show_out else 0
        sel = s.model.vocab.index.get(self.bridge.selected_word)
        shown = {"in": n_in, "out": n_out}
        # ("in" | "out", id), each once, in the order of priority
        order = list(
            dict.fromkeys(
                (kind, int(i))
                for kind, i in self._label_candidates(s, sel, n_in, n_out)
                if 0 <= int(i) < shown[kind]
            )
        )
        emph = {(k, int(i)) for k in ("in", "out") for i in self.emphasised[k]}
        pts, texts, styles = [], [], []
        for kind, i in order:
            if kind == "in":
                pts.append(self.points_in[i])
                texts.append(self._in_names[i])
                color = (
                    SELECTED_C
                    if i == sel
                    else HIGHLIGHT_EDGE.darker(130)
                    if (kind, i) in emph
                    else INPUT_C.darker(140)
                )
            else:
                pts.append(self.points_out[i])
                texts.append(self._out_names[i])
                color = HIGHLIGHT_EDGE.darker(130) if (kind, i) in emph else OUTPUT_C.darker(150)
            styles.append(((kind == "in" and i == sel) or (kind, i) in emph, QColor(color)))
        self.label_texts = texts
        self.label_layer.set_labels(np.array(pts).reshape(-1, 2), texts, styles)

    def _label_candidates(self, s, sel, n_in, n_out):
        """The points to label, ("in" | "out", id), in the order of priority (repeats and ids not shown
        included): the selected word, the walk's highlighted vectors, this step's inputs, targets and
        largest moves, then every point when there are few."""
        if sel is not None:
            yield "in", sel
        for kind in ("in", "out"):
            for i in self.emphasised[kind]:
                yield kind, i
        rec = s.record
        if rec is not None:
            yield from (("in", i) for i in rec.input_ids)
            if rec.output != "hs":
                yield from (("out", i) for i in rec.target_ids)
            # the largest moves of the arrows drawn
            if len(self.arrow_out):
                d = np.linalg.norm(np.asarray(rec.out_delta)[self.arrow_out], axis=1)
                for r in self.arrow_out[np.argsort(-d, kind="stable")][:MAX_CHANGED_LABELS]:
                    yield "out", rec.out_ids[r]
            yield from (("in", rec.in_ids[r]) for r in self.arrow_in)
        if n_in + n_out <= MAX_LABELS:
            yield from (("in", i) for i in range(n_in))
            yield from (("out", i) for i in range(n_out))

    # -- interaction --------------------------------------------------------------------------------
    def _tip(self, x, y, data):
        return f"{data}\n({fmt(x)}, {fmt(y)})"


def _set_points(layer: PointsLayer, pos, names) -> None:
    """Show ``pos`` (None: nothing), named ``names`` for hover tips."""
    layer.setData(pos, names if pos is not None else [])
