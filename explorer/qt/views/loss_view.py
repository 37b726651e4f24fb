"""The loss over training: E of every step, its moving average, and one point per epoch: the training-set E
at the start (step 0), then the mean E of each epoch's steps (what gensim reports).

A click on the plot seeks to that step (within the computed steps 0..furthest).
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout

from ...app.format import fmt, full
from ...app.readout import step_position
from ...engine import geometry
from .base import View
from .difference import DIFF_C
from .loss_curve import Curve
from .mixins import DirectRepaint, ExportMixin, OnScreenMixin
from .plots import cache_axes, forget_range, plot_widget, set_plot_title, set_range
from .text import InfoLine


class LossView(OnScreenMixin, ExportMixin, View):
    """Per-step loss E, its trailing moving average (one epoch wide) and the epoch loss; a click seeks."""

    name = "loss"
    #: the user clicked the plot to go to this step (emitted before seeking)
    seekRequested = Signal(int)

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        bar = QHBoxLayout()
        self.readout = InfoLine()
        self.log_box = QCheckBox(self.tr("Log scale"))
        self.log_box.setToolTip(self.tr("Show the loss on a logarithmic axis"))
        self.log_box.toggled.connect(self._set_log)
        bar.addWidget(self.readout, 1)
        bar.addWidget(self.log_box)
        lay.addLayout(bar)
        self.plot = plot_widget()
        self.plot.setToolTip(self.tr("Click to go to that step"))
        lay.addWidget(self.plot, 1)
        pi = self.plot_item = self.plot.getPlotItem()
        pi.showGrid(x=True, y=True, alpha=0.15)
        pi.setLabel("bottom", self.tr("step"))
        pi.setLabel("left", self.tr("loss E"))
        # the legend is the plot's title line: a legend inside the plot would cover the curves
        # light curve items (loss_curve): the whole series is set again every step
        self.step_curve = Curve(pg.mkPen(150, 180, 215, 160, width=1), self.tr("E of each step"))
        self.avg_curve = Curve(pg.mkPen(31, 119, 180, width=2.5), self.tr("moving average"))
        self.epoch_curve = Curve(
            pg.mkPen(230, 126, 34, width=2),
            self.tr("mean E per epoch (step 0: training set)"),
            symbol_size=7,
            symbol_brush=pg.mkBrush(230, 126, 34),
        )
        for curve in (self.step_curve, self.avg_curve, self.epoch_curve):
            pi.addItem(curve)
        self.cursor = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(200, 30, 30, width=1.5, style=Qt.DashLine)
        )
        pi.addItem(self.cursor, ignoreBounds=True)
        # File ▸ Compare with my trace…: a cross on the curve at each differing step, a line at the first
        # (made when a comparison first needs them: without one the plot is as before)
        self.diff_points = self.diff_line = None
        self._diff_key = None
        bridge.comparisonChanged.connect(self._on_comparison)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self._direct = DirectRepaint(self.plot)
        cache_axes(pi)
        pi.disableAutoRange()
        # the range follows the data only while the user has not zoomed or panned (the "A" button or a
        # reset brings it back)
        pi.vb.sigRangeChangedManually.connect(self._manual_range)
        pi.vb.sigStateChanged.connect(self._state_changed)
        self._follow = True
        self._xr = self._yr = None
        self._epoch_key = None
        self._window = 1
        if bridge.session is not None:
            self.rebuild()
        # what the user sets here is kept in the application state (a rebuilt window shows it again)
        self.bind_option("log", self.log_box)

    def title(self) -> str:
        return self.tr("Loss")

    def export_targets(self):
        return [self.plot_item]

    def rebuild(self) -> None:
        s = self.bridge.session
        spe = s.steps_per_epoch(0) if s is not None else 1
        self._window = int(max(1, min(spe, 1000)))
        self.avg_curve.opts["name"] = self.tr("moving average ({n} steps)").format(n=self._window)
        self._set_legend()
        self._epoch_key = None
        self._follow = True
        self._xr = self._yr = None
        forget_range(self.plot_item)

    def _set_legend(self) -> None:
        """The curves' names in their colours, as the title line above the plot."""
        parts = []
        for curve, mark in (
            (self.step_curve, "\u2501"),
            (self.avg_curve, "\u2501"),
            (self.epoch_curve, "\u25cf"),
        ):
            pen = curve.opts["pen"] if curve is not self.epoch_curve else pg.mkPen(230, 126, 34)
            c = pg.mkPen(pen).color().name()
            parts.append(f"<span style='color:{c}'>{mark}</span>&nbsp;{html.escape(curve.opts['name'])}")
        set_plot_title(self.plot_item, " &nbsp; ".join(parts), size="8pt", height=18)

    def refresh(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        loss = np.asarray(s.loss_series(), dtype=np.float64)
        x = np.arange(1, len(loss) + 1, dtype=np.float64)
        self.step_curve.setData(x, loss)
        self.avg_curve.setData(x, geometry.moving_average(loss, self._window))
        ex, ey = s.epoch_loss_series()
        ex, ey = np.asarray(ex, dtype=np.float64), np.asarray(ey, dtype=np.float64)
        key = (ex.tobytes(), ey.tobytes())
        if key != self._epoch_key:  # changes once an epoch: not redrawn every step
            self._epoch_key = key
            self.epoch_curve.setData(ex, ey)
        self.cursor.setValue(s.step)
        self._show_differences(loss)
        self._follow_data(loss, ey, s.furthest)
        self._direct.repaint()
        rec = s.record
        if rec is not None:
            k, n = step_position(s)
            self.readout.setText(self.tr("step {k} of {n} \u00b7 E = {e}").format(k=k, n=n, e=fmt(rec.loss)))
            self.readout.setToolTip(f"E = {full(rec.loss)}")
        else:
            e0 = s.epoch_losses.get(0)
            self.readout.setText(
                self.tr("step 0 of {n} \u00b7 training-set E = {e}").format(n=s.furthest, e=fmt(e0))
            )
            self.readout.setToolTip(f"E = {full(e0)}")

    def _on_comparison(self, _comparison) -> None:
        if self.bridge.session is not None:
            self._show_differences()
            self._direct.repaint()

    def _show_differences(self, loss=None) -> None:
        """Mark the comparison's differing steps that are computed (redrawn when they or the steps change)."""
        c, s = self.bridge.state.comparison, self.bridge.session
        if c is None or s is None or not c.steps:
            self._diff_key = None
            if self.diff_line is not None:
                self.diff_points.setVisible(False)
                self.diff_line.setVisible(False)
            return
        if self.diff_line is None:
            self.diff_points = pg.ScatterPlotItem(
                size=11, symbol="x", pen=pg.mkPen(DIFF_C, width=1.5), brush=pg.mkBrush(DIFF_C)
            )
            self.diff_line = pg.InfiniteLine(
                angle=90,
                movable=False,
                pen=pg.mkPen(DIFF_C, width=1.5),
                label="\u2260 {value:.0f}",
                labelOpts={"position": 0.92, "color": DIFF_C},
            )
            for item in (self.diff_points, self.diff_line):
                self.plot_item.addItem(item, ignoreBounds=True)
        key = (id(c), s.furthest)
        if key == self._diff_key:
            return
        self._diff_key = key
        loss = np.asarray(s.loss_series() if loss is None else loss, dtype=np.float64)
        steps = np.asarray(c.steps, dtype=np.int64)
        steps = steps[steps <= len(loss)]
        self.diff_points.setData(steps.astype(np.float64), loss[steps - 1])
        self.diff_points.setVisible(len(steps) > 0)
        self.diff_line.setVisible(True)  # first: a hidden line's label does not follow its value
        self.diff_line.setValue(c.steps[0])
        self.diff_line.label.valueChanged()

    def difference_marks(self) -> tuple[float | None, list[int]]:
        """(the first differing step's line, or None; the steps carrying a cross), for tests."""
        if self.diff_line is None or not self.diff_line.isVisible():
            return None, []
        x, _ = self.diff_points.getData()
        return self.diff_line.value(), [int(v) for v in (x if self.diff_points.isVisible() else [])]

    def _follow_data(self, loss, epoch_loss, furthest) -> None:
        """Set the range explicitly, and only when the data leaves it (auto-range on every step would
        redraw the axes and the grid each time): x from 0 to a round number past the last step, y the
        stable range of the losses (in log10 when the axis is logarithmic)."""
        if not self._follow:
            return
        x1 = max(float(furthest), 1.0)
        if (self._xr is None or x1 > self._xr[1] or x1 < self._xr[1] / 1.5) and (
            self._xr is None or _axis_end(x1) != self._xr[1]
        ):
            self._xr = (0.0, _axis_end(x1))
        vals = np.concatenate([np.asarray(loss, dtype=np.float64), np.asarray(epoch_loss, dtype=np.float64)])
        vals = vals[np.isfinite(vals)]
        if self.log_box.isChecked():
            vals = np.log10(vals[vals > 0])
        if len(vals):
            self._yr = geometry.stable_range(
                float(vals.min()), float(vals.max()), self._yr, pad=0.06, shrink=0.2
            )
        set_range(self.plot_item, x=self._xr, y=self._yr)

    def _manual_range(self, *_):
        self._follow = False

    def _state_changed(self, *_):
        # the "A" (auto-range) button: follow the data again from the next step
        if any(self.plot_item.vb.autoRangeEnabled()) and not self._follow:
            self._follow = True
            self._xr = self._yr = None
            forget_range(self.plot_item)

    # -- interaction --------------------------------------------------------------------------------
    def _set_log(self, on: bool) -> None:
        self.plot_item.setLogMode(y=on)
        self._yr = None
        forget_range(self.plot_item)
        if self.bridge.session is not None:
            self.refresh()

    def step_at_scene(self, scene_pos) -> int | None:
        vb = self.plot_item.vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        return int(round(vb.mapSceneToView(scene_pos).x()))

    def seek_to(self, k: int) -> int | None:
        """Seek the session to step ``k`` clamped to 0..furthest; returns the step gone to."""
        s = self.bridge.session
        if s is None:
            return None
        k = int(min(max(k, 0), s.furthest))
        self.seekRequested.emit(k)
        if k != s.step or s.pending is not None:
            self.bridge.commands.seek(k)
        return k

    def _clicked(self, ev) -> None:
        if ev.button() != Qt.LeftButton or ev.double():
            return
        k = self.step_at_scene(ev.scenePos())
        if k is not None:
            ev.accept()
            self.seek_to(k)


def _axis_end(x: float) -> float:
    """The loss axis's end for ``x`` steps: 10 at first, then about 10 % past the last step, rounded up to a
    tenth of its order of magnitude (so 5036 steps end at 5600, not 10 000)."""
    if x <= 8:
        return 10.0
    g = 10.0 ** (np.floor(np.log10(x)) - 1)
    return float(np.ceil(x * 1.1 / g) * g)
