"""The tree panel's content (issue 13): each target's Huffman path from the root to its leaf, with the code
bits on the branches, the record's u, σ(u), t, e at each node, and its siblings collapsed. No Qt."""

import numpy as np
import pytest
from conftest import ROYAL

from explorer.app.tree import leaf_counts, node_text, side_by_side, tree_panels
from explorer.engine import Config
from explorer.session import Session


def _session(arch, mode="paper", steps=3):
    s = Session(ROYAL, Config(arch=arch, output="hs", hidden=4, window=2, mode=mode))
    s.step_forward(steps)
    return s


@pytest.mark.parametrize("mode", ["paper", "reference"])
@pytest.mark.parametrize("arch", ["cbow", "skipgram"])
def test_one_path_per_target_from_root_to_leaf(arch, mode):
    s = _session(arch, mode)
    rec, tree, words = s.record, s.model.tree, s.model.words
    panels = tree_panels(rec, tree, words)
    assert len(panels) == len(rec.targets)
    if arch == "skipgram" and mode == "paper":
        assert len(panels) > 1  # one path per context word, not merged
    V = s.model.V
    for p, target, terms in zip(panels, rec.target_ids, rec.paths):
        path = p.path
        # root first, the target's leaf last
        assert path[0].kind == "inner" and path[0].inner == V - 2 and path[0].depth == 0
        assert path[-1].kind == "leaf" and path[-1].node == target and path[-1].label == words[target]
        assert [n.inner for n in path[:-1]] == list(tree.points[target])
        assert [n.depth for n in path] == list(range(len(path)))
        # the bits on the path's branches are the word's code; bit 0 (t = 1) goes left
        on = [e for e in p.edges if e.on_path]
        assert [e.bit for e in on] == list(tree.codes[target]) == list(p.code)
        for e in on:
            a, b = p.nodes[e.parent], p.nodes[e.child]
            assert (b.x < a.x) == (e.bit == 0)
        # the record's terms at each inner node
        for n, t in zip(path[:-1], terms):
            assert n.term is t and n.inner == t.id and t.t == 1 - t.code
            assert f"u={t.u:.3g}" in node_text(n) or t.skipped
        # the panel's loss is the record's loss for CBOW (one target)
        if arch == "cbow":
            assert p.loss == pytest.approx(rec.loss, rel=1e-12)


def test_siblings_are_the_branches_not_taken_and_nothing_overlaps():
    s = _session("skipgram")
    rec, tree, words = s.record, s.model.tree, s.model.words
    counts = leaf_counts(tree)
    V = s.model.V
    assert counts[2 * V - 2] == V and counts[0] == 1
    for p in tree_panels(rec, tree, words):
        path = p.path
        sibs = [n for n in p.nodes if not n.on_path]
        assert len(sibs) == len(path) - 1
        for n, sib in zip(path[:-1], sibs):
            kids = set(tree.children(n.inner))
            nxt = path[n.depth + 1].node
            assert kids == {nxt, sib.node} and sib.depth == n.depth + 1
            assert sib.kind == ("leaf" if sib.node < V else "subtree")
            assert sib.leaves == counts[sib.node]
        # two nodes per depth (one for the leaf's depth), never at the same place
        for d in range(p.depth + 1):
            xs = [n.x for n in p.nodes if n.depth == d]
            assert len(xs) == len(set(xs))
        # every word is on the path or under a sibling: the leaves add up to V
        assert sum(n.leaves for n in sibs) + 1 == V


def test_which_target_and_side_by_side():
    s = _session("skipgram")
    rec = s.record
    all_ = tree_panels(rec, s.model.tree, s.model.words)
    one = tree_panels(rec, s.model.tree, s.model.words, which=1)
    assert len(one) == 1 and one[0].target == rec.targets[1]
    offs = side_by_side(all_)
    for a, b, oa, ob in zip(all_, all_[1:], offs, offs[1:]):
        assert ob + b.x_min > oa + a.x_max  # panels do not overlap


def test_skipped_nodes_and_other_outputs():
    s = Session(ROYAL, Config(arch="cbow", output="ns", hidden=4))
    s.step_forward(1)
    assert tree_panels(s.record, s.model.tree, s.model.words) == []
    assert tree_panels(None, s.model.tree, s.model.words) == []
    # a path node's loss share is −log σ(±u)
    s = _session("cbow")
    p = tree_panels(s.record, s.model.tree, s.model.words)[0]
    for n in p.path[:-1]:
        t = n.term
        assert n.loss == pytest.approx(float(np.logaddexp(0.0, -t.u if t.t == 1 else t.u)))
    assert np.isclose(sum(n.loss for n in p.path), p.loss)
