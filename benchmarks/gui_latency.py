#!/usr/bin/env python3
"""Step-plus-redraw latency of the explorer window with every panel visible.

Offscreen, the window shown at 1600×1000 in its default layout. One sample is: ``session.step_forward(1)``
(the bridge redraws every view synchronously), then ``QApplication.processEvents()``, which runs pyqtgraph's
scene updates and the paint of everything that changed (an event filter checks that Paint events arrived;
if none did, ``window.repaint()`` paints synchronously). Wall-clock and CPU time are both reported: on a
busy machine the wall clock includes waiting for a CPU. Cases: a preset (V ≈ 20) with each output
layer, and a synthetic corpus of about 2000 distinct words with Zipfian frequencies (full softmax, N = 20).

Each figure is also printed as a ratio to ``/work/shared/bench/qt_baseline.py``'s workload (a plain 8-plot
pyqtgraph dashboard update) measured in the same process: a case's steps run in ``--chunks`` runs with the
baseline measured right before each, and the case is divided by the median of its own baseline runs (wall
clock, and CPU time per sample), so load from other programs — which comes and goes — largely cancels out.
The V ≈ 20 softmax case runs three times: every panel visible ("all"), the default layout at 1600×1000
("default") and presentation mode at 1280×720 ("presentation"); the targets of the last two are ≤ 1.0× the
baseline.

    python benchmarks/gui_latency.py [--steps 200] [--chunks 4] [--json] [--quick] [--baseline FILE]

Targets: median ≤ 16 ms at V ≈ 20; p95 ≤ 50 ms at V ≈ 2000. ``--json`` prints, as the last line, a JSON list
of {"V", "N", "output", "median_ms", "p95_ms"}.
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
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from explorer.engine import Config  # noqa: E402
from explorer.engine.presets import preset_text  # noqa: E402
from explorer.session import Session  # noqa: E402

TARGETS = {"small": ("median_ms", 16.0), "large": ("p95_ms", 50.0)}
#: baseline samples measured before each chunk of steps (and the short run subtracted for its CPU time)
BASE_SAMPLES = 50
BASE_SHORT = 10
#: every panel visible at once (no tabs), so every view redraws and paints on every step
ALL_VISIBLE = (
    ("setup",),
    (("inspector",), ("equations",)),
    (("network",), ("loss",), ("heatmap",)),
    (("projection",), ("neighbours",), ("walk",)),
)
ALL_WIDTHS = (250, 560, 450, 340)


def synthetic_corpus(V: int = 2000, tokens: int = 40_000, seed: int = 0) -> str:
    """Random sentences over a generated vocabulary of ``V`` words with Zipfian (1/rank) frequencies.

    Every word occurs at least once, so the vocabulary has exactly ``V`` words.
    """
    rng = np.random.default_rng(seed)
    syll = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "bu", "da", "fe", "gi", "ho", "ju", "pe"]
    words, seen = [], set()
    while len(words) < V:
        w = "".join(rng.choice(syll, size=rng.integers(2, 5)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    p = 1.0 / np.arange(1, V + 1)
    p /= p.sum()
    stream = list(rng.choice(V, size=tokens - V, p=p)) + list(range(V))
    rng.shuffle(stream)
    lines, i = [], 0
    while i < len(stream):
        n = int(rng.integers(5, 16))
        lines.append(" ".join(words[j] for j in stream[i : i + n]))
        i += n
    return "\n".join(lines) + "\n"


class _PaintCounter:
    """Counts Paint events that reach the views (to know the redraw really happened)."""

    def __init__(self, app):
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class Filter(QObject):
            def eventFilter(self, obj, ev):
                if ev.type() == QEvent.Type.Paint:
                    counter.n += 1
                return False

        self.n = 0
        self.filter = Filter()
        app.installEventFilter(self.filter)

    def remove(self, app):
        app.removeEventFilter(self.filter)


def load_baseline(path: str | None):
    """``baseline_ms`` of the shared Qt baseline (``qt_baseline.py``: a plain 8-plot pyqtgraph dashboard
    update), from ``path`` or the first of ../shared/bench next to the checkout and /work/shared/bench."""
    import importlib.util

    here = Path(__file__).resolve().parents[1]
    candidates = (
        [Path(path)]
        if path
        else [
            here.parent / "shared/bench/qt_baseline.py",
            here.parents[1] / "shared/bench/qt_baseline.py",
            Path("/work/shared/bench/qt_baseline.py"),
        ]
    )
    for c in candidates:
        if c.is_file():
            spec = importlib.util.spec_from_file_location("qt_baseline", c)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            return mod.baseline_ms
    return None


def open_window(app, session: Session, settings_path: str, layout: str = "default"):
    """The main window on ``session``, shown offscreen and settled: ``layout`` "all" (every panel visible,
    1600×1000), "default" (the default layout, 1600×1000) or "presentation" (presentation mode, 1280×720);
    every step drawn (no key-repeat throttling)."""
    from PySide6.QtCore import QEvent, QSettings

    from explorer.qt.main_window import MainWindow

    w = MainWindow(
        session, settings=QSettings(settings_path, QSettings.Format.IniFormat), restore_layout=False
    )
    w.transport.burst_s = 0
    w.resize(*((1280, 720) if layout == "presentation" else (1600, 1000)))
    if layout == "presentation":
        w.set_presentation(True)
    w.show()
    for _ in range(5):
        app.processEvents()
    if layout == "all":
        w.apply_layout(ALL_VISIBLE, ALL_WIDTHS, {1: (55, 45), 2: (40, 30, 30), 3: (50, 50, 30)})
    for _ in range(20):
        app.processEvents()
    # the tab bars of the default layout's tab groups were deleteLater()'d; without an event loop they would
    # stay on screen (and be repainted every step) unless deferred deletions are run here
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    return w


def measure(
    app, session: Session, steps: int, settings_path: str, layout: str = "all", between=None, chunks: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Wall-clock and CPU milliseconds of ``steps`` samples of step + redraw + paint. ``layout``: "all" (every
    panel visible, 1600×1000), "default" (the default layout, 1600×1000: tabs behind others are not drawn) or
    "presentation" (presentation mode at 1280×720). The steps are taken in ``chunks`` runs, ``between()``
    called before each (the baseline is measured there, so both see the same load)."""

    w = open_window(app, session, settings_path, layout)
    hidden = [n for n, d in w.docks.items() if not d.widget().isVisible()]
    if hidden and layout == "all":
        print(f"note: not visible: {', '.join(hidden)}", file=sys.stderr)
    # warm-up (first draws build caches), with a check that a step really makes Qt paint: the counter is an
    # app-wide Python event filter, which itself costs 1-2 ms a step, so it is not installed while timing
    paints = _PaintCounter(app)
    unpainted = 0
    for _ in range(10):
        paints.n = 0
        session.step_forward(1)
        app.processEvents()
        unpainted += paints.n == 0
    paints.remove(app)
    wall, cpu = np.empty(steps), np.empty(steps)
    starts = set(np.linspace(0, steps, chunks, endpoint=False).astype(int).tolist())
    for k in range(steps):
        if k in starts and between is not None:
            between()
            for _ in range(3):
                app.processEvents()
        t0, c0 = time.perf_counter(), time.process_time()
        session.step_forward(1)  # every view's refresh runs here (bridge.changed, synchronous)
        app.processEvents()  # pyqtgraph scene updates, layout, and the paint of what changed
        wall[k], cpu[k] = time.perf_counter() - t0, time.process_time() - c0
    if layout == "presentation":
        w.set_presentation(False)
        from explorer.qt import style

        style.apply_theme(app, style.LIGHT)
    w.close()
    w.deleteLater()
    app.processEvents()
    forced = unpainted
    if forced:
        print(
            f"warning: {forced} of 10 warm-up steps painted nothing: the figures may miss the paint",
            file=sys.stderr,
        )
    return wall * 1000, cpu * 1000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", type=int, default=200, help="timed steps per case (default 200)")
    ap.add_argument("--json", action="store_true", help="print the results as a JSON list on the last line")
    ap.add_argument("--quick", action="store_true", help="only the softmax preset and the V ≈ 2000 case")
    ap.add_argument(
        "--chunks", type=int, default=4, help="runs of steps per case, a baseline measurement before each (4)"
    )
    ap.add_argument(
        "--baseline", metavar="FILE", help="qt_baseline.py (default: ../shared/bench/qt_baseline.py)"
    )
    args = ap.parse_args(argv)
    if not 1 <= args.chunks <= args.steps:
        print("error: --chunks must be between 1 and --steps", file=sys.stderr)
        return 2

    from PySide6.QtWidgets import QApplication

    from explorer.qt import style
    from explorer.qt.main_window import view_classes

    app = QApplication.instance() or QApplication(["gui_latency"])
    style.apply_theme(app, style.LIGHT)
    names = [c.name for c in view_classes()]
    big = synthetic_corpus()
    cases = [
        ("small", "royalty", preset_text("royalty"), Config(window=2, hidden=5, output=o))
        for o in (("softmax",) if args.quick else ("softmax", "hs", "ns"))
    ]
    cases.append(("large", "synthetic", big, Config(window=2, hidden=20, output="softmax")))
    if not args.quick:
        cases.append(("large", "synthetic", big, Config(window=2, hidden=20, output="ns")))
    # the same V ≈ 20 case in the default layout and in presentation mode (the ratio targets of issue 13)
    cases.insert(1, ("small", "royalty", preset_text("royalty"), Config(window=2, hidden=5), "default"))
    cases.insert(2, ("small", "royalty", preset_text("royalty"), Config(window=2, hidden=5), "presentation"))
    cases = [c if len(c) == 5 else (*c, "all") for c in cases]
    baseline_fn = load_baseline(args.baseline)
    # the baseline is measured right before each chunk of every case's steps (the machine's load drifts,
    # colleagues' jobs come and go): each case's ratio is its median over the median of its own baseline
    # chunks, wall clock and CPU time alike (CPU per baseline sample: the difference of a short and a longer
    # run, so the baseline window's set-up cancels)
    rows = []
    all_base: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size, name, text, cfg, layout in cases:
            walls: list[float] = []
            cpus: list[float] = []

            def between(walls=walls, cpus=cpus):
                if baseline_fn is None:
                    return
                c0 = time.process_time()
                baseline_fn(BASE_SHORT)
                c1 = time.process_time()
                walls.append(float(baseline_fn(BASE_SHORT + BASE_SAMPLES)))
                c2 = time.process_time()
                cpus.append(((c2 - c1) - (c1 - c0)) * 1000 / BASE_SAMPLES)

            s = Session(text, cfg, name=name)
            t, c = measure(app, s, args.steps, str(Path(tmp) / "s.ini"), layout, between, args.chunks)
            base = float(np.median(walls)) if walls else float("nan")
            base_cpu = float(np.median(cpus)) if cpus else float("nan")
            all_base += walls
            rows.append(
                {
                    "layout": layout,
                    "V": s.model.V,
                    "N": cfg.hidden,
                    "output": cfg.output,
                    "corpus": name,
                    "size": size,
                    "median_ms": round(float(np.median(t)), 2),
                    "p95_ms": round(float(np.percentile(t, 95)), 2),
                    "cpu_median_ms": round(float(np.median(c)), 2),
                    "cpu_p95_ms": round(float(np.percentile(c, 95)), 2),
                    "base_ms": round(base, 2),
                    "ratio": round(float(np.median(t)) / base, 2),
                    "cpu_ratio": round(float(np.median(c)) / base_cpu, 2),
                }
            )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"views: {', '.join(names) or '(none: the registry is not there)'}; {args.steps} steps per case; "
        f"window 1600×1000 offscreen; load average {load:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"Qt baseline (qt_baseline.py, same process, {BASE_SAMPLES} samples before each of {args.chunks} "
        f"chunks of every case): medians {min(all_base, default=float('nan')):.2f}–"
        f"{max(all_base, default=float('nan')):.2f} ms; each case is divided by the median of its own"
    )
    print(
        f"{'corpus':10} {'layout':12} {'V':>5} {'N':>3} {'output':8} {'median ms':>10} {'base ms':>8} "
        f"{'÷ base':>7} {'p95 ms':>8} {'CPU med':>8} {'CPU ÷':>6}  target (wall clock)"
    )
    for r in rows:
        key, limit = TARGETS[r["size"]]
        ok = "ok" if r[key] <= limit else "MISSED"
        if r["size"] == "small" and r["layout"] in ("default", "presentation"):
            ok = f"≤ 1.0× baseline: {'ok' if r['ratio'] <= 1.0 else 'MISSED'}"
        else:
            ok = f"{key.split('_')[0]} ≤ {limit:g} ms: {ok}"
        print(
            f"{r['corpus']:10} {r['layout']:12} {r['V']:>5} {r['N']:>3} {r['output']:8} "
            f"{r['median_ms']:>10.2f} {r['base_ms']:>8.2f} {r['ratio']:>6.2f}× {r['p95_ms']:>8.2f} "
            f"{r['cpu_median_ms']:>8.2f} {r['cpu_ratio']:>5.2f}×  {ok}"
        )
    # ---- animation frame (issue 13, the update animation): time one frame here and print it as
    # ---- frame_ms / base (target ≤ 0.5×); this section is left for the animation's author. ----
    if args.json:
        print(json.dumps([{k: r[k] for k in ("V", "N", "output", "median_ms", "p95_ms")} for r in rows]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
