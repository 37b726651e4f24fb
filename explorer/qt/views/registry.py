"""The views of the main window, in default dock order, and a way to build one for a given state.

The shell creates each one generically: ``view = cls(bridge)``, docks it under ``view.title()`` with object
name ``view.name``; ``view.export(path)`` writes .png or .svg. :func:`build_view` makes a panel outside any
window (e.g. offscreen, for a figure) from an application state or a session.
"""

from __future__ import annotations

from .equation_view import EquationView
from .heatmap_view import HeatmapView
from .inspector_view import InspectorView
from .loss_view import LossView
from .neighbours_view import NeighboursView
from .network_view import NetworkView
from .projection_view import ProjectionView
from .samples_view import SamplesView
from .tree_view import TreeView
from .walk_view import WalkView

VIEW_CLASSES = [
    NetworkView,
    InspectorView,
    EquationView,
    WalkView,
    HeatmapView,
    LossView,
    ProjectionView,
    NeighboursView,
    TreeView,
    SamplesView,
]
#: name (the dock's object name, ``view.name``) → view class
VIEWS_BY_NAME = {cls.name: cls for cls in VIEW_CLASSES}


def build_view(name: str, state=None, session=None, size=(900, 600)):
    """A new view ``name`` showing ``state`` (an :class:`~explorer.app.state.AppState`: its session, selected
    word, walk highlight and view options) or, without one, ``session``. Not shown: the caller shows or
    renders it. The view keeps its bridge alive (``view.bridge``); call ``view.bridge.detach()`` when done
    with a state that lives on."""
    from ...app.state import AppState
    from ..bridge import SessionBridge

    if state is None:
        state = AppState(session)
    view = VIEWS_BY_NAME[name](SessionBridge(state=state))
    view.bridge.setParent(view)
    view.resize(*size)
    if state.session is not None:
        view.rebuild()
        view.refresh()
    return view


__all__ = [
    "VIEW_CLASSES",
    "VIEWS_BY_NAME",
    "build_view",
    "NetworkView",
    "InspectorView",
    "EquationView",
    "HeatmapView",
    "LossView",
    "ProjectionView",
    "NeighboursView",
    "WalkView",
    "TreeView",
    "SamplesView",
]
