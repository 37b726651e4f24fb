"""The Huffman tree of hierarchical softmax, built the way word2vec.c builds it.

Leaves are the V words in descending count; the V−1 inner nodes are numbered 0..V−2 in the order they
are created, so the root is V−2 and each inner node's vector is column ``n`` of W' (N × (V−1)).
At each merge the two smallest nodes are taken (leaves from the low-count end, inner nodes in creation
order; a leaf is taken only when strictly smaller than the next inner node, as in word2vec.c); the first
taken gets code bit 0, the second bit 1. Bit 0 means label t = 1: the paper's "left" child, [[·]] = +1.

For word w, ``codes[w]`` and ``points[w]`` run root first: at inner node ``points[w][j]`` the path goes
to the child with bit ``codes[w][j]``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import CorpusError


@dataclass(frozen=True)
class HuffmanTree:
    codes: tuple[np.ndarray, ...]  # per word, uint8 bits, root first
    points: tuple[np.ndarray, ...]  # per word, inner-node ids, root first
    parent: np.ndarray  # (2V−1,) parent of each node (leaves 0..V−1, inner V..2V−2), −1 for root
    bit: np.ndarray  # (2V−1,) code bit of each node
    node_count: np.ndarray  # (2V−1,) counts of leaves and inner nodes

    @property
    def n_inner(self) -> int:
        return len(self.codes) - 1

    def expected_length(self, counts) -> float:
        counts = np.asarray(counts, dtype=np.float64)
        return float(sum(c * len(code) for c, code in zip(counts, self.codes)) / counts.sum())

    def children(self, inner: int) -> tuple[int, int]:
        """(child with bit 0, child with bit 1) of inner node ``inner``, as node numbers 0..2V−2."""
        V = len(self.codes)
        kids = np.flatnonzero(self.parent == V + inner)
        k0 = [k for k in kids if self.bit[k] == 0][0]
        k1 = [k for k in kids if self.bit[k] == 1][0]
        return int(k0), int(k1)


def build_huffman(counts) -> HuffmanTree:
    """Build the tree for word counts sorted in descending order (the vocabulary's order)."""
    counts = np.asarray(counts, dtype=np.int64)
    V = len(counts)
    if V < 2:
        raise CorpusError("hierarchical softmax needs at least 2 words in the vocabulary")
    if np.any(np.diff(counts) > 0):
        raise ValueError("counts must be in descending order")
    big = np.iinfo(np.int64).max // 4
    count = [int(c) for c in counts] + [big] * (V - 1)  # Python lists: the loops below run V times
    parent = [-1] * (2 * V - 1)
    bit = [0] * (2 * V - 1)
    pos1, pos2 = V - 1, V  # next smallest leaf (moving down), next smallest inner node (moving up)
    for a in range(V - 1):
        picked = []
        for _ in range(2):
            if pos1 >= 0 and count[pos1] < count[pos2]:  # not yet created inner nodes count as 'big'
                picked.append(pos1)
                pos1 -= 1
            else:
                picked.append(pos2)
                pos2 += 1
        m1, m2 = picked
        count[V + a] = count[m1] + count[m2]
        parent[m1] = parent[m2] = V + a
        bit[m2] = 1
    codes: list[np.ndarray] = []
    points: list[np.ndarray] = []
    for w in range(V):
        c, p = [], []
        node = w
        while parent[node] != -1:
            c.append(bit[node])
            p.append(parent[node] - V)
            node = parent[node]
        codes.append(np.array(c[::-1], dtype=np.uint8))
        points.append(np.array(p[::-1], dtype=np.int64))
    count_a = np.array(count, dtype=np.int64)
    parent_a = np.array(parent, dtype=np.int64)
    bit_a = np.array(bit, dtype=np.uint8)
    for arr in (*codes, *points, parent_a, bit_a, count_a):
        arr.setflags(write=False)
    return HuffmanTree(tuple(codes), tuple(points), parent_a, bit_a, count_a)
