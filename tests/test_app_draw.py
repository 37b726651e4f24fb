"""What the panels draw, computed without Qt: one step number, the network's nodes and lit edges, the
equations of each phase, the setup fields as a Config, and numbers as shown."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from explorer.app.choices import CHOICES, INIT_ITEMS, choice_text, missing_choices
from explorer.app.equations import equation_lines
from explorer.app.format import MINUS, fmt, fmt_vec
from explorer.app.network import CAP_HIDDEN, CAP_WORDS, choose_nodes, lit_by
from explorer.app.readout import step_position
from explorer.app.setup import GUI_DEFAULTS, read_fields
from explorer.app.typeset import Box
from explorer.engine import Config
from explorer.engine.presets import preset_text
from explorer.session import Session
from tests.conftest import ROYAL

CONFIGS = [(a, o) for a in ("cbow", "skipgram") for o in ("softmax", "hs", "ns")]


def session(text=ROYAL, **cfg):
    cfg.setdefault("hidden", 4)
    cfg.setdefault("window", 2)
    return Session(text, Config(**cfg))


def test_one_step_number_during_sub_steps():
    s = session()
    assert step_position(s) == (0, 0)
    s.step_forward(3)
    assert step_position(s) == (3, 3)
    for _ in range(2):
        s.sub_step()
        assert step_position(s) == (4, 4)  # the 4th example is shown, half done: "step 4 of 4"
    s.seek(1)
    assert step_position(s) == (1, 3)
    s.sub_step()
    assert step_position(s) == (2, 3)


@pytest.mark.parametrize("arch,output", CONFIGS)
def test_the_network_shows_the_examples_words_within_the_caps(arch, output):
    words = " ".join(f"w{i}" for i in range(120))
    s = session(words + "\n" + words[::-1], arch=arch, output=output, hidden=30, negative=3)
    shown = choose_nodes(s, None)
    assert len(shown.ins) <= CAP_WORDS and len(shown.hid) == CAP_HIDDEN and shown.more[1] == 30 - CAP_HIDDEN
    s.step_forward(5)
    rec = s.record
    shown = choose_nodes(s, rec)
    assert set(int(i) for i in rec.input_ids) <= set(int(i) for i in shown.ins)
    assert len(shown.ins) + shown.more[0] == s.model.V
    big = np.argsort(-np.abs(rec.h))[:CAP_HIDDEN]
    assert set(big) == set(int(i) for i in shown.hid)  # the largest |h_i|
    if output == "softmax":
        assert set(int(j) for j in rec.target_ids) <= set(int(j) for j in shown.outs)
    else:
        ids = {t.id for group in rec.terms() for t in group}
        assert set(int(j) for j in shown.outs) <= ids


def test_what_the_walk_lights_up_in_the_network():
    s = session(output="softmax")
    s.step_forward(1)
    rec = s.record
    shown = choose_nodes(s, rec)
    lit = lit_by(frozenset({"h"}), shown.outs, rec)
    assert lit.hidden and not lit.outputs and not lit.edges_in
    lit = lit_by(frozenset({"y"}), shown.outs, rec)
    assert lit.outputs == {int(j) for j in shown.outs}
    j = int(rec.out_ids[0])
    lit = lit_by(frozenset({"out", f"out:{j}"}), shown.outs, rec)
    assert lit.edges_out == {j}  # one vector named: just that one
    lit = lit_by(frozenset({"in"}), shown.outs, rec)
    assert lit.edges_in == {int(i) for i in rec.in_ids}  # all the changed inputs


@pytest.mark.parametrize("arch,output", CONFIGS)
def test_the_equations_of_each_phase(arch, output):
    s = session(arch=arch, output=output, negative=2)
    lines, caption = equation_lines(s)
    assert caption.startswith("Step 0") and [ln[2] for ln in lines if ln[0] == "eq"][:2] == ["h", "u"]
    s.step_forward(2)
    want = [{"h", "u", "y"}, {"e", "E"}, {"out"}, {"EH", "in"}]
    for phase in range(4):
        s.sub_step()
        lines, caption = equation_lines(s)
        headings = [ln for ln in lines if ln[0] == "heading"]
        assert len(headings) == phase + 1 and [h[3] for h in headings] == [True] * phase + [False]
        keys = {ln[2].split(":")[0] for ln in lines if ln[0] == "eq" and ln[2]}
        assert set().union(*want[: phase + 1]) <= keys
        assert all(isinstance(ln[1], Box) for ln in lines if ln[0] == "eq")
        assert caption.startswith(f"Step {step_position(s)[0]}")
    rec = s.record
    tips = [ln[4] for ln in lines if ln[0] == "eq" and ln[2] == f"in:{int(rec.in_ids[0])}"]
    assert tips and repr(float(rec.in_after[0][0])).replace("-", MINUS) in tips[0]  # exact numbers in the tip


def test_every_engine_choice_has_a_name_in_the_panel():
    assert missing_choices() == {}
    assert set(CHOICES) == {"arch", "output", "mode", "init", "segment"}
    assert choice_text(INIT_ITEMS, "gensim").startswith("gensim")


def _raw(config: Config) -> dict:
    raw = dataclasses.asdict(config)
    for key in ("lr", "ns_power", "sample"):
        raw[key] = f"{raw[key]:g}"
    raw["seed"] = str(raw["seed"])
    return raw


def test_setup_fields_read_back_as_the_config():
    for config in (
        GUI_DEFAULTS,
        Config(
            arch="skipgram",
            output="ns",
            init="gensim",
            negative=3,
            lr=0.025,
            mode="reference",
            sample=1e-3,
            shuffle=True,
        ),
    ):
        assert read_fields(_raw(config)) == (config, {})


def test_setup_fields_name_every_problem_at_its_field():
    raw = _raw(GUI_DEFAULTS)
    raw.update(lr="fast", seed="1.5", hidden=0)
    config, errors = read_fields(raw)
    assert config is None and set(errors) == {"lr", "seed", "hidden"}
    assert "learning rate" in errors["lr"] and "fast" in errors["lr"] and "whole number" in errors["seed"]
    raw = _raw(GUI_DEFAULTS)
    raw.update(output="ns", negative=0)
    assert set(read_fields(raw)[1]) == {"negative"}


def test_numbers_as_shown():
    assert fmt(-0.5) == MINUS + "0.5" and fmt(-0.0) == "0" and fmt(float("nan")) == "NaN"
    assert fmt(1.23456e-7) == "1.235e" + MINUS + "7" and fmt(None) == ""
    assert fmt_vec([1, 2, 3, 4, 5], shown=2) == "[1, 2, \u2026]"


def test_a_preset_session_runs_through_every_panel_computation():
    s = Session(preset_text("chinese"), Config(window=2, output="hs"))
    s.step_forward(2)
    s.sub_step()
    assert choose_nodes(s, s.record).ins.size and equation_lines(s)[0]
