#!/usr/bin/env python3
"""Time for the app to open a 50 MB corpus through File ▸ Open corpus, with the progress bar (issue 16, 17).

The corpus is gensim's Lee background corpus, lower-cased, repeated to 50 MB, written to a temporary folder
(removed afterwards). Offscreen, the explorer window with every real view is shown at 1600×1000; the
setup fields hold the settings (default: issue 16's — skip-gram, ns, reference mode, N 50, window 5, k 5,
min count 5, sample 1e-3; ``--settings app``: the app's defaults); then File ▸ Open corpus is triggered
with the file dialog answered by the path, and the clock runs until the new session is shown (the views
drew it and the event loop painted). Meanwhile a 50 ms timer measures the longest time the event loop was
kept from running, and the time each build stage began is recorded from the status bar's progress.

Printed: seconds, and the ratio to ``/work/shared/bench/qt_baseline.py``'s paint workload measured in the
same process (so load from other processes largely cancels out); peak RSS; the longest gap of the event loop;
whether the progress bar was shown.

    python benchmarks/app_open.py [--mb 50] [--settings issue16|app] [--json]

Target: under 10 s with a progress bar.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_S = 10.0
ISSUE16 = {
    "arch": "skipgram",
    "output": "ns",
    "mode": "reference",
    "hidden": 50,
    "window": 5,
    "negative": 5,
    "min_count": 5,
    "sample": "0.001",
}


def baseline_ms() -> float | None:
    """The Qt baseline (ms), from ``shared/bench/qt_baseline.py`` in a folder above the project."""
    for folder in ROOT.parents:
        if (folder / "shared" / "bench" / "qt_baseline.py").is_file():
            sys.path.insert(0, str(folder / "shared" / "bench"))
            from qt_baseline import baseline_ms as fn

            return fn()
    return None


def make_corpus(path: Path, mb: float) -> int:
    """Lee's lines lower-cased, repeated to ``mb`` megabytes; returns the size in bytes."""
    from gensim.test.utils import datapath

    text = Path(datapath("lee_background.cor")).read_text(encoding="utf-8").lower()
    block = text.encode("utf-8")
    target = int(mb * 2**20)
    with open(path, "wb") as f:
        n = 0
        while n < target:
            f.write(block)
            n += len(block)
    return n


def set_fields(panel, values: dict) -> None:
    from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox

    for key, v in values.items():
        w = panel.widgets[key]
        if isinstance(w, QComboBox):
            w.setCurrentIndex(w.findData(v))
        elif isinstance(w, QSpinBox):
            w.setValue(int(v))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(v))
        else:
            w.setText(str(v))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--settings", choices=("issue16", "app"), default="issue16")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.engine.presets import preset_text
    from explorer.qt.main_window import MainWindow
    from explorer.session import Session

    app = QApplication.instance() or QApplication(["app_open"])
    base = baseline_ms()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "lee50.txt"
        size = make_corpus(corpus, args.mb)
        settings = QSettings(str(Path(tmp) / "explorer.ini"), QSettings.Format.IniFormat)
        from explorer.app.setup import GUI_DEFAULTS

        win = MainWindow(
            Session(preset_text("royalty"), GUI_DEFAULTS, name="royalty"),
            settings=settings,
            restore_layout=False,
        )
        win.resize(1600, 1000)
        win.show()
        for _ in range(20):
            app.processEvents()
        if args.settings == "issue16":
            set_fields(win.setup_panel, ISSUE16)
        asked = []
        win.confirm_costly = lambda warning: asked.append(warning) or True
        win.ask_open_path = lambda *a, **k: str(corpus)

        stages: list[tuple[str, float]] = []
        shown = {"progress": False}
        t0 = time.perf_counter()

        def on_status(st) -> None:
            if st.loading and (not stages or stages[-1][0] != st.stage):
                stages.append((st.stage, time.perf_counter() - t0))
            shown["progress"] |= win.progress.isVisible() or st.loading

        win.state.events.status.connect(on_status)
        gaps = {"last": time.perf_counter(), "max": 0.0}

        def tick() -> None:
            now = time.perf_counter()
            gaps["max"] = max(gaps["max"], now - gaps["last"])
            gaps["last"] = now

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(50)
        t0 = time.perf_counter()
        gaps["last"] = t0
        win.act_open_corpus.trigger()
        while win.is_busy():
            app.processEvents()
            time.sleep(0.005)
        app.processEvents()  # the paint of the new session
        seconds = time.perf_counter() - t0
        timer.stop()
        s = win.session
        ok = s is not None and len(s.text) == size and s.name == ""
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        preview = win.setup_panel.corpus.isReadOnly()
        message = win.statusBar().currentMessage()
        win.close()

    result = {
        "mb": round(size / 2**20, 1),
        "settings": args.settings,
        "seconds": round(seconds, 2),
        "baseline_ms": round(base, 2) if base else None,
        "ratio_to_baseline": round(seconds * 1000 / base, 1) if base else None,
        "peak_rss_mb": round(rss_mb),
        "max_event_loop_gap_s": round(gaps["max"], 2),
        "progress_bar": shown["progress"],
        "opened": ok,
        "read_only_preview": preview,
        "V": s.model.V if ok else None,
        "stages_s": [(name, round(t, 2)) for name, t in stages],
        "asked_costly": bool(asked),
    }
    met = "met" if seconds < TARGET_S else "NOT met"
    print(
        f"app open: {result['mb']} MB corpus ({args.settings} settings), V = {result['V']}: "
        f"{seconds:.2f} s until shown (target < {TARGET_S:.0f} s: {met})"
    )
    if base:
        print(f"  = {result['ratio_to_baseline']} × the Qt baseline workload ({base:.2f} ms, same process)")
    print(
        f"  progress bar shown: {result['progress_bar']}; longest event-loop gap {gaps['max']:.2f} s; "
        f"peak RSS {rss_mb:.0f} MB; read-only preview: {preview}"
    )
    prev = 0.0
    for name, t in stages:
        print(f"  stage {name or '(start)'!s:40} began at {t:6.2f} s (+{t - prev:.2f})")
        prev = t
    print(f"  status: {message}")
    if args.json:
        print(json.dumps(result))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
