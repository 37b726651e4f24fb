"""Abuse: keys hammered hundreds of times a second, settings changed during play, resizing during a run,
closing during a fast-forward. Nothing may crash, freeze, leak a thread or leave a timer running."""

from __future__ import annotations

import random
import threading
import time

import pytestqt  # noqa: E402,F401  (pytest-qt: a test dependency; missing, the suite fails)
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from test_gui_shell import _slow, key, make_window, royal_session, settings, view  # noqa: E402,F401

from explorer.engine import Config  # noqa: E402
from explorer.engine.presets import preset_text  # noqa: E402
from explorer.session import Session  # noqa: E402

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def consistent(w):
    """The window agrees with its session, and the session with itself."""
    s = w.session
    assert 0 <= s.step <= s.furthest
    assert w.transport.timeline.maximum() == s.furthest and w.transport.timeline.value() == s.step
    assert w.transport.act_back.isEnabled() == s.can_undo()
    assert w.transport.act_forward.isEnabled() == s.can_redo()
    assert view(w).last == (s.step, s.phase)


def test_step_hammered_hundreds_of_times_a_second(qtbot, make_window):
    w = make_window(burst=True)  # as a user would: key repeat redraws through the throttle
    t0 = time.perf_counter()
    for _ in range(400):
        key(qtbot, w, Qt.Key.Key_Right)
    dt = time.perf_counter() - t0
    assert w.session.step == 400
    assert dt < 20, f"400 steps took {dt:.1f} s"
    qtbot.waitUntil(lambda: not w.bridge.throttle and view(w).last == (400, "input update"), timeout=3000)
    consistent(w)


def test_random_key_storm(qtbot, make_window):
    w = make_window(burst=True)
    rng = random.Random(5)
    keys = [
        (Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Left, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Right, SHIFT),
        (Qt.Key.Key_Left, SHIFT),
        (Qt.Key.Key_Home, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Z, CTRL),
        (Qt.Key.Key_Z, CTRL | SHIFT),
        (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
    ]
    weights = [8, 4, 4, 3, 1, 1, 2, 2, 1]
    for _ in range(600):
        k, m = rng.choices(keys, weights)[0]
        key(qtbot, w, k, m)
    w.transport.pause()
    qtbot.waitUntil(lambda: not w.bridge.throttle, timeout=3000)
    w.bridge.changed.emit()
    consistent(w)


def test_apply_during_play_stops_play_first(qtbot, make_window):
    w = make_window()
    t, panel = w.transport, w.setup_panel
    t.speed.setValue(100)
    t.play()
    qtbot.waitUntil(lambda: w.session.step > 50, timeout=5000)
    for out in ("hs", "ns", "softmax", "ns"):
        c = panel.widgets["output"]
        c.setCurrentIndex(c.findData(out))
        panel.widgets["lr"].setText("0.3")
        panel.commit_lr()  # lr change while playing: applies at once
        panel.apply_button.click()
        assert not t.is_playing() and not w.bridge.throttle
        assert w.session.config.output == out and w.session.step == 0
        t.play()
        qtbot.waitUntil(lambda: w.session.step > 5, timeout=5000)
    # an invalid Apply during play: play stops, the playing session is kept
    s = w.session
    panel.widgets["window"].setValue(0)
    panel.apply_button.click()
    assert not t.is_playing() and w.session is s and panel.is_marked("window")
    consistent(w)


def test_settings_and_docks_change_while_playing(qtbot, make_window):
    w = make_window()
    t = w.transport
    t.speed.setValue(90)
    t.play()
    for i in range(30):
        w.setup_panel.widgets["lr"].setText(f"{0.05 + 0.01 * (i % 5):g}")
        w.setup_panel.commit_lr()
        w.dock_actions["loss"].trigger()
        t.speed.setValue(60 + i)
        qtbot.wait(5)
    assert t.is_playing() or "overflow" in w.statusBar().currentMessage()
    t.pause()
    w.bridge.flush()
    consistent(w)


def test_resizing_and_toggling_docks_during_a_run(qtbot, make_window):
    w = make_window()
    _slow(w.session, 0.003)
    w.fast_forward(150)
    assert w.is_busy()
    sizes = [(900, 600), (1600, 1000), (700, 500), (1300, 900)]
    for i in range(12):
        w.resize(*sizes[i % len(sizes)])
        w.dock_actions["inspector"].trigger()
        w.set_presentation(i % 2 == 0)
        qtbot.wait(10)
    qtbot.waitUntil(lambda: not w.is_busy(), timeout=15000)
    w.set_presentation(False)
    assert w.session.step == 150
    consistent(w)


def test_transport_is_inert_during_a_run(qtbot, make_window):
    w = make_window()
    s = w.session
    _slow(s, 0.003)
    w.fast_forward(100)
    for k, m in [
        (Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Left, SHIFT),
        (Qt.Key.Key_Home, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_E, CTRL),
        (Qt.Key.Key_Z, CTRL),
    ]:
        key(qtbot, w, k, m)
    w.transport.step()  # even called directly
    w.transport.seek(0)
    w.apply_setup()
    w.reset_session()
    w.transport.timeline.setValue(0)
    assert w.is_busy() and w.session is s
    qtbot.waitUntil(lambda: not w.is_busy(), timeout=15000)
    assert s.step == 100 and w.session is s
    consistent(w)


def test_close_during_fast_forward(qtbot, make_window):
    before = threading.active_count()
    w = make_window(Session(preset_text("animals"), Config(window=2), name="animals"))
    w.fast_forward(20_000_000)  # minutes of work on the compiled path
    assert w.is_busy()
    qtbot.waitUntil(lambda: w.progress.value() > 0, timeout=30000)  # running (and compiled)
    t0 = time.perf_counter()
    w.close()
    assert time.perf_counter() - t0 < 5
    assert not w.worker.is_running() and not w.transport.is_playing()
    assert not w.bridge._timer.isActive()
    assert 0 < w.session.step < 20_000_000
    QApplication.processEvents()
    assert threading.active_count() <= before


def test_close_while_playing_fast_and_a_slow_run(qtbot, make_window):
    w = make_window()
    w.transport.speed.setValue(100)
    w.transport.play()
    qtbot.wait(50)
    w.close()
    assert not w.transport.is_playing() and not w.bridge._timer.isActive()
    w2 = make_window(royal_session(output="ns"))
    _slow(w2.session, 0.005)
    w2.run_epoch()
    w2.cancel_run()
    w2.cancel_run()  # twice is fine
    w2.close()
    assert not w2.worker.is_running()


def test_sub_step_spam_with_undo_and_seek(qtbot, make_window):
    w = make_window(royal_session(output="hs"))
    rng = random.Random(11)
    for _ in range(300):
        r = rng.random()
        if r < 0.5:
            key(qtbot, w, Qt.Key.Key_Right, SHIFT)
        elif r < 0.75:
            key(qtbot, w, Qt.Key.Key_Left, SHIFT)
        elif r < 0.9:
            key(qtbot, w, Qt.Key.Key_Left)
        else:
            w.transport.timeline.setValue(rng.randint(0, w.session.furthest))
    consistent(w)
    # the parameters after undoing everything are the initial ones, exactly
    key(qtbot, w, Qt.Key.Key_Home)
    s = w.session
    assert (s.params.W == s.initial.W).all() and (s.params.W_out == s.initial.W_out).all()
