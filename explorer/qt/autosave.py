"""Autosave: the session is saved every few seconds while it changes, and on exit.

A lock file holding the process id marks a running explorer. If the next start finds the lock of a process
that no longer exists next to an autosaved session, the explorer was killed (or crashed): it offers to
restore that session, losing at most the last :data:`INTERVAL_MS` of steps. Saving goes through
:meth:`Session.save`, which writes a temporary file and renames it: never a half-written file.

The folder is Qt's application-data location, or ``$W2V_EXPLORER_DATA`` when set.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer

from ..errors import ExplorerError
from ..session import Session

INTERVAL_MS = 5000
AUTOSAVE_NAME = "autosave.w2vx"
LOCK_NAME = "running.lock"


def data_dir() -> Path:
    env = os.environ.get("W2V_EXPLORER_DATA")
    if env:
        return Path(env)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class Autosaver(QObject):
    def __init__(self, window, folder: Path | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(window)
        self.window = window
        self.folder = Path(folder) if folder is not None else data_dir()
        self.path = self.folder / AUTOSAVE_NAME
        self.lock = self.folder / LOCK_NAME
        self._signature = None
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_if_changed)

    # -- start-up -----------------------------------------------------------------------------------
    def crashed_session(self) -> Path | None:
        """The autosave of an explorer that did not exit cleanly, if any (call before :meth:`start`)."""
        if not self.path.is_file() or not self.lock.is_file():
            return None
        try:
            pid = int(self.lock.read_text().strip() or 0)
        except (OSError, ValueError):
            pid = 0
        if pid == os.getpid() or _pid_alive(pid):
            return None  # another explorer is running right now
        return self.path

    def start(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.lock.write_text(str(os.getpid()))
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
        if self.window.is_busy():
            return False
        s, sig = self._state()
        if s is None or sig == self._signature:
            return False
        try:
            s.save(self.path)
        except (ExplorerError, OSError) as exc:
            self.last_error = f"autosave failed: {exc}"
            self.window.show_message(self.last_error)
            return False
        self._signature = sig
        return True

    def stop(self) -> None:
        """Final save and a clean exit: the lock goes, so the next start does not offer a restore."""
        self.timer.stop()
        self.save_if_changed()
        try:
            self.lock.unlink()
        except OSError:
            pass

    def restore(self, path: Path) -> Session | None:
        try:
            return Session.load(path)
        except ExplorerError as exc:
            self.window.show_error(f"could not restore the autosaved session: {exc}")
            return None
