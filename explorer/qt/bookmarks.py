"""The Bookmarks menu: name the current state ("after epoch 5"), list the bookmarks, jump back.

Bookmarks live in the session (:meth:`Session.add_bookmark`), so they are saved with it; adding, going to and
removing one are commands (``window.commands``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu


class BookmarksMenu(QObject):
    """Builds and keeps up to date the Bookmarks menu of ``window`` (a MainWindow)."""

    def __init__(self, window, before: QAction | None = None):
        super().__init__(window)
        self.window = window
        self.menu = QMenu(self.tr("&Bookmarks"), window)
        self.menu.setToolTipsVisible(True)
        if before is not None:
            window.menuBar().insertMenu(before, self.menu)
        else:
            window.menuBar().addMenu(self.menu)
        self.act_add = QAction(self.tr("Add bookmark…"), self)
        self.act_add.setShortcut(QKeySequence("Ctrl+B"))
        self.act_add.setToolTip(self.tr("Name the current step so you can come back to it (Ctrl+B)"))
        self.act_add.triggered.connect(lambda: self.add())
        self.remove_menu = QMenu(self.tr("Remove bookmark"), self.menu)
        self.menu.aboutToShow.connect(self.rebuild)
        window.addAction(self.act_add)  # the shortcut works with the menu closed
        self.rebuild()

    def _session(self):
        return self.window.bridge.session

    def rebuild(self) -> None:
        m = self.menu
        m.clear()
        m.addAction(self.act_add)
        s = self._session()
        self.act_add.setEnabled(s is not None)
        marks = list(s.bookmarks) if s is not None else []
        m.addSeparator()
        if not marks:
            a = m.addAction(self.tr("No bookmarks yet"))
            a.setEnabled(False)
        for name, step in marks:
            a = m.addAction(self.tr("{name} — step {step}").format(name=name, step=step))
            a.setToolTip(self.tr("Go back to step {step}").format(step=step))
            a.triggered.connect(lambda _c=False, n=name: self.goto(n))
            a.setEnabled(s is not None and step <= s.furthest)
        self.remove_menu.clear()
        for name, _step in marks:
            a = self.remove_menu.addAction(name)
            a.triggered.connect(lambda _c=False, n=name: self.remove(n))
        m.addSeparator()
        m.addMenu(self.remove_menu)
        self.remove_menu.setEnabled(bool(marks))

    def add(self, name: str | None = None) -> bool:
        s = self._session()
        if s is None:
            return False
        if name is None:
            default = self.tr("step {step}").format(step=s.step)
            name, ok = QInputDialog.getText(
                self.window,
                self.tr("Add bookmark"),
                self.tr("Name for step {step}:").format(step=s.step),
                text=default,
            )
            if not ok:
                return False
        ok = self.window.commands.add_bookmark(name)
        self.rebuild()
        return ok

    def goto(self, name: str) -> bool:
        return self._session() is not None and self.window.commands.goto_bookmark(name)

    def remove(self, name: str) -> None:
        if self.window.commands.remove_bookmark(name):
            self.rebuild()
