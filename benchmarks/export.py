#!/usr/bin/env python3
"""How long figures and animations take to draw and write (royalty preset, 1280×720).

- one figure of all eight panels as SVG, PDF and PNG: seconds each (best of ``--repeat``);
- a 10-step animation with phases (40 frames) of the slide panels network, equations and loss: seconds,
  frames drawn per second, and the GIF's and MP4's sizes.

Each time is also printed as a ratio to the fixed Qt paint workload of ``../shared/bench/qt_baseline.py``
measured in the same process (when that file is there), so load from other programs on the machine cancels
out. Target: the 10-step animation renders in under 20 s on the project machine.

    python benchmarks/export.py [--size 1280x720] [--steps 10] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.engine import Config  # noqa: E402
from explorer.engine.presets import preset_text  # noqa: E402
from explorer.qt.figures import spec as S  # noqa: E402
from explorer.session import Session  # noqa: E402

SLIDE = ("network", "equations", "loss")
TARGET_S = 20.0


def baseline_ms() -> float | None:
    """The Qt baseline (ms), from ``shared/bench/qt_baseline.py`` in a folder above the project."""
    for folder in ROOT.parents:
        if (folder / "shared" / "bench" / "qt_baseline.py").is_file():
            sys.path.insert(0, str(folder / "shared" / "bench"))
            from qt_baseline import baseline_ms as fn

            return fn()
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    size = S.parse_size(args.size)

    from PySide6.QtWidgets import QApplication

    from explorer.qt import style
    from explorer.qt.figures.animation import write_animation
    from explorer.qt.figures.render import figure_bytes

    app = QApplication.instance() or QApplication(["export-benchmark"])
    style.apply_theme(app, style.LIGHT)
    base = baseline_ms()
    out = {"size": list(size), "baseline_ms": base}

    session = Session(preset_text("royalty"), Config(), name="royalty")
    session.step_forward(3)
    every = S.FigureSpec(panels=tuple(S.PANELS), size=size)
    figure_bytes(session, every, "png")  # warm up (fonts, first layout)
    for fmt in S.FIGURE_FORMATS:
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            data = figure_bytes(session, every, fmt)
            times.append(time.perf_counter() - t0)
        out[f"{fmt}_s"] = min(times)
        out[f"{fmt}_bytes"] = len(data)

    plan = S.frame_plan(1, args.steps, True)
    slide = S.FigureSpec(panels=SLIDE, size=size)
    with tempfile.TemporaryDirectory(prefix="w2v-bench-") as tmp:
        for fmt in S.ANIMATION_FORMATS:
            anim = Session(preset_text("royalty"), Config(), name="royalty")
            path = Path(tmp) / f"anim.{fmt}"
            t0 = time.perf_counter()
            n = write_animation(path, anim, slide, plan, fmt, 4)
            dt = time.perf_counter() - t0
            out[f"{fmt}_frames"] = n
            out[f"{fmt}_s"] = dt
            out[f"{fmt}_fps"] = n / dt
            out[f"{fmt}_file_bytes"] = path.stat().st_size

    def ratio(seconds):
        return f"  ({seconds * 1000 / base:,.0f}× baseline)" if base else ""

    print(
        f"royalty, {size[0]}x{size[1]}; Qt baseline {base:.1f} ms"
        if base
        else f"royalty, {size[0]}x{size[1]}; no Qt baseline found"
    )
    for fmt in S.FIGURE_FORMATS:
        print(
            f"figure of all {len(S.PANELS)} panels, {fmt.upper()}: {out[f'{fmt}_s']:.2f} s"
            f"{ratio(out[f'{fmt}_s'])}, {out[f'{fmt}_bytes'] / 1024:,.0f} KiB"
        )
    for fmt in S.ANIMATION_FORMATS:
        ok = "meets" if out[f"{fmt}_s"] < TARGET_S else "MISSES"
        print(
            f"{args.steps}-step animation with phases ({', '.join(SLIDE)}), {fmt.upper()}: "
            f"{out[f'{fmt}_frames']} frames in {out[f'{fmt}_s']:.1f} s{ratio(out[f'{fmt}_s'])}, "
            f"{out[f'{fmt}_fps']:.1f} frames/s, {out[f'{fmt}_file_bytes'] / 1024:,.0f} KiB "
            f"({ok} the {TARGET_S:.0f} s target)"
        )
    if args.json:
        print(json.dumps(out))
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown order at interpreter exit


if __name__ == "__main__":
    main()
