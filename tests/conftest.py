"""Test setup: Qt renders offscreen (no display needed); shared small corpora and helpers."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from explorer.engine import Config, Model  # noqa: E402

ROYAL = ("the king rules the land\nthe queen rules the land\na man walks\na woman walks\n"
         "the king is a man\nthe queen is a woman\n")


@pytest.fixture
def royal_text():
    return ROYAL


def make_model(text=ROYAL, **cfg) -> Model:
    cfg.setdefault("hidden", 4)
    cfg.setdefault("window", 2)
    return Model.from_text(text, Config(**cfg))


def randomize(params, seed=0, scale=0.5):
    """Random non-zero weights, so every term of the gradient is exercised."""
    g = np.random.default_rng(seed)
    params.W[:] = g.normal(size=params.W.shape) * scale
    params.W_out[:] = g.normal(size=params.W_out.shape) * scale
    return params
