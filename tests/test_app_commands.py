"""Every command through one path with one error policy, without Qt: a blow-up, a bad file and a refused
setting end in a Problem with the state kept, whichever command met them; replacing the session is undoable;
nothing acts while a run holds the session."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.app.commands import Commands
from explorer.app.state import PLAYING, RUNNING, AppState, Status
from explorer.engine import Config
from explorer.session import Session
from tests.conftest import ROYAL


def setup(**cfg):
    cfg.setdefault("hidden", 4)
    cfg.setdefault("window", 2)
    st = AppState(Session(ROYAL, Config(**cfg)))
    problems = []
    st.events.problem.connect(problems.append)
    return st, Commands(st), problems


def snapshot(s):
    return s.step, s.furthest, s.pending is not None, s.params.W.copy(), s.params.W_out.copy()


def same(a, b):
    return a[:3] == b[:3] and np.array_equal(a[3], b[3]) and np.array_equal(a[4], b[4])


def test_transport_commands_move_the_session():
    st, cmd, problems = setup()
    s = st.session
    assert cmd.step() and cmd.step() and s.step == 2
    assert cmd.sub_step() and s.pending is not None and s.phase == "forward"
    assert cmd.sub_step_back() and s.pending is None
    assert cmd.back() and s.step == 1
    assert cmd.forward() and s.step == 2
    assert cmd.seek(0) and s.step == 0
    assert cmd.step() and s.step == 1 and s.furthest == 2  # along the computed timeline first
    assert cmd.seek_end() and s.step == 2
    assert cmd.set_lr(0.05) and s.lr == 0.05
    assert problems == []


BLOWUP = {
    "step": lambda cmd: cmd.step(),
    "sub-step": lambda cmd: cmd.sub_step(),
    "walk next": lambda cmd: cmd.walk_next(),
    "play": lambda cmd: (cmd.play(), cmd.play_steps(5)),
    "fast-forward": lambda cmd: cmd.run_steps(5),
    "run epoch": lambda cmd: cmd.run_epoch(),
}


@pytest.mark.parametrize("path", list(BLOWUP))
def test_a_blow_up_is_one_problem_from_every_command(path):
    st, cmd, problems = setup(lr=1e200)
    before = snapshot(st.session)
    BLOWUP[path](cmd)
    assert same(snapshot(st.session), before)
    assert [p.kind for p in problems] == ["blowup"] and "overflowed" in problems[0].text
    assert "smaller learning rate" in problems[0].text
    assert st.status.kind == "idle"  # play stopped, no run left


@pytest.mark.parametrize("lr", [-1.0, float("nan"), float("inf"), 0.0])
def test_a_refused_setting_is_a_problem_and_eta_stays(lr):
    st, cmd, problems = setup()
    assert not cmd.set_lr(lr)
    assert st.session.lr == 0.1 and [p.kind for p in problems] == ["error"]


def test_bad_files_are_problems_and_the_session_is_kept(tmp_path):
    st, cmd, problems = setup()
    s = st.session
    cmd.step()
    bad = tmp_path / "bad.w2vx"
    bad.write_bytes(b"not a zip file at all")
    assert not cmd.open_session(bad)
    assert not cmd.open_session(tmp_path / "missing.w2vx")
    assert not cmd.save_session(tmp_path / "no" / "such" / "dir" / "s.w2vx")
    assert not cmd.export("loss", tmp_path)  # a directory, not a file
    assert st.session is s and s.step == 1 and st.session_path is None
    assert [p.kind for p in problems] == ["error"] * 4
    assert all("\n" not in p.text for p in problems)
    assert "cannot write" in problems[2].text.lower()


def test_save_open_and_export_say_what_they_did(tmp_path):
    st, cmd, problems = setup()
    said = []
    st.events.message.connect(said.append)
    cmd.step()
    path = tmp_path / "s.w2vx"
    assert cmd.save_session(path) and st.session_path == str(path)
    assert cmd.export("vectors", tmp_path / "v.txt") and (tmp_path / "v.txt").exists()
    assert cmd.open_session(path) and st.session.step == 1 and st.session_path == str(path)
    assert problems == [] and len(said) == 3 and str(path) in said[0]


def test_replacing_the_session_is_undoable_with_its_history():
    st, cmd, _ = setup()
    first = st.session
    for _ in range(30):
        cmd.step()
    sessions = [first]
    for seed in range(2, 7):
        new = Session(ROYAL, Config(hidden=4, window=2, seed=seed))
        assert cmd.replace_session(new)
        sessions.append(new)
    assert len(st.previous) == 3  # bounded: the oldest are let go
    assert cmd.undo_session() is sessions[-2]
    assert cmd.undo_session() is sessions[-3]
    assert cmd.undo_session() is sessions[-4]
    assert cmd.undo_session() is None and not cmd.can_undo_session()
    st2, cmd2, _ = setup()
    s = st2.session
    for _ in range(30):
        cmd2.step()
    cmd2.replace_session(Session(ROYAL, Config(hidden=4, window=2, seed=9)))
    assert cmd2.undo_session() is s and s.step == 30 and s.furthest == 30 and st2.session is s


class HeldRunner:
    """A runner that holds the run until the test finishes it (like a worker thread still running)."""

    running = False

    def start(self, session, fn, progress, done):
        self.job = (session, fn, progress, done)
        self.running = True
        self.cancelled = False
        return True

    def cancel(self):
        self.cancelled = True

    def finish(self):
        session, fn, progress, done = self.job
        self.running = False
        done(fn(session, progress), None)


def test_nothing_acts_while_a_run_holds_the_session():
    st, _, problems = setup()
    runner = HeldRunner()
    cmd = Commands(st, runner)
    statuses = []
    st.events.status.connect(statuses.append)
    assert cmd.run_steps(10)
    assert st.busy and st.live_session is None
    s = st.session
    assert (
        not cmd.step() and not cmd.sub_step() and not cmd.seek(0) and not cmd.play() and not cmd.walk_next()
    )
    assert not cmd.replace_session(Session(ROYAL, Config(hidden=4, window=2)))
    assert not cmd.run_epoch() and not cmd.save_session("x.w2vx")
    assert s.step == 0
    cmd.cancel_run()
    assert runner.cancelled
    runner.finish()
    assert not st.busy and s.step == 10 and problems == []
    assert [x.kind for x in statuses] == [RUNNING, "idle"]


def test_play_is_a_status_that_a_manual_step_ends():
    st, cmd, _ = setup()
    assert cmd.play() and st.status == Status(PLAYING)
    assert cmd.play_steps(3) == 3 and st.session.step == 3
    cmd.step()
    assert st.status.kind == "idle" and st.session.step == 4
    assert cmd.play_steps(3) == 0  # not playing any more


def test_the_walk_goes_through_every_phase_and_back():
    st, cmd, _ = setup(output="ns", negative=2)
    s = st.session
    cmd.walk_next()
    assert s.phase == "forward" and st.highlight == {"h"}
    phases = []
    key = st.walk.key
    while st.walk.key == key:
        phases.append(s.phase)
        assert st.highlight == st.walk.current.highlight
        cmd.walk_next()
    assert [p for i, p in enumerate(phases) if i == 0 or phases[i - 1] != p] == [
        "forward",
        "error",
        "output update",
        "input update",
    ]
    n = len(phases)
    for _ in range(n):
        cmd.walk_previous()
    assert s.step == 0 and s.pending is not None and s.phase == "forward" and st.walk.index == 0
    assert st.walk.key == key
