"""Animations: a range of steps (optionally every sub-step phase) drawn as frames into a GIF or an MP4.

Each frame is a figure (:mod:`.render`) of the session at one (step, phase) of
:func:`~explorer.qt.figures.spec.frame_plan`. GIFs are written with Pillow (each frame's own 256-colour
palette, no dithering, so text stays sharp); MP4s with PyAV (H.264, yuv420p, so every player opens them;
FFmpeg's libraries come inside PyAV's wheel, no system ffmpeg). The file is written atomically: a
cancelled or failed export leaves nothing behind, and an earlier file of the same name as it was.

The lecture mode's update animation (the forward pass flowing, vectors moving) does not exist yet; when it
does, its in-between pictures belong between the phase frames here.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

from ...engine.params import atomic_file
from ...errors import ExplorerError
from .render import Figure, clean_for_export, paint_png, theme_of, theme_scope
from .spec import FigureSpec


class ExportCancelled(ExplorerError):
    """The user cancelled an export; nothing was written."""


def session_copy(session):
    """An independent copy of ``session`` (through its own file format, so exact): an animation moves
    through steps without touching the session the window shows."""
    with tempfile.TemporaryDirectory(prefix="w2v-anim-") as tmp:
        path = Path(tmp) / "copy.w2vx"
        session.save(path)
        return type(session).load(path)


def _reach(session, step: int) -> None:
    """Put ``session`` at ``step`` completed: seek within the computed history, compute beyond it."""
    if session.pending is not None:
        session.seek(session.step)
    if step <= session.furthest:
        if session.step != step:
            session.seek(step)
        return
    if session.step != session.furthest:
        session.seek(session.furthest)
    session.step_forward(step - session.step)


def go_to(session, step: int, phase: str | None) -> None:
    """Put ``session`` at ``step`` (completed) or, with ``phase``, at that phase of ``step``.

    Consecutive frames of one step are reached by one sub-step each; steps not computed yet are computed
    as the animation reaches them (a loss curve grows with the frames), earlier ones are sought (exact).
    A blow-up raises :class:`~explorer.errors.BlowUpError` with the session as it was before that step.
    """
    if phase is None or step == 0:
        _reach(session, step)
        return
    order = ("forward", "error", "output update", "input update")
    if not (
        session.pending is not None
        and session.step == step - 1
        and order.index(session.phase) <= order.index(phase)
    ):
        _reach(session, step - 1)
    while session.pending is None or session.phase != phase:
        if session.sub_step() == phase and phase == order[-1]:
            return


def image_array(img: QImage) -> np.ndarray:
    """An RGB32 image as an (H, W, 3) uint8 RGB array (a copy)."""
    img = img.convertToFormat(QImage.Format.Format_RGB888)
    w, h, bpl = img.width(), img.height(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=bpl * h).reshape(h, bpl)
    return buf[:, : w * 3].reshape(h, w, 3).copy()


class GifWriter:
    """Frames to an animated GIF (Pillow). All frames are kept (one byte a pixel) until :meth:`close`."""

    def __init__(self, f, size, fps: float):
        self.f, self.size = f, size
        self.duration = max(
            20, round(1000 / fps / 10) * 10
        )  # GIF delays are in 1/100 s; players clamp < 20 ms
        self.frames = []

    def add(self, rgb: np.ndarray) -> None:
        from PIL import Image

        im = Image.fromarray(rgb, "RGB")
        self.frames.append(
            im.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        )

    def close(self) -> None:
        first, *rest = self.frames
        first.save(
            self.f,
            format="GIF",
            save_all=True,
            append_images=rest,
            duration=self.duration,
            loop=0,
            optimize=False,
            disposal=1,
        )


class Mp4Writer:
    """Frames to an H.264 MP4 (PyAV), encoded as they come."""

    def __init__(self, f, size, fps: float):
        import av

        if size[0] % 2 or size[1] % 2:
            raise ExplorerError(f"an MP4 needs an even width and height, got {size[0]}x{size[1]}")
        self.container = av.open(f, mode="w", format="mp4")
        rate = Fraction(fps).limit_denominator(1000)
        self.stream = self.container.add_stream("libx264", rate=rate)
        self.stream.width, self.stream.height = size
        self.stream.pix_fmt = "yuv420p"
        self.stream.options = {"crf": "18", "preset": "veryfast", "tune": "stillimage"}

    def add(self, rgb: np.ndarray) -> None:
        import av

        frame = av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(format="yuv420p")
        for packet in self.stream.encode(frame):
            self.container.mux(packet)

    def close(self) -> None:
        for packet in self.stream.encode():
            self.container.mux(packet)
        self.container.close()


WRITERS = {"gif": GifWriter, "mp4": Mp4Writer}


def render_frames(
    session,
    spec: FigureSpec,
    plan,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
):
    """Yield each frame of ``plan`` as an (H, W, 3) RGB array of ``spec.size``; ``session`` is moved."""
    with theme_scope(theme_of(spec)):
        fig = Figure(session, spec)
        try:
            fig.open()
            for i, (step, phase) in enumerate(plan):
                if cancelled is not None and cancelled():
                    raise ExportCancelled("cancelled")
                go_to(session, step, phase)
                with clean_for_export(fig):
                    fig.redraw()
                    img = paint_png(fig)
                yield image_array(img)
                if progress is not None:
                    progress(i + 1, len(plan))
        finally:
            fig.release()


def write_animation(
    path,
    session,
    spec: FigureSpec,
    plan,
    fmt: str,
    fps: float,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the frames of ``plan`` to ``path`` (``gif`` or ``mp4``) atomically; ``session`` is moved (pass
    a :func:`session_copy`). Returns the number of frames. :class:`ExportCancelled` when ``cancelled()``."""
    n = 0
    with atomic_file(path, "wb") as f:
        writer = WRITERS[fmt](f, spec.size, fps)
        try:
            for rgb in render_frames(session, spec, plan, progress, cancelled):
                writer.add(rgb)
                n += 1
        except BaseException:
            if fmt == "mp4":
                try:
                    writer.container.close()
                except Exception:
                    pass
            raise
        writer.close()
    return n
