"""The loss E of one example, and of the whole training set, at given parameters (no update).

Both evaluate the compiled step (:func:`explorer.engine.kernel.sgd_step`) with ``apply`` off in paper
semantics (exact σ, every term at the given parameters):

    softmax  E = Σ_c ( −u_{j*_c} + log Σ_j' exp(u_j') )
    hs       E = −Σ_c Σ_{n on path(w_c)} log σ(⟦left⟧ · v'_nᵀh)
    ns       E = −Σ_c ( log σ(v'_{w_c}ᵀh) + Σ_{neg} log σ(−v'_negᵀh) )

The training-set E is a pass over the epoch's examples; training itself never calls it (the per-epoch
figure the session keeps is the mean E of the epoch's steps, which the step computes anyway).
"""
from __future__ import annotations

import numpy as np

from .fast import max_columns, step_tables, work_buffers
from .kernel import BLOWUP_BOUND, SOFTMAX, TABLE, _jit, sgd_step


def _noop_buffers():
    return np.zeros(1, np.int64), np.zeros((1, 1))


def example_loss(model, W, W_out, inputs, targets, negatives=None) -> float:
    """E for one example at (W, W'); ``negatives`` (targets × k) for ns."""
    tb = step_tables(model)
    ins = np.ascontiguousarray(inputs, dtype=np.int64)
    tgts = np.ascontiguousarray(targets, dtype=np.int64)
    negs = np.zeros(1, np.int64) if negatives is None else np.ascontiguousarray(negatives, np.int64).reshape(-1)
    W = np.asarray(W, dtype=np.float64)
    Wo = np.asarray(W_out, dtype=np.float64).T
    V, N = W.shape
    bufs = work_buffers(V, Wo.shape[0], N, max_columns(tb, Wo.shape[0], len(tgts)))
    no_i, no_f = _noop_buffers()
    status, loss, _, _ = sgd_step(W, Wo, ins, tgts, 0.0, tb.kind, False, False, negs, False, tb.key, 0, 0, tb.k,
                                  tb.k, tb.codes, tb.points, tb.lens, tb.cdf, tb.guide, TABLE, np.inf, *bufs,
                                  False, no_i, no_f, no_f, no_f, no_f)
    return float(loss)


@_jit
def _epoch_loss(W, Wo, in_ptr, in_ids, tgt_ptr, tgt_ids, sel, kind, k, codes, points, lens, cdf, guide, table,
                key, max_cols):
    """Σ E over the examples ``sel`` of a plan; negative d of plan target i from uniform (key, i, d)."""
    V, N = W.shape
    n_out = Wo.shape[0]
    h = np.empty(N)
    EH = np.empty(N)
    u = np.empty(n_out)
    y = np.empty(n_out)
    EI = np.empty(n_out)
    cnt = np.zeros(V, np.int64)
    mark = np.full(n_out, -1, np.int64)
    touched = np.empty(max_cols, np.int64)
    esum = np.empty(max_cols)
    save = np.empty((max_cols, N))
    no_i = np.zeros(1, np.int64)
    no_f = np.zeros((1, 1))
    total = 0.0
    for q in range(sel.shape[0]):
        s = sel[q]
        _, loss, _, _ = sgd_step(
            W, Wo, in_ids[in_ptr[s]:in_ptr[s + 1]], tgt_ids[tgt_ptr[s]:tgt_ptr[s + 1]], 0.0, kind, False,
            False, no_i, True, key, tgt_ptr[s], 1, 0, k, codes, points, lens, cdf, guide, table, np.inf, h,
            EH, u, y, EI, cnt, mark, touched, esum, save, False, no_i, no_f, no_f, no_f, no_f)
        total += loss
    return total


def dataset_loss(model, params, max_work: float = 3e8) -> float:
    """Mean E over one epoch's examples at ``params`` (ns: negatives from a fixed evaluation stream).

    When the whole set would cost more than ``max_work`` multiply-adds (a large corpus, or a large
    vocabulary with the full softmax), the mean is taken over an evenly spaced, fixed subset of the
    examples instead.
    """
    plan = model.stream.epoch_plan(0)
    M = len(plan)
    if M == 0:
        return float("nan")
    tb = step_tables(model)
    cfg = model.config
    per_example = cfg.hidden * (model.n_out if tb.kind == SOFTMAX else tb.max_terms)
    per_example *= max(1.0, len(plan.tgt_ids) / M)
    sel = np.arange(M, dtype=np.int64)
    if M * per_example > max_work:
        sel = np.unique(np.linspace(0, M - 1, max(1, int(max_work // per_example))).astype(np.int64))
    Wo = np.ascontiguousarray(params.W_out.T, dtype=np.float64)
    W = np.ascontiguousarray(params.W, dtype=np.float64)
    cols = max_columns(tb, Wo.shape[0], model.stream.max_targets)
    total = _epoch_loss(W, Wo, plan.in_ptr, plan.in_ids, plan.tgt_ptr, plan.tgt_ids, sel, tb.kind, tb.k,
                        tb.codes, tb.points, tb.lens, tb.cdf, tb.guide, TABLE, tb.eval_key, cols)
    return total / len(sel)
