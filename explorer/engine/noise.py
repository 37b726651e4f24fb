"""The noise distribution of negative sampling, P_n(w) ∝ count(w)^p (p = 0.75 by default).

word2vec.c draws from a table of 10^8 slots filled in proportion to count^0.75; we draw exactly from the
distribution instead, by inverting its cumulative sum with a counter-based uniform (``rng.uniform``), so the
k-th negative of step s is a pure function of (seed, s, k).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import rng


@dataclass(frozen=True)
class NoiseDistribution:
    probs: np.ndarray  # P_n(w), sums to 1
    cdf: np.ndarray  # cumulative sum, last entry exactly 1.0

    @classmethod
    def build(cls, counts, power: float = 0.75) -> NoiseDistribution:
        w = np.asarray(counts, dtype=np.float64) ** float(power)
        probs = w / w.sum()
        cdf = np.cumsum(probs)
        cdf[-1] = 1.0
        probs.setflags(write=False)
        cdf.setflags(write=False)
        return cls(probs, cdf)

    def draw(self, seed: int, stream: int, i, j) -> np.ndarray:
        """Word ids for counter positions (i, j), broadcast: ``searchsorted(cdf, u, 'right')``."""
        u = rng.uniform(seed, stream, i, j)
        return np.minimum(np.searchsorted(self.cdf, u, side="right"), len(self.cdf) - 1)
