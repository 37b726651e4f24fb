"""The model: corpus, vocabulary, configuration and everything derived from them (Huffman tree, noise
distribution, example stream), plus the step that turns (parameters, step index) into a record.

Typical use::

    model = Model.from_text(text, Config(arch="skipgram", output="hs"))
    params = model.init_params()
    rec = model.compute(params, step=1)     # pure: nothing changes yet
    model.apply(params, rec)                # W, W' ← the record's after-values
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from ..errors import ConfigError, CorpusError
from . import rng
from .config import Config
from .corpus import Corpus, Vocabulary, build_vocabulary, parse
from .estimate import estimate
from .examples import Example, ExampleStream
from .huffman import HuffmanTree, build_huffman
from .noise import NoiseDistribution
from .params import Params, init_params, n_output_vectors
from .record import StepRecord
from .step import record_step

#: the four phases of one example, in order (sub-steps of the GUI and the session)
PHASES = ("forward", "error", "output update", "input update")


class Model:
    def __init__(self, corpus: Corpus, config: Config, vocab: Vocabulary | None = None):
        self.corpus = corpus
        self.config = config
        self.vocab = vocab if vocab is not None else build_vocabulary(corpus, config.min_count)
        config.check_size(len(self.vocab))
        self.stream = ExampleStream(corpus, self.vocab, config)
        if not self.stream.has_examples():
            raise CorpusError(
                "the corpus gives no training examples (every sentence has a single word after min_count)"
            )
        self.words = self.vocab.words

    @classmethod
    def from_text(cls, text: str, config: Config, fmt: str = "auto") -> Model:
        return cls(parse(text, fmt, config.lowercase, config.segment), config)

    # -- derived structures -----------------------------------------------------------------------
    @property
    def V(self) -> int:
        return len(self.vocab)

    @property
    def n_out(self) -> int:
        """Number of output vectors: V (softmax, ns) or V−1 inner nodes (hs)."""
        return n_output_vectors(self.config.output, self.V)

    @cached_property
    def tree(self) -> HuffmanTree:
        return build_huffman(self.vocab.counts)

    @cached_property
    def noise(self) -> NoiseDistribution:
        return NoiseDistribution.build(self.vocab.counts, self.config.ns_power)

    def out_label(self, j: int) -> str:
        """Name of output vector j: the word, or ``n<j>`` for an inner node."""
        return f"n{j}" if self.config.output == "hs" else self.words[j]

    def cost_warning(self) -> str | None:
        """A one-line warning when one recorded step would be slow or large (e.g. V = 100,000 with the
        full softmax), with the estimate and what to do instead; None when the configuration is fine."""
        c = self.config
        panels = 2 * c.window if (c.arch == "skipgram" and c.mode == "paper") else 1
        return estimate(self.V, c.hidden, c.output, panels, c.negative).warning(self.V, c.output)

    def init_params(self) -> Params:
        c = self.config
        return init_params(self.V, c.hidden, c.output, c.init_scheme, c.seed)

    def check_params(self, params: Params) -> None:
        want_w, want_o = (self.V, self.config.hidden), (self.config.hidden, self.n_out)
        if params.W.shape != want_w or params.W_out.shape != want_o:
            raise ConfigError(
                f"parameter shapes {params.W.shape}, {params.W_out.shape} do not match "
                f"V = {self.V}, N = {self.config.hidden}, output {self.config.output}"
            )

    # -- examples ---------------------------------------------------------------------------------
    def example(self, step: int) -> Example:
        return self.stream.example(step)

    def negatives(self, step: int, n_targets: int) -> np.ndarray:
        """(targets, k) negatives of ``step``: draw j of target c is noise draw (seed, step, c·k + j)."""
        k = self.config.negative
        j = np.arange(n_targets * k)
        return self.noise.draw(self.config.seed, rng.NEGATIVES, step, j).reshape(n_targets, k)

    def lr_at(self, step: int, base_lr: float | None = None) -> float:
        base = self.config.lr if base_lr is None else base_lr
        return base * self.example(step).lr_factor

    # -- the step ---------------------------------------------------------------------------------
    def compute(
        self, params: Params, step: int, base_lr: float | None = None, example: Example | None = None
    ) -> StepRecord:
        """Compute step ``step`` (1-based) at ``params`` without changing them.

        Raises :class:`~explorer.errors.BlowUpError` if any quantity is non-finite or past the bound.
        """
        ex = example if example is not None else self.example(step)
        base = self.config.lr if base_lr is None else base_lr
        return record_step(self, params, ex, base * ex.lr_factor)

    @staticmethod
    def apply(params: Params, rec: StepRecord, part: str = "all") -> None:
        """Write the record's after-values: ``part`` is ``all``, ``out`` (W') or ``in`` (W)."""
        if part in ("all", "out") and len(rec.out_ids):
            params.W_out[:, rec.out_ids] = rec.out_after.T
        if part in ("all", "in") and len(rec.in_ids):
            params.W[rec.in_ids] = rec.in_after

    @staticmethod
    def revert(params: Params, rec: StepRecord, part: str = "all") -> None:
        """Write the record's before-values back (exact undo)."""
        if part in ("all", "in") and len(rec.in_ids):
            params.W[rec.in_ids] = rec.in_before
        if part in ("all", "out") and len(rec.out_ids):
            params.W_out[:, rec.out_ids] = rec.out_before.T

    def step(self, params: Params, step: int, base_lr: float | None = None) -> StepRecord:
        """Compute and apply one step."""
        rec = self.compute(params, step, base_lr)
        self.apply(params, rec)
        return rec


def compile_kernels() -> float:
    """Compile (or load from the disk cache) the kernels; returns seconds."""
    import time

    from .fast import fast_forward

    t = time.perf_counter()
    text = "a b c a b d\nb c d a\n"
    for output in ("softmax", "hs", "ns"):
        m = Model.from_text(text, Config(output=output, hidden=2, window=1, negative=2))
        p = m.init_params()
        fast_forward(m, p, 1, 2)
        m.compute(p, 3)
    return time.perf_counter() - t
