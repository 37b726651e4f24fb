"""The SGD step, once: compiled, used to record a step and to fast-forward.

:func:`sgd_steps` is the only implementation of the step's equations. :meth:`Model.compute
<explorer.engine.model.Model.compute>` calls it with record buffers (it fills the terms, the deltas, the
softmax errors) and puts the parameters back afterwards; :func:`explorer.engine.fast.fast_forward` calls it
step after step without them; the training-set loss calls it with ``apply`` off. The same compiled code on
the same values gives the same bits, so stepping K times and fast-forwarding K steps agree exactly.

Names follow the paper: W (V×N, rows v_w), W' (here passed transposed as ``Wo``, V'×N, row j = v'_j),
h, u, y, t, e, EI, EH, η.

Input side (every output layer)::

    h = (1/C) Σ_c v_{w_c}                                  (C input words; rows added in order, then / C)
    paper:      v_w ← v_w − η · (n_w / C) · EH             (n_w = times w is an input of the example)
    reference:  v_w ← v_w − η · n_w · EH                   (word2vec.c: every context word gets the full EH)

Full softmax (both modes; P output panels, one per target j*_c)::

    u_j = v'_jᵀh,  y_j = exp(u_j) / Σ_j' exp(u_j'),  e_{c,j} = y_j − t_{c,j},  EI_j = Σ_c e_{c,j}
    E = P · log Σ_j' exp(u_j') − Σ_c u_{j*_c},  EH = Σ_j EI_j v'_j (old v'_j),  v'_j ← v'_j − η · EI_j · h

Hierarchical softmax and negative sampling share one loop over *terms* (column j of W', label t)::

    hs: the inner nodes n on the target's Huffman path, root first, t = 1 − code (1: the path goes left)
    ns: the target word (t = 1), then k negatives drawn from P_n (t = 0)
    u = v'_jᵀh,  y = σ(u),  e = y − t,  E = Σ −log σ(⟦t = 1⟧ · u)   (⟦x⟧ = +1 if true, −1 if not)
    paper:     every u, e from the old W';  EH = Σ e · v'_j;  v'_j ← v'_j − η · (Σ of e over j's terms) · h
    reference: terms one after another, each seeing the columns updated so far (word2vec.c):
               y from the σ table; hs skips a node with |u| ≥ 6, ns uses y = 1 above 6 and 0 below −6,
               ns skips a negative equal to the target;  EH += e · v'_j;  v'_j ← v'_j − η · e · h

A step whose h, u, E, EH or any updated vector would be non-finite or past :data:`BLOWUP_BOUND` in
magnitude is not applied (columns reference mode already changed are put back); the step returns a
status naming the quantity (:func:`status_text`).

Kernels are numba ``@njit`` functions in float64 without fastmath; dot products are sequential sums. They
are compiled once per machine and cached on disk (``cache=True``; in memory when no cache directory is
writable) and release the GIL.
"""

from __future__ import annotations

import math

import numpy as np

from .jit import _jit, _jit_inline, _prefetch_row

# counter-based uniforms: explorer.engine.rng's constants, in uint64 arithmetic that wraps
from .rng import _GOLDEN, _K_I, _K_J, _M1, _M2, _S11, _S27, _S30, _S31, _TO_UNIT
from .sigmoid import _SCALE, MAX_EXP, SIGMOID_TABLE

#: A magnitude past this in h, u, EH or any updated vector is treated as a numeric blow-up.
BLOWUP_BOUND = 1e150

SOFTMAX, HS, NS = 0, 1, 2
OUTPUT_KIND = {"softmax": SOFTMAX, "hs": HS, "ns": NS}
#: quantities a status names: status = 2·q + 1 (not finite) or 2·q + 2 (overflowed); 0 is success
QUANTITIES = ("h", "u", "E", "EH", "W'", "W")
Q_H, Q_U, Q_E, Q_EH, Q_WO, Q_W = range(6)
#: columns of a recorded term (``tval``)
T_U, T_Y, T_T, T_E, T_SKIP = range(5)


TABLE = np.array(SIGMOID_TABLE, dtype=np.float64)  # writable copy: one numba type for every call
_MAX_EXP = float(MAX_EXP)
_TSCALE = float(_SCALE)  # 83.0: word2vec.c's EXP_TABLE_SIZE / MAX_EXP / 2 in integer arithmetic


def status_text(status: int) -> tuple[str, str]:
    """(quantity, how) of a non-zero status: how is ``"is not finite"`` or ``"overflowed"``."""
    q, kind = divmod(status - 1, 2)
    return QUANTITIES[q], ("is not finite" if kind == 0 else "overflowed")


# =========================================================================================================
# scalar helpers (inlined by LLVM)
@_jit
def _status(q, x):
    """The status for quantity q whose value x failed :func:`_bad`."""
    return 2 * q + (1 if not math.isfinite(x) else 2)


@_jit
def _bad(x, bound):
    """True when x is NaN, ±inf or |x| > bound."""
    return not (abs(x) <= bound)


@_jit
def sigmoid(x):
    """σ(x) = 1 / (1 + e^{−x}), computed without overflow for x < 0."""
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@_jit
def table_sigmoid(f, table):
    """word2vec.c's σ lookup, table[int((f + 6) · 83)], for −6 ≤ f ≤ 6."""
    return table[int((f + _MAX_EXP) * _TSCALE)]


@_jit
def _mix(z):
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@_jit
def row_key(key, i):
    """The part of :func:`explorer.engine.rng.uniform` that depends on the counter's first index i only
    (``key`` = mix(seed·φ + stream·K))."""
    return _mix(key + np.uint64(i) * _K_I)


@_jit
def uniform(zi, j):
    """:func:`explorer.engine.rng.uniform` at counter (i, j), from ``zi`` = :func:`row_key` (key, i)."""
    z = _mix(zi ^ (np.uint64(j) * _K_J + _GOLDEN))
    return float(np.int64(z >> _S11)) * _TO_UNIT  # < 2**53: the signed conversion is exact


@_jit
def search_right(cdf, guide, x):
    """min(searchsorted(cdf, x, side='right'), V − 1): the first j with cdf[j] > x, starting from the
    guide table's entry for x and walking to the exact answer (so the guide need not be exact)."""
    V = cdf.shape[0]
    G = guide.shape[0]
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
    return j if j < V else V - 1


@_jit_inline
def _dot(Wo, j, h):
    """u = v'_jᵀh = Σ_k v'_jk h_k, summed in a fixed order: four running sums over k mod 4 (so the
    processor overlaps them), added as (s0 + s1) + (s2 + s3), then the last N mod 4 terms in order."""
    N = h.shape[0]
    s0 = s1 = s2 = s3 = 0.0
    n4 = N - N % 4
    for k in range(0, n4, 4):
        s0 += Wo[j, k] * h[k]
        s1 += Wo[j, k + 1] * h[k + 1]
        s2 += Wo[j, k + 2] * h[k + 2]
        s3 += Wo[j, k + 3] * h[k + 3]
    s = (s0 + s1) + (s2 + s3)
    for k in range(n4, N):
        s += Wo[j, k] * h[k]
    return s


@_jit
def _any_bad(v, bound):
    """True when an element of v is NaN, ±inf or past ``bound`` (counted without branches, so the loop
    vectorises)."""
    n = 0
    for k in range(v.shape[0]):
        n += 0 if abs(v[k]) <= bound else 1
    return n > 0


@_jit
def _first_bad(v, bound):
    """The first element of v that :func:`_bad` rejects (0.0 if none)."""
    for k in range(v.shape[0]):
        if _bad(v[k], bound):
            return v[k]
    return 0.0


@_jit
def _restore(Wo, touched, save, nt):
    """Put back the columns changed in place (reference mode) before the step turned out to blow up."""
    for q in range(nt):
        j = touched[q]
        for k in range(Wo.shape[1]):
            Wo[j, k] = save[q, k]


@_jit_inline
def _unmark(mark, touched, nt):
    for q in range(nt):
        mark[touched[q]] = -1


# =========================================================================================================
# the step
def _make_steps(KIND=-1, REF=-1, REC=-1, APPLY=-1, DRAW=-1, EVAL=-1):
    """:func:`sgd_steps`, compiled with the flags given here fixed (kind; reference, rec, apply, draw,
    eval_counter as 0/1; −1 leaves one to the caller). A specialisation runs the same operations on the same
    values in the same order (float64 without fastmath), so it gives the same bits; it only drops branches."""

    def sgd_steps(
        W,
        Wo,
        in_ptr,
        in_ids,
        tgt_ptr,
        tgt_ids,
        lrs,
        step0,
        kind,
        reference,
        apply,
        negs,
        draw,
        eval_counter,
        key,
        k,
        codes,
        points,
        lens,
        cdf,
        guide,
        table,
        bound,
        losses,
        h,
        EH,
        u,
        y,
        EI,
        cnt,
        mark,
        touched,
        esum,
        save,
        rec,
        tcol,
        tval,
        dout,
        din,
        erec,
    ):
        """SGD steps s = 0..M−1 on ``W`` and ``Wo`` (= W'ᵀ) in place, one example each; E of step s goes to
        ``losses[s]``. Returns (steps done, status, touched columns, terms) — the last two of the last step.
        A step with status ≠ 0 is not applied and ends the call; with ``apply`` off nothing is written at all
        (E only).

        Example s: inputs ``in_ids[in_ptr[s]:in_ptr[s+1]]`` (C words), targets ``tgt_ids[tgt_ptr[s]:…]`` (P
        words), η = ``lrs[s]``. ``kind`` is SOFTMAX, HS or NS; ``reference`` selects word2vec.c's sequential
        terms. Negative d of target c is ``negs[c·k + d]`` when ``draw`` is off, else P_n's word (``cdf``,
        ``guide``) at the uniform (key, step0 + s, c·k + d) — or (key, tgt_ptr[s] + c, d) with
        ``eval_counter``. ``codes``/``points``/``lens``: the Huffman paths padded to (V, L). Work arrays:
        ``h``, ``EH`` (N); ``u``, ``y``, ``EI`` (V'); ``cnt`` (V, zeros); ``mark`` (V', −1s); ``touched``,
        ``esum``, ``save`` (the columns one step touches).

        With ``rec`` on (one example), the step also fills: ``save`` (before-values of the touched columns, in
        ``touched`` order), ``dout`` (their deltas: summed over the updates in reference mode), ``din[p]``
        (the delta of input p at its first occurrence), ``tcol``/``tval`` (each term's column and u, y, t, e,
        skipped) and, for the softmax, ``erec`` (e per panel).
        """
        # a specialisation's fixed flags (−1: given at run time) are constants LLVM folds away
        kind = kind if KIND < 0 else KIND
        reference = reference if REF < 0 else REF == 1
        rec = rec if REC < 0 else REC == 1
        apply = apply if APPLY < 0 else APPLY == 1
        draw = draw if DRAW < 0 else DRAW == 1
        eval_counter = eval_counter if EVAL < 0 else EVAL == 1
        N = h.shape[0]
        nt = 0
        nterm = 0
        cols = np.empty(k + 1 if kind == NS else 1, np.int64)  # the columns of one target's terms (ns)
        for s in range(lrs.shape[0]):
            a = in_ptr[s]
            C = in_ptr[s + 1] - a
            t0 = tgt_ptr[s]
            P = tgt_ptr[s + 1] - t0
            lr = lrs[s]
            if eval_counter:  # negatives of the training-set loss: counter (plan target index, d)
                ni = t0
                ci = 1
                cj = 0
            else:  # negatives of a step: counter (step, c·k + d)
                ni = step0 + s
                ci = 0
                cj = k
            # h = (1/C) Σ_c v_{w_c}
            r = in_ids[a + 0]
            for kk in range(N):
                h[kk] = W[r, kk]
            for p in range(1, C):
                r = in_ids[a + p]
                for kk in range(N):
                    h[kk] += W[r, kk]
            if C > 1:
                for kk in range(N):
                    h[kk] = h[kk] / C
            if _any_bad(h, bound):
                return s, _status(Q_H, _first_bad(h, bound)), 0, 0
            for kk in range(N):
                EH[kk] = 0.0
            loss = 0.0
            nt = 0
            nterm = 0
            if kind == SOFTMAX:
                V = Wo.shape[0]
                m = -np.inf
                for j in range(V):
                    uj = _dot(Wo, j, h)
                    if _bad(uj, bound):
                        return s, _status(Q_U, uj), 0, 0
                    u[j] = uj
                    if uj > m:
                        m = uj
                Z = 0.0
                for j in range(V):
                    y[j] = math.exp(u[j] - m)
                    Z += y[j]
                for j in range(V):
                    y[j] = y[j] / Z
                # EI_j = Σ_c e_{c,j}, e_{c,j} = y_j − t_{c,j}, panels in order
                usum = 0.0
                for c in range(P):
                    tc = tgt_ids[t0 + c]
                    usum += u[tc]
                    for j in range(V):
                        ecj = y[j] - 1.0 if j == tc else y[j]
                        if c == 0:
                            EI[j] = ecj
                        else:
                            EI[j] += ecj
                        if rec:
                            erec[c, j] = ecj
                loss = P * (m + math.log(Z)) - usum
                if _bad(loss, bound):
                    return s, _status(Q_E, loss), 0, 0
                if not apply:
                    losses[s] = loss
                    continue
                # EH = Σ_j EI_j v'_j with the old v'_j
                for j in range(V):
                    ej = EI[j]
                    for kk in range(N):
                        EH[kk] += ej * Wo[j, kk]
                if _any_bad(EH, bound):
                    return s, _status(Q_EH, _first_bad(EH, bound)), 0, 0
                for j in range(V):
                    g = -lr * EI[j]
                    for kk in range(N):
                        x = Wo[j, kk] + g * h[kk]
                        if _bad(x, bound):
                            return s, _status(Q_WO, x), 0, 0
                nt = V
            else:
                hint = False  # reference: a written value of W' was bad (checked again at the end)
                # E = Σ −log σ(x), x = ⟦t = 1⟧·u, summed as Σ max(−x, 0) + log Π (1 + z) with z = e^{−|u|}:
                # one exp per term and one log1p per step; zp = Π (1 + z) − 1 is kept as zp ← zp + z + zp·z
                zp = 0.0
                for c in range(P):
                    w = tgt_ids[t0 + c]
                    L = lens[w] if kind == HS else k + 1
                    zi = row_key(key, ni + c * ci)
                    # the target's columns first, and the cache asked for their rows: the draws (two
                    # table look-ups each) and the rows' loads then overlap instead of waiting in turn
                    if kind == HS:
                        for q in range(L):
                            _prefetch_row(Wo, points[w, q])
                    else:
                        _prefetch_row(Wo, w)
                        for q in range(1, L):
                            if draw:
                                jn = search_right(cdf, guide, uniform(zi, c * cj + q - 1))
                            else:
                                jn = negs[c * k + q - 1]
                            cols[q] = jn
                            _prefetch_row(Wo, jn)
                    for q in range(L):
                        # the term: column j of W' and its label t
                        if kind == HS:
                            j = points[w, q]
                            t = 1.0 - codes[w, q]
                        elif q == 0:
                            j = w
                            t = 1.0
                        else:
                            j = cols[q]  # negative q − 1: drawn above
                            t = 0.0
                        if rec:
                            tcol[nterm] = j
                            tval[nterm, T_T] = t
                            tval[nterm, T_SKIP] = 0.0
                        if reference and kind == NS and q > 0 and j == w:  # word2vec.c skips it
                            if rec:
                                tval[nterm, T_U] = 0.0
                                tval[nterm, T_Y] = 0.0
                                tval[nterm, T_E] = 0.0
                                tval[nterm, T_SKIP] = 1.0
                            nterm += 1
                            continue
                        f = _dot(Wo, j, h)
                        if _bad(f, bound):
                            if reference:
                                _restore(Wo, touched, save, nt)
                            _unmark(mark, touched, nt)
                            return s, _status(Q_U, f), 0, nterm
                        z = math.exp(-abs(f))
                        zp = zp + z + zp * z
                        x_ = f if t == 1.0 else -f
                        loss += -x_ if x_ < 0.0 else 0.0  # max(−x, 0), without a branch
                        skip = False
                        if not reference:
                            yv = 1.0 / (1.0 + z) if f >= 0.0 else z / (1.0 + z)  # σ(u), as sigmoid(u)
                        elif kind == HS:
                            if f <= -_MAX_EXP or f >= _MAX_EXP:
                                skip = True  # y (recorded only) = σ(u) from the same z, as sigmoid(u)
                                yv = 1.0 / (1.0 + z) if f >= 0.0 else z / (1.0 + z)
                            else:
                                yv = table_sigmoid(f, table)
                        elif f > _MAX_EXP:
                            yv = 1.0
                        elif f < -_MAX_EXP:
                            yv = 0.0
                        else:
                            yv = table_sigmoid(f, table)
                        e = 0.0 if skip else yv - t
                        if rec:
                            tval[nterm, T_U] = f
                            tval[nterm, T_Y] = yv
                            tval[nterm, T_E] = e
                            tval[nterm, T_SKIP] = 1.0 if skip else 0.0
                        nterm += 1
                        if skip or not apply:
                            continue
                        slot = mark[j]
                        first = slot < 0
                        if first:  # the column's first change in this step: its before-value is saved
                            slot = nt
                            mark[j] = nt
                            touched[nt] = j
                            esum[nt] = 0.0
                            if rec:
                                for kk in range(N):
                                    dout[nt, kk] = 0.0
                                if not reference:
                                    for kk in range(N):
                                        save[nt, kk] = Wo[j, kk]
                            nt += 1
                        if reference:
                            g = -lr * e
                            nbad = 0
                            if first:  # the save shares the loop's reads of v'_j
                                for kk in range(N):
                                    cj_ = Wo[j, kk]
                                    save[slot, kk] = cj_
                                    EH[kk] += e * cj_
                                    nv = cj_ + g * h[kk]
                                    Wo[j, kk] = nv
                                    nbad += 0 if abs(nv) <= bound else 1
                            else:
                                for kk in range(N):
                                    cj_ = Wo[j, kk]
                                    EH[kk] += e * cj_
                                    nv = cj_ + g * h[kk]
                                    Wo[j, kk] = nv
                                    nbad += 0 if abs(nv) <= bound else 1
                            if rec:
                                for kk in range(N):
                                    dout[slot, kk] += g * h[kk]
                            if nbad:
                                hint = True
                        else:
                            for kk in range(N):
                                EH[kk] += e * Wo[j, kk]
                            esum[slot] += e
                loss += math.log1p(zp)
                if not apply:
                    losses[s] = loss
                    continue
                status = 0
                if _bad(loss, bound):
                    status = _status(Q_E, loss)
                if status == 0 and _any_bad(EH, bound):
                    status = _status(Q_EH, _first_bad(EH, bound))
                if status == 0 and (hint or not reference):
                    for q in range(nt):
                        j = touched[q]
                        g = -lr * esum[q]
                        for kk in range(N):
                            x = Wo[j, kk] if reference else Wo[j, kk] + g * h[kk]
                            if _bad(x, bound):
                                status = _status(Q_WO, x)
                                break
                        if status != 0:
                            break
                if status != 0:
                    if reference:
                        _restore(Wo, touched, save, nt)
                    _unmark(mark, touched, nt)
                    return s, status, 0, nterm
            # the input update: count each input word (n_w), check every v_w − η · share · EH, then apply
            for p in range(C):
                cnt[in_ids[a + p]] += 1
            for p in range(C):
                wi = in_ids[a + p]
                coef = -lr * float(cnt[wi]) if reference else -lr * (cnt[wi] / C)
                nb = 0
                for kk in range(N):
                    nb += 0 if abs(W[wi, kk] + coef * EH[kk]) <= bound else 1
                if nb:
                    for kk in range(N):
                        x = W[wi, kk] + coef * EH[kk]
                        if _bad(x, bound):
                            break
                    for p2 in range(C):
                        cnt[in_ids[a + p2]] = 0
                    if kind != SOFTMAX:
                        if reference:
                            _restore(Wo, touched, save, nt)
                        _unmark(mark, touched, nt)
                    return s, _status(Q_W, x), 0, nterm
            # apply: W' (paper mode and softmax; reference hs/ns columns are already written), then W
            if kind == SOFTMAX:
                for j in range(nt):
                    g = -lr * EI[j]
                    for kk in range(N):
                        if rec:
                            save[j, kk] = Wo[j, kk]
                        dv = g * h[kk]
                        if rec:
                            dout[j, kk] = dv
                        Wo[j, kk] = Wo[j, kk] + dv
            else:
                if not reference:
                    for q in range(nt):
                        j = touched[q]
                        g = -lr * esum[q]
                        for kk in range(N):
                            dv = g * h[kk]
                            if rec:
                                dout[q, kk] = dv
                            Wo[j, kk] = Wo[j, kk] + dv
                _unmark(mark, touched, nt)
            for p in range(C):
                wi = in_ids[a + p]
                n = cnt[wi]
                if n == 0:
                    continue
                coef = -lr * float(n) if reference else -lr * (n / C)
                for kk in range(N):
                    dv = coef * EH[kk]
                    if rec:
                        din[p, kk] = dv
                    W[wi, kk] = W[wi, kk] + dv
                cnt[wi] = 0
            losses[s] = loss
        return lrs.shape[0], 0, nt, nterm

    return _jit(sgd_steps)


sgd_steps = _make_steps()
_FAST: dict = {}


def fast_steps(kind: int, reference: bool):
    """:func:`sgd_steps` specialised for fast-forward (apply on, no records, negatives drawn inside)."""
    key = (int(kind), bool(reference))
    fn = _FAST.get(key)
    if fn is None:
        fn = _FAST[key] = _make_steps(key[0], int(key[1]), 0, 1, 1, 0)
    return fn
