"""Switching the interface language at run time: a new main window around the same application state.

Every widget takes its texts when it is built, so the simplest robust way to show a new language is to
build the window again. Everything the window shows is in its :class:`~explorer.app.state.AppState` — the
session itself (step, phase, history, bookmarks, learning-rate schedule: nothing is copied), the file it came
from, the selected word, the guided walk's position, presentation mode and the dark theme, the play speed and
play itself, and every option the user set in a panel (views keep theirs in the state as they change; the
setup panel's fields, applied or not, are put there as a draft now). :func:`rebuild_window` builds a new
window of the same class on that state and hands over what belongs to the window rather
than to the state: the dock layout and geometry, full screen, the autosaver, the status-bar message.

The old window is closed without saving anything (its layout is the new window's now). Python keeps the new
window alive in :data:`WINDOWS`.
"""

from __future__ import annotations

from ..layout import LAYOUT_VERSION

#: windows made by a language switch (a top-level window needs a Python reference to stay open)
WINDOWS: list = []


def rebuild_window(old):
    """A new main window in the language now installed, showing ``old``'s state; ``old`` is closed. Returns
    the new window (``old`` itself when a run is in progress: nothing changes then)."""
    if old.is_busy():
        return old
    state = old.state
    state.set_option("setup", "draft", old.setup_panel.draft())
    layout, geometry, window_state = old.saveState(LAYOUT_VERSION), old.saveGeometry(), old.windowState()
    message = old.statusBar().currentMessage()
    saver, old.autosaver = old.autosaver, None
    old.release_state()

    new = type(old)(None, settings=old.settings, views=old.view_classes, restore_layout=False, state=state)
    new.adopt_layout(layout, geometry, save_on_close=old.saves_layout)
    if saver is not None:
        saver.setParent(new)
        saver.window = new  # the autosaver (issue 17 reworks it) follows the window that shows the session
        new.autosaver = saver
    new.setWindowState(window_state)
    new.act_fullscreen.setChecked(old.act_fullscreen.isChecked())
    new.show()
    if message:
        new.show_message(message)
    old.discard()
    if old in WINDOWS:
        WINDOWS.remove(old)
    WINDOWS.append(new)
    new.activateWindow()
    return new
