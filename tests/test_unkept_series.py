"""A session that does not hold its per-step E and η series (``keep_series=False``, what ``train`` uses
when it writes no session file, loss table or trace) reaches the same parameters bit for bit, and the same
epoch means up to rounding in the last bits, holding a scratch window instead of 16 bytes a step."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import ROYAL

from explorer.engine import Config
from explorer.errors import ExplorerError
from explorer.session import Session
from explorer.session.history import GrowableArray, UnkeptSeries
from explorer.session.session import FAST_THRESHOLD


@pytest.mark.parametrize("arch,output", [("skipgram", "ns"), ("cbow", "hs")])
def test_same_parameters_and_epoch_means_without_the_series(arch, output):
    cfg = Config(arch=arch, output=output, mode="reference", hidden=6, window=2, negative=3, epochs=3)
    text = "\n".join([ROYAL] * 8)
    kept = Session(text, cfg, initial_loss=False, checkpoint_interval=37)
    light = Session(text, cfg, initial_loss=False, checkpoint_interval=37, keep_series=False)
    light.losses.most = light.lrs.most = 64  # runs cut in windows of at most 64 steps
    n = kept.model.stream.epoch_start(3)
    assert n - 5 > FAST_THRESHOLD  # the second run fast-forwards
    for s in (kept, light):
        s.run(5)  # the recorded path (below the fast threshold), then fast-forward across epoch ends
        s.run(n - 5)
    assert kept.step == light.step == n
    assert kept.params.W.tobytes() == light.params.W.tobytes()
    assert kept.params.W_out.tobytes() == light.params.W_out.tobytes()
    assert sorted(kept.epoch_losses) == sorted(light.epoch_losses) == [1, 2, 3]
    for e in (1, 2, 3):
        assert light.epoch_losses[e] == pytest.approx(kept.epoch_losses[e], rel=1e-12, abs=0)
    assert isinstance(light.losses, UnkeptSeries) and len(light.loss_series()) == 0
    assert len(light.losses._buf) <= 64 and len(light.lrs._buf) <= 64
    assert len(kept.loss_series()) == n
    last = light.losses.recent_mean(n, 1000)
    assert last is not None and np.isfinite(last)
    with pytest.raises(ExplorerError):
        light.save("never-written.w2vx")


def test_unkept_series_units():
    u, g = UnkeptSeries(), GrowableArray()
    rng = np.random.default_rng(1)
    values = rng.random(300)
    for series in (u, g):
        series.set(0, values[0])
        series.set(1, values[1])
        for a, b in ((2, 100), (100, 250), (250, 300)):
            w = series.window(a, b - a)
            w[:] = values[a:b]
            series.extend_to(b)
    assert u.n == g.n == 300
    assert u.mean(0, 300) == pytest.approx(g.mean(0, 300), rel=1e-13)
    assert u.mean(100, 250) == pytest.approx(float(np.mean(values[100:250])), rel=1e-13)
    assert u.recent_mean(300, 1000) == pytest.approx(float(np.mean(values[250:300])), rel=1e-13)
    assert g.recent_mean(300, 10) == pytest.approx(float(np.mean(values[290:300])), rel=1e-13)
    with pytest.raises(ValueError):
        u.mean(50, 120)  # not a union of written ranges
    u.truncate(100)
    with pytest.raises(ValueError):
        u.mean(0, 300)
    assert u.mean(0, 100) == pytest.approx(float(np.mean(values[:100])), rel=1e-13)
