"""What the network panel draws: which nodes of each layer, and what the guided walk lights up.

A vocabulary of thousands of words does not fit a column of nodes: the panel shows at most
:data:`CAP_WORDS` input and output words (the example's own words first) and :data:`CAP_HIDDEN` hidden units
(the largest |h_i|), and says how many more there are. These choices only read the session and its record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..engine import geometry

CAP_WORDS = 40
CAP_HIDDEN = 24
#: highlight keys (see :mod:`.walk`) that light up the hidden layer / the output column
HIDDEN_KEYS = frozenset({"h", "EH"})
OUTPUT_KEYS = frozenset({"u", "y", "t", "e", "EI", "E"})


@dataclass(frozen=True)
class Shown:
    """The nodes to draw: ids of the input words, hidden units and output nodes (a word, a Huffman inner
    node or a sample), and how many of each layer are left out."""

    ins: np.ndarray
    hid: np.ndarray
    outs: np.ndarray
    more: tuple[int, int, int]


def rows_that_fit(height: float, row: float, reserved: float, more: float, total: int, least: int = 4) -> int:
    """How many of ``total`` word rows ``row`` apart fit ``height`` (scene units) beside ``reserved`` units of
    headers: all of them when they fit, else as many as fit with the "… n more" line (``more`` units) below;
    at most :data:`CAP_WORDS`, at least ``least`` (the example's own words)."""
    if height <= 0 or row <= 0:
        return CAP_WORDS
    if (total - 1) * row + reserved <= height:
        return int(min(CAP_WORDS, max(least, total)))
    return int(min(CAP_WORDS, max(least, (height - reserved - more) // row + 1)))


def choose_nodes(session, rec, cap: int = CAP_WORDS, cap_hidden: int = CAP_HIDDEN) -> Shown:
    """The nodes for the session's current record ``rec`` (``None`` before the first example), at most
    ``cap`` words per column (a panel that shows fewer rows without scrolling asks for fewer): the example's
    own words always, then for softmax the outputs of highest y, for the inputs the most frequent words.
    Hierarchical softmax and negative sampling show this step's nodes (path nodes, samples) in order; at most
    ``cap_hidden`` hidden units (the largest |h_i|)."""
    V, N = session.model.V, session.config.hidden
    cap = max(1, min(int(cap), CAP_WORDS))
    active_in = sorted(set(rec.input_ids)) if rec is not None else []
    ins, more_in = geometry.select_shown(V, cap, active_in)
    ch = max(1, min(int(cap_hidden), CAP_HIDDEN))
    hid = geometry.top_by_magnitude(rec.h, ch) if rec is not None else np.arange(min(N, ch))
    more_h = N - len(hid)
    out = session.config.output
    if out == "softmax":
        act = sorted(set(rec.target_ids)) if rec is not None else []
        outs, more_o = geometry.select_shown(V, cap, act, rec.y if rec is not None else None)
    else:
        terms = rec.terms() if rec is not None else None
        if terms:
            seen = []
            for group in terms:
                for term in group:
                    if term.id not in seen:
                        seen.append(term.id)
            outs = np.array(seen[:cap], dtype=np.int64)
            more_o = len(seen) - len(outs)
        elif out == "hs":
            n = session.model.n_out
            outs = np.arange(n - 1, max(-1, n - 1 - cap), -1)
            more_o = n - len(outs)
        else:
            outs, more_o = geometry.select_shown(V, cap)
    return Shown(np.asarray(ins), np.asarray(hid), np.asarray(outs), (more_in, more_h, more_o))


@dataclass
class Lit:
    """What the walk's highlight lights up: the hidden layer, input / output nodes, and the nodes whose edges
    glow (ids)."""

    hidden: bool = False
    inputs: set = field(default_factory=set)
    outputs: set = field(default_factory=set)
    edges_in: set = field(default_factory=set)
    edges_out: set = field(default_factory=set)


def lit_by(names, shown_out, rec) -> Lit:
    """The nodes and edges the highlight ``names`` lights up, with ``shown_out`` the output ids drawn."""
    lit = Lit(hidden=bool(names & HIDDEN_KEYS))
    if names & OUTPUT_KEYS:
        lit.outputs.update(int(j) for j in shown_out)
    for n in names:
        kind, _, ident = n.partition(":")
        if ident.isdigit() and kind in ("in", "out"):
            (lit.edges_in if kind == "in" else lit.edges_out).add(int(ident))
            (lit.inputs if kind == "in" else lit.outputs).add(int(ident))
    if rec is not None:
        # "out" / "in" alone: every vector this step changed; with one named ("out:<id>"), just that one
        if "out" in names and not lit.edges_out:
            ids = {int(j) for j in rec.out_ids}
            lit.outputs.update(ids)
            lit.edges_out.update(ids)
        if "in" in names and not lit.edges_in:
            ids = {int(i) for i in rec.in_ids}
            lit.inputs.update(ids)
            lit.edges_in.update(ids)
    return lit
