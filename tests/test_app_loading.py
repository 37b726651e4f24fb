"""New sessions are built on the worker thread (issue 17): Apply, Open corpus and Open session never block the
event loop on a big input; a slow build shows the progress bar and Cancel of long runs; a cancelled or
failed build keeps the current session and says so in one message; a quick one is shown at once, with no
progress bar.

Builds are made slow without big inputs: a progress callback that waits at a gate the test opens."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtCore import QTimer

import explorer.qt.file_actions as file_actions
import explorer.session.persistence as persistence
from explorer.app import loading as loading_module
from explorer.app.commands import Commands
from explorer.app.loading import LoadCancelled
from explorer.app.state import RUNNING, AppState
from explorer.engine import Config
from explorer.engine.corpus import MAX_CORPUS_BYTES
from explorer.session import Session
from tests.conftest import ROYAL
from tests.test_gui_shell import VIEWS, make_window, royal_session, settings, win  # noqa: F401 (fixtures)

HELD_STAGE = "building the vocabulary and examples"


class Gate:
    """A Session class whose build waits at :data:`HELD_STAGE` until :attr:`release` is set; it records the
    threads the build ran on."""

    def __init__(self):
        self.entered = threading.Event()
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []
        gate = self

        class Gated(Session):
            def __init__(self, *a, progress=None, **kw):
                def held(stage, fraction):
                    gate.threads.append(threading.current_thread())
                    if stage == HELD_STAGE:
                        gate.entered.set()
                        gate.release.wait(30)
                    if progress is not None:
                        progress(stage, fraction)

                super().__init__(*a, progress=held, **kw)

        self.session_class = Gated


@pytest.fixture
def gate(monkeypatch):
    g = Gate()
    monkeypatch.setattr(file_actions, "Session", g.session_class)
    yield g
    g.release.set()  # never leave a worker waiting


def ticking():
    """A timer that counts its ticks: they go on only while the event loop runs."""
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    return timer, ticks


def test_a_slow_apply_shows_progress_keeps_the_event_loop_running_and_cancel_keeps_it(qtbot, win, gate):
    old = win.session
    old.step_forward(3)
    win.setup_panel.widgets["window"].setValue(1)
    timer, ticks = ticking()
    assert win.apply_setup()  # returned after the grace, still building
    assert gate.entered.wait(10) and win.is_busy() and win.session is old
    qtbot.waitUntil(lambda: win.progress.isVisible() and len(ticks) >= 5, timeout=10000)
    assert win.cancel_button.isVisible() and win.cancel_button.isEnabled()
    assert "Building" in win.statusBar().currentMessage()
    assert not win.transport.act_step.isEnabled() and not win.setup_panel.isEnabled()
    assert gate.threads and all(t is not threading.main_thread() for t in gate.threads)
    win.cancel_button.click()
    gate.release.set()
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=10000)
    timer.stop()
    assert win.session is old and old.step == 3 and win.bridge.session is old
    assert "Cancelled" in win.statusBar().currentMessage() and "kept" in win.statusBar().currentMessage()
    assert not win.progress.isVisible() and not win.cancel_button.isVisible()
    assert not win.commands.can_undo_session()  # nothing was replaced
    assert win.setup_panel.isEnabled() and win.transport.act_step.isEnabled()


def test_a_slow_apply_that_finishes_replaces_the_session_undoably(qtbot, win, gate):
    old = win.session
    win.setup_panel.widgets["window"].setValue(1)
    win.apply_setup()
    assert gate.entered.wait(10) and win.is_busy()
    qtbot.waitUntil(lambda: win.progress.isVisible(), timeout=10000)
    gate.release.set()
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=10000)
    new = win.session
    assert new is not old and new.config.window == 1 and new.step == 0 and win.bridge.session is new
    assert "Applied" in win.statusBar().currentMessage() and not win.setup_panel.is_dirty()
    win.undo_session()
    assert win.session is old


def test_a_slow_load_that_fails_keeps_the_session_and_shows_one_message(qtbot, win, gate, tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("hello hello hello\n", encoding="utf-8")
    old, shown = win.session, win.setup_panel.corpus.toPlainText()
    problems = []
    win.state.events.problem.connect(problems.append)
    assert win.open_corpus(str(path))  # still reading in the background
    assert gate.entered.wait(10) and win.is_busy()
    gate.release.set()
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=10000)
    assert win.session is old and win.setup_panel.corpus.toPlainText() == shown
    assert len(problems) == 1 and "one distinct word" in problems[0].text and "\n" not in problems[0].text
    assert "one distinct word" in win.statusBar().currentMessage()


def test_a_corpus_over_the_size_cap_is_one_message_in_the_app(win, tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:  # sparse: nothing is written but the size
        f.truncate(MAX_CORPUS_BYTES + 2**20)
    old = win.session
    problems = []
    win.state.events.problem.connect(problems.append)
    assert not win.open_corpus(str(path))
    assert win.session is old and not win.is_busy()
    assert len(problems) == 1 and "the limit is 200 MB" in problems[0].text and "\n" not in problems[0].text


def test_a_quick_load_is_shown_at_once_without_a_progress_bar(win, monkeypatch):
    monkeypatch.setattr(loading_module, "LOAD_GRACE_S", 60.0)  # however busy the machine
    statuses = []
    win.state.events.status.connect(statuses.append)
    old = win.session
    win.setup_panel.widgets["window"].setValue(1)
    assert win.apply_setup()
    assert win.session is not old and win.session.config.window == 1  # done when apply returns
    assert not any(s.kind == RUNNING for s in statuses) and not win.progress.isVisible()


def test_open_session_verifies_its_history_on_the_worker(qtbot, win, tmp_path, monkeypatch):
    s = win.session
    s.step_forward(40)
    path = tmp_path / "run.w2vx"
    s.save(path)
    s.step_forward(5)
    replayed_on = []
    verify = persistence.verify_replay

    def watched(session, name, progress=None):
        replayed_on.append(threading.current_thread())
        verify(session, name, progress)

    monkeypatch.setattr(persistence, "verify_replay", watched)
    assert win.open_session(str(path))
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=10000)
    assert replayed_on and replayed_on[0] is not threading.main_thread()
    assert win.session is not s and win.session.step == 40 and win.state.session_path == str(path)
    assert win.setup_panel.corpus.toPlainText() == s.text
    win.undo_session()
    assert win.session is s and s.step == 45


# -- without Qt ---------------------------------------------------------------------------------------------
def test_session_file_loading_reports_progress_and_chunked_verification_is_exact(tmp_path, monkeypatch):
    s = Session(ROYAL, Config(hidden=4, window=2, output="ns"), checkpoint_interval=20)
    s.step_forward(30)
    s.set_lr(0.05)
    s.run(300)  # the compiled fast path
    s.seek(250)
    path = tmp_path / "s.w2vx"
    s.save(path)
    monkeypatch.setattr(persistence, "REPLAY_CHUNK", 7)  # stretches that end between checkpoints
    seen = []
    t = persistence.load_session(path, Session, progress=lambda stage, f: seen.append((stage, f)))
    assert t.step == 250 and np.array_equal(t.params.W, s.params.W)
    stages = [st for st, _ in seen]
    assert stages[0] == "reading the session file" and stages[-1] == "ready"
    assert "reading the corpus" in stages and stages.count("replaying the history") > 300 // 7
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0


def test_an_exception_from_the_progress_callback_passes_through(tmp_path):
    s = Session(ROYAL, Config(hidden=4, window=2))
    s.step_forward(10)
    path = tmp_path / "s.w2vx"
    s.save(path)

    def stop(stage, _f):
        if stage == "replaying the history":
            raise LoadCancelled()

    with pytest.raises(LoadCancelled):
        persistence.load_session(path, Session, progress=stop)


def test_a_load_cancelled_from_inside_keeps_the_state_without_qt():
    st = AppState(royal_session())
    cmd = Commands(st)
    old = st.session
    messages, problems = [], []
    st.events.message.connect(messages.append)
    st.events.problem.connect(problems.append)

    def build(progress):
        progress("reading the corpus", 0.0)
        cmd.cancel_run()  # what the Cancel button does
        progress("building the vocabulary and examples", 0.4)
        raise AssertionError("not reached")

    assert not cmd.load("Building…", build, lambda s: cmd.replace_session(s))
    assert st.session is old and not st.busy and not problems and not st.previous
    assert any("Cancelled" in m for m in messages)

    def bad(progress):
        raise OSError(2, "No such file or directory")

    assert not cmd.load("Reading…", bad, lambda s: cmd.replace_session(s), path="x.txt")
    assert st.session is old and len(problems) == 1 and problems[0].text.startswith("Cannot open x.txt")
