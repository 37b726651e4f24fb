"""What the samples panel draws: negative sampling's draws per target, and the noise distribution.

For each target word (CBOW: one; skip-gram: one per context word) the record holds the positive word w_O
(t = 1) and its k negatives (t = 0), drawn from P_n(w) ∝ count(w)^p. A word drawn twice is two terms of E
and two updates of its v'_j; :func:`sample_groups` lists it once with its ``count`` and the sum of its
errors Σ e (what its update v'_j ← v'_j − η·Σ e·h uses in paper mode).

:func:`noise_bars` gives the bar chart: P_n(w) for the words (all of them up to ``cap``; beyond, the most
probable ones and every drawn word) and how often each was drawn in this step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: at most this many bars (the drawn words always have one)
MAX_BARS = 30


@dataclass(frozen=True)
class SampleRow:
    """One word of one target: the positive (``positive``) or a negative, ``count`` times drawn. u, y, t are
    the first draw's (u = v'ᵀh, y = σ(u), t the label), ``e_sum`` = Σ e over the draws; ``skipped`` counts
    draws word2vec.c skips (reference mode: a negative equal to the positive)."""

    id: int
    word: str
    positive: bool
    count: int
    u: float
    y: float
    t: float
    e_sum: float
    skipped: int = 0


@dataclass(frozen=True)
class SampleGroup:
    """The draws of one target: its rows (the positive first, then negatives by first draw) and k."""

    target: str
    target_id: int
    rows: tuple
    k: int

    @property
    def duplicates(self) -> tuple:
        """Negatives drawn more than once."""
        return tuple(r for r in self.rows if not r.positive and r.count > 1)


def sample_groups(rec) -> list[SampleGroup]:
    """One :class:`SampleGroup` per target of the negative-sampling record ``rec`` (none otherwise)."""
    if rec is None or rec.output != "ns" or rec.samples is None:
        return []
    groups = []
    for target, word, terms in zip(rec.target_ids, rec.targets, rec.samples):
        rows: dict[tuple[int, bool], dict] = {}
        for pos, term in enumerate(terms):
            key = (term.id, pos == 0)
            r = rows.get(key)
            if r is None:
                rows[key] = r = {"term": term, "count": 0, "e": 0.0, "skipped": 0}
            r["count"] += 1
            if term.skipped:
                r["skipped"] += 1
            else:
                r["e"] += term.e
        out = tuple(
            SampleRow(t.id, t.word, pos, r["count"], t.u, t.y, t.t, r["e"], r["skipped"])
            for (_, pos), r in rows.items()
            for t in (r["term"],)
        )
        groups.append(SampleGroup(word, int(target), out, len(terms) - 1))
    return groups


@dataclass(frozen=True)
class NoiseBars:
    """Bars of P_n(w): word ids (most probable first), their words, probabilities, how often each was drawn
    as a negative in this step (all targets), whether it is a positive of this step, and how many words
    have no bar."""

    ids: np.ndarray
    words: tuple
    probs: np.ndarray
    drawn: np.ndarray
    positive: np.ndarray
    left_out: int
    power: float


def noise_bars(rec, noise, words, power: float, cap: int = MAX_BARS, groups=None) -> NoiseBars:
    """The bar chart of the noise distribution ``noise`` (:class:`~explorer.engine.noise.NoiseDistribution`)
    with this step's draws marked (``rec`` may be ``None``: no marks); ``groups``: only these targets' draws
    (the panel shows one target of skip-gram), by default all of the record's."""
    probs = np.asarray(noise.probs)
    V = len(probs)
    drawn_count: dict[int, int] = {}
    pos_ids: set[int] = set()
    for g in sample_groups(rec) if groups is None else groups:
        for r in g.rows:
            if r.positive:
                pos_ids.add(r.id)
            else:
                drawn_count[r.id] = drawn_count.get(r.id, 0) + r.count
    order = np.argsort(-probs, kind="stable")
    if V <= cap:
        ids = order
    else:
        must = [i for i in order if int(i) in drawn_count or int(i) in pos_ids]
        room = max(0, cap - len(must))
        keep = set(must) | {int(i) for i in order[:room]}
        ids = np.array([i for i in order if int(i) in keep], dtype=np.int64)
    ids = np.asarray(ids, dtype=np.int64)
    return NoiseBars(
        ids,
        tuple(words[i] for i in ids),
        probs[ids],
        np.array([drawn_count.get(int(i), 0) for i in ids], dtype=np.int64),
        np.array([int(i) in pos_ids for i in ids], dtype=bool),
        V - len(ids),
        power,
    )


__all__ = ["SampleRow", "SampleGroup", "sample_groups", "NoiseBars", "noise_bars", "MAX_BARS"]
