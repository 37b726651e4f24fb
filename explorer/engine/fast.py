"""Fast-forward: :func:`~explorer.engine.kernel.sgd_steps` over the examples, compiled, without records.

:func:`fast_forward` runs global steps ``first_step .. first_step + n_steps − 1`` on ``params`` in place and
gives exactly the parameters and losses of calling :meth:`~explorer.engine.model.Model.compute` and
:meth:`~explorer.engine.model.Model.apply` for every step — both call the same compiled step on the same
values: the same examples in the same order (the plans of :class:`~explorer.engine.examples.ExampleStream`,
a block of the corpus at a time), the same negatives (drawn inside the step: P_n's word at the
counter-based uniform (seed, ``rng.NEGATIVES``, step, c·k + d), what ``model.noise.draw`` gives), the same
η = base_lr × lr_factor.

This module also holds what the compiled step needs from a model (:func:`step_tables`: the Huffman paths
padded to a matrix, the noise table with its guide, the random key), built once per model.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np

from . import rng
from .kernel import BLOWUP_BOUND, HS, NS, OUTPUT_KIND, SOFTMAX, TABLE, _jit, fast_steps, search_right

__all__ = ["FastResult", "fast_forward", "noise_draw", "step_tables", "work_buffers"]


@dataclass
class FastResult:
    """What :func:`fast_forward` did."""

    steps_done: int  # steps actually applied (< n_steps if cancelled or blown up)
    losses: np.ndarray  # float64, E of each applied step (the record's loss)
    lrs: np.ndarray  # float64, η of each applied step
    blowup_step: int | None  # global 1-based step that would blow up (NOT applied), else None
    cancelled: bool


# =========================================================================================================
# per-model tables
@dataclass(frozen=True)
class StepTables:
    kind: int
    k: int
    codes: np.ndarray  # (V, L) Huffman codes, root first (hs), else (1, 1)
    points: np.ndarray  # (V, L) inner-node ids on each path
    lens: np.ndarray  # (V,) path lengths
    cdf: np.ndarray  # noise cdf (ns), else (1,)
    guide: np.ndarray  # guide[b] = searchsorted(cdf, b/G, 'right')
    key: np.uint64  # rng key of the NEGATIVES stream
    eval_key: np.uint64  # rng key of the EVAL_NEGATIVES stream
    max_terms: int  # terms (hs nodes or 1 + k samples) of one target, at most


_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def step_tables(model) -> StepTables:
    """The arrays :func:`sgd_steps` reads from ``model`` (built once per model)."""
    got = _TABLES.get(model)
    if got is not None:
        return got
    cfg = model.config
    kind = OUTPUT_KIND[cfg.output]
    codes = points = np.zeros((1, 1), np.int64)
    lens = np.zeros(1, np.int64)
    cdf = np.ones(1)
    guide = np.zeros(1, np.int64)
    max_terms = 1
    if kind == HS:
        tree = model.tree
        V = len(tree.codes)
        lens = np.array([len(c) for c in tree.codes], np.int64)
        L = int(lens.max())
        codes = np.zeros((V, L), np.int64)
        points = np.zeros((V, L), np.int64)
        for w in range(V):
            codes[w, : lens[w]] = tree.codes[w]
            points[w, : lens[w]] = tree.points[w]
        max_terms = L
    elif kind == NS:
        cdf = np.array(model.noise.cdf, dtype=np.float64)
        G = len(cdf)
        guide = np.searchsorted(cdf, np.arange(G) / G, side="right").astype(np.int64)
        max_terms = cfg.negative + 1
    got = StepTables(
        kind,
        int(cfg.negative),
        codes,
        points,
        lens,
        cdf,
        guide,
        rng.key(cfg.seed, rng.NEGATIVES),
        rng.key(cfg.seed, rng.EVAL_NEGATIVES),
        max_terms,
    )
    _TABLES[model] = got
    return got


def _noise_tables(model):
    """(cdf, guide) of the noise distribution (see :func:`step_tables`)."""
    t = step_tables(model)
    if t.kind != NS:
        cdf = np.array(model.noise.cdf, dtype=np.float64)
        G = len(cdf)
        return cdf, np.searchsorted(cdf, np.arange(G) / G, side="right").astype(np.int64)
    return t.cdf, t.guide


@_jit
def _search_right(cdf, guide, u, out):
    """out[i] = :func:`~explorer.engine.kernel.search_right` (cdf, guide, u[i])."""
    for i in range(u.shape[0]):
        out[i] = search_right(cdf, guide, u[i])


def noise_draw(model, i, j) -> np.ndarray:
    """``model.noise.draw(model.config.seed, rng.NEGATIVES, i, j)`` with the compiled search (int64)."""
    cdf, guide = _noise_tables(model)
    u = rng.uniform(model.config.seed, rng.NEGATIVES, i, j)
    out = np.empty(u.size, np.int64)
    _search_right(cdf, guide, np.ascontiguousarray(u).reshape(-1), out)
    return out.reshape(u.shape)


def work_buffers(V: int, n_out: int, N: int, max_cols: int):
    """The step's work arrays: h, EH (N); u, y, EI (V'); cnt (V); mark (V'); touched, esum, save."""
    return (
        np.empty(N),
        np.empty(N),
        np.empty(n_out),
        np.empty(n_out),
        np.empty(n_out),
        np.zeros(V, np.int64),
        np.full(n_out, -1, np.int64),
        np.empty(max_cols, np.int64),
        np.empty(max_cols),
        np.empty((max_cols, N)),
    )


_NO_I = np.zeros(1, np.int64)
_NO_F2 = np.zeros((1, 1))
_NO_REC = (False, _NO_I, _NO_F2, _NO_F2, _NO_F2, _NO_F2)


def run_steps(
    steps,
    tb: StepTables,
    W,
    Wo,
    examples,
    lrs,
    step0: int,
    reference: bool,
    losses,
    work,
    *,
    apply: bool = True,
    negs=None,
    eval_counter: bool = False,
    bound: float = BLOWUP_BOUND,
    rec=None,
):
    """Call ``steps`` (:func:`~explorer.engine.kernel.sgd_steps` or a specialisation of it) on the examples
    ``(in_ptr, in_ids, tgt_ptr, tgt_ids)`` with the model's tables ``tb`` — the one place its arguments are
    spelled out (recording, fast-forward and the loss call it through here). ``negs``: the negatives, else
    they are drawn inside (key ``tb.key``, or ``tb.eval_key`` with ``eval_counter``); ``rec``: the record
    buffers (tcol, tval, dout, din, erec). Returns what the kernel returns."""
    in_ptr, in_ids, tgt_ptr, tgt_ids = examples
    draw = negs is None
    return steps(
        W,
        Wo,
        in_ptr,
        in_ids,
        tgt_ptr,
        tgt_ids,
        lrs,
        step0,
        tb.kind,
        reference,
        apply,
        _NO_I if draw else negs,
        draw,
        eval_counter,
        tb.eval_key if eval_counter else tb.key,
        tb.k,
        tb.codes,
        tb.points,
        tb.lens,
        tb.cdf,
        tb.guide,
        TABLE,
        bound,
        losses,
        *work,
        *(_NO_REC if rec is None else (True, *rec)),
    )


# =========================================================================================================
def _parts(stream, first: int, m: int):
    """The examples of global steps first .. first+m−1 as slices (plan, i, j) of block plans, in order
    (across blocks and epochs): nothing is copied."""
    e, i = stream.locate(first)
    b, j = stream._find(e, i)
    while m > 0:
        if b >= stream.n_blocks:
            e, b, j = e + 1, 0, 0
            continue
        plan = stream.block_plan(e, b)
        k = min(len(plan), j + m)
        if k > j:
            yield plan, j, k
            m -= k - j
        b, j = b + 1, 0


def max_columns(tables: StepTables, n_out: int, max_targets: int) -> int:
    """Columns of W' one step can touch, at most."""
    return n_out if tables.kind == SOFTMAX else max(1, max_targets * tables.max_terms)


def fast_forward(
    model,
    params,
    first_step: int,
    n_steps: int,
    base_lr: float | None = None,
    progress=None,
    cancel=None,
    chunk_steps: int = 1 << 20,
    out=None,
) -> FastResult:
    """Run global steps ``first_step .. first_step + n_steps − 1`` (1-based) on ``params`` in place.

    ``base_lr`` (None: ``model.config.lr``) times each example's lr_factor is η. Work goes in chunks of
    ``chunk_steps``; before each chunk ``cancel()`` (if given) is asked
    whether to stop, after each ``progress(done, n_steps)`` (if given) is called. W is updated in place
    (through a copy if it is not a writable C-contiguous float64 array); W' is worked on as a contiguous
    transposed copy (V' × N) written back to ``params.W_out`` when the call returns — also on cancel,
    blow-up or an exception from a callback. A step that would blow up is not applied: ``blowup_step``
    names it. ``out`` = (losses, lrs): arrays of at least ``n_steps`` that receive E and η of the steps
    (the result's arrays are then views of them).
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
    tb = step_tables(model)
    if out is None:
        losses, lrs = np.empty(n_steps), np.empty(n_steps)
    else:  # the caller's arrays (at least n_steps long): E and η are written there, not copied
        losses, lrs = out
    done = 0
    blowup = None
    cancelled = False
    W = params.W
    own_W = not (W.dtype == np.float64 and W.flags.c_contiguous and W.flags.writeable)
    if own_W:
        W = np.array(W, dtype=np.float64, order="C")
    Wo = np.array(params.W_out.T, dtype=np.float64, order="C")  # a copy, V' × N: row j = v'_j
    stream = model.stream
    work = work_buffers(W.shape[0], Wo.shape[0], W.shape[1], max_columns(tb, Wo.shape[0], stream.max_targets))
    steps = fast_steps(tb.kind, reference)
    try:
        while done < n_steps:
            if cancel is not None and cancel():
                cancelled = True
                break
            s0 = first_step + done
            m = min(chunk_steps, n_steps - done)
            got = 0
            for plan, i, j in _parts(stream, s0, m):  # the kernel reads the plans' arrays in place
                d, n = done + got, j - i
                lr = np.multiply(plan.lr_factor[i:j], base, out=lrs[d : d + n])
                examples = (plan.in_ptr[i : j + 1], plan.in_ids, plan.tgt_ptr[i : j + 1], plan.tgt_ids)
                n_ok, _, _, _ = run_steps(
                    steps, tb, W, Wo, examples, lr, s0 + got, reference, losses[d : d + n], work
                )
                got += int(n_ok)
                if n_ok < n:
                    break
            done += got
            if got < m:
                blowup = first_step + done
                break
            if progress is not None:
                progress(done, n_steps)
    finally:
        params.W_out[...] = Wo.T
        if own_W:
            params.W[...] = W
    return FastResult(done, losses[:done], lrs[:done], blowup, cancelled)
