"""``check IMPL.py``: a correct step agrees for 200 steps in every arch × output × mode; each known mistake
is diagnosed with its id at the right step and field, and with no other id."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from explorer.check.runner import load_step, run_check
from explorer.cli.main import main
from explorer.engine.config import Config
from explorer.engine.model import Model
from explorer.engine.params import Params, save_weights
from explorer.engine.presets import preset_text

IMPL = Path(__file__).with_name("check_impls.py")


def write_impl(tmp_path, mistake=None) -> Path:
    """A copy of the test implementation with one mistake switched on."""
    p = tmp_path / f"impl_{mistake or 'correct'}.py"
    p.write_text(IMPL.read_text().replace("MISTAKE = None", f"MISTAKE = {mistake!r}"))
    return p


def model_for(**kw) -> Model:
    return Model.from_text(preset_text("royalty"), Config(**{"window": 2, **kw}))


@pytest.mark.parametrize("mode", ["paper", "reference"])
@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
@pytest.mark.parametrize("arch", ["cbow", "skipgram"])
def test_a_correct_implementation_agrees_for_200_steps(tmp_path, arch, output, mode):
    model = model_for(arch=arch, output=output, mode=mode)
    result = run_check(load_step(str(write_impl(tmp_path))), model, model.init_params(), 200)
    assert result.difference is None, result.difference.message
    assert result.steps_agreed == 200
    assert {"h", "loss", "out", "in"} <= set(result.fields)


def first_step(model, pred, limit=200) -> int:
    return next(s for s in range(1, limit) if pred(s))


def _repeat_step(model):
    def repeats(s):
        ex = model.example(s)
        ids = np.concatenate([[t, *model.negatives(s, 1)[0]] for t in ex.targets])
        return len(set(ids)) < len(ids) or len(set(ex.inputs)) < len(ex.inputs)

    return first_step(model, repeats)


def _positive_drawn_step(model):
    return first_step(model, lambda s: model.example(s).targets[0] in model.negatives(s, 1)[0])


def _lr_step(model):
    return first_step(model, lambda s: abs(model.lr_at(s) - 0.1) > 1e-9 * 0.1 * 10)


# mistake → (config, expected step (int or function of the model), expected field (str or function))
CASES = {
    "e-sign": (dict(arch="cbow", output="softmax"), 1, lambda m: f"W_out[:, {m.words[0]}]"),
    "cbow-input-not-averaged": (
        dict(arch="cbow", output="ns"),
        1,
        lambda m: f"W[{m.words[min(m.example(1).inputs)]}]",
    ),
    "cbow-h-sum": (dict(arch="cbow", output="hs"), 1, "h"),
    "skipgram-error-not-summed": (
        dict(arch="skipgram", output="softmax"),
        1,
        lambda m: f"W_out[:, {m.words[0]}]",
    ),
    "eh-after-update": (
        dict(arch="cbow", output="softmax"),
        1,
        lambda m: f"W[{m.words[min(m.example(1).inputs)]}]",
    ),
    "repeated-id-overwritten": (dict(arch="cbow", output="ns"), _repeat_step, None),
    "hs-code-flipped": (dict(arch="skipgram", output="hs"), 1, "loss"),
    "ns-positive-as-negative": (
        dict(arch="cbow", output="ns", mode="reference"),
        _positive_drawn_step,
        "loss",
    ),
    "lr-schedule": (
        dict(arch="skipgram", output="softmax", mode="reference"),
        _lr_step,
        lambda m: f"W_out[:, {m.words[0]}]",
    ),
    "wrong-input-row": (
        dict(arch="skipgram", output="hs"),
        1,
        lambda m: f"W[{m.words[min(m.example(1).inputs[0], m.example(1).targets[0])]}]",
    ),
    "loss-only": (dict(arch="cbow", output="softmax"), 1, "loss"),
}


@pytest.mark.parametrize("mistake", sorted(CASES))
def test_each_mistake_is_diagnosed_with_its_id_at_the_right_step_and_field(tmp_path, mistake):
    cfg, want_step, want_field = CASES[mistake]
    model = model_for(**cfg)
    result = run_check(load_step(str(write_impl(tmp_path, mistake))), model, model.init_params(), 200)
    d = result.difference
    assert d is not None, f"{mistake} was not noticed"
    assert d.diagnosis.id == mistake, (d.message, str(d.diagnosis))
    step = want_step(model) if callable(want_step) else want_step
    assert d.step == step and result.steps_agreed == step - 1
    if mistake == "repeated-id-overwritten":
        ex = model.example(step)
        ids = list(ex.inputs) + [t for t in ex.targets] + list(model.negatives(step, 1)[0])
        repeated = {model.words[i] for i in ids if ids.count(i) > 1}
        assert d.field in {f"W_out[:, {w}]" for w in repeated} | {f"W[{w}]" for w in repeated}, d.field
    else:
        field = want_field(model) if callable(want_field) else want_field
        assert d.field == field


ALL_CONFIGS = [
    {"arch": a, "output": o, "mode": m}
    for a in ("cbow", "skipgram")
    for o in ("softmax", "hs", "ns")
    for m in ("paper", "reference")
]


def test_the_diagnoses_do_not_misfire_on_each_other(tmp_path):
    """Every wrong implementation under every arch × output × mode: whenever a difference is found, its id is
    the implementation's own mistake — never another mistake's id, nor ``unknown``."""
    found = {}
    for mistake in sorted(CASES):
        fn = load_step(str(write_impl(tmp_path, mistake)))
        for cfg in ALL_CONFIGS:
            model = model_for(**cfg)
            d = run_check(fn, model, model.init_params(), 30).difference
            if d is not None:
                assert d.diagnosis.id == mistake, (mistake, cfg, d.message, d.diagnosis.id)
                found[mistake] = found.get(mistake, 0) + 1
    assert set(found) == set(CASES)
    assert found["e-sign"] == 12 and found["lr-schedule"] == 6  # every config; every reference-mode config
    assert found["skipgram-error-not-summed"] == 3  # paper skip-gram with softmax, hs and ns


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # their exp(u) overflows: the point of the test
def test_softmax_overflow_is_diagnosed_where_ours_stays_finite(tmp_path, capsys):
    model = model_for(arch="cbow", output="softmax")
    g = np.random.default_rng(0)
    big = Params(np.abs(g.normal(13, 1, (model.V, 5))), np.abs(g.normal(13, 1, (5, model.V))))
    save_weights(tmp_path / "big.npz", big, model.words)
    status = main(
        [
            "check",
            str(write_impl(tmp_path, "softmax-overflow")),
            "--preset",
            "royalty",
            "--weights",
            str(tmp_path / "big.npz"),
            "--steps",
            "5",
            "--json",
        ]
    )
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert json.loads(out[-1]) == {
        "agree": False,
        "step": 1,
        "field": f"W_out[:, {model.words[0]}]",
        "diagnosis": "softmax-overflow",
    }
    assert "nan" in out[-3]  # both values shown: ours finite, theirs not


def test_an_unrecognised_mistake_is_unknown_with_the_numbers(tmp_path, capsys):
    impl = tmp_path / "odd.py"
    impl.write_text(
        IMPL.read_text() + "\n_step = step\n\ndef step(W, W_out, *a, **k):\n"
        "    r = _step(W, W_out, *a, **k)\n    W_out[0, :] *= 1.01\n    return r\n"
    )
    status = main(["check", str(impl), "--preset", "royalty", "--steps", "5"])
    out = capsys.readouterr().out
    assert status == 1
    assert "diagnosis: unknown" in out and "ours Δ [" in out and "theirs Δ [" in out


def test_the_cli_agrees_exits_0_and_ends_with_the_json_line(tmp_path, capsys):
    status = main(
        [
            "check",
            str(write_impl(tmp_path)),
            "--preset",
            "royalty",
            "--arch",
            "skipgram",
            "--output",
            "ns",
            "--steps",
            "50",
            "--json",
        ]
    )
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert out[0].startswith("compared: h, loss, out, in") or out[0].startswith("compared: lr")
    assert json.loads(out[-1]) == {"agree": True, "step": None, "field": None, "diagnosis": None}


def test_the_cli_reports_the_first_difference_and_its_diagnosis(tmp_path, capsys):
    status = main(["check", str(write_impl(tmp_path, "e-sign")), "--preset", "royalty", "--json"])
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert out[1].startswith("step 1: W_out[:, the] ours Δ [")
    assert out[2].startswith("diagnosis: e-sign: every change points the opposite way")
    assert json.loads(out[-1])["diagnosis"] == "e-sign"


@pytest.mark.parametrize(
    "source, first, last",
    [
        (None, "does not exist", None),
        ("def step(:\n", "syntax error on line 1", "SyntaxError"),
        ("x = 1\n", "defines no function 'step", None),
        (
            "raise RuntimeError('boom at import')\n",
            "importing it raised RuntimeError: boom at import",
            "RuntimeError: boom at import",
        ),
        (
            "def step(W, W_out, inputs, targets, lr, **ctx):\n    return 1 / 0\n",
            "step 1: their step raised ZeroDivisionError",
            "ZeroDivisionError: division by zero",
        ),
        ("def step(W, W_out, inputs, targets, lr, **ctx):\n    return 3\n", "step returned a int", None),
    ],
)
def test_bad_implementations_give_one_error_line_then_their_exception(tmp_path, capsys, source, first, last):
    impl = tmp_path / "mine.py"
    if source is not None:
        impl.write_text(source)
    status = main(["check", str(impl), "--preset", "royalty", "--steps", "3"])
    err = capsys.readouterr().err.splitlines()
    assert status == 2
    assert err[0].startswith("error: ") and first in err[0]
    assert sum(line.startswith("error:") for line in err) == 1
    if last is not None:
        assert err[-1].strip().startswith(last)
    else:
        assert len(err) == 1


def test_check_options_are_validated(tmp_path, capsys):
    impl = write_impl(tmp_path)
    assert main(["check", str(impl), "--preset", "royalty", "--tol", "nan"]) == 2
    assert main(["check", str(impl), "--preset", "royalty", "--steps", "0"]) == 2
    assert main(["check", str(impl), "--preset", "nosuch"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all(e.startswith("error: ") for e in err)
