"""The fast-forward path (explorer.engine.fast) runs the same SGD as Model.compute + Model.apply.

Every comparison is against the step-through engine itself: K recorded steps vs one fast_forward call from
the same random non-zero parameters, for every mode × architecture × output layer. Both paths call the one
compiled step (explorer.engine.kernel.sgd_steps), so they agree bit for bit.
"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import make_model, randomize

from explorer.engine import Config, Model, rng
from explorer.engine.fast import _noise_tables, _search_right, fast_forward, noise_draw
from explorer.errors import BlowUpError

ROOT = Path(__file__).resolve().parents[1]
TOL = 1e-10
MODES = ("paper", "reference")
ARCHS = ("cbow", "skipgram")
OUTPUTS = ("softmax", "hs", "ns")


def synthetic_text(n_words=2000, vocab=120, seed=0):
    """~n_words tokens, Zipf-like word frequencies (so sub-sampling drops many frequent tokens)."""
    g = np.random.default_rng(seed)
    p = 1.0 / np.arange(1, vocab + 1)
    p /= p.sum()
    lines, n = [], 0
    while n < n_words:
        L = int(g.integers(4, 15))
        lines.append(" ".join(f"w{i}" for i in g.choice(vocab, size=L, p=p)))
        n += L
    return "\n".join(lines) + "\n"


SYNTH = synthetic_text()


def rel(a, b):
    """max |a − b| / max |b|."""
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


def run_records(model, params, first, K, base_lr=None):
    """K steps of Model.compute + Model.apply; returns (losses, lrs)."""
    losses, lrs = [], []
    for s in range(first, first + K):
        rec = model.compute(params, s, base_lr)
        model.apply(params, rec)
        losses.append(rec.loss)
        lrs.append(rec.lr)
    return np.array(losses), np.array(lrs)


def assert_same_run(model, params, first, K, chunk_steps=17, base_lr=None):
    """fast_forward(K) from ``params`` equals K recorded steps: parameters, losses and learning rates."""
    rec_p = params.copy()
    fast_p = params.copy()
    losses, lrs = run_records(model, rec_p, first, K, base_lr)
    res = fast_forward(model, fast_p, first, K, base_lr=base_lr, chunk_steps=chunk_steps)
    assert res.steps_done == K and res.blowup_step is None and not res.cancelled
    assert fast_p.equals(rec_p)  # bit for bit: one compiled step serves both paths
    assert not np.array_equal(rec_p.W, params.W) and not np.array_equal(rec_p.W_out, params.W_out)
    assert res.losses.dtype == np.float64 and res.losses.shape == (K,)
    np.testing.assert_array_equal(res.losses, losses)
    np.testing.assert_array_equal(res.lrs, lrs)
    return res, fast_p, rec_p


# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("first", [1, 7])
@pytest.mark.parametrize("shuffle", [False, True])
@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("mode", MODES)
def test_royal_matches_records(mode, arch, output, shuffle, first):
    model = make_model(arch=arch, output=output, mode=mode, shuffle=shuffle, lr=0.05, negative=3, epochs=5)
    K = 70
    # the run crosses at least one epoch boundary, and chunks (17 steps) straddle it
    assert model.stream.locate(first + K - 1)[0] > model.stream.locate(first)[0]
    params = randomize(model.init_params(), seed=11)
    assert_same_run(model, params, first, K)


@pytest.mark.parametrize("output", ["hs", "ns"])
@pytest.mark.parametrize("arch", ARCHS)
def test_reference_skips_and_clips_match(arch, output):
    """Large weights: reference mode meets HS nodes with |u| >= 6 (skipped, but in E), NS terms beyond ±6
    (y clipped to 0/1) and negatives equal to the target (skipped)."""
    model = make_model(arch=arch, output=output, mode="reference", lr=0.02, negative=4)
    start = randomize(model.init_params(), seed=12, scale=2.0)
    p = start.copy()
    terms = []
    for s in range(1, 81):
        rec = model.compute(p, s)
        model.apply(p, rec)
        terms += [t for target in rec.terms() for t in target]
    skipped = sum(t.skipped for t in terms)
    beyond = sum(abs(t.u) > 6 for t in terms if not t.skipped)
    if output == "hs":
        assert skipped > 10 and len(terms) - skipped > 10
    else:
        assert skipped > 0 and beyond > 10
    assert_same_run(model, start, 1, 80)


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("arch", ARCHS)
def test_subsampled_corpus_matches_records_across_epoch(arch, output):
    """Reference mode on ~2000 words with sub-sampling, dynamic window and decaying η; N = 20 (BLAS sums
    dot products in a different order than the kernels for N ≥ 16)."""
    model = Model.from_text(
        SYNTH,
        Config(
            arch=arch,
            output=output,
            mode="reference",
            hidden=20,
            window=4,
            sample=1e-3,
            negative=4,
            lr=0.05,
            epochs=3,
            shuffle=True,
        ),
    )
    st = model.stream
    assert st.epoch_length(0) != st.epoch_length(1)  # sub-sampling differs per epoch ...
    unsampled = Model.from_text(SYNTH, model.config.replace(sample=0.0))
    assert st.epoch_length(0) < 0.8 * unsampled.stream.epoch_length(0)  # ... and drops many tokens
    first = st.epoch_start(1) - 120
    params = randomize(model.init_params(), seed=2, scale=0.3)
    res, _, _ = assert_same_run(model, params, first, 240, chunk_steps=50)
    assert len(np.unique(res.lrs)) > 50  # η decays step by step


@pytest.mark.parametrize("mode", MODES)
def test_pairs_corpus_and_base_lr(mode):
    text = "king^man|queen^woman, queen|king, man|woman^king, woman|man\nprince|king^man, king^queen|prince"
    for arch in ARCHS:
        for output in OUTPUTS:
            model = Model.from_text(
                text, Config(arch=arch, output=output, mode=mode, hidden=3, negative=2, epochs=4)
            )
            assert model.corpus.kind == "pairs"
            params = randomize(model.init_params(), seed=4)
            assert_same_run(model, params, 3, 25, chunk_steps=6, base_lr=0.3)


def test_default_init_and_long_chunk():
    """Start from the model's own initialisation (W' = 0 in reference mode) with one chunk."""
    for mode in MODES:
        model = make_model(arch="skipgram", output="ns", mode=mode, lr=0.1)
        assert_same_run(model, model.init_params(), 1, 90, chunk_steps=20000)


# ---------------------------------------------------------------------------------------------------------
def test_cancel_between_chunks_and_resume():
    model = make_model(arch="cbow", output="hs", mode="reference", shuffle=True, lr=0.05)
    start = randomize(model.init_params(), seed=8)
    K, first = 100, 5
    calls, seen = [], []

    def cancel():
        calls.append(1)
        return len(calls) >= 4  # asked before each chunk: 3 chunks run, then stop

    p = start.copy()
    res = fast_forward(
        model,
        p,
        first,
        K,
        chunk_steps=10,
        cancel=cancel,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert res.cancelled and res.blowup_step is None
    assert res.steps_done == 30 and len(res.losses) == 30 and len(res.lrs) == 30
    assert seen == [(10, K), (20, K), (30, K)]
    ref = start.copy()
    losses, _ = run_records(model, ref, first, 30)
    assert rel(p.W, ref.W) <= TOL and rel(p.W_out, ref.W_out) <= TOL
    assert np.max(np.abs(res.losses - losses)) <= TOL * max(1.0, np.max(np.abs(losses)))
    # resume where it stopped: same final parameters as one uninterrupted run
    res2 = fast_forward(model, p, first + res.steps_done, K - res.steps_done, chunk_steps=10)
    assert res2.steps_done == K - 30 and not res2.cancelled
    whole = start.copy()
    res_all = fast_forward(model, whole, first, K, chunk_steps=10)
    np.testing.assert_array_equal(p.W, whole.W)
    np.testing.assert_array_equal(p.W_out, whole.W_out)
    np.testing.assert_array_equal(np.concatenate([res.losses, res2.losses]), res_all.losses)


def test_cancel_before_first_chunk_changes_nothing():
    model = make_model(output="ns")
    p = randomize(model.init_params(), seed=1)
    before = p.copy()
    res = fast_forward(model, p, 1, 50, cancel=lambda: True)
    assert res.cancelled and res.steps_done == 0 and len(res.losses) == 0
    assert p.equals(before)


def test_zero_steps_and_bad_arguments():
    model = make_model()
    p = randomize(model.init_params())
    before = p.copy()
    res = fast_forward(model, p, 3, 0)
    assert res.steps_done == 0 and res.blowup_step is None and not res.cancelled and p.equals(before)
    with pytest.raises(ValueError):
        fast_forward(model, p, 0, 5)
    with pytest.raises(ValueError):
        fast_forward(model, p, 1, -1)
    with pytest.raises(ValueError):
        fast_forward(model, p, 1, 5, chunk_steps=0)


def test_non_contiguous_params_are_written_back():
    model = make_model(arch="skipgram", output="hs", mode="paper", lr=0.1)
    start = randomize(model.init_params(), seed=6)
    ref = start.copy()
    run_records(model, ref, 1, 40)
    p = start.copy()
    p.W = np.asfortranarray(p.W)
    W_obj = p.W
    fast_forward(model, p, 1, 40)
    assert p.W is W_obj
    assert rel(p.W, ref.W) <= TOL and rel(p.W_out, ref.W_out) <= TOL


# ---------------------------------------------------------------------------------------------------------
def record_until_blowup(model, params, first, K):
    """Apply recorded steps until Model.compute raises; returns (blow-up step or None, error)."""
    for s in range(first, first + K):
        try:
            rec = model.compute(params, s)
        except BlowUpError as exc:
            return s, exc
        model.apply(params, rec)
    return None, None


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("mode", MODES)
def test_blowup_stops_at_the_records_step(mode, arch, output):
    """η = 10^6 with large random weights: values grow until a step overflows; that step is not applied."""
    model = make_model(arch=arch, output=output, mode=mode, lr=1e6)
    start = randomize(model.init_params(), seed=5, scale=3.0)
    first, K = 3, 200
    ref = start.copy()
    b, _ = record_until_blowup(model, ref, first, K)
    if mode == "reference" and output == "hs":
        assert b is None  # word2vec.c's HS skips every node with |u| >= 6: nothing grows without bound
    else:
        assert b is not None and b > first + 5
    p = start.copy()
    res = fast_forward(model, p, first, K, chunk_steps=7)
    assert res.blowup_step == b
    assert res.steps_done == (K if b is None else b - first)
    assert len(res.losses) == res.steps_done and np.all(np.isfinite(res.losses))
    assert not res.cancelled
    assert rel(p.W, ref.W) <= TOL and rel(p.W_out, ref.W_out) <= TOL


@pytest.mark.parametrize("output", ["hs", "ns"])
@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("where", ["W'", "W"])
def test_blowup_after_updates_is_undone(mode, arch, output, where):
    """A step whose updated W' or W overflows (after reference mode has already changed columns of W' in
    place) leaves the parameters exactly as they were."""
    model = make_model(arch=arch, output=output, mode=mode, lr=1.0)
    start = randomize(model.init_params(), seed=9, scale=0.5)
    if where == "W'":
        lr = 1e153  # |Δv'| = η·|e|·|h| > 1e150
    else:
        start.W[:] *= 1e-3  # tiny h, large EH: only Δv = −η·EH overflows
        start.W_out[:] *= 1e3
        lr = 1e149
    ok = start.copy()
    run_records(model, ok, 1, 2, base_lr=1.0 if where == "W'" else 1e-4)  # two normal steps first ...
    s = 3
    with pytest.raises(BlowUpError) as info:
        model.compute(ok, s, base_lr=lr)  # ... then the overflowing one
    # reference mode may meet the overflow first in the u of a later term that reuses an updated column
    assert info.value.quantity.split()[0] in ((where, "u") if mode == "reference" else (where,))
    p = ok.copy()
    res = fast_forward(model, p, s, 5, base_lr=lr)
    assert res.blowup_step == s and res.steps_done == 0
    assert p.equals(ok)  # bit for bit


def test_blowup_on_first_step_from_huge_weights():
    model = make_model(output="softmax", mode="paper")
    p = randomize(model.init_params())
    p.W[:] = 1e151
    before = p.copy()
    res = fast_forward(model, p, 4, 10)
    assert res.blowup_step == 4 and res.steps_done == 0 and p.equals(before)
    with pytest.raises(BlowUpError):
        model.compute(before, 4)


# ---------------------------------------------------------------------------------------------------------
def test_noise_draw_equals_model_noise_draw():
    model = Model.from_text(SYNTH, Config(output="ns", negative=5, seed=3))
    steps = np.arange(1, 4001)[:, None]
    j = np.arange(7)[None, :]
    want = model.noise.draw(model.config.seed, rng.NEGATIVES, steps, j)
    got = noise_draw(model, steps, j)
    assert got.shape == want.shape == (4000, 7)
    np.testing.assert_array_equal(got, want)
    for s in (1, 17, 999):
        np.testing.assert_array_equal(
            noise_draw(model, s, np.arange(10)).reshape(2, 5), model.negatives(s, 2)
        )


def test_search_right_on_edges_matches_searchsorted():
    model = Model.from_text(SYNTH, Config(output="ns"))
    cdf, guide = _noise_tables(model)
    edge = np.concatenate(
        [
            cdf[:-1],
            np.nextafter(cdf[:-1], 0),
            np.nextafter(cdf[:-1], 2),
            [0.0, 1.0 - 2.0**-53],
            np.arange(len(guide)) / len(guide),
            np.random.default_rng(0).random(5000),
        ]
    )
    edge = edge[(edge >= 0) & (edge < 1)]
    out = np.empty(len(edge), np.int64)
    _search_right(cdf, guide, edge, out)
    want = np.minimum(np.searchsorted(model.noise.cdf, edge, side="right"), len(cdf) - 1)
    np.testing.assert_array_equal(out, want)


def test_works_without_a_writable_numba_cache():
    """With no cache locator available numba refuses cache=True; the module then compiles in memory."""
    code = f"""
import sys
sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(ROOT / "tests")!r})
import numba.core.caching as caching
(getattr(caching, "CacheImpl", None) or caching._CacheImpl)._locator_classes = []
import numpy as np
from conftest import make_model, randomize
from explorer.engine.fast import fast_forward
from explorer.engine.kernel import sgd_steps
assert sgd_steps._cache.__class__.__name__ == "NullCache", sgd_steps._cache
m = make_model(arch="skipgram", output="ns", mode="reference", hidden=3)
a = randomize(m.init_params()); b = a.copy()
for s in range(1, 31):
    m.apply(b, m.compute(b, s))
r = fast_forward(m, a, 1, 30)
assert r.steps_done == 30
assert a.equals(b)
print("ok")
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip().endswith("ok")


def test_module_imports_no_qt():
    code = (
        "import sys; import explorer.engine.fast; "
        "bad=[m for m in sys.modules if m.startswith(('PySide6','pyqtgraph','shiboken6'))]; "
        "assert not bad, bad"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("arch", ARCHS)
def test_planning_block_by_block_equals_planning_the_epoch_whole(monkeypatch, mode, arch):
    """A text corpus is planned a block of centre tokens at a time (memory bounded by the block); with
    small blocks (windows and sub-sampling reach across block edges) the examples, their order, η and
    spans are those of planning each epoch whole, and fast-forward gives the same bits."""
    import explorer.engine.examples as examples

    cfg = Config(
        arch=arch, output="ns", mode=mode, hidden=5, window=4, sample=1e-3, negative=3, lr=0.05, epochs=3
    )
    whole = Model.from_text(SYNTH, cfg)
    monkeypatch.setattr(examples, "BLOCK", 37)
    blocks = Model.from_text(SYNTH, cfg)
    st_w, st_b = whole.stream, blocks.stream
    assert st_w.n_blocks == 1 and st_b.n_blocks > 50
    for e in range(3):
        a = st_w.block_plan(e, 0)
        b = st_b.epoch_plan(e)
        for name in a.__dict__:
            np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
        assert st_b.epoch_length(e) == st_w.epoch_length(e)
    n = st_w.epoch_start(3)
    assert st_b.epoch_start(3) == n
    for s in (1, 2, n // 2, n - 1, n):
        ea, eb = whole.example(s), blocks.example(s)
        assert (ea.epoch, ea.index, ea.span, ea.lr_factor) == (eb.epoch, eb.index, eb.span, eb.lr_factor)
        assert ea.inputs.tolist() == eb.inputs.tolist() and ea.targets.tolist() == eb.targets.tolist()
    pa, pb = whole.init_params(), blocks.init_params()
    ra = fast_forward(whole, pa, 1, n, chunk_steps=1000)
    rb = fast_forward(blocks, pb, 1, n, chunk_steps=333)
    assert pa.equals(pb) and ra.losses.tobytes() == rb.losses.tobytes()
