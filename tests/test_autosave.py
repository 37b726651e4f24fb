"""Autosave (issue 8): periodic saves, a clean exit, and restoring after the process was killed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROYAL
from PySide6.QtCore import QSettings

from explorer.engine import Config
from explorer.qt.autosave import Autosaver
from explorer.qt.main_window import MainWindow
from explorer.session import Session
from explorer.session.autosave import autosave_name, lock_name

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)
    w = MainWindow(Session(ROYAL, Config(hidden=3)), settings=settings, restore_layout=False)
    qtbot.addWidget(w)
    yield w
    w.close()


def test_saves_when_changed_and_only_then(window, tmp_path):
    saver = Autosaver(window, tmp_path / "data", interval_ms=50)
    saver.start()
    assert (tmp_path / "data" / lock_name(os.getpid())).read_text() == str(os.getpid())
    assert saver.save_if_changed() is True
    assert saver.save_if_changed() is False  # nothing changed
    window.session.step_forward(4)
    assert saver.save_if_changed() is True
    assert Session.load(saver.path).step == 4
    window.session.set_lr(0.05)
    assert saver.save_if_changed() is True
    assert Session.load(saver.path).schedule.changes == window.session.schedule.changes
    own = (autosave_name(os.getpid()), lock_name(os.getpid()))
    leftovers = [p.name for p in (tmp_path / "data").iterdir() if p.name not in own]
    assert leftovers == []  # no temporary files: every save is write-then-rename


def test_never_saves_during_a_run(window, tmp_path, monkeypatch):
    saver = Autosaver(window, tmp_path)
    monkeypatch.setattr(window, "is_busy", lambda: True)
    assert saver.save_if_changed() is False and not saver.path.exists()


def test_clean_exit_removes_its_own_files_so_no_restore_is_offered(window, tmp_path):
    saver = Autosaver(window, tmp_path)
    saver.start()
    window.session.step_forward(2)
    saver.save_if_changed()
    assert Session.load(saver.path).step == 2
    saver.stop()
    assert not saver.lock.exists() and not saver.path.exists()
    assert Autosaver(window, tmp_path).crashed_sessions() == []


def test_a_running_explorer_is_not_mistaken_for_a_crash(window, tmp_path):
    saver = Autosaver(window, tmp_path)
    saver.start()
    saver.save_if_changed()
    assert Autosaver(window, tmp_path).crashed_sessions() == []  # our own lock is held


def test_kill_and_restore(window, tmp_path):
    """Start the real app, let it autosave, kill -9 it, and restore what it had."""
    data = tmp_path / "data"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        W2V_EXPLORER_DATA=str(data),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path),
    )
    proc = subprocess.Popen(
        [sys.executable, "main.py", "--preset", "royalty", "--steps", "7"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not (data / autosave_name(proc.pid)).exists():
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "no autosave within 60 s"
            time.sleep(0.2)
        time.sleep(0.3)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    saver = Autosaver(window, data)
    orphans = saver.crashed_sessions()
    assert [o.pid for o in orphans] == [proc.pid]
    restored = saver.restore(orphans[0])
    assert restored is not None and restored.step == 7
    assert saver.crashed_sessions() == []  # restored: it is this explorer's session now
    # the restored session continues exactly like one that was never interrupted
    ref = Session(restored.text, restored.config)
    ref.step_forward(7)
    assert restored.params.equals(ref.params)


# -- two running explorers (issue 17, item 1): real processes over the Qt-free store -----------------------
_INSTANCE = r"""
import sys, time
from explorer.engine import Config
from explorer.session import Session
from explorer.session.autosave import AutosaveStore
from explorer.engine.presets import preset_text
folder, steps, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
store = AutosaveStore(folder)
store.open()
s = Session(preset_text("royalty"), Config(hidden=3))
s.step_forward(steps)
store.save(s)
print("saved", flush=True)
if mode == "clean":
    store.close()
else:
    time.sleep(600)
"""


def _instance(folder, steps, mode):
    return subprocess.Popen(
        [sys.executable, "-c", _INSTANCE, str(folder), str(steps), mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_instances_each_keep_their_own_autosave(tmp_path):
    """A runs, B runs, B exits cleanly, A is killed: A's session is offered, with A's state (not B's)."""
    from explorer.session.autosave import AutosaveStore

    data = tmp_path / "data"
    a = _instance(data, 3, "run")
    try:
        assert a.stdout.readline().strip() == "saved", a.stderr.read()
        b = _instance(data, 5, "clean")
        assert b.stdout.readline().strip() == "saved", b.stderr.read()
        assert b.wait(60) == 0
        assert not (data / autosave_name(b.pid)).exists() and not (data / lock_name(b.pid)).exists()
        here = AutosaveStore(data)
        assert here.orphans() == []  # A is running: its autosave is not offered
        assert (data / autosave_name(a.pid)).exists() and (data / lock_name(a.pid)).exists()
    finally:
        a.send_signal(signal.SIGKILL)
        a.wait(10)
    orphans = AutosaveStore(data).orphans()
    assert [o.pid for o in orphans] == [a.pid]
    assert Session.load(orphans[0].path).step == 3  # A's work, not B's


def test_an_orphan_is_offered_to_one_starting_explorer_at_a_time(tmp_path):
    from explorer.session.autosave import AutosaveStore

    data = tmp_path / "data"
    a = _instance(data, 2, "run")
    assert a.stdout.readline().strip() == "saved", a.stderr.read()
    a.send_signal(signal.SIGKILL)
    a.wait(10)
    first, second = AutosaveStore(data, pid=10**9 + 1), AutosaveStore(data, pid=10**9 + 2)
    (orphan,) = first.orphans()
    assert first.claim(orphan)
    assert second.orphans() == []  # claimed by the first: not offered twice
    first.release(orphan)
    assert [o.pid for o in second.orphans()] == [a.pid]
    first.discard(orphan)
    assert second.orphans() == [] and not orphan.path.exists()
