"""Counter-based random numbers: every draw is a pure function of (seed, stream, i, j).

This is what makes each example regenerable alone: the negatives of step k, the dynamic window of a
centre word, whether a token is sub-sampled in epoch e — none depends on how many draws came before.
The mixer is SplitMix64's finaliser; everything is uint64 arithmetic that wraps, identical in numpy
(vectorised) and in the compiled fast-forward kernels (``explorer.engine.fast``).
"""

from __future__ import annotations

import numpy as np

# streams: one per kind of random decision
NEGATIVES = 1
WINDOW = 2
SUBSAMPLE = 3
EVAL_NEGATIVES = 4
INIT = 5

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_K_STREAM = np.uint64(0xD1B54A32D192ED03)
_K_I = np.uint64(0xABC98388FB8FAC03)
_K_J = np.uint64(0x8CB92BA72F3D8DD7)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_TO_UNIT = 1.0 / 9007199254740992.0  # 2**-53


def _mix(z: np.ndarray) -> np.ndarray:
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


def key(seed: int, stream: int) -> np.uint64:
    """The key of ``stream``: mix(seed·φ + stream·K) (what :func:`uniform` starts from)."""
    with np.errstate(over="ignore"):
        return _mix(np.atleast_1d(np.uint64(seed) * _GOLDEN + np.uint64(stream) * _K_STREAM))[0]


def uniform(seed: int, stream: int, i, j) -> np.ndarray:
    """Uniform floats in [0, 1): one per broadcast (i, j), with 53 random bits each."""
    i = np.asarray(i, dtype=np.uint64)
    j = np.asarray(j, dtype=np.uint64)
    with np.errstate(over="ignore"):
        key = _mix(np.atleast_1d(np.uint64(seed) * _GOLDEN + np.uint64(stream) * _K_STREAM))
        z = _mix(key + np.atleast_1d(i) * _K_I)
        z = _mix(z ^ (np.atleast_1d(j) * _K_J + _GOLDEN))
    return (z >> _S11).astype(np.float64) * _TO_UNIT
