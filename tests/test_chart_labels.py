"""What the inspector's output charts name (explorer.app.labels, no Qt): the targets marked and labelled per
output layer, the hs path's last node naming its target word, ns positives and negatives with the count of a
negative drawn twice, a hover name for every bar."""

from collections import Counter

import pytest

from explorer.app.i18n import set_translator
from explorer.app.labels import ARROW, MINUS, output_labels, softmax_labels, term_labels
from explorer.engine import Config
from explorer.engine.presets import preset_text
from explorer.session import Session


def record(arch, output, steps=3, **kw):
    s = Session(preset_text("royalty"), Config(arch=arch, output=output, hidden=5, window=2, **kw))
    s.step_forward(steps)
    return s, s.record


@pytest.mark.parametrize("arch", ["cbow", "skipgram"])
def test_softmax_marks_exactly_the_target_words(arch):
    s, rec = record(arch, "softmax")
    words = s.model.words
    lab = output_labels(rec, words)
    assert lab.labels == tuple(words) and lab.tips == lab.labels  # one bar per word, named by it
    # the marked bars are the words with t_j = 1 (skip-gram: in some row of t)
    hot = rec.t if rec.t.ndim == 1 else rec.t.max(axis=0)
    assert sorted(lab.marks) == sorted(int(j) for j in (hot == 1.0).nonzero()[0])
    assert set(lab.always) == set(lab.marks)
    names = list(dict.fromkeys(rec.targets))
    assert lab.caption == ("targets: " if len(names) > 1 else "target: ") + ", ".join(names)


def test_softmax_of_a_top_k_subset_marks_the_targets_where_they_are_shown():
    words = [f"w{i}" for i in range(10)]
    lab = softmax_labels(words, [7, 3, 9, 1], target_ids=(9,))
    assert lab.labels == ("w7", "w3", "w9", "w1") and lab.marks == (2,) and lab.caption == "target: w9"


@pytest.mark.parametrize("arch", ["cbow", "skipgram"])
def test_hs_each_path_ends_at_its_target_word(arch):
    _s, rec = record(arch, "hs")
    lab = term_labels(rec)
    paths = rec.paths
    assert len(paths) == len(rec.targets) and (arch == "cbow") == (len(paths) == 1)
    assert len(lab.labels) == sum(len(p) for p in paths)  # one bar per node of each path
    assert lab.marks == ()  # no bar is the target word: its leaf is below the last node
    k = 0
    for target, path in zip(rec.targets, paths):
        for n, node in enumerate(path):
            last = n == len(path) - 1
            assert lab.labels[k] == (f"{node.word}{ARROW}{target}" if last else node.word)
            assert (k in lab.always) == last
            assert node.word in lab.tips[k] and target in lab.tips[k] and f"bit {node.code}" in lab.tips[k]
            assert node.t == 1 - node.code
            k += 1
    assert lab.caption.startswith("paths to " if len(set(rec.targets)) > 1 else "path to ")


@pytest.mark.parametrize("arch", ["cbow", "skipgram"])
def test_ns_marks_the_positives_and_counts_a_negative_drawn_twice(arch):
    # several steps until some target draws one negative twice (V = 19, k = 5: soon)
    s = Session(preset_text("royalty"), Config(arch=arch, output="ns", hidden=5, window=2, negative=5))
    twice = None
    for _ in range(200):
        s.step_forward(1)
        for group in s.record.samples:
            c = Counter(tm.id for tm in group[1:])
            if any(n > 1 for n in c.values()):
                twice = s.record
                break
        if twice is not None:
            break
    assert twice is not None, "no negative drawn twice in 200 steps"
    rec = twice
    lab = term_labels(rec)
    k = 0
    for target, group in zip(rec.targets, rec.samples):
        drawn = Counter(tm.id for tm in group[1:])
        assert group[0].t == 1.0 and group[0].word == target
        for n, tm in enumerate(group):
            if n == 0:
                assert lab.labels[k] == f"{target}+" and k in lab.marks and "positive" in lab.tips[k]
            else:
                assert lab.labels[k] == f"{tm.word}{MINUS}" and k not in lab.marks
                assert f"negative for {target}" in lab.tips[k]
                assert (f"drawn {drawn[tm.id]}\u00d7" in lab.tips[k]) == (drawn[tm.id] > 1)
            k += 1
    assert k == len(lab.labels) and len(lab.marks) == len(rec.samples)


def test_captions_and_tips_are_translated():
    _s, rec = record("cbow", "ns")
    previous = set_translator(lambda ctx, text: "\u3010" + text if ctx == "ChartLabels" else text)
    try:
        lab = term_labels(rec)
        assert lab.caption.startswith("\u3010positive") and all(t.startswith("\u3010") for t in lab.tips[1:])
    finally:
        set_translator(previous)
