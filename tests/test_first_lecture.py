"""The "first lecture" settings (issue 13): the lecture initialisation, the criterion "visibly learns in the
first epoch" on every preset × architecture × output layer × mode through the session (compiled
fast-forward), and the command that applies them (undoable, no Qt)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from explorer.app import lecture_settings as ls
from explorer.app.commands import Commands
from explorer.app.state import RUNNING, AppState, Status
from explorer.engine.config import APP_DEFAULTS, ARCHS, INITS, MODES, OUTPUTS, Config
from explorer.engine.params import LECTURE_INIT_SCALE, init_params
from explorer.engine.presets import list_presets, preset_text
from explorer.session import Session

CASES = list(itertools.product(list_presets(), ARCHS, OUTPUTS, MODES))


def _visibly_learns(session: Session) -> dict:
    """The criterion of :mod:`explorer.app.lecture_settings`, measured through the session: run
    CHECK_EPOCHS epochs (compiled fast-forward), then read the epoch means and the exact training-set E."""
    e0 = session.epoch_losses[0]
    L1 = session.steps_per_epoch(0)
    total = session.model.stream.epoch_start(ls.CHECK_EPOCHS)
    result = session.run(total)
    means = [session.epoch_losses[e] for e in range(1, ls.CHECK_EPOCHS + 1)]
    return {
        "blowup": result.blowup is not None or result.steps_done != total,
        "e1": session.training_set_loss(L1) / e0,
        "later": max(means[1:]) / means[0],
        "end": session.training_set_loss() / e0,
    }


@pytest.mark.parametrize("preset,arch,output,mode", CASES)
def test_the_lecture_settings_learn_visibly_in_the_first_epoch(preset, arch, output, mode):
    seed = 1 + CASES.index((preset, arch, output, mode)) % 5  # the cases cover seeds 1-5 between them
    config = ls.lecture_config(APP_DEFAULTS.replace(arch=arch, output=output, mode=mode, seed=seed))
    r = _visibly_learns(Session(preset_text(preset), config, name=preset))
    assert not r["blowup"]
    assert r["e1"] <= ls.EPOCH1_MAX_RATIO  # one epoch takes at least 5 % off the training-set E
    assert r["later"] < 1.0  # every later epoch's mean E is below epoch 1's: the curve does not climb back
    assert r["end"] < 1.0  # and after 20 epochs the loss is still below the start


@pytest.mark.parametrize("preset", ["royalty", "loop"])
def test_the_app_defaults_do_not_learn_visibly_in_the_first_epoch(preset):
    """What the lecture settings fix: with the default init and η the first epoch hardly moves E."""
    r = _visibly_learns(Session(preset_text(preset), APP_DEFAULTS.replace(epochs=ls.CHECK_EPOCHS)))
    assert r["e1"] > 0.97


def test_every_mode_architecture_and_output_has_a_lecture_rate():
    for mode, arch, output in itertools.product(MODES, ARCHS, OUTPUTS):
        lr = ls.lecture_lr(Config(mode=mode, arch=arch, output=output))
        assert 0 < lr <= 1.0


def test_lecture_config_keeps_the_corpus_settings_and_resets_the_rest():
    mine = Config(
        arch="skipgram", output="ns", mode="reference", hidden=50, window=5, lr=0.025, seed=7, epochs=3,
        shuffle=True, init="gensim", negative=15, ns_power=0.5, min_count=2, sample=1e-3, lowercase=False,
        segment="jieba",
    )  # fmt: skip
    c = ls.lecture_config(mine)
    assert (c.arch, c.output, c.mode, c.seed, c.lowercase, c.segment) == (
        "skipgram", "ns", "reference", 7, False, "jieba",
    )  # fmt: skip
    assert c.init == "lecture" and c.lr == ls.LECTURE_LR[("reference", "skipgram", "ns")]
    assert (c.hidden, c.window, c.negative, c.ns_power, c.min_count, c.sample, c.shuffle) == (
        5, 2, 5, 0.75, 1, 0.0, False,
    )  # fmt: skip
    assert c.epochs == ls.LECTURE_EPOCHS
    assert ls.is_lecture_config(c) and not ls.is_lecture_config(mine)


# -- the initialisation ---------------------------------------------------------------------------------
@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("N", [1, 5, 40])
def test_lecture_init_fills_W_and_W_out_uniformly_in_plus_minus_two_over_root_N(output, N):
    V = 300
    p = init_params(V, N, output, "lecture", seed=3)
    r = LECTURE_INIT_SCALE / np.sqrt(N)
    assert p.W.shape == (V, N) and p.W_out.shape == (N, V - 1 if output == "hs" else V)
    for M in (p.W, p.W_out):
        assert M.dtype == np.float64
        assert np.all(M >= -r) and np.all(M < r)
        assert abs(M.std() - r / np.sqrt(3)) < 0.1 * r  # uniform: σ = r/√3, not a narrower range
        assert M.max() > 0.9 * r and M.min() < -0.9 * r
    assert not np.array_equal(p.W[:, :1].ravel()[: min(V, N)], p.W_out[:1].ravel()[: min(V, N)])
    again = init_params(V, N, output, "lecture", seed=3)
    assert p.equals(again)  # a pure function of the seed
    assert not p.equals(init_params(V, N, output, "lecture", seed=4))


def test_the_other_init_schemes_are_unchanged():
    """The schemes before "lecture" draw exactly what they drew (sessions and traces stay reproducible)."""
    V, N = 7, 3
    g = np.random.default_rng([5, 0x5EED])
    W = (g.random((V, N)) - 0.5) / N
    W_out = (g.random((N, V)) - 0.5) / N
    u = init_params(V, N, "softmax", "uniform", 5)
    assert u.W.tobytes() == W.tobytes() and u.W_out.tobytes() == W_out.tobytes()
    gs = init_params(V, N, "ns", "gensim", 5)
    assert gs.W.tobytes() == (2.0 * W).tobytes() and not gs.W_out.any()
    assert init_params(V, N, "hs", "word2vec", 5).W.tobytes() == W.tobytes()
    assert "lecture" in INITS


def test_a_lecture_session_saves_and_loads(tmp_path):
    config = ls.lecture_config(APP_DEFAULTS.replace(output="hs"))
    s = Session(preset_text("royalty"), config, name="royalty")
    s.step_forward(5)
    s.save(tmp_path / "a.w2vx")
    back = Session.load(tmp_path / "a.w2vx")
    assert back.config == config and back.config.init == "lecture"
    assert back.initial.equals(s.initial) and back.params.equals(s.params)
    assert Config.from_dict(config.to_dict()) == config


def test_the_command_line_takes_init_lecture(tmp_path, capsys):
    from explorer.cli.main import main

    out = tmp_path / "w.npz"
    args = ["trace", "--preset", "royalty", "--init", "lecture", "--steps", "0", "--save-weights", str(out)]
    assert main(args) == 0
    s = Session(preset_text("royalty"), APP_DEFAULTS.replace(init="lecture"))
    with np.load(out) as z:
        assert z["W_in"].tobytes() == s.initial.W.tobytes()
        assert z["W_out"].tobytes() == s.initial.W_out.tobytes()


# -- the command (no Qt) --------------------------------------------------------------------------------
def _app(config: Config = APP_DEFAULTS) -> tuple[AppState, Commands, list]:
    state = AppState(Session(preset_text("animals"), config, name="animals"))
    said: list = []
    state.events.message.connect(said.append)
    return state, Commands(state), said


def test_the_first_lecture_command_applies_the_settings_and_is_undoable():
    state, commands, said = _app(APP_DEFAULTS.replace(arch="skipgram", output="ns", hidden=12, lr=0.05))
    old = state.session
    old.step_forward(7)
    assert commands.first_lecture()
    new = state.session
    assert new is not old and new.step == 0
    assert new.config == ls.lecture_config(old.config)
    assert new.config.init == "lecture" and new.lr == ls.LECTURE_LR[("paper", "skipgram", "ns")]
    assert (new.text, new.name, new.fmt) == (old.text, old.name, old.fmt)
    assert "η = 0.2" in said[-1] and "±2/√N" in said[-1]
    assert commands.can_undo_session()
    assert commands.undo_session() is old  # Edit ▸ Undo new session: the old one, history and all
    assert state.session is old and old.step == 7 and old.config.hidden == 12


def test_the_first_lecture_command_runs_then_and_refuses_while_busy():
    state, commands, _ = _app()
    shown = []
    assert commands.first_lecture(then=shown.append)
    assert shown == [state.session]
    state.set_status(Status(RUNNING, what="steps"))  # a long run holds the session
    before = state.session
    assert not commands.first_lecture()
    assert state.session is before
