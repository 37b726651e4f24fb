"""The command line over sessions: ``train`` and ``trace --load``."""

import json
import os
import re

import numpy as np
import pytest
from gensim.models import KeyedVectors

from explorer.cli.main import main
from explorer.engine import Config, Model
from explorer.engine.params import load_weights
from explorer.engine.presets import preset_text
from explorer.session import Session
from explorer.session.exports import export_trace, trace_line
from explorer.session.session import FAST_THRESHOLD

OPTS = ["--preset", "royalty", "--hidden", "4", "--window", "2"]


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_trace_load_continues_byte_for_byte(tmp_path, capsys):
    for extra in ([], ["--output", "ns", "--arch", "skipgram"], ["--output", "hs", "--mode", "reference"]):
        status, whole, _ = run(capsys, "trace", *OPTS, *extra, "--steps", 25)
        assert status == 0
        status, _, _ = run(capsys, "train", *OPTS, *extra, "--steps", 9, "--save", tmp_path / "s.w2vx", "-q")
        assert status == 0
        status, rest, _ = run(capsys, "trace", "--load", tmp_path / "s.w2vx", "--steps", 16)
        assert status == 0
        assert "\n".join(whole.split("\n")[:9]) + "\n" + rest == whole
        assert json.loads(rest.split("\n")[0])["step"] == 10


def test_trace_load_follows_the_saved_lr_history_and_finishes_a_sub_step(tmp_path, capsys):
    s = Session(preset_text("royalty"), Config(hidden=4, window=2))
    s.step_forward(6)
    s.set_lr(0.35)
    s.step_forward(2)
    s.sub_step()
    s.sub_step()
    s.sub_step()  # mid-example: trace starts that example again at step 9
    s.save(tmp_path / "mid.w2vx")
    status, out, _ = run(
        capsys, "trace", "--load", tmp_path / "mid.w2vx", "--steps", 5, "-o", tmp_path / "t.jsonl"
    )
    assert status == 0 and out == ""
    s.undo()
    s.step_forward(5)
    export_trace(s, tmp_path / "want.jsonl", 9, 13)
    assert (tmp_path / "t.jsonl").read_bytes() == (tmp_path / "want.jsonl").read_bytes()
    assert json.loads((tmp_path / "t.jsonl").read_text().splitlines()[0])["lr"] == 0.35


def test_trace_load_refuses_new_run_options(tmp_path, capsys):
    Session(preset_text("royalty"), Config()).save(tmp_path / "s.w2vx")
    for extra in (["--preset", "royalty"], ["--arch", "skipgram"], ["--epochs", "3"], ["--lr", "0.5"]):
        status, _, err = run(capsys, "trace", "--load", tmp_path / "s.w2vx", "--steps", 2, *extra)
        assert status == 2 and err.startswith("error: ") and "--load" in err and err.count("\n") == 1


def test_train_steps_writes_every_output(tmp_path, capsys):
    files = dict(
        save=tmp_path / "s.w2vx",
        w=tmp_path / "w.npz",
        v=tmp_path / "v.txt",
        b=tmp_path / "v.bin",
        t=tmp_path / "t.jsonl",
        l=tmp_path / "l.csv",
    )
    status, out, err = run(
        capsys,
        "train",
        *OPTS,
        "--output",
        "hs",
        "--steps",
        60,
        "--save",
        files["save"],
        "--save-weights",
        files["w"],
        "--export-vectors",
        files["v"],
        "--export-trace",
        files["t"],
        "--export-loss",
        files["l"],
    )
    assert status == 0, err
    assert out.startswith("trained 60 steps (steps 1..60) in ") and "words/s" in out
    assert "training-set loss" in out and f"wrote session  {files['save']}" in out
    s = Session.load(files["save"])
    assert s.step == 60
    p, words = load_weights(files["w"])
    assert p.equals(s.params)
    kv = KeyedVectors.load_word2vec_format(str(files["v"]), datatype=np.float64)
    assert kv.vectors.tobytes() == s.params.W.tobytes()
    model = Model.from_text(preset_text("royalty"), s.config)
    q = model.init_params()
    want = []
    for k in range(1, 61):
        rec = model.compute(q, k)
        model.apply(q, rec)
        want.append(trace_line(rec))
    assert files["t"].read_text(encoding="utf-8").splitlines() == want
    assert files["l"].read_text().splitlines()[0] == "step,epoch,loss,lr,epoch_loss"
    assert len(files["l"].read_text().splitlines()) == 62
    status, _, _ = run(
        capsys, "train", "--load", files["save"], "--steps", 3, "--export-vectors", files["b"], "-q"
    )
    assert status == 0
    kvb = KeyedVectors.load_word2vec_format(str(files["b"]), binary=True)
    assert kvb.vectors.shape == (s.model.V, 4)


def test_train_epochs_sets_the_planned_epochs_and_uses_the_fast_path(tmp_path, capsys):
    path = tmp_path / "e.w2vx"
    status, out, err = run(capsys, "train", *OPTS, "--mode", "reference", "--epochs", 7, "--save", path)
    assert status == 0, err
    s = Session.load(path)
    n = s.model.stream.epoch_start(7)
    assert s.config.epochs == 7 and s.step == n and n >= FAST_THRESHOLD
    assert f"trained {n:,} steps" in out and "after epoch 7" in out
    # continuing a saved run equals running it uninterrupted, bit for bit
    status, _, _ = run(capsys, "train", "--load", path, "--epochs", 2, "--save", tmp_path / "more.w2vx", "-q")
    assert status == 0
    a = Session.load(tmp_path / "more.w2vx")
    b = Session(preset_text("royalty"), Config(hidden=4, window=2, mode="reference", epochs=7))
    b.run(n)
    b.run(a.step - n)
    assert a.step == s.model.stream.epoch_start(9) and a.params.W.tobytes() == b.params.W.tobytes()
    assert a.params.W_out.tobytes() == b.params.W_out.tobytes()


@pytest.mark.parametrize("steps", [150, 5000])
def test_blow_up_exit_3_with_one_line_and_complete_files(tmp_path, capsys, steps):
    path = tmp_path / "b.w2vx"
    vec = tmp_path / "b.txt"
    status, out, err = run(
        capsys,
        "train",
        *OPTS,
        "--lr",
        50,
        "--steps",
        steps,
        "--save",
        path,
        "--export-vectors",
        vec,
        "--export-trace",
        tmp_path / "b.jsonl",
    )
    assert status == 3
    assert re.fullmatch(
        r"error: step (\d+): \S+ (overflowed \(\|\S+\| > 1e\+150\)|is not finite) at lr 50\n", err
    ), err
    k = int(err.split(":")[1].split()[1])
    s = Session.load(path)
    assert s.step == k - 1 and s.furthest == k - 1
    assert (
        KeyedVectors.load_word2vec_format(str(vec), datatype=np.float64).vectors.tobytes()
        == s.params.W.tobytes()
    )
    assert len((tmp_path / "b.jsonl").read_text().splitlines()) == k - 1


def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path, capsys):
    save = tmp_path / "s.w2vx"
    cases = [
        ([*OPTS], "--steps K or --epochs E"),
        ([*OPTS, "--steps", 5, "--epochs", 2], "not both"),
        ([*OPTS, "--steps", -1], "--steps must be >= 0"),
        ([*OPTS, "--epochs", 0], "--epochs must be at least 1"),
        (["--steps", 5], "--corpus FILE or --preset NAME"),
        (["--preset", "nope", "--steps", 5], "unknown preset"),
        ([*OPTS, "--steps", 5, "--hidden", 0], "hidden size"),
        ([*OPTS, "--steps", 5, "--export-vectors", tmp_path / "missing" / "v.txt"], "does not exist"),
        ([*OPTS, "--steps", 5, "--export-loss", tmp_path], "is a folder"),
        ([*OPTS, "--steps", 5, "--export-loss", save, "--save", save], "name the same file"),
        (["--load", tmp_path / "none.w2vx", "--steps", 5], "does not exist"),
        ([*OPTS, "--steps", 5, "--weights", tmp_path / "none.npz"], "does not exist"),
    ]
    for argv, expect in cases:
        status, out, err = (
            run(capsys, "train", *argv, "--save", save)
            if "--save" not in argv
            else run(capsys, "train", *argv)
        )
        assert status == 2, (argv, err)
        assert err.startswith("error: ") and err.count("\n") == 1 and expect in err, (argv, err)
        assert not save.exists() and out == ""
    assert sorted(os.listdir(tmp_path)) == []
    Session(preset_text("royalty"), Config()).save(save)
    status, _, err = run(capsys, "train", "--load", save, "--steps", 2, "--arch", "skipgram")
    assert status == 2 and "--arch cannot be used with --load" in err
    status, _, err = run(capsys, "train", "--load", save, "--steps", 2, "--export-trace", save)
    assert status == 2


def test_train_with_initial_weights(tmp_path, capsys):
    status, _, _ = run(capsys, "train", *OPTS, "--steps", 5, "--save-weights", tmp_path / "w.npz", "-q")
    assert status == 0
    status, _, _ = run(
        capsys,
        "train",
        *OPTS,
        "--steps",
        5,
        "--weights",
        tmp_path / "w.npz",
        "--save",
        tmp_path / "s.w2vx",
        "-q",
    )
    assert status == 0
    s = Session.load(tmp_path / "s.w2vx")
    w, _ = load_weights(tmp_path / "w.npz")
    assert s.initial.equals(w) and s.step == 5 and not s.params.equals(w)


def test_train_summary_counts_epochs_from_the_last_step_without_counting_the_next_epoch():
    """``train``'s summary and words/s read the epoch of the last step taken: "1.00 epochs" at an epoch's
    end, k/n within it, and the next epoch (another pass over the corpus to count it) is not counted."""
    from explorer.cli.train import _Progress, _summary
    from explorer.session import Session

    cfg = Config(mode="reference", sample=0.01, min_count=1, window=2, hidden=5, epochs=3, output="ns")
    s = Session(preset_text("royalty"), cfg, initial_loss=False)
    stream = s.model.stream
    n = stream.epoch_length(0)
    assert not stream.fixed_length  # sub-sampling: every epoch has its own length
    s.run(n // 2)
    progress = _Progress(s, 1, n // 2, quiet=True)
    assert f"{(n // 2) / n:.2f} epochs" in _summary(s, 1, n // 2, 1.0, progress)
    s.run(n - n // 2)
    counted = {e: list(c) for e, c in stream._counts.items()}  # the run may plan ahead one block
    out = _summary(s, 1, n, 1.0, progress)
    assert f"now at step {n:,}, 1.00 epochs" in out
    assert progress.words_per_s(n, 1.0) == n * stream.total_words / n
    assert 1 not in stream._lengths and stream._counts == counted  # nothing more counted
