"""Cost estimates, so a too-large configuration is met with a warning instead of a freeze.

The full softmax touches all V output vectors every step: its record holds before, delta and after of V
vectors of size N, and u, y, t, e of length V per output panel. Hierarchical softmax touches ~log2 V inner
nodes and negative sampling k+1 columns per target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: above these, the GUI and CLI warn before building a session
WARN_RECORD_BYTES = 8 * 2**20
WARN_STEP_SECONDS = 0.02


@dataclass(frozen=True)
class CostEstimate:
    params_bytes: int
    record_bytes: int
    step_seconds: float

    def warning(self, V: int, output: str) -> str | None:
        """A one-line warning with the estimate, or None when the configuration is comfortable."""
        if self.record_bytes < WARN_RECORD_BYTES and self.step_seconds < WARN_STEP_SECONDS:
            return None
        hint = (
            " — hierarchical softmax (hs) or negative sampling (ns) touch only a few vectors per step"
            if output == "softmax"
            else ""
        )
        return (
            f"V = {V} words: each step's record needs about {self.record_bytes / 2**20:.0f} MB and "
            f"{self.step_seconds * 1e3:.0f} ms{hint}"
        )


def estimate(V: int, N: int, output: str, panels: int = 1, negative: int = 5) -> CostEstimate:
    """Rough memory and time of one recorded step (float64; calibrated on this project's 2-core machine:
    ~0.5 GFLOP/s effective for the step's small numpy operations, ~1 GB/s for building the record)."""
    n_out = V - 1 if output == "hs" else V
    if output == "softmax":
        touched = n_out
        per_panel = 4 * V * 8
    elif output == "hs":
        touched = panels * max(1, math.ceil(math.log2(max(V, 2))))
        per_panel = 0
    else:
        touched = panels * (negative + 1)
        per_panel = 0
    record = 3 * touched * N * 8 + panels * per_panel + 4096
    flops = 6 * touched * N + panels * 4 * (V if output == "softmax" else 0)
    seconds = 2e-5 + flops / 5e8 + record / 1e9
    return CostEstimate(8 * N * (V + n_out), record, seconds)
