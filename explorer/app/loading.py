"""Loading and replacing the session: the commands that build a new session and show it.

Replacing the session (Apply, Reset, a preset, Open corpus, Open session) is undoable: the replaced session is
kept whole — history, bookmarks, learning-rate schedule — on a short stack (:data:`MAX_PREVIOUS_SESSIONS`)
and :meth:`SessionLoading.undo_session` brings it back. (Undo rather than a question first: changing presets
is what a lecturer does all the time, and an undo also recovers from a confirmed mistake.)

Building a new session (:meth:`SessionLoading.load`: Apply, Reset, a preset, Open corpus, Open session) runs
on the runner, as long runs do, so a corpus of megabytes or a long history to verify never blocks the event
loop. The build gets a ``progress(stage, fraction)`` callback; Cancel makes its next call raise
:class:`LoadCancelled`, and a cancelled or failed load changes nothing. A load that ends within
:data:`LOAD_GRACE_S` (a preset, a small corpus) returns finished — no progress bar flashes, and keys pressed
meanwhile act on the new session; a longer one goes on in the background as ``running`` with progress and
Cancel.

:class:`SessionLoading` is a part of :class:`~.commands.Commands` (its base class), which is the one command
path: errors go through its policy (:meth:`~.commands.Commands.call`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import BlowUpError, ExplorerError
from ..session import Session
from ..session.persistence import load_session
from .i18n import QT_TRANSLATE_NOOP, translate
from .state import IDLE, MAX_PREVIOUS_SESSIONS, RUNNING, AppState, Problem, Replaced, Status

#: a load that ends within this many seconds returns finished (the calling thread waits that long at most)
LOAD_GRACE_S = 0.25
#: the stages that session building and session files report (translated when shown)
LOAD_STAGES = (
    QT_TRANSLATE_NOOP("MainWindow", "reading the corpus"),
    QT_TRANSLATE_NOOP("MainWindow", "building the vocabulary and examples"),
    QT_TRANSLATE_NOOP("MainWindow", "computing the initial loss"),
    QT_TRANSLATE_NOOP("MainWindow", "reading the session file"),
    QT_TRANSLATE_NOOP("MainWindow", "replaying the history"),
    QT_TRANSLATE_NOOP("MainWindow", "planning the first epoch"),
    QT_TRANSLATE_NOOP("MainWindow", "ready"),
)


class LoadCancelled(Exception):
    """Raised by a load's progress callback after Cancel. Not an ExplorerError, so no handler on the way
    (a corpus or file check) mistakes it for a problem of the input."""


class LoadJob:
    """A session being built on the runner: the runner's ``session`` for a load (its Cancel calls
    :meth:`cancel`); ``stage`` is the last stage the build reported."""

    def __init__(self, what: str):
        self.what = what
        self.stage = ""
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def progress(self, report: Callable[[int, int], None]) -> Callable[[str, float], None]:
        """The build's ``progress(stage, fraction)``: raises :class:`LoadCancelled` after Cancel, else passes
        the fraction on to the runner's ``report(done, total)`` in thousandths."""

        def progress(stage: str, fraction: float) -> None:
            if self.cancelled:
                raise LoadCancelled()
            self.stage = stage
            report(int(round(1000 * min(max(float(fraction), 0.0), 1.0))), 1000)

        return progress


class SessionLoading:
    """The commands on the session itself: load a new one, show it, open a file, undo the replacement. A base
    class of :class:`~.commands.Commands`, which gives ``state``, ``runner``, ``_load`` and the one path."""

    state: AppState
    runner: Any  # InlineRunner or the Qt shell's worker thread
    _load: LoadJob | None

    if TYPE_CHECKING:  # provided by Commands

        def stop_play(self) -> None: ...

        def _live(self) -> Session | None: ...

        def _report(self, exc: BaseException, path=None, writing: bool = False) -> bool: ...

    # -- loading a new session ----------------------------------------------------------------------
    def load(
        self,
        what: str,
        build: Callable[[Callable[[str, float], None]], Session],
        done: Callable[[Session], bool | None],
        path=None,
        rejected: Callable[[ExplorerError], None] | None = None,
    ) -> bool:
        """Build a new session with ``build(progress)`` on the runner; ``done(session)`` then shows it
        (e.g. through :meth:`replace_session`; it may return False for "not applied"). ``what`` is the status
        text while it loads (e.g. "Opening run.w2vx…").

        Cancel, or a problem, changes nothing: the current session stays, and a message says what happened —
        ``rejected(exc)`` for an :class:`ExplorerError` if given (the setup panel marks its field), else the
        one policy of :meth:`~.commands.Commands.call` (``path`` names the file). Returns False when refused,
        failed or cancelled, else True (done, or still loading in the background: see :data:`LOAD_GRACE_S`).
        """
        if self.state.busy or self._load is not None:
            return False
        self.stop_play()
        job = self._load = LoadJob(what)
        outcome: dict[str, bool] = {}

        def finished(result, error) -> None:
            self._load = None
            was_busy = self.state.busy
            self.state.set_status(Status(IDLE))
            if error is None and job.cancelled:
                error = LoadCancelled()
            if error is None:
                outcome["ok"] = done(result) is not False
                return
            outcome["ok"] = False
            if was_busy:
                self.state.events.changed.emit()  # the views skipped their redraws while it loaded
            if isinstance(error, LoadCancelled):
                self.state.say(translate("MainWindow", "Cancelled: the current session is kept."))
            elif (
                rejected is not None
                and isinstance(error, ExplorerError)
                and not isinstance(error, BlowUpError)
            ):
                rejected(error)
            elif not self._report(error, path):
                text = translate("MainWindow", "Loading stopped because of an internal error: {error}")
                self.state.report(Problem("error", text.format(error=f"{type(error).__name__}: {error}")))

        def run(job: LoadJob, report: Callable[[int, int], None]) -> Session:
            progress = job.progress(report)
            session = build(lambda stage, fraction: progress(stage, 0.9 * fraction))
            # the first thing the views ask a new session (the loss plot's epoch length) is planned here,
            # not on the event loop: seconds for a corpus of megabytes
            progress("planning the first epoch", 0.9)
            session.steps_per_epoch()
            progress("ready", 1.0)
            return session

        started = self.runner.start(job, run, self._load_progress, finished)
        if not started:
            self._load = None
            return False
        settle = getattr(self.runner, "settle", None)
        if "ok" not in outcome and settle is not None:
            settle(LOAD_GRACE_S)
        if "ok" not in outcome and self._load is job:  # still loading: the app goes on around it
            self.state.set_status(Status(RUNNING, what=f"load:{what}"))
        return outcome.get("ok", True)

    def _load_progress(self, done: int, total: int) -> None:
        job, st = self._load, self.state.status
        if job is not None and st.kind == RUNNING and st.what.startswith("load:"):
            stage = translate("MainWindow", job.stage) if job.stage else ""
            self.state.set_status(Status(RUNNING, int(done), int(total), st.what, stage))

    # -- the session itself -------------------------------------------------------------------------
    def replace_session(self, session: Session, path: str | None = None, preset: str | None = None) -> bool:
        """Show a new session; the one it replaces can come back with :meth:`undo_session`."""
        if self._live() is None and self.state.session is not None:
            return False
        old = self.state.session
        if old is not None:
            self.state.previous.append(Replaced(old, self.state.session_path, preset))
            del self.state.previous[:-MAX_PREVIOUS_SESSIONS]
        self.state.set_session(session, path)
        return True

    def can_undo_session(self) -> bool:
        return bool(self.state.previous) and not self.state.busy

    def undo_session(self) -> Session | None:
        """Edit ▸ Undo new session: the session before the last Apply / Reset / Open, exactly as it was."""
        if not self.can_undo_session() or self._live() is None:
            return None
        back = self.state.previous.pop()
        self.state.set_session(back.session, back.path)
        self.state.say(
            translate("MainWindow", "Back to the previous session, at step {step}.").format(
                step=back.session.step
            )
        )
        return back.session

    def open_session(self, path, then: Callable[[Session], None] | None = None) -> bool:
        """Read a ``.w2vx`` file and replay its history to verify it, on the runner (:meth:`load`); a bad
        file is reported and the current session kept. ``then(session)`` runs after it is shown."""
        if self.state.busy:
            return False

        def done(session: Session) -> None:
            self.replace_session(session, str(path))
            text = translate("MainWindow", "Opened {path} at step {step}.")
            self.state.say(text.format(path=path, step=session.step))
            if then is not None:
                then(session)

        return self.load(
            translate("MainWindow", "Opening {path}…").format(path=path),
            lambda progress: load_session(path, cls=Session, progress=progress),
            done,
            path=path,
        )
