"""The loss E of one example, and of the whole training set, at given parameters (no update).

Both evaluate the compiled step (:func:`explorer.engine.kernel.sgd_steps`) with ``apply`` off in paper
semantics (exact σ, every term at the given parameters):

    softmax  E = Σ_c ( −u_{j*_c} + log Σ_j' exp(u_j') )
    hs       E = −Σ_c Σ_{n on path(w_c)} log σ(⟦left⟧ · v'_nᵀh)
    ns       E = −Σ_c ( log σ(v'_{w_c}ᵀh) + Σ_{neg} log σ(−v'_negᵀh) )

The training-set E is a pass over the epoch's examples; training itself never calls it (the per-epoch
figure the session keeps is the mean E of the epoch's steps, which the step computes anyway).
"""

from __future__ import annotations

import numpy as np

from .fast import max_columns, run_steps, step_tables, work_buffers
from .kernel import SOFTMAX, sgd_steps


def term_loss(u: float, t: float) -> float:
    """One hs node's or ns sample's term of E, for drawing its share (the step sums them in compiled code):
    −log σ(u) for t = 1, −log σ(−u) for t = 0, as log(1 + e^{∓u}) without overflow."""
    return float(np.logaddexp(0.0, -u if t == 1.0 else u))


def _evaluate(model, W, Wo, in_ptr, in_ids, tgt_ptr, tgt_ids, negs=None) -> np.ndarray:
    """E of every example of a CSR list at (W, W' = Woᵀ): the compiled step with ``apply`` off."""
    tb = step_tables(model)
    M = len(in_ptr) - 1
    losses = np.zeros(M)
    max_tg = int(np.diff(tgt_ptr).max()) if M else 1
    work = work_buffers(W.shape[0], Wo.shape[0], W.shape[1], max_columns(tb, Wo.shape[0], max_tg))
    run_steps(
        sgd_steps,
        tb,
        W,
        Wo,
        (in_ptr, in_ids, tgt_ptr, tgt_ids),
        np.zeros(M),
        0,
        False,
        losses,
        work,
        apply=False,
        negs=negs,
        eval_counter=True,
        bound=np.inf,
    )
    return losses


def example_loss(model, W, W_out, inputs, targets, negatives=None) -> float:
    """E for one example at (W, W'); ``negatives`` (targets × k) for ns."""
    ins = np.ascontiguousarray(inputs, dtype=np.int64)
    tgts = np.ascontiguousarray(targets, dtype=np.int64)
    negs = None if negatives is None else np.ascontiguousarray(negatives, np.int64).reshape(-1)
    if negs is None and model.config.output == "ns":
        raise ValueError("negative sampling needs the negatives of the example")
    W = np.asarray(W, dtype=np.float64)
    Wo = np.asarray(W_out, dtype=np.float64).T
    return float(
        _evaluate(
            model,
            W,
            Wo,
            np.array([0, len(ins)]),
            ins,
            np.array([0, len(tgts)]),
            tgts,
            negs if negs is not None else np.zeros(1, np.int64),
        )[0]
    )


def _spread(n: int):
    """0..n−1 in an evenly spreading order: 0, then the middle, then the quarters, … (van der Corput)."""
    bits = max(1, (n - 1).bit_length())
    order = [int(format(i, f"0{bits}b")[::-1], 2) for i in range(1 << bits)]
    return [i for i in order if i < n]


def dataset_loss(model, params, max_work: float = 3e8) -> float:
    """Mean E over one epoch's examples at ``params`` (ns: negative d of a block's target i is P_n's word
    at the uniform (seed, EVAL_NEGATIVES, i, d)).

    When the whole set would cost more than ``max_work`` multiply-adds (a large corpus, or a large
    vocabulary with the full softmax), the mean is taken over a fixed subset: whole blocks of the
    epoch's plan, taken evenly spread over the corpus until the work is done (a small corpus is one block).
    """
    stream = model.stream
    tb = step_tables(model)
    Wo = np.ascontiguousarray(params.W_out.T, dtype=np.float64)
    W = np.ascontiguousarray(params.W, dtype=np.float64)
    unit = model.config.hidden * (model.n_out if tb.kind == SOFTMAX else tb.max_terms)
    total, count, work = 0.0, 0, 0.0
    for b in _spread(stream.n_blocks):
        plan = stream.block_plan(0, b)
        M = len(plan)
        if M == 0:
            continue
        in_ptr, in_ids, tgt_ptr, tgt_ids = plan.in_ptr, plan.in_ids, plan.tgt_ptr, plan.tgt_ids
        left = (max_work - work) / (unit * max(1.0, len(tgt_ids) / M))
        if left < M:  # the budget ends inside this block: evenly spaced examples of it
            keep = np.unique(np.linspace(0, M - 1, max(1, int(left))).astype(np.int64))
            sub = plan.permuted(keep)
            in_ptr, in_ids, tgt_ptr, tgt_ids = sub.in_ptr, sub.in_ids, sub.tgt_ptr, sub.tgt_ids
        losses = _evaluate(model, W, Wo, in_ptr, in_ids, tgt_ptr, tgt_ids)
        total += float(losses.sum())
        count += len(losses)
        work += unit * len(tgt_ids)
        if work >= max_work:
            break
    return total / count if count else float("nan")
