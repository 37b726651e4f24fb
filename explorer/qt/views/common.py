"""Shared pieces of the views: number formatting, colours, a lazily formatted numpy table model, plot
styling, hover tips and export to PNG / SVG."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph import Point
from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, QPoint, QPointF, QRect, QRectF,
                            QSize, Qt, QTimer)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsView, QHeaderView, QLabel, QSizePolicy, QTableView, QToolTip,
                               QWidget)

MINUS = "\u2212"

# ---------------------------------------------------------------------------------------------------------
# numbers


def fmt(x, digits: int = 4) -> str:
    """A number to ``digits`` significant digits, with a typographic minus (labels, tables)."""
    if x is None:
        return ""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return str(x)
    if v != v:
        return "NaN"
    s = f"{v:.{digits}g}"
    if "e" in s:
        m, e = s.split("e")
        s = f"{m}e{int(e)}"
    if s in ("-0", "-0.0"):
        s = "0"
    return s.replace("-", MINUS)


def full(x) -> str:
    """Full precision (round-trip repr) for tooltips."""
    if x is None:
        return ""
    try:
        return repr(float(x)).replace("-", MINUS)
    except (TypeError, ValueError):
        return str(x)


def fmt_vec(v, shown: int = 4, digits: int = 4) -> str:
    """``[a, b, c, …]`` with at most ``shown`` entries."""
    v = np.asarray(v).ravel()
    parts = [fmt(a, digits) for a in v[:shown]]
    if len(v) > shown:
        parts.append("\u2026")
    return "[" + ", ".join(parts) + "]"


def full_vec(v, limit: int = 64) -> str:
    v = np.asarray(v).ravel()
    parts = [full(a) for a in v[:limit]]
    if len(v) > limit:
        parts.append(QCoreApplication.translate("Views", "\u2026 ({n} more)").format(n=len(v) - limit))
    return "[" + ", ".join(parts) + "]"


# ---------------------------------------------------------------------------------------------------------
# colours
NEG = QColor(33, 102, 172)     # blue: negative
MID = QColor(247, 247, 247)
POS = QColor(178, 24, 43)      # red: positive
INPUT_C = QColor(31, 119, 180)  # input vectors / active inputs
OUTPUT_C = QColor(230, 126, 34)  # output vectors / targets
NEG_SAMPLE_C = QColor(142, 68, 173)  # negative samples
GREY = QColor(150, 150, 150)
TEXT = QColor(30, 30, 30)
#: the guided walk's highlight (fill behind a highlighted quantity; frame / outline around it)
HIGHLIGHT_FILL = QColor(255, 236, 160)
HIGHLIGHT_EDGE = QColor(235, 150, 0)


def diverging_cmap() -> pg.ColorMap:
    """Blue (negative) – white (0) – red (positive), for symmetric levels."""
    return pg.ColorMap(pos=np.array([0.0, 0.5, 1.0]),
                       color=np.array([[33, 102, 172, 255], [247, 247, 247, 255], [178, 24, 43, 255]],
                                      dtype=np.ubyte))


def diverging_lut(n: int = 256) -> np.ndarray:
    return diverging_cmap().getLookupTable(0.0, 1.0, n, alpha=False)


_LUT = None


def diverging_colors(values, limit: float) -> np.ndarray:
    """(k, 3) uint8 colours of ``values`` on the diverging map with levels −limit..limit."""
    global _LUT
    if _LUT is None:
        _LUT = diverging_lut(256)
    lut = _LUT
    v = np.asarray(values, dtype=np.float64)
    limit = limit if limit > 0 else 1.0
    idx = np.clip(((v / limit) + 1) * 0.5 * 255, 0, 255).astype(int)
    return lut[idx]


def diverging_rgba(M, limit: float) -> np.ndarray:
    """(…, 4) uint8 RGBA colours of ``M`` on the diverging map with levels −limit..limit (NaN: grey)."""
    global _LUT
    if _LUT is None:
        _LUT = diverging_lut(256)
    M = np.asarray(M, dtype=np.float64)
    limit = limit if limit > 0 else 1.0
    idx = np.clip(((np.nan_to_num(M, nan=0.0) / limit) + 1) * 0.5 * 255, 0, 255).astype(np.intp)
    out = np.empty(M.shape + (4,), dtype=np.ubyte)
    out[..., :3] = _LUT[idx][..., :3]
    out[..., 3] = 255
    if np.isnan(M).any():
        out[np.isnan(M)] = (150, 150, 150, 255)
    return out


# ---------------------------------------------------------------------------------------------------------
# plots
def style_plot(plot: pg.PlotItem, title: str | None = None) -> None:
    """Dark text on a light background, readable fonts."""
    font = QFont()
    font.setPointSize(9)
    for side in ("left", "bottom", "right", "top"):
        ax = plot.getAxis(side)
        ax.setPen(pg.mkPen(90, 90, 90))
        ax.setTextPen(pg.mkPen(TEXT))
        ax.setStyle(tickFont=font, tickLength=5)   # ticks outside: the axis does not repaint with the plot
        ax.enableAutoSIPrefix(False)
    if title is not None:
        plot.setTitle(title, color="#1e1e1e", size="10pt")


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


def set_plot_title(plot: pg.PlotItem, html: str, color: str = "#1e1e1e", size: str = "9pt",
                   height: int | None = None) -> bool:
    """Set a plot's title only when it differs from the one shown (setting it relayouts the plot)."""
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
    """A long title does not widen its plot (and the plot's layout column): it is cut at the plot's edge."""
    label._w2v_narrow = True
    label.setFlag(QGraphicsItem.ItemClipsChildrenToShape, True)

    resize = label.resizeEvent

    def resize_event(ev):
        resize(ev)
        # too long for the plot: show its start (the quantity's name), cut at the right
        if label.itemRect().width() > label.width():
            label.item.setPos(label.item.pos().x() - label.itemRect().left(), label.item.pos().y())

    label.resizeEvent = resize_event

    def update_min():
        b = label.itemRect()
        label.setMinimumWidth(0)
        label.setMinimumHeight(b.height())
        label._sizeHint = {Qt.SizeHint.MinimumSize: (0, b.height()),
                           Qt.SizeHint.PreferredSize: (min(b.width(), 60.0), b.height()),
                           Qt.SizeHint.MaximumSize: (-1, -1), Qt.SizeHint.MinimumDescent: (0, 0)}
        label.updateGeometry()

    label.updateMin = update_min


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


class WordAxis(pg.AxisItem):
    """An axis that labels positions i + offset with words, fast.

    pyqtgraph's general tick code (levels, spacing, text measuring) is the slowest part of redrawing a small
    plot whose words change every step (the terms of hierarchical softmax, the inputs of a step). Here the
    words are placed directly: the first of every ~n/4, then every ~n/12, then the rest, each only where it
    does not overlap a label already placed. Without words (``set_words(None)``) it is an ordinary numeric
    axis."""

    GAP = 4.0

    def __init__(self, orientation, **kw):
        super().__init__(orientation, **kw)
        self._words = None
        self._wkey = None
        self._widths: dict = {}

    def set_words(self, words, offset: float = 0.0) -> None:
        key = None if words is None else (tuple(map(str, words)), float(offset))
        if key == self._wkey:
            return
        self._wkey = key
        self._words = key
        self.picture = None
        self.update()

    def _size(self, fm, text):
        wh = self._widths.get(text)
        if wh is None:
            if len(self._widths) > 5000:
                self._widths.clear()
            wh = self._widths[text] = (fm.horizontalAdvance(text) + 2, fm.height())   # words have descenders
        return wh

    def generateDrawSpecs(self, p):
        if self._words is None:
            return super().generateDrawSpecs(p)
        words, off = self._words
        bounds = self.mapRectFromParent(self.geometry())
        vertical = self.orientation in ("left", "right")
        r0, r1 = self.range
        dif = r1 - r0
        length = bounds.height() if vertical else bounds.width()
        if dif == 0 or length <= 0:
            return None
        # value → local coordinate, as pyqtgraph's AxisItem (an inverted view has a reversed range)
        if vertical:
            scale = -bounds.height() / dif
            shift = r0 * scale - bounds.height()
        else:
            scale = bounds.width() / dif
            shift = r0 * scale
        lo, hi = sorted((r0 * scale - shift, r1 * scale - shift))
        o = self.orientation
        if o == "left":
            span = (Point(bounds.right() - 1, bounds.top() - 1), Point(bounds.right() - 1, bounds.bottom() + 1))
            edge, sign = bounds.right(), -1
        elif o == "right":
            span = (Point(bounds.left() + 1, bounds.top() - 1), Point(bounds.left() + 1, bounds.bottom() + 1))
            edge, sign = bounds.left(), 1
        elif o == "top":
            span = (Point(bounds.left() - 1, bounds.bottom() - 1), Point(bounds.right() + 1, bounds.bottom() - 1))
            edge, sign = bounds.bottom(), -1
        else:
            span = (Point(bounds.left() - 1, bounds.top() + 1), Point(bounds.right() + 1, bounds.top() + 1))
            edge, sign = bounds.top(), 1
        tick_len = self.style["tickLength"]
        tick_pen = self.tickPen()
        text_off = max(0, tick_len) + self.style["tickTextOffset"][0 if vertical else 1]
        fm = QFontMetricsF(self.style.get("tickFont") or QFont())
        n = len(words)
        numeric = words == tuple(str(i) for i in range(n))
        if numeric:
            # components 0, 1, …: multiples of 10, then of 5, then of 2, then the rest; a level is shown
            # only when all of it fits, so the labels shown are evenly spaced
            level = [0 if i % 10 == 0 else 1 if i % 5 == 0 else 2 if i % 2 == 0 else 3 for i in range(n)]
            order = sorted(range(n), key=lambda i: (level[i], i))
        else:
            a, b = max(1, -(-n // 4)), max(1, -(-n // 12))
            order = ([i for i in range(n) if i % a == 0] + [i for i in range(n) if i % a and i % b == 0]
                     + [i for i in range(n) if i % a and i % b])
        taken: list[tuple[float, float]] = []
        ticks, texts = [], []
        # the axis' depth follows the words' size (pyqtgraph sizes the axis from the text it last drew)
        sizes = [self._size(fm, w) for w in words]
        size2 = max((w if vertical else h for w, h in sizes), default=0.0)
        self._updateMaxTextSize(size2)
        stopped = None          # numeric labels: the first level that did not fit
        for i in order:
            x = (i + off) * scale - shift
            if x < lo - 0.5 or x > hi + 0.5:
                continue
            if vertical:
                ticks.append((tick_pen, Point(edge, x), Point(edge + sign * tick_len, x)))
            else:
                ticks.append((tick_pen, Point(x, edge), Point(x, edge + sign * tick_len)))
            if numeric and stopped is not None and level[i] >= stopped:
                continue
            w, h = sizes[i]
            extent = (x - h / 2, x + h / 2) if vertical else (x - w / 2, x + w / 2)
            if any(extent[0] < t1 + self.GAP and t0 < extent[1] + self.GAP for t0, t1 in taken):
                if numeric:
                    stopped = level[i]
                    # take back the labels of this level placed so far
                    keep = [k for k, t in enumerate(texts) if level[int(t[2])] < stopped]
                    texts = [texts[k] for k in keep]
                    taken = [taken[k] for k in keep]
                continue
            if o == "left":
                rect = QRectF(edge - text_off - w, x - h / 2, w, h)
                flags = Qt.AlignRight | Qt.AlignVCenter
            elif o == "right":
                rect = QRectF(edge + text_off, x - h / 2, w, h)
                flags = Qt.AlignLeft | Qt.AlignVCenter
            elif o == "top":
                rect = QRectF(x - w / 2, edge - text_off - h, w, h)
                flags = Qt.AlignHCenter | Qt.AlignBottom
            else:
                rect = QRectF(x - w / 2, edge + text_off, w, h)
                flags = Qt.AlignHCenter | Qt.AlignTop
            # along the axis, a label must not stick out past its ends
            slack = 2.0
            if (extent[0] < lo - slack or extent[1] > hi + slack) and not (vertical and lo - 2 <= x <= hi + 2):
                continue
            taken.append(extent)
            texts.append((rect, flags | Qt.TextDontClip, words[i]))
        return (self.pen(), span[0], span[1]), ticks, texts


def set_word_ticks(axis: pg.AxisItem, words, max_labels: int, offset: float = 0.0, fit_width: bool = True) -> None:
    """One tick per word at ``i + offset`` (when there are at most ``max_labels``), else automatic numeric
    ticks. The labels are split into three levels (about 4, 12, then all): a level whose labels do not fit
    the axis is left out, so labels never pile up, and a longer axis shows more of them.

    Nothing is done when the words are the ones already set. ``fit_width``: a vertical axis is widened to
    the longest word (a relayout of the plot: pass False for words that change every step and give the axis
    a fixed width, e.g. :func:`word_axis_width`, once)."""
    n = len(words)
    key = (tuple(map(str, words)), max_labels, offset)
    if getattr(axis, "_w2v_words", None) == key:
        return
    axis._w2v_words = key
    axis._w2v_ticks = 0
    if isinstance(axis, WordAxis):
        axis.set_words(list(words) if n <= max_labels else None, offset)
        if fit_width and axis.orientation in ("left", "right") and 0 < n <= max_labels:
            w = word_axis_width(axis, words)
            if w != axis.width():
                axis.setWidth(w)
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


# ---------------------------------------------------------------------------------------------------------
# a table over numpy arrays, formatted only when drawn
def _role_value(role) -> int:
    return role.value if hasattr(role, "value") else int(role)


_DISPLAY, _TOOLTIP, _ALIGN = (_role_value(r) for r in (Qt.DisplayRole, Qt.ToolTipRole, Qt.TextAlignmentRole))
_FOREGROUND, _FONT, _BACKGROUND = (_role_value(r) for r in (Qt.ForegroundRole, Qt.FontRole, Qt.BackgroundRole))
_RIGHT = int((Qt.AlignRight | Qt.AlignVCenter).value)
_LEFT = int((Qt.AlignLeft | Qt.AlignVCenter).value)
_NUMBER_TYPES = (float, np.floating, int, np.integer)
_GREY_BRUSH = QBrush(GREY)
_BOLD_BRUSH = QBrush(QColor(255, 243, 214))


#: tables of at most this many cells compare old and new values to announce only the changed cells
_CELLS_COMPARED = 2000
#: more changed cells than this: the whole table is announced as changed (one repaint of it)
_CELLS_ONE_BY_ONE = 200


def _same_value(a, b) -> bool:
    """Whether two cell values are the same (and so look the same); NaN equals NaN."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return a.shape == b.shape and a.dtype == b.dtype and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    try:
        eq = a == b
    except Exception:  # noqa: BLE001 — incomparable values count as changed
        return False
    if isinstance(eq, (bool, np.bool_)):
        if eq:
            return True
        return isinstance(a, (float, np.floating)) and a != a and b != b
    return False


def _changed_rows(old, new, rows: int):
    """Rows whose value differs between two columns (an iterable of row numbers), or None: compare all."""
    if old is new:
        return None             # the same object may have been changed in place
    if isinstance(old, np.ndarray) and isinstance(new, np.ndarray):
        if old.shape != new.shape or old.dtype != new.dtype or old.ndim != 1:
            return None
        if old.dtype.kind in "fc":
            diff = ~((old == new) | (np.isnan(old) & np.isnan(new)))
        else:
            diff = old != new
        return np.flatnonzero(diff).tolist()
    if isinstance(old, _LazyColumn) and isinstance(new, _LazyColumn):
        old, new = old.values, new.values
    if len(old) != len(new):
        return None
    try:
        return [r for r in range(min(len(new), rows)) if not _same_value(old[r], new[r])]
    except Exception:  # noqa: BLE001
        return None


def _changed_cells(old_cols, new_cols, rows: int):
    """(row, column) of every cell whose value changed, or None when that cannot be told."""
    if len(old_cols) != len(new_cols):
        return None
    out = []
    for c, (old, new) in enumerate(zip(old_cols, new_cols)):
        changed = _changed_rows(old, new, rows)
        if changed is None:
            return None
        out += [(r, c) for r in changed]
    return out


class _LazyColumn:
    """Base of columns formatted on demand: ``values`` are compared to tell which cells changed."""

    values: list = []


class ArrayTableModel(QAbstractTableModel):
    """Columns of equal length (numpy arrays or lists). Numbers show 4 significant digits, tooltips full
    precision. A column can be greyed out (a later phase), rows can be emphasised (active words)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._headers: list[str] = []
        self._cols: list = []
        self._tips: list[str] = []
        self._cell_tips: dict = {}
        self._grey: set[int] = set()
        self._bold = np.zeros(0, dtype=bool)
        self._rows = 0
        self._bold_font = QFont()
        self._bold_font.setBold(True)

    def set_columns(self, headers, cols, tips=None, grey=(), bold=None, cell_tips=None) -> None:
        """``tips``: header tooltips; ``grey``: columns not reached yet; ``bold``: rows to emphasise;
        ``cell_tips``: {column: fn(row) -> str} for tooltips made on demand.

        With the same headers and number of rows as before only the cells are announced as changed
        (``dataChanged``): the table keeps its layout, column widths and scroll position and just repaints."""
        headers, cols = list(headers), list(cols)
        rows = max((len(c) for c in cols), default=0)
        tips = list(tips) if tips is not None else [""] * len(headers)
        same = headers == self._headers and rows == self._rows
        if not same:
            self.beginResetModel()
        old_cols, old_grey, old_bold = self._cols, self._grey, self._bold
        self._cell_tips = dict(cell_tips or {})
        self._headers = headers
        self._cols = cols
        tips_changed = tips != self._tips
        self._tips = tips
        self._grey = set(grey)
        self._rows = rows
        self._bold = np.zeros(self._rows, dtype=bool) if bold is None else np.asarray(bold, dtype=bool)
        if not same:
            self.endResetModel()
            return
        if rows and headers:
            cells = None
            if (self._grey == old_grey and len(old_bold) == len(self._bold)
                    and np.array_equal(old_bold, self._bold) and rows * len(headers) <= _CELLS_COMPARED):
                cells = _changed_cells(old_cols, cols, rows)
            if cells is None or len(cells) > _CELLS_ONE_BY_ONE:
                self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(headers) - 1))
            else:
                # only the cells whose values changed: the views repaint just those (a range repaints the
                # whole table)
                for r, c in cells:
                    ix = self.index(r, c)
                    self.dataChanged.emit(ix, ix)
        if tips_changed and headers:
            self.headerDataChanged.emit(Qt.Horizontal, 0, len(headers) - 1)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._headers)

    def value(self, row: int, col: int):
        c = self._cols[col]
        return c[row] if row < len(c) else None

    def column(self, name: str):
        return self._cols[self._headers.index(name)]

    def text(self, row: int, col: int) -> str:
        v = self.value(row, col)
        if col in self._grey:
            return "\u2014"
        if isinstance(v, (float, np.floating)):
            return fmt(v)
        if isinstance(v, (np.integer,)):
            return str(int(v))
        return "" if v is None else str(v)

    def data(self, index, role=Qt.DisplayRole):
        # called for every visible cell and role: compare plain ints, build nothing unneeded
        role = role.value if hasattr(role, "value") else role
        if role == _DISPLAY:
            return self.text(index.row(), index.column())
        if role == _ALIGN:
            v = self.value(index.row(), index.column())
            return _RIGHT if isinstance(v, _NUMBER_TYPES) and not isinstance(v, bool) else _LEFT
        if role == _FOREGROUND:
            return _GREY_BRUSH if index.column() in self._grey else None
        if role == _FONT:
            r = index.row()
            return self._bold_font if r < len(self._bold) and self._bold[r] else None
        if role == _BACKGROUND:
            r = index.row()
            return _BOLD_BRUSH if r < len(self._bold) and self._bold[r] else None
        if role == _TOOLTIP:
            r, c = index.row(), index.column()
            if c in self._grey:
                return self._tips[c] if c < len(self._tips) else None
            if c in self._cell_tips:
                return self._cell_tips[c](r)
            v = self.value(r, c)
            if isinstance(v, (float, np.floating)):
                return f"{self._headers[c]} = {full(v)}"
            return None if v is None else str(v)
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal:
            if role == Qt.DisplayRole and section < len(self._headers):
                return self._headers[section]
            if role == Qt.ToolTipRole and section < len(self._tips):
                return self._tips[section] or None
            return None
        if role == Qt.DisplayRole:
            return str(section + 1)
        return None

    def all_text(self) -> list[list[str]]:
        """Every cell as displayed (for tests and copying)."""
        return [[self.text(r, c) for c in range(len(self._headers))] for r in range(self._rows)]


def table_view(model: QAbstractTableModel) -> QTableView:
    t = QTableView()
    t.setModel(model)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setDefaultSectionSize(20)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    t.setSelectionBehavior(QTableView.SelectRows)
    t.setWordWrap(False)
    return t


# ---------------------------------------------------------------------------------------------------------
# a line of text that changes every step
#: characters a line may not start with (Chinese punctuation that closes or follows)
NO_LINE_START = set("，。、；：？！）》」』”’…—,.;:?!)]}")


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"


def _line_break(text: str, fit: int) -> int:
    """Where to end a line of ``text`` when its first ``fit`` characters fit: after the last space, or —
    in Chinese, which has no spaces — between any two characters, but not before closing punctuation."""
    if fit >= len(text):
        return fit
    cut = fit
    while 0 < cut and cut < len(text) and text[cut] in NO_LINE_START:
        cut -= 1
    if 0 < cut and (_is_cjk(text[cut - 1]) or _is_cjk(text[cut])):
        return cut
    space = text.rfind(" ", 0, fit + 1)
    return space if space > 0 else fit


class InfoLine(QWidget):
    """One line of text for numbers that change every step (captions, read-outs).

    Unlike a QLabel, setting its text never asks the layout for a new size (a QLabel does on every setText,
    which relayouts its view, the dock and the main window): the height is fixed, the text is drawn as it
    fits — elided at the end, the whole text in the tooltip. :meth:`set_runs` draws runs of plain, bold and
    highlighted text.
    """

    def __init__(self, parent=None, point_delta: float = 0.0, lines: int = 1):
        super().__init__(parent)
        self._runs: list[tuple[str, bool, bool]] = []
        self._lines = max(1, int(lines))
        self._point_delta = point_delta
        self._fit_font()
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        # opaque: a new text repaints this line only, not the view, dock and window behind it
        self.setAutoFillBackground(True)

    def _fit_font(self) -> None:
        """The fonts (``point_delta`` larger than the widget's, which follows the application's) and the
        fixed height, again after every font change (e.g. presentation mode: large text is not cut)."""
        normal = QFont(self.font())
        if self._point_delta:
            normal.setPointSizeF(normal.pointSizeF() + self._point_delta)
        bold = QFont(normal)
        bold.setBold(True)
        self._normal, self._bold = normal, bold
        self.setFixedHeight(int(QFontMetricsF(bold).lineSpacing() * self._lines + 4))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_font()
            self.update()

    def text(self) -> str:
        return "".join(r[0] for r in self._runs)

    def setText(self, text: str) -> None:
        self.set_runs([(str(text), False, False)])

    def set_runs(self, runs) -> None:
        """``runs``: (text, bold, highlighted) pieces, drawn one after the other."""
        runs = [(str(t), bool(b), bool(h)) for t, b, h in runs]
        if runs != self._runs:
            self._runs = runs
            self.setToolTip(self.text())
            self.update()

    def sizeHint(self):
        return QSize(200, self.height())

    def _layout(self, width: float) -> list:
        """(piece, x, line, bold, highlighted) to draw, for this text and width (remembered)."""
        key = (tuple(self._runs), width, self._normal.key())
        if key == getattr(self, "_layout_key", None):
            return self._pieces
        fm_n, fm_b = QFontMetricsF(self._normal), QFontMetricsF(self._bold)
        pieces = []
        x, line = 2.0, 0
        for text, bold, hl in self._runs:
            fm = fm_b if bold or hl else fm_n
            while text:
                room = width - x
                if fm.horizontalAdvance(text) <= room:
                    piece, text = text, ""
                elif line + 1 < self._lines:
                    # the longest start that fits (binary search), cut at its last space if it has one
                    lo, hi = 0, len(text)
                    while lo < hi:
                        mid = (lo + hi + 1) // 2
                        if fm.horizontalAdvance(text[:mid]) <= room:
                            lo = mid
                        else:
                            hi = mid - 1
                    cut = _line_break(text, lo)
                    if cut == 0 and x <= 2.0:
                        cut = 1
                    piece, text = text[:cut], text[cut:].lstrip(" ")
                else:
                    pieces.append((fm.elidedText(text, Qt.ElideRight, max(0.0, room)), x, line, bold, hl))
                    self._layout_key, self._pieces = key, pieces
                    return pieces
                if piece:
                    pieces.append((piece, x, line, bold, hl))
                x += fm.horizontalAdvance(piece)
                if text:
                    line += 1
                    x = 2.0
        self._layout_key, self._pieces = key, pieces
        return pieces

    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.TextAntialiasing, True)
        color = self.palette().color(QPalette.WindowText)
        fm_n, fm_b = QFontMetricsF(self._normal), QFontMetricsF(self._bold)
        line_h = fm_b.lineSpacing()
        for piece, x, line, bold, hl in self._layout(self.width() - 4):
            fm = fm_b if bold or hl else fm_n
            p.setFont(self._bold if bold or hl else self._normal)
            top = 2 + line * line_h
            if hl:
                p.fillRect(QRectF(x - 1, top, fm.horizontalAdvance(piece) + 2, line_h), HIGHLIGHT_FILL)
            p.setPen(color)
            p.drawText(QPointF(x, top + fm.ascent()), piece)
        p.end()


class SteadyLabel(QLabel):
    """A QLabel for short text that changes every step (counters in the tool bar and the status bar).

    A QLabel asks for a new layout on every new text, and Qt passes that request up through its view, the
    dock and the main window, which then lays out and repaints far more than the label. This one has a fixed
    size that only grows — by the room of a few more characters at a time — when a text needs more, so a new
    count repaints the label alone. A font change fits it anew.
    """

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._fit(shrink=True)

    def setText(self, text: str) -> None:
        if text != self.text():
            super().setText(text)
            self._fit()

    def _needed(self) -> QSize:
        """The size the text needs (QLabel.sizeHint cannot say: it never answers less than the minimum)."""
        br = self.fontMetrics().boundingRect(QRect(0, 0, 100_000, 1000), int(self.alignment())
                                             | Qt.TextFlag.TextSingleLine, self.text() or " ")
        m = self.contentsMargins()
        extra = 2 * self.margin()
        return QSize(br.width() + m.left() + m.right() + extra, br.height() + m.top() + m.bottom() + extra)

    def _fit(self, shrink: bool = False) -> None:
        need = self._needed()
        if shrink or need.width() > self.maximumWidth() or need.height() != self.maximumHeight():
            self.setFixedSize(need.width() + self.fontMetrics().horizontalAdvance("000"), need.height())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit(shrink=True)


class Pinned(QWidget):
    """Holds one widget that fills it, without a layout: the child's requests for a new size stop here.

    For a word-wrapped label whose text changes every step (the guided walk's caption): it takes the room
    the view gives it (``hint``, at least ``minimum``), and a new text repaints the label only.
    """

    def __init__(self, child: QWidget, hint: QSize = QSize(200, 80), minimum: QSize = QSize(40, 40), parent=None):
        super().__init__(parent)
        self.child = child
        child.setParent(self)
        self._hint, self._minimum = QSize(hint), QSize(minimum)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def sizeHint(self) -> QSize:
        return self._hint

    def minimumSizeHint(self) -> QSize:
        return self._minimum

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.child.setGeometry(self.rect())


# ---------------------------------------------------------------------------------------------------------
# export
class ExportMixin:
    """``export(path)`` writes the view as .png (what is on screen) or .svg (vector where possible)."""

    def export_targets(self):
        """What to export: the widget by default (subclasses may return plot items / scenes)."""
        return [self]

    def export(self, path) -> Path:
        path = Path(path)
        ext = path.suffix.lower()
        if ext == ".png":
            img = self.grab()
            if not img.save(str(path), "PNG"):
                raise OSError(f"cannot write {str(path)!r}")
        elif ext == ".svg":
            self._export_svg(path)
        else:
            raise ValueError(f"unsupported export format {ext!r} (use .png or .svg)")
        return path

    def _export_svg(self, path: Path) -> None:
        """Vector SVG through QSvgGenerator: a graphics scene is rendered item by item, a widget with its
        children (pyqtgraph plots included: they paint through the same painter)."""
        from PySide6.QtSvg import QSvgGenerator
        from PySide6.QtWidgets import QGraphicsView

        targets = self.export_targets()
        target = targets[0] if targets else self
        if isinstance(target, QGraphicsView):
            rect = target.scene().sceneRect()
            w, h = max(1, int(rect.width())), max(1, int(rect.height()))
        else:
            if not hasattr(target, "render") or not hasattr(target, "grab"):
                target = self
            w, h = max(1, target.width()), max(1, target.height())
        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(QSize(w, h))
        gen.setViewBox(QRectF(0, 0, w, h))
        gen.setTitle(getattr(self, "name", "view"))
        cached = _cached_items(self)
        for item in cached:            # vector output: draw every item, not its cached pixmap
            item.setCacheMode(QGraphicsItem.NoCache)
        p = QPainter(gen)
        try:
            if isinstance(target, QGraphicsView):
                p.fillRect(QRectF(0, 0, w, h), Qt.white)
                target.scene().render(p, QRectF(0, 0, w, h), target.scene().sceneRect())
            else:
                target.render(p, QPoint(0, 0))
        finally:
            p.end()
            for item in cached:
                item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        if not path.exists():
            raise OSError(f"cannot write {str(path)!r}")


def _cached_items(widget) -> list:
    """Items with a pixmap cache in the graphics scenes under ``widget``."""
    out = []
    for gv in widget.findChildren(QGraphicsView) + ([widget] if isinstance(widget, QGraphicsView) else []):
        scene = gv.scene()
        if scene is not None:
            out += [it for it in scene.items() if it.cacheMode() != QGraphicsItem.NoCache]
    return out


# ---------------------------------------------------------------------------------------------------------
# redraw only what is on screen
class OnScreenMixin:
    """Redraw only while on screen.

    :class:`~explorer.qt.views.base.View` skips redraws while hidden, but Qt 6 does not hide the dock widgets
    of a tab that is not the current one: it moves them outside the window (``isVisible()`` stays True).
    Here a view also counts as hidden when none of it is visible (empty ``visibleRegion()``); it catches up
    when it is moved or resized back into view (a tab switch) or shown.
    """

    def on_screen(self) -> bool:
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def _on_changed(self) -> None:
        if self.bridge.session is None:
            return
        if self.on_screen():
            self.refresh()
            self._stale = False
        else:
            self._stale = True

    def _catch_up(self) -> None:
        if self._stale and self.bridge.session is not None and self.on_screen():
            self.refresh()
            self._stale = False

    def moveEvent(self, event):
        super().moveEvent(event)
        if self._stale:
            QTimer.singleShot(0, self, self._catch_up)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self._stale:
            QTimer.singleShot(0, self, self._catch_up)


# ---------------------------------------------------------------------------------------------------------
# one repaint per step
class DirectRepaint:
    """Repaint a graphics view in the same pass as the rest of the window.

    Qt paints a QGraphicsView when its scene has processed its changed items, and right then flushes every
    pending repaint of the window: each scene costs a pass of its own over the window (with four plots, five
    passes per step). Here the view does not follow its scene (``NoViewportUpdate``); the owner calls
    :meth:`repaint` after a redraw, which marks the whole view for the window's next (single) pass. Changes
    made by the user (zoom, pan, hover) still repaint: they come through the scene's ``changed`` signal —
    except the one right after :meth:`repaint`, which is that redraw's own.
    """

    def __init__(self, view: QGraphicsView):
        self.view = view
        view.setViewportUpdateMode(QGraphicsView.NoViewportUpdate)
        # the view paints every pixel (its background brush): no erasing, nothing painted behind it
        view.viewport().setAttribute(Qt.WA_OpaquePaintEvent, True)
        self._own = False
        view.scene().changed.connect(self._changed)

    def repaint(self) -> None:
        self.view.viewport().update()
        if not self._own:
            self._own = True
            QTimer.singleShot(0, self.view, self._clear)

    def _clear(self) -> None:
        self._own = False

    def _changed(self, _rects) -> None:
        if self._own:
            self._own = False
            return
        self.view.viewport().update()


__all__ = ["fmt", "full", "fmt_vec", "full_vec", "diverging_cmap", "diverging_colors", "diverging_rgba",
           "ArrayTableModel", "table_view", "ExportMixin", "OnScreenMixin", "InfoLine", "SteadyLabel", "Pinned",
           "DirectRepaint", "WordAxis",
           "style_plot", "cache_axes", "cache_item", "set_plot_title", "set_range", "forget_range", "set_axis_label",
           "set_ticks", "move_points", "word_axis_width", "plot_widget", "set_word_ticks", "show_tip", "QPointF"]
