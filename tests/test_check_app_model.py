"""Qt-free parts of the app's comparison: the comparison model (first / next / previous difference, both
values, the quantity to highlight), "Copy as command" (the line reproduces the same steps), and the
command line's defaults being the app's."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import numpy as np
import pytest

from explorer.check.command import command_line
from explorer.check.comparison import TraceComparison, field_target, model_trace
from explorer.cli.common import json_line
from explorer.cli.main import build_parser, main
from explorer.engine.config import APP_DEFAULTS, Config
from explorer.engine.model import Model
from explorer.engine.presets import preset_text


def _model(**kw):
    return Model.from_text(preset_text("royalty"), APP_DEFAULTS.replace(**kw))


def test_the_comparison_lists_differing_steps_and_steps_between_them(tmp_path):
    model = _model(output="hs")
    ours = list(model_trace(model, model.init_params(), 12))
    theirs = [
        {"step": o["step"], "h": o["h"], "loss": o["loss"], "out": o["out"], "in": o["in"]} for o in ours
    ]
    theirs[2]["loss"] += 0.5
    theirs[6]["h"][1] += 1e-3
    theirs[9]["in"][0]["delta"][0] *= -1
    p = tmp_path / "theirs.jsonl"
    p.write_text("".join(json.dumps(t) + "\n" for t in theirs))
    c = TraceComparison.against_model(model, model.init_params(), p)
    assert c.steps == [3, 7, 10] and not c.agree and c.steps_compared == 12
    first = c.first()
    assert first.step == 3 and first.field == "loss" and first.diagnosis.id == "loss-only"
    assert first.ours == repr(ours[2]["loss"]) and first.theirs == repr(ours[2]["loss"] + 0.5)
    assert c.next_after(3).step == 7 and c.next_after(3).field == "h"
    assert c.next_after(7).step == 10 and c.next_after(10) is None and c.next_after(0).step == 3
    assert c.previous_before(10).step == 7 and c.previous_before(3) is None
    assert c.at(5) is None and c.at(10).field == f"W[{ours[9]['in'][0]['word']}]"
    assert field_target(c.at(10).field) == ("W", ours[9]["in"][0]["word"])
    assert field_target("W_out[:, n4]") == ("W_out", "n4") and field_target("paths[0][id=3].e") == (
        "paths",
        None,
    )
    assert field_target("h") == ("h", None)


def test_the_comparison_of_agreeing_traces_and_of_a_shorter_one(tmp_path):
    model = _model()
    ours = list(model_trace(model, model.init_params(), 5))
    p = tmp_path / "t.jsonl"
    p.write_text("".join(json.dumps({"h": o["h"]}) + "\n" for o in ours))
    assert TraceComparison.against_model(model, model.init_params(), p).agree
    c = TraceComparison(ours, [{"h": o["h"]} for o in ours[:3]])
    assert not c.agree and c.steps == [] and c.length_message.startswith("entry 4: missing in theirs")


@pytest.mark.parametrize(
    "changes, preset",
    [
        ({}, "royalty"),
        (dict(arch="skipgram", output="ns", negative=3, hidden=4, lr=0.05, seed=9), "animals"),
        (dict(mode="reference", output="hs", window=3, epochs=2, shuffle=True), "royalty"),
        (dict(init="word2vec", lowercase=False, min_count=2, ns_power=0.5, output="ns"), "animals"),
    ],
)
def test_copy_as_command_reproduces_the_same_first_steps(tmp_path, changes, preset):
    config = APP_DEFAULTS.replace(**changes)
    cmd = command_line(config, preset=preset, steps=8)
    argv = shlex.split(cmd)
    assert argv[:3] == ["python", "main.py", "trace"]
    out = tmp_path / "t.jsonl"
    assert main(argv[2:] + ["-o", str(out)]) == 0
    model = Model.from_text(preset_text(preset), config)
    want = [json_line(d) for d in model_trace(model, model.init_params(), 8)]
    assert out.read_text().splitlines() == want


def test_copy_as_command_names_a_corpus_file_and_a_changed_lr():
    cmd = command_line(Config(window=2), corpus="my text.txt", lr=0.025, fmt="pairs")
    assert (
        cmd == "python main.py trace --corpus 'my text.txt' --format pairs --arch cbow --output softmax "
        "--mode paper --lr 0.025"
    )


def test_the_command_line_defaults_are_the_apps():
    from explorer.qt.setup_panel import GUI_DEFAULTS  # what the app starts with

    assert GUI_DEFAULTS == APP_DEFAULTS
    sub = build_parser()._subparsers._group_actions[0].choices
    for name in ("trace", "train", "check"):
        args = sub[name].parse_args(
            ["--preset", "royalty"]
            + (["--steps", "1"] if name == "trace" else [])
            + (["impl.py"] if name == "check" else [])
        )
        for key in (
            "arch",
            "output",
            "mode",
            "hidden",
            "window",
            "lr",
            "seed",
            "negative",
            "ns_power",
            "min_count",
            "sample",
            "init",
        ):
            assert getattr(args, key) == getattr(APP_DEFAULTS, key), (name, key)


def test_session_comparison_export_initial_weights_and_the_command_with_them(tmp_path, capsys):
    from explorer.check.command import export_initial_weights
    from explorer.engine.params import Params
    from explorer.session import Session

    g = np.random.default_rng(3)
    model = _model(output="ns")
    start = Params(g.normal(0, 0.3, (model.V, 5)), g.normal(0, 0.3, (5, model.V)))
    session = Session(preset_text("royalty"), APP_DEFAULTS.replace(output="ns"), params=start)
    session.step_forward(6)
    theirs = [session.record_at(s).to_json() for s in range(1, 7)]
    theirs[4]["out"][0]["delta"][0] += 1e-3
    p = tmp_path / "theirs.jsonl"
    p.write_text("".join(json.dumps(t) + "\n" for t in theirs))
    c = TraceComparison.against_session(session, p)
    assert c.steps == [5] and c.first().field == f"W_out[:, {theirs[4]['out'][0]['word']}]"
    export_initial_weights(session, tmp_path / "init.npz")
    cmd = command_line(session.config, preset="royalty", steps=6, weights=str(tmp_path / "init.npz"))
    out = tmp_path / "t.jsonl"
    assert main(shlex.split(cmd)[2:] + ["-o", str(out)]) == 0
    assert out.read_text().splitlines() == [json_line(session.record_at(s).to_json()) for s in range(1, 7)]
    impl = tmp_path / "mine.py"
    impl.write_text((Path(__file__).with_name("check_impls.py")).read_text())
    assert (
        main(
            [
                "check",
                str(impl),
                "--preset",
                "royalty",
                "--output",
                "ns",
                "--weights",
                str(tmp_path / "init.npz"),
                "--steps",
                "6",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.splitlines()[-1] == "agree: 6 steps within tol 1e-09"
