"""How close is what we learn to gensim, against gensim's own seed-to-seed spread?

    python benchmarks/gensim_spread.py

Skip-gram with negative sampling in reference mode on gensim's Lee corpus (settings of
benchmarks/fastforward.py, 5 epochs). Gensim seeds 2-5 and our runs with seeds 1-3 (started like gensim:
W uniform in [-1/N, 1/N)) are each compared with gensim seed 1: Pearson and Spearman correlation of the
pairwise cosine similarities of the 200 most frequent words, and the mean overlap of top-10 neighbours.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

import benchmarks.fastforward as ff  # noqa: E402
from explorer.engine import Config, Model  # noqa: E402

text = ff.lee_text()
probe = Model.from_text(text, Config(epochs=5, **ff.SETTINGS), fmt="text")
sentences = [list(s) for s in probe.corpus.sentences]
gs = [ff.gensim_run(sentences, "skipgram", "ns", 5, seed)[0] for seed in (1, 2, 3, 4, 5)]
g1 = gs[0]
order = np.argsort(-np.asarray(probe.vocab.counts), kind="stable")
top = [probe.words[i] for i in order if probe.words[i] in g1.wv.key_to_index][:ff.TOP]
g1v = (g1.wv.key_to_index, g1.wv.vectors)
for k, g in enumerate(gs[1:], start=2):
    c = ff.compare(top, g.wv.key_to_index, g.wv.vectors, *g1v); print("gensim seed", k, "vs 1", {a: round(b, 3) for a, b in c.items()})
for seed in (1, 2, 3):
    model, params, _ = ff.ours(text, "skipgram", "ns", 5, seed, like_gensim=g1)
    c = ff.compare(top, {w: i for i, w in enumerate(model.words)}, params.W, *g1v); print("ours (gensim init) seed", seed, {a: round(b, 3) for a, b in c.items()})
