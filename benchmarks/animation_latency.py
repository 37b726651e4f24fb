#!/usr/bin/env python3
"""The cost of one frame of the update animation, as a ratio to the shared Qt baseline.

Offscreen, the explorer window at 1600×1000 in its default layout (and with ``--presentation`` in
presentation mode). After one step with the animation on, one sample is: ``animator.draw(t)`` (every view on
screen draws its overlay for time t) and ``QApplication.processEvents()`` (the paint of what changed). t runs
over [0, 1] so every phase's frames are sampled. The baseline is ``qt_baseline.baseline_ms()`` (a plain
8-plot pyqtgraph dashboard update) measured in the same process right before each case, so load from other
programs (which comes and goes) largely cancels out.

    python benchmarks/animation_latency.py [--frames 200] [--presentation]

Target: median frame ≤ 0.5× the baseline.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from explorer.engine import Config  # noqa: E402
from explorer.engine.presets import preset_text  # noqa: E402
from explorer.session import Session  # noqa: E402

TARGET = 0.5
#: baseline samples measured before each case
BASE_SAMPLES = 60


def baseline_module():
    """``qt_baseline`` from ``$QT_BASELINE_DIR`` or the shared bench folder beside the checkout."""
    candidates = [
        os.environ.get("QT_BASELINE_DIR", ""),
        ROOT.parent / "shared" / "bench",
        ROOT.parents[1] / "shared" / "bench",
    ]
    for c in candidates:
        if c and (Path(c) / "qt_baseline.py").is_file():
            sys.path.insert(0, str(c))
            import qt_baseline

            return qt_baseline
    raise SystemExit("error: qt_baseline.py not found (set QT_BASELINE_DIR to the folder holding it)")


def frame_times(
    app, arch: str, output: str, frames: int, presentation: bool, settings_path: str
) -> np.ndarray:
    """Wall-clock ms of ``frames`` animation frames after one step of the royalty preset."""
    from PySide6.QtCore import QSettings

    from explorer.qt.main_window import MainWindow

    s = Session(preset_text("royalty"), Config(arch=arch, output=output, hidden=10, window=2))
    s.step_forward(3)
    w = MainWindow(s, settings=QSettings(settings_path, QSettings.IniFormat), restore_layout=False)
    w.resize(1600, 1000)
    w.show()
    if presentation:
        w.set_presentation(True)
    for _ in range(10):
        app.processEvents()
    w.teaching.set_animate(True)
    w.state.set_animation(ms=60_000)
    w.commands.step()
    w.teaching.animator.anim.pause()  # the frames below are drawn by hand, at chosen times
    app.processEvents()
    ts = np.linspace(0.0, 0.999, frames)
    out = np.empty(frames)
    for k, t in enumerate(ts):
        t0 = time.perf_counter()
        w.teaching.animator.draw(float(t))
        app.processEvents()
        out[k] = (time.perf_counter() - t0) * 1000
    w.teaching.animator.finish()
    w.discard()
    app.processEvents()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=200)
    ap.add_argument("--presentation", action="store_true", help="presentation mode (larger text)")
    args = ap.parse_args(argv)
    if not 10 <= args.frames <= 100_000:
        print("error: --frames must be between 10 and 100000", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["animation_latency"])
    qb = baseline_module()
    worst = 0.0
    print(
        "baseline: the 8-plot pyqtgraph dashboard update, measured right before each case (the load drifts)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for arch in ("cbow", "skipgram"):
            for output in ("softmax", "hs", "ns"):
                base = qb.baseline_ms(BASE_SAMPLES)
                t = frame_times(app, arch, output, args.frames, args.presentation, str(Path(tmp) / "s.ini"))
                med = float(np.median(t))
                ratio = med / base
                worst = max(worst, ratio)
                print(
                    f"{arch:8s} {output:7s} frame median {med:6.2f} ms  p95 {np.percentile(t, 95):6.2f} ms  "
                    f"baseline {base:6.2f} ms  ratio {ratio:.2f}×",
                    flush=True,
                )
    print(f"worst frame ratio {worst:.2f}× (target ≤ {TARGET}×): {'met' if worst <= TARGET else 'NOT met'}")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip Qt's teardown order at interpreter exit
