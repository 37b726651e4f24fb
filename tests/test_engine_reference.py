"""Reference mode (word2vec.c / gensim semantics): each difference from the paper, pinned by a test.

- skip-gram: one step per (centre, context) pair, h = the CONTEXT word's input vector, target = centre;
  output vectors change between the pairs of one window
- CBOW: h is the mean of the context vectors but each context vector receives the FULL −η·EH (no 1/C)
- HS: a node with |u| ≥ 6 is skipped (its column stays unchanged), the others still update
- NS: f > 6 → y = 1, f < −6 → y = 0; a negative equal to the positive is skipped; terms are sequential
- σ comes from word2vec.c's table at index int((f + 6)·83)
- dynamic window b uniform in 1..C; sub-sampling keep probability (sqrt(f/(sT)) + 1)·(sT)/f;
  linear learning-rate decay α₀·max(1 − words/(epochs·T + 1), 1e-4)
- initialisation: W' = 0, W uniform in [−0.5/N, 0.5/N)
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import ROYAL, make_model, randomize
from scipy.stats import chisquare

from explorer.engine import Config, Model
from explorer.engine.sigmoid import SIGMOID_TABLE

ROYAL_SENTENCES = [line.split() for line in ROYAL.splitlines() if line.strip()]


def table(f: float) -> float:
    return float(SIGMOID_TABLE[int((f + 6) * 83)])


def find_step(model, pred, limit=None):
    for s in range(1, (limit or model.stream.epoch_length(0)) + 1):
        if pred(s, model.example(s)):
            return s
    raise AssertionError("no example matches")


def set_u(params, h, col, u):
    """Make v'_col ᵀ h = u (exactly up to rounding) by pointing v'_col along h."""
    params.W_out[:, col] = h * (u / float(h @ h))


# ---------------------------------------------------------------------------------------------------------
def test_sigmoid_table_is_word2vec_c_table():
    assert len(SIGMOID_TABLE) == 1000
    for i in (0, 1, 250, 499, 500, 501, 998, 999):
        x = (i / 1000 * 2 - 1) * 6
        assert SIGMOID_TABLE[i] == pytest.approx(math.exp(x) / (math.exp(x) + 1), rel=1e-15)
    assert np.all(np.diff(SIGMOID_TABLE) > 0)


# ---------------------------------------------------------------------------------------------------------
def _royal_skipgram_pairs(window=1):
    """Expected reference skip-gram stream with a fixed window: (context, centre, centre position)."""
    out, pos0 = [], 0
    for sent in ROYAL_SENTENCES:
        for i in range(len(sent)):
            for j in range(i - window, i + window + 1):
                if j != i and 0 <= j < len(sent):
                    out.append((sent[j], sent[i], pos0 + i))
        pos0 += len(sent)
    return out, pos0


@pytest.mark.parametrize("output", ("softmax", "hs", "ns"))
def test_skipgram_reference_one_step_per_pair_context_in_centre_out(output):
    model = make_model(arch="skipgram", mode="reference", output=output, window=1, epochs=2, lr=0.05)
    pairs, T = _royal_skipgram_pairs()
    assert model.stream.epoch_length(0) == len(pairs)
    params = randomize(model.init_params(), seed=4)
    for k, (ctx, centre, pos) in enumerate(pairs, start=1):
        rec = model.compute(params, k)
        assert rec.inputs == (ctx,) and rec.targets == (centre,)
        assert rec.in_ids.tolist() == [model.vocab.id(ctx)] == list(rec.input_ids)
        assert np.array_equal(rec.h, params.W[model.vocab.id(ctx)])  # h = v_context
        assert rec.lr == pytest.approx(0.05 * max(1 - pos / (2 * T + 1), 1e-4), rel=1e-12)
        np.testing.assert_allclose(rec.in_delta[0], -rec.lr * rec.EH, rtol=1e-13, atol=0)
        if output == "hs":
            w = model.vocab.id(centre)
            assert [[n.id for n in p] for p in rec.paths] == [model.tree.points[w].tolist()]
        elif output == "ns":
            assert rec.samples[0][0].id == model.vocab.id(centre)
        model.apply(params, rec)


def test_skipgram_reference_pairs_corpus():
    model = make_model("a|b^c, d^b|a", arch="skipgram", mode="reference", output="hs")
    got = [(model.example(s).inputs.tolist(), model.example(s).targets.tolist()) for s in range(1, 5)]
    i = model.vocab.id
    assert got == [([i("b")], [i("a")]), ([i("c")], [i("a")]), ([i("a")], [i("d")]), ([i("a")], [i("b")])]
    assert model.stream.epoch_length(0) == 4


def test_skipgram_reference_outputs_change_between_pairs_of_one_window():
    model = make_model(arch="skipgram", mode="reference", output="hs", window=1)
    params = randomize(model.init_params(), seed=8)
    s = find_step(model, lambda s, ex: model.example(s + 1).targets.tolist() == ex.targets.tolist())
    r1 = model.step(params, s)
    r2 = model.compute(params, s + 1)
    assert r1.targets == r2.targets and r1.inputs != r2.inputs
    assert r1.out_ids.tolist() == r2.out_ids.tolist()  # same centre word: same Huffman path
    assert np.array_equal(r2.out_before, r1.out_after)  # the second pair sees the first pair's update
    assert not np.array_equal(r2.out_before, r1.out_before)


# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("output", ("softmax", "hs", "ns"))
def test_cbow_reference_full_EH_to_each_context_word(output):
    model = make_model(arch="cbow", mode="reference", output=output, window=1, negative=3)
    params = randomize(model.init_params(), seed=6)
    s = find_step(model, lambda s, ex: len(ex.inputs) == 2 and ex.inputs[0] != ex.inputs[1])
    ex = model.example(s)
    rec = model.compute(params, s)
    np.testing.assert_allclose(rec.h, params.W[ex.inputs].mean(axis=0), rtol=1e-14, atol=1e-16)
    assert np.abs(rec.EH).max() > 1e-3
    for d in rec.in_delta:
        np.testing.assert_allclose(d, -rec.lr * rec.EH, rtol=1e-13, atol=0)  # not (1/C)·
    # a repeated context word (window 2: "the ... the") gets the full EH once per occurrence
    model2 = make_model(arch="cbow", mode="reference", output=output, window=2, negative=3)
    params2 = randomize(model2.init_params(), seed=6)
    s2 = find_step(model2, lambda s, ex: len(set(ex.inputs.tolist())) < len(ex.inputs))
    rec2 = model2.compute(params2, s2)
    words = list(rec2.inputs)
    for w, d in zip(rec2.in_words, rec2.in_delta):
        np.testing.assert_allclose(d, words.count(w) * (-rec2.lr * rec2.EH), rtol=1e-13, atol=0)


# ---------------------------------------------------------------------------------------------------------
def _hs_setup(seed=9):
    model = make_model(arch="cbow", mode="reference", output="hs", window=1, lr=0.1)
    params = randomize(model.init_params(), seed=seed)
    s = find_step(model, lambda s, ex: len(model.tree.points[int(ex.targets[0])]) >= 3)
    return model, params, s


@pytest.mark.parametrize("u", (8.0, -8.0, 6.5, -6.5))
def test_hs_reference_node_with_large_u_is_skipped(u):
    model, params, s = _hs_setup()
    ex = model.example(s)
    w = int(ex.targets[0])
    path = model.tree.points[w].tolist()
    h = params.W[ex.inputs].mean(axis=0)
    big = path[1]
    set_u(params, h, big, u)
    before = params.copy()
    rec = model.compute(params, s)
    terms = rec.paths[0]
    assert [t.id for t in terms] == path
    tb = terms[1]
    assert tb.skipped and tb.e == 0.0 and tb.u == pytest.approx(u, rel=1e-12)
    assert big not in rec.out_ids.tolist()
    EH = np.zeros_like(h)
    for t in terms:
        if t.id == big:
            continue
        assert not t.skipped and abs(t.u) < 6
        assert t.y == table(t.u) and t.t == 1.0 - t.code and t.e == t.y - t.t
        col = before.W_out[:, t.id]
        row = rec.out_ids.tolist().index(t.id)
        np.testing.assert_allclose(rec.out_delta[row], -rec.lr * t.e * rec.h, rtol=1e-13, atol=0)
        EH += t.e * col
    np.testing.assert_allclose(rec.EH, EH, rtol=1e-12, atol=1e-17)
    model.apply(params, rec)
    assert params.W_out[:, big].tobytes() == before.W_out[:, big].tobytes()  # unchanged
    others = [n for n in path if n != big]
    assert all(not np.array_equal(params.W_out[:, n], before.W_out[:, n]) for n in others)  # others updated


def test_hs_reference_boundary_exactly_six_is_skipped():
    """|u| ≥ 6 is skipped (word2vec.c: f <= −MAX_EXP or f >= MAX_EXP); 5.999 is not."""
    model, params, s = _hs_setup()
    ex = model.example(s)
    w = int(ex.targets[0])
    path = model.tree.points[w].tolist()
    params.W[ex.inputs] = 0.0
    params.W[ex.inputs, 0] = 1.0  # h = e_0 exactly
    for u, skipped in ((6.0, True), (-6.0, True), (5.999, False), (-5.999, False)):
        p = params.copy()
        p.W_out[0, path[0]] = u
        rec = model.compute(p, s)
        t0 = rec.paths[0][0]
        assert t0.u == u
        assert t0.skipped is skipped
        assert (path[0] in rec.out_ids.tolist()) is (not skipped)
        if not skipped:
            assert t0.y == float(SIGMOID_TABLE[int((u + 6) * 83)])


def test_hs_paper_mode_does_not_skip_large_u():
    model = make_model(arch="cbow", mode="paper", output="hs", window=1)
    params = randomize(model.init_params(), seed=9)
    s = find_step(model, lambda s, ex: len(model.tree.points[int(ex.targets[0])]) >= 3)
    ex = model.example(s)
    path = model.tree.points[int(ex.targets[0])].tolist()
    set_u(params, params.W[ex.inputs].mean(axis=0), path[1], 8.0)
    rec = model.compute(params, s)
    assert not any(t.skipped for t in rec.paths[0])
    assert path[1] in rec.out_ids.tolist()


# ---------------------------------------------------------------------------------------------------------
def _ns_setup(k=3, seed=10, pred=None, mode="reference", arch="cbow"):
    model = make_model(arch=arch, mode=mode, output="ns", window=1, negative=k)
    params = randomize(model.init_params(), seed=seed)
    if pred is None:

        def pred(s, ex):
            n = model.negatives(s, 1)[0].tolist()
            return len(set(n)) == len(n) and int(ex.targets[0]) not in n

    s = find_step(model, pred)
    return model, params, s


def test_ns_reference_clips_beyond_six():
    model, params, s = _ns_setup()
    ex = model.example(s)
    pos = int(ex.targets[0])
    n1, n2, n3 = model.negatives(s, 1)[0].tolist()
    h = params.W[ex.inputs].mean(axis=0)
    set_u(params, h, pos, 8.0)  # positive, f > 6: y = 1, e = 0
    set_u(params, h, n1, 8.0)  # negative, f > 6: y = 1, e = 1
    set_u(params, h, n2, -8.0)  # negative, f < −6: y = 0, e = 0
    set_u(params, h, n3, 1.234)  # in range: the table
    before = params.copy()
    rec = model.compute(params, s)
    sp, s1, s2, s3 = rec.samples[0]
    assert [x.id for x in rec.samples[0]] == [pos, n1, n2, n3]
    assert (sp.y, sp.t, sp.e) == (1.0, 1.0, 0.0)
    assert (s1.y, s1.t, s1.e) == (1.0, 0.0, 1.0)
    assert (s2.y, s2.t, s2.e) == (0.0, 0.0, 0.0)
    assert s3.y == table(s3.u) and s3.e == s3.y
    assert not any(x.skipped for x in rec.samples[0])
    model.apply(params, rec)
    assert params.W_out[:, pos].tobytes() == before.W_out[:, pos].tobytes()
    assert params.W_out[:, n2].tobytes() == before.W_out[:, n2].tobytes()
    np.testing.assert_allclose(params.W_out[:, n1] - before.W_out[:, n1], -rec.lr * h, rtol=1e-9, atol=1e-15)
    EH = before.W_out[:, n1] * 1.0 + before.W_out[:, n3] * s3.e
    np.testing.assert_allclose(rec.EH, EH, rtol=1e-12, atol=1e-16)
    # positive with f < −6: y = 0, e = −1 (the full gradient, not skipped)
    p2 = before.copy()
    set_u(p2, h, pos, -8.0)
    rec2 = model.compute(p2, s)
    assert (rec2.samples[0][0].y, rec2.samples[0][0].e) == (0.0, -1.0)
    row = rec2.out_ids.tolist().index(pos)
    np.testing.assert_allclose(rec2.out_delta[row], rec2.lr * h, rtol=1e-12, atol=0)


def test_ns_reference_negative_equal_to_positive_is_skipped():
    def pred(s, ex):
        return int(ex.targets[0]) in model_ref.negatives(s, 1)[0].tolist()

    model_ref = make_model(arch="cbow", mode="reference", output="ns", window=1, negative=5)
    model_pap = make_model(arch="cbow", mode="paper", output="ns", window=1, negative=5)
    s = find_step(model_ref, pred)
    params = randomize(model_ref.init_params(), seed=13, scale=0.3)
    ex = model_ref.example(s)
    assert model_pap.example(s).targets.tolist() == ex.targets.tolist()  # window 1: same example
    pos = int(ex.targets[0])
    negs = model_ref.negatives(s, 1)[0].tolist()
    rec = model_ref.compute(params, s)
    samp = rec.samples[0]
    assert [x.id for x in samp] == [pos] + negs
    dup = [x for x in samp[1:] if x.id == pos]
    assert dup and all(x.skipped and x.e == 0.0 for x in dup)
    assert not samp[0].skipped and all(not x.skipped for x in samp[1:] if x.id != pos)
    row = rec.out_ids.tolist().index(pos)
    h = rec.h
    np.testing.assert_allclose(rec.out_delta[row], -rec.lr * samp[0].e * h, rtol=1e-12, atol=0)
    # paper mode keeps it: it is a term of E, so its gradient adds to the positive's column
    recp = model_pap.compute(params, s)
    sampp = recp.samples[0]
    dupp = [x for x in sampp[1:] if x.id == pos]
    assert len(dupp) == len(dup) and all(not x.skipped and x.t == 0.0 for x in dupp)
    rowp = recp.out_ids.tolist().index(pos)
    esum = sampp[0].e + sum(x.e for x in dupp)
    np.testing.assert_allclose(recp.out_delta[rowp], -recp.lr * esum * recp.h, rtol=1e-12, atol=0)


def test_ns_reference_terms_are_sequential():
    """A column drawn twice in one step: the second term sees the first term's update (word2vec.c)."""
    model = make_model(arch="cbow", mode="reference", output="ns", window=1, negative=5)

    def pred(s, ex):
        n = model.negatives(s, 1)[0].tolist()
        return int(ex.targets[0]) not in n and len(set(n)) < len(n)

    s = find_step(model, pred)
    params = randomize(model.init_params(), seed=14, scale=0.3)
    before = params.copy()
    rec = model.compute(params, s)
    h = rec.h
    cur = {}
    EH = np.zeros_like(h)
    for x in rec.samples[0]:
        col = cur.get(x.id, before.W_out[:, x.id])
        assert x.u == pytest.approx(float(col @ h), rel=1e-12, abs=1e-15)
        assert x.y == table(x.u) and x.e == x.y - x.t
        EH += x.e * col
        cur[x.id] = col - rec.lr * x.e * h
    np.testing.assert_allclose(rec.EH, EH, rtol=1e-12, atol=1e-16)
    for i, a, b, d in zip(rec.out_ids, rec.out_after, rec.out_before, rec.out_delta):
        np.testing.assert_allclose(a, cur[int(i)], rtol=1e-13, atol=1e-16)
        assert np.array_equal(b, before.W_out[:, i])
        np.testing.assert_allclose(a, b + d, rtol=1e-13, atol=1e-16)


@pytest.mark.parametrize("output", ("hs", "ns"))
@pytest.mark.parametrize("arch", ("cbow", "skipgram"))
def test_reference_sigma_from_table(arch, output):
    model = make_model(arch=arch, mode="reference", output=output, window=2, negative=4)
    params = randomize(model.init_params(), seed=15, scale=0.6)
    n_terms = 0
    discriminating = 0
    for s in range(1, 41):
        rec = model.step(params, s)
        for p in rec.terms():
            for x in p:
                if x.skipped:
                    continue
                if abs(x.u) < 6:
                    assert x.y == float(SIGMOID_TABLE[int((x.u + 6) * 83)])
                    n_terms += 1
                    discriminating += int((x.u + 6) * 83) != int((x.u + 6) * 1000 / 12)
                assert x.e == x.y - x.t
    assert n_terms > 50 and discriminating > 0


# ---------------------------------------------------------------------------------------------------------
CYCLE = "alpha beta gamma delta epsilon zeta eta".split()


def test_dynamic_window_uniform_in_1_to_C():
    C, reps = 4, 60
    toks = CYCLE * reps
    text = " ".join(toks) + "\n"
    model = make_model(text, arch="cbow", mode="reference", window=C, epochs=8, seed=21)
    T = len(toks)
    ids = [model.vocab.id(t) for t in toks]
    bs = []
    per_epoch = []
    for e in range(6):
        assert model.stream.epoch_length(e) == T
        this = []
        for i in range(T):
            ex = model.example(e * T + i + 1)
            assert ex.targets.tolist() == [ids[i]]
            got = ex.inputs.tolist()
            if C <= i < T - C:
                assert len(got) % 2 == 0
                b = len(got) // 2
                assert 1 <= b <= C
                assert got == ids[i - b : i] + ids[i + 1 : i + b + 1]
                bs.append(b)
                this.append(b)
            else:  # near the ends: a window clipped by the sentence, still within 1..C
                left = [j for j in range(max(0, i - C), i)]
                right = [j for j in range(i + 1, min(T, i + C + 1))]
                assert 1 <= len(got) <= len(left) + len(right)
        per_epoch.append(this)
    freq = np.bincount(bs, minlength=C + 1)[1:]
    assert np.all(freq > 0)
    _, pvalue = chisquare(freq)  # uniform over 1..C
    assert pvalue > 1e-4, freq
    assert per_epoch[0] != per_epoch[1]  # drawn anew each epoch


def test_paper_window_is_fixed():
    toks = CYCLE * 10
    model = make_model(" ".join(toks) + "\n", arch="cbow", mode="paper", window=3)
    for i in range(3, len(toks) - 3):
        assert len(model.example(i + 1).inputs) == 6


@pytest.mark.parametrize("sample", (0.01, 0.1))
def test_subsampling_keep_probability(sample):
    """Keep rate of a word with count f: (sqrt(f/(sT)) + 1)·(sT)/f, measured over 60 epochs (±5σ)."""
    n = 200
    toks = []
    for k in range(n):
        toks += ["the", f"w{k}"]
    model = make_model(
        " ".join(toks) + "\n", arch="cbow", mode="reference", window=1, sample=sample, epochs=60, seed=5
    )
    T = len(toks)
    f = toks.count("the")
    st = sample * T
    p_keep = (math.sqrt(f / st) + 1) * st / f
    assert p_keep < 1
    the = model.vocab.id("the")
    kept = 0
    epochs = 60
    for e in range(epochs):
        plan = model.stream.epoch_plan(e)
        tg = np.asarray(plan.tgt_ids)
        kept += int((tg == the).sum())
        # rare words (count 1: keep probability > 1) are always kept and always have a context
        assert int((tg != the).sum()) == n
    rate = kept / (epochs * f)
    sigma = math.sqrt(p_keep * (1 - p_keep) / (epochs * f))
    assert abs(rate - p_keep) < 5 * sigma, (rate, p_keep, sigma)


def test_subsampling_off_in_paper_mode_and_with_zero():
    toks = []
    for k in range(50):
        toks += ["the", f"w{k}"]
    text = " ".join(toks) + "\n"
    for m in (
        make_model(text, mode="paper", window=1, sample=0.01),
        make_model(text, mode="reference", window=1, sample=0.0),
    ):
        assert m.stream.epoch_length(0) == len(toks) == m.stream.epoch_length(3)


# ---------------------------------------------------------------------------------------------------------
def test_linear_lr_decay_and_floor():
    toks = CYCLE * 4
    T = len(toks)
    E, a0 = 3, 0.025
    model = make_model(" ".join(toks) + "\n", arch="cbow", mode="reference", window=1, epochs=E, lr=a0)
    params = model.init_params()
    for e in range(E + 2):
        for i in range(T):
            step = e * T + i + 1
            want = a0 * max(1 - (e * T + i) / (E * T + 1), 1e-4)
            assert model.lr_at(step) == pytest.approx(want, rel=1e-12)
            if i in (0, T - 1):
                assert model.compute(params, step).lr == pytest.approx(want, rel=1e-12)
    # the first step of epoch E still has 1 − ET/(ET+1) > 1e-4; after it the factor reaches 0:
    # the floor α₀·1e-4
    assert model.lr_at(E * T + 1) == pytest.approx(a0 / (E * T + 1), rel=1e-12)
    assert model.lr_at(E * T + 2) == pytest.approx(a0 * 1e-4, rel=1e-12)
    assert model.lr_at((E + 1) * T + 5) == pytest.approx(a0 * 1e-4, rel=1e-12)
    # an explicit base lr scales the same factor
    assert model.lr_at(T + 2, base_lr=1.0) == pytest.approx(1 - (T + 1) / (E * T + 1), rel=1e-12)
    # paper mode: constant
    paper = make_model(" ".join(toks) + "\n", arch="cbow", mode="paper", window=1, epochs=E, lr=a0)
    assert {paper.lr_at(s) for s in range(1, 5 * T)} == {a0}


def test_reference_init():
    model = make_model(mode="reference", hidden=50)
    cfg = model.config
    assert cfg.init_scheme == "word2vec"
    p = model.init_params()
    N = cfg.hidden
    assert p.W.shape == (model.V, N) and p.W_out.shape == (N, model.V)
    assert np.all(p.W_out == 0.0)
    assert p.W.min() >= -0.5 / N and p.W.max() < 0.5 / N
    assert p.W.min() < -0.45 / N and p.W.max() > 0.45 / N  # spread over the whole interval
    assert abs(p.W.mean()) < 0.05 / N
    assert len(np.unique(p.W)) == p.W.size
    hs = make_model(mode="reference", hidden=50, output="hs").init_params()
    assert hs.W_out.shape == (50, model.V - 1) and np.all(hs.W_out == 0.0)
    # paper default: both uniform in [−0.5/N, 0.5/N)
    q = make_model(mode="paper", hidden=50).init_params()
    for M in (q.W, q.W_out):
        assert M.min() >= -0.5 / N and M.max() < 0.5 / N and M.min() < -0.4 / N and M.max() > 0.4 / N
    # reference mode with init="uniform" overrides W' = 0
    u = Model.from_text(ROYAL, Config(mode="reference", hidden=8, init="uniform")).init_params()
    assert np.any(u.W_out != 0)


@pytest.mark.parametrize("output", ("softmax", "hs", "ns"))
@pytest.mark.parametrize("arch", ("cbow", "skipgram"))
def test_reference_step_changes_only_recorded_vectors(arch, output):
    model = make_model(arch=arch, mode="reference", output=output, window=3, sample=0.05, negative=4)
    params = randomize(model.init_params(), seed=16)
    for s in range(1, 30):
        before = params.copy()
        rec = model.step(params, s)
        rows = np.setdiff1d(np.arange(model.V), rec.in_ids)
        cols = np.setdiff1d(np.arange(model.n_out), rec.out_ids)
        assert params.W[rows].tobytes() == before.W[rows].tobytes()
        assert params.W_out[:, cols].tobytes() == before.W_out[:, cols].tobytes()
        assert np.array_equal(rec.in_before, before.W[rec.in_ids])
        assert np.array_equal(rec.out_before, before.W_out[:, rec.out_ids].T)
        np.testing.assert_allclose(rec.out_after, rec.out_before + rec.out_delta, rtol=1e-13, atol=1e-16)
        assert np.array_equal(rec.in_after, rec.in_before + rec.in_delta)


def test_lr_floor_within_the_planned_epochs():
    """With epochs·T > 2·10^4 the linear factor drops below 1e-4 before the end: floored at α₀·1e-4."""
    toks = (CYCLE * 5000)[:30000]
    T = len(toks)
    model = make_model(" ".join(toks) + "\n", arch="cbow", mode="reference", window=1, epochs=1, lr=0.5)
    for i in (0, T // 2, T - 4, T - 3, T - 2, T - 1):
        want = 0.5 * max(1 - i / (T + 1), 1e-4)
        assert model.lr_at(i + 1) == pytest.approx(want, rel=1e-12)
    assert model.lr_at(T) == pytest.approx(0.5 * 1e-4, rel=1e-12)
    assert model.lr_at(T - 10) > 0.5 * 1e-4
