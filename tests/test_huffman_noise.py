"""The Huffman tree of hierarchical softmax and the noise distribution of negative sampling.

Huffman: prefix-free, complete and optimal (expected code length equal to a heapq Huffman construction
written here), points number the inner nodes 0..V−2 with the root V−2 first, every inner node is used,
the paths form one consistent tree, and the tree is word2vec.c's (a transcription of its
``CreateBinaryTree`` written here gives the same codes and points).

Noise: 100,000 draws follow count^p / Z (chi-square goodness of fit, p-value > 1e-4, and total-variation
distance < 0.01) for p = 0.75, 0 and 1; draws are a pure function of (seed, step, index).
"""

from __future__ import annotations

import heapq
import itertools

import numpy as np
import pytest
from conftest import make_model
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chisquare

from explorer.engine import rng
from explorer.engine.huffman import build_huffman
from explorer.engine.noise import NoiseDistribution
from explorer.errors import CorpusError, ExplorerError


def heapq_expected_length(counts) -> float:
    """Σ count·depth / Σ count of an optimal prefix code (textbook Huffman with a heap)."""
    counts = [int(c) for c in counts]
    if len(counts) == 1:
        return 0.0
    tie = itertools.count()
    heap = [(c, next(tie), 0) for c in counts]  # (weight, tiebreak, Σ weight·depth of the subtree)
    heapq.heapify(heap)
    while len(heap) > 1:
        c1, _, s1 = heapq.heappop(heap)
        c2, _, s2 = heapq.heappop(heap)
        # merging pushes every leaf one level down: cost grows by the merged weight
        heapq.heappush(heap, (c1 + c2, next(tie), s1 + s2 + c1 + c2))
    return heap[0][2] / sum(counts)


def word2vec_c_tree(counts):
    """A line-by-line transcription of word2vec.c's CreateBinaryTree (counts sorted descending)."""
    V = len(counts)
    count = [int(c) for c in counts] + [10**15] * (V - 1)
    binary = [0] * (2 * V - 1)
    parent = [0] * (2 * V - 1)
    pos1, pos2 = V - 1, V
    for a in range(V - 1):
        mins = []
        for _ in range(2):
            if pos1 >= 0:
                if count[pos1] < count[pos2]:
                    mins.append(pos1)
                    pos1 -= 1
                else:
                    mins.append(pos2)
                    pos2 += 1
            else:
                mins.append(pos2)
                pos2 += 1
        min1i, min2i = mins
        count[V + a] = count[min1i] + count[min2i]
        parent[min1i] = V + a
        parent[min2i] = V + a
        binary[min2i] = 1
    codes, points = [], []
    for a in range(V):
        b, code, point = a, [], []
        while True:
            code.append(binary[b])
            point.append(b)
            b = parent[b]
            if b == V * 2 - 2:
                break
        i = len(code)
        c = [0] * i
        p = [0] * (i + 1)
        p[0] = V - 2
        for k in range(i):
            c[i - k - 1] = code[k]
            p[i - k] = point[k] - V
        codes.append(c)
        points.append(p[:i])  # the last entry is the leaf itself (word2vec.c never reads it)
    return codes, points


def check_tree(counts):
    counts = np.asarray(counts, dtype=np.int64)
    V = len(counts)
    tree = build_huffman(counts)
    codes = [c.tolist() for c in tree.codes]
    points = [p.tolist() for p in tree.points]
    assert len(codes) == len(points) == V
    assert tree.n_inner == V - 1
    for c, p in zip(codes, points):
        assert len(c) == len(p) >= 1
        assert set(c) <= {0, 1}
        assert p[0] == V - 2  # root first
        assert all(0 <= n <= V - 2 for n in p)
        assert len(set(p)) == len(p)  # a path visits a node once
    # prefix-free, and complete (Kraft sum exactly 1: a full binary tree)
    strs = ["".join(map(str, c)) for c in codes]
    assert len(set(strs)) == V
    for a, b in itertools.permutations(strs, 2):
        assert not b.startswith(a), (a, b)
    assert sum(2.0 ** -len(c) for c in codes) == pytest.approx(1.0, abs=1e-12)
    # every inner node appears, and the paths form one tree: (node, bit) → one child everywhere
    assert set(itertools.chain.from_iterable(points)) == set(range(V - 1))
    child = {}
    for w, (c, p) in enumerate(zip(codes, points)):
        for j, (n, bit) in enumerate(zip(p, c)):
            nxt = ("inner", p[j + 1]) if j + 1 < len(p) else ("leaf", w)
            assert child.setdefault((n, bit), nxt) == nxt
    assert len(child) == 2 * (V - 1)  # each inner node has exactly two children
    # optimal: same expected length as a textbook Huffman code
    assert tree.expected_length(counts) == pytest.approx(heapq_expected_length(counts), rel=1e-12)
    got = float(np.dot(counts, [len(c) for c in codes]) / counts.sum())
    assert got == pytest.approx(heapq_expected_length(counts), rel=1e-12)
    # inner-node counts are sums of their children; the child with bit 0 is not the larger one
    for n in range(V - 1):
        k0, k1 = tree.children(n)
        assert tree.node_count[V + n] == tree.node_count[k0] + tree.node_count[k1]
        assert tree.node_count[k0] <= tree.node_count[k1]
    # the parent/bit arrays agree with codes/points
    for w in range(V):
        node, up_c, up_p = w, [], []
        while tree.parent[node] != -1:
            up_c.append(int(tree.bit[node]))
            up_p.append(int(tree.parent[node]) - V)
            node = tree.parent[node]
        assert up_c[::-1] == codes[w] and up_p[::-1] == points[w]
    # word2vec.c's construction, exactly
    ref_codes, ref_points = word2vec_c_tree(counts)
    assert codes == ref_codes
    assert points == ref_points
    return tree


def _zipf(V, s=1.0, scale=10_000):
    return sorted((max(1, int(scale / (r**s))) for r in range(1, V + 1)), reverse=True)


PROFILES = {
    "V=2": [5, 3],
    "V=2-equal": [4, 4],
    "V=3": [3, 2, 1],
    "ties": [9, 5, 5, 5, 3, 3, 2, 1, 1, 1],
    "all-equal-5": [7] * 5,
    "all-equal-8": [1] * 8,
    "all-equal-13": [3] * 13,
    "powers-of-two": [2**k for k in range(12, -1, -1)],
    "powers-of-two-repeated": [16, 8, 4, 2, 1, 1],
    "zipf-50": _zipf(50),
    "zipf-300-steep": _zipf(300, s=1.3),
    "fibonacci": [89, 55, 34, 21, 13, 8, 5, 3, 2, 1, 1],
    "one-big": [10**6, 1, 1, 1, 1],
}


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_huffman_profiles(name):
    check_tree(PROFILES[name])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=1000), min_size=2, max_size=40))
def test_huffman_random_counts(counts):
    check_tree(sorted(counts, reverse=True))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=4), min_size=2, max_size=64))
def test_huffman_random_counts_many_ties(counts):
    check_tree(sorted(counts, reverse=True))


def test_huffman_bad_input():
    with pytest.raises(CorpusError):
        build_huffman([5])
    with pytest.raises(CorpusError):
        build_huffman([])
    with pytest.raises(ValueError):
        build_huffman([1, 2, 3])  # must be in the vocabulary's (descending) order


def test_huffman_of_model_vocabulary():
    model = make_model(output="hs")
    tree = check_tree(model.vocab.counts)
    assert model.n_out == model.V - 1
    assert model.init_params().W_out.shape == (model.config.hidden, model.V - 1)
    assert [c.tolist() for c in model.tree.codes] == [c.tolist() for c in tree.codes]


# ---------------------------------------------------------------------------------------------------------
NOISE_COUNTS = [50, 20, 10, 7, 5, 3, 2, 1, 1]


def _check_frequencies(draws, counts, power):
    """χ² goodness of fit: p-value > 1e-4; and total-variation distance < 0.01 (n = 100,000)."""
    V = len(counts)
    expected_p = np.asarray(counts, float) ** power
    expected_p /= expected_p.sum()
    observed = np.bincount(draws, minlength=V)
    assert observed.sum() == len(draws) and len(observed) == V
    stat, pvalue = chisquare(observed, expected_p * len(draws))
    assert pvalue > 1e-4, (stat, pvalue, observed, expected_p * len(draws))
    tv = 0.5 * np.abs(observed / len(draws) - expected_p).sum()
    assert tv < 0.01, tv


@pytest.mark.parametrize("power", (0.75, 0.0, 1.0, 0.5))
def test_noise_distribution_follows_count_power(power):
    """100,000 draws ~ count^p / Z: χ² p-value > 1e-4 and total variation < 0.01."""
    noise = NoiseDistribution.build(NOISE_COUNTS, power)
    expect = np.asarray(NOISE_COUNTS, float) ** power
    np.testing.assert_allclose(noise.probs, expect / expect.sum(), rtol=1e-14)
    draws = noise.draw(1, rng.NEGATIVES, np.arange(100_000), 0)
    _check_frequencies(draws, NOISE_COUNTS, power)
    # the other counter axis is an independent stream too
    draws_j = noise.draw(7, rng.NEGATIVES, 3, np.arange(100_000))
    _check_frequencies(draws_j, NOISE_COUNTS, power)


@pytest.mark.parametrize("power", (0.75, 0.0))
def test_model_negatives_follow_noise_distribution(power):
    """Model.negatives over 20,000 steps × k = 5 = 100,000 draws; bound as above."""
    text = " ".join(w for w, c in zip("abcdefghi", NOISE_COUNTS) for _ in range(c)) + "\n"
    model = make_model(text, output="ns", negative=5, ns_power=power, window=1)
    assert model.vocab.counts.tolist() == NOISE_COUNTS
    draws = np.concatenate([model.negatives(s, 1).ravel() for s in range(1, 20_001)])
    assert len(draws) == 100_000
    _check_frequencies(draws, NOISE_COUNTS, power)


def test_negatives_are_pure_functions_of_seed_and_step():
    m = make_model(output="ns", negative=4)
    a = m.negatives(17, 3)
    assert a.shape == (3, 4)
    assert np.array_equal(a, make_model(output="ns", negative=4).negatives(17, 3))
    assert np.array_equal(a, m.negatives(17, 3))
    # target c's draws do not depend on how many targets the step has
    assert np.array_equal(m.negatives(17, 1)[0], a[0])
    other = make_model(output="ns", negative=4, seed=9)
    assert any(not np.array_equal(m.negatives(s, 3), other.negatives(s, 3)) for s in range(1, 10))
    assert any(not np.array_equal(m.negatives(s, 3), m.negatives(s + 1, 3)) for s in range(1, 10))


def test_rng_uniform_range():
    u = rng.uniform(5, rng.NEGATIVES, np.arange(200_000), 0)
    assert u.min() >= 0.0 and u.max() < 1.0
    assert abs(u.mean() - 0.5) < 0.005
    with pytest.raises(ExplorerError):
        make_model(output="ns", ns_power=-0.5)
