"""Presentation mode's layout: which panels are on screen, and which is in front, for the phase being taught.

Qt-free: :func:`presentation_layout` returns the arrangement as the dock layout takes it (columns left to
right, each a tuple of rows top to bottom, each row a tuple of panel names tabbed together, the one in front
first) plus the panels that are hidden. The window applies it once when presentation mode is switched on and,
as the session moves from phase to phase, only brings the phase's panels to the front (:func:`front_panels`),
so nothing jumps around while the lecturer talks.

Panels are named as the views are (``View.name``); a name without a panel in the window is skipped, so the
Huffman-tree view (``"tree"``) and the negative-samples view (``"samples"``) are used when they exist:

- left, large: the network, or for hierarchical softmax the tree, for negative sampling the samples;
- right, top: the phase's equations with this step's numbers (the guided walk tabbed behind them);
- right, bottom: the loss curve while the forward pass and the error are taught, the projection (the vectors
  that move) during the updates.
"""

from __future__ import annotations

from dataclasses import dataclass

#: the output layer's own view, when the window has it (else the network shows the outputs)
OUTPUT_VIEW = {"softmax": "network", "hs": "tree", "ns": "samples"}
#: the session's phases (``Session.phase``; ``None``: a whole step) → the lower right panel in front
LOWER_PANEL = {
    None: "loss",
    "forward": "loss",
    "error": "loss",
    "output update": "projection",
    "input update": "projection",
}
#: column widths as fractions of the window's width (the network needs a little more than the equations)
WIDTHS = (0.56, 0.44)
#: … in a window at least :data:`WIDE_PX` wide, where the network needs a smaller share and the equations
#: break onto fewer lines with more
WIDTHS_WIDE = (0.52, 0.48)
WIDE_PX = 1200
#: the right column's rows (equations, then loss or projection) as relative heights: the phase's equations
#: with this step's numbers fit without scrolling at 1280×720; a plot reads well in the rest
HEIGHTS = (68, 32)
#: … and while the projection is in front (the updates), which needs more height for its points
HEIGHTS_PROJECTION = (58, 42)


@dataclass(frozen=True)
class PresentationLayout:
    """``columns``: the dock arrangement (see the module docstring); ``hidden``: panels not shown;
    ``front``: the panel in front in each tab group; ``widths``: column widths as fractions."""

    columns: tuple
    hidden: tuple
    front: tuple
    widths: tuple = WIDTHS
    heights: tuple = HEIGHTS


def left_panels(output: str, available) -> tuple[str, ...]:
    """The left tab group: the output layer's own view first (when there is one), then the network."""
    own = OUTPUT_VIEW.get(output, "network")
    names = [own] if own in available else []
    if "network" not in names and "network" in available:
        names.append("network")
    return tuple(names)


def front_panels(phase: str | None, output: str, available) -> tuple[str, ...]:
    """The panels to bring to the front for ``phase``: the left view, the equations, loss or projection."""
    left = left_panels(output, available)
    if phase == "forward" and "network" in left:
        left = ("network",)  # the forward pass flows through the network
    lower = LOWER_PANEL.get(phase, "loss")
    names = [left[0] if left else None, "equations", lower]
    return tuple(n for n in names if n and n in available)


def presentation_layout(
    phase: str | None, output: str, available, window_width: int = 0
) -> PresentationLayout:
    """The presentation arrangement for ``phase`` of a session with ``output`` (softmax / hs / ns), from the
    panels ``available`` (names), in a window ``window_width`` pixels wide (0: unknown); every other
    available panel is hidden (the View menu shows it again)."""
    available = tuple(available)
    left = left_panels(output, available)
    lower = LOWER_PANEL.get(phase, "loss")
    other = "projection" if lower == "loss" else "loss"
    upper_row = tuple(n for n in ("equations", "walk") if n in available)
    lower_row = tuple(n for n in (lower, other) if n in available)
    right = tuple(r for r in (upper_row, lower_row) if r)
    columns = tuple(c for c in ((left,) if left else (), right) if c)
    shown = {n for col in columns for row in col for n in row}
    hidden = tuple(n for n in available if n not in shown)
    heights = HEIGHTS_PROJECTION if lower == "projection" else HEIGHTS
    widths = WIDTHS_WIDE if window_width >= WIDE_PX else WIDTHS
    return PresentationLayout(
        columns, hidden, front_panels(phase, output, available), widths=widths, heights=heights
    )
