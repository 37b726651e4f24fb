"""Fast-forward over a corpus planned in many small blocks equals stepping, bit for bit.

A text corpus is planned ``examples.BLOCK`` centre tokens at a time. Here the block is made tiny (16
tokens), so a run crosses dozens of blocks and both epoch boundaries, and the blocks are planned out of
order first (as the training-set loss does: block 0, the middle, the quarters, …) before anything counts
them. For every arch × output × mode: the epoch lengths and per-block counts equal those of planning the
epoch whole, fast-forwarding equals stepping (W, W', per-step E and η), and the records the session
regenerates after a fast-forward are the ones stepping made.
"""

import numpy as np
import pytest
from test_fast import SYNTH, run_records

import explorer.engine.examples as examples
from explorer.engine import Config, Model
from explorer.engine.fast import fast_forward
from explorer.engine.loss import dataset_loss
from explorer.session import Session
from explorer.session.session import FAST_THRESHOLD

SMALL = 16


def cfg(mode, arch, output):
    return Config(
        arch=arch,
        output=output,
        mode=mode,
        hidden=6,
        window=3,
        sample=1e-3,
        negative=3,
        lr=0.05,
        epochs=2,
        seed=5,
    )


@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
@pytest.mark.parametrize("arch", ["cbow", "skipgram"])
@pytest.mark.parametrize("mode", ["paper", "reference"])
def test_many_small_blocks_fast_forward_equals_stepping(monkeypatch, mode, arch, output):
    c = cfg(mode, arch, output)
    whole = Model.from_text(SYNTH, c)
    monkeypatch.setattr(examples, "BLOCK", SMALL)
    small = Model.from_text(SYNTH, c)
    st_w, st = whole.stream, small.stream
    assert st_w.n_blocks == 1 and st.n_blocks > 100
    # blocks planned out of order before any count: what the training-set loss does
    assert np.isfinite(dataset_loss(small, small.init_params()))
    for b in (st.n_blocks - 1, st.n_blocks // 2, 3, st.n_blocks // 4):
        st.block_plan(1, b)
    n = st_w.epoch_start(2)
    assert st.epoch_start(2) == n and n > 2 * st.n_blocks
    for e in (0, 1):
        assert st.epoch_length(e) == st_w.epoch_length(e)
        counts = [len(st.block_plan(e, b)) for b in range(st.n_blocks)]
        assert sum(counts) == st.epoch_length(e)
        assert st._block_counts(e, st.n_blocks) == counts
        assert st.locate(st.epoch_start(e) + 1) == (e, 0)
    # stepping == fast-forward, over runs that cross many blocks and the epoch boundary
    for first, K in ((1, 500), (st.epoch_start(1) - 250, 500)):
        p0 = small.init_params()
        rec_p, fast_p = p0.copy(), p0.copy()
        losses, lrs = run_records(small, rec_p, first, K)
        res = fast_forward(small, fast_p, first, K, chunk_steps=97)
        assert res.steps_done == K and res.blowup_step is None
        assert fast_p.equals(rec_p) and not rec_p.equals(p0)
        assert res.losses.tobytes() == losses.tobytes() and res.lrs.tobytes() == lrs.tobytes()
    # the whole run: small blocks == one block per epoch
    pw, ps = whole.init_params(), small.init_params()
    rw = fast_forward(whole, pw, 1, n, chunk_steps=1000)
    rs = fast_forward(small, ps, 1, n, chunk_steps=333)
    assert pw.equals(ps) and rw.losses.tobytes() == rs.losses.tobytes()
    assert rw.lrs.tobytes() == rs.lrs.tobytes()


@pytest.mark.parametrize("output", ["hs", "ns"])
@pytest.mark.parametrize("arch", ["cbow", "skipgram"])
def test_session_over_small_blocks_regenerates_the_stepped_records(monkeypatch, arch, output):
    monkeypatch.setattr(examples, "BLOCK", SMALL)
    c = cfg("reference", arch, output)
    fast = Session(SYNTH, c)
    stepped = Session(SYNTH, c)
    K = FAST_THRESHOLD + 300
    fast.run(K)
    recs = {}
    for s in range(1, K + 1):
        stepped.step_forward()
        if s in (1, K // 2, K - 1, K):
            recs[s] = stepped.record
    assert fast.params.equals(stepped.params)
    assert fast.loss_series().tobytes() == stepped.loss_series().tobytes()
    for s, r in recs.items():
        g = fast.record_at(s)
        assert g.loss == r.loss and np.array_equal(g.out_after, r.out_after)
        assert np.array_equal(g.in_after, r.in_after) and np.array_equal(g.out_ids, r.out_ids)
