"""One SGD step, recorded: :func:`record_step` runs the compiled step
(:func:`explorer.engine.kernel.sgd_steps`, the one implementation of the equations — see its module for
them) with record buffers, reads what it computed into a :class:`~explorer.engine.record.StepRecord`, and
puts the parameters back, so computing a record changes nothing.

Because fast-forward calls the very same compiled step, applying a record's after-values gives exactly the
parameters fast-forward reaches.
"""

from __future__ import annotations

import numpy as np

from ..errors import BlowUpError
from .fast import max_columns, run_steps, step_tables, work_buffers
from .kernel import BLOWUP_BOUND, HS, SOFTMAX, T_E, T_SKIP, T_T, T_U, T_Y, sgd_steps, status_text
from .record import NodeTerm, StepRecord

__all__ = ["BLOWUP_BOUND", "record_step", "blowup_error"]


def blowup_error(step: int, lr: float, status: int) -> BlowUpError:
    """The error for a non-zero status of :func:`sgd_steps`."""
    name, how = status_text(status)
    if how == "overflowed":
        return BlowUpError(step, f"{name} overflowed", lr, f"(|{name}| > {BLOWUP_BOUND:.0e})")
    return BlowUpError(step, f"{name} is not finite", lr)


def _writable(a) -> bool:
    return a.dtype == np.float64 and a.flags.writeable


def record_step(model, params, ex, lr: float) -> StepRecord:
    """The record of example ``ex`` at ``params`` with learning rate η = ``lr`` (``params`` unchanged).

    Raises :class:`~explorer.errors.BlowUpError` when a quantity would be non-finite or past the bound.
    """
    c = model.config
    tb = step_tables(model)
    step = ex.step
    W = params.W if _writable(params.W) else np.array(params.W, dtype=np.float64)
    Wo = params.W_out.T if _writable(params.W_out) else np.array(params.W_out.T, dtype=np.float64)
    ins = np.ascontiguousarray(ex.inputs, dtype=np.int64)
    tgts = np.ascontiguousarray(ex.targets, dtype=np.int64)
    V, N = W.shape
    n_out = Wo.shape[0]
    P, C = len(tgts), len(ins)
    cols = max_columns(tb, n_out, P)
    h, EH, u, y, EI, cnt, mark, touched, esum, save = work_buffers(V, n_out, N, cols)
    n_terms = P * tb.max_terms if tb.kind != SOFTMAX else 1
    tcol = np.zeros(n_terms, np.int64)
    tval = np.zeros((n_terms, 5))
    dout = np.zeros((cols, N))
    din = np.zeros((C, N))
    erec = np.zeros((P, n_out) if tb.kind == SOFTMAX else (1, 1))
    in_ids, first = np.unique(ins, return_index=True)
    in_before = W[in_ids].copy()
    losses = np.zeros(1)
    _, status, nt, _ = run_steps(
        sgd_steps,
        tb,
        W,
        Wo,
        (np.array([0, C]), ins, np.array([0, P]), tgts),
        np.array([lr]),
        step,
        c.mode == "reference",
        losses,
        (h, EH, u, y, EI, cnt, mark, touched, esum, save),
        rec=(tcol, tval, dout, din, erec),
    )
    loss = losses[0]
    if status:
        raise blowup_error(step, lr, status)
    # read the step's results, then put the parameters back
    if tb.kind == SOFTMAX:
        out_ids = np.arange(n_out)
        order = out_ids
    else:
        order = np.argsort(touched[:nt], kind="stable")
        out_ids = touched[:nt][order]
    out_before = save[:nt][order]
    out_delta = dout[:nt][order]
    out_after = Wo[out_ids].copy()
    in_after = W[in_ids].copy()
    in_delta = din[first]
    Wo[out_ids] = out_before
    W[in_ids] = in_before
    words = model.words
    rec: dict = dict(u=None, y=None, t=None, e=None, EI=None, paths=None, samples=None)
    if tb.kind == SOFTMAX:
        t = np.zeros((P, n_out))
        t[np.arange(P), tgts] = 1.0
        e = erec
        if P == 1 and c.arch != "skipgram":
            t, e = t[0], e[0]
        rec.update(
            u=u.copy(), y=y.copy(), t=t, e=e, EI=EI.copy() if (c.arch == "skipgram" or P > 1) else None
        )
    else:
        terms, q = [], 0
        for w in tgts:
            L = int(tb.lens[w]) if tb.kind == HS else tb.k + 1
            one = []
            for i in range(L):
                j = int(tcol[q])
                uv, yv, tv, ev, sk = (float(x) for x in tval[q, (T_U, T_Y, T_T, T_E, T_SKIP)])
                if tb.kind == HS:
                    one.append(NodeTerm(j, f"n{j}", uv, yv, tv, ev, int(tb.codes[w, i]), skipped=sk == 1.0))
                else:
                    one.append(NodeTerm(j, words[j], uv, yv, tv, ev, skipped=sk == 1.0))
                q += 1
            terms.append(tuple(one))
        rec["paths" if tb.kind == HS else "samples"] = tuple(terms)
    return StepRecord(
        step=step,
        epoch=ex.epoch,
        arch=c.arch,
        output=c.output,
        mode=c.mode,
        inputs=tuple(words[i] for i in ins),
        input_ids=tuple(int(i) for i in ins),
        targets=tuple(words[i] for i in tgts),
        target_ids=tuple(int(i) for i in tgts),
        h=h.copy(),
        lr=lr,
        loss=float(loss),
        EH=EH.copy(),
        out_ids=out_ids,
        out_before=out_before,
        out_delta=out_delta,
        out_after=out_after,
        in_ids=in_ids,
        in_before=in_before,
        in_delta=in_delta,
        in_after=in_after,
        out_words=tuple(model.out_label(int(j)) for j in out_ids),
        in_words=tuple(words[int(i)] for i in in_ids),
        span=ex.span,
        **rec,
    )
