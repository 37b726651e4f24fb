"""Fast-forward: the step-through engine's SGD, compiled, without building records.

:func:`fast_forward` runs global steps ``first_step .. first_step + n_steps − 1`` on ``params`` in place and
gives the same parameters (to rounding) as calling :meth:`~explorer.engine.model.Model.compute` and
:meth:`~explorer.engine.model.Model.apply` for every step: same examples in the same order (the epoch plans
of :class:`~explorer.engine.examples.ExampleStream`), same negatives (what ``model.noise.draw`` gives on
stream ``rng.NEGATIVES`` at counter (step, c·k + d); :func:`noise_draw` computes them from the same uniforms
with a compiled search in place of ``np.searchsorted``), same learning rate η = base_lr × lr_factor, and
the same loss E per step.

Names follow the paper: W (V×N, rows v_w), W' (N×V', columns v'_j), h, u, y, t, e, EI, EH, η.

Input side (every output layer)::

    h = (1/C) Σ_c v_{w_c}                                  (C input words of the example)
    paper:      v_w ← v_w − η · (n_w / C) · EH             (n_w = times w is an input of the example)
    reference:  v_w ← v_w − η · n_w · EH                   (word2vec.c: every context word gets the full EH)

Full softmax (both modes; P output panels, one per target j*_c)::

    u_j = v'_jᵀh,  y_j = exp(u_j) / Σ_j' exp(u_j'),  e_{c,j} = y_j − t_{c,j},  EI_j = Σ_c e_{c,j}
    E = P · log Σ_j' exp(u_j') − Σ_c u_{j*_c},  EH = Σ_j EI_j v'_j (old v'_j),  v'_j ← v'_j − η · EI_j · h

Hierarchical softmax / negative sampling, paper mode (all from the values before the step)::

    per term (inner node n on the target's Huffman path; or the positive word and its k negatives):
    u = v'ᵀh,  y = σ(u),  t = 1 − code (hs) / 1 for the positive, 0 for a negative (ns),  e = y − t
    E = Σ −log σ(±u) (+ when t = 1),  EH = Σ e · v' (old v'),  v' ← v' − η · (Σ of e over the terms of v') · h

Reference mode (word2vec.c's inner loop; terms one after another, each seeing the columns updated so far)::

    f = v'ᵀh;  E += −log σ(±f)
    hs: skip the node when |f| ≥ 6;  ns: y = 1 if f > 6, 0 if f < −6;  otherwise y = table[int((f + 6)·83)]
    e = y − t;  EH += e · v' (current v');  v' ← v' − η · e · h;  ns skips a negative equal to the target

A step whose h, u, E, EH or any updated vector would be non-finite or exceed
:data:`~explorer.engine.step.BLOWUP_BOUND` in magnitude is not applied: :attr:`FastResult.blowup_step`
names it, and the parameters are those after the previous step (the session calls ``Model.compute`` on
that step for the message).

Kernels are numba ``@njit`` functions in float64 without fastmath; dot products are plain sequential loops
(``s += a_k·b_k``; with the OpenBLAS numpy ships this equals ``col @ h`` bit for bit for N < 16, while for
larger N BLAS sums in another order and results can differ in the last bit, so parameters agree with the
step-through engine to rounding, not bit for bit). They are compiled once per machine and cached on disk
(``cache=True``; if no cache directory is writable they are compiled in memory instead). The kernels
release the GIL, so a worker thread can fast-forward while a GUI thread keeps drawing.
"""
from __future__ import annotations

import math
import weakref
from dataclasses import dataclass

import numpy as np
from numba import njit

from . import rng
from .sigmoid import _SCALE, MAX_EXP, SIGMOID_TABLE
from .step import BLOWUP_BOUND

__all__ = ["FastResult", "fast_forward", "compile_kernels", "noise_draw"]


def _jit(fn):
    """``@njit(cache=True, nogil=True, fastmath=False)``; without the disk cache when numba finds no
    writable cache directory (it raises ``RuntimeError`` at decoration then)."""
    try:
        return njit(cache=True, nogil=True, fastmath=False)(fn)
    except RuntimeError:
        return njit(cache=False, nogil=True, fastmath=False)(fn)


_LOGE2 = math.log(2.0)
_TABLE = np.array(SIGMOID_TABLE, dtype=np.float64)  # writable copy: one numba type for every call
_MAX_EXP = float(MAX_EXP)
_TSCALE = float(_SCALE)  # 83.0: word2vec.c's EXP_TABLE_SIZE / MAX_EXP / 2 in integer arithmetic


@dataclass
class FastResult:
    """What :func:`fast_forward` did."""

    steps_done: int          # steps actually applied (< n_steps if cancelled or blown up)
    losses: np.ndarray       # float64, E of each applied step (the record's loss)
    lrs: np.ndarray          # float64, η of each applied step
    blowup_step: int | None  # global 1-based step that would blow up (NOT applied), else None
    cancelled: bool


# =========================================================================================================
# scalar helpers (inlined into the kernels by LLVM)
@_jit
def _bad(x, bound):
    """True when x is NaN, ±inf or |x| > bound (what ``step.check_finite`` rejects)."""
    return not (abs(x) <= bound)


@_jit
def _sigmoid(x):
    """σ(x) = 1 / (1 + e^{−x}), computed as ``sigmoid.sigmoid`` does (no overflow for x < 0)."""
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@_jit
def _neg_log_sigmoid(x):
    """−log σ(x) = logaddexp(0, −x), with numpy's ``npy_logaddexp`` formula."""
    if x == 0.0:
        return _LOGE2
    if x > 0.0:
        return math.log1p(math.exp(-x))
    if x < 0.0:
        return -x + math.log1p(math.exp(x))
    return x  # NaN


@_jit
def _table_sigmoid(f, table):
    """word2vec.c's σ lookup, table[int((f + 6) · 83)], for −6 ≤ f ≤ 6."""
    return table[int((f + _MAX_EXP) * _TSCALE)]


@_jit
def _dot(Wo, j, h):
    """u = v'_jᵀh as a sequential sum (row j of the transposed W')."""
    s = 0.0
    for k in range(h.shape[0]):
        s += Wo[j, k] * h[k]
    return s


@_jit
def _hidden(W, in_ids, a, b, h, bound):
    """h = (1/C) Σ_c v_{w_c} for inputs in_ids[a:b] (rows added in order, then divided by C).

    Returns True when h blows up."""
    N = h.shape[0]
    r = in_ids[a]
    for k in range(N):
        h[k] = W[r, k]
    for p in range(a + 1, b):
        r = in_ids[p]
        for k in range(N):
            h[k] += W[r, k]
    C = b - a
    bad = False
    for k in range(N):
        h[k] = h[k] / C
        if _bad(h[k], bound):
            bad = True
    return bad


@_jit
def _vec_bad(v, bound):
    for k in range(v.shape[0]):
        if _bad(v[k], bound):
            return True
    return False


@_jit
def _input_coef(lr, n, C, reference):
    """−η · share: paper share = n_w / C, reference share = n_w."""
    if reference:
        return -lr * float(n)
    return -lr * (n / C)


@_jit
def _input_check(W, in_ids, a, b, EH, lr, reference, cnt, bound):
    """Count each input word (cnt[w] = n_w, left set for :func:`_input_apply`) and check every
    v_w − η · share · EH. Returns True when one blows up (cnt is then reset)."""
    for p in range(a, b):
        cnt[in_ids[p]] += 1
    C = b - a
    N = EH.shape[0]
    for p in range(a, b):
        w = in_ids[p]
        coef = _input_coef(lr, cnt[w], C, reference)
        for k in range(N):
            if _bad(W[w, k] + coef * EH[k], bound):
                for q in range(a, b):
                    cnt[in_ids[q]] = 0
                return True
    return False


@_jit
def _input_apply(W, in_ids, a, b, EH, lr, reference, cnt):
    """v_w ← v_w − η · share · EH once per distinct input word (n_w from cnt, which is reset)."""
    C = b - a
    N = EH.shape[0]
    for p in range(a, b):
        w = in_ids[p]
        n = cnt[w]
        if n == 0:
            continue
        coef = _input_coef(lr, n, C, reference)
        for k in range(N):
            W[w, k] = W[w, k] + coef * EH[k]
        cnt[w] = 0


@_jit
def _restore(Wo, save_ids, save_vals, n_saved):
    """Put back the columns a reference-mode step changed before it turned out to blow up."""
    N = Wo.shape[1]
    for q in range(n_saved):
        j = save_ids[q]
        for k in range(N):
            Wo[j, k] = save_vals[q, k]


# =========================================================================================================
# full softmax (paper and reference mode compute the output side identically)
@_jit
def _kernel_softmax(W, Wo, in_ptr, in_ids, tgt_ptr, tgt_ids, lrs, reference, bound, losses):
    """Full-softmax steps 0..M−1 of the chunk; returns the number applied (M unless a step blows up).

    u_j = v'_jᵀh;  y = softmax(u);  EI_j = Σ_c (y_j − t_{c,j});  E = P·(max u + log Σ exp(u − max u)) − Σ_c u_{j*_c}
    EH = Σ_j EI_j v'_j (old);  v'_j ← v'_j − η·EI_j·h for every j;  then the input update.
    ``Wo`` is W' transposed (V × N, row j = v'_j).
    """
    M = lrs.shape[0]
    V, N = Wo.shape
    h = np.empty(N)
    EH = np.empty(N)
    u = np.empty(V)
    y = np.empty(V)
    EI = np.empty(V)
    cnt = np.zeros(W.shape[0], np.int64)
    for s in range(M):
        a = in_ptr[s]
        b = in_ptr[s + 1]
        if _hidden(W, in_ids, a, b, h, bound):
            return s
        lr = lrs[s]
        m = -np.inf
        for j in range(V):
            uj = _dot(Wo, j, h)
            if _bad(uj, bound):
                return s
            u[j] = uj
            if uj > m:
                m = uj
        Z = 0.0
        for j in range(V):
            y[j] = math.exp(u[j] - m)
            Z += y[j]
        for j in range(V):
            y[j] = y[j] / Z
        lse = m + math.log(Z)
        t0 = tgt_ptr[s]
        t1 = tgt_ptr[s + 1]
        P = t1 - t0
        # EI_j = Σ_c e_{c,j}, summed over panels in order (e_{c,j} = y_j − t_{c,j})
        first = tgt_ids[t0]
        for j in range(V):
            EI[j] = y[j] - 1.0 if j == first else y[j]
        for c in range(t0 + 1, t1):
            tc = tgt_ids[c]
            for j in range(V):
                EI[j] += y[j] - 1.0 if j == tc else y[j]
        usum = 0.0
        for c in range(t0, t1):
            usum += u[tgt_ids[c]]
        loss = P * lse - usum
        if _bad(loss, bound):
            return s
        # EH = Σ_j EI_j v'_j with the old v'_j; check every v'_j − η·EI_j·h on the way
        for k in range(N):
            EH[k] = 0.0
        bad = False
        for j in range(V):
            ej = EI[j]
            g = -lr * ej
            for k in range(N):
                c_ = Wo[j, k]
                EH[k] += ej * c_
                if _bad(c_ + g * h[k], bound):
                    bad = True
        if bad or _vec_bad(EH, bound):
            return s
        if _input_check(W, in_ids, a, b, EH, lr, reference, cnt, bound):
            return s
        for j in range(V):
            g = -lr * EI[j]
            for k in range(N):
                Wo[j, k] = Wo[j, k] + g * h[k]
        _input_apply(W, in_ids, a, b, EH, lr, reference, cnt)
        losses[s] = loss
    return M


# =========================================================================================================
# hierarchical softmax and negative sampling: a step is a list of terms (column j of W', label t)
@_jit
def _term(c, q, tgt_ids, hs, codes, points, negs, k):
    """Term q of target c: (column id, label t, skip). hs: node q of the path, t = 1 − code;
    ns: q = 0 the positive word (t = 1), q ≥ 1 negative q−1 (t = 0; skip marks one equal to the target,
    which reference mode skips)."""
    w = tgt_ids[c]
    if hs:
        return points[w, q], 1.0 - codes[w, q], False
    if q == 0:
        return w, 1.0, False
    j = negs[c * k + q - 1]
    return j, 0.0, j == w


@_jit
def _kernel_terms(W, Wo, in_ptr, in_ids, tgt_ptr, tgt_ids, lrs, hs, codes, points, lens, negs, k,
                  reference, table, bound, losses, max_terms):
    """Hierarchical-softmax (``hs``) or negative-sampling steps 0..M−1 of the chunk; returns the number
    applied (M unless a step blows up, whose changes are undone).

    paper:     every u, y = σ(u), e = y − t from the old W'; EH = Σ e·v'; v' ← v' − η·(Σ e)·h
    reference: sequential: f = v'ᵀh, table σ (hs skips |f| ≥ 6, ns clips y), EH += e·v', v' ← v' − η·e·h
    ``Wo`` is W' transposed (V' × N); ``negs[c·k + d]`` is negative d of chunk target c.
    """
    M = lrs.shape[0]
    Vo, N = Wo.shape
    h = np.empty(N)
    EH = np.empty(N)
    tmp = np.empty(N)
    cnt = np.zeros(W.shape[0], np.int64)
    mark = np.full(Vo, -1, np.int64)       # mark[j] == s: column j already touched in step s
    esum = np.zeros(Vo)                     # paper: Σ e per touched column
    touched = np.empty(max_terms, np.int64)
    save_vals = np.empty((max_terms, N))    # reference: column values before the step (for undo)
    for s in range(M):
        a = in_ptr[s]
        b = in_ptr[s + 1]
        if _hidden(W, in_ids, a, b, h, bound):
            return s
        lr = lrs[s]
        for kk in range(N):
            EH[kk] = 0.0
        loss = 0.0
        nt = 0
        if reference:
            hint = False
            for c in range(tgt_ptr[s], tgt_ptr[s + 1]):
                L = lens[tgt_ids[c]] if hs else k + 1
                for q in range(L):
                    j, t, skip = _term(c, q, tgt_ids, hs, codes, points, negs, k)
                    if skip:
                        continue
                    f = _dot(Wo, j, h)
                    if _bad(f, bound):
                        _restore(Wo, touched, save_vals, nt)
                        return s
                    loss += _neg_log_sigmoid(f if t == 1.0 else -f)
                    if hs:
                        if f <= -_MAX_EXP or f >= _MAX_EXP:
                            continue
                        yv = _table_sigmoid(f, table)
                    elif f > _MAX_EXP:
                        yv = 1.0
                    elif f < -_MAX_EXP:
                        yv = 0.0
                    else:
                        yv = _table_sigmoid(f, table)
                    e = yv - t
                    g = -lr * e
                    if mark[j] != s:
                        mark[j] = s
                        touched[nt] = j
                        for kk in range(N):
                            save_vals[nt, kk] = Wo[j, kk]
                        nt += 1
                    for kk in range(N):
                        cj = Wo[j, kk]
                        EH[kk] += e * cj
                        nv = cj + g * h[kk]
                        Wo[j, kk] = nv
                        if _bad(nv, bound):
                            hint = True
            bad = _bad(loss, bound) or _vec_bad(EH, bound)
            if not bad and hint:  # some written value was bad: is it still there at the end?
                for q in range(nt):
                    if _vec_bad(Wo[touched[q]], bound):
                        bad = True
                        break
            if bad or _input_check(W, in_ids, a, b, EH, lr, reference, cnt, bound):
                _restore(Wo, touched, save_vals, nt)
                return s
            _input_apply(W, in_ids, a, b, EH, lr, reference, cnt)
            losses[s] = loss
            continue
        # paper mode: everything from the values before the step, then apply
        for c in range(tgt_ptr[s], tgt_ptr[s + 1]):
            L = lens[tgt_ids[c]] if hs else k + 1
            for kk in range(N):
                tmp[kk] = 0.0
            lt = 0.0
            for q in range(L):
                j, t, skip = _term(c, q, tgt_ids, hs, codes, points, negs, k)
                f = _dot(Wo, j, h)
                if _bad(f, bound):
                    return s
                e = _sigmoid(f) - t
                lt += _neg_log_sigmoid(f if t == 1.0 else -f)
                for kk in range(N):
                    tmp[kk] += e * Wo[j, kk]
                if mark[j] != s:
                    mark[j] = s
                    touched[nt] = j
                    nt += 1
                    esum[j] = 0.0
                esum[j] += e
            loss += lt
            for kk in range(N):
                EH[kk] += tmp[kk]
        if _bad(loss, bound) or _vec_bad(EH, bound):
            return s
        for q in range(nt):
            j = touched[q]
            g = -lr * esum[j]
            for kk in range(N):
                if _bad(Wo[j, kk] + g * h[kk], bound):
                    return s
        if _input_check(W, in_ids, a, b, EH, lr, reference, cnt, bound):
            return s
        for q in range(nt):
            j = touched[q]
            g = -lr * esum[j]
            for kk in range(N):
                Wo[j, kk] = Wo[j, kk] + g * h[kk]
        _input_apply(W, in_ids, a, b, EH, lr, reference, cnt)
        losses[s] = loss
    return M


# =========================================================================================================
# negatives: model.noise.draw, with its searchsorted done by a compiled guide-table search
@_jit
def _search_right(cdf, guide, u, out):
    """out[i] = min(searchsorted(cdf, u[i], side='right'), V − 1): the first j with cdf[j] > u[i].

    ``guide[b]`` is a starting point for u in [b/G, (b+1)/G); the two scans then walk to the exact answer,
    so the result does not depend on the guide being exact. For u < 1 the predicate cdf[j] > u is false
    then true along j (cdf is a cumulative sum ending in exactly 1.0), so this is numpy's binary search's
    answer."""
    V = cdf.shape[0]
    G = guide.shape[0]
    for i in range(u.shape[0]):
        x = u[i]
        b = int(x * G)
        if b >= G:
            b = G - 1
        elif b < 0:
            b = 0
        j = guide[b]
        while j > 0 and cdf[j - 1] > x:
            j -= 1
        while j < V and cdf[j] <= x:
            j += 1
        out[i] = j if j < V else V - 1


_MODEL_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _model_arrays(model) -> dict:
    """Per-model arrays built once: the Huffman tree padded to (V, L_max) and the noise guide table."""
    got = _MODEL_CACHE.get(model)
    if got is None:
        got = {}
        _MODEL_CACHE[model] = got
    return got


def _padded_tree(model):
    """Huffman codes/points of every word as (V, L_max) int64 arrays (root first) plus path lengths."""
    cache = _model_arrays(model)
    if "tree" not in cache:
        tree = model.tree
        V = len(tree.codes)
        lens = np.array([len(c) for c in tree.codes], np.int64)
        L = int(lens.max())
        codes = np.zeros((V, L), np.int64)
        points = np.zeros((V, L), np.int64)
        for w in range(V):
            codes[w, :lens[w]] = tree.codes[w]
            points[w, :lens[w]] = tree.points[w]
        cache["tree"] = (codes, points, lens)
    return cache["tree"]


def _noise_tables(model):
    """(cdf, guide): a writable copy of ``model.noise.cdf`` and guide[b] = searchsorted(cdf, b/G, 'right')."""
    cache = _model_arrays(model)
    if "noise" not in cache:
        cdf = np.array(model.noise.cdf, dtype=np.float64)
        G = len(cdf)
        guide = np.searchsorted(cdf, np.arange(G) / G, side="right").astype(np.int64)
        cache["noise"] = (cdf, guide)
    return cache["noise"]


def noise_draw(model, i, j) -> np.ndarray:
    """``model.noise.draw(model.config.seed, rng.NEGATIVES, i, j)``, same values (int64, broadcast shape):
    the same counter-based uniforms, then the compiled search instead of ``np.searchsorted``."""
    cdf, guide = _noise_tables(model)
    u = rng.uniform(model.config.seed, rng.NEGATIVES, i, j)
    out = np.empty(u.size, np.int64)
    _search_right(cdf, guide, np.ascontiguousarray(u).reshape(-1), out)
    return out.reshape(u.shape)


def _gather(stream, first: int, m: int):
    """The examples of global steps first .. first+m−1 as one CSR chunk (fresh, writable int64 arrays):
    in_ptr, in_ids, tgt_ptr, tgt_ids, lr_factor."""
    parts = []
    epoch, i = stream.locate(first)
    left = m
    while left > 0:
        plan = stream.epoch_plan(epoch)
        j = min(len(plan), i + left)
        if j > i:
            parts.append((plan, i, j))
            left -= j - i
        epoch += 1
        i = 0
    in_ptr = [np.zeros(1, np.int64)]
    tgt_ptr = [np.zeros(1, np.int64)]
    in_ids, tgt_ids, lrf = [], [], []
    n_in = n_tg = 0
    for plan, i, j in parts:
        ip = plan.in_ptr[i:j + 1]
        tp = plan.tgt_ptr[i:j + 1]
        in_ptr.append(ip[1:] - ip[0] + n_in)
        tgt_ptr.append(tp[1:] - tp[0] + n_tg)
        in_ids.append(plan.in_ids[ip[0]:ip[-1]])
        tgt_ids.append(plan.tgt_ids[tp[0]:tp[-1]])
        lrf.append(plan.lr_factor[i:j])
        n_in += int(ip[-1] - ip[0])
        n_tg += int(tp[-1] - tp[0])
    cat = np.concatenate
    return (cat(in_ptr).astype(np.int64), cat(in_ids).astype(np.int64), cat(tgt_ptr).astype(np.int64),
            cat(tgt_ids).astype(np.int64), cat(lrf).astype(np.float64))


def _chunk_negatives(model, first: int, tgt_ptr: np.ndarray) -> np.ndarray:
    """Negatives of every target of the chunk, flat: entry c·k + d is draw d of chunk target c, i.e.
    ``model.noise.draw(seed, NEGATIVES, step, j)`` with j = (target index within its step)·k + d — exactly
    what :meth:`Model.negatives` draws for that step (see :func:`noise_draw`)."""
    k = model.config.negative
    n_tg = np.diff(tgt_ptr)
    steps = np.repeat(np.arange(first, first + len(n_tg), dtype=np.int64), n_tg)
    within = np.arange(len(steps), dtype=np.int64) - np.repeat(tgt_ptr[:-1], n_tg)
    j = within[:, None] * k + np.arange(k, dtype=np.int64)[None, :]
    return noise_draw(model, steps[:, None], j).reshape(-1)


def fast_forward(model, params, first_step: int, n_steps: int, base_lr: float | None = None,
                 progress=None, cancel=None, chunk_steps: int = 20000) -> FastResult:
    """Run global steps ``first_step .. first_step + n_steps − 1`` (1-based) on ``params`` in place.

    Same per-example SGD as ``Model.compute`` + ``Model.apply`` for each step, without records.
    ``base_lr`` (None: ``model.config.lr``) times each example's lr_factor is η. Work goes in chunks of
    ``chunk_steps``; before each chunk ``cancel()`` (if given) is asked whether to stop, after each
    ``progress(done, n_steps)`` (if given) is called. W is updated in place as the steps run (through a
    copy if it is not a writable C-contiguous float64 array); W' is worked on as a contiguous transposed
    copy (V' × N) that is written back to ``params.W_out`` when the call returns — also on cancel, blow-up
    or an exception from a callback — so at return ``params`` is exactly the state after ``steps_done``
    steps. A step that would blow up is not applied: ``blowup_step`` names it.
    """
    cfg = model.config
    model.check_params(params)
    first_step, n_steps, chunk_steps = int(first_step), int(n_steps), int(chunk_steps)
    if first_step < 1:
        raise ValueError("steps are numbered from 1")
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")
    if chunk_steps < 1:
        raise ValueError("chunk_steps must be >= 1")
    base = float(cfg.lr if base_lr is None else base_lr)
    reference = cfg.mode == "reference"
    bound = float(BLOWUP_BOUND)
    losses = np.empty(n_steps)
    lrs = np.empty(n_steps)
    done = 0
    blowup = None
    cancelled = False
    W = params.W
    own_W = not (W.dtype == np.float64 and W.flags.c_contiguous and W.flags.writeable)
    if own_W:
        W = np.array(W, dtype=np.float64, order="C")
    Wo = np.array(params.W_out.T, dtype=np.float64, order="C")  # a copy, V' × N: row j = v'_j
    if cfg.output == "hs":
        codes, points, lens = _padded_tree(model)
    else:
        codes = points = np.zeros((1, 1), np.int64)
        lens = np.zeros(1, np.int64)
    try:
        while done < n_steps:
            if cancel is not None and cancel():
                cancelled = True
                break
            m = min(chunk_steps, n_steps - done)
            s0 = first_step + done
            in_ptr, in_ids, tgt_ptr, tgt_ids, lrf = _gather(model.stream, s0, m)
            lr = base * lrf
            out = losses[done:done + m]
            if cfg.output == "softmax":
                n_ok = _kernel_softmax(W, Wo, in_ptr, in_ids, tgt_ptr, tgt_ids, lr, reference, bound, out)
            else:
                max_tg = int(np.diff(tgt_ptr).max())
                if cfg.output == "hs":
                    negs = np.zeros(1, np.int64)
                    k = 0
                    max_terms = max_tg * int(lens.max())
                else:
                    negs = _chunk_negatives(model, s0, tgt_ptr)
                    k = cfg.negative
                    max_terms = max_tg * (k + 1)
                n_ok = _kernel_terms(W, Wo, in_ptr, in_ids, tgt_ptr, tgt_ids, lr, cfg.output == "hs",
                                     codes, points, lens, negs, k, reference, _TABLE, bound, out,
                                     max_terms)
            lrs[done:done + n_ok] = lr[:n_ok]
            done += int(n_ok)
            if n_ok < m:
                blowup = first_step + done
                break
            if progress is not None:
                progress(done, n_steps)
    finally:
        params.W_out[...] = Wo.T
        if own_W:
            params.W[...] = W
    return FastResult(done, losses[:done].copy(), lrs[:done].copy(), blowup, cancelled)


def compile_kernels() -> float:
    """Compile (or load from the disk cache) every kernel signature fast_forward uses; returns seconds."""
    import time

    from .config import Config
    from .model import Model

    t = time.perf_counter()
    text = "a b c a b d\nb c d a\n"
    for output in ("softmax", "hs", "ns"):
        m = Model.from_text(text, Config(output=output, hidden=2, window=1, negative=2))
        fast_forward(m, m.init_params(), 1, 2)
    return time.perf_counter() - t
