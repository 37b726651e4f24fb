#!/usr/bin/env python3
"""Where one step's redraw goes: each dock's refresh and paint, in milliseconds per step.

The window is shown offscreen in its default layout at 1600×1000 (or presentation mode at 1280×720) on the
royalty preset (or the V ≈ 2000 synthetic corpus of ``gui_latency.py``). Each view's ``refresh`` is timed in
the bridge's synchronous pass; paint time is given to the dock of each widget that receives a Paint event,
from that event to the next one (an app-wide event filter, which itself costs a little: the sum is above
``gui_latency.py``'s figure). For finding what to make cheaper, not for a target: compare runs back to back.

    python benchmarks/view_cost.py [--steps 300] [--layout default|presentation] [--output softmax|hs|ns]
                                   [--arch cbow|skipgram] [--synthetic]
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def timed_refreshes(w, refresh) -> None:
    """Wrap each view's ``refresh`` to add its time to ``refresh[name]``."""
    for name, dock in w.docks.items():
        view = dock.widget()
        if callable(getattr(view, "refresh", None)):

            def timed(*args, _f=view.refresh, _n=name, **kw):
                t = time.perf_counter()
                try:
                    return _f(*args, **kw)
                finally:
                    refresh[_n] += time.perf_counter() - t

            view.refresh = timed


def measure(app, w, s, steps: int):
    """(refresh, paint) seconds by dock over ``steps`` steps, and the total step + redraw seconds."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QDockWidget

    refresh: collections.Counter = collections.Counter()
    paint: collections.Counter = collections.Counter()
    timed_refreshes(w, refresh)

    def owner(o) -> str:
        while o is not None:
            if isinstance(o, QDockWidget):
                return o.objectName().removeprefix("dock_")
            o = o.parent()
        return "(window)"

    last: list = [None, 0.0]

    class Paints(QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint:
                t = time.perf_counter()
                if last[0] is not None:
                    paint[last[0]] += t - last[1]
                last[0], last[1] = owner(obj), time.perf_counter()
            return False

    for _ in range(20):  # warm-up: the first draws fill caches
        s.step_forward(1)
        app.processEvents()
    refresh.clear()
    f = Paints()
    app.installEventFilter(f)
    total = 0.0
    for _ in range(steps):
        t0 = time.perf_counter()
        s.step_forward(1)
        last[0] = None
        app.processEvents()
        t1 = time.perf_counter()
        if last[0] is not None:
            paint[last[0]] += t1 - last[1]
        total += t1 - t0
    app.removeEventFilter(f)
    return refresh, paint, total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", type=int, default=300, help="timed steps (default 300)")
    ap.add_argument("--layout", choices=("default", "presentation"), default="default")
    ap.add_argument("--output", choices=("softmax", "hs", "ns"), default="softmax")
    ap.add_argument("--arch", choices=("cbow", "skipgram"), default="cbow")
    ap.add_argument("--synthetic", action="store_true", help="the V ≈ 2000 Zipf corpus (N = 20)")
    a = ap.parse_args(argv)
    if not 1 <= a.steps <= 100_000:
        print("error: --steps must be between 1 and 100000", file=sys.stderr)
        return 2
    from gui_latency import open_window, synthetic_corpus
    from PySide6.QtWidgets import QApplication

    from explorer.engine import Config
    from explorer.engine.presets import preset_text
    from explorer.qt import style
    from explorer.session import Session

    app = QApplication.instance() or QApplication(["view_cost"])
    style.apply_theme(app, style.LIGHT)
    cfg = Config(window=2, hidden=20 if a.synthetic else 5, output=a.output, arch=a.arch)
    s = Session(synthetic_corpus() if a.synthetic else preset_text("royalty"), cfg)
    with tempfile.TemporaryDirectory() as tmp:
        w = open_window(app, s, str(Path(tmp) / "s.ini"), a.layout)
        refresh, paint, total = measure(app, w, s, a.steps)
        w.close()
    n = a.steps
    print(f"{a.steps} steps, {a.layout} layout, {a.arch} {a.output}; step + redraw {total * 1000 / n:.2f} ms")
    print(f"{'dock':12} {'refresh':>8} {'paint':>8} {'sum':>8}  (ms per step)")
    for k in sorted(set(refresh) | set(paint), key=lambda k: -(refresh[k] + paint[k])):
        r, p = refresh[k] * 1000 / n, paint[k] * 1000 / n
        print(f"{k:12} {r:8.2f} {p:8.2f} {r + p:8.2f}")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip Qt's teardown order at interpreter exit
