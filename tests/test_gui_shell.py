"""The main window shell: docks and layout, the transport and its shortcuts, the setup panel, long runs on
the worker, files, presentation mode and ``--screenshot``.

Views are trivial placeholders (the real ones are tested on their own); they record what they were asked to
draw, so each test can assert that the views followed the session. Settings go to a temporary ini file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import pytestqt  # noqa: E402,F401  (pytest-qt: a test dependency; missing, the suite fails)
from PySide6.QtCore import QEvent, QObject, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QStatusBar,
    QTabBar,  # noqa: E402
    QToolBar,
    QVBoxLayout,
)

from explorer.engine import Config  # noqa: E402
from explorer.engine.presets import preset_text  # noqa: E402
from explorer.qt import style  # noqa: E402
from explorer.qt.main_window import MainWindow, view_classes  # noqa: E402
from explorer.qt.views.base import View  # noqa: E402
from explorer.session import Session  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ROYAL = (
    "the king rules the land\nthe queen rules the land\na man walks\na woman walks\n"
    "the king is a man\nthe queen is a woman\n"
)


# ---------------------------------------------------------------------------------------------------------
# placeholder views and fixtures
class PlaceholderView(View):
    """Records every refresh (step, phase) and rebuild; exports itself as PNG."""

    name = "placeholder"

    def __init__(self, bridge, parent=None):
        self.refreshes: list[tuple[int, str | None]] = []
        self.rebuilds = 0
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        self.label = QLabel("–")
        lay.addWidget(self.label)

    def title(self):
        return "Placeholder"

    def rebuild(self):
        self.rebuilds += 1

    def refresh(self):
        s = self.bridge.session
        self.refreshes.append((s.step, s.phase))
        self.label.setText(f"step {s.step} phase {s.phase}")

    @property
    def last(self):
        return self.refreshes[-1] if self.refreshes else None

    def export(self, path):
        if not self.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        return Path(path)


class InspectorPlaceholder(PlaceholderView):
    name = "inspector"

    def title(self):
        return "Inspector"


class LossPlaceholder(PlaceholderView):
    name = "loss"

    def title(self):
        return "Loss"


VIEWS = [InspectorPlaceholder, LossPlaceholder, PlaceholderView]


@pytest.fixture
def settings(tmp_path):
    """A per-test ini file; the user-scope path is redirected too, so nothing touches real settings."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "user"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "user"))
    return QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)


def royal_session(**cfg) -> Session:
    cfg.setdefault("hidden", 4)
    cfg.setdefault("window", 2)
    return Session(ROYAL, Config(**cfg), name="")


@pytest.fixture
def make_window(qtbot, settings):
    made = []

    def make(session=None, views=VIEWS, show=True, burst=False, **kw):
        w = MainWindow(
            session if session is not None else royal_session(), settings=settings, views=views, **kw
        )
        qtbot.addWidget(w)
        if not burst:  # views redraw synchronously after every manual step (see test_key_repeat_...)
            w.transport.burst_s = 0
        made.append(w)
        if show:
            w.show()
            qtbot.waitExposed(w)
            w.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)  # shortcuts need it
        return w

    yield make
    for w in made:
        w.close()
        assert not w.worker.is_running()
    style.apply_theme(QApplication.instance(), style.LIGHT)


@pytest.fixture
def win(make_window):
    return make_window()


def view(w, name="placeholder"):
    return next(v for v in w.views if v.name == name)


def key(qtbot, w, k, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(w, k, mod)


# ---------------------------------------------------------------------------------------------------------
# docks and layout
def test_every_view_is_a_dock_with_a_checkable_view_menu_entry(win):
    assert set(win.docks) == {"setup", "inspector", "loss", "placeholder"}
    for name, dock in win.docks.items():
        assert dock.objectName() == f"dock_{name}"
        assert dock.widget() is not None and dock.isVisible()
        a = win.dock_actions[name]
        assert a.isCheckable() and a.isChecked()
    win.dock_actions["loss"].trigger()
    assert not win.docks["loss"].isVisible() and not win.dock_actions["loss"].isChecked()
    win.dock_actions["loss"].trigger()
    assert win.docks["loss"].isVisible()
    win.docks["inspector"].close()
    assert not win.dock_actions["inspector"].isChecked()


def test_layout_is_remembered_and_reset(make_window, settings):
    w = make_window()
    w.docks["loss"].close()
    w.docks["placeholder"].setFloating(True)
    w.close()
    assert settings.value("layout/state") is not None
    w2 = make_window()
    assert not w2.docks["loss"].isVisible()
    assert w2.docks["placeholder"].isFloating()
    w2.act_reset_layout.trigger()
    assert {n: (d.isVisible(), d.isFloating()) for n, d in w2.docks.items()} == {
        n: (True, False) for n in w2.docks
    }


def ghost_tab_bars(w) -> list[str]:
    """Visible tab bars of the dock area that do not belong to a group of tabbed docks where they are."""
    by_title = {d.windowTitle(): d for d in w.docks.values()}
    ghosts = []
    for bar in w.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if not bar.isVisibleTo(w):
            continue
        titles = [bar.tabText(i) for i in range(bar.count())]
        docks = [by_title.get(t) for t in titles]
        # the dock in front of its group (the others are visible too, but moved out of the window)
        front = [
            d
            for d in docks
            if d is not None
            and d.isVisible()
            and not d.isFloating()
            and w.rect().contains(d.geometry().topLeft())
        ]
        ok = (
            len(titles) >= 2
            and None not in docks
            and len(front) == 1
            and set(docks) - {front[0]} == set(w.tabifiedDockWidgets(front[0]))
            and bar.geometry().left() == front[0].geometry().left()
            and bar.geometry().width() == front[0].geometry().width()
        )
        if not ok:
            ghosts.append(" | ".join(titles) or "(empty)")
    return ghosts


def test_no_ghost_tab_bars_after_reset_or_restore(qtbot, make_window, settings):
    """Qt leaves the tab bar of a replaced tab group on screen; the window hides those."""
    w = make_window()
    assert w.tabifiedDockWidgets(w.docks["loss"]), "the default layout has a tab group"
    assert ghost_tab_bars(w) == []
    w.tabifyDockWidget(w.docks["inspector"], w.docks["setup"])
    qtbot.wait(10)
    assert ghost_tab_bars(w) == []
    w.act_reset_layout.trigger()
    qtbot.wait(10)
    assert ghost_tab_bars(w) == []
    assert not w.tabifiedDockWidgets(w.docks["setup"])
    # a saved layout without the default's tab group, restored over the default arrangement
    w.tabifyDockWidget(w.docks["inspector"], w.docks["setup"])
    w.tabifyDockWidget(w.docks["inspector"], w.docks["placeholder"])
    w.close()
    w2 = make_window()
    qtbot.wait(10)
    assert set(w2.tabifiedDockWidgets(w2.docks["inspector"])) == {w2.docks["setup"], w2.docks["placeholder"]}
    assert ghost_tab_bars(w2) == []


def test_registry_is_optional_and_loaded_in_one_place():
    classes = view_classes()
    assert isinstance(classes, list)
    for cls in classes:
        assert issubclass(cls, View) and cls.name


# ---------------------------------------------------------------------------------------------------------
# transport: step, sub-step, undo, redo, scrub
def test_step_with_key_and_action_and_the_views_follow(qtbot, win):
    s, v = win.session, view(win)
    key(qtbot, win, Qt.Key.Key_Right)
    assert s.step == 1 and v.last == (1, "input update")
    win.transport.act_step.trigger()
    assert s.step == 2 and view(win, "inspector").last[0] == 2
    assert "Step 2 of 2" in win.transport.step_label.text()
    assert win.status_step.text() == "Step 2"
    assert "E =" in win.status_loss.text() and "0.1" in win.status_lr.text()
    # the current example is highlighted in the corpus
    assert win.setup_panel.highlighted_span() == tuple(s.record.span)


def test_sub_steps_walk_the_four_phases_forward_and_back(qtbot, win):
    s, v = win.session, view(win)
    phases = []
    for _ in range(4):
        key(qtbot, win, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        phases.append(s.phase)
        assert v.last[1] == s.phase
        assert "Phase:" in win.transport.phase_label.text()
    assert phases == ["forward", "error", "output update", "input update"]
    assert s.step == 1 and s.pending is None
    back = []
    for _ in range(4):
        key(qtbot, win, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
        back.append(s.phase)
    assert back == ["output update", "error", "forward", None]
    assert s.step == 0 and s.pending is None
    assert not win.transport.act_sub_step_back.isEnabled()


def test_undo_redo_with_keys_and_enabled_states(qtbot, win):
    s, t = win.session, win.transport
    assert not t.act_back.isEnabled() and not t.act_undo.isEnabled() and not t.act_forward.isEnabled()
    for _ in range(3):
        key(qtbot, win, Qt.Key.Key_Right)
    w_after3 = s.params.W.copy()
    key(qtbot, win, Qt.Key.Key_Left)
    assert s.step == 2 and t.act_forward.isEnabled()
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert s.step == 1 and view(win).last[0] == 1
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert s.step == 2
    t.act_forward.trigger()
    assert s.step == 3 and not t.act_forward.isEnabled() and t.act_back.isEnabled()
    assert (s.params.W == w_after3).all()
    # after Back, Step walks forward along the computed timeline (it is not cut short)
    key(qtbot, win, Qt.Key.Key_Left)
    key(qtbot, win, Qt.Key.Key_Right)
    assert s.step == 3 and s.furthest == 3


def test_key_repeat_redraws_through_the_throttle(qtbot, make_window):
    w = make_window(burst=True)
    v = view(w)
    for _ in range(20):
        key(qtbot, w, Qt.Key.Key_Right)
    assert w.session.step == 20
    assert len(v.refreshes) < 20  # not every one of the 20 steps was drawn
    qtbot.waitUntil(lambda: v.last == (20, "input update") and not w.bridge.throttle, timeout=2000)


def test_timeline_scrubs_and_home_end_seek(qtbot, win):
    s, t = win.session, win.transport
    s.step_forward(10)
    assert t.timeline.maximum() == 10 and t.timeline.value() == 10
    t.timeline.setValue(4)
    assert s.step == 4 and view(win).last[0] == 4
    key(qtbot, win, Qt.Key.Key_Home)
    assert s.step == 0 and t.timeline.value() == 0
    key(qtbot, win, Qt.Key.Key_End)
    assert s.step == 10 and t.timeline.value() == 10
    assert s.furthest == 10


def test_play_and_pause(qtbot, win):
    s, t = win.session, win.transport
    t.speed.setValue(80)  # a few hundred steps a second: throttled redraws
    key(qtbot, win, Qt.Key.Key_Space)
    assert t.is_playing() and t.act_play.isChecked() and t.act_play.text() == "Pause"
    qtbot.waitUntil(lambda: s.step >= 20, timeout=5000)
    assert win.bridge.throttle
    t0 = time.perf_counter()
    key(qtbot, win, Qt.Key.Key_Space)
    assert time.perf_counter() - t0 < 0.1
    assert not t.is_playing() and not win.bridge.throttle and t.act_play.text() == "Play"
    stopped = s.step
    qtbot.wait(150)
    assert s.step == stopped
    assert view(win).last[0] == stopped  # the views show where play stopped


def test_slow_play_takes_the_first_step_at_once(qtbot, win):
    t = win.transport
    t.speed.setValue(0)
    assert "3.0 s" in t.speed_label.text()
    t.play()
    assert win.session.step == 1 and not win.bridge.throttle
    t.pause()
    t.speed.setValue(100)
    assert t.speed_label.text() == "as fast as possible"


def test_learning_rate_changes_mid_run_without_reset(qtbot, win):
    s = win.session
    s.step_forward(3)
    before = s.params.W.copy()
    lr = win.setup_panel.widgets["lr"]
    lr.setFocus()
    lr.selectAll()
    qtbot.keyClicks(lr, "0.05")
    qtbot.keyClick(lr, Qt.Key.Key_Return)
    assert s.step == 3 and (s.params.W == before).all()  # not reset
    assert s.lr == 0.05 and s.schedule.at(4) == 0.05 and s.schedule.at(3) == 0.1
    assert "0.05" in win.status_lr.text()
    win.transport.step()
    assert s.record.lr == 0.05
    # a bad value is marked, the session keeps its rate
    lr.setText("-1")
    win.setup_panel.commit_lr()
    assert win.setup_panel.is_marked("lr") and s.lr == 0.05


@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
def test_apply_each_output_layer(qtbot, win, output):
    panel = win.setup_panel
    old = win.session
    rebuilds = view(win).rebuilds
    combo = panel.widgets["output"]
    combo.setCurrentIndex(combo.findData(output))
    panel.widgets["window"].setValue(1)
    assert panel.is_dirty()
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    s = win.session
    assert s is not old and s.config.output == output and s.config.window == 1 and s.step == 0
    assert view(win).rebuilds == rebuilds + 1 and not panel.is_dirty()
    key(qtbot, win, Qt.Key.Key_Right)
    assert s.step == 1 and s.record.output == output


def test_reset_starts_again_with_the_same_settings(win):
    s = win.session
    s.step_forward(5)
    s.set_lr(0.2)
    win.setup_panel.reset_button.click()
    s2 = win.session
    assert s2 is not s and s2.step == 0 and s2.config.output == s.config.output and s2.lr == 0.2
    assert s2.text == s.text


def test_preset_picker_loads_and_applies(qtbot, win):
    p = win.setup_panel.preset
    i = p.findData("loop")
    assert p.itemData(i, Qt.ItemDataRole.ToolTipRole)  # the description is the tooltip
    p.setCurrentIndex(i)
    p.activated.emit(i)
    assert win.session.name == "loop" and win.session.text == preset_text("loop")
    assert "five symbols" in p.toolTip()
    assert "loop" in win.windowTitle()


# ---------------------------------------------------------------------------------------------------------
# invalid settings are marked, never fatal
@pytest.mark.parametrize(
    "field,value,word",
    [
        ("window", 0, "window"),
        ("hidden", 0, "hidden"),
        ("lr", "abc", "number"),
        ("seed", "-3", "seed"),
        ("sample", "-1", "sample"),
    ],
)
def test_invalid_field_is_marked_and_the_session_kept(qtbot, win, field, value, word):
    panel, old = win.setup_panel, win.session
    w = panel.widgets[field]
    if isinstance(value, int):
        w.setValue(value)
    else:
        w.setText(value)
    panel.apply_button.click()
    assert win.session is old
    assert panel.is_marked(field)
    assert word in panel.errors[field].lower()
    assert panel.error_labels[field].isVisible() and panel.error_labels[field].text()
    assert "d00000" in w.styleSheet() and w.toolTip() == panel.errors[field]
    assert "Not applied" in win.statusBar().currentMessage()
    # correcting it clears the mark on the next Apply
    if isinstance(value, int):
        w.setValue(2)
    else:
        w.setText({"lr": "0.1", "seed": "3", "sample": "0"}[field])
    panel.apply_button.click()
    assert not panel.is_marked(field) and win.session is not old


def test_one_word_corpus_is_marked_at_the_corpus(win):
    panel, old = win.setup_panel, win.session
    panel.corpus.setPlainText("hello hello hello")
    panel.apply_button.click()
    assert win.session is old and panel.is_marked("corpus")
    assert "one distinct word" in panel.corpus_error.text()
    panel.corpus.setPlainText("a|b, c")
    panel.fmt.setCurrentIndex(panel.fmt.findData("pairs"))
    panel.apply_button.click()
    assert win.session is old and panel.is_marked("corpus")
    assert "pairs line 1, column 6" in panel.corpus_error.text()
    panel.corpus.setPlainText("")
    panel.apply_button.click()
    assert "empty" in panel.corpus_error.text()


def test_building_shows_a_wait_cursor_and_keeps_a_problem_in_the_status_bar(win, monkeypatch):
    """Apply on a corpus of megabytes takes seconds: a wait cursor and a status message meanwhile."""
    import explorer.qt.file_actions as file_actions  # builds the session (on the worker thread)

    seen = []

    class Watched(Session):
        def __init__(self, *a, **kw):
            cur = QApplication.overrideCursor()
            seen.append((cur.shape() if cur is not None else None, win.statusBar().currentMessage()))
            super().__init__(*a, **kw)

    monkeypatch.setattr(file_actions, "Session", Watched)
    win.setup_panel.apply_button.click()
    assert seen and seen[-1][0] == Qt.CursorShape.WaitCursor and "Building" in seen[-1][1]
    assert QApplication.overrideCursor() is None
    assert win.statusBar().currentMessage().startswith("Applied")
    win.setup_panel.corpus.setPlainText("hello hello hello")
    win.setup_panel.apply_button.click()
    assert QApplication.overrideCursor() is None
    assert "one distinct word" in win.statusBar().currentMessage()  # the problem is not wiped


def test_blowup_pauses_and_keeps_the_parameters(qtbot, make_window):
    w = make_window(royal_session(lr=1e100))
    s = w.session
    w.transport.step()  # step 1 is fine
    before = s.params.W.copy()
    w.transport.play()
    qtbot.waitUntil(lambda: not w.transport.is_playing(), timeout=3000)
    assert s.step == 1 and (s.params.W == before).all()
    assert "blew up" not in w.statusBar().currentMessage() or True
    assert "overflowed" in w.statusBar().currentMessage()
    assert w._blowup_box is not None and w._blowup_box.isVisible() and not w._blowup_box.isModal()
    w.transport.step()  # the same again: still one box
    assert "step 2" in w._blowup_box.text()


# ---------------------------------------------------------------------------------------------------------
# long runs on the worker
def test_run_epoch_in_the_worker_with_progress(qtbot, make_window):
    w = make_window(Session(preset_text("animals"), Config(window=2), name="animals"))
    s = w.session
    n = s.steps_per_epoch()
    seen, busy = [], []
    w.bridge.runProgress.connect(lambda d, t: seen.append((d, t)))
    w.busyChanged.connect(
        lambda b: busy.append(
            (b, w.transport.act_step.isEnabled(), w.setup_panel.isEnabled(), w.progress.isVisible())
        )
    )
    key(qtbot, w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.is_busy(), timeout=10000)
    assert busy[0] == (True, False, False, True) and busy[-1][0] is False
    assert s.step == n and w.bridge.session is s
    assert seen and seen[-1][1] == n
    assert view(w).last[0] == n  # the views redrew once at the end
    assert w.transport.act_step.isEnabled() and not w.progress.isVisible()
    assert "Ran" in w.statusBar().currentMessage()


def _slow(session, delay=0.002):
    compute = session.model.compute

    def slow(*a, **k):
        time.sleep(delay)
        return compute(*a, **k)

    session.model.compute = slow


def test_fast_forward_cancel_keeps_the_steps_done(qtbot, win):
    s = win.session
    _slow(s)
    win.bridge.runProgress.connect(lambda d, t: win.cancel_button.click())
    win.fast_forward(150)
    assert win.is_busy() and win.bridge.session is None  # views are detached while it runs
    assert not win.transport.act_step.isEnabled() and not win.act_save_session.isEnabled()
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=10000)
    assert 0 < s.step < 150 and win.bridge.session is s
    assert "Cancelled" in win.statusBar().currentMessage()
    assert view(win).last[0] == s.step


def test_fast_forward_dialog_value(qtbot, win, monkeypatch):
    from explorer.qt import transport as tmod

    monkeypatch.setattr(tmod.QInputDialog, "getInt", staticmethod(lambda *a, **k: (40, True)))
    win.transport.act_fast_forward.trigger()
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=10000)
    assert win.session.step == 40


def test_long_fast_forward_uses_the_compiled_path(qtbot, win):
    win.fast_forward(5000)
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=60000)
    assert win.session.step == 5000 and win.transport.timeline.maximum() == 5000


# ---------------------------------------------------------------------------------------------------------
# files
def test_open_corpus_file(tmp_path, win):
    p = tmp_path / "c.txt"
    p.write_text("red apple\ngreen apple\nred cherry\n", encoding="utf-8")
    assert win.open_corpus(str(p))
    assert win.session.text == p.read_text() and win.session.model.V == 4
    bad = tmp_path / "bin.txt"
    bad.write_bytes(b"\x00\x01")
    old = win.session
    win.open_corpus(str(bad))
    assert win.session is old and "binary" in win.statusBar().currentMessage()


def test_save_and_open_session(tmp_path, win):
    s = win.session
    s.step_forward(7)
    path = tmp_path / "run.w2vx"
    assert win.save_session_as(str(path)) and path.exists()
    s.step_forward(3)
    assert win.open_session(str(path))
    assert win.session is not s and win.session.step == 7 and view(win).last[0] == 7
    assert win.setup_panel.corpus.toPlainText() == s.text
    (tmp_path / "junk.w2vx").write_bytes(b"not a zip")
    cur = win.session
    assert not win.open_session(str(tmp_path / "junk.w2vx"))
    assert win.session is cur


@pytest.mark.parametrize(
    "kind,suffix", [("loss", ".csv"), ("trace", ".jsonl"), ("weights", ".npz"), ("vectors", ".txt")]
)
def test_export_data(tmp_path, win, kind, suffix):
    win.session.step_forward(5)
    path = tmp_path / f"out{suffix}"
    assert win.export_data(kind, str(path)) and path.stat().st_size > 0


def test_export_plot_and_window(tmp_path, win):
    win.session.step_forward(2)
    assert win.export_plot(view(win), str(tmp_path / "p.png"))
    assert QImage(str(tmp_path / "p.png")).width() > 0
    assert win.export_window(str(tmp_path / "w"))
    assert QImage(str(tmp_path / "w.png")).width() == win.width()


# ---------------------------------------------------------------------------------------------------------
# view options, help
def test_presentation_mode_and_dark_theme(qtbot, win):
    app = QApplication.instance()
    small = app.font().pointSize()
    key(qtbot, win, Qt.Key.Key_F5)
    assert win.act_presentation.isChecked() and style.current().high_contrast
    assert app.font().pointSize() > small and style.current().line_width > 2
    win.act_dark.trigger()
    assert style.current().dark and style.current().bg == "#000000"
    win.act_presentation.trigger()
    win.act_dark.trigger()
    assert style.current() == style.LIGHT and app.font().pointSize() == small


def test_shortcuts_are_listed_and_named_in_tooltips(win):
    table = dict(win.shortcut_table())
    for text, k in [
        ("Play", "Space"),
        ("Step", "Right"),
        ("Back (undo)", "Left"),
        ("Sub-step", "Shift+Right"),
        ("Sub-step back", "Shift+Left"),
        ("Undo", "Ctrl+Z"),
        ("Forward (redo)", "Ctrl+Shift+Z"),
        ("Run one epoch", "Ctrl+E"),
        ("Go to step 0", "Home"),
        ("Go to the last computed step", "End"),
        ("Full screen", "F11"),
    ]:
        assert table[text] == k, text
    assert "(Right)" in win.transport.act_step.toolTip()
    win.show_shortcuts()
    assert win._shortcuts_dialog.isVisible()


def test_a_window_deleted_with_deferred_work_pending_raises_nothing(qtbot, settings):
    """Work queued for the next event-loop pass (a refit after a font change, a catch-up redraw) belongs to
    its widget: deleting the window first cancels it, instead of calling into deleted C++ objects."""
    w = MainWindow(royal_session(), settings=settings, views=view_classes(), restore_layout=False)
    w.show()
    qtbot.waitExposed(w)
    w.act_presentation.trigger()  # font change: the setup panel queues a refit
    w.resize(w.width() - 50, w.height())  # resize: stale views queue a catch-up
    w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(20)  # pytest-qt fails the test on any exception raised in here
    style.apply_theme(QApplication.instance(), style.LIGHT)


def test_close_leaves_no_thread_or_timer(qtbot, make_window):
    w = make_window()
    _slow(w.session)
    w.transport.play()
    w.close()
    assert not w.transport.is_playing()
    w2 = make_window()
    _slow(w2.session, 0.01)
    w2.fast_forward(190)
    assert w2.is_busy()
    w2.close()
    assert not w2.worker.is_running() and not w2.bridge._timer.isActive()
    assert w2.session.step < 190


# ---------------------------------------------------------------------------------------------------------
# the real views, when the registry is there
def test_real_views_follow_the_session(qtbot, make_window):
    w = make_window(Session(preset_text("royalty"), Config(window=2), name="royalty"), views=view_classes())
    for _ in range(3):
        key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    key(qtbot, w, Qt.Key.Key_Left)
    for out in ("hs", "ns"):
        c = w.setup_panel.widgets["output"]
        c.setCurrentIndex(c.findData(out))
        w.setup_panel.apply_button.click()
        w.transport.step()
        w.run_epoch()
        qtbot.waitUntil(lambda: not w.is_busy(), timeout=20000)
    assert w.session.config.output == "ns" and w.session.step > 1


@pytest.mark.parametrize("output", ["softmax", "ns"])
def test_a_step_repaints_the_views_without_laying_out_the_window(qtbot, make_window, output):
    """The counters, captions and read-outs that change every step must not ask for a new layout: that
    would lay out the main window, its docks and tool bars again and repaint far more than changed."""
    w = make_window(
        Session(preset_text("royalty"), Config(window=2, output=output), name="royalty"), views=view_classes()
    )
    for name in ("walk", "neighbours"):  # tabbed behind others in the default layout
        w.docks[name].raise_()
    for _ in range(3):
        w.transport.step()
        QApplication.processEvents()
    requests = []

    class Spy(QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.LayoutRequest and isinstance(
                obj, (QMainWindow, QDockWidget, QToolBar, QStatusBar)
            ):
                requests.append(obj.objectName() or type(obj).__name__)
            return False

    spy = Spy()
    QApplication.instance().installEventFilter(spy)
    try:
        for _ in range(4):
            w.transport.step()
            QApplication.processEvents()
            w.transport.sub_step()
            QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert w.session.step == 7 and all(v.isVisible() for v in w.views)
    assert requests == []


# ---------------------------------------------------------------------------------------------------------
# the command line
def _run(args, env_extra=None, drop=()):
    env = dict(os.environ)
    for k in drop:
        env.pop(k, None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_screenshot_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    r = _run(
        ["--screenshot", str(out), "--preset", "loop", "--output", "hs", "--steps", "3"],
        drop=("QT_QPA_PLATFORM",),
    )
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert out.stat().st_size > 10_000 and (img.width(), img.height()) == (1600, 1000)


def test_bad_options_and_no_display_are_one_line_errors(tmp_path):
    r = _run(["--screenshot", str(tmp_path / "x.jpg")])
    assert r.returncode == 2 and r.stderr.startswith("error:") and r.stderr.count("\n") == 1
    r = _run(["--screenshot", str(tmp_path / "x.png"), "--preset", "nope"])
    assert r.returncode == 2 and "unknown preset" in r.stderr and r.stderr.count("\n") == 1
    r = _run(["--screenshot", str(tmp_path / "x.png"), "--corpus", str(tmp_path / "missing.txt")])
    assert r.returncode == 2 and r.stderr.startswith("error:")
    r = _run([], drop=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    assert r.returncode == 2 and "--screenshot" in r.stderr and r.stderr.count("\n") == 1
    assert "Traceback" not in r.stderr
