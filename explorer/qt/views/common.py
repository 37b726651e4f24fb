"""Shared pieces of the views: number formatting, colours, a lazily formatted numpy table model, plot
styling, hover tips and export to PNG / SVG."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QHeaderView, QTableView, QToolTip

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
        parts.append(f"\u2026 ({len(v) - limit} more)")
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


def diverging_cmap() -> pg.ColorMap:
    """Blue (negative) – white (0) – red (positive), for symmetric levels."""
    return pg.ColorMap(pos=np.array([0.0, 0.5, 1.0]),
                       color=np.array([[33, 102, 172, 255], [247, 247, 247, 255], [178, 24, 43, 255]],
                                      dtype=np.ubyte))


def diverging_lut(n: int = 256) -> np.ndarray:
    return diverging_cmap().getLookupTable(0.0, 1.0, n, alpha=False)


def diverging_colors(values, limit: float) -> np.ndarray:
    """(k, 3) uint8 colours of ``values`` on the diverging map with levels −limit..limit."""
    lut = diverging_lut(256)
    v = np.asarray(values, dtype=np.float64)
    limit = limit if limit > 0 else 1.0
    idx = np.clip(((v / limit) + 1) * 0.5 * 255, 0, 255).astype(int)
    return lut[idx]


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


def plot_widget() -> pg.PlotWidget:
    w = pg.PlotWidget(background="w")
    style_plot(w.getPlotItem())
    return w


def layout_widget() -> pg.GraphicsLayoutWidget:
    return pg.GraphicsLayoutWidget(border=None)


def set_word_ticks(axis: pg.AxisItem, words, max_labels: int, offset: float = 0.0) -> None:
    """One tick per word at ``i + offset`` (when there are at most ``max_labels``), else automatic numeric
    ticks. The labels are split into three levels (about 4, 12, then all): a level whose labels do not fit
    the axis is left out, so labels never pile up, and a longer axis shows more of them."""
    n = len(words)
    if n > max_labels:
        axis.setTicks(None)
        return
    a, b = max(1, -(-n // 4)), max(1, -(-n // 12))
    lv0 = [(i + offset, str(w)) for i, w in enumerate(words) if i % a == 0]
    lv1 = [(i + offset, str(w)) for i, w in enumerate(words) if i % a != 0 and i % b == 0]
    lv2 = [(i + offset, str(w)) for i, w in enumerate(words) if i % a != 0 and i % b != 0]
    axis.setStyle(textFillLimits=[(0, 0.9)], hideOverlappingLabels=True, maxTextLevel=2, maxTickLevel=2)
    axis.setTicks([lv0, lv1, lv2])
    if axis.orientation in ("left", "right") and n:
        # room for the longest word now (labels wider than the axis would be dropped until a relayout)
        fm = QFontMetricsF(axis.style.get("tickFont") or QFont())
        axis.setWidth(int(min(160, max(fm.horizontalAdvance(str(w)) for w in words) + 16)))


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
        ``cell_tips``: {column: fn(row) -> str} for tooltips made on demand."""
        self.beginResetModel()
        self._cell_tips = dict(cell_tips or {})
        self._headers = list(headers)
        self._cols = list(cols)
        self._tips = list(tips) if tips is not None else [""] * len(self._headers)
        self._grey = set(grey)
        self._rows = max((len(c) for c in self._cols), default=0)
        self._bold = np.zeros(self._rows, dtype=bool) if bold is None else np.asarray(bold, dtype=bool)
        self.endResetModel()

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
        p = QPainter(gen)
        try:
            if isinstance(target, QGraphicsView):
                p.fillRect(QRectF(0, 0, w, h), Qt.white)
                target.scene().render(p, QRectF(0, 0, w, h), target.scene().sceneRect())
            else:
                target.render(p, QPoint(0, 0))
        finally:
            p.end()
        if not path.exists():
            raise OSError(f"cannot write {str(path)!r}")


__all__ = ["fmt", "full", "fmt_vec", "full_vec", "diverging_cmap", "diverging_colors", "ArrayTableModel",
           "table_view", "ExportMixin", "style_plot", "plot_widget", "set_word_ticks", "show_tip", "QPointF"]
