"""Autosave in the app: a Qt timer saves the session every few seconds while it changes, and on exit.

The files and locks are :class:`explorer.session.autosave.AutosaveStore`'s (one autosave per running
explorer, keyed by its process id). On start the app offers to restore each autosave whose explorer is gone
(killed or crashed), losing at most the last :data:`INTERVAL_MS` of steps; a clean exit removes only this
explorer's own autosave. The folder is Qt's application-data location, or ``$W2V_EXPLORER_DATA`` when set.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer

from ..errors import ExplorerError
from ..session import Session
from ..session.autosave import AutosaveStore, Orphan

INTERVAL_MS = 5000


def data_dir() -> Path:
    env = os.environ.get("W2V_EXPLORER_DATA")
    if env:
        return Path(env)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


class Autosaver(QObject):
    def __init__(self, window, folder: Path | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(window)
        self.window = window
        self.store = AutosaveStore(Path(folder) if folder is not None else data_dir())
        self.folder, self.path, self.lock = self.store.folder, self.store.path, self.store.lock
        self._signature = None
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_if_changed)

    # -- start-up -----------------------------------------------------------------------------------
    def crashed_sessions(self) -> list[Orphan]:
        """Autosaves of explorers that did not exit cleanly, newest first (call before :meth:`start`)."""
        return self.store.orphans()

    def start(self) -> None:
        try:
            self.store.open()
        except OSError as exc:
            self.last_error = f"autosave is off: cannot write to {str(self.folder)!r} ({exc.strerror or exc})"
            self.window.show_message(self.last_error)
            return
        self.timer.start()

    # -- saving -------------------------------------------------------------------------------------
    def _state(self):
        s = self.window.bridge.session
        if s is None:
            return None, None
        sig = (id(s), s.step, s.furthest, s.phase_index, tuple(s.schedule.changes), tuple(s.bookmarks))
        return s, sig

    def save_if_changed(self) -> bool:
        """Save when the session changed since the last save (never during a run: it is not thread-safe)."""
        if self.window.is_busy() or not self.store.is_open:
            return False
        s, sig = self._state()
        if s is None or sig == self._signature:
            return False
        try:
            self.store.save(s)
        except (ExplorerError, OSError) as exc:
            self.last_error = f"autosave failed: {exc}"
            self.window.show_message(self.last_error)
            return False
        self._signature = sig
        return True

    def stop(self) -> None:
        """A clean exit: this explorer's autosave and lock go, so no restore is offered for it."""
        self.timer.stop()
        self.store.close()

    def restore(self, orphan: Orphan) -> Session | None:
        """Load an orphan (claimed first); it is removed once loaded: this explorer autosaves it from now on.
        A damaged one is reported and removed too."""
        if not self.store.claim(orphan):
            return None  # another explorer took it meanwhile
        try:
            session = Session.load(orphan.path)
        except ExplorerError as exc:
            self.window.show_error(f"could not restore the autosaved session: {exc}")
            session = None
        self.store.discard(orphan)
        return session

    def discard(self, orphan: Orphan) -> None:
        if self.store.claim(orphan):
            self.store.discard(orphan)
