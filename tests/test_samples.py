"""The samples panel's content (issue 13): per target, the positive and its k negatives, a word drawn twice
listed once with its count; the noise distribution's bars with this step's draws marked. No Qt."""

import numpy as np
import pytest
from conftest import make_model

from explorer.app.samples import noise_bars, sample_groups
from explorer.engine import Config


def _first_with_duplicate(model, params, steps=200):
    for step in range(1, steps):
        rec = model.compute(params, step)
        for terms in rec.samples:
            ids = [t.id for t in terms[1:]]
            if len(ids) != len(set(ids)):
                return rec
    raise AssertionError("no negative drawn twice in the first steps")


@pytest.mark.parametrize("mode", ["paper", "reference"])
@pytest.mark.parametrize("arch", ["cbow", "skipgram"])
def test_groups_per_target_with_duplicate_counts(arch, mode):
    m = make_model(arch=arch, output="ns", hidden=4, window=2, negative=8, mode=mode)
    params = m.init_params()
    rec = _first_with_duplicate(m, params)
    groups = sample_groups(rec)
    assert len(groups) == len(rec.targets) == len(rec.samples)
    for g, target, terms in zip(groups, rec.target_ids, rec.samples):
        assert g.target_id == target and g.k == len(terms) - 1 == 8
        # the positive first, exactly once, t = 1
        assert g.rows[0].positive and g.rows[0].id == target and g.rows[0].count == 1 and g.rows[0].t == 1
        negs = [r for r in g.rows if not r.positive]
        # counts add up to k, each word once, counts equal to the draws
        assert sum(r.count for r in negs) == g.k
        assert len({r.id for r in negs}) == len(negs)
        drawn = [t.id for t in terms[1:]]
        for r in negs:
            assert r.count == drawn.count(r.id) and r.t == 0
            live = [t.e for t in terms[1:] if t.id == r.id and not t.skipped]
            assert r.e_sum == pytest.approx(sum(live))
    assert any(g.duplicates for g in groups)
    dup = next(r for g in groups for r in g.duplicates)
    assert dup.count >= 2


def test_noise_bars_mark_the_draws():
    m = make_model(arch="skipgram", output="ns", hidden=4, window=2, negative=5)
    rec = m.compute(m.init_params(), 3)
    bars = noise_bars(rec, m.noise, m.words, m.config.ns_power)
    V = m.V
    assert len(bars.ids) == V and bars.left_out == 0  # the preset is small: every word has a bar
    assert np.all(np.diff(bars.probs) <= 0)  # most probable first
    counts = np.asarray(m.vocab.counts, dtype=float) ** 0.75
    assert np.allclose(bars.probs, (counts / counts.sum())[bars.ids])
    want = {}
    for terms in rec.samples:
        for t in terms[1:]:
            want[t.id] = want.get(t.id, 0) + 1
    got = {int(i): int(d) for i, d in zip(bars.ids, bars.drawn) if d}
    assert got == want
    assert {int(i) for i, p in zip(bars.ids, bars.positive) if p} == set(rec.target_ids)
    # a cap keeps every drawn word and says how many are left out
    m2 = make_model(arch="cbow", output="ns", hidden=4, window=2, negative=2)
    rec2 = m2.compute(m2.init_params(), 1)
    small = noise_bars(rec2, m2.noise, m2.words, 0.75, cap=3)
    drawn2 = {t.id for terms in rec2.samples for t in terms}
    assert drawn2 <= {int(i) for i in small.ids}
    assert small.left_out == V - len(small.ids) > 0


def test_other_outputs_have_no_samples():
    m = make_model(arch="cbow", output="hs", hidden=4)
    assert sample_groups(m.compute(m.init_params(), 1)) == []
    assert sample_groups(None) == []
    assert Config().ns_power == 0.75
