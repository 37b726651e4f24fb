"""Raw Chinese text cut into words (explorer/engine/segment.py, ``Config.segment``, ``--segment``)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.engine import Config
from explorer.engine.corpus import parse
from explorer.engine.presets import preset_text
from explorer.engine.segment import SEGMENTS, segment_spans, wants_segmenting
from explorer.errors import ConfigError
from explorer.session import Session
from explorer.session.persistence import load_session, save_session

ROOT = Path(__file__).resolve().parents[1]
RAW = "国王统治王国。女王统治王国。\n国王是男人，女王是女人。\n王子是年轻的男人\n"


def words(text, segment, lowercase=True):
    return [list(s) for s in parse(text, "text", lowercase, segment).sentences]


def test_raw_chinese_is_cut_into_words():
    for segment in ("auto", "jieba"):
        assert words(RAW, segment) == [
            ["国王", "统治", "王国", "女王", "统治", "王国"],
            ["国王", "是", "男人", "女王", "是", "女人"],
            ["王子", "是", "年轻", "的", "男人"],
        ]
    # spaces: a run of characters between spaces or punctuation is one word, as before
    assert words(RAW, "spaces")[0] == ["国王统治王国", "女王统治王国"]


def test_auto_keeps_text_already_segmented_by_spaces():
    text = "王子将 成为国王\n"  # segmented by hand, not as the dictionary would
    assert words(text, "auto") == [["王子将", "成为国王"]]
    assert words(text, "jieba") == [["王子", "将", "成为", "国王"]]
    assert not wants_segmenting(text, "auto") and wants_segmenting(text, "jieba")
    assert not wants_segmenting("the king rules", "jieba")


def test_mixed_chinese_and_english_lines():
    text = "我用Python写代码, don't panic 国王统治王国\n"
    got = words(text, "auto", lowercase=False)[0]
    assert "Python" in got and "don't" in got and "panic" in got
    assert got[-3:] == ["国王", "统治", "王国"] and "代码" in got
    assert "".join(got) == "".join(ch for ch in text if ch.isalnum() or ch == "'")


def test_spans_point_at_each_word_in_the_source():
    text = "英文 words\n国王统治王国，女王统治王国。\nKing rules\n"
    corpus = parse(text, "text", True, "auto")
    for sent, spans in zip(corpus.sentences, corpus.spans):
        for word, (a, b) in zip(sent, spans):
            assert text[a:b].lower() == word
    assert corpus.sentences[1] == ("国王", "统治", "王国", "女王", "统治", "王国")


def test_segment_spans_passes_other_lines_through():
    spans = [(0, 3), (4, 9)]
    assert list(segment_spans("the kings", spans, "auto")) == spans


def test_chinese_raw_preset_is_the_chinese_preset_unsegmented():
    raw, spaced = preset_text("chinese-raw"), preset_text("chinese")
    assert " " not in raw.strip() and raw.replace("\n", "") == spaced.replace(" ", "").replace("\n", "")
    assert parse(raw, segment="auto").sentences == parse(spaced, segment="auto").sentences
    assert len(parse(raw, segment="spaces").sentences[0]) == 1


def test_config_segment_is_checked_and_old_files_read_as_spaces():
    assert Config().segment == "auto" and set(SEGMENTS) == {"auto", "spaces", "jieba"}
    with pytest.raises(ConfigError, match="unknown segmentation"):
        Config(segment="words")
    d = Config(segment="jieba").to_dict()
    assert Config.from_dict(d).segment == "jieba"
    del d["segment"]
    assert Config.from_dict(d).segment == "spaces"  # what files written before segmentation meant


def test_session_file_keeps_the_segmentation(tmp_path):
    s = Session(RAW, Config(window=2, segment="auto"))
    assert "国王" in s.model.words
    s.step_forward(3)
    save_session(s, tmp_path / "s.w2vx")
    back = load_session(tmp_path / "s.w2vx", Session)
    assert back.model.config.segment == "auto" and back.model.words == s.model.words


def test_trace_on_unsegmented_chinese_gives_words(tmp_path):
    corpus = tmp_path / "raw.txt"
    corpus.write_text(RAW, encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "main.py", "trace", "--corpus", str(corpus), "--steps", "2", "--window", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    vocab = {o["word"] for rec in recs for o in rec["out"]}  # full softmax: every output vector changes
    assert {"国王", "王国", "统治", "女王", "男人"} <= vocab and "国王统治王国" not in vocab
    r = subprocess.run(
        [sys.executable, "main.py", "trace", "--corpus", str(corpus), "--steps", "1", "--segment", "spaces"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0 and "国王统治王国" in r.stdout


def test_setup_panel_segmentation_choice(qtbot):
    """The Setup panel's "Word segmentation" row fills from the session and builds sessions with it."""
    from explorer.qt.bridge import SessionBridge
    from explorer.qt.setup_panel import SetupPanel

    panel = SetupPanel(SessionBridge())
    qtbot.addWidget(panel)
    combo = panel.widgets["segment"]
    panel.show_session(Session(RAW, Config(window=2, segment="jieba")))
    assert combo.currentData() == "jieba"
    assert "统治" in panel.build_session().model.words
    combo.setCurrentIndex(combo.findData("spaces"))
    session = panel.build_session()
    assert session.config.segment == "spaces" and "国王统治王国" in session.model.words
