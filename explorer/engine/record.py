"""The step record: an immutable account of everything one SGD step computed and changed.

Views draw it, the trace writes it, tests check it, undo restores its ``before`` values. Arrays are
read-only. Vectors that changed are kept as stacked arrays (``out_ids``, ``out_before``, ``out_delta``,
``out_after`` and the same for ``in``); :attr:`StepRecord.out` and :attr:`StepRecord.in_` give them as
:class:`VectorUpdate` objects.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class VectorUpdate:
    """One vector the step changed: v_after = v_before + delta.

    In paper mode ``after`` is computed as ``before + delta`` (bit-exact). In reference mode a column that
    word2vec.c updates twice in one step (a negative drawn twice) gets its updates one after another, so
    ``after`` is the applied value and ``delta`` the sum of the updates: equal up to the last bit.
    """

    id: int  # row of W (input) or column of W' (output)
    word: str  # the word, or "n<id>" for an inner node of the Huffman tree
    before: np.ndarray
    delta: np.ndarray
    after: np.ndarray


@dataclass(frozen=True)
class NodeTerm:
    """One term of hierarchical softmax or negative sampling for one target.

    u = v'ᵀh, y = σ(u), t the label (1: the path goes left / the positive word; 0: right / a negative),
    e = y − t. ``code`` is the Huffman bit (hs; t = 1 − code). ``skipped`` marks a term word2vec.c skips
    (reference mode: an HS node with |u| ≥ 6, or a negative equal to the positive word).
    """

    id: int
    word: str
    u: float
    y: float
    t: float
    e: float
    code: int = -1
    skipped: bool = False

    def to_json(self, kind: str) -> dict:
        d: dict = {"id": self.id}
        if kind == "hs":
            d["code"] = self.code
        else:
            d["word"] = self.word
        d.update(u=self.u, y=self.y, t=self.t, e=self.e)
        if self.skipped:
            d["skipped"] = True
        return d


def _ro(a):
    if a is None:
        return None
    a = np.asarray(a)
    a.setflags(write=False)
    return a


@dataclass(frozen=True)
class StepRecord:
    """Everything one example did. Names follow the paper (see each field)."""

    step: int  # 1-based
    epoch: int
    arch: str
    output: str
    mode: str
    inputs: tuple  # input words (CBOW: the context; skip-gram: the centre word)
    input_ids: tuple
    targets: tuple  # target words (one output panel each)
    target_ids: tuple
    h: np.ndarray  # hidden layer h (word2vec.c: neu1)
    lr: float  # η used by this step
    loss: float  # E at the before-values
    EH: np.ndarray  # ∂E/∂h = Σ_j e_j v'_j (old v'_j); word2vec.c neu1e = −η·EH
    out_ids: np.ndarray
    out_before: np.ndarray  # (k, N)
    out_delta: np.ndarray
    out_after: np.ndarray
    in_ids: np.ndarray
    in_before: np.ndarray
    in_delta: np.ndarray
    in_after: np.ndarray
    out_words: tuple = ()
    in_words: tuple = ()
    u: np.ndarray | None = None  # softmax: u_j = v'_jᵀh, (V,)
    y: np.ndarray | None = None  # softmax: y_j = exp(u_j) / Σ exp(u_j'), (V,)
    t: np.ndarray | None = None  # softmax: one-hot targets, (V,) or (panels, V)
    e: np.ndarray | None = None  # softmax: e = y − t, (V,) or (panels, V)
    EI: np.ndarray | None = None  # softmax with several panels: EI_j = Σ_c e_{c,j}
    paths: tuple | None = None  # hs: per target, tuple of NodeTerm on its Huffman path, root first
    samples: tuple | None = None  # ns: per target, tuple of NodeTerm, positive first
    span: tuple = (0, 0)  # the example's character span in the corpus text

    def __post_init__(self):
        for name in (
            "h",
            "EH",
            "out_ids",
            "out_before",
            "out_delta",
            "out_after",
            "in_ids",
            "in_before",
            "in_delta",
            "in_after",
            "u",
            "y",
            "t",
            "e",
            "EI",
        ):
            object.__setattr__(self, name, _ro(getattr(self, name)))

    @property
    def out(self) -> tuple[VectorUpdate, ...]:
        """Output vectors (columns of W') this step changed."""
        return tuple(
            VectorUpdate(int(i), w, b, d, a)
            for i, w, b, d, a in zip(
                self.out_ids, self.out_words, self.out_before, self.out_delta, self.out_after
            )
        )

    @property
    def in_(self) -> tuple[VectorUpdate, ...]:
        """Input vectors (rows of W) this step changed."""
        return tuple(
            VectorUpdate(int(i), w, b, d, a)
            for i, w, b, d, a in zip(self.in_ids, self.in_words, self.in_before, self.in_delta, self.in_after)
        )

    def terms(self):
        """hs paths or ns samples (per target), else None."""
        return self.paths if self.output == "hs" else self.samples if self.output == "ns" else None

    def to_json(self) -> dict:
        """The trace line (one JSON object per step). Floats keep full precision."""

        def lst(a):
            return None if a is None else a.tolist()

        def vecs(ids, words, b, d, a):
            return [
                {"id": int(i), "word": w, "before": bb.tolist(), "delta": dd.tolist(), "after": aa.tolist()}
                for i, w, bb, dd, aa in zip(ids, words, b, d, a)
            ]

        d = {
            "step": self.step,
            "epoch": self.epoch + 1,
            "arch": self.arch,
            "output": self.output,
            "mode": self.mode,
            "inputs": list(self.inputs),
            "targets": list(self.targets),
            "h": lst(self.h),
            "u": lst(self.u),
            "y": lst(self.y),
            "t": lst(self.t),
            "e": lst(self.e),
            "EI": lst(self.EI),
            "EH": lst(self.EH),
            "loss": self.loss,
            "lr": self.lr,
        }
        if self.paths is not None:
            d["paths"] = [[n.to_json("hs") for n in p] for p in self.paths]
        if self.samples is not None:
            d["samples"] = [[n.to_json("ns") for n in s] for s in self.samples]
        d["out"] = vecs(self.out_ids, self.out_words, self.out_before, self.out_delta, self.out_after)
        d["in"] = vecs(self.in_ids, self.in_words, self.in_before, self.in_delta, self.in_after)
        return d
