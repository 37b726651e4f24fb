"""σ, log σ, and word2vec.c's σ lookup table.

Paper mode uses the exact logistic function σ(x) = 1 / (1 + e^{−x}), computed so it never overflows, and
−log σ(x) = log(1 + e^{−x}) = ``logaddexp(0, −x)``. Reference mode uses word2vec.c's table: 1000 entries
σ((i/1000·2 − 1)·6), looked up at ``int((x + 6) · 83)`` (word2vec.c's ``EXP_TABLE_SIZE / MAX_EXP / 2`` is
integer division: 83, not 83.33).
"""
from __future__ import annotations

import math

import numpy as np

MAX_EXP = 6.0
EXP_TABLE_SIZE = 1000
_SCALE = EXP_TABLE_SIZE // int(MAX_EXP) // 2  # 83, as in word2vec.c

_x = np.exp((np.arange(EXP_TABLE_SIZE) / EXP_TABLE_SIZE * 2 - 1) * MAX_EXP)
SIGMOID_TABLE = _x / (_x + 1)
SIGMOID_TABLE.setflags(write=False)


def sigmoid(x):
    """σ(x) = 1 / (1 + e^{−x}), finite for every finite x (arrays or floats)."""
    if np.ndim(x) == 0:
        x = float(x)
        if x >= 0:
            return 1.0 / (1.0 + math.exp(-x))
        z = math.exp(x)
        return z / (1.0 + z)
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    z = np.exp(x[~pos])
    out[~pos] = z / (1.0 + z)
    return out


def neg_log_sigmoid(x):
    """−log σ(x) = log(1 + e^{−x}), stable for large |x|."""
    return np.logaddexp(0.0, -np.asarray(x, dtype=np.float64))


def table_sigmoid(x: float) -> float:
    """word2vec.c's σ lookup for −6 < x < 6 (callers handle the ends)."""
    return float(SIGMOID_TABLE[int((x + MAX_EXP) * _SCALE)])
