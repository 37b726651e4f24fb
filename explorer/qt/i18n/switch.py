"""Switching the interface language at run time: a new main window around the same session.

Every widget takes its texts when it is built, so the simplest robust way to show a new language is to
build the window again: :func:`rebuild_window` installs nothing itself (the caller installed the new
translator), builds a fresh :class:`~explorer.qt.main_window.MainWindow` with the same view classes and
settings, and moves everything over from the old one:

- the session object itself (step, phase, history, bookmarks, learning-rate schedule: nothing is copied),
  the file it was opened from, the selected word;
- the dock layout and window geometry (``saveState`` / ``saveGeometry``), full screen, presentation mode and
  the dark theme, the play speed, and play itself;
- what the user set in the panels: the setup fields (also edits not applied yet, with their marks), and in
  every view its check boxes, combo boxes, spin boxes, tabs, splitters (matched by type and order, which
  is the same in both windows because the same code built them), the guided walk's position;
- the autosaver and the status-bar message.

Then the new window is shown and the old one closed without saving anything (its layout is the new
window's now). Python keeps the new window alive in :data:`WINDOWS`.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractButton, QAbstractSlider, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox,
                               QSplitter, QTabWidget, QWidget)

#: windows made by a language switch (a top-level window needs a Python reference to stay open)
WINDOWS: list = []


def _pairs(old_root: QWidget, new_root: QWidget, cls) -> list[tuple]:
    """Widgets of type ``cls`` under both roots, paired by order; none when the two trees differ."""
    a = [w for w in old_root.findChildren(cls) if type(w).__name__ != "QScrollBar"]
    b = [w for w in new_root.findChildren(cls) if type(w).__name__ != "QScrollBar"]
    if len(a) != len(b) or any(type(x) is not type(y) for x, y in zip(a, b)):
        return []
    return list(zip(a, b))


def copy_widget_state(old_root: QWidget, new_root: QWidget) -> None:
    """What the user set under ``old_root`` (check boxes, combo boxes, spin boxes, line edits, editable plain
    text, tabs, splitters, sliders), onto the same widgets under ``new_root``. Signals are not blocked, so
    the new widgets' owners follow (e.g. a log-scale check box switches its plot)."""
    for old, new in _pairs(old_root, new_root, QAbstractButton):
        if old.isCheckable() and new.isCheckable() and old.isChecked() != new.isChecked():
            new.setChecked(old.isChecked())
    for old, new in _pairs(old_root, new_root, QComboBox):
        data = old.currentData()
        i = new.findData(data) if data is not None else -1
        if i < 0 and old.count() == new.count():
            i = old.currentIndex()
        if i >= 0 and i != new.currentIndex():
            new.setCurrentIndex(i)
    for old, new in _pairs(old_root, new_root, QSpinBox):
        if old.value() != new.value():
            new.setValue(old.value())
    for old, new in _pairs(old_root, new_root, QAbstractSlider):
        if not isinstance(old, QSpinBox) and old.value() != new.value():
            new.setValue(old.value())
    for old, new in _pairs(old_root, new_root, QLineEdit):
        if not old.isReadOnly() and old.parent() is not None and not isinstance(old.parent(), (QSpinBox,
                                                                                                QComboBox)):
            if old.text() != new.text():
                new.setText(old.text())
    for old, new in _pairs(old_root, new_root, QPlainTextEdit):
        if not old.isReadOnly() and old.toPlainText() != new.toPlainText():
            new.setPlainText(old.toPlainText())
    for old, new in _pairs(old_root, new_root, QTabWidget):
        if old.count() == new.count():
            new.setCurrentIndex(old.currentIndex())
    for old, new in _pairs(old_root, new_root, QSplitter):
        new.restoreState(old.saveState())


def rebuild_window(old):
    """A new main window in the language now installed, showing ``old``'s session and state; ``old`` is
    closed. Returns the new window (``old`` itself when a run is in progress: nothing changes then)."""
    from ..main_window import LAYOUT_VERSION, MainWindow

    if old.is_busy():
        return old
    playing = old.transport.is_playing()
    old.transport.pause()
    session = old.bridge.session
    state, geometry = old.saveState(LAYOUT_VERSION), old.saveGeometry()
    window_state = old.windowState()

    new = MainWindow(None, settings=old.settings, views=[type(v) for v in old.views], restore_layout=False)
    new._save_layout = old._save_layout
    new.restoreGeometry(geometry)
    new.restoreState(state, LAYOUT_VERSION)
    new._sized = True  # the dock sizes came with the state
    new._session_path = old._session_path
    if old.act_dark.isChecked():
        new.set_dark(True)
    if old.act_presentation.isChecked():
        new.set_presentation(True)
    new.transport.speed.setValue(old.transport.speed.value())

    # the session moves: the old bridge lets go of it first (no events to a window that is going away)
    if session is not None:
        session.unsubscribe(old.bridge._on_event)
        old.bridge.session = None
        new.bridge.selected_word = old.bridge.selected_word
        new.set_session(session, fill_fields=False)
    panel_old, panel_new = old.setup_panel, new.setup_panel
    panel_new._loading = True
    try:
        copy_widget_state(panel_old, panel_new)
    finally:
        panel_new._loading = False
    for key, message in panel_old.errors.items():
        panel_new.mark(key, message)
    panel_new._set_dirty(panel_old.is_dirty())
    panel_new._update_relevance()
    panel_new._update_preset_tip()
    for v_old, v_new in zip(old.views, new.views):
        copy_widget_state(v_old, v_new)
        carry = getattr(v_old, "view_state", None)
        if callable(carry) and callable(getattr(v_new, "restore_view_state", None)):
            v_new.restore_view_state(carry())
    if session is not None:
        new.bridge.changed.emit()

    saver, old.autosaver = old.autosaver, None
    if saver is not None:
        saver.setParent(new)
        saver.window = new
        new.autosaver = saver
    message = old.statusBar().currentMessage()

    new.setWindowState(window_state)
    new.act_fullscreen.setChecked(old.act_fullscreen.isChecked())
    new.show()
    if message:
        new.show_message(message)
    old._save_layout = False
    old.close()
    old.deleteLater()
    if old in WINDOWS:
        WINDOWS.remove(old)
    WINDOWS.append(new)
    new.activateWindow()
    if playing:
        new.transport.play()
    return new
