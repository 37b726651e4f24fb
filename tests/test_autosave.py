"""Autosave (issue 8): periodic saves, a clean exit, and restoring after the process was killed."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from explorer.engine import Config
from explorer.qt.autosave import AUTOSAVE_NAME, LOCK_NAME, Autosaver
from explorer.qt.main_window import MainWindow
from explorer.session import Session

from conftest import ROYAL

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
    assert (tmp_path / "data" / LOCK_NAME).read_text() == str(os.getpid())
    assert saver.save_if_changed() is True
    assert saver.save_if_changed() is False  # nothing changed
    window.session.step_forward(4)
    assert saver.save_if_changed() is True
    assert Session.load(saver.path).step == 4
    window.session.set_lr(0.05)
    assert saver.save_if_changed() is True
    assert Session.load(saver.path).schedule.changes == window.session.schedule.changes
    leftovers = [p.name for p in (tmp_path / "data").iterdir() if p.name not in (AUTOSAVE_NAME, LOCK_NAME)]
    assert leftovers == []  # no temporary files: every save is write-then-rename


def test_never_saves_during_a_run(window, tmp_path, monkeypatch):
    saver = Autosaver(window, tmp_path)
    monkeypatch.setattr(window, "is_busy", lambda: True)
    assert saver.save_if_changed() is False and not saver.path.exists()


def test_clean_exit_removes_the_lock_so_no_restore_is_offered(window, tmp_path):
    saver = Autosaver(window, tmp_path)
    saver.start()
    window.session.step_forward(2)
    saver.stop()
    assert not saver.lock.exists() and Session.load(saver.path).step == 2
    assert Autosaver(window, tmp_path).crashed_session() is None


def test_a_running_explorer_is_not_mistaken_for_a_crash(window, tmp_path):
    saver = Autosaver(window, tmp_path)
    saver.start()
    saver.save_if_changed()
    assert Autosaver(window, tmp_path).crashed_session() is None  # our own pid is alive


def test_kill_and_restore(window, tmp_path):
    """Start the real app, let it autosave, kill -9 it, and restore what it had."""
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", W2V_EXPLORER_DATA=str(data),
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "main.py", "--preset", "royalty", "--steps", "7"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not (data / AUTOSAVE_NAME).exists():
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "no autosave within 60 s"
            time.sleep(0.2)
        time.sleep(0.3)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    saver = Autosaver(window, data)
    path = saver.crashed_session()
    assert path is not None
    restored = saver.restore(path)
    assert restored is not None and restored.step == 7
    # the restored session continues exactly like one that was never interrupted
    ref = Session(restored.text, restored.config)
    ref.step_forward(7)
    assert restored.params.equals(ref.params)
