"""Gradient check: central finite differences of E against the step's analytic gradient.

In paper mode every delta of a record is −η × ∂E/∂θ at the before-values, so the analytic gradient is
−delta/η. We perturb each coordinate of every vector the step touched by ±ε, recompute E (same example,
same negatives) and compare. The error reported is max |g_fd − g| / max(max |g|, max |g_fd|): relative to the
largest gradient component, which stays meaningful where single components are near zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .loss import example_loss
from .params import Params
from .record import StepRecord


@dataclass(frozen=True)
class GradCheck:
    max_rel_error: float
    n_params: int
    fd_grad: np.ndarray
    analytic_grad: np.ndarray

    @property
    def ok(self) -> bool:
        return self.max_rel_error <= 1e-6


def gradient_check(model, params_before: Params, rec: StepRecord, eps: float = 1e-6) -> GradCheck:
    """Compare −delta/η of ``rec`` with finite differences of E at ``params_before`` (left unchanged)."""
    W = params_before.W.copy()
    W_out = params_before.W_out.copy()
    ex = model.example(rec.step)
    negs = model.negatives(rec.step, len(ex.targets)) if model.config.output == "ns" else None

    def E():
        return example_loss(model, W, W_out, ex.inputs, ex.targets, negs)

    fd_vals: list[float] = []
    an_vals: list[float] = []
    for ids, delta, M, is_out in (
        (rec.out_ids, rec.out_delta, W_out, True),
        (rec.in_ids, rec.in_delta, W, False),
    ):
        for row, i in enumerate(ids):
            for k in range(M.shape[0] if is_out else M.shape[1]):
                idx = (k, i) if is_out else (i, k)
                old = M[idx]
                M[idx] = old + eps
                ep = E()
                M[idx] = old - eps
                em = E()
                M[idx] = old
                fd_vals.append((ep - em) / (2 * eps))
                an_vals.append(-delta[row, k] / rec.lr)
    fd, an = np.array(fd_vals), np.array(an_vals)
    scale = max(np.abs(fd).max(initial=0.0), np.abs(an).max(initial=0.0), 1e-300)
    return GradCheck(float(np.abs(fd - an).max(initial=0.0) / scale), len(fd), fd, an)
