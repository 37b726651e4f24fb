"""Memory of a long step-by-step session: 100,000 steps of a lecture-size model through the record path.

Every step goes through ``Session.step_forward`` (which builds and caches a full step record, as clicking
"step" in the app does), not the compiled fast path. Two figures are measured:

- RSS growth: the process's resident memory after the steps minus before (and the peak, from
  ``ru_maxrss``), measured in a first pass without tracing;
- tracemalloc peak: the largest amount of Python-allocated memory alive at once during a second pass,
  counted from the start of that pass.

The target is ≤ 100 MB for 100,000 steps of the royalty preset (V ≈ 19, N = 5). Run::

    python benchmarks/session_memory.py                    # royalty, cbow, softmax, 100,000 steps
    python benchmarks/session_memory.py --output ns --arch skipgram --steps 20000 --json

With ``--json`` the last line is one JSON object with every figure (MB = 2^20 bytes).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.engine import Config  # noqa: E402
from explorer.engine.presets import preset_text  # noqa: E402
from explorer.session import Session  # noqa: E402

MB = 2**20
TARGET_MB = 100


def rss_bytes() -> int:
    """Current resident set size (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return peak_rss_bytes()


def peak_rss_bytes() -> int:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r if sys.platform == "darwin" else r * 1024


def make_session(args) -> Session:
    config = Config(
        arch=args.arch, output=args.output, mode=args.mode, hidden=args.hidden, window=args.window
    )
    s = Session(preset_text(args.preset), config, name=args.preset)
    s.step_forward(10)  # warm-up: imports, epoch plans, first allocations
    return s


def run_steps(s: Session, steps: int, chunk: int = 1000) -> float:
    t0 = time.perf_counter()
    left = steps - 10
    while left > 0:
        n = min(chunk, left)
        s.step_forward(n)
        left -= n
    return time.perf_counter() - t0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--steps", type=int, default=100_000)
    p.add_argument("--preset", default="royalty")
    p.add_argument("--arch", default="cbow", choices=("cbow", "skipgram"))
    p.add_argument("--output", default="softmax", choices=("softmax", "hs", "ns"))
    p.add_argument("--mode", default="paper", choices=("paper", "reference"))
    p.add_argument("--hidden", type=int, default=5)
    p.add_argument("--window", type=int, default=2)
    p.add_argument("--json", action="store_true", help="print a final JSON line with every figure")
    p.add_argument("--no-tracemalloc", action="store_true", help="skip the (slower) traced second pass")
    args = p.parse_args(argv)

    # pass 1: RSS, untraced
    gc.collect()
    rss0, peak0 = rss_bytes(), peak_rss_bytes()
    s = make_session(args)
    seconds = run_steps(s, args.steps)
    gc.collect()
    rss1, peak1 = rss_bytes(), peak_rss_bytes()
    info = {
        "steps": s.step,
        "preset": args.preset,
        "V": s.model.V,
        "N": s.config.hidden,
        "arch": args.arch,
        "output": args.output,
        "mode": args.mode,
        "seconds": round(seconds, 2),
        "steps_per_s": round(s.step / seconds) if seconds else None,
        "rss_growth_mb": round((rss1 - rss0) / MB, 1),
        "peak_rss_growth_mb": round(max(0, peak1 - max(peak0, rss0)) / MB, 1),
        "records_cached": len(s.records),
        "record_cache_mb_estimated": round(s.records.nbytes / MB, 1),
        "record_cache_budget_mb": round(s.records.budget / MB, 1),
        "checkpoints": len(s.checkpoints),
        "checkpoint_mb": round(s.checkpoints.nbytes / MB, 2),
        "checkpoint_interval": s.checkpoints.interval,
    }
    del s
    gc.collect()

    # pass 2: tracemalloc peak of a fresh session
    if not args.no_tracemalloc:
        tracemalloc.start()
        s = make_session(args)
        run_steps(s, args.steps)
        gc.collect()
        cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        info["tracemalloc_current_mb"] = round(cur / MB, 1)
        info["tracemalloc_peak_mb"] = round(peak / MB, 1)
        del s

    worst = max(info["rss_growth_mb"], info.get("tracemalloc_peak_mb", 0.0))
    info["target_mb"] = TARGET_MB
    info["within_target"] = worst <= TARGET_MB
    print(
        f"{info['steps']:,} steps of {args.preset} (V = {info['V']}, N = {info['N']}, {args.arch}, "
        f"{args.output}, {args.mode}) through step_forward in {seconds:.1f} s "
        f"({info['steps_per_s']:,} steps/s)"
    )
    print(
        f"  RSS growth           {info['rss_growth_mb']:8.1f} MB   "
        f"(peak RSS growth {info['peak_rss_growth_mb']:.1f} MB)"
    )
    if "tracemalloc_peak_mb" in info:
        print(
            f"  tracemalloc peak     {info['tracemalloc_peak_mb']:8.1f} MB   (still allocated at the end: "
            f"{info['tracemalloc_current_mb']:.1f} MB)"
        )
    print(
        f"  record cache         {info['records_cached']:8,} records, "
        f"~{info['record_cache_mb_estimated']} MB estimated (budget {info['record_cache_budget_mb']} MB)"
    )
    print(
        f"  checkpoints          {info['checkpoints']:8,} every {info['checkpoint_interval']} steps, "
        f"{info['checkpoint_mb']} MB"
    )
    print(f"  target ≤ {TARGET_MB} MB: {'met' if info['within_target'] else 'NOT met'}")
    if args.json:
        print(json.dumps(info))
    return 0 if info["within_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
