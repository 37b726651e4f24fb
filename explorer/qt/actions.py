"""One way to make a QAction: text, tooltip with its shortcut, status tip, slot."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence


def make_action(
    owner, text: str, tip: str, slot=None, shortcut=None, checkable: bool = False, icon=None
) -> QAction:
    """A QAction owned by (and added to) ``owner``, so its shortcut works while the menus are closed.

    The tooltip names the shortcut, e.g. "Step: train on the next example (Right)".
    """
    a = QAction(text, owner)
    if icon is not None:
        a.setIcon(icon)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
        key = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        a.setToolTip(QCoreApplication.translate("Actions", "{tip} ({key})").format(tip=tip, key=key))
    else:
        a.setToolTip(tip)
    a.setStatusTip(tip)
    a.setCheckable(checkable)
    if slot is not None:
        a.triggered.connect(slot)
    owner.addAction(a)
    return a
