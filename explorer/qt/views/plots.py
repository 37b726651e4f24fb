"""pyqtgraph helpers: plot styling, titles and ranges set only when they change, cached axes, word ticks,
fast point moves and hover tips. (The few pyqtgraph internals patched — a title that does not widen its plot
— are patched here and nowhere else.)"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem, QToolTip

from .. import style
from .palette import TEXT
from .word_axis import WordAxis


def style_plot(plot: pg.PlotItem, title: str | None = None) -> None:
    """Dark text on a light background, readable fonts."""
    font = style.text_font(9)
    for side in ("left", "bottom", "right", "top"):
        ax = plot.getAxis(side)
        ax.setPen(pg.mkPen(90, 90, 90))
        ax.setTextPen(pg.mkPen(TEXT))
        ax.setStyle(tickFont=font, tickLength=5)  # ticks outside: the axis does not repaint with the plot
        ax.enableAutoSIPrefix(False)
    if title is not None:
        plot.setTitle(title, color="#1e1e1e", size=style.css_size("10pt"))


def cache_axes(plot: pg.PlotItem) -> None:
    """Keep each axis as a cached pixmap: it is drawn again only when its ticks change, not whenever the
    plot's content under or next to it is repainted (text is the slowest thing a plot draws)."""
    for side in ("left", "bottom", "right", "top"):
        ax = plot.getAxis(side)
        ax.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        ax.label.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
    plot.titleLabel.item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)


def cache_item(item: QGraphicsItem) -> None:
    """Cache an item and everything in it (e.g. a legend) as pixmaps: redrawn only when it changes."""
    item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
    for child in item.childItems():
        cache_item(child)


def set_plot_title(
    plot: pg.PlotItem, html: str, color: str = "#1e1e1e", size: str = "9pt", height: int | None = None
) -> bool:
    """Set a plot's title only when it differs from the one shown (setting it relayouts the plot)."""
    size = style.css_size(size)  # scaled with the theme (presentation mode)
    if height is not None:
        height = int(round(height * style.scale()))
    key = (html, color, size, height)
    if getattr(plot, "_w2v_title", None) == key:
        return False
    plot._w2v_title = key
    plot.setTitle(html, color=color, size=size)
    if height is not None:
        plot.titleLabel.setMaximumHeight(height)
        plot.layout.setRowFixedHeight(0, height)
    if not getattr(plot.titleLabel, "_w2v_narrow", False):
        _narrow_title(plot.titleLabel)
    plot.titleLabel.updateMin()
    return True


def _narrow_title(label) -> None:
    """A long title does not widen its plot (and the plot's layout column): it is cut at the plot's edge.
    (Only a title that sticks out is clipped: clipping costs every paint of the plot a shape and a clip
    path.)"""
    label._w2v_narrow = True

    resize = label.resizeEvent

    def resize_event(ev):
        resize(ev)
        # too long for the plot: show its start (the quantity's name), cut at the right
        if label.itemRect().width() > label.width():
            label.item.setPos(label.item.pos().x() - label.itemRect().left(), label.item.pos().y())
        _clip_title(label)

    label.resizeEvent = resize_event

    def update_min():
        b = label.itemRect()
        label.setMinimumWidth(0)
        label.setMinimumHeight(b.height())
        label._sizeHint = {
            Qt.SizeHint.MinimumSize: (0, b.height()),
            Qt.SizeHint.PreferredSize: (min(b.width(), 60.0), b.height()),
            Qt.SizeHint.MaximumSize: (-1, -1),
            Qt.SizeHint.MinimumDescent: (0, 0),
        }
        label.updateGeometry()
        _clip_title(label)

    label.updateMin = update_min


def _clip_title(label) -> None:
    """Clip the title's text to its label only when it is too wide (the text's rect, with the document's
    margins, is a little higher than a fixed title height; the glyphs are not)."""
    r = label.itemRect()
    clip = r.left() < -0.5 or r.right() > label.width() + 0.5
    if bool(label.flags() & QGraphicsItem.ItemClipsChildrenToShape) != clip:
        label.setFlag(QGraphicsItem.ItemClipsChildrenToShape, clip)


def set_axis_label(plot: pg.PlotItem, side: str, text: str) -> None:
    """``plot.setLabel`` only when the text changes (a new label redraws and may resize the axis)."""
    ax = plot.getAxis(side)
    if getattr(ax, "_w2v_label", None) != text:
        ax._w2v_label = text
        plot.setLabel(side, text)


def set_range(plot: pg.PlotItem, x=None, y=None) -> bool:
    """Set the view range only where it differs from the last one set here (a range change regenerates the
    axis ticks and repaints the whole plot)."""
    last = getattr(plot, "_w2v_range", [None, None])
    kw = {}
    if x is not None and tuple(x) != last[0]:
        kw["xRange"] = tuple(x)
    if y is not None and tuple(y) != last[1]:
        kw["yRange"] = tuple(y)
    if not kw:
        return False
    plot.setRange(padding=0, **kw)
    # apply the new view transform now, not while painting: pyqtgraph would apply it in the paint, which
    # marks every item of the plot dirty again and costs a second repaint
    plot.vb.updateMatrix()
    plot._w2v_range = [tuple(x) if x is not None else last[0], tuple(y) if y is not None else last[1]]
    return True


def forget_range(plot: pg.PlotItem) -> None:
    """The next :func:`set_range` sets the range whatever it was (after autoRange, a reset, a resize)."""
    plot._w2v_range = [None, None]


def set_ticks(axis: pg.AxisItem, ticks) -> None:
    """``axis.setTicks`` only when the ticks differ from the last ones set here."""
    if getattr(axis, "_w2v_ticks", 0) != ticks:
        axis._w2v_ticks = ticks
        axis._w2v_words = None
        if isinstance(axis, WordAxis):
            axis.set_words(None)
        axis.setTicks(ticks)


def move_points(scatter: pg.ScatterPlotItem, pos: np.ndarray) -> None:
    """New positions for the same points of a scatter plot, keeping their styles and data (much faster than
    ``setData`` for thousands of points). Falls back to ``setData`` when the number of points differs."""
    pos = np.asarray(pos, dtype=np.float64).reshape(-1, 2)
    data = getattr(scatter, "data", None)
    if data is None or len(data) != len(pos) or len(pos) == 0:
        scatter.setData(pos=pos)
        return
    data["x"] = pos[:, 0]
    data["y"] = pos[:, 1]
    scatter.prepareGeometryChange()
    scatter.informViewBoundsChanged()
    scatter.bounds = [None, None]
    scatter.invalidate()


def plot_widget() -> pg.PlotWidget:
    w = pg.PlotWidget(background="w")
    style_plot(w.getPlotItem())
    return w


def layout_widget() -> pg.GraphicsLayoutWidget:
    return pg.GraphicsLayoutWidget(border=None)


def set_word_ticks(
    axis: pg.AxisItem,
    words,
    max_labels: int,
    offset: float = 0.0,
    fit_width: bool = True,
    marks=(),
    always=(),
) -> None:
    """One tick per word at ``i + offset`` (when there are at most ``max_labels``), else automatic numeric
    ticks. On a :class:`WordAxis` every word is labelled when all fit, else an evenly spread subset (see
    there), ``marks`` (the targets) in bold and ``always`` whatever the space; on another axis the labels are
    split into three levels (about 4, 12, then all) and a level that does not fit is left out.

    Nothing is done when the words are the ones already set. ``fit_width``: a vertical axis is widened to
    the longest word (a relayout of the plot: pass False for words that change every step and give the axis
    a fixed width, e.g. :func:`word_axis_width`, once)."""
    n = len(words)
    key = (tuple(map(str, words)), max_labels, offset, tuple(marks), tuple(always))
    if getattr(axis, "_w2v_words", None) == key:
        return
    axis._w2v_words = key
    axis._w2v_ticks = 0
    if isinstance(axis, WordAxis):
        axis.fit_words = fit_width and n <= max_labels
        axis.set_words(list(words) if n <= max_labels else None, offset, marks, always)
        return
    if n > max_labels:
        axis.setTicks(None)
        return
    a, b = max(1, -(-n // 4)), max(1, -(-n // 12))
    lv0 = [(i + offset, str(w)) for i, w in enumerate(words) if i % a == 0]
    lv1 = [(i + offset, str(w)) for i, w in enumerate(words) if i % a != 0 and i % b == 0]
    lv2 = [(i + offset, str(w)) for i, w in enumerate(words) if i % a != 0 and i % b != 0]
    if not getattr(axis, "_w2v_styled", False):
        axis.setStyle(textFillLimits=[(0, 0.9)], hideOverlappingLabels=True, maxTextLevel=2, maxTickLevel=2)
        axis._w2v_styled = True
    axis.setTicks([lv0, lv1, lv2])
    if fit_width and axis.orientation in ("left", "right") and n:
        # room for the longest word now (labels wider than the axis would be dropped until a relayout)
        w = word_axis_width(axis, words)
        if w != axis.width():
            axis.setWidth(w)


def word_axis_width(axis: pg.AxisItem, words, least: int = 0, most: int = 160) -> int:
    """Width of a vertical axis that fits the longest of ``words`` (between ``least`` and ``most``)."""
    fm = QFontMetricsF(axis.style.get("tickFont") or QFont())
    longest = max((fm.horizontalAdvance(str(w)) for w in words), default=0.0)
    return int(min(most, max(least, longest + 16)))


def show_tip(scene_pos, text: str, widget) -> None:
    """Show a tooltip near a scene position of a pyqtgraph widget."""
    if widget is None:
        return
    view = widget
    try:
        gpos = view.mapToGlobal(view.mapFromScene(scene_pos))
    except (AttributeError, TypeError):
        return
    if text:
        QToolTip.showText(gpos, text, view)
    else:
        QToolTip.hideText()
