"""The guided walk's captions and prediction prompts (issue 13), in English and Chinese, without Qt: the why
of each update (which output was over- or under-estimated, which vectors move toward or away from h and by
how much) with this step's numbers, and a question asked before each phase that the next press answers."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from conftest import ROYAL

from explorer.app import i18n
from explorer.app.commands import Commands
from explorer.app.state import AppState
from explorer.app.walk import fmt, out_errors, walk_items
from explorer.engine import Config
from explorer.engine.model import PHASES
from explorer.session import Session

TS = Path(__file__).resolve().parents[1] / "explorer" / "qt" / "i18n" / "explorer_zh_CN.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")
CASES = [(a, o) for a in ("cbow", "skipgram") for o in ("softmax", "hs", "ns")]


def _catalogue() -> dict:
    out = {}
    for ctx in ET.parse(TS).getroot():
        name = ctx.find("name").text
        for m in ctx.findall("message"):
            tr = m.find("translation")
            if tr.get("type") is None and tr.text:
                out[(name, m.find("source").text)] = tr.text
    return out


def _record(arch, output, steps=3):
    s = Session(ROYAL, Config(arch=arch, output=output, hidden=4, window=2))
    s.step_forward(steps)
    return s.record


@pytest.fixture
def chinese():
    cat = _catalogue()
    missing = []

    def tr(context, text):
        if (context, text) not in cat:
            missing.append((context, text))
        return cat.get((context, text), text)

    previous = i18n.set_translator(tr)
    yield missing
    i18n.set_translator(previous)  # the Qt layer's translator, if a window installed one


@pytest.mark.parametrize("arch,output", CASES)
def test_english_captions_say_why_with_the_numbers(arch, output):
    rec = _record(arch, output)
    items = walk_items(rec)
    e_item = next(it for it in items if it.key == "e")
    assert "Why" in e_item.caption
    if output == "hs":  # the node with the largest |e|, over- or under-estimated by the sign of e
        t = max((t for p in rec.paths for t in p), key=lambda t: abs(t.e))
        assert f"node n{t.id}" in e_item.caption
        assert ("under-estimated" if t.e < 0 else "over-estimated") in e_item.caption
    else:
        assert "over-estimated" in e_item.caption and "under-estimated" in e_item.caption
    if output == "softmax":
        # the wrong word with the highest y is named with its y
        y = rec.y
        wrong = max((j for j in range(len(y)) if j not in rec.target_ids), key=lambda j: y[j])
        assert (
            f"“{rec.out_words[wrong]}” is pushed away" in e_item.caption and fmt(y[wrong]) in e_item.caption
        )
    errors = out_errors(rec)
    outs = [it for it in items if it.key.startswith("out:") and it.key != "out:more"]
    assert outs
    for it in outs:
        j = int(it.key.split(":")[1])
        k = list(rec.out_ids).index(j)
        # toward h exactly when the update's error is negative; the size of the move is ‖Δ‖
        assert ("moves toward h" in it.caption) == (errors[j] < 0)
        assert ("away from h" in it.caption) == (errors[j] > 0)
        assert f"‖Δ‖ = {fmt(float(np.linalg.norm(rec.out_delta[k])))}" in it.caption
        # the direction agrees with the record: the change is −η·g·h
        assert np.sign(float(rec.out_delta[k] @ rec.h)) == -np.sign(errors[j])
    for it in (it for it in items if it.key.startswith("in:")):
        k = list(rec.in_ids).index(int(it.key.split(":")[1]))
        assert f"‖Δ‖ = {fmt(float(np.linalg.norm(rec.in_delta[k])))}" in it.caption
    # a prompt before each phase after the forward pass, on that phase's first item
    prompted = [it for it in items if it.prompt]
    assert [it.phase_index for it in prompted] == [1, 2, 3]
    for it in prompted:
        assert it is next(x for x in items if x.phase_index == it.phase_index)
        assert it.prompt.startswith("Predict:")


@pytest.mark.parametrize("arch,output", CASES)
def test_chinese_captions_and_prompts_are_translated(chinese, arch, output):
    rec = _record(arch, output)
    items = walk_items(rec)
    assert not chinese, f"strings without a Chinese translation: {chinese}"
    for it in items:
        assert CJK.search(it.caption), it.caption
        assert "{" not in it.caption and "}" not in it.caption.replace("{", "")
        if it.prompt:
            assert CJK.search(it.prompt) and "{" not in it.prompt
    e_item = next(it for it in items if it.key == "e")
    assert ("低估" in e_item.caption or "高估" in e_item.caption) and "原因" in e_item.caption
    assert fmt(rec.loss) in next(it for it in items if it.key == "E").caption


def test_the_question_comes_before_the_phase_and_the_next_press_answers():
    st = AppState(Session(ROYAL, Config(arch="cbow", output="ns", hidden=4, window=2)))
    cmd = Commands(st)
    s = st.session
    st.set_prompts(True)
    cmd.walk_next()  # the first example's forward pass
    asked = []
    for _ in range(40):
        before_phase, before_index = s.phase, st.walk.index
        cmd.walk_next()
        if st.walk.asking is not None:
            # asking: nothing moved, the question is the next phase's
            assert s.phase == before_phase and st.walk.index == before_index
            q = st.walk.asking
            asked.append(q.phase_index)
            assert q.prompt and q.phase_index == PHASES.index(before_phase) + 1
            cmd.walk_next()  # the answer: the phase is shown, the item's caption
            assert st.walk.asking is None and PHASES.index(s.phase) == q.phase_index
            assert st.walk.current.key == q.key
        if s.step == 1 and s.pending is None:
            break
    assert asked == [1, 2, 3]
    # switched off: no questions
    st.set_prompts(False)
    cmd.walk_next()
    for _ in range(30):
        cmd.walk_next()
        assert st.walk.asking is None
