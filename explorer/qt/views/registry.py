"""The views of the main window, in default dock order.

The shell creates each one generically: ``view = cls(bridge)``, docks it under ``view.title()`` with object
name ``view.name``; ``view.export(path)`` writes .png or .svg.
"""
from __future__ import annotations

from .equation_view import EquationView
from .heatmap_view import HeatmapView
from .inspector_view import InspectorView
from .loss_view import LossView
from .neighbours_view import NeighboursView
from .network_view import NetworkView
from .projection_view import ProjectionView
from .walk_view import WalkView

VIEW_CLASSES = [NetworkView, InspectorView, EquationView, WalkView, HeatmapView, LossView, ProjectionView,
                NeighboursView]

__all__ = ["VIEW_CLASSES", "NetworkView", "InspectorView", "EquationView", "HeatmapView", "LossView",
           "ProjectionView", "NeighboursView", "WalkView"]
