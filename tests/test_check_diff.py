"""``diff`` on partial traces: any subset of the fields, vectors by word or id, ``--fields``, the same
diagnoses as ``check`` on traces the recorder wrote, the ``--json`` line, and a cap on one line's length."""

from __future__ import annotations

import json
import os
import tracemalloc

import pytest
from test_check import CASES, model_for, write_impl

from explorer.check.recorder import TraceRecorder
from explorer.check.runner import load_step, run_check, step_context
from explorer.cli.main import main
from explorer.session import diff as session_diff

OPTS = {"arch": "--arch", "output": "--output", "mode": "--mode"}


def cli_options(cfg: dict) -> list[str]:
    args = ["--preset", "royalty", "--window", "2"]
    for k, v in cfg.items():
        args += [OPTS[k], v]
    return args


def record_their_loop(path, step_fn, model, steps: int) -> None:
    """Their training loop, recorded: the examples ours would take, their step, one line per update."""
    params = model.init_params()
    W, W_out = params.W, params.W_out
    out_words = None if model.config.output == "hs" else model.words
    with TraceRecorder(path, W, W_out, words=model.words, out_words=out_words) as rec:
        for s in range(1, steps + 1):
            ex = model.example(s)
            targets = [int(t) for t in ex.targets]
            r = step_fn(
                W,
                W_out,
                [int(i) for i in ex.inputs],
                targets,
                model.lr_at(s),
                **step_context(model, s, targets),
            )
            rec.record(**r)


def ours_trace(tmp_path, cfg, steps) -> str:
    p = tmp_path / "ours.jsonl"
    assert main(["trace", *cli_options(cfg), "--steps", str(steps), "-o", str(p)]) == 0
    return str(p)


@pytest.mark.parametrize("mistake", sorted(CASES))
def test_diff_gives_the_same_diagnosis_as_check_on_recorded_traces(tmp_path, capsys, mistake):
    cfg = CASES[mistake][0]
    model = model_for(**cfg)
    fn = load_step(str(write_impl(tmp_path, mistake)))
    want = run_check(fn, model, model.init_params(), 60).difference
    theirs = tmp_path / "theirs.jsonl"
    record_their_loop(theirs, fn, model, 60)
    ours = ours_trace(tmp_path, cfg, 60)
    capsys.readouterr()
    assert main(["diff", ours, str(theirs), "--json"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert json.loads(out[-1]) == {
        "agree": False,
        "step": want.step,
        "field": want.field,
        "diagnosis": mistake,
    }
    assert out[0] == "compared: step, h, loss, out, in"


def test_recorded_correct_loop_agrees_with_our_trace(tmp_path, capsys):
    for cfg in ({"arch": "cbow", "output": "hs"}, {"arch": "skipgram", "output": "ns", "mode": "reference"}):
        theirs = tmp_path / "theirs.jsonl"
        record_their_loop(theirs, load_step(str(write_impl(tmp_path))), model_for(**cfg), 100)
        ours = ours_trace(tmp_path, cfg, 100)
        capsys.readouterr()
        assert main(["diff", ours, str(theirs), "--json"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[-2] == "traces agree: 100 steps within tol 1e-09"
        assert json.loads(out[-1]) == {"agree": True, "step": None, "field": None, "diagnosis": None}


def _ours_lines(tmp_path, steps=5, **cfg):
    return [json.loads(x) for x in open(ours_trace(tmp_path, cfg, steps))]


def _write(path, objs):
    path.write_text("".join(json.dumps(o) + "\n" for o in objs))
    return str(path)


def test_a_trace_with_only_step_h_and_loss_is_compared_on_those(tmp_path, capsys):
    ours = _ours_lines(tmp_path)
    theirs = [{"step": o["step"], "h": o["h"], "loss": o["loss"]} for o in ours]
    p = _write(tmp_path / "t.jsonl", theirs)
    assert main(["diff", str(tmp_path / "ours.jsonl"), p]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "compared: step, h, loss",
        "traces agree: 5 steps within tol 1e-09",
    ]
    theirs[3]["loss"] += 1e-3
    _write(tmp_path / "t.jsonl", theirs)
    assert main(["diff", str(tmp_path / "ours.jsonl"), p, "--json"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("step 4: loss ours ")
    assert json.loads(out[-1]) == {"agree": False, "step": 4, "field": "loss", "diagnosis": "unknown"}


@pytest.mark.parametrize("key", ["id", "word"])
def test_vectors_may_be_named_by_id_or_by_word_with_delta_or_before_and_after(tmp_path, capsys, key):
    ours = _ours_lines(tmp_path)

    def vec(v, k):  # odd entries: the opposite delta; even ones: before and the opposite after
        if k % 2:
            return {key: v[key], "delta": [-x for x in v["delta"]]}
        return {key: v[key], "before": v["before"], "after": [b - d for b, d in zip(v["before"], v["delta"])]}

    theirs = [
        {"out": [vec(v, k) for k, v in enumerate(o["out"])], "in": [vec(v, k) for k, v in enumerate(o["in"])]}
        for o in ours
    ]
    p = _write(tmp_path / "t.jsonl", theirs)
    assert main(["diff", str(tmp_path / "ours.jsonl"), p, "--json"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "compared: out, in"
    assert json.loads(out[-1]) == {
        "agree": False,
        "step": 1,
        "field": f"W_out[:, {ours[0]['out'][0]['word']}]",
        "diagnosis": "e-sign",
    }


def test_fields_narrows_the_comparison(tmp_path, capsys):
    ours = _ours_lines(tmp_path)
    theirs = [dict(o, loss=o["loss"] + 1.0) for o in ours]
    p = _write(tmp_path / "t.jsonl", theirs)
    o = str(tmp_path / "ours.jsonl")
    assert main(["diff", o, p, "--fields", "h,out,in"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "compared: h, out, in"
    assert main(["diff", o, p, "--fields", "loss,out,in", "--json"]) == 1
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["diagnosis"] == "loss-only"
    assert main(["diff", o, p, "--fields", "loss,nosuch"]) == 2
    assert capsys.readouterr().err.startswith("error: --fields: unknown field 'nosuch'")
    q = _write(tmp_path / "q.jsonl", [{"step": 1, "hello": 2}])
    assert main(["diff", o, q]) == 2
    assert capsys.readouterr().err.startswith("error: entry 1: the traces share no field to compare")


def test_a_shorter_trace_is_a_difference(tmp_path, capsys):
    ours = _ours_lines(tmp_path)
    p = _write(tmp_path / "t.jsonl", [{"h": o["h"]} for o in ours[:3]])
    assert main(["diff", str(tmp_path / "ours.jsonl"), p, "--json"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "entry 4: missing in theirs (the other trace has more steps)"
    assert json.loads(out[-1]) == {"agree": False, "step": 4, "field": "step", "diagnosis": None}


def test_dev_zero_gives_one_error_line_with_bounded_memory(tmp_path, capsys):
    ours = ours_trace(tmp_path, {}, 3)
    tracemalloc.start()
    status = main(["diff", ours, "/dev/zero"])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and err.startswith("error: /dev/zero line 1: longer than 64 MB")
    assert peak < 1.5 * session_diff.MAX_LINE_BYTES


def test_a_1_gb_line_without_newline_gives_one_error_line(tmp_path, capsys):
    ours = ours_trace(tmp_path, {}, 3)
    big = tmp_path / "big.jsonl"
    with open(big, "wb") as f:  # sparse: 1 GB of zero bytes after a JSON opening, no newline
        f.write(b'{"h": [')
        f.truncate(1 << 30)
    tracemalloc.start()
    status = main(["diff", ours, str(big)])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "line 1: longer than 64 MB" in err
    assert peak < 1.5 * session_diff.MAX_LINE_BYTES
    assert os.path.getsize(big) == 1 << 30


def test_a_line_just_under_the_cap_is_read(tmp_path, monkeypatch, capsys):
    ours = _ours_lines(tmp_path, 2)
    o = _write(tmp_path / "o.jsonl", [{"h": x["h"]} for x in ours])
    monkeypatch.setattr(session_diff, "MAX_LINE_BYTES", 4096)
    line = json.dumps({"h": ours[0]["h"]})
    p = tmp_path / "t.jsonl"
    p.write_text(line + " " * (4096 - len(line) - 1) + "\n" + json.dumps({"h": ours[1]["h"]}) + "\n")
    assert main(["diff", o, str(p)]) == 0
    p.write_text(line + " " * (4097 - len(line)) + "\n")  # 4097 bytes before the newline
    assert main(["diff", o, str(p)]) == 2
    assert "line 1: longer than 4096 bytes" in capsys.readouterr().err


def test_softmax_overflow_on_a_recorded_trace(tmp_path, capsys):
    """The recorder writes NaN as JSON's NaN; diff reads it and names the overflow."""
    import numpy as np

    from explorer.engine.params import Params, save_weights

    model = model_for()
    g = np.random.default_rng(0)
    big = Params(np.abs(g.normal(13, 1, (model.V, 5))), np.abs(g.normal(13, 1, (5, model.V))))
    save_weights(tmp_path / "big.npz", big, model.words)
    fn = load_step(str(write_impl(tmp_path, "softmax-overflow")))
    W, W_out = big.W.copy(), big.W_out.copy()
    with TraceRecorder(tmp_path / "theirs.jsonl", W, W_out, words=model.words, out_words=model.words) as rec:
        for s in (1, 2):
            ex = model.example(s)
            with np.errstate(all="ignore"):
                r = fn(
                    W,
                    W_out,
                    list(ex.inputs),
                    list(ex.targets),
                    0.1,
                    **step_context(model, s, list(ex.targets)),
                )
            rec.record(**r)
    ours = tmp_path / "ours.jsonl"
    assert (
        main(
            [
                "trace",
                *cli_options({}),
                "--weights",
                str(tmp_path / "big.npz"),
                "--steps",
                "2",
                "-o",
                str(ours),
            ]
        )
        == 0
    )
    assert main(["diff", str(ours), str(tmp_path / "theirs.jsonl"), "--json"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert json.loads(out[-1]) == {
        "agree": False,
        "step": 1,
        "field": f"W_out[:, {model.words[0]}]",
        "diagnosis": "softmax-overflow",
    }
