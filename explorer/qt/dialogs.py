"""The main window's dialogs: file choosers, the question before a large configuration, the list of
keyboard shortcuts and About."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

#: ``translate("MainWindow", "...")``: lupdate finds these calls (the texts keep their context)
translate = QCoreApplication.translate


def ask_open_path(parent, title: str, filters: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return path or None


def ask_save_path(parent, title: str, filters: str, suggested: str = "") -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


def confirm_costly(parent, warning: str) -> bool:
    """Ask before applying a configuration whose steps would be slow or large."""
    answer = QMessageBox.warning(
        parent,
        translate("MainWindow", "A large configuration"),
        translate("MainWindow", "{warning}.\n\nApply it anyway?").format(warning=warning),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def shortcut_table(window) -> list[tuple[str, str]]:
    """(action, key) for every action of ``window`` with a shortcut, in menu order."""
    seen, rows = set(), []
    for a in window.actions() + window.findChildren(QAction):
        if id(a) in seen or a.shortcut().isEmpty():
            continue
        seen.add(id(a))
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts())
        rows.append((a.text().replace("&", ""), keys))
    return rows


def shortcuts_dialog(window) -> QDialog:
    d = QDialog(window)
    d.setWindowTitle(translate("MainWindow", "Keyboard shortcuts"))
    lay = QVBoxLayout(d)
    rows = shortcut_table(window)
    t = QTableWidget(len(rows), 2, d)
    t.setHorizontalHeaderLabels([translate("MainWindow", "Action"), translate("MainWindow", "Key")])
    for i, (text, key) in enumerate(rows):
        t.setItem(i, 0, QTableWidgetItem(text))
        t.setItem(i, 1, QTableWidgetItem(key))
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    lay.addWidget(t)
    bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    bb.rejected.connect(d.close)
    lay.addWidget(bb)
    d.resize(460, 520)
    return d


def show_about(parent) -> None:
    QMessageBox.about(
        parent,
        translate("MainWindow", "About the word2vec Gradient Explorer"),
        translate(
            "MainWindow",
            "<p><b>word2vec Gradient Explorer</b></p><p>Steps word2vec through training one example "
            "at a time and shows every number of the derivation: h, u, y, t, e, EH, the loss E and "
            "the update of every vector.</p><p>Names follow Xin Rong, <i>word2vec Parameter Learning "
            "Explained</i>.</p>",
        ),
    )


@contextmanager
def working(window, message: str):
    """A wait cursor and ``message`` in ``window``'s status bar while it builds something that can take
    seconds (a corpus of megabytes: reading, the vocabulary, the examples, the training-set loss)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    bar = window.statusBar()
    bar.showMessage(message)
    bar.repaint()  # now: the work below keeps the event loop from painting
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
        if bar.currentMessage() == message:  # a message the work left (a problem) stays
            bar.clearMessage()
