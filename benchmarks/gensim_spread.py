"""How close is what we learn to gensim, against gensim's own seed-to-seed spread?

    python benchmarks/gensim_spread.py [--output ns|hs] [--arch skipgram|cbow]

Reference mode on gensim's Lee corpus with identical tokens on both sides (gensim's simple_preprocess of
each line; settings of benchmarks/fastforward.py, 5 epochs). Gensim seeds 2-5 and our runs with seeds 1-3,
started like gensim (``--init gensim``: W uniform in ±1/N; for hs also gensim's Huffman tree), are each
compared with gensim seed 1: Pearson and Spearman correlation of the pairwise cosine similarities of the
200 most frequent words, and the mean overlap of top-10 neighbours. Our own Huffman tree is word2vec.c's
(reference mode follows it update by update), which gensim does not build: the last line shows hs with it.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

import benchmarks.fastforward as ff  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--output", default="ns", choices=["ns", "hs"])
ap.add_argument("--arch", default="skipgram", choices=["skipgram", "cbow"])
a = ap.parse_args()
text = ff.lee_tokens_text()
sentences = [line.split() for line in text.splitlines()]
gs = [ff.gensim_run(sentences, a.arch, a.output, 5, seed)[0] for seed in (1, 2, 3, 4, 5)]
g1 = gs[0]
g1v = (g1.wv.key_to_index, g1.wv.vectors)
model = None
for k, g in enumerate(gs[1:], start=2):
    if model is None:
        model, _, _ = ff.ours(text, a.arch, a.output, 5, 1, like_gensim=g1)
        order = np.argsort(-np.asarray(model.vocab.counts), kind="stable")
        top = [model.words[i] for i in order][: ff.TOP]
    c = ff.compare(top, g.wv.key_to_index, g.wv.vectors, *g1v)
    print(f"gensim seed {k} vs 1            ", ff.fmt_c(c))
for seed in (1, 2, 3):
    model, params, _ = ff.ours(text, a.arch, a.output, 5, seed, like_gensim=g1)
    c = ff.compare(top, {w: i for i, w in enumerate(model.words)}, params.W, *g1v)
    print(f"ours seed {seed} (gensim init) vs 1  ", ff.fmt_c(c))
if a.output == "hs":
    model, params, _ = ff.ours(text, a.arch, a.output, 5, 1)
    c = ff.compare(top, {w: i for i, w in enumerate(model.words)}, params.W, *g1v)
    print("ours seed 1, word2vec.c tree and init", ff.fmt_c(c))
