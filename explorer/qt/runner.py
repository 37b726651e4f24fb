"""Long runs (one epoch, fast-forward N steps, a long trace export) on a worker thread, so the window never
freezes.

:class:`RunWorker` is the Qt runner of :class:`~explorer.app.commands.Commands`: ``start(session, fn,
progress, done)`` runs ``fn(session, progress)`` on a :class:`QThread`; ``progress(done, total)`` and
``done(result, error)`` are called on the GUI thread (queued signals). The session is not thread-safe: while
the run holds it the application state is ``running`` (``state.live_session`` is ``None``, the session's
events are ignored), so nothing in the window touches it — the worker needs to know nothing about the window.

:meth:`RunWorker.cancel` may be called at any time from the GUI thread (``Session.cancel`` only sets a flag);
it is repeated until the run stops, because ``Session.run`` clears the flag when it starts.

Building a new session is such a run too (:meth:`~explorer.app.commands.Commands.load`; its ``session`` is a
:class:`~explorer.app.loading.LoadJob`). :meth:`RunWorker.settle` lets the caller wait a short grace for a
quick one, so a small build is shown at once, without a progress bar.
"""

from __future__ import annotations

import itertools
import sys
import threading
import traceback

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from ..app.loading import LoadCancelled, LoadJob
from ..errors import ExplorerError

_serials = itertools.count(1)


class _RunThread(QThread):
    #: (the run's serial number, done, total): a report queued before its run ended is told from a newer one's
    progress = Signal(int, int, int)

    def __init__(self, fn, quiet: tuple = (), parent=None):
        super().__init__(parent)
        self._fn = fn
        self._quiet = (ExplorerError, *quiet)
        self.serial = next(_serials)
        self.result = None
        self.error: BaseException | None = None
        self.ended = threading.Event()

    def run(self):  # runs on the worker thread
        try:
            self.result = self._fn(self._emit_progress)
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread, never lost
            self.error = exc
            if not isinstance(exc, self._quiet):
                traceback.print_exc(file=sys.stderr)
        finally:
            self.ended.set()

    def _emit_progress(self, done: int, total: int) -> None:
        self.progress.emit(self.serial, int(done), int(total))


class RunWorker(QObject):
    """Runs one long session call at a time on a :class:`QThread`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: _RunThread | None = None
        self._session = None
        self._progress = self._done = None
        self._cancel_timer = QTimer(self)
        self._cancel_timer.setInterval(50)
        self._cancel_timer.timeout.connect(self._send_cancel)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, session, fn, progress, done) -> bool:
        """Run ``fn(session, progress)``; False if a run is already in progress."""
        if self._thread is not None:
            return False
        self._session, self._progress, self._done = session, progress, done
        # a load's expected problems (cancelled, an unreadable or too large file) are reported to the user
        quiet = (LoadCancelled, OSError, MemoryError) if isinstance(session, LoadJob) else ()
        th = _RunThread(lambda report: fn(session, report), quiet)
        th.progress.connect(self._on_progress)
        th.finished.connect(self._on_thread_finished)
        self._thread = th
        th.start()
        return True

    def cancel(self) -> None:
        """Ask the run to stop (takes effect at the session's next check)."""
        if self._thread is not None:
            self._send_cancel()
            self._cancel_timer.start()

    def _send_cancel(self) -> None:
        if self._session is not None:
            self._session.cancel()

    def _on_progress(self, serial: int, done: int, total: int) -> None:
        if self._thread is not None and self._thread.serial == serial and self._progress is not None:
            self._progress(done, total)

    def settle(self, seconds: float) -> bool:
        """Wait up to ``seconds`` (blocking the calling thread: only a short grace) for the run to end; if it
        did, report it finished now. True if no run is left."""
        th = self._thread
        if th is None:
            return True
        if th.ended.wait(seconds):
            th.wait()
            self._on_thread_finished()
        return self._thread is None

    def wait(self, cancel: bool = True, timeout_ms: int | None = None) -> bool:
        """Block until the run has stopped (cancelling it first by default) and report it finished.

        Used when the window closes. Returns True if no run is left.
        """
        th = self._thread
        if th is None:
            return True
        waited = 0
        while th.isRunning():
            if cancel:
                self._send_cancel()
            th.wait(50)
            waited += 50
            if timeout_ms is not None and waited >= timeout_ms:
                return False
        self._on_thread_finished()
        return True

    def _on_thread_finished(self) -> None:
        th = self._thread
        if th is None or th.isRunning():
            return
        self._thread = None
        self._cancel_timer.stop()
        done, self._done, self._progress, self._session = self._done, None, None, None
        result, error = th.result, th.error
        th.progress.disconnect(self._on_progress)
        th.deleteLater()
        if done is not None:
            done(result, error)
