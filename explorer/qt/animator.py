"""Drives the update animation: a QVariantAnimation from 0 to 1 whose every value asks the views to draw
an overlay frame.

What to animate and what each frame shows is decided without Qt (:mod:`explorer.app.animation`): when the
session changes, :func:`~explorer.app.animation.plan_for` compares what it showed before and after (a
sub-step: its phase; a step: all four; anything else: nothing). A view takes part by having an
``animation_frame(frame, rec)`` method (``frame`` ``None``: clear the overlay). The animation never holds
anything up: views have already drawn the new state, the overlay only shows how it came about, and a key
or mouse press anywhere in the application ends it at once (before the key does what it does).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEasingCurve, QEvent, QObject, QVariantAnimation
from PySide6.QtWidgets import QApplication

from ..app.animation import Plan, frame_at, plan_for, session_key

_ENDING_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.MouseButtonPress)


class Animator(QObject):
    """Animates each update on ``views`` (those with an ``animation_frame`` hook) while the state says so
    (``state.animate``: on in presentation mode unless switched; ``state.animation_ms`` per phase)."""

    def __init__(self, bridge, views, parent=None):
        super().__init__(parent)
        self.bridge = bridge
        self.state = bridge.state
        self.views = [v for v in views if callable(getattr(v, "animation_frame", None))]
        self.anim = QVariantAnimation(self)
        self.anim.setStartValue(0.0)
        self.anim.setEndValue(1.0)
        self.anim.setEasingCurve(QEasingCurve.Type.Linear)  # the phases ease themselves
        self.anim.valueChanged.connect(self._frame)
        self.anim.finished.connect(self.finish)
        self.plan = Plan(0, ())
        self._rec = None
        s = bridge.session
        self._key = session_key(s) if s is not None else None
        bridge.changed.connect(self._on_changed)
        bridge.reset.connect(self._on_reset)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        #: frames drawn since the last start (for tests)
        self.frames = 0

    @property
    def running(self) -> bool:
        return self.anim.state() == QVariantAnimation.State.Running

    def _on_reset(self) -> None:
        self.finish()
        s = self.bridge.session
        self._key = session_key(s) if s is not None else None

    def _on_changed(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        key = session_key(s)
        plan = plan_for(self._key, key)
        self._key = key
        self.finish()
        if plan and self.state.animate and not self.state.playing:
            self.start(plan, s.record)

    def start(self, plan: Plan, rec) -> None:
        """Animate ``plan`` for the record ``rec`` (``state.animation_ms`` per phase)."""
        self.plan, self._rec = plan, rec
        self.frames = 0
        self.anim.setDuration(max(1, int(self.state.animation_ms * len(plan.phases))))
        self.anim.start()

    def _frame(self, t) -> None:
        if self._rec is None:
            return
        self.draw(float(t))

    def draw(self, t: float) -> None:
        """Draw the frame at time ``t`` ∈ [0, 1] in every view on screen."""
        frame = frame_at(self.plan, t)
        for v in self.views:
            if v.isVisible():
                v.animation_frame(frame, self._rec)
        self.frames += 1

    def finish(self) -> None:
        """End the animation now: the overlays go, the views show the state as it is."""
        if self.running:
            self.anim.stop()
        if self._rec is not None:
            self._rec = None
            for v in self.views:
                v.animation_frame(None, None)

    def eventFilter(self, obj, event) -> bool:
        if self._rec is not None and event.type() in _ENDING_EVENTS:
            self.finish()
        return False

    def detach(self) -> None:
        self.finish()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class Teaching(QObject):
    """The window's teaching aids: the update animation (:attr:`animator`) and the guided walk's prediction
    prompts. The View menu's actions (``menus.TEACHING``) call these methods; the choices live in the
    state."""

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.state = window.state
        self.animator = Animator(window.bridge, window.views, self)
        window.bridge.teachingChanged.connect(self.sync)

    def set_animate(self, on: bool) -> None:
        self.state.set_animation(on=bool(on))

    def animation_speed(self, factor: float) -> None:
        """Each phase ``factor`` times as long (within the state's range)."""
        self.state.set_animation(ms=round(self.state.animation_ms * factor))
        text = QCoreApplication.translate("MainWindow", "Animation: {ms} ms per phase")
        self.w.show_message(text.format(ms=self.state.animation_ms), 3000)

    def set_prompts(self, on: bool) -> None:
        self.state.set_prompts(bool(on))

    def sync(self) -> None:
        """The menu's check marks follow the state (presentation mode turns the animation on by default)."""
        self.w.act_animate.setChecked(self.state.animate)
        self.w.act_prompts.setChecked(self.state.prompts)
