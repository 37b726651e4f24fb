"""Training configuration: every knob of one run, validated once.

Names follow the paper: N hidden size, C window (context words on each side), η learning rate.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..errors import ConfigError
from .segment import SEGMENTS

ARCHS = ("cbow", "skipgram")
OUTPUTS = ("softmax", "hs", "ns")
MODES = ("paper", "reference")
INITS = ("uniform", "word2vec", "gensim", "lecture")

#: word2vec.c floors the decayed learning rate at alpha0 * 1e-4.
LR_FLOOR_RATIO = 1e-4

# -- caps: every value that multiplies work or memory has an upper bound (README, "Bad input") --------
#: hidden size N
MAX_HIDDEN = 10_000
#: window m (context words on each side); the example plan holds C = 2m context slots per corpus word
MAX_WINDOW = 100
#: negatives k per target
MAX_NEGATIVE = 1000
#: noise exponent p: count^p must stay finite for every count a corpus can have
MAX_NS_POWER = 10.0
#: V × N of each weight matrix (W and W'): 10^8 float64 values are 800 MB
MAX_MATRIX_VALUES = 10**8
#: V × N with the full softmax, whose every step computes and records all V output vectors
#: (about 3·V·N·8 bytes per step: 240 MB at the cap); the cost warning starts far below
MAX_SOFTMAX_VALUES = 10**7


@dataclass(frozen=True)
class Config:
    """One run's settings.

    arch      ``cbow`` (context → centre) or ``skipgram`` (centre → contexts)
    output    ``softmax`` (full), ``hs`` (hierarchical softmax) or ``ns`` (negative sampling)
    mode      ``paper`` (Rong's derivation) or ``reference`` (what word2vec.c / gensim do)
    hidden    N, the size of h
    window    C, context words on each side of the centre word (reference mode: the maximum)
    lr        η (reference mode: α₀, decayed linearly to α₀·1e-4 over ``epochs``)
    seed      everything random is a pure function of (seed, step)
    epochs    planned epochs (reference mode's learning-rate decay needs the total)
    shuffle   permute each epoch's examples by the seed
    init      ``uniform``: W and W' uniform in [−0.5/N, 0.5/N); ``word2vec``: W uniform, W' = 0;
              ``gensim``: W uniform in [−1/N, 1/N) (gensim's range), W' = 0;
              ``lecture``: W and W' uniform in [−2/√N, 2/√N), which learns visibly in the first epoch of
              the presets (see :func:`~.params.init_params` and ``explorer.app.lecture_settings``).
              ``None`` picks ``uniform`` in paper mode and ``word2vec`` in reference mode.
    negative  k, negatives per target (ns)
    ns_power  noise distribution P_n(w) ∝ count(w)^ns_power (ns)
    min_count words seen fewer times are dropped from the vocabulary
    sample    sub-sampling threshold s (reference mode; 0 turns it off)
    lowercase lower-case text before tokenising
    segment   raw Chinese into words: ``auto`` (lines of unspaced Chinese), ``spaces`` (never) or ``jieba``
              (every Chinese run); see :mod:`.segment`. Files written before it existed read as ``spaces``.
    """

    arch: str = "cbow"
    output: str = "softmax"
    mode: str = "paper"
    hidden: int = 5
    window: int = 1
    lr: float = 0.1
    seed: int = 1
    epochs: int = 5
    shuffle: bool = False
    init: str | None = None
    negative: int = 5
    ns_power: float = 0.75
    min_count: int = 1
    sample: float = 0.0
    lowercase: bool = True
    segment: str = "auto"

    def __post_init__(self):
        def need(ok: bool, msg: str):
            if not ok:
                raise ConfigError(msg)

        need(self.arch in ARCHS, f"unknown architecture {self.arch!r} (choose {', '.join(ARCHS)})")
        need(self.output in OUTPUTS, f"unknown output layer {self.output!r} (choose {', '.join(OUTPUTS)})")
        need(self.mode in MODES, f"unknown mode {self.mode!r} (choose {', '.join(MODES)})")
        need(
            self.segment in SEGMENTS, f"unknown segmentation {self.segment!r} (choose {', '.join(SEGMENTS)})"
        )
        need(
            self.init is None or self.init in INITS, f"unknown init {self.init!r} (choose {', '.join(INITS)})"
        )
        for name in ("hidden", "window", "seed", "epochs", "negative", "min_count"):
            v = getattr(self, name)
            need(isinstance(v, int) and not isinstance(v, bool), f"{name} must be a whole number, got {v!r}")
        for name in ("lr", "ns_power", "sample"):
            v = getattr(self, name)
            need(
                isinstance(v, (int, float)) and not isinstance(v, bool), f"{name} must be a number, got {v!r}"
            )
            need(v == v and abs(v) != float("inf"), f"{name} must be finite, got {v!r}")
        need(self.hidden >= 1, f"hidden size N must be at least 1, got {self.hidden}")
        need(self.hidden <= MAX_HIDDEN, f"hidden size N must be at most {MAX_HIDDEN}, got {self.hidden}")
        need(self.window >= 1, f"window m (words on each side) must be at least 1, got {self.window}")
        need(
            self.window <= MAX_WINDOW,
            f"window m (words on each side) must be at most {MAX_WINDOW}, got {self.window}",
        )
        need(self.lr > 0, f"learning rate must be > 0, got {self.lr:g}")
        need(self.epochs >= 1, f"epochs must be at least 1, got {self.epochs}")
        need(self.seed >= 0, f"seed must be >= 0, got {self.seed}")
        need(self.seed < 2**63, f"seed must be < 2^63, got {self.seed}")
        need(self.min_count >= 1, f"min count must be at least 1, got {self.min_count}")
        need(self.ns_power >= 0, f"ns power must be >= 0, got {self.ns_power:g}")
        need(
            self.ns_power <= MAX_NS_POWER,
            f"ns power must be at most {MAX_NS_POWER:g} (count^p must stay finite), got {self.ns_power:g}",
        )
        need(self.sample >= 0, f"sample must be >= 0, got {self.sample:g}")
        if self.output == "ns":
            need(self.negative >= 1, f"negative sampling needs at least 1 negative, got {self.negative}")
        need(self.negative <= MAX_NEGATIVE, f"negative must be at most {MAX_NEGATIVE}, got {self.negative}")

    def check_size(self, V: int) -> None:
        """Raise a one-line :class:`ConfigError` when a vocabulary of ``V`` words makes the weight matrices
        (V × N) or the full softmax's steps (V × N per step) larger than the caps."""
        vn = V * self.hidden
        if vn > MAX_MATRIX_VALUES:
            raise ConfigError(
                f"V × N = {V} × {self.hidden} = {vn:,} values per weight matrix; the limit is "
                f"{MAX_MATRIX_VALUES:,} (use a smaller hidden size or a larger min count)"
            )
        if self.output == "softmax" and vn > MAX_SOFTMAX_VALUES:
            raise ConfigError(
                f"full softmax with V × N = {V} × {self.hidden} = {vn:,}; the limit is "
                f"{MAX_SOFTMAX_VALUES:,} (use hs or ns, a smaller hidden size or a larger "
                f"min count)"
            )

    @property
    def init_scheme(self) -> str:
        """The initialisation actually used (``init`` or the mode's default)."""
        if self.init is not None:
            return self.init
        return "word2vec" if self.mode == "reference" else "uniform"

    def replace(self, **changes) -> Config:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Config:
        if not isinstance(d, dict):
            raise ConfigError("configuration must be a mapping")
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(d) - known)
        if unknown:
            raise ConfigError(f"unknown configuration key {unknown[0]!r}")
        return cls(**{"segment": "spaces", **d})  # files from before segmentation tokenised by spaces


#: The defaults of the desktop app and of the command line — one source for both: the engine's, with a
#: window of 2 so CBOW sees some context. (``Config()`` keeps the engine's own defaults.)
APP_DEFAULTS = Config(window=2)
