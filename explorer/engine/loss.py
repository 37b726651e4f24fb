"""The loss E of one example, and of the whole training set, at given parameters (no update).

E (paper, exact σ):
    softmax  E = Σ_c ( −u_{j*_c} + log Σ_j' exp(u_j') )
    hs       E = −Σ_c Σ_{n on path(w_c)} log σ([[left]] · v'_nᵀh)
    ns       E = −Σ_c ( log σ(v'_{w_c}ᵀh) + Σ_{neg} log σ(−v'_negᵀh) )
"""
from __future__ import annotations

import numpy as np

from . import rng
from .sigmoid import neg_log_sigmoid
from .step import hidden


def example_loss(model, W, W_out, inputs, targets, negatives=None) -> float:
    """E for one example at (W, W'); ``negatives`` (targets × k) for ns."""
    h = hidden(W, np.asarray(inputs))
    out = model.config.output
    if out == "softmax":
        u = W_out.T @ h
        m = u.max()
        return float(len(targets) * (m + np.log(np.exp(u - m).sum())) - u[np.asarray(targets)].sum())
    E = 0.0
    for c, w in enumerate(targets):
        if out == "hs":
            u = W_out[:, model.tree.points[w]].T @ h
            E += float(neg_log_sigmoid(np.where(model.tree.codes[w] == 0, u, -u)).sum())
        else:
            ids = np.concatenate(([w], negatives[c]))
            u = W_out[:, ids].T @ h
            E += float(neg_log_sigmoid(u[0]) + neg_log_sigmoid(-u[1:]).sum())
    return E


def dataset_loss(model, params, max_work: float = 3e8) -> float:
    """Mean E over one epoch's examples at ``params`` (ns: negatives from a fixed evaluation stream).

    When the whole set would cost more than ``max_work`` multiply-adds (a large vocabulary with the full
    softmax), the mean is taken over an evenly spaced, fixed subset of the examples instead.
    """
    plan = model.stream.epoch_plan(0)
    M = len(plan)
    if M == 0:
        return float("nan")
    per_example = model.config.hidden * (model.n_out if model.config.output == "softmax" else
                                         (model.config.negative + 1 if model.config.output == "ns" else 20))
    per_example *= max(1.0, len(plan.tgt_ids) / M)
    if M * per_example > max_work:
        keep = np.unique(np.linspace(0, M - 1, max(1, int(max_work // per_example))).astype(np.int64))
        plan = plan.permuted(keep)
        M = len(plan)
    chunk = max(1, int(2**22 // max(model.n_out, 1)))
    W, W_out = params.W, params.W_out
    total = 0.0
    n_in = np.diff(plan.in_ptr)
    n_tg = np.diff(plan.tgt_ptr)
    # h of every example: the mean of its input vectors (a sum per example of consecutive rows)
    if len(plan.in_ids) and (n_in > 0).all():
        H = np.add.reduceat(W[plan.in_ids], plan.in_ptr[:-1], axis=0)
    else:
        H = np.zeros((M, W.shape[1]))
        np.add.at(H, np.repeat(np.arange(M), n_in), W[plan.in_ids])
    H /= np.maximum(n_in, 1)[:, None]
    ex_of_t = np.repeat(np.arange(M), n_tg)
    tg = plan.tgt_ids
    out = model.config.output
    if out == "hs":
        L = max(len(p) for p in model.tree.points)
        pts = np.zeros((model.V, L), np.int64)
        sign = np.zeros((model.V, L))
        for w, (p, c) in enumerate(zip(model.tree.points, model.tree.codes)):
            pts[w, :len(p)] = p
            sign[w, :len(p)] = np.where(c == 0, 1.0, -1.0)
    for s in range(0, len(tg), chunk):
        ex = ex_of_t[s:s + chunk]
        w = tg[s:s + chunk]
        Hc = H[ex]
        if out == "softmax":
            U = Hc @ W_out
            m = U.max(axis=1)
            lse = m + np.log(np.exp(U - m[:, None]).sum(axis=1))
            total += float((lse - U[np.arange(len(w)), w]).sum())
        elif out == "hs":
            P, S = pts[w], sign[w]
            U = np.einsum("mn,mln->ml", Hc, W_out.T[P])
            total += float((neg_log_sigmoid(S * U) * (S != 0)).sum())
        else:
            k = model.config.negative
            idx = np.arange(s, s + len(w))
            negs = model.noise.draw(model.config.seed, rng.EVAL_NEGATIVES, idx[:, None], np.arange(k)[None, :])
            ids = np.concatenate([w[:, None], negs], axis=1)
            U = np.einsum("mn,mkn->mk", Hc, W_out.T[ids])
            total += float(neg_log_sigmoid(U[:, 0]).sum() + neg_log_sigmoid(-U[:, 1:]).sum())
    return total / M
