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

Replacing the session (Apply, Reset, a preset, Open corpus, Open session) is undoable: the replaced session is
kept whole — history, bookmarks, learning-rate schedule — on a short stack (:data:`MAX_PREVIOUS_SESSIONS`)
and :meth:`Commands.undo_session` brings it back. (Undo rather than a question first: changing presets is
what a lecturer does all the time, and an undo also recovers from a confirmed mistake.)
"""
from __future__ import annotations

from typing import Callable, cast

from ..errors import BlowUpError, ExplorerError
from ..session import Session, exports
from .i18n import translate
from .state import IDLE, MAX_PREVIOUS_SESSIONS, PLAYING, RUNNING, AppState, Problem, Replaced, Status
from .walk import session_phase

#: a trace longer than this many steps is written on the runner (with progress)
LONG_TRACE = 2000
EXPORTERS = {"vectors": exports.export_vectors, "weights": exports.export_weights,
             "trace": exports.export_trace, "loss": exports.export_loss_csv}


class InlineRunner:
    """Runs a long call at once in the calling thread (scripts, tests); the Qt shell uses a worker thread
    with the same methods."""

    running = False

    def start(self, session, fn: Callable, progress: Callable, done: Callable) -> bool:
        result, error = None, None
        self.running = True
        try:
            result = fn(session, progress)
        except Exception as exc:  # noqa: BLE001 - handed to the error policy, never lost
            error = exc
        finally:
            self.running = False
        done(result, error)
        return True

    def cancel(self) -> None:
        pass


class Commands:
    """The user's actions on ``state``. ``runner`` runs long calls (default :class:`InlineRunner`)."""

    def __init__(self, state: AppState, runner=None):
        self.state = state
        self.runner = runner if runner is not None else InlineRunner()
        self._run_what = ""

    # -- the one path -------------------------------------------------------------------------------
    def call(self, fn: Callable, *args, path=None, writing: bool = False):
        """``(True, fn(*args))``, or ``(False, None)`` with the problem reported (see the module doc)."""
        try:
            return True, fn(*args)
        except BlowUpError as exc:
            self.blowup(exc)
        except ExplorerError as exc:
            self.state.report(Problem("error", str(exc)))
        except OSError as exc:
            if path is None:
                raise
            text = translate("MainWindow", "Cannot write {path}: {reason}") if writing else translate("MainWindow", "Cannot open {path}: {reason}")
            self.state.report(Problem("error", text.format(path=path, reason=exc.strerror or exc)))
        return False, None

    def blowup(self, exc: BaseException) -> None:
        """A step would blow up: play stops; nothing was applied."""
        self.stop_play()
        self.state.report(Problem("blowup", translate("MainWindow", "Stopped: {problem}. The parameters are as before that step; "
                                                "try a smaller learning rate.").format(problem=exc)))

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
        if self.state.busy:
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
        self.state.events.changed.emit()           # one redraw with the run's outcome
        if error is not None:
            if isinstance(error, BlowUpError):
                self.blowup(error)
            elif isinstance(error, ExplorerError):
                self.state.report(Problem("error", str(error)))
            else:
                self.state.report(Problem("error", translate("MainWindow", "The run stopped because of an internal error: "
                                                       "{error}").format(error=f"{type(error).__name__}: {error}")))
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
            self.state.say(translate("MainWindow", "Ran {n} steps in {s:.2f} s.").format(n=result.steps_done, s=result.seconds))

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
        self.state.say(translate("MainWindow", "Back to the previous session, at step {step}.").format(step=back.session.step))
        return back.session

    def open_session(self, path) -> bool:
        """Read a ``.w2vx`` file; a bad file is reported and the current session kept."""
        if self.state.busy:
            return False
        self.stop_play()
        ok, session = self.call(Session.load, path, path=path)
        if not ok:
            return False
        self.replace_session(session, str(path))
        self.state.say(translate("MainWindow", "Opened {path} at step {step}.").format(path=path, step=session.step))
        return True

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
        """File ▸ Export data: ``vectors``, ``weights``, ``trace`` or ``loss`` (``explorer.session.exports``)."""
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

    # -- bookmarks ----------------------------------------------------------------------------------
    def add_bookmark(self, name: str) -> bool:
        s = self._live()
        if s is None:
            return False
        s.add_bookmark(name)
        self.state.say(translate("BookmarksMenu", "Bookmark “{name}” set at step {step}").format(
            name=s.bookmarks[-1][0], step=s.step))
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
