"""Where the docks go: the default arrangement, Reset layout, and the layout remembered in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer

#: bump when the default set of docks changes incompatibly (old saved layouts are then ignored)
LAYOUT_VERSION = 1
DEFAULT_SIZE = (1600, 1000)

#: the default arrangement: columns left to right; in each column, rows top to bottom; a row that is a
#: tuple holds docks tabbed together (the first one in front). Docks not named here join the last row.
DEFAULT_COLUMNS = (
    ("setup",),
    (("inspector",), ("equations", "walk")),
    (("network",), ("loss", "heatmap"), ("projection", "neighbours")),
)
COLUMN_WIDTHS = (290, 760, 550)
ROW_HEIGHTS = {1: (58, 42), 2: (56, 18, 26)}  # the network: 30 words without scrolling at 1920×1080


class DockLayout:
    """Arranges the docks of ``window`` (a QMainWindow with a ``docks`` dict: name → QDockWidget)."""

    def __init__(self, window):
        self.w = window
        self.default_columns: list = []
        self.default_state = QByteArray()

    def apply_default(self) -> None:
        """Setup on the left; inspector and equations in the middle; network and plots on the right."""
        self.default_columns = self.apply(DEFAULT_COLUMNS, COLUMN_WIDTHS, ROW_HEIGHTS)
        self.default_state = self.w.saveState(LAYOUT_VERSION)

    def apply(self, spec, widths=(), heights=None) -> list:
        """Arrange the docks: ``spec`` lists columns left to right, each a tuple of rows top to bottom, each
        row a tuple of dock names tabbed together (the first in front). Docks not named join the last row;
        names without a dock are skipped. ``widths`` are column widths in pixels, ``heights`` maps a column
        index to the relative heights of its rows. Returns the arrangement used."""
        columns = self._columns_of(spec)
        self._dock_columns(columns)
        self._raise_fronts(columns)
        self.resize_columns(columns, widths, heights or {})
        return columns

    def _columns_of(self, spec) -> list:
        """``spec`` with only the names that have a dock, each row a list; the docks not named join the
        last row (or make a second column)."""
        docks = self.w.docks
        placed = set()
        columns = []
        for col in spec:
            rows = []
            for row in col:
                row = (row,) if isinstance(row, str) else row
                names = [n for n in row if n in docks]
                if names:
                    rows.append(names)
                    placed.update(names)
            if rows:
                columns.append(rows)
        rest = [n for n in docks if n not in placed]
        if rest:
            if len(columns) < 2:
                columns.append([rest])
            else:
                columns[-1][-1].extend(rest)
        return columns

    def _dock_columns(self, columns) -> None:
        """Take every dock off the window and dock it again as ``columns`` say: split into columns, then
        rows, then tabbed."""
        w, docks = self.w, self.w.docks
        for dock in docks.values():
            if dock.isFloating():
                dock.setFloating(False)
            w.removeDockWidget(dock)
        first_of_col = []
        for ci, rows in enumerate(columns):
            top = docks[rows[0][0]]
            if ci == 0:
                w.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, top)
            else:
                w.splitDockWidget(first_of_col[-1], top, Qt.Orientation.Horizontal)
            first_of_col.append(top)
        for rows in columns:  # all splits first: splitting a tabbed dock would add a tab instead
            for upper, lower in zip(rows, rows[1:]):
                w.splitDockWidget(docks[upper[0]], docks[lower[0]], Qt.Orientation.Vertical)
        for rows in columns:
            for row in rows:
                for other in row[1:]:
                    w.tabifyDockWidget(docks[row[0]], docks[other])
        for dock in docks.values():
            dock.show()

    def _raise_fronts(self, columns) -> None:
        for rows in columns:
            for row in rows:
                self.w.docks[row[0]].raise_()

    def resize_columns(self, columns, widths, heights) -> None:
        w, docks = self.w, self.w.docks
        widths = list(widths[: len(columns)])
        widths += [400] * (len(columns) - len(widths))
        w.resizeDocks([docks[rows[0][0]] for rows in columns], widths, Qt.Orientation.Horizontal)
        for ci, rows in enumerate(columns):
            if len(rows) > 1:
                hs = list(heights.get(ci, ()))[: len(rows)]
                hs += [30] * (len(rows) - len(hs))
                total = max(1, w.height() - 150)
                w.resizeDocks(
                    [docks[r[0]] for r in rows],
                    [int(total * h / sum(hs)) for h in hs],
                    Qt.Orientation.Vertical,
                )

    def resize_default(self) -> None:
        self.resize_columns(self.default_columns, COLUMN_WIDTHS, ROW_HEIGHTS)

    def reset(self) -> None:
        """Every dock back in its default place and size, shown, docked."""
        for dock in self.w.docks.values():
            if dock.isFloating():
                dock.setFloating(False)
        self.w.restoreState(self.default_state, LAYOUT_VERSION)
        for dock in self.w.docks.values():
            dock.show()
        self._raise_fronts(self.default_columns)
        self.resize_default()
        QTimer.singleShot(0, self.w, self.resize_default)

    def restore(self, settings) -> bool:
        """Put back the saved geometry and dock layout (False if none was saved or it does not fit)."""
        geom = settings.value("layout/geometry")
        state = settings.value("layout/state")
        ok = False
        if isinstance(geom, QByteArray) and not geom.isEmpty():
            self.w.restoreGeometry(geom)
        if isinstance(state, QByteArray) and not state.isEmpty():
            ok = self.w.restoreState(state, LAYOUT_VERSION)
        return ok

    def save(self, settings) -> None:
        settings.setValue("layout/geometry", self.w.saveGeometry())
        settings.setValue("layout/state", self.w.saveState(LAYOUT_VERSION))
