"""File ▸ Compare with my trace… in the window: the first difference is marked on the loss plot and the
timeline and gone to, the inspector and the equations highlight the quantity with both values and the
diagnosis, F8 / Shift+F8 reach the next / previous difference, a bad file is one message with the state kept,
a new session clears it all; File ▸ Copy as command puts the exact line on the clipboard; File ▸ Export
initial weights writes what ``trace --weights`` starts from."""

from __future__ import annotations

import json
import shlex

import numpy as np
import pytest
import pytestqt  # noqa: F401  (pytest-qt: a test dependency; missing, the suite fails)
from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from explorer.check.comparison import model_trace  # noqa: E402
from explorer.cli.common import json_line  # noqa: E402
from explorer.cli.main import main  # noqa: E402
from explorer.engine.config import APP_DEFAULTS  # noqa: E402
from explorer.engine.presets import preset_text  # noqa: E402
from explorer.qt.main_window import MainWindow  # noqa: E402
from explorer.session import Session  # noqa: E402

WRONG = (6, 11, 17)


@pytest.fixture
def window(qtbot, tmp_path):
    s = Session(preset_text("royalty"), APP_DEFAULTS.replace(hidden=6), name="royalty")
    w = MainWindow(
        s, settings=QSettings(str(tmp_path / "x.ini"), QSettings.Format.IniFormat), restore_layout=False
    )
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def view(w, name):
    return next(v for v in w.views if v.name == name)


def write_theirs(s, path, n=24):
    """Our trace with a classic mistake at the steps WRONG: e = t − y (every change of W′ and W reversed)."""
    lines = []
    for o in model_trace(s.model, s.initial, n, s.schedule):
        t = {k: o[k] for k in ("step", "h", "loss", "out", "in")}
        if o["step"] in WRONG:
            for v in t["out"] + t["in"]:
                v["delta"] = [-d for d in v["delta"]]
        lines.append(json.dumps(t) + "\n")
    path.write_text("".join(lines))
    return path


def test_compare_marks_the_first_difference_shows_both_values_and_steps_to_the_next(window, tmp_path, qtbot):
    w = window
    s = w.session
    path = write_theirs(s, tmp_path / "mine.jsonl")
    w.commands.advance(2)
    w.ask_open_path = lambda *_a: str(path)
    w.act_compare_trace.trigger()
    c = w.state.comparison
    assert c is not None and c.steps == list(WRONG)
    first = c.steps[0]
    assert s.step == first
    assert "3 of 24 steps differ; the first is step 6" in w.statusBar().currentMessage()
    # the loss plot: a line at the first differing step, a cross on the curve at each computed one
    loss = view(w, "loss")
    line, crosses = loss.difference_marks()
    assert line == first and crosses == [first]
    # the timeline: at the first difference, with a tick for each differing step, the current one tall
    tl = w.transport.timeline
    assert tl.value() == first and w.transport.timeline_marks.isVisible()
    assert w.transport.timeline_marks.steps == list(WRONG) and w.transport.timeline_marks.current == first
    assert w.transport.timeline_marks.x_of(first) is not None
    # the inspector and the equations: the quantity highlighted, both values and the diagnosis
    diff = c.here
    assert diff.step == first and diff.field.startswith("W_out[:, ")
    word = diff.field[len("W_out[:, ") : -1]
    j = s.model.vocab.index[word]
    insp, eqs = view(w, "inspector"), view(w, "equations")
    for banner in (insp.difference, eqs.difference):
        assert banner.isVisible()
        head, ours, theirs, diagnosis = banner.lines
        assert head == f"Step {first} differs in {diff.field}"
        assert (
            ours == f"ours: {diff.ours}" and theirs == f"theirs: {diff.theirs}" and diff.ours != diff.theirs
        )
        assert diagnosis.startswith("diagnosis: e-sign — every change points the opposite way")
        text = banner.label.text()
        assert diff.ours in text and diff.theirs in text and "e-sign" in text
    assert "out" in insp.highlighted_keys()
    assert insp.panels["out"].row_ids is not None and j in set(insp.panels["out"].row_ids.tolist())
    assert "out" in eqs.canvas.highlighted_keys()
    # F8: the next difference (computed on the way), marked and shown
    assert w.act_next_difference.shortcut().toString() == "F8"
    assert w.act_previous_difference.shortcut().toString() == "Shift+F8"
    qtbot.keyClick(w, Qt.Key.Key_F8)
    assert s.step == WRONG[1] and tl.value() == WRONG[1] and c.current.step == WRONG[1]
    assert insp.difference.lines[0] == f"Step {WRONG[1]} differs in {c.here.field}"
    assert w.transport.timeline_marks.current == WRONG[1]
    assert loss.difference_marks() == (first, [first, WRONG[1]])
    w.act_next_difference.trigger()
    assert s.step == WRONG[2]
    w.act_previous_difference.trigger()
    assert s.step == WRONG[1] and "Difference 2 of 3" in w.statusBar().currentMessage()
    # a step that agrees: no values, no highlight from the comparison; the banner says how to go on
    w.transport.step()
    assert c.here is None and insp.difference.lines[0].startswith("Comparing with mine.jsonl: 3 differing")
    assert "out" not in eqs.canvas.highlighted_keys()
    # the banner's own buttons
    insp.difference.prev_button.click()
    assert s.step == WRONG[1]


def test_a_bad_trace_is_one_message_and_keeps_the_comparison(window, tmp_path):
    w = window
    s = w.session
    assert w.compare_trace(str(write_theirs(s, tmp_path / "mine.jsonl")))
    kept, step = w.state.comparison, s.step
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"step": 1, "h": [1, 2,\n')
    assert not w.compare_trace(str(bad))
    msg = w.statusBar().currentMessage()
    assert "bad.jsonl" in msg and "\n" not in msg
    assert w.state.comparison is kept and s.step == step and view(w, "inspector").difference.isVisible()
    assert not w.compare_trace(str(tmp_path / "none.jsonl"))
    assert "does not exist" in w.statusBar().currentMessage() and w.state.comparison is kept


def test_a_new_session_clears_the_marks(window, tmp_path):
    w = window
    assert w.compare_trace(str(write_theirs(w.session, tmp_path / "mine.jsonl")))
    w.reset_session()
    assert w.state.comparison is None
    assert not view(w, "inspector").difference.isVisible() and not view(w, "equations").difference.isVisible()
    assert view(w, "loss").difference_marks() == (None, [])
    assert not w.transport.timeline_marks.isVisible()
    assert not w.act_next_difference.isEnabled() or not w.next_difference()


def test_copy_as_command_puts_the_exact_line_on_the_clipboard(window, tmp_path):
    w = window
    w.commands.advance(7)
    w.act_copy_command.trigger()
    want = (
        "python main.py trace --preset royalty --arch cbow --output softmax --mode paper --hidden 6 --steps 7"
    )
    assert QApplication.clipboard().text() == want
    assert w.statusBar().currentMessage() == f"Copied: {want}"
    out = tmp_path / "t.jsonl"
    assert main(shlex.split(want)[2:] + ["-o", str(out)]) == 0
    s = w.session
    assert out.read_text().splitlines() == [json_line(d) for d in model_trace(s.model, s.initial, 7)]


def test_export_initial_weights_writes_what_trace_weights_starts_from(window, tmp_path, monkeypatch):
    w = window
    s = w.session
    s.initial.W[:] = np.linspace(-0.2, 0.2, s.initial.W.size).reshape(s.initial.W.shape)
    s.params.W[:] = s.initial.W
    w.commands.advance(4)
    path = tmp_path / "initial_weights.npz"
    w.ask_save_path = lambda *_a: str(path)
    w.act_export_initial.trigger()
    assert path.is_file() and w.statusBar().currentMessage() == f"Wrote {path}."
    line = w.copy_command()
    assert line.endswith("--weights initial_weights.npz --steps 4")
    assert "initial_weights.npz" in w.statusBar().currentMessage()
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "t.jsonl"
    assert main(shlex.split(line)[2:] + ["-o", str(out)]) == 0
    assert out.read_text().splitlines() == [json_line(d) for d in model_trace(s.model, s.initial, 4)]
    # a folder that does not exist: one message, nothing written
    w.ask_save_path = lambda *_a: str(tmp_path / "nope" / "w.npz")
    w.act_export_initial.trigger()
    assert "nope" in w.statusBar().currentMessage() and not (tmp_path / "nope").exists()
