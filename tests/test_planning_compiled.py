"""The compiled pieces of planning give what the numpy formulas give, bit for bit: sub-sampling's keep test
(u ≤ (√(f/st) + 1) · st / f with the SUBSAMPLE uniforms), the dynamic windows b = min(1 + ⌊u · C⌋, C) with
the WINDOW uniforms, and the in-vocabulary tokens with their index and sentence."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.engine import rng
from explorer.engine.examples import _count_windows, _in_vocabulary, _kept, _window_sizes, _windows
from explorer.engine.kernel import row_key


@pytest.mark.parametrize("seed,epoch,sample", [(1, 0, 1e-3), (7, 3, 1e-4), (12345, 1, 0.05)])
def test_keep_and_window_sizes_equal_the_numpy_formulas(seed, epoch, sample):
    g = np.random.default_rng(seed)
    counts = g.integers(1, 5000, 300).astype(np.int64)
    tok_ids = g.integers(0, 300, 20000).astype(np.int32)
    T = len(tok_ids)
    a, b = 137, 19000
    pos = np.arange(a, b)
    f = counts[tok_ids[a:b]].astype(np.float64)
    st = sample * T
    want = pos[rng.uniform(seed, rng.SUBSAMPLE, epoch, pos) <= (np.sqrt(f / st) + 1.0) * st / f]
    zi = np.uint64(row_key(rng.key(seed, rng.SUBSAMPLE), epoch))
    got = _kept(tok_ids, counts.astype(np.float64), a, b, st, zi)
    assert 0 < len(got) < len(pos) and np.array_equal(got, want)
    for C in (1, 5, 8):
        want_b = np.minimum(1 + np.floor(rng.uniform(seed, rng.WINDOW, epoch, got) * C).astype(np.int64), C)
        zw = np.uint64(row_key(rng.key(seed, rng.WINDOW), epoch))
        assert np.array_equal(_window_sizes(got, zw, C), want_b)
        sent = (got // 50).astype(np.int32)
        k, ptr, ctx = _windows(got, sent, want_b, 5000, 15000, C)
        assert _count_windows(got, sent, want_b, 5000, 15000, C) == (len(k), len(ctx))


def test_in_vocabulary_tokens():
    g = np.random.default_rng(3)
    token_types = g.integers(0, 40, 5000).astype(np.int32)
    word_of_type = np.where(g.random(40) < 0.6, g.permutation(40), -1).astype(np.int32)
    sent_ptr = np.concatenate([[0], np.sort(g.choice(np.arange(1, 5000), 300, replace=False)), [5000]])
    ids, index, sent = _in_vocabulary(token_types, word_of_type, sent_ptr, np.zeros(0, np.int32))
    all_ids = word_of_type[token_types]
    keep = np.flatnonzero(all_ids >= 0)
    assert np.array_equal(ids, all_ids[keep]) and ids.dtype == np.int32
    assert np.array_equal(index, keep) and index.dtype == np.int32
    want_sent = np.repeat(np.arange(len(sent_ptr) - 1), np.diff(sent_ptr))[keep]
    assert np.array_equal(sent, want_sent) and sent.dtype == np.int32
