"""One SGD step for CBOW / skip-gram × softmax / hierarchical softmax / negative sampling.

The functions here are pure: they read W and W' and return what the step computes and the new values of
every vector it touches; :meth:`explorer.engine.model.Model.apply` writes them. The input side is the same
for every output layer:

    h = (1/C) Σ_c v_{w_c}                      (C input words; skip-gram in paper mode has C = 1: h = v_I)

and every output layer returns EH = ∂E/∂h, from which the input update is

    paper:      v_{w_c} ← v_{w_c} − η · (1/C) · EH    for each input word (summed if a word repeats)
    reference:  v_{w_c} ← v_{w_c} − η · EH            (word2vec.c CBOW gives every context word the full EH)

Paper mode computes every error and EH from the values before the step, then applies: each update is
exactly −η × the gradient of E. Reference mode follows word2vec.c: terms are processed one after another,
σ comes from the lookup table, an HS node with |u| ≥ 6 is skipped, NS clips y to 0/1 beyond ±6, and a
negative equal to the positive word is skipped.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import BlowUpError
from .record import NodeTerm
from .sigmoid import MAX_EXP, neg_log_sigmoid, sigmoid, table_sigmoid

#: A magnitude past this in h, u, EH or any updated vector is treated as a numeric blow-up.
BLOWUP_BOUND = 1e150


@dataclass
class OutputResult:
    """What the output layer computed: the loss E, EH, and the new values of the touched columns of W'."""

    loss: float
    EH: np.ndarray
    out_ids: np.ndarray
    out_before: np.ndarray  # (k, N)
    out_delta: np.ndarray
    out_after: np.ndarray
    u: np.ndarray | None = None
    y: np.ndarray | None = None
    t: np.ndarray | None = None
    e: np.ndarray | None = None
    EI: np.ndarray | None = None
    terms: tuple | None = None  # hs paths / ns samples: per target, tuple of NodeTerm


def check_finite(step: int, lr: float, name: str, a) -> None:
    """Raise :class:`BlowUpError` when ``a`` has a non-finite value or a magnitude past the bound."""
    a = np.asarray(a)
    if a.size == 0:
        return
    m = np.max(np.abs(a))
    if not np.isfinite(m):
        raise BlowUpError(step, f"{name} is not finite", lr)
    if m > BLOWUP_BOUND:
        raise BlowUpError(step, f"{name} overflowed", lr, f"(|{name}| > {BLOWUP_BOUND:.0e})")


def hidden(W: np.ndarray, inputs: np.ndarray) -> np.ndarray:
    """h = (1/C) Σ_c v_{w_c}  (for C = 1 exactly v_I)."""
    return W[inputs].sum(axis=0) / len(inputs)


def input_update(W, inputs, EH, lr, mode):
    """Rows of W the step changes: ids, before, delta, after.

    paper: Δv_w = −η · (n_w / C) · EH ;  reference: Δv_w = −η · n_w · EH  (n_w = times w is an input).
    """
    ids, n = np.unique(inputs, return_counts=True)
    C = len(inputs)
    share = n / C if mode == "paper" else n.astype(np.float64)
    before = W[ids].copy()
    delta = (-lr * share)[:, None] * EH[None, :]
    return ids, before, delta, before + delta


def _collect(ids_per_term, grads_per_term):
    """Sum the errors e of every term per output column (a column in several terms gets Σ e)."""
    ids = np.concatenate(ids_per_term)
    g = np.concatenate(grads_per_term)
    uniq, inv = np.unique(ids, return_inverse=True)
    acc = np.zeros(len(uniq))
    np.add.at(acc, inv, g)
    return uniq, acc


# ---------------------------------------------------------------------------------------------------------
# full softmax
def softmax_output(W_out, h, targets, lr) -> OutputResult:
    """Full softmax with one output panel per target (C panels share W', so u and y are shared):

    u_j = v'_jᵀh,  y_j = exp(u_j) / Σ_j' exp(u_j'),  e_{c,j} = y_j − t_{c,j},  EI_j = Σ_c e_{c,j},
    E = −Σ_c u_{j*_c} + C · log Σ_j' exp(u_j'),  v'_j ← v'_j − η · EI_j · h (every j),  EH = Σ_j EI_j v'_j.
    """
    u = W_out.T @ h
    m = np.max(u)
    ex = np.exp(u - m)
    Z = ex.sum()
    y = ex / Z
    lse = m + np.log(Z)
    P, V = len(targets), len(u)
    t = np.zeros((P, V))
    t[np.arange(P), targets] = 1.0
    e = y[None, :] - t
    EI = e.sum(axis=0)
    loss = float(P * lse - u[targets].sum())
    EH = W_out @ EI
    before = W_out.T.copy()
    delta = (-lr * EI)[:, None] * h[None, :]
    res = OutputResult(loss, EH, np.arange(V), before, delta, before + delta, u=u, y=y)
    if P == 1:
        res.t, res.e = t[0], e[0]
    else:
        res.t, res.e = t, e
    res.EI = EI
    return res


# ---------------------------------------------------------------------------------------------------------
# hierarchical softmax
def hs_output(W_out, h, targets, lr, tree, mode) -> OutputResult:
    """Hierarchical softmax along each target's Huffman path (root first).

    At inner node n: u = v'_nᵀh, y = σ(u), t = 1 − code (1: the path goes left), e = y − t,
    E = −Σ log σ(±u) (+ when t = 1), v'_n ← v'_n − η · e · h (path nodes only), EH = Σ e · v'_n.
    """
    if mode == "reference":
        return _sequential_output(W_out, h, targets, lr, tree=tree)
    paths, ids_l, g_l = [], [], []
    loss = 0.0
    EH = np.zeros_like(h)
    for w in targets:
        pts, codes = tree.points[w], tree.codes[w]
        cols = W_out[:, pts]
        u = cols.T @ h
        y = sigmoid(u)
        t = 1.0 - codes
        e = y - t
        loss += float(neg_log_sigmoid(np.where(t == 1.0, u, -u)).sum())
        EH += cols @ e
        paths.append(tuple(NodeTerm(int(n), f"n{int(n)}", float(a), float(b), float(c), float(d), int(k))
                           for n, a, b, c, d, k in zip(pts, u, y, t, e, codes)))
        ids_l.append(pts)
        g_l.append(e)
    ids, esum = _collect(ids_l, g_l)
    before = W_out[:, ids].T.copy()
    delta = (-lr * esum)[:, None] * h[None, :]
    return OutputResult(loss, EH, ids, before, delta, before + delta, terms=tuple(paths))


# ---------------------------------------------------------------------------------------------------------
# negative sampling
def ns_output(W_out, h, targets, lr, negatives, words, mode) -> OutputResult:
    """Negative sampling: for each target, the positive word (t = 1) and k negatives (t = 0).

    u = v'ᵀh, y = σ(u), e = y − t, E = −log σ(u_O) − Σ_neg log σ(−u_neg),
    v' ← v' − η · e · h (positive and negatives only), EH = Σ e · v'.
    ``negatives`` is (targets, k); in paper mode a negative equal to the positive stays (it is part of E).
    """
    if mode == "reference":
        return _sequential_output(W_out, h, targets, lr, negatives=negatives, words=words)
    samples, ids_l, g_l = [], [], []
    loss = 0.0
    EH = np.zeros_like(h)
    for w, negs in zip(targets, negatives):
        ids = np.concatenate(([w], negs)).astype(np.int64)
        cols = W_out[:, ids]
        u = cols.T @ h
        y = sigmoid(u)
        t = np.zeros(len(ids))
        t[0] = 1.0
        e = y - t
        loss += float(neg_log_sigmoid(np.where(t == 1.0, u, -u)).sum())
        EH += cols @ e
        samples.append(tuple(NodeTerm(int(i), words[i], float(a), float(b), float(c), float(d))
                             for i, a, b, c, d in zip(ids, u, y, t, e)))
        ids_l.append(ids)
        g_l.append(e)
    ids, esum = _collect(ids_l, g_l)
    before = W_out[:, ids].T.copy()
    delta = (-lr * esum)[:, None] * h[None, :]
    return OutputResult(loss, EH, ids, before, delta, before + delta, terms=tuple(samples))


def _sequential_output(W_out, h, targets, lr, tree=None, negatives=None, words=None) -> OutputResult:
    """word2vec.c's inner loop: one term after another, each seeing the columns as updated so far.

    For each term: f = v'ᵀh; HS skips |f| ≥ 6, NS uses y = 1 above 6 and 0 below −6, else the σ table;
    g = (t − y)·η; neu1e += g·v' (i.e. EH += e·v'); v' += g·h.
    """
    cur: dict[int, np.ndarray] = {}
    first: dict[int, np.ndarray] = {}
    dsum: dict[int, np.ndarray] = {}
    EH = np.zeros_like(h)
    loss = 0.0
    all_terms = []
    for c, w in enumerate(targets):
        if tree is not None:
            seq = [(int(n), 1.0 - float(k), int(k)) for n, k in zip(tree.points[w], tree.codes[w])]
        else:
            seq = [(int(w), 1.0, -1)] + [(int(n), 0.0, -1) for n in negatives[c]]
        terms = []
        for pos, (i, t, code) in enumerate(seq):
            label = f"n{i}" if tree is not None else words[i]
            if tree is None and pos > 0 and i == w:  # word2vec.c: a negative equal to the target is skipped
                terms.append(NodeTerm(i, label, 0.0, 0.0, t, 0.0, code, skipped=True))
                continue
            col = cur.get(i)
            if col is None:
                col = W_out[:, i].copy()
                first[i] = col.copy()
            f = float(col @ h)
            if not np.isfinite(f):  # leave it to Model.compute's check on u to report the blow-up
                terms.append(NodeTerm(i, label, f, float("nan"), t, float("nan"), code))
                loss = float("nan")
                cur[i] = col
                continue
            loss += float(neg_log_sigmoid(f if t == 1.0 else -f))
            if tree is not None:
                if f <= -MAX_EXP or f >= MAX_EXP:
                    terms.append(NodeTerm(i, label, f, float(sigmoid(f)), t, 0.0, code, skipped=True))
                    cur[i] = col
                    continue
                y = table_sigmoid(f)
            else:
                y = 1.0 if f > MAX_EXP else 0.0 if f < -MAX_EXP else table_sigmoid(f)
            e = y - t
            terms.append(NodeTerm(i, label, f, y, t, e, code))
            EH += e * col
            d = (-lr * e) * h
            dsum[i] = dsum[i] + d if i in dsum else d
            cur[i] = col + d
        all_terms.append(tuple(terms))
    ids = np.array(sorted(dsum), dtype=np.int64)
    N = len(h)
    before = np.array([first[i] for i in ids]).reshape(-1, N)
    delta = np.array([dsum[i] for i in ids]).reshape(-1, N)
    after = np.array([cur[i] for i in ids]).reshape(-1, N)
    return OutputResult(loss, EH, ids, before, delta, after, terms=tuple(all_terms))
