"""Building one panel of the explorer for a session, away from the window: the one place that knows how.

Everything else in :mod:`explorer.qt.figures` asks :func:`make_binding` for the object panels listen to and
:func:`build_panel` for a panel; when the window's plumbing changes, only these two functions change.
"""

from __future__ import annotations

from ...app.state import AppState
from ...session import Session
from ..bridge import SessionBridge
from .spec import PANELS


def view_class(name: str):
    """The view class of panel ``name`` (one of :data:`~explorer.qt.figures.spec.PANELS`)."""
    from ..views.registry import VIEWS_BY_NAME

    return VIEWS_BY_NAME[name]


def panel_names() -> list[str]:
    """The panels a figure can show: those of :data:`PANELS` that the explorer has as views."""
    from ..views.registry import VIEW_CLASSES

    have = {cls.name for cls in VIEW_CLASSES}
    return [n for n in PANELS if n in have]


class FigureState(AppState):
    """The state of a figure's panels: the guided walk's highlight is the one the figure asked for (none by
    default), whatever a walk panel in the figure would set."""

    def __init__(self, session: Session, highlight=frozenset()):
        self.fixed_highlight = frozenset(highlight)
        super().__init__(session)
        super().set_highlight(self.fixed_highlight)

    def set_highlight(self, names) -> None:
        super().set_highlight(self.fixed_highlight)


def make_binding(session: Session, highlight=frozenset()) -> SessionBridge:
    """What the panels of one figure listen to: a state of its own over the session (and the guided walk's
    highlight, if asked). Redraws are not throttled: a state change of the session redraws the panels at
    once (animations change the state, then render)."""
    return SessionBridge(state=FigureState(session, highlight))


def release_binding(bridge: SessionBridge) -> None:
    """Stop listening to the session (the session keeps no reference to the figure's panels)."""
    bridge.detach()
    bridge.state.release()
    bridge.deleteLater()


def build_panel(name: str, bridge: SessionBridge, options=None):
    """A new panel ``name`` drawing ``bridge``'s session, not placed in any window. ``options`` (a
    :class:`~explorer.qt.figures.spec.FigureSpec`) is not needed by today's views; it is passed so a view
    that grows per-figure options can read them here."""
    view = view_class(name)(bridge)
    view.setProperty("w2vView", True)
    return view


def panel_title(view) -> str:
    """The panel's title in the interface language (as its dock shows it)."""
    title = getattr(view, "title", None)
    return title() if callable(title) else str(getattr(view, "name", ""))


def refresh_panel(view) -> None:
    """Draw the session's current state now (whether or not the panel is on a screen)."""
    fn = getattr(view, "refresh", None)
    if callable(fn) and getattr(view, "bridge", None) is not None and view.bridge.session is not None:
        fn()
        if hasattr(view, "_stale"):
            view._stale = False
