"""Long runs (one epoch, fast-forward N steps) on a worker thread, so the window never freezes.

The session is not thread-safe. While a run is in progress the GUI must not touch it: :class:`RunWorker`
detaches the bridge from the session for the duration (``bridge.session`` is ``None``, so views skip their
redraws and the bridge gets no session events on the worker thread), and reattaches it — emitting
``bridge.changed`` once — when the run has finished. Progress reaches the GUI thread as queued signals and is
forwarded to ``bridge.runProgress``.

:meth:`RunWorker.cancel` may be called at any time from the GUI thread (``Session.cancel`` only sets a
flag); it is repeated until the run stops, because ``Session.run`` clears the flag when it starts.
"""
from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from ..errors import ExplorerError
from .bridge import SessionBridge


class _RunThread(QThread):
    progress = Signal(int, int)

    def __init__(self, fn, parent=None):
        super().__init__(parent)
        self._fn = fn
        self.result = None
        self.error: BaseException | None = None

    def run(self):  # runs on the worker thread
        try:
            self.result = self._fn(self._emit_progress)
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread, never lost
            self.error = exc
            if not isinstance(exc, ExplorerError):
                traceback.print_exc(file=sys.stderr)

    def _emit_progress(self, done: int, total: int) -> None:
        self.progress.emit(int(done), int(total))


class RunWorker(QObject):
    """Runs one long session call at a time on a :class:`QThread`.

    Signals: ``started()``, ``progress(done, total)``, ``finished(result, error)`` where ``result`` is the
    session's ``RunResult`` (or ``None``) and ``error`` an exception (or ``None``).
    """

    started = Signal()
    progress = Signal(int, int)
    finished = Signal(object, object)

    def __init__(self, bridge: SessionBridge, parent=None):
        super().__init__(parent)
        self.bridge = bridge
        self._thread: _RunThread | None = None
        self._session = None
        self._cancel_timer = QTimer(self)
        self._cancel_timer.setInterval(50)
        self._cancel_timer.timeout.connect(self._send_cancel)

    # -- state ------------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self._thread is not None

    @property
    def session(self):
        """The session being run (while :meth:`is_running`), else ``None``."""
        return self._session

    # -- starting ---------------------------------------------------------------------------------
    def run_steps(self, n: int) -> bool:
        """Fast-forward ``n`` steps. Returns False if a run is already in progress."""
        return self._start(lambda s, progress: s.run(int(n), progress))

    def run_epoch(self) -> bool:
        """Run to the end of the current epoch."""
        return self._start(lambda s, progress: s.run_epoch(progress))

    def run_call(self, fn) -> bool:
        """Run ``fn(session, progress)`` on the worker (for other long session calls)."""
        return self._start(fn)

    def _start(self, fn) -> bool:
        session = self.bridge.session
        if self._thread is not None or session is None:
            return False
        self._session = session
        self._detach(session)
        th = _RunThread(lambda progress: fn(session, progress))
        th.progress.connect(self._on_progress)
        th.finished.connect(self._on_thread_finished)
        self._thread = th
        self.started.emit()
        th.start()
        return True

    # -- while running ----------------------------------------------------------------------------
    def cancel(self) -> None:
        """Ask the run to stop (takes effect at the session's next check)."""
        if self._thread is not None:
            self._send_cancel()
            self._cancel_timer.start()

    def _send_cancel(self) -> None:
        if self._session is not None:
            self._session.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        if self._thread is None:
            return
        self.progress.emit(done, total)
        self.bridge.runProgress.emit(done, total)

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
        session = self._session
        self._session = None
        result, error = th.result, th.error
        th.progress.disconnect(self._on_progress)
        th.deleteLater()
        self._attach(session)
        self.finished.emit(result, error)
        if self.bridge.session is session:
            self.bridge.changed.emit()

    # -- keeping the GUI away from the session ----------------------------------------------------
    def _detach(self, session) -> None:
        session.unsubscribe(self.bridge._on_event)  # no session events on the worker thread
        self.bridge.session = None  # views skip redraws (base View checks for None)

    def _attach(self, session) -> None:
        if self.bridge.session is None:
            self.bridge.session = session
        if self.bridge.session is session:
            session.subscribe(self.bridge._on_event)
