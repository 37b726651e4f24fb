"""A plain numpy word2vec step for every arch × output × mode, in the form ``check`` runs, with the
known mistakes switchable by ``MISTAKE`` (tests write a copy of this file with one set)."""

import numpy as np

MISTAKE = None
LR0 = 0.1  # the lr-schedule mistake: ignore the given (decayed) lr


def _nls(x):
    """−log σ(x)"""
    return float(np.logaddexp(0.0, -x))


def step(
    W,
    W_out,
    inputs,
    targets,
    lr,
    arch,
    output,
    mode,
    words,
    sigmoid,
    negatives=None,
    paths=None,
    codes=None,
    **ctx,
):
    m = MISTAKE
    if m == "lr-schedule":
        lr = LR0
    C = len(inputs)
    h = W[inputs].sum(axis=0) if m == "cbow-h-sum" else W[inputs].mean(axis=0)
    if output == "softmax":
        u = W_out.T @ h
        if m == "softmax-overflow":
            y = np.exp(u) / np.exp(u).sum()
        else:
            z = np.exp(u - u.max())
            y = z / z.sum()
        P = len(targets)
        t = np.zeros((P, len(u)))
        t[np.arange(P), targets] = 1.0
        e = y[None, :] - t
        if m == "e-sign":
            e = -e
        EI = e.sum(axis=0)
        if m == "skipgram-error-not-summed":
            EI = y - t.sum(axis=0)
        loss = P * (u.max() + np.log(np.exp(u - u.max()).sum())) - u[targets].sum()
        if m == "loss-only":
            loss = -u[targets].sum()
        EH = W_out @ EI
        W_out -= lr * np.outer(h, EI)
        if m == "eh-after-update":
            EH = W_out @ EI
    else:
        EH = np.zeros_like(h)
        loss = 0.0
        G = np.zeros(W_out.shape[1])
        terms = []
        for c, w in enumerate(targets):
            if output == "hs":
                ids = np.array(paths[c])
                t = np.array(codes[c], float) if m == "hs-code-flipped" else 1.0 - np.array(codes[c], float)
            else:
                ids = np.array([w] + list(negatives[c]))
                t = np.zeros(len(ids))
                t[0] = 1.0
            if mode == "reference":  # word2vec.c: one term after another
                for pos, (i, ti) in enumerate(zip(ids, t)):
                    if output == "ns" and pos > 0 and i == w and m != "ns-positive-as-negative":
                        continue
                    f = float(W_out[:, i] @ h)
                    loss += _nls(f if ti == 1.0 else -f)
                    if output == "hs":
                        if abs(f) >= 6:
                            continue
                        y = sigmoid(f)
                    else:
                        y = 1.0 if f > 6 else 0.0 if f < -6 else sigmoid(f)
                    e = ti - y if m == "e-sign" else y - ti
                    EH += e * W_out[:, i]
                    W_out[:, i] -= lr * e * h
                continue
            cols = W_out[:, ids]
            uu = cols.T @ h
            y = sigmoid(uu)
            e = y - t
            if m == "e-sign":
                e = -e
            loss += sum(_nls(x if ti == 1.0 else -x) for x, ti in zip(uu, t))
            EH += cols @ e
            terms.append((ids, e))
            if m == "skipgram-error-not-summed":  # only the last panel's errors reach W′
                G[:] = 0.0
            if m == "repeated-id-overwritten":
                G[ids] += e
            else:
                np.add.at(G, ids, e)
        if mode == "paper":
            W_out -= lr * np.outer(h, G)
            if m == "eh-after-update":
                EH = sum(W_out[:, ids] @ e for ids, e in terms)
    share = 1.0 / C if (mode == "paper" and m != "cbow-input-not-averaged") else 1.0
    rows = list(targets[:1]) if m == "wrong-input-row" else inputs
    if m == "repeated-id-overwritten":
        W[rows] -= lr * share * EH
    else:
        np.add.at(W, rows, -lr * share * EH)
    return {"h": h, "loss": loss}
