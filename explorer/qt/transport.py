"""The transport: step, sub-step, back, forward, play/pause with a speed control, run one epoch,
fast-forward N steps, and the timeline that scrubs to any computed step.

Every control is a :class:`QAction` (menu "Train", toolbar, shortcut, tooltip naming the shortcut). Actions
are commands (:class:`~explorer.app.commands.Commands`, one error policy); play is the state's ``playing``
status, which the play timer here follows. While a long run is in progress the actions are disabled.

Going forward along the timeline re-uses the computed future: after Back or a scrub, Step and Play move
forward through the computed steps (redo) before computing new ones, so the timeline is not cut short.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QKeyCombination, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QSizePolicy,
    QSlider,
    QStyle,
    QToolBar,
    QWidget,
)

from ..app.comparison import difference_step
from ..app.readout import step_position
from ..app.state import PLAYING
from .actions import make_action
from .bridge import SessionBridge
from .views.common import SteadyLabel
from .views.difference import TimelineMarks

#: the speed slider's range; its top value means "as fast as possible"
SPEED_STEPS = 100
SLOWEST_RATE = 1 / 3  # one step every 3 s
FASTEST_FINITE_RATE = 3000.0  # the slider's last finite value, in steps per second
#: above this rate views redraw through the bridge's throttle (at most ~30 times a second)
THROTTLE_ABOVE = 25.0
#: longest time one play tick may spend stepping, so Pause and redraws stay responsive
TICK_BUDGET_S = 0.030
#: manual steps closer together than this (key auto-repeat) are drawn through the throttle
BURST_S = 0.040

PHASE_NAMES = {
    "forward": QT_TRANSLATE_NOOP("Transport", "forward (h, u, y)"),
    "error": QT_TRANSLATE_NOOP("Transport", "error (t, e, E)"),
    "output update": QT_TRANSLATE_NOOP("Transport", "output update (W′)"),
    "input update": QT_TRANSLATE_NOOP("Transport", "input update (EH, W)"),
}


def phase_name(phase: str | None) -> str:
    if phase is None:
        return QCoreApplication.translate("Transport", "none yet")
    return QCoreApplication.translate("Transport", PHASE_NAMES.get(phase, phase))


def rate_for(value: int) -> float:
    """Steps per second for a speed-slider value (``inf`` at the top)."""
    if value >= SPEED_STEPS:
        return math.inf
    value = max(0, value)
    return SLOWEST_RATE * (FASTEST_FINITE_RATE / SLOWEST_RATE) ** (value / (SPEED_STEPS - 1))


def speed_text(rate: float) -> str:
    if math.isinf(rate):
        return QCoreApplication.translate("Transport", "as fast as possible")
    if rate < 1:
        return QCoreApplication.translate("Transport", "one step every {s:.1f} s").format(s=1 / rate)
    return QCoreApplication.translate("Transport", "{r:.0f} steps per second").format(r=rate)


class Transport(QObject):
    """Owns the transport actions, the play timer, the timeline and speed sliders and the counters."""

    #: play started (True) or stopped (False)
    playingChanged = Signal(bool)

    def __init__(self, bridge: SessionBridge, parent_widget: QWidget):
        super().__init__(parent_widget)
        self.bridge = bridge
        self.state = bridge.state
        self.commands = bridge.commands
        self._w = parent_widget
        self._updating = False
        self._last_manual = 0.0
        #: manual steps closer together than this are drawn through the throttle (0 turns that off)
        self.burst_s = BURST_S
        st = parent_widget.style()

        def act(text, tip, shortcut=None, icon=None, slot=None, checkable=False):
            return make_action(
                parent_widget,
                text,
                tip,
                slot,
                shortcut,
                checkable,
                st.standardIcon(icon) if icon is not None else None,
            )

        SP = QStyle.StandardPixmap
        self.act_play = act(
            self.tr("Play"),
            self.tr("Play: take steps one after another at the chosen speed"),
            Qt.Key.Key_Space,
            SP.SP_MediaPlay,
            self.toggle_play,
            checkable=True,
        )
        self.act_step = act(
            self.tr("Step"),
            self.tr("Step: train on the next example"),
            Qt.Key.Key_Right,
            SP.SP_MediaSeekForward,
            self.step,
        )
        self.act_sub_step = act(
            self.tr("Sub-step"),
            self.tr(
                "Sub-step: show the next phase of the example (forward, error, output update, input update)"
            ),
            QKeyCombination(Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Right),
            SP.SP_ArrowForward,
            self.sub_step,
        )
        self.act_sub_step_back = act(
            self.tr("Sub-step back"),
            self.tr("Sub-step back: go back one phase"),
            QKeyCombination(Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Left),
            SP.SP_ArrowBack,
            self.sub_step_back,
        )
        self.act_back = act(
            self.tr("Back (undo)"),
            self.tr("Back: undo the last step exactly"),
            Qt.Key.Key_Left,
            SP.SP_MediaSeekBackward,
            self.undo,
        )
        self.act_forward = act(
            self.tr("Forward (redo)"),
            self.tr("Forward: redo the step that was undone"),
            QKeySequence("Ctrl+Shift+Z"),
            SP.SP_MediaSkipForward,
            self.redo,
        )
        self.act_undo = act(
            self.tr("Undo"),
            self.tr("Undo the last step (exactly: the old values come back)"),
            QKeySequence("Ctrl+Z"),
            None,
            self.undo,
        )
        self.act_run_epoch = act(
            self.tr("Run one epoch"),
            self.tr("Run to the end of the current epoch in the background"),
            QKeySequence("Ctrl+E"),
            None,
            self.run_epoch,
        )
        self.act_fast_forward = act(
            self.tr("Fast-forward…"),
            self.tr("Fast-forward: run a number of steps in the background"),
            QKeySequence("Ctrl+F"),
            None,
            self.ask_fast_forward,
        )
        self.act_seek_start = act(
            self.tr("Go to step 0"),
            self.tr("Go back to the start (step 0)"),
            Qt.Key.Key_Home,
            SP.SP_MediaSkipBackward,
            self.seek_start,
        )
        self.act_seek_end = act(
            self.tr("Go to the last computed step"),
            self.tr("Go to the furthest step computed so far"),
            Qt.Key.Key_End,
            None,
            self.seek_end,
        )
        for a, short in (
            (self.act_back, self.tr("Back")),
            (self.act_forward, self.tr("Forward")),
            (self.act_run_epoch, self.tr("Epoch")),
            (self.act_fast_forward, self.tr("Fast-forward")),
        ):
            a.setIconText(short)  # the toolbar's label; menus show the full text
        self.actions = [
            self.act_play,
            self.act_step,
            self.act_sub_step,
            self.act_sub_step_back,
            self.act_back,
            self.act_forward,
            self.act_undo,
            self.act_run_epoch,
            self.act_fast_forward,
            self.act_seek_start,
            self.act_seek_end,
        ]

        # play timer: a time-based accumulator, so the rate holds whatever the redraw costs
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._play_t0 = 0.0
        self._played = 0
        self._burst_timer = QTimer(self)
        self._burst_timer.setSingleShot(True)
        self._burst_timer.setInterval(int(BURST_S * 1000) + 20)
        self._burst_timer.timeout.connect(self._end_burst)

        # widgets
        self.timeline = QSlider(Qt.Orientation.Horizontal)
        self.timeline.setObjectName("timeline")
        self.timeline.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows belong to Step / Back
        self.timeline.setRange(0, 0)
        self.timeline.setMinimumWidth(200)
        self.timeline.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.timeline.setToolTip(
            self.tr("Timeline: drag to go to any step computed so far (Home: step 0, End: the furthest step)")
        )
        self.timeline.valueChanged.connect(self._on_timeline)
        #: File ▸ Compare with my trace…: the differing steps as ticks over the timeline
        self.timeline_marks = TimelineMarks(self.timeline)
        bridge.comparisonChanged.connect(self._show_differences)
        self._show_differences(self.state.comparison)

        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setObjectName("speed")
        self.speed.setRange(0, SPEED_STEPS)
        self.speed.setValue(self.state.option("transport", "speed", 35))
        self.speed.setFixedWidth(140)
        self.speed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.speed.valueChanged.connect(self._on_speed)
        self.speed.valueChanged.connect(lambda v: self.state.set_option("transport", "speed", v))
        self.speed_label = QLabel()
        self.speed_label.setMinimumWidth(150)
        self.step_label = SteadyLabel()
        self.step_label.setToolTip(self.tr("Completed steps, and the furthest step computed so far"))
        self.epoch_label = SteadyLabel()
        self.epoch_label.setToolTip(self.tr("Epoch, and the example within it (one example per step)"))
        self.phase_label = SteadyLabel()
        self.phase_label.setToolTip(self.tr("The phase of the current example shown in the views"))
        for lab in (self.step_label, self.epoch_label, self.phase_label):
            lab.setTextFormat(Qt.TextFormat.PlainText)
        self._on_speed(self.speed.value())

        bridge.changed.connect(self.update_state)
        bridge.reset.connect(self.update_state)
        self.state.events.status.connect(self.follow)

    # -- building the UI --------------------------------------------------------------------------
    def populate_menu(self, menu) -> None:
        menu.addAction(self.act_play)
        menu.addSeparator()
        for a in (self.act_step, self.act_sub_step, self.act_sub_step_back, self.act_back, self.act_forward):
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.act_run_epoch)
        menu.addAction(self.act_fast_forward)
        menu.addSeparator()
        menu.addAction(self.act_seek_start)
        menu.addAction(self.act_seek_end)

    def build_toolbars(self, window) -> tuple[QToolBar, QToolBar]:
        """The buttons (with the speed control) and, on a second row, the counters and the timeline."""
        tb = QToolBar(self.tr("Transport"), window)
        tb.setObjectName("toolbar_transport")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (
            self.act_play,
            self.act_step,
            self.act_sub_step,
            self.act_sub_step_back,
            self.act_back,
            self.act_forward,
        ):
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.act_run_epoch)
        tb.addAction(self.act_fast_forward)
        speed_box = QWidget()
        lay = QHBoxLayout(speed_box)
        lay.setContentsMargins(4, 0, 4, 0)
        lab = QLabel(self.tr("Speed:"))
        lab.setToolTip(self.speed.toolTip())
        lay.addWidget(lab)
        lay.addWidget(self.speed)
        lay.addWidget(self.speed_label)

        tl = QToolBar(self.tr("Timeline"), window)
        tl.setObjectName("toolbar_timeline")
        # one toolbar item each: a narrow window (a projector at 1024 px, presentation's large text) moves the
        # ones that do not fit into the toolbar's extension menu instead of widening the window
        self.timeline.setMinimumWidth(120)
        for k, w in enumerate(
            (self.step_label, self.epoch_label, self.phase_label, self.timeline, speed_box)
        ):
            if k:
                spacer = QWidget()
                spacer.setFixedWidth(12)
                tl.addWidget(spacer)
            tl.addWidget(w)
        return tb, tl

    # -- state --------------------------------------------------------------------------------------
    @property
    def session(self):
        return self.bridge.session

    def detach(self) -> None:
        """Stop following the state (the window is going away; play, if on, continues in the next one)."""
        self.state.events.status.disconnect(self.follow)
        self._timer.stop()
        self._burst_timer.stop()

    @property
    def _busy(self) -> bool:
        return self.state.busy

    def follow(self, status) -> None:
        """Follow the state: the play timer runs exactly while it says ``playing``; a run disables."""
        if status.kind == PLAYING and not self._timer.isActive():
            self._configure_timer()
            self._timer.start()
            self._set_play_look(True)
            self.playingChanged.emit(True)
            if self.rate() <= THROTTLE_ABOVE:
                self._tick()  # the first step at once, not one interval later
        elif status.kind != PLAYING and self._timer.isActive():
            self._timer.stop()
            self._set_play_look(False)
            if self.bridge.throttle:
                self.bridge.throttle = False
                self.bridge.flush()
            self.playingChanged.emit(False)
        if status.done == 0:  # not a run's progress report
            self.update_state()

    def is_playing(self) -> bool:
        return self._timer.isActive()

    def update_state(self) -> None:
        """Counters, timeline and enabled states from the session."""
        s = self.session
        live = s is not None and not self._busy
        enabled = dict.fromkeys(self.actions, live)
        if live:
            can_undo = s.can_undo()
            enabled.update(
                {
                    self.act_back: can_undo,
                    self.act_undo: can_undo,
                    self.act_sub_step_back: can_undo,
                    self.act_forward: s.can_redo(),
                    self.act_seek_start: s.step > 0 or s.pending is not None,
                    self.act_seek_end: s.step < s.furthest or s.pending is not None,
                }
            )
        # each action is set once: switching one off and on again would re-lay out its tool bar every step
        for a, on in enabled.items():
            if a.isEnabled() != on:
                a.setEnabled(on)
        self.timeline.setEnabled(live)
        if not live:
            return
        self._updating = True
        try:
            self.timeline.setMaximum(s.furthest)
            self.timeline.setValue(s.step)
        finally:
            self._updating = False
        if self.timeline_marks.steps:
            self.timeline_marks.update()  # the range may have grown
        k, n = step_position(s)
        self.step_label.setText(self.tr("Step {step} of {furthest}").format(step=k, furthest=n))
        stream = s.model.stream
        if k > 0:
            e, i = stream.locate(k)
            self.epoch_label.setText(
                self.tr("Epoch {epoch}, example {i} of {n}").format(
                    epoch=e + 1, i=i + 1, n=stream.epoch_length(e)
                )
            )
        else:
            self.epoch_label.setText(self.tr("Epoch 1, example 0 of {n}").format(n=stream.epoch_length(0)))
        self.phase_label.setText(self.tr("Phase: {phase}").format(phase=phase_name(s.phase)))

    def _show_differences(self, comparison) -> None:
        if comparison is None:
            self.timeline_marks.set_marks((), None)
        else:
            cur = comparison.current
            self.timeline_marks.set_marks(comparison.steps, None if cur is None else difference_step(cur))

    # -- actions ------------------------------------------------------------------------------------
    def _manual(self) -> bool:
        """Before a manual action: stop play; False when there is no session to act on."""
        self.commands.stop_play()
        return self.state.live_session is not None

    def _begin_burst(self) -> None:
        """Steps arriving faster than the eye (key auto-repeat): redraw through the throttle."""
        now = time.perf_counter()
        if now - self._last_manual < self.burst_s:
            self.bridge.throttle = True
            self._burst_timer.start()
        self._last_manual = now

    def _end_burst(self) -> None:
        if not self.is_playing():
            self.bridge.throttle = False
            self.bridge.flush()

    def _burst(self, command) -> None:
        if self._manual():
            self._begin_burst()
            command()

    def step(self) -> None:
        self._burst(self.commands.step)

    def sub_step(self) -> None:
        self._burst(self.commands.sub_step)

    def sub_step_back(self) -> None:
        self._burst(self.commands.sub_step_back)

    def undo(self) -> None:
        self._burst(self.commands.back)

    def redo(self) -> None:
        self._burst(self.commands.forward)

    def seek(self, k: int) -> None:
        self.commands.seek(int(k))

    def seek_start(self) -> None:
        self.commands.seek(0)

    def seek_end(self) -> None:
        self.commands.seek_end()

    def _on_timeline(self, value: int) -> None:
        s = self.state.live_session
        if self._updating or s is None:
            return
        if value != s.step or s.pending is not None:
            self.seek(value)

    def run_epoch(self) -> None:
        self.commands.run_epoch()

    def fast_forward(self, n: int) -> None:
        if n > 0:
            self.commands.run_steps(int(n))

    def ask_fast_forward(self) -> None:
        if not self._manual():
            return
        n, ok = QInputDialog.getInt(
            self._w,
            self.tr("Fast-forward"),
            self.tr("Number of steps to run in the background:"),
            max(1, self.session.steps_per_epoch()),
            1,
            100_000_000,
            100,
        )
        if ok:
            self.fast_forward(n)

    # -- play ---------------------------------------------------------------------------------------
    def rate(self) -> float:
        return rate_for(self.speed.value())

    def _on_speed(self, value: int) -> None:
        r = rate_for(value)
        self.speed_label.setText(speed_text(r))
        self.speed.setToolTip(
            self.tr("Play speed: from one step every 3 seconds to as fast as possible (now: {speed})").format(
                speed=speed_text(r)
            )
        )
        if self.is_playing():
            self._configure_timer()

    def _configure_timer(self) -> None:
        r = self.rate()
        self._play_t0 = time.perf_counter()
        self._played = 0
        if r <= THROTTLE_ABOVE:
            self._timer.setInterval(max(1, int(round(1000 / r))))
            self.bridge.throttle = False
        else:
            self._timer.setInterval(0 if math.isinf(r) else 15)
            self.bridge.throttle = True

    def toggle_play(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        if not self.commands.play():
            self.act_play.setChecked(self.is_playing())

    def pause(self) -> None:
        self.commands.stop_play()
        self.act_play.setChecked(False)

    def _set_play_look(self, playing: bool) -> None:
        a = self.act_play
        a.setChecked(playing)
        st = self._w.style()
        if playing:
            a.setText(self.tr("Pause"))
            a.setIconText(self.tr("Pause"))
            a.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_MediaPause))
            a.setToolTip(
                self.tr("Pause ({key})").format(
                    key=a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                )
            )
        else:
            a.setText(self.tr("Play"))
            a.setIconText(self.tr("Play"))
            a.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
            a.setToolTip(
                self.tr("Play: take steps one after another at the chosen speed ({key})").format(
                    key=a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                )
            )

    def _tick(self) -> None:
        if self.state.live_session is None or not self.state.playing:
            self.pause()
            return
        r = self.rate()
        t_start = time.perf_counter()
        if r <= THROTTLE_ABOVE:
            want = 1
        elif math.isinf(r):
            want = 1_000_000_000
        else:
            due = int((t_start - self._play_t0) * r) - self._played
            if due <= 0:
                return
            want = due
        done = self.commands.play_steps(want, lambda: time.perf_counter() - t_start <= TICK_BUDGET_S)
        self._played += done
        if self.is_playing() and not math.isinf(r) and r > THROTTLE_ABOVE and done < want:
            # cannot keep up: do not try to catch up later in one long burst
            self._play_t0 = time.perf_counter()
            self._played = 0
