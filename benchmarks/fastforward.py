"""Training speed and memory against gensim's single-worker word2vec, printed as ratios (gensim time / ours:
above 1.0 we are faster).

    python benchmarks/fastforward.py [--repeat 2] [--big-mb 50] [--no-big] [--json]

Corpus: gensim's Lee background corpus, tokenised once by gensim's ``simple_preprocess`` (each line's
tokens joined by spaces), so both sides see identical tokens and vocabularies. Settings: reference mode,
N = 50, window 5, negative 5 (ns) or hs, min_count 5, sample 1e-3, α₀ = 0.025, 10 epochs.

Figures (each side timed ``--repeat`` times, ours and gensim alternated, the best kept; every run is
printed when the machine is shared):

1. end to end, a whole process each: ``python main.py train … --epochs 10 --export-vectors FILE`` against
   a process that imports gensim, builds ``Word2Vec(LineSentence(FILE), workers=1, …)`` and saves the
   vectors in the word2vec text format; wall time and CPU time (user + system: what the process itself
   spent, less disturbed by other work on a shared machine);
2. kernel only, in this process: our ``fast_forward`` over the 10 epochs (planning included) against
   gensim's ``Word2Vec.train`` (vocabulary built beforehand), CPU time of the process;
3. what it learns: agreement with gensim seed 1 (Pearson / Spearman of the pairwise cosine similarities
   of the 200 most frequent words, mean top-10 neighbour overlap), for ours started like gensim (W uniform
   in ±1/N) and gensim seed 2; hs differs because gensim builds another Huffman tree than word2vec.c;
4. a large corpus (``--big-mb`` MB of the Lee lines repeated): ``train`` 1 epoch end to end against
   gensim (time and peak RSS of each process, from ``/usr/bin/time``), ``trace --steps 1`` and the
   time of ``Session(...)`` (what the app does when it opens the corpus).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.engine import Config, Model  # noqa: E402
from explorer.engine.fast import fast_forward  # noqa: E402
from explorer.engine.model import compile_kernels  # noqa: E402

COMBOS = [("skipgram", "ns"), ("skipgram", "hs"), ("cbow", "ns"), ("cbow", "hs")]
SETTINGS = dict(mode="reference", hidden=50, window=5, negative=5, min_count=5, sample=1e-3, lr=0.025)
EPOCHS = 10
TOP = 200
NEIGHBOURS = 10

GENSIM_SCRIPT = """
import sys
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence
corpus, sg, hs, epochs, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
m = Word2Vec(LineSentence(corpus), sg=sg, hs=hs, negative=0 if hs else 5, vector_size=50, window=5,
             min_count=5, sample=1e-3, alpha=0.025, workers=1, epochs=epochs, seed=1)
m.wv.save_word2vec_format(out)
"""


def lee_tokens_text() -> str:
    """Lee's lines as gensim's simple_preprocess tokens joined by spaces (empty lines dropped)."""
    from gensim.test.utils import datapath
    from gensim.utils import simple_preprocess

    with open(datapath("lee_background.cor"), encoding="utf-8") as f:
        lines = [" ".join(simple_preprocess(line)) for line in f]
    return "\n".join(line for line in lines if line) + "\n"


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB, CPU seconds = user + system) of a process, from /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        r = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M %U %S", "-o", tf.name, *cmd],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            raise RuntimeError(f"{cmd[:4]} failed: {r.stderr[-800:]}")
        wall, kb, user, system = tf.read().split()[-4:]
    return float(wall), float(kb) / 1024, float(user) + float(system)


def ours_cmd(corpus: str, arch: str, output: str, epochs: int, out: str) -> list[str]:
    s = SETTINGS
    return [
        sys.executable,
        "main.py",
        "train",
        "--corpus",
        corpus,
        "--format",
        "text",
        "--arch",
        arch,
        "--output",
        output,
        "--mode",
        s["mode"],
        "--hidden",
        str(s["hidden"]),
        "--window",
        str(s["window"]),
        "--negative",
        str(s["negative"]),
        "--min-count",
        str(s["min_count"]),
        "--sample",
        str(s["sample"]),
        "--lr",
        str(s["lr"]),
        "--epochs",
        str(epochs),
        "--export-vectors",
        out,
        "-q",
    ]


def gensim_cmd(corpus: str, arch: str, output: str, epochs: int, out: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        GENSIM_SCRIPT,
        corpus,
        str(int(arch == "skipgram")),
        str(int(output == "hs")),
        str(epochs),
        out,
    ]


def ours(text: str, arch: str, output: str, epochs: int, seed: int, like_gensim=None):
    """Fresh model; CPU time of planning + fast-forward of every step of ``epochs``.

    ``like_gensim`` (a trained gensim model): W uniform in ±1/N as gensim draws it (``--init gensim``) and,
    for hs, gensim's Huffman tree (it breaks count ties the other way round from word2vec.c)."""
    model = Model.from_text(
        text, Config(arch=arch, output=output, epochs=epochs, seed=seed, **SETTINGS), fmt="text"
    )
    params = model.init_params()
    if like_gensim is not None:
        params.W *= 2.0
        if output == "hs":
            wv = like_gensim.wv
            model.__dict__["tree"] = SimpleNamespace(
                codes=tuple(np.asarray(wv.get_vecattr(w, "code"), np.uint8) for w in model.words),
                points=tuple(np.asarray(wv.get_vecattr(w, "point"), np.int64) for w in model.words),
            )
    t = time.process_time()
    n = model.stream.epoch_start(epochs)
    res = fast_forward(model, params, 1, n)
    el = time.process_time() - t
    assert res.steps_done == n and res.blowup_step is None
    return model, params, dict(steps=n, seconds=el, words=model.stream.total_words * epochs)


def gensim_run(sentences, arch: str, output: str, epochs: int, seed: int):
    """gensim Word2Vec(workers=1): CPU time of ``train`` only."""
    from gensim.models import Word2Vec

    g = Word2Vec(
        sg=1 if arch == "skipgram" else 0,
        hs=1 if output == "hs" else 0,
        negative=5 if output == "ns" else 0,
        vector_size=50,
        window=5,
        min_count=5,
        sample=1e-3,
        workers=1,
        epochs=epochs,
        seed=seed,
    )
    g.build_vocab(sentences)
    t = time.process_time()
    g.train(sentences, total_examples=g.corpus_count, epochs=epochs)
    el = time.process_time() - t
    words = sum(g.wv.get_vecattr(w, "count") for w in g.wv.index_to_key) * epochs
    return g, dict(seconds=el, words=words)


def unit_rows(M):
    return M / np.maximum(np.linalg.norm(M, axis=1, keepdims=True), 1e-300)


def compare(words, vocab_a: dict, A: np.ndarray, vocab_b: dict, B: np.ndarray) -> dict:
    """Agreement of two embeddings on ``words``: cosine-similarity correlations and top-10 overlap."""
    from scipy.stats import pearsonr, spearmanr

    ia = np.array([vocab_a[w] for w in words])
    ib = np.array([vocab_b[w] for w in words])
    Ua, Ub = unit_rows(A), unit_rows(B)
    Sa, Sb = Ua[ia] @ Ua[ia].T, Ub[ib] @ Ub[ib].T
    iu = np.triu_indices(len(words), 1)
    shared = [w for w in vocab_a if w in vocab_b]
    Na, Nb = Ua[np.array([vocab_a[w] for w in shared])], Ub[np.array([vocab_b[w] for w in shared])]
    pos = {w: i for i, w in enumerate(shared)}
    overlap = []
    for w in words:
        i = pos[w]
        sa, sb = Na @ Na[i], Nb @ Nb[i]
        sa[i] = sb[i] = -np.inf
        ta = set(np.argpartition(-sa, NEIGHBOURS)[:NEIGHBOURS])
        tb = set(np.argpartition(-sb, NEIGHBOURS)[:NEIGHBOURS])
        overlap.append(len(ta & tb) / NEIGHBOURS)
    return dict(
        pearson=float(pearsonr(Sa[iu], Sb[iu])[0]),
        spearman=float(spearmanr(Sa[iu], Sb[iu])[0]),
        top10_overlap=float(np.mean(overlap)),
    )


def fmt_c(c: dict) -> str:
    return f"{c['pearson']:.3f}/{c['spearman']:.3f}/{c['top10_overlap']:.2f}"


def end_to_end(corpus: str, tmp: str, repeat: int, epochs: int, combos) -> dict:
    out = {}
    print(
        f"\n1. end to end, {epochs} epochs, whole processes (wall seconds, and CPU seconds = user + system, "
        "which the load of a shared machine disturbs less; ratio = gensim / ours, best of each)"
    )
    for arch, output in combos:
        ts, gs = [], []
        for _ in range(repeat):
            ts.append(timed(ours_cmd(corpus, arch, output, epochs, f"{tmp}/ours.txt")))
            gs.append(timed(gensim_cmd(corpus, arch, output, epochs, f"{tmp}/gensim.txt")))
        r = min(g[0] for g in gs) / min(t[0] for t in ts)
        rc = min(g[2] for g in gs) / min(t[2] for t in ts)
        out[f"{arch}-{output}"] = dict(ours=ts, gensim=gs, ratio=r, cpu_ratio=rc)
        print(
            f"   {arch + '-' + output:<12} wall ours {' '.join(f'{t[0]:.2f}' for t in ts):<11} "
            f"gensim {' '.join(f'{t[0]:.2f}' for t in gs):<11} ratio {r:.2f} "
            f"{'(>= 1.0 met)' if r >= 1 else '(NOT met)'}   "
            f"CPU ours {' '.join(f'{t[2]:.2f}' for t in ts):<11} "
            f"gensim {' '.join(f'{t[2]:.2f}' for t in gs):<11} "
            f"ratio {rc:.2f} {'(>= 1.0 met)' if rc >= 1 else '(NOT met)'}"
        )
    return out


def kernel_and_learning(text: str, repeat: int, epochs: int, combos) -> dict:
    out = {}
    sentences = [line.split() for line in text.splitlines()]
    print(
        "\n2. kernel only, in this process (CPU seconds; planning included in ours) and "
        "3. agreement with gensim seed 1 (pearson/spearman/top-10)"
    )
    print(f"   {'':<12} {'ours':>6} {'gensim':>7} {'ratio':>6}   ours (gensim init)   gensim seed 2")
    for arch, output in combos:
        runs, gruns = [], []
        for _ in range(repeat):
            runs.append(ours(text, arch, output, epochs, 1))
            gruns.append(gensim_run(sentences, arch, output, epochs, 1))
        f = min(runs, key=lambda r: r[2]["seconds"])[2]
        g1, gf = min(gruns, key=lambda r: r[1]["seconds"])
        assert gf["words"] == f["words"], (gf["words"], f["words"])  # identical tokens, identical vocabulary
        g2, _ = gensim_run(sentences, arch, output, epochs, 2)
        model, params_g, _ = ours(text, arch, output, epochs, 1, like_gensim=g1)
        order = np.argsort(-np.asarray(model.vocab.counts), kind="stable")
        top = [model.words[i] for i in order][:TOP]
        g1v = (g1.wv.key_to_index, g1.wv.vectors)
        c_ours = compare(top, {w: i for i, w in enumerate(model.words)}, params_g.W, *g1v)
        c_gg = compare(top, g2.wv.key_to_index, g2.wv.vectors, *g1v)
        r = gf["seconds"] / f["seconds"]
        out[f"{arch}-{output}"] = dict(
            ours=f, gensim=gf, ratio=r, ours_vs_gensim=c_ours, gensim_vs_gensim=c_gg
        )
        print(
            f"   {arch + '-' + output:<12} {f['seconds']:>6.2f} {gf['seconds']:>7.2f} {r:>6.2f}   "
            f"{fmt_c(c_ours):<20} {fmt_c(c_gg)}"
        )
    return out


def big_corpus(text: str, mb: float, tmp: str, repeat: int) -> dict:
    block = text.encode()
    path = f"{tmp}/big.txt"
    with open(path, "wb") as f:
        for _ in range(int(mb * 2**20 // len(block)) + 1):
            f.write(block)
    size = os.path.getsize(path) / 2**20
    print(
        f"\n4. {size:.0f} MB corpus (Lee's tokenised lines repeated), skip-gram ns, 1 epoch "
        f"(seconds, peak RSS MB)"
    )
    out = {}
    ts, gs = [], []
    for _ in range(repeat):
        ts.append(timed(ours_cmd(path, "skipgram", "ns", 1, f"{tmp}/ours.txt")))
        gs.append(timed(gensim_cmd(path, "skipgram", "ns", 1, f"{tmp}/gensim.txt")))
    (t, m, _), (tg, mg, _) = min(ts), min(gs)
    c, cg = min(x[2] for x in ts), min(x[2] for x in gs)
    out["train"] = dict(ours=ts, gensim=gs, ratio=tg / t, cpu_ratio=cg / c)
    print(
        f"   train end to end   ours {t:.1f} s ({c:.1f} s CPU), {m:.0f} MB   "
        f"gensim {tg:.1f} s ({cg:.1f} s CPU), "
        f"{mg:.0f} MB   ratio {tg / t:.2f} wall, {cg / c:.2f} CPU   (all runs (wall, MB, CPU): ours {ts}, "
        f"gensim {gs})"
    )
    pairs = " ".join(f"{g[0] / o[0]:.2f}" for o, g in zip(ts, gs))
    print(f"   ratio of each back-to-back pair (gensim / ours, wall): {pairs}")
    s = SETTINGS
    tr = timed(
        [
            sys.executable,
            "main.py",
            "trace",
            "--corpus",
            path,
            "--format",
            "text",
            "--arch",
            "skipgram",
            "--output",
            "ns",
            "--mode",
            "reference",
            "--hidden",
            str(s["hidden"]),
            "--window",
            str(s["window"]),
            "--min-count",
            str(s["min_count"]),
            "--sample",
            str(s["sample"]),
            "--steps",
            "1",
            "-o",
            f"{tmp}/trace.jsonl",
        ]
    )
    out["trace_steps_1"] = tr
    print(f"   trace --steps 1    {tr[0]:.1f} s ({tr[2]:.1f} s CPU), {tr[1]:.0f} MB")
    code = (
        "import sys, time; sys.path.insert(0, '.'); t0 = time.perf_counter()\n"
        "from explorer.engine import Config\nfrom explorer.session import Session\n"
        "text = open(sys.argv[1], encoding='utf-8').read(); t1 = time.perf_counter()\n"
        "s = Session(text, Config(arch='skipgram', output='ns', **eval(sys.argv[2])), fmt='text')\n"
        "print(t1 - t0, time.perf_counter() - t1)"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, path, repr(SETTINGS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    imp, sess = (float(x) for x in r.stdout.split())
    out["session_seconds"] = sess
    print(f"   Session(...)       {sess:.1f} s (after {imp:.1f} s of imports and reading the file)")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=2, help="runs of each side (alternated; the best is kept)")
    ap.add_argument("--big-mb", type=float, default=50.0, help="size of the large corpus (MB)")
    ap.add_argument("--no-big", action="store_true", help="skip the large-corpus figures")
    ap.add_argument("--json", action="store_true", help="print a final JSON line with every figure")
    a = ap.parse_args(argv)
    text = lee_tokens_text()
    res: dict = {"settings": SETTINGS, "epochs": EPOCHS, "cpu_count": os.cpu_count()}
    code = (
        "import time; t = time.perf_counter(); import explorer.engine.model as m; m.compile_kernels(); "
        "print(time.perf_counter() - t)"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    res["startup_seconds"] = float(r.stdout.split()[-1])
    print(
        "start-up: import the engine + load the compiled kernels from numba's cache: "
        f"{res['startup_seconds']:.2f} s"
    )
    compile_kernels()
    probe = Model.from_text(text, Config(**SETTINGS), fmt="text")
    print(
        f"Lee corpus (simple_preprocess tokens): V = {probe.V}, tokens in the vocabulary = "
        f"{probe.stream.total_words}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory() as tmp:
        corpus = f"{tmp}/lee.txt"
        Path(corpus).write_text(text, encoding="utf-8")
        res["end_to_end"] = end_to_end(corpus, tmp, a.repeat, EPOCHS, COMBOS)
        res["kernel"] = kernel_and_learning(text, a.repeat, EPOCHS, COMBOS)
        if not a.no_big:
            res["big"] = big_corpus(text, a.big_mb, tmp, max(1, a.repeat - 1))
    if a.json:
        print(json.dumps(res, default=lambda o: o.item() if hasattr(o, "item") else str(o)))


if __name__ == "__main__":
    main()
