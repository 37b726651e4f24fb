"""What a figure or an animation is, checked before anything is drawn (no Qt here).

A *figure* is one or more panels of the explorer drawn at a chosen output size: ``size`` = (W, H) is the
size of the picture (PNG pixels; SVG and PDF page size in CSS pixels, 1 px = 0.75 pt), ``scale`` S draws
the content S times larger (the panels are laid out at W/S × H/S and zoomed), so S = 2 gives slide text
twice the size of the screen's on the same picture. Several panels share the picture in a fixed
arrangement (:func:`arrangement`). An *animation* is a sequence of such pictures, one per step of a range
(and, with phases, one per sub-step phase of each step: forward, error, output update, input update).

Every check raises :class:`~explorer.errors.ConfigError` with a one-line message; the command line turns
it into ``error: …`` and exit status 2.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import ConfigError

#: the panels a figure can show: name → what it draws (the names are the docks' object names)
PANELS = {
    "network": "the network: input words, h, the outputs of this step (Huffman path or samples)",
    "inspector": "charts of h, u, y, t, e, EH for this step",
    "equations": "the current phase's equations with this step's numbers",
    "walk": "the guided walk's caption for this step",
    "heatmap": "the weights W and W' (or this step's changes)",
    "loss": "the loss E per step, its moving average and the per-epoch loss",
    "projection": "a PCA projection of the input and output vectors with this step's moves",
    "neighbours": "the nearest neighbours of a word by cosine",
    "tree": "hierarchical softmax: each target's Huffman path with the code bits and u, σ(u), t, e per node",
    "samples": (
        "negative sampling: each target's positive and negatives (with counts) and the noise distribution"
    ),
}
#: the session's sub-step phases, in order (``Session.phase``); also accepted: their first word
PHASES = ("forward", "error", "output update", "input update")
FIGURE_FORMATS = ("svg", "pdf", "png")
ANIMATION_FORMATS = ("gif", "mp4")
MIN_SIZE = (200, 150)
MAX_SIZE = (8000, 8000)
SCALE_RANGE = (0.25, 8.0)
FPS_RANGE = (0.1, 60.0)
DEFAULT_SIZE = (1280, 720)
#: an animation has at most this many frames (a minute at 60 fps, or more than an hour at 1 fps)
MAX_FRAMES = 4000
#: a GIF holds all its frames in memory while it is written (one byte per pixel): at most this many bytes
MAX_GIF_BYTES = 2 * 2**30


@dataclass(frozen=True)
class FigureSpec:
    """What to draw: ``panels`` (names of :data:`PANELS`, in order), the picture's ``size`` (W, H), the
    ``scale`` of the content, ``presentation`` (large fonts and thick lines), ``dark`` (the dark theme;
    the light one by default), ``highlight`` (the guided walk's highlighted quantities; none by default)."""

    panels: tuple = ("network",)
    size: tuple = DEFAULT_SIZE
    scale: float = 1.0
    presentation: bool = False
    dark: bool = False
    highlight: frozenset = field(default_factory=frozenset)

    @property
    def layout_size(self) -> tuple[int, int]:
        """The size the panels are laid out at (the picture's size divided by the scale)."""
        return (max(1, round(self.size[0] / self.scale)), max(1, round(self.size[1] / self.scale)))


def parse_panels(text) -> tuple:
    """``"network,equations"`` (or a list) → ``("network", "equations")``; unknown or repeated names fail."""
    names = text.split(",") if isinstance(text, str) else list(text)
    names = [n.strip().lower() for n in names if n.strip()]
    if not names:
        raise ConfigError(f"no panel given (choose from {', '.join(PANELS)})")
    for n in names:
        if n not in PANELS:
            raise ConfigError(f"unknown panel {n!r} (choose from {', '.join(PANELS)})")
    if len(set(names)) != len(names):
        raise ConfigError(f"panel {next(n for n in names if names.count(n) > 1)!r} is given twice")
    if len(names) > 8:
        raise ConfigError(f"at most 8 panels in one figure, got {len(names)}")
    return tuple(names)


def parse_size(text) -> tuple[int, int]:
    """``"1280x720"`` → (1280, 720), within :data:`MIN_SIZE` … :data:`MAX_SIZE`."""
    if isinstance(text, (tuple, list)):
        w, h = (int(v) for v in text)
    else:
        m = re.fullmatch(r"\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*", str(text))
        if not m:
            raise ConfigError(f"size must be WIDTHxHEIGHT in pixels, e.g. 1280x720, got {text!r}")
        w, h = int(m.group(1)), int(m.group(2))
    if w < MIN_SIZE[0] or h < MIN_SIZE[1]:
        raise ConfigError(f"size {w}x{h} is too small (at least {MIN_SIZE[0]}x{MIN_SIZE[1]})")
    if w > MAX_SIZE[0] or h > MAX_SIZE[1]:
        raise ConfigError(f"size {w}x{h} is too large (at most {MAX_SIZE[0]}x{MAX_SIZE[1]})")
    return w, h


def check_scale(scale: float, size) -> float:
    """The content scale S, in :data:`SCALE_RANGE`, leaving at least the minimum size to lay panels out."""
    if (
        not (isinstance(scale, (int, float)) and math.isfinite(scale))
        or not SCALE_RANGE[0] <= scale <= SCALE_RANGE[1]
    ):
        raise ConfigError(f"scale must be between {SCALE_RANGE[0]:g} and {SCALE_RANGE[1]:g}, got {scale!r}")
    lw, lh = size[0] / scale, size[1] / scale
    if lw < MIN_SIZE[0] or lh < MIN_SIZE[1]:
        raise ConfigError(
            f"scale {scale:g} leaves {lw:.0f}x{lh:.0f} to lay the panels out (at least "
            f"{MIN_SIZE[0]}x{MIN_SIZE[1]}): use a larger size or a smaller scale"
        )
    return float(scale)


def check_fps(fps: float) -> float:
    if not (isinstance(fps, (int, float)) and math.isfinite(fps)) or not FPS_RANGE[0] <= fps <= FPS_RANGE[1]:
        raise ConfigError(
            f"frame rate must be between {FPS_RANGE[0]:g} and {FPS_RANGE[1]:g} per second, got {fps!r}"
        )
    return float(fps)


def parse_phase(text: str | None) -> str | None:
    """A phase name (``forward``, ``error``, ``output update`` / ``output``, ``input update`` / ``input``)."""
    if text is None:
        return None
    t = " ".join(str(text).replace("-", " ").replace("_", " ").lower().split())
    for p in PHASES:
        if t == p or t == p.split()[0]:
            return p
    raise ConfigError(
        f"unknown phase {text!r} (choose from {', '.join(p.replace(' ', '-') for p in PHASES)})"
    )


def output_format(path, formats) -> str:
    """The format named by ``path``'s extension, one of ``formats``."""
    ext = Path(str(path)).suffix.lower().lstrip(".")
    if ext not in formats:
        shown = f"'.{ext}'" if ext else "none"
        raise ConfigError(
            f"cannot tell the format of {str(path)!r}: its extension is {shown} "
            f"(use {', '.join('.' + f for f in formats)})"
        )
    return ext


def check_writable(path) -> Path:
    """Fail now (before anything is drawn) if ``path`` cannot be written: its folder is missing or read-only,
    or it is a folder. The file itself is written atomically later."""
    path = Path(str(path))
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ConfigError(f"cannot write {str(path)!r}: it is a folder")
    if not folder.is_dir():
        raise ConfigError(f"cannot write {str(path)!r}: folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"cannot write {str(path)!r}: folder {str(folder)!r} is not writable")
    if path.exists() and not os.access(path, os.W_OK):
        raise ConfigError(f"cannot write {str(path)!r}: the file is read-only")
    return path


def arrangement(n: int) -> list[tuple[int, int, int, int]]:
    """Cells (column, row, column span, row span) on a grid for ``n`` panels, in order, filling it.

    1: the whole picture; 2: side by side; more: two rows — with an odd number the first panel takes the
    left column's full height (3: one large panel and two stacked beside it), the others fill the columns
    to its right, top row first.
    """
    if n < 1:
        return []
    if n == 1:
        return [(0, 0, 1, 1)]
    if n == 2:
        return [(0, 0, 1, 1), (1, 0, 1, 1)]
    cells, first = [], 0
    if n % 2:
        cells.append((0, 0, 1, 2))
        first = 1
    cols = (n - first) // 2
    for i in range(n - first):
        cells.append((first + i % cols, i // cols, 1, 1))
    return cells


def frame_plan(first: int, last: int, phases: bool) -> list[tuple[int, str | None]]:
    """The frames of an animation from step ``first`` to ``last``: (step, phase) pairs.

    Without phases one frame per step, each showing the completed step (step 0: the initial state). With
    phases, four frames per step ≥ 1 (its forward, error, output update and input update phases; the last
    is the completed step); step 0 has one.
    """
    if first < 0:
        raise ConfigError(f"--from must be >= 0, got {first}")
    if last < first:
        raise ConfigError(f"--from {first} is after --to {last}")
    n = (last - first + 1) * (len(PHASES) if phases else 1) - (
        len(PHASES) - 1 if phases and first == 0 else 0
    )
    if n > MAX_FRAMES:
        raise ConfigError(
            f"{n} frames is too many (at most {MAX_FRAMES}): use a shorter range"
            + (" or leave out --phases" if phases else "")
        )
    plan = []
    for k in range(first, last + 1):
        if phases and k > 0:
            plan += [(k, p) for p in PHASES]
        else:
            plan.append((k, None))
    return plan


def check_gif_memory(n_frames: int, size) -> None:
    need = n_frames * size[0] * size[1]
    if need > MAX_GIF_BYTES:
        raise ConfigError(
            f"a GIF of {n_frames} frames at {size[0]}x{size[1]} needs {need / 2**30:.1f} GiB of memory "
            f"while it is written (at most {MAX_GIF_BYTES / 2**30:.0f}): use MP4, a smaller size or "
            f"fewer frames"
        )
