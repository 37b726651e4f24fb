"""A 40-line numpy word2vec (CBOW, full softmax, the paper's update) recorded as a trace to diff with ours.

    python main.py trace --preset royalty --steps 0 --save-weights init.npz   # our starting weights
    python examples/numpy_word2vec.py init.npz mine.jsonl                      # this loop, recorded
    python main.py trace --preset royalty --steps 20 -o ours.jsonl             # our first 20 steps
    python main.py diff ours.jsonl mine.jsonl                                  # the first difference + why

It contains one classic mistake on purpose (the line marked MISTAKE); ``--fixed`` runs it corrected.
"""

import sys

import numpy as np

from explorer.check.recorder import TraceRecorder
from explorer.engine.presets import preset_text

WINDOW, LR, STEPS = 2, 0.1, 20
init, out = sys.argv[1], sys.argv[2]
with np.load(init) as z:
    W, W_out, vocab = z["W_in"].copy(), z["W_out"].copy(), list(z["vocab"])
index = {w: i for i, w in enumerate(vocab)}
text = preset_text("royalty")  # the built-in corpus, as it ships inside the package
sentences = [
    [index[w] for w in line.lower().split()]
    for line in text.splitlines()
    if line.strip() and not line.startswith("#")
]
examples = []  # (context ids, centre id), in corpus order, every position with some context
for s in sentences:
    for i, centre in enumerate(s):
        ctx = [s[j] for j in range(i - WINDOW, i + WINDOW + 1) if j != i and 0 <= j < len(s)]
        if ctx:
            examples.append((ctx, centre))

rec = TraceRecorder(out, W, W_out, words=vocab, out_words=vocab)
for ctx, centre in examples[:STEPS]:
    h = W[ctx].mean(axis=0)  # h = (1/C) Σ_c v_c
    u = W_out.T @ h  # u_j = v'_jᵀ h
    y = np.exp(u - u.max())
    y /= y.sum()  # y = softmax(u)
    t = np.zeros(len(vocab))
    t[centre] = 1.0
    e = y - t  # e = y − t
    EH = W_out @ e  # EH = Σ_j e_j v'_j, with the old v'_j
    W_out -= LR * np.outer(h, e)  # v'_j ← v'_j − η e_j h
    share = 1.0 / len(ctx) if "--fixed" in sys.argv else 1.0  # MISTAKE: must be 1/C
    np.add.at(W, ctx, -LR * share * EH)  # v_c ← v_c − (1/C) η EH
    rec.record(h=h, loss=-np.log(y[centre]))
rec.close()
