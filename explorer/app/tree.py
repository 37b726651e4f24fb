"""What the tree panel draws: the Huffman paths of hierarchical softmax for the step shown.

The whole tree has 2V − 1 nodes; a lecture needs the part this step touches. For each target word
(CBOW: one; skip-gram: one per context word) :func:`tree_panels` lays out its path from the root to the
word's leaf, and beside every node on the path its *sibling*, the child the path did not take: a leaf
(a word) or a collapsed subtree ("n12 · 5 words"). The rest of the tree is not drawn.

Layout: node j of the path sits at depth j (the root at depth 0); the child with code bit 0 — the paper's
"left" child, label t = 1 — goes down to the left, bit 1 down to the right. So the path zig-zags and at each
depth there are exactly two nodes (the path's and its sibling), which never overlap.

At each inner node n on the path the record gives (paper names): u = v'_nᵀh, y = σ(u), t = 1 − code,
e = y − t; the node's share of the loss is −log σ(±u) (+ when t = 1). Nothing is recomputed except that
share, from the record's u and t with the engine's one implementation (:func:`~explorer.engine.sigmoid`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine.loss import term_loss
from ..engine.record import NodeTerm

#: horizontal distance between a node and either child (layout units; a view scales them)
HALF_GAP = 1.0

_LEAF_COUNTS: dict[int, tuple[object, np.ndarray]] = {}


@dataclass(frozen=True)
class TreeNode:
    """A node drawn: ``kind`` is ``"inner"`` (on the path), ``"leaf"`` (a word: the target's leaf or a
    sibling leaf) or ``"subtree"`` (a sibling inner node, collapsed). ``node`` is its number in the tree
    (leaves 0..V−1 = word ids, inner nodes V + n); ``inner`` the inner-node id n (column of W'), −1 for a
    leaf. ``term`` is the record's NodeTerm for a node on the path (u, y, t, e, code). ``leaves``: words
    under it. (x, depth) is its place."""

    node: int
    inner: int
    kind: str
    label: str
    x: float
    depth: int
    on_path: bool
    leaves: int = 1
    term: NodeTerm | None = None
    loss: float = 0.0  # −log σ(±u) at a path node (its share of E); 0 elsewhere
    came_by: int = -1  # the code bit of the branch into this node (−1: the root)


@dataclass(frozen=True)
class TreeEdge:
    """A branch from ``parent`` to ``child`` (indices into the panel's nodes) with its code ``bit``."""

    parent: int
    child: int
    bit: int
    on_path: bool


@dataclass(frozen=True)
class TreePanel:
    """One target's path: the target word, its Huffman code (root first), the nodes and branches to draw,
    the path's loss E_c = Σ −log σ(±u) and the layout's extent in x."""

    target: str
    target_id: int
    code: tuple
    nodes: tuple
    edges: tuple
    loss: float
    x_min: float
    x_max: float

    @property
    def path(self) -> tuple:
        """The nodes on the path, root first, ending with the target's leaf."""
        return tuple(n for n in self.nodes if n.on_path)

    @property
    def depth(self) -> int:
        return max((n.depth for n in self.nodes), default=0)


def leaf_counts(tree) -> np.ndarray:
    """Number of words (leaves) under each of the 2V − 1 nodes (cached for the last tree asked)."""
    hit = _LEAF_COUNTS.get(id(tree))
    if hit is not None and hit[0] is tree:
        return hit[1]
    V = len(tree.codes)
    counts = np.zeros(2 * V - 1, dtype=np.int64)
    counts[:V] = 1
    parent = tree.parent.tolist()
    acc = counts.tolist()
    for k in range(2 * V - 2):  # children are created before their parent: parent[k] > k
        acc[parent[k]] += acc[k]
    counts[:] = acc
    counts.setflags(write=False)
    _LEAF_COUNTS.clear()
    _LEAF_COUNTS[id(tree)] = (tree, counts)
    return counts


def _kept_levels(n: int, max_levels: int | None) -> tuple[int, int]:
    """Of a path of ``n`` inner nodes drawn in at most ``max_levels`` levels: how many from the root and how
    many before the leaf are kept (the rest is one "⋮" level between them); (n, 0) when all fit."""
    if max_levels is None or n <= max_levels:
        return n, 0
    head = max(1, (max_levels - 1) // 2)
    return head, max(1, max_levels - 1 - head)


def _path_panel(tree, words, target: int, terms, counts, max_levels=None, lean=HALF_GAP) -> TreePanel:
    V = len(words)
    points, code = tree.points[target], tree.codes[target]
    by_inner = {t.id: t for t in terms}
    nodes: list[TreeNode] = []
    edges: list[TreeEdge] = []
    x = 0.0
    loss = 0.0
    prev = -1
    head, tail = _kept_levels(len(points), max_levels)
    level = 0  # the level drawn (the path's depth, less the levels left out)
    for depth, (n, bit) in enumerate(zip(points.tolist(), code.tolist())):
        term = by_inner.get(n)
        part = 0.0
        if term is not None and not term.skipped:
            part = term_loss(term.u, term.t)
            loss += part
        if head <= depth < len(points) - tail:  # left out: one "⋮ k nodes" level stands for them all
            if depth == head:
                nodes.append(
                    TreeNode(
                        -1,
                        -1,
                        "elided",
                        "\u22ee",
                        x,
                        level,
                        True,
                        len(points) - head - tail,
                        came_by=int(code[depth - 1]),
                    )
                )
                edges.append(TreeEdge(prev, len(nodes) - 1, int(code[depth - 1]), True))
                prev = len(nodes) - 1
                level += 1
            continue
        came = int(code[depth - 1]) if depth else -1
        nodes.append(
            TreeNode(V + n, n, "inner", f"n{n}", x, level, True, int(counts[V + n]), term, part, came)
        )
        me = len(nodes) - 1
        if prev >= 0:
            edges.append(TreeEdge(prev, me, int(code[depth - 1]), True))
        # the child not taken: a word, or a subtree shown collapsed
        k0, k1 = tree.children(n)
        other = k1 if bit == 0 else k0
        ox = x + (HALF_GAP if bit == 0 else -HALF_GAP)
        if other < V:
            nodes.append(TreeNode(other, -1, "leaf", words[other], ox, level + 1, False, came_by=1 - bit))
        else:
            nodes.append(
                TreeNode(
                    other,
                    other - V,
                    "subtree",
                    f"n{other - V}",
                    ox,
                    level + 1,
                    False,
                    int(counts[other]),
                    came_by=1 - bit,
                )
            )
        edges.append(TreeEdge(me, len(nodes) - 1, 1 - bit, False))
        x += -lean if bit == 0 else lean
        prev = me
        level += 1
    nodes.append(TreeNode(target, -1, "leaf", words[target], x, level, True, came_by=int(code[-1])))
    if prev >= 0:
        edges.append(TreeEdge(prev, len(nodes) - 1, int(code[-1]), True))
    xs = [n.x for n in nodes]
    return TreePanel(
        words[target], target, tuple(int(b) for b in code), tuple(nodes), tuple(edges), loss, min(xs), max(xs)
    )


def tree_panels(
    rec, tree, words, which: int | None = None, max_levels: int | None = None, lean: float = HALF_GAP
) -> list[TreePanel]:
    """One :class:`TreePanel` per target of the hierarchical-softmax record ``rec`` (all of them, or only
    target ``which``); none for another output layer or before the first example.

    ``max_levels``: a path with more inner nodes than that keeps its first and last ones, the rest drawn as
    one node of kind ``"elided"`` (``leaves`` = how many it stands for; their siblings are not drawn, their
    loss still counts in E). ``lean``: how far the path moves sideways at each level (``HALF_GAP`` zig-zags
    like the tree; less keeps a deep path narrow)."""
    if rec is None or rec.output != "hs" or rec.paths is None:
        return []
    counts = leaf_counts(tree)
    panels = []
    for c, (target, terms) in enumerate(zip(rec.target_ids, rec.paths)):
        if which is not None and c != which:
            continue
        panels.append(_path_panel(tree, words, int(target), terms, counts, max_levels, lean))
    return panels


def side_by_side(panels, gap: float = 1.5) -> list[float]:
    """x offset of each panel so that they stand side by side ``gap`` apart."""
    offsets, right = [], None
    for p in panels:
        off = 0.0 if right is None else right + gap - p.x_min
        offsets.append(off)
        right = off + p.x_max
    return offsets


def node_text(node: TreeNode) -> str:
    """The label of a node as the panel writes it (numbers with 3 significant digits)."""
    if node.kind == "inner":
        t = node.term
        if t is None:
            return node.label
        if t.skipped:
            return f"{node.label}  u={t.u:.3g} (skipped: |u| ≥ 6)"
        return f"{node.label}  u={t.u:.3g}  σ(u)={t.y:.3g}  t={t.t:g}  e={t.e:.3g}"
    if node.kind == "subtree":
        return f"{node.label} · {node.leaves}"
    return node.label


__all__ = [
    "TreeNode",
    "TreeEdge",
    "TreePanel",
    "tree_panels",
    "leaf_counts",
    "side_by_side",
    "node_text",
    "HALF_GAP",
]
