"""File ▸ Compare with my trace…, Copy as command and Export initial weights in the application layer, without
Qt: the comparison is state with events (first difference gone to, next / previous, the difference at the
shown step and what to highlight), a bad trace file meets the one error policy, a new session clears the
comparison, the copied command reproduces the session's steps and the exported weights start ``trace``."""

from __future__ import annotations

import json
import shlex

import numpy as np
import pytest

from explorer.app.commands import Commands
from explorer.app.comparison import DIAGNOSIS_TEXTS, diagnosis_text, highlight_keys
from explorer.app.state import AppState
from explorer.check.compare import StepDifference
from explorer.check.comparison import model_trace
from explorer.check.diagnose import DIAGNOSES, Diagnosis
from explorer.cli.common import json_line
from explorer.cli.main import main
from explorer.engine import Config
from explorer.engine.config import APP_DEFAULTS
from explorer.engine.params import load_weights
from explorer.engine.presets import preset_text
from explorer.session import Session
from tests.conftest import ROYAL


def setup(session=None, **cfg):
    cfg.setdefault("hidden", 4)
    cfg.setdefault("window", 2)
    st = AppState(session if session is not None else Session(ROYAL, Config(**cfg)))
    problems, messages, events = [], [], []
    st.events.problem.connect(problems.append)
    st.events.message.connect(messages.append)
    st.events.comparison.connect(events.append)
    return st, Commands(st), problems, messages, events


def their_trace(session, path, n, wrong=(), fields=("step", "h", "loss", "out", "in")):
    """Our trace of ``session``'s run with a deliberate mistake at the steps ``wrong``: every change of W′
    and W reversed (e = t − y instead of y − t)."""
    lines = []
    for o in model_trace(session.model, session.initial, n, session.schedule):
        t = {k: o[k] for k in fields}
        if o["step"] in wrong:
            for v in t["out"] + t["in"]:
                v["delta"] = [-d for d in v["delta"]]
        lines.append(json.dumps(t) + "\n")
    path.write_text("".join(lines))
    return path


def test_comparing_goes_to_the_first_difference_and_steps_between_differences(tmp_path):
    st, cmd, problems, messages, events = setup()
    s = st.session
    cmd.advance(3)
    path = their_trace(s, tmp_path / "mine.jsonl", 20, wrong=(5, 9, 14))
    assert cmd.compare_trace(path)
    c = st.comparison
    assert c is not None and c.steps == [5, 9, 14] and events and events[-1] is c
    # the first difference is computed (the session was at step 3) and shown
    assert s.step == 5 and c.current.step == 5 and c.here is c.current
    assert c.here.field.startswith("W_out[:, ") and c.here.diagnosis.id == "e-sign"
    word = c.here.field[len("W_out[:, ") : -1]
    assert c.here_keys == {"out", f"out:{s.model.vocab.index[word]}"}
    assert c.here.ours.startswith("Δ [") and c.here.theirs.startswith("Δ [") and c.here.ours != c.here.theirs
    assert messages[-1] == f"3 of 20 steps differ; the first is step 5 ({c.here.field}): e-sign."
    assert c.position() == (1, 3)
    assert cmd.next_difference() and s.step == 9 and c.current.step == 9 and c.here.step == 9
    assert cmd.next_difference() and s.step == 14 and c.position() == (3, 3)
    assert not cmd.next_difference() and s.step == 14 and messages[-1] == "No later difference."
    assert cmd.previous_difference() and s.step == 9
    # an agreeing step shows no difference (nothing to highlight); Next goes on from where the user is
    assert cmd.seek(11)
    assert c.here is None and c.here_keys == frozenset() and events[-1] is c
    assert cmd.previous_difference() and s.step == 9
    assert cmd.seek(2)
    assert cmd.next_difference() and s.step == 5
    assert problems == []


def test_a_bad_trace_file_is_one_message_and_the_state_is_kept(tmp_path):
    st, cmd, problems, _m, events = setup()
    s = st.session
    good = their_trace(s, tmp_path / "mine.jsonl", 10, wrong=(4,))
    assert cmd.compare_trace(good)
    kept = st.comparison
    assert st.session.step == 4 and cmd.advance(3) == 3
    n_events = len(events)
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text('{"step": 1, "h": [0.1, 0.2, 0.3, 0.4]}\n{"step": 2, "h": [0.1,\n')
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    not_json = tmp_path / "weights.npz"
    not_json.write_bytes(b"PK\x03\x04\x00\xff\xfe binary\n")
    for path in (tmp_path / "missing.jsonl", bad_json, empty, tmp_path, not_json):
        before = len(problems)
        assert not cmd.compare_trace(path)
        assert len(problems) == before + 1, path
        p = problems[-1]
        assert p.kind == "error" and "\n" not in p.text and str(path.name) in p.text, p.text
        assert st.comparison is kept and s.step == 7 and len(events) == n_events
    assert "has no steps" in problems[2].text


def test_a_new_session_clears_the_comparison_and_undo_does_not_bring_it_back(tmp_path):
    st, cmd, problems, messages, events = setup()
    assert cmd.compare_trace(their_trace(st.session, tmp_path / "mine.jsonl", 8, wrong=(2,)))
    assert st.comparison is not None
    assert cmd.replace_session(Session(ROYAL, Config(hidden=3, window=2)))
    assert st.comparison is None and events[-1] is None
    assert not cmd.next_difference() and not cmd.previous_difference()
    assert messages[-1] == "No comparison yet: File ▸ Compare with my trace…"
    assert cmd.undo_session() is not None and st.comparison is None
    cmd.clear_comparison()  # nothing to clear: no event
    assert events[-1] is None and events.count(None) == 1
    assert problems == []


def test_an_agreeing_trace_says_so(tmp_path):
    st, cmd, problems, messages, _e = setup(output="hs")
    assert cmd.compare_trace(their_trace(st.session, tmp_path / "same.jsonl", 6, fields=("h", "out")))
    assert st.comparison.result.agree and st.comparison.current is None and st.session.step == 0
    assert messages[-1] == "Your trace agrees with this run: 6 steps compared."


@pytest.mark.parametrize(
    "field, output, want",
    [
        ("W_out[:, queen]", "softmax", {"out", "out:QUEEN"}),
        ("W_out[:, n3]", "hs", {"out", "out:3"}),
        ("W[king] before", "ns", {"in", "in:KING"}),
        ("W[nosuchword]", "softmax", {"in"}),
        ("loss", "softmax", {"E"}),
        ("h[2]", "softmax", {"h"}),
        ("EI[4]", "softmax", {"EI"}),
        ("paths[0][id=3].e", "hs", {"e"}),
        ("samples[0][1].u", "ns", {"u"}),
        ("inputs", "softmax", set()),
    ],
)
def test_what_a_difference_highlights(field, output, want):
    s = Session(ROYAL, Config(hidden=4, output=output))
    ids = {"QUEEN": s.model.vocab.index["queen"], "KING": s.model.vocab.index["king"]}
    want = {
        w.split(":")[0] + ":" + str(ids[w.split(":")[1]]) if ":" in w and w.split(":")[1] in ids else w
        for w in want
    }
    diff = StepDifference(1, 1, field, "1", "2", Diagnosis("unknown", DIAGNOSES["unknown"]))
    assert highlight_keys(s.model, diff) == want


def test_the_windows_diagnosis_sentences_are_checks():
    assert DIAGNOSIS_TEXTS == DIAGNOSES
    diff = StepDifference(
        1,
        1,
        "W[a]",
        "1",
        "2",
        Diagnosis("cbow-input-not-averaged", DIAGNOSES["cbow-input-not-averaged"] + " (C = 2)"),
    )
    assert diagnosis_text(diff) == DIAGNOSES["cbow-input-not-averaged"] + " (C = 2)"


def _run_command(line, tmp_path, name="t.jsonl"):
    argv = shlex.split(line)
    assert argv[:3] == ["python", "main.py", "trace"]
    out = tmp_path / name
    assert main(argv[2:] + ["-o", str(out)]) == 0
    return out.read_text().splitlines()


def test_copy_as_command_reproduces_the_sessions_steps(tmp_path):
    config = APP_DEFAULTS.replace(arch="skipgram", output="ns", negative=3, hidden=6, seed=5)
    s = Session(preset_text("royalty"), config, name="royalty")
    st, cmd, *_ = setup(s)
    cmd.advance(12)
    line, notes = cmd.command_text()
    assert notes == [] and "--preset royalty" in line and line.endswith("--steps 12")
    want = [json_line(d) for d in model_trace(s.model, s.initial, 12, s.schedule)]
    assert _run_command(line, tmp_path) == want
    # η changed before the first step is written; a change later on is said not to be
    s2 = Session(preset_text("royalty"), config, name="royalty")
    s2.set_lr(0.05)
    st.set_session(s2)
    line, notes = cmd.command_text()
    assert "--lr 0.05" in line and notes == []
    cmd.advance(2)
    s2.set_lr(0.01)
    assert any("η was changed" in n for n in cmd.command_text()[1])


def test_copy_as_command_of_own_text_and_other_weights_says_what_to_provide(tmp_path):
    s = Session(ROYAL, Config(hidden=4, window=2))
    s.initial.W[:] += 0.25
    s.params.W[:] = s.initial.W
    st, cmd, *_ = setup(s)
    line, notes = cmd.command_text()
    assert "--corpus CORPUS.txt" in line and "--weights initial_weights.npz" in line
    assert len(notes) == 2 and "CORPUS.txt" in notes[0] and "initial_weights.npz" in notes[1]


def test_export_initial_weights_starts_trace_from_the_sessions_weights(tmp_path, monkeypatch):
    s = Session(preset_text("royalty"), APP_DEFAULTS.replace(hidden=4), name="royalty")
    s.initial.W[:] = np.linspace(-0.3, 0.3, s.initial.W.size).reshape(s.initial.W.shape)
    s.params.W[:] = s.initial.W
    st, cmd, problems, messages, _e = setup(s)
    cmd.advance(5)  # the export is of the weights before step 1, whatever the step
    path = tmp_path / "initial_weights.npz"
    assert cmd.export_initial_weights(path) and messages[-1] == f"Wrote {path}."
    params, words = load_weights(path, s.model.words, 4, "softmax")
    assert np.array_equal(params.W, s.initial.W) and np.array_equal(params.W_out, s.initial.W_out)
    line, _notes = cmd.command_text()
    monkeypatch.chdir(tmp_path)
    want = [json_line(d) for d in model_trace(s.model, s.initial, 5, s.schedule)]
    assert _run_command(line, tmp_path) == want
    # a file that cannot be written: one line, nothing written
    bad = tmp_path / "no such folder" / "w.npz"
    assert not cmd.export_initial_weights(bad)
    assert len(problems) == 1 and "\n" not in problems[0].text and not bad.parent.exists()
