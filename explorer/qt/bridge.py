"""Qt signals over the application state: the one object every view listens to.

The state (:class:`~explorer.app.state.AppState`, no Qt) emits plain events; the bridge turns them into
signals and throttles redraws while training runs fast, so views redraw at most ~30 times a second however
fast steps arrive. ``bridge.commands`` is the window's :class:`~explorer.app.commands.Commands`: a view that
acts (the walk's Next, a click on the loss plot) goes through it, so every action meets the same error policy.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ..app.commands import Commands
from ..app.state import RUNNING, AppState
from ..session import Session


class SessionBridge(QObject):
    #: the session's state changed (step, phase, parameters): views redraw from ``bridge.session``
    changed = Signal()
    #: a new session or model was set (vocabulary, sizes may differ): views rebuild their items
    reset = Signal()
    #: the base learning rate changed
    lrChanged = Signal(float)
    #: progress of a long run: (done, total)
    runProgress = Signal(int, int)
    #: the word selected for nearest neighbours / highlighting ("" for none)
    selectedWordChanged = Signal(str)
    #: the guided walk highlights these quantities (e.g. {"h", "u", "y"}) in every view
    highlightChanged = Signal(object)
    #: the comparison with the user's trace changed (set, cleared, another difference): ``(Comparison|None)``
    comparisonChanged = Signal(object)
    #: teaching aids changed: animation on/off or duration, prediction prompts, the walk's question
    teachingChanged = Signal()

    def __init__(
        self,
        session: Session | None = None,
        parent=None,
        min_interval_ms: int = 33,
        state: AppState | None = None,
        commands: Commands | None = None,
    ):
        super().__init__(parent)
        self.state = state if state is not None else AppState()
        self.commands = commands if commands is not None else Commands(self.state)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(min_interval_ms)
        self._timer.timeout.connect(self.changed.emit)
        self.throttle = False
        ev = self.state.events
        self._links = [
            (ev.session, self.reset.emit),
            (ev.changed, self.notify),
            (ev.lr, self.lrChanged.emit),
            (ev.selected_word, self.selectedWordChanged.emit),
            (ev.highlight, self.highlightChanged.emit),
            (ev.status, self._on_status),
            (ev.comparison, self.comparisonChanged.emit),
            (ev.teaching, self.teachingChanged.emit),
        ]
        for event, fn in self._links:
            event.connect(fn)
        if session is not None:
            self.set_session(session)

    def detach(self) -> None:
        """Stop following the state (the window is going away; the state may live on in a new one)."""
        for event, fn in self._links:
            event.disconnect(fn)
        self._links = []
        self._timer.stop()

    @property
    def session(self) -> Session | None:
        """The session to draw, or ``None`` while a long run holds it (views skip their redraws then)."""
        return self.state.live_session

    @property
    def selected_word(self) -> str:
        return self.state.selected_word

    @property
    def highlight(self) -> frozenset:
        return self.state.highlight

    def set_session(self, session: Session) -> None:
        self.state.set_session(session)

    def _on_status(self, status) -> None:
        if status.kind == RUNNING:
            self.runProgress.emit(status.done, status.total)

    def notify(self) -> None:
        """Ask views to redraw: at once, or (while ``throttle`` is on) at most every ``min_interval_ms``."""
        if self.throttle:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self.changed.emit()

    def flush(self) -> None:
        """Emit a pending throttled redraw now."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def select_word(self, word: str) -> None:
        self.state.select_word(word)

    def set_highlight(self, names) -> None:
        self.state.set_highlight(names)
