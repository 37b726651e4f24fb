"""The light items behind the inspector and the loss plot draw what pyqtgraph's items drew: the loss curves
(loss_curve.Curve) pixel for pixel as PlotDataItem, the heat strips' cells in their colours, the word axes'
kept pictures the same as new ones, plot titles clipped only when too wide."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from explorer.qt.views.inspector_charts import Heat
from explorer.qt.views.loss_curve import Curve
from explorer.qt.views.palette import diverging_rgba
from explorer.qt.views.plots import set_plot_title
from tests.test_chart_labels_qt import _axis


def _image(widget) -> np.ndarray:
    img = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    a = np.frombuffer(img.constBits(), dtype=np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)
    return a[:, : img.width(), :3].copy()


def _loss_plot(qtbot, light: bool, x, ys, log: bool):
    w = pg.PlotWidget(background="w")
    qtbot.addWidget(w)
    pi = w.getPlotItem()
    pens = [pg.mkPen(150, 180, 215, 160, width=1), pg.mkPen(31, 119, 180, width=2.5)]
    if light:
        for pen, y in zip(pens, ys):
            c = Curve(pen)
            pi.addItem(c)
            c.setData(x, y)
        dots = Curve(pg.mkPen(230, 126, 34, width=2), symbol_size=7, symbol_brush=pg.mkBrush(230, 126, 34))
        pi.addItem(dots)
    else:
        pi.setDownsampling(auto=True, mode="peak")
        pi.setClipToView(True)
        for pen, y in zip(pens, ys):
            pi.plot(x, y, pen=pen)
        dots = pi.plot(
            pen=pg.mkPen(230, 126, 34, width=2),
            symbol="o",
            symbolSize=7,
            symbolBrush=pg.mkBrush(230, 126, 34),
            symbolPen=None,
        )
    dots.setData(x[::400], ys[1][::400])
    pi.setLogMode(y=log)
    pi.disableAutoRange()
    yr = np.log10(ys[0]) if log else ys[0]
    pi.setRange(xRange=(0, x[-1] * 1.1), yRange=(yr.min(), yr.max()), padding=0)
    w.resize(700, 300)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("n", [150, 4000])
@pytest.mark.parametrize("log", [False, True])
def test_loss_curves_draw_what_pyqtgraph_curves_drew(qtbot, n, log):
    old = pg.getConfigOption("antialias")
    pg.setConfigOptions(antialias=True)  # as the theme sets it
    try:
        g = np.random.default_rng(1)
        x = np.arange(1, n + 1, dtype=np.float64)
        step = np.exp(-x / n) * 3 + g.random(n)
        avg = np.convolve(step, np.ones(20) / 20, mode="same")
        a = _image(_loss_plot(qtbot, False, x, (step, avg), log))
        b = _image(_loss_plot(qtbot, True, x, (step, avg), log))
    finally:
        pg.setConfigOptions(antialias=old)
    assert (np.abs(a.astype(int) - b.astype(int)).sum(axis=2) > 0).sum() == 0


def test_curve_bounds_and_data(qtbot):
    c = Curve(pg.mkPen("k"))
    x = np.arange(1.0, 11.0)
    y = np.linspace(2.0, 1.0, 10)
    y[3] = np.nan
    c.setData(x, y)
    assert c.getOriginalDataset()[1] is c.getData()[1]
    assert c.dataBounds(0) == (1.0, 10.0) and c.dataBounds(1) == (1.0, 2.0)
    rect = c.boundingRect()
    assert rect.contains(QRectF(1.0, 1.0, 9.0, 1.0))
    c.setData(x[:5], y[:5])  # within the rect: the same rect (no geometry change)
    assert c.boundingRect() == rect
    c.setLogMode(False, True)
    assert c.dataBounds(1) == pytest.approx((np.log10(y[4]), np.log10(2.0)))


def test_heat_cells_have_their_colours(qtbot):
    M = np.array([[0.1, -0.2, 0.0], [0.05, 0.2, -0.1]])
    rgba = diverging_rgba(M, 0.2)
    h = Heat()
    h.set_rgba(rgba)
    assert h.boundingRect() == QRectF(0, 0, 3, 2)
    img = QImage(30, 20, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.scale(10, 10)
    h.paint(p)
    p.end()
    for r in range(2):
        for c in range(3):
            got = img.pixelColor(c * 10 + 5, r * 10 + 5).getRgb()[:3]
            assert got == tuple(int(v) for v in rgba[r, c, :3])
    h.clear()
    assert h.boundingRect().isEmpty()


def test_word_axis_shows_a_kept_picture_for_words_it_showed_before(qtbot):
    ax, font = _axis(qtbot, 6, 400, 12)
    words_a = [f"word{i:02d}" for i in range(6)]
    words_b = [f"other{i}" for i in range(6)]
    pic_a, drawn_a = ax.picture, list(ax.drawn)
    assert pic_a is not None and drawn_a
    ax.set_words(words_b)
    ax.widget.grab()
    assert ax.picture is not pic_a
    ax.set_words(words_a)
    assert ax.picture is None  # to be drawn: the kept picture is taken
    ax.widget.grab()
    assert ax.picture is pic_a and ax.drawn == drawn_a
    # another font: a new picture
    big = QFont(font)
    big.setPixelSize(20)
    ax.setStyle(tickFont=big)
    ax.set_words(words_b)
    ax.set_words(words_a)
    ax.widget.grab()
    assert ax.picture is not pic_a


def test_word_axis_bounding_rect_follows_its_size(qtbot):
    ax, _font = _axis(qtbot, 6, 400, 12)
    before = ax.boundingRect()
    assert before == pg.AxisItem.boundingRect(ax)
    ax.widget.resize(600, 300)
    ax.widget.grab()
    assert ax.boundingRect() == pg.AxisItem.boundingRect(ax) and ax.boundingRect() != before


def test_plot_titles_are_clipped_only_when_too_wide(qtbot):
    w = pg.GraphicsLayoutWidget()
    qtbot.addWidget(w)
    plot = w.addPlot()
    w.resize(300, 200)
    w.show()
    qtbot.waitExposed(w)
    clip = QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape
    set_plot_title(plot, "short", height=20)
    w.grab()
    assert not plot.titleLabel.flags() & clip
    set_plot_title(plot, "a title much too long for a plot this narrow " * 3, height=20)
    w.grab()
    assert plot.titleLabel.flags() & clip
    assert plot.titleLabel.itemRect().left() == pytest.approx(0.0, abs=0.5)  # its start is shown
    set_plot_title(plot, "short again", height=20)
    w.grab()
    assert not plot.titleLabel.flags() & clip


def test_loss_view_auto_range_covers_its_curves(qtbot):
    from explorer.qt.views.loss_view import LossView
    from tests.test_views import make, show

    s, b = make("cbow", "softmax")
    v = show(qtbot, LossView(b))
    s.step_forward(30)
    v.plot_item.vb.autoRange(padding=0)
    (x0, x1), (y0, y1) = v.plot_item.vb.viewRange()
    loss = np.asarray(s.loss_series())
    assert x0 <= 1 and x1 >= 30
    assert y0 <= loss.min() and y1 >= loss.max()
