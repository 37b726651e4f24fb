"""The state of one explorer window, without Qt: one value per thing the window shows, one event each.

Views and the shell subscribe to ``state.events.<name>`` and redraw; commands (:mod:`.commands`) change the
state. Busy/idle lives here only (:attr:`AppState.status`): while a long run holds the session on a worker
thread, :attr:`AppState.live_session` is ``None`` and the session's own events are ignored, so nothing in the
window touches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..session import Session
from .comparison import Comparison
from .events import Event
from .walk import WalkCursor

IDLE, PLAYING, RUNNING = "idle", "playing", "running"
#: at most this many replaced sessions are kept for Edit ▸ Undo new session (each keeps its history)
MAX_PREVIOUS_SESSIONS = 3
#: one phase's animation, in milliseconds: the default and the range the user may choose from
DEFAULT_ANIMATION_MS = 700
ANIMATION_MS_RANGE = (100, 5000)


@dataclass(frozen=True)
class Status:
    """What the session is doing: ``idle``, ``playing`` (steps on a timer) or ``running`` (a long run on a
    worker thread, ``done`` of ``total`` steps; ``total`` 0 while unknown); ``what`` names the run. A new
    session being built in the background is a run too: ``what`` is ``"load:<text to show>"``, ``done`` of
    ``total`` thousandths, and ``stage`` the stage it is in (translated)."""

    kind: str = IDLE
    done: int = 0
    total: int = 0
    what: str = ""
    stage: str = ""

    @property
    def loading(self) -> bool:
        return self.kind == RUNNING and self.what.startswith("load:")


@dataclass(frozen=True)
class Problem:
    """A user-facing problem in one line: ``blowup`` (a step would blow up; nothing was applied) or
    ``error`` (a bad file, a refused setting, an impossible action). The state was kept either way."""

    kind: str
    text: str


@dataclass
class Replaced:
    """A session that a new one replaced (Apply, Reset, a preset, Open corpus/session), kept for undo."""

    session: Session
    path: str | None
    preset: str | None = None


class Events:
    """The events of :class:`AppState`; each is an :class:`~.events.Event`."""

    def __init__(self) -> None:
        #: a new session was set (vocabulary and sizes may differ): ``()``
        self.session = Event()
        #: the session's step, phase or parameters changed: ``()``
        self.changed = Event()
        #: the learning rate of the next step changed: ``(lr,)``
        self.lr = Event()
        #: idle / playing / running, or a run's progress: ``(Status,)``
        self.status = Event()
        #: ``(word,)``
        self.selected_word = Event()
        #: the guided walk highlights these quantities in every view: ``(frozenset,)``
        self.highlight = Event()
        #: ``(view name, key, value)``
        self.view_option = Event()
        #: presentation mode or the dark theme: ``(presentation, dark)``
        self.look = Event()
        #: ``(language code,)``
        self.language = Event()
        #: the file the session was opened from or saved to: ``(path or None,)``
        self.session_path = Event()
        #: a problem for the user: ``(Problem,)``
        self.problem = Event()
        #: a passing message for the status bar: ``(text,)``
        self.message = Event()
        #: the comparison with the user's trace was set, cleared, moved to another difference, or the shown
        #: step has another difference (:attr:`AppState.comparison`): ``(Comparison or None,)``
        self.comparison = Event()
        #: teaching aids changed (animation on/off or its duration, prediction prompts, the walk's
        #: question): ``()``
        self.teaching = Event()


class AppState:
    """Everything a window shows. Assign through the setters; each emits its event when the value changed."""

    def __init__(self, session: Session | None = None, language: str = "en"):
        self.events = Events()
        self._session: Session | None = None
        self._status = Status()
        self.selected_word = ""
        self.highlight: frozenset[str] = frozenset()
        self.view_options: dict[str, dict[str, Any]] = {}
        self.presentation = False
        self.dark = False
        self.language = language
        self.session_path: str | None = None
        self.previous: list[Replaced] = []
        self.walk = WalkCursor()
        self.last_problem: Problem | None = None
        #: File ▸ Compare with my trace…: the loaded comparison (``explorer.app.comparison``), or None
        self.comparison: Comparison | None = None
        self.events.changed.connect(self._follow_comparison)  # first: views redraw with it up to date
        #: animate each update: ``None`` follows presentation mode (on there, off otherwise), else the choice
        self.animate_choice: bool | None = None
        #: how long one phase's animation lasts, in milliseconds
        self.animation_ms = DEFAULT_ANIMATION_MS
        #: the guided walk asks a question before each phase is shown
        self.prompts = False
        if session is not None:
            self.set_session(session)

    # -- the session --------------------------------------------------------------------------------
    @property
    def session(self) -> Session | None:
        """The session the window shows (also while a run holds it: do not touch it then)."""
        return self._session

    @property
    def live_session(self) -> Session | None:
        """The session, or ``None`` while a long run holds it on a worker thread."""
        return None if self.busy else self._session

    def set_session(self, session: Session, path: str | None = None) -> None:
        """Show ``session`` (read from ``path``, if any). The selected word stays when the new vocabulary has
        it; the walk starts again."""
        if self.busy:
            raise RuntimeError("a run holds the session")
        if self._session is not None:
            self._session.unsubscribe(self._on_session_event)
        self._session = session
        session.subscribe(self._on_session_event)
        if self.selected_word not in session.model.vocab.index:
            self.selected_word = session.model.words[0]
        self.walk = WalkCursor()
        self.set_comparison(None)  # it compared another run
        self.set_session_path(path)
        self.events.session.emit()
        self.events.changed.emit()

    def release(self) -> None:
        """Stop following the session (a state made for a while, e.g. a figure's, is going away)."""
        if self._session is not None:
            self._session.unsubscribe(self._on_session_event)

    def set_session_path(self, path: str | None) -> None:
        path = None if path is None else str(path)
        if path != self.session_path:
            self.session_path = path
            self.events.session_path.emit(path)

    def _on_session_event(self, event: str) -> None:
        if self.busy:  # the session runs on a worker thread: it is reattached (one redraw) when it ends
            return
        if event == "lr":
            assert self._session is not None  # events come from the subscribed session
            self.events.lr.emit(self._session.lr)
        elif event in ("state", "run"):
            self.events.changed.emit()

    # -- run status ---------------------------------------------------------------------------------
    @property
    def status(self) -> Status:
        return self._status

    @property
    def busy(self) -> bool:
        """A long run holds the session (the one place busy/idle is kept)."""
        return self._status.kind == RUNNING

    @property
    def playing(self) -> bool:
        return self._status.kind == PLAYING

    def set_status(self, status: Status) -> None:
        if status != self._status:
            self._status = status
            self.events.status.emit(status)

    # -- what is shown ------------------------------------------------------------------------------
    def select_word(self, word: str) -> None:
        if word != self.selected_word:
            self.selected_word = word
            self.events.selected_word.emit(word)

    def set_highlight(self, names) -> None:
        names = frozenset(names)
        if names != self.highlight:
            self.highlight = names
            self.events.highlight.emit(names)

    def option(self, view: str, key: str, default=None):
        """A view's option (a check box, a scale, a tab…) as the user last set it."""
        return self.view_options.get(view, {}).get(key, default)

    def set_option(self, view: str, key: str, value) -> None:
        opts = self.view_options.setdefault(view, {})
        if opts.get(key, _MISSING) != value:
            opts[key] = value
            self.events.view_option.emit(view, key, value)

    def set_look(self, presentation: bool | None = None, dark: bool | None = None) -> None:
        """Presentation mode and the dark theme (``None``: unchanged)."""
        p = self.presentation if presentation is None else bool(presentation)
        d = self.dark if dark is None else bool(dark)
        if (p, d) != (self.presentation, self.dark):
            was = self.animate
            self.presentation, self.dark = p, d
            self.events.look.emit(p, d)
            if self.animate != was:  # the animation follows presentation mode unless switched
                self.events.teaching.emit()

    def set_language(self, code: str) -> None:
        if code != self.language:
            self.language = code
            self.walk.retranslate()
            self.events.language.emit(code)

    # -- the comparison with the user's trace -------------------------------------------------------
    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show ``comparison`` (None: none); its difference at the shown step is followed from now on."""
        if comparison is None and self.comparison is None:
            return
        self.comparison = comparison
        if comparison is not None:
            comparison.follow(self.live_session)
        self.events.comparison.emit(comparison)

    def _follow_comparison(self) -> None:
        c = self.comparison
        if c is not None and self.live_session is not None and c.follow(self.live_session):
            self.events.comparison.emit(c)

    # -- teaching aids ------------------------------------------------------------------------------
    @property
    def animate(self) -> bool:
        """Whether updates are animated: the user's choice, else on in presentation mode only."""
        return self.presentation if self.animate_choice is None else self.animate_choice

    def set_animation(self, on: bool | None = None, ms: int | None = None) -> None:
        """Animation on or off (``None``: unchanged) and its duration per phase (clamped to
        :data:`ANIMATION_MS_RANGE`)."""
        choice = self.animate_choice if on is None else bool(on)
        ms = (
            self.animation_ms
            if ms is None
            else int(min(max(int(ms), ANIMATION_MS_RANGE[0]), ANIMATION_MS_RANGE[1]))
        )
        if (choice, ms) != (self.animate_choice, self.animation_ms):
            self.animate_choice, self.animation_ms = choice, ms
            self.events.teaching.emit()

    def set_prompts(self, on: bool) -> None:
        if bool(on) != self.prompts:
            self.prompts = bool(on)
            if not self.prompts:
                self.walk.asking = None
            self.events.teaching.emit()

    # -- telling the user ---------------------------------------------------------------------------
    def report(self, problem: Problem) -> None:
        self.last_problem = problem
        self.events.problem.emit(problem)

    def say(self, text: str) -> None:
        self.events.message.emit(text)


_MISSING = object()

__all__ = [
    "AppState",
    "Events",
    "Problem",
    "Replaced",
    "Status",
    "IDLE",
    "PLAYING",
    "RUNNING",
    "MAX_PREVIOUS_SESSIONS",
    "DEFAULT_ANIMATION_MS",
    "ANIMATION_MS_RANGE",
]
