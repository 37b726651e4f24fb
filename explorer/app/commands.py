"""Every user action as a command: one path, one error policy.

:meth:`Commands.call` runs a session call; whatever started it (a key, a menu, the guided walk, the loss plot,
the setup panel, a file dialog, a long run finishing), the outcome is the same:

- a numeric blow-up (:class:`~explorer.errors.BlowUpError`) stops play and reports a ``blowup``
  :class:`~.state.Problem` (the parameters are as before that step: the engine checks before applying);
- any other :class:`~explorer.errors.ExplorerError` (a bad file, a refused setting, an impossible seek) and an
  ``OSError`` of a file command report an ``error`` Problem in one line;
- the state is kept: the session, its step and its history are as before.

A command returns True when it did what it was asked. Nothing here imports Qt; long runs go to a ``runner``
(the Qt shell passes a worker thread; :class:`InlineRunner` runs in the calling thread) and the shell shows
the Problems and messages the state emits.

Loading a new session and replacing the one shown (undoable; built on the runner, with progress and Cancel)
are :class:`~.loading.SessionLoading`'s commands, a base class of :class:`Commands`: one class, one path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from ..check.command import export_initial_weights
from ..check.comparison import TraceComparison
from ..errors import BlowUpError, ExplorerError
from ..session import Session, exports
from .comparison import Comparison, difference_step, session_command
from .i18n import translate
from .lecture_settings import lecture_config
from .loading import LoadJob, SessionLoading
from .state import IDLE, PLAYING, RUNNING, AppState, Problem, Status
from .walk import session_phase

#: a trace longer than this many steps is written on the runner (with progress)
LONG_TRACE = 2000
EXPORTERS = {
    "vectors": exports.export_vectors,
    "weights": exports.export_weights,
    "trace": exports.export_trace,
    "loss": exports.export_loss_csv,
}


class InlineRunner:
    """Runs a long call at once in the calling thread (scripts, tests); the Qt shell uses a worker thread
    with the same methods."""

    running = False
    _session = None

    def start(self, session, fn: Callable, progress: Callable, done: Callable) -> bool:
        result, error = None, None
        self.running, self._session = True, session
        try:
            result = fn(session, progress)
        except Exception as exc:  # noqa: BLE001 - handed to the error policy, never lost
            error = exc
        finally:
            self.running, self._session = False, None
        done(result, error)
        return True

    def cancel(self) -> None:
        """Cancel from inside the run (a progress callback): the run stops at its next check."""
        if self._session is not None:
            self._session.cancel()


class Commands(SessionLoading):
    """The user's actions on ``state``. ``runner`` runs long calls (default :class:`InlineRunner`)."""

    def __init__(self, state: AppState, runner=None):
        self.state = state
        self.runner = runner if runner is not None else InlineRunner()
        self._run_what = ""
        self._load: LoadJob | None = None

    # -- the one path -------------------------------------------------------------------------------
    def call(self, fn: Callable, *args, path=None, writing: bool = False):
        """``(True, fn(*args))``, or ``(False, None)`` with the problem reported (see the module doc)."""
        try:
            return True, fn(*args)
        except (ExplorerError, OSError) as exc:
            if not self._report(exc, path, writing):
                raise
        return False, None

    def _report(self, exc: BaseException, path=None, writing: bool = False) -> bool:
        """Report ``exc`` by the policy above; False if it is none of those (a bug: the caller decides)."""
        if isinstance(exc, BlowUpError):
            self.blowup(exc)
        elif isinstance(exc, ExplorerError):
            self.state.report(Problem("error", str(exc)))
        elif isinstance(exc, OSError) and path is not None:
            text = (
                translate("MainWindow", "Cannot write {path}: {reason}")
                if writing
                else translate("MainWindow", "Cannot open {path}: {reason}")
            )
            self.state.report(Problem("error", text.format(path=path, reason=exc.strerror or exc)))
        elif isinstance(exc, MemoryError) and path is not None:
            text = translate("MainWindow", "Cannot open {path}: it does not fit in memory")
            self.state.report(Problem("error", text.format(path=path)))
        else:
            return False
        return True

    def blowup(self, exc: BaseException) -> None:
        """A step would blow up: play stops; nothing was applied."""
        self.stop_play()
        self.state.report(
            Problem(
                "blowup",
                translate(
                    "MainWindow",
                    "Stopped: {problem}. The parameters are as before that step; "
                    "try a smaller learning rate.",
                ).format(problem=exc),
            )
        )

    def _live(self) -> Session | None:
        """Before a manual action: stop play; the session to act on (None while a run holds it)."""
        self.stop_play()
        return self.state.live_session

    # -- the transport ------------------------------------------------------------------------------
    def advance(self, n: int) -> int:
        """Move ``n`` steps forward: along the computed timeline (redo) first, then new steps. Raises (the
        caller goes through :meth:`call`)."""
        s = self.state.session
        assert s is not None  # callers go through _live() first
        done = 0
        while done < n and s.can_redo():
            s.redo()
            done += 1
        if done < n:
            done += s.step_forward(n - done)
        return done

    def step(self) -> bool:
        return self._live() is not None and self.call(self.advance, 1)[0]

    def sub_step(self) -> bool:
        s = self._live()
        return s is not None and self.call(s.sub_step)[0]

    def sub_step_back(self) -> bool:
        s = self._live()
        return s is not None and self.call(s.sub_step_back)[0]

    def back(self) -> bool:
        s = self._live()
        return s is not None and bool(self.call(s.undo)[1])

    def forward(self) -> bool:
        s = self._live()
        return s is not None and bool(self.call(s.redo)[1])

    def seek(self, k: int) -> bool:
        s = self._live()
        return s is not None and self.call(s.seek, int(k))[0]

    def seek_end(self) -> bool:
        s = self._live()
        return s is not None and self.seek(s.furthest)

    def set_lr(self, lr: float) -> bool:
        """η of the next steps, also while playing (a refused value is reported; η stays)."""
        s = self.state.live_session
        return s is not None and self.call(s.set_lr, float(lr))[0]

    # -- play ---------------------------------------------------------------------------------------
    def play(self) -> bool:
        if self.state.live_session is None or self.state.playing:
            return False
        self.state.set_status(Status(PLAYING))
        return True

    def stop_play(self) -> None:
        if self.state.playing:
            self.state.set_status(Status(IDLE))

    def play_steps(self, n: int, keep_going: Callable[[], bool] = lambda: True) -> int:
        """One tick of play: up to ``n`` steps while ``keep_going()``; a problem stops play. Returns the
        steps taken."""
        s = self.state.live_session
        if s is None or not self.state.playing:
            return 0
        done = 0

        def run():
            nonlocal done
            while done < n:
                done += self.advance(1)
                if not keep_going():
                    break

        self.call(run)
        return done

    # -- long runs ----------------------------------------------------------------------------------
    def run_steps(self, n: int) -> bool:
        """Fast-forward ``n`` steps on the runner."""
        return n > 0 and self._start("steps", lambda s, progress: s.run(int(n), progress))

    def run_epoch(self) -> bool:
        """Run to the end of the current epoch on the runner."""
        return self._start("epoch", lambda s, progress: s.run_epoch(progress))

    def cancel_run(self) -> None:
        if self.state.busy or self._load is not None:
            self.runner.cancel()
            self.state.say(translate("MainWindow", "Cancelling…"))

    def _start(self, what: str, fn: Callable) -> bool:
        s = self._live()
        if s is None:
            return False
        self._run_what = what
        self.state.set_status(Status(RUNNING, what=what))
        started = self.runner.start(s, fn, self._progress, self._finished)
        if not started and self.state.busy:
            self.state.set_status(Status(IDLE))
        return started

    def _progress(self, done: int, total: int) -> None:
        st = self.state.status
        if st.kind == RUNNING:
            self.state.set_status(Status(RUNNING, int(done), int(total), st.what))

    def _finished(self, result, error) -> None:
        what, self._run_what = self._run_what, ""
        self.state.set_status(Status(IDLE))
        self.state.events.changed.emit()  # one redraw with the run's outcome
        if error is not None:
            if isinstance(error, BlowUpError):
                self.blowup(error)
            elif isinstance(error, ExplorerError):
                self.state.report(Problem("error", str(error)))
            else:
                self.state.report(
                    Problem(
                        "error",
                        translate(
                            "MainWindow", "The run stopped because of an internal error: {error}"
                        ).format(error=f"{type(error).__name__}: {error}"),
                    )
                )
            return
        if what.startswith("export:"):
            self.state.say(translate("MainWindow", "Wrote {path}.").format(path=what.split(":", 1)[1]))
        elif result is None:
            return
        elif getattr(result, "blowup", None) is not None:
            self.blowup(result.blowup)
        elif getattr(result, "cancelled", False):
            self.state.say(translate("MainWindow", "Cancelled after {n} steps.").format(n=result.steps_done))
        else:
            self.state.say(
                translate("MainWindow", "Ran {n} steps in {s:.2f} s.").format(
                    n=result.steps_done, s=result.seconds
                )
            )

    # -- saving and exporting -----------------------------------------------------------------------
    def save_session(self, path) -> bool:
        s = self._live()
        if s is None:
            return False
        if not self.call(s.save, path, path=path, writing=True)[0]:
            return False
        self.state.set_session_path(str(path))
        self.state.say(translate("MainWindow", "Saved the session to {path}.").format(path=path))
        return True

    def export(self, kind: str, path) -> bool:
        """File ▸ Export data: ``vectors``, ``weights``, ``trace`` or ``loss``
        (``explorer.session.exports``)."""
        s = self._live()
        if s is None:
            return False
        fn = cast(Callable[..., object], EXPORTERS[kind])  # mypy joins their signatures to "function"
        if kind == "trace" and s.furthest > LONG_TRACE:
            return self._start(f"export:{path}", lambda sess, progress: fn(sess, path, progress=progress))
        if not self.call(fn, s, path, path=path, writing=True)[0]:
            return False
        self.state.say(translate("MainWindow", "Wrote {path}.").format(path=path))
        return True

    # -- comparing with the user's trace (File ▸ Compare with my trace…) ----------------------------------
    def compare_trace(self, path) -> bool:
        """Compare the trace file ``path`` (ours or partial, JSON Lines) with the session's run from its
        initial weights; mark the differences and go to the first. A bad file is reported in one line and
        the state (the session, a comparison shown before) kept."""
        s = self._live()
        if s is None:
            return False
        ok, result = self.call(TraceComparison.against_session, s, path, path=path)
        if not ok:
            return False
        if result.steps_compared == 0:
            self.state.report(
                Problem("error", translate("Comparison", "The trace {path} has no steps.").format(path=path))
            )
            return False
        comparison = Comparison(result, str(path))
        self.state.set_comparison(comparison)
        first = result.first()
        if first is not None:
            self.goto_difference(first)
        self.state.say(comparison.summary())
        return True

    def goto_difference(self, diff) -> bool:
        """Make ``diff`` the current difference and show its step (computed first when not yet)."""
        c, s = self.state.comparison, self._live()
        if c is None or s is None:
            return False
        k = difference_step(diff)

        def go():
            if k > s.furthest:
                s.seek(s.furthest)
                s.step_forward(k - s.step)
            else:
                s.seek(k)

        ok = self.call(go)[0]
        c.current = diff
        self.state.events.comparison.emit(c)
        return ok

    def next_difference(self) -> bool:
        """Compare ▸ Next difference: the first differing step after the one shown."""
        return self._step_difference(+1)

    def previous_difference(self) -> bool:
        """Compare ▸ Previous difference: the last differing step before the one shown."""
        return self._step_difference(-1)

    def _step_difference(self, direction: int) -> bool:
        c, s = self.state.comparison, self.state.live_session
        if s is None:
            return False
        if c is None:
            self.state.say(translate("Comparison", "No comparison yet: File ▸ Compare with my trace…"))
            return False
        rec = s.record
        here = int(rec.step) if rec is not None else 0
        diff = c.result.next_after(here) if direction > 0 else c.result.previous_before(here)
        if diff is None:
            self.state.say(
                translate("Comparison", "No later difference.")
                if direction > 0
                else translate("Comparison", "No earlier difference.")
            )
            return False
        ok = self.goto_difference(diff)
        if ok:
            i, n = c.position(diff)
            self.state.say(
                translate("Comparison", "Difference {i} of {n}: step {step}, {field}.").format(
                    i=i, n=n, step=difference_step(diff), field=diff.field
                )
            )
        return ok

    def clear_comparison(self) -> None:
        self.state.set_comparison(None)

    def command_text(self) -> tuple[str, list[str]] | None:
        """File ▸ Copy as command: the command line reproducing the session's run, and what it cannot say."""
        s = self.state.session
        return None if s is None else session_command(s)

    def export_initial_weights(self, path) -> bool:
        """File ▸ Export initial weights: W and W′ before step 1 (``--weights``), written atomically."""
        s = self._live()
        if s is None or not self.call(export_initial_weights, s, path, path=path, writing=True)[0]:
            return False
        self.state.say(translate("MainWindow", "Wrote {path}.").format(path=path))
        return True

    # -- the first lecture (Train ▸ First lecture settings) ------------------------------------------------
    def first_lecture(self, then: Callable[[Session], None] | None = None) -> bool:
        """A new session on the same corpus with the lecture settings (``explorer.app.lecture_settings``:
        the lecture init and the η measured for this mode, architecture and output layer), so Play shows
        the loss falling from the first epoch. Undoable (Edit ▸ Undo new session) like Apply;
        ``then(session)`` runs after it is shown (the setup panel shows its settings)."""
        s = self._live()
        if s is None or self.state.busy:
            return False
        ok, config = self.call(lecture_config, s.config)
        if not ok:
            return False
        text, fmt, name = s.text, s.fmt, s.name

        def build(progress) -> Session:
            return Session(text, config, fmt, name=name, progress=progress)

        def done(new: Session) -> None:
            self.replace_session(new)
            self.state.say(
                translate(
                    "MainWindow",
                    "First lecture settings: W and W′ uniform in ±2/√N, η = {lr:g}, N = {N}, window m = {m}; "
                    "press Play (Space) to watch the loss fall.",
                ).format(lr=config.lr, N=config.hidden, m=config.window)
            )
            if then is not None:
                then(new)

        return self.load(translate("MainWindow", "Building the model again…"), build, done)

    # -- bookmarks ----------------------------------------------------------------------------------
    def add_bookmark(self, name: str) -> bool:
        s = self._live()
        if s is None:
            return False
        s.add_bookmark(name)
        self.state.say(
            translate("BookmarksMenu", "Bookmark “{name}” set at step {step}").format(
                name=s.bookmarks[-1][0], step=s.step
            )
        )
        return True

    def goto_bookmark(self, name: str) -> bool:
        s = self._live()
        return s is not None and self.call(s.goto_bookmark, name)[0]

    def remove_bookmark(self, name: str) -> bool:
        s = self._live()
        if s is None:
            return False
        s.remove_bookmark(name)
        return True

    # -- the guided walk ----------------------------------------------------------------------------
    def walk_next(self) -> bool:
        """The next part of the derivation; past the last one, the next example's first."""
        s = self._live()
        if s is None:
            return False
        cur = self.state.walk
        cur.sync(s)
        if self.state.prompts and cur.ask_before_next():
            self.state.events.teaching.emit()  # the walk asks its question; the next press shows the answer
            return True
        ok = True
        if cur.items and cur.index + 1 < len(cur.items):
            target = cur.index + 1
            while ok and s.pending is not None and session_phase(s) < cur.items[target].phase_index:
                ok = self.call(s.sub_step)[0]
            cur.sync(s)
            if ok:
                cur.index = target
        else:
            ok = self.call(s.sub_step)[0]
            cur.sync(s)
        self.show_walk()
        return ok

    def walk_previous(self) -> bool:
        """The previous part; before the first one, back into the previous example."""
        s = self._live()
        if s is None:
            return False
        cur = self.state.walk
        cur.sync(s)
        if cur.asking is not None:  # back from a question: the item it was asked at
            cur.asking = None
            self.state.events.teaching.emit()
            return True
        ok = True
        if cur.items and cur.index > 0:
            target = cur.index - 1
            if cur.items[target].phase_index < session_phase(s):
                ok = self.call(s.sub_step_back)[0]
            cur.sync(s)
            if ok:
                cur.index = target
        elif s.can_undo():
            ok = self.call(s.sub_step_back)[0]
            cur.sync(s, prefer_last=True)
        self.show_walk()
        return ok

    def show_walk(self) -> None:
        """Highlight the walk's current item in every view (nothing without one)."""
        item = self.state.walk.current
        self.state.set_highlight(item.highlight if item is not None else ())

    def hide_walk(self) -> None:
        self.state.set_highlight(())


__all__ = ["Commands", "InlineRunner", "EXPORTERS", "LONG_TRACE"]
