"""Qt signals over a session: the one object every view listens to.

The session (no Qt) calls plain callbacks; the bridge turns them into signals and throttles redraws while
training runs fast, so views redraw at most ~30 times a second however fast steps arrive.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

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

    def __init__(self, session: Session | None = None, parent=None, min_interval_ms: int = 33):
        super().__init__(parent)
        self.session: Session | None = None
        self.selected_word = ""
        self.highlight: frozenset[str] = frozenset()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(min_interval_ms)
        self._timer.timeout.connect(self.changed.emit)
        self.throttle = False
        if session is not None:
            self.set_session(session)

    def set_session(self, session: Session) -> None:
        if self.session is not None:
            self.session.unsubscribe(self._on_event)
        self.session = session
        session.subscribe(self._on_event)
        if self.selected_word not in session.model.vocab.index:
            self.selected_word = session.model.words[0]
        self.reset.emit()
        self.changed.emit()

    def _on_event(self, event: str) -> None:
        if event == "lr":
            self.lrChanged.emit(self.session.lr)
        elif event in ("state", "run"):
            self.notify()

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
        if word != self.selected_word:
            self.selected_word = word
            self.selectedWordChanged.emit(word)

    def set_highlight(self, names) -> None:
        self.highlight = frozenset(names)
        self.highlightChanged.emit(self.highlight)
