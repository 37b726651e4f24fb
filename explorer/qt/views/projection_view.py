"""A 2-D map of the vectors: input vectors v_w (rows of W) and output vectors v'_j (columns of W'; for
hierarchical softmax the inner-node vectors) projected on a PCA basis that stays fixed from step to step.

The basis is fitted once (when a session starts) and kept until Refit; a refit keeps the sign of each
component pointing the same way as before (:func:`explorer.engine.geometry.align`), so the picture does not
flip. With N = 2 the map shows the raw coordinates. Arrows show how this step moved each vector it changed
(before → after on the same basis), optionally magnified.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ...engine import geometry
from ...engine.model import PHASES
from .base import View
from .common import INPUT_C, OUTPUT_C, ExportMixin, fmt, plot_widget

#: text labels are drawn when at most this many points are shown (hover tips always)
MAX_LABELS = 60
ARROW_SCALES = (1, 10, 100, 1000)


class ProjectionView(ExportMixin, View):
    name = "projection"
    #: the basis was (re)fitted: the main window may show it in the status bar
    basisChanged = Signal()

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        bar = QHBoxLayout()
        self.refit_button = QPushButton(self.tr("Refit"))
        self.refit_button.setToolTip(self.tr("Fit the projection again to the vectors as they are now (the "
                                             "basis otherwise stays fixed so the map does not jump)"))
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
        bar.addWidget(self.refit_button)
        bar.addWidget(self.in_box)
        bar.addWidget(self.out_box)
        bar.addWidget(self.scale_box)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.variance = QLabel()
        self.variance.setWordWrap(True)
        lay.addWidget(self.variance)
        self.plot = plot_widget()
        lay.addWidget(self.plot, 1)
        pi = self.plot_item = self.plot.getPlotItem()
        pi.showGrid(x=True, y=True, alpha=0.12)
        pi.setAspectLocked(True)
        self.legend = pi.addLegend(offset=(10, 10), labelTextColor="#1e1e1e", brush=pg.mkBrush(255, 255, 255, 200))
        tip = self._tip
        self.sc_in = pg.ScatterPlotItem(symbol="o", size=9, pen=pg.mkPen(255, 255, 255, 200),
                                        brush=pg.mkBrush(INPUT_C), hoverable=True, tip=tip,
                                        hoverPen=pg.mkPen(0, 0, 0, width=2), name=self.tr("input v_w"))
        self.sc_out = pg.ScatterPlotItem(symbol="t1", size=10, pen=pg.mkPen(255, 255, 255, 200),
                                         brush=pg.mkBrush(OUTPUT_C), hoverable=True, tip=tip,
                                         hoverPen=pg.mkPen(0, 0, 0, width=2), name=self.tr("output v\u2032_j"))
        self.arrows = pg.PlotDataItem(pen=pg.mkPen(20, 20, 20, 220, width=1.5), connect="finite")
        self.selected = pg.ScatterPlotItem(symbol="o", size=18, pen=pg.mkPen(230, 30, 30, width=2), brush=None)
        pi.addItem(self.arrows)
        pi.addItem(self.sc_out)
        pi.addItem(self.sc_in)
        pi.addItem(self.selected)
        self.sc_in.sigClicked.connect(self._point_clicked)
        self.sc_out.sigClicked.connect(self._point_clicked)
        self.labels: list[pg.TextItem] = []
        for _ in range(MAX_LABELS):
            t = pg.TextItem(color=(30, 30, 30), anchor=(0, 1))
            t.setVisible(False)
            pi.addItem(t, ignoreBounds=True)
            self.labels.append(t)
        bridge.selectedWordChanged.connect(lambda _w: self._on_changed())
        self.basis: geometry.Basis | None = None
        self.fitted_at = 0
        self._N = None
        self.points_in = np.zeros((0, 2))
        self.points_out = np.zeros((0, 2))
        if bridge.session is not None:
            self.rebuild()

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
        """Fit the basis to the vectors now (signs aligned with the previous basis)."""
        s = self.bridge.session
        if s is None:
            return
        self.basis = geometry.fit_pca(self.fit_data(), previous=self.basis)
        self.fitted_at = s.step
        self.basisChanged.emit()
        self.refresh()
        self.plot_item.enableAutoRange()

    def rebuild(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        self.basis = None
        self._N = s.config.hidden
        m = s.model
        self._in_names = [f"{w}" for w in m.words]
        self._out_names = [f"{m.out_label(j)}\u2032" for j in range(m.n_out)]
        self.sc_out.opts["name"] = (self.tr("inner node v\u2032_n") if s.config.output == "hs"
                                    else self.tr("output v\u2032_j"))
        self.legend.clear()
        self.legend.addItem(self.sc_in, self.tr("input v_w"))
        self.legend.addItem(self.sc_out, self.sc_out.opts["name"])
        self.plot_item.enableAutoRange()

    # -- drawing ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        s = self.bridge.session
        if s is None:
            return
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
        if show_in:
            self.sc_in.setData(pos=self.points_in, data=self._in_names)
        else:
            self.sc_in.setData([], [])
        if show_out:
            self.sc_out.setData(pos=self.points_out, data=self._out_names)
        else:
            self.sc_out.setData([], [])
        # axis labels and explained variance
        if b.raw:
            self.plot_item.setLabel("bottom", self.tr("component 0"))
            self.plot_item.setLabel("left", self.tr("component 1") if b.N > 1 else "")
            self.variance.setText(self.tr("N = {N}: raw coordinates (no projection)").format(N=b.N))
        else:
            r = b.explained_variance_ratio
            now = geometry.captured_variance(b, self.fit_data())
            self.plot_item.setLabel("bottom", self.tr("PC1 ({p} %)").format(p=fmt(100 * r[0], 3)))
            self.plot_item.setLabel("left", self.tr("PC2 ({p} %)").format(p=fmt(100 * r[1], 3)))
            self.variance.setText(self.tr(
                "Explained variance: PC1 {a} %, PC2 {b} % (basis fitted at step {k}); now {c} %, {d} %")
                .format(a=fmt(100 * r[0], 3), b=fmt(100 * r[1], 3), k=self.fitted_at,
                        c=fmt(100 * now[0], 3), d=fmt(100 * now[1], 3)))
        self._draw_arrows(s, b, show_in, show_out)
        self._draw_labels(show_in, show_out)
        sel = s.model.vocab.index.get(self.bridge.selected_word)
        if sel is not None and show_in:
            self.selected.setData(pos=self.points_in[sel:sel + 1])
        else:
            self.selected.setData([], [])

    def arrow_segments(self, s, b, show_in=True, show_out=True):
        """(starts, ends) of this step's arrows on basis ``b`` (end = start + scale · change), as (k, 2)."""
        rec = s.record
        if rec is None:
            return np.zeros((0, 2)), np.zeros((0, 2))
        k = PHASES.index(s.phase)
        scale = float(self.scale_box.currentData() or 1)
        starts, ends = [], []
        for done, shown, before, delta in ((k >= 2, show_out, rec.out_before, rec.out_delta),
                                           (k >= 3, show_in, rec.in_before, rec.in_delta)):
            if done and shown and len(before):
                p0 = geometry.project(b, before)
                d = np.asarray(delta) @ b.components.T
                starts.append(p0)
                ends.append(p0 + scale * d)
        if not starts:
            return np.zeros((0, 2)), np.zeros((0, 2))
        return np.concatenate(starts), np.concatenate(ends)

    def _draw_arrows(self, s, b, show_in, show_out) -> None:
        p0, p1 = self.arrow_segments(s, b, show_in, show_out)
        if len(p0) == 0:
            self.arrows.setData([], [])
            return
        d = p1 - p0
        length = np.hypot(d[:, 0], d[:, 1])
        ok = length > 0
        p0, p1, d, length = p0[ok], p1[ok], d[ok], length[ok]
        if len(p0) == 0:
            self.arrows.setData([], [])
            return
        u = d / length[:, None]
        head = 0.3 * length[:, None]
        c, sn = np.cos(np.radians(25)), np.sin(np.radians(25))
        left = p1 - head * np.stack([u[:, 0] * c - u[:, 1] * sn, u[:, 0] * sn + u[:, 1] * c], 1)
        right = p1 - head * np.stack([u[:, 0] * c + u[:, 1] * sn, -u[:, 0] * sn + u[:, 1] * c], 1)
        nan = np.full_like(p0, np.nan)
        # shaft, then head: start → end → left, break, end → right, break
        pts = np.stack([p0, p1, left, nan, p1, right, nan], axis=1).reshape(-1, 2)
        self.arrows.setData(pts[:, 0], pts[:, 1])

    def _draw_labels(self, show_in, show_out) -> None:
        pts, names = [], []
        if show_in:
            pts.append(self.points_in)
            names += self._in_names
        if show_out:
            pts.append(self.points_out)
            names += self._out_names
        n = len(names)
        if n == 0 or n > MAX_LABELS:
            for t in self.labels:
                t.setVisible(False)
            return
        P = np.concatenate(pts)
        for i, t in enumerate(self.labels):
            if i < n:
                if t.textItem.toPlainText() != names[i]:
                    t.setText(names[i])
                t.setPos(float(P[i, 0]), float(P[i, 1]))
                t.setVisible(True)
            else:
                t.setVisible(False)

    # -- interaction --------------------------------------------------------------------------------
    def _tip(self, x, y, data):
        return f"{data}\n({fmt(x)}, {fmt(y)})"

    def _point_clicked(self, item, points, ev=None) -> None:
        if len(points) and item is self.sc_in:
            self.bridge.select_word(str(points[0].data()))
