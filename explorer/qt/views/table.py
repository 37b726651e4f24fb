"""A table over numpy arrays, formatted only when drawn, that announces only the cells whose values
changed."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTableView

from ...app.format import fmt, full
from .palette import GREY


def _role_value(role) -> int:
    return role.value if hasattr(role, "value") else int(role)


_DISPLAY, _TOOLTIP, _ALIGN = (_role_value(r) for r in (Qt.DisplayRole, Qt.ToolTipRole, Qt.TextAlignmentRole))
_FOREGROUND, _FONT, _BACKGROUND = (
    _role_value(r) for r in (Qt.ForegroundRole, Qt.FontRole, Qt.BackgroundRole)
)
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
        return (
            a.shape == b.shape
            and a.dtype == b.dtype
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        )
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
        return None  # the same object may have been changed in place
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
            if (
                self._grey == old_grey
                and len(old_bold) == len(self._bold)
                and np.array_equal(old_bold, self._bold)
                and rows * len(headers) <= _CELLS_COMPARED
            ):
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
