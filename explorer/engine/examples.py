"""Training examples: a pure function of (configuration, seed, step index).

An *example* is what one SGD step consumes: input word ids (CBOW: the context; skip-gram: the centre
word), target word ids (CBOW: the centre word; skip-gram: the C context words, one output panel each),
and the learning-rate factor (1 in paper mode; word2vec.c's linear decay in reference mode).

Each epoch is planned as a whole (numpy arrays in CSR form: ``in_ptr``/``in_ids``, ``tgt_ptr``/``tgt_ids``)
and cached. Paper mode uses a fixed window C; reference mode (word2vec.c) sub-samples frequent words, draws
a dynamic window b ∈ 1..C per centre word, and makes skip-gram one step per (centre, context) pair with the
*context* word as input and the centre word as target. Shuffling permutes an epoch's examples with a
generator seeded by (seed, epoch). Because every random decision comes from the counter-based
:mod:`~explorer.engine.rng`, step k can be regenerated alone.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from . import rng
from .config import LR_FLOOR_RATIO, Config
from .corpus import Corpus, Vocabulary
from .kernel import _jit, row_key, uniform

#: centre tokens planned together: an epoch of a text corpus is planned (and held) a block at a time
BLOCK = 1 << 16


@dataclass(frozen=True)
class Example:
    step: int  # 1-based global step
    epoch: int  # 0-based
    index: int  # 0-based index within the epoch
    inputs: np.ndarray  # word ids feeding h
    targets: np.ndarray  # word ids to predict
    lr_factor: float  # η = base lr × lr_factor
    span: tuple[int, int]  # character offsets of the example in the corpus text (for highlighting)


@dataclass(frozen=True)
class EpochPlan:
    in_ptr: np.ndarray
    in_ids: np.ndarray
    tgt_ptr: np.ndarray
    tgt_ids: np.ndarray
    lr_factor: np.ndarray
    span_start: np.ndarray  # text: first in-vocabulary token of the example (pairs: a character offset)
    span_end: np.ndarray  # text: last token (pairs: character offset of the end)

    def __len__(self):
        return len(self.lr_factor)

    def permuted(self, perm: np.ndarray) -> EpochPlan:
        in_ptr, in_ids = _permute_csr(self.in_ptr, self.in_ids, perm)
        tgt_ptr, tgt_ids = _permute_csr(self.tgt_ptr, self.tgt_ids, perm)
        return EpochPlan(
            in_ptr, in_ids, tgt_ptr, tgt_ids, self.lr_factor[perm], self.span_start[perm], self.span_end[perm]
        )


def _permute_csr(ptr, ids, perm):
    lens = np.diff(ptr)[perm]
    new_ptr = np.zeros(len(perm) + 1, np.int64)
    np.cumsum(lens, out=new_ptr[1:])
    starts = ptr[:-1][perm]
    idx = np.repeat(starts - new_ptr[:-1], lens) + np.arange(new_ptr[-1])
    return new_ptr, ids[idx]


def _concat(plans) -> EpochPlan:
    """One plan of several, in order."""
    if len(plans) == 1:
        return plans[0]
    in_ptr, in_ids, tgt_ptr, tgt_ids, lrf = _gather_parts([(p, 0, len(p)) for p in plans])
    return EpochPlan(
        in_ptr,
        in_ids,
        tgt_ptr,
        tgt_ids,
        lrf,
        np.concatenate([p.span_start for p in plans]),
        np.concatenate([p.span_end for p in plans]),
    )


def _gather_parts(parts):
    """Slices (plan, i, j) of plans as one CSR chunk: in_ptr, in_ids, tgt_ptr, tgt_ids, lr_factor."""
    if len(parts) == 1:
        plan, i, j = parts[0]
        ip, tp = plan.in_ptr[i : j + 1], plan.tgt_ptr[i : j + 1]
        return (
            ip - ip[0],
            plan.in_ids[ip[0] : ip[-1]],
            tp - tp[0],
            plan.tgt_ids[tp[0] : tp[-1]],
            plan.lr_factor[i:j],
        )
    in_ptr = [np.zeros(1, np.int64)]
    tgt_ptr = [np.zeros(1, np.int64)]
    in_ids, tgt_ids, lrf = [], [], []
    n_in = n_tg = 0
    for plan, i, j in parts:
        ip = plan.in_ptr[i : j + 1]
        tp = plan.tgt_ptr[i : j + 1]
        in_ptr.append(ip[1:] - ip[0] + n_in)
        tgt_ptr.append(tp[1:] - tp[0] + n_tg)
        in_ids.append(plan.in_ids[ip[0] : ip[-1]])
        tgt_ids.append(plan.tgt_ids[tp[0] : tp[-1]])
        lrf.append(plan.lr_factor[i:j])
        n_in += int(ip[-1] - ip[0])
        n_tg += int(tp[-1] - tp[0])
    cat = np.concatenate
    return (
        cat(in_ptr),
        cat(in_ids).astype(np.int64),
        cat(tgt_ptr),
        cat(tgt_ids).astype(np.int64),
        cat(lrf).astype(np.float64),
    )


@_jit
def _in_vocabulary(token_types, word_of_type, sent_ptr, index_like):
    """The tokens whose type is a vocabulary word (``word_of_type`` ≥ 0), in order: their word ids (int32),
    their index among all tokens (the dtype of ``index_like``) and their sentence (int32)."""
    n = 0
    for i in range(token_types.shape[0]):
        if word_of_type[token_types[i]] >= 0:
            n += 1
    ids = np.empty(n, np.int32)
    index = np.empty(n, index_like.dtype)
    sent = np.empty(n, np.int32)
    m = 0
    for k in range(sent_ptr.shape[0] - 1):
        for i in range(sent_ptr[k], sent_ptr[k + 1]):
            w = word_of_type[token_types[i]]
            if w >= 0:
                ids[m] = w
                index[m] = i
                sent[m] = k
                m += 1
    return ids, index, sent


@_jit
def _kept(tok_ids, f, a, b, st, zi):
    """Positions p in a..b−1 that sub-sampling keeps: u(p) ≤ (√(f/st) + 1) · st / f, f the count of the word
    (float64), st = sample · T, u(p) the uniform at counter (epoch, p) of the SUBSAMPLE stream (``zi`` =
    :func:`~explorer.engine.kernel.row_key` of the epoch) — word2vec.c's rule, as numpy would compute it."""
    out = np.empty(b - a, np.int64)
    n = 0
    for p in range(a, b):
        fw = f[tok_ids[p]]
        if uniform(zi, p) <= (math.sqrt(fw / st) + 1.0) * st / fw:
            out[n] = p
            n += 1
    return out[:n].copy()


@_jit
def _window_sizes(kept, zi, C):
    """The window b ∈ 1..C of each kept position p: 1 + ⌊u(p) · C⌋ (at most C), u(p) the uniform at counter
    (epoch, p) of the WINDOW stream (``zi`` = :func:`~explorer.engine.kernel.row_key` of the epoch)."""
    b = np.empty(kept.shape[0], np.int64)
    for i in range(kept.shape[0]):
        b[i] = min(1 + np.int64(math.floor(uniform(zi, kept[i]) * C)), C)
    return b


@_jit
def _windows(pos, sent, b, c0, c1, C):
    """The windows of the tokens at positions ``pos`` (ascending): for each k with c0 ≤ pos[k] < c1, the
    context indices k + d, d = −C..−1, 1..C in that order, with |d| ≤ b[k], inside 0..K−1 and in the same
    sentence (``sent``). Tokens without a context are left out. Returns (centre indices, ptr, context
    indices) in CSR form."""
    K = pos.shape[0]
    centres = np.empty(K, np.int64)
    ptr = np.zeros(K + 1, np.int64)
    ctx = np.empty(K * 2 * C, np.int64)
    m = 0
    n = 0
    for k in range(K):
        if pos[k] < c0 or pos[k] >= c1:
            continue
        start = n
        for d in range(-C, C + 1):
            q = k + d
            if d != 0 and abs(d) <= b[k] and 0 <= q < K and sent[q] == sent[k]:
                ctx[n] = q
                n += 1
        if n > start:
            centres[m] = k
            m += 1
            ptr[m] = n
    return centres[:m].copy(), ptr[: m + 1].copy(), ctx[:n].copy()


@_jit
def _count_windows(pos, sent, b, c0, c1, C):
    """(centres, contexts) of :func:`_windows` (pos, sent, b, c0, c1, C), counted without building them (the
    same loop and test, written again: a helper or a flag shared with it made it several times slower)."""
    K = pos.shape[0]
    m = 0
    n = 0
    for k in range(K):
        if pos[k] < c0 or pos[k] >= c1:
            continue
        start = n
        for d in range(-C, C + 1):
            q = k + d
            if d != 0 and abs(d) <= b[k] and 0 <= q < K and sent[q] == sent[k]:
                n += 1
        if n > start:
            m += 1
    return m, n


@_jit
def _reference_examples(kept, k, ptr, ctx, tok_ids, words_before, denom, floor, skipgram):
    """A reference-mode plan from the windows of :func:`_windows` (centres ``kept[k]``, contexts
    ``kept[ctx[ptr[i]:ptr[i+1]]]``): in_ptr, in_ids, tgt_ptr, tgt_ids, lr_factor, span_start, span_end.
    CBOW: one example per centre, its contexts as inputs; skip-gram: one per (centre, context) pair, the
    context as input and the centre as target. lr_factor = max(1 − (words_before + centre) / denom, floor)."""
    m = k.shape[0]
    M = ptr[m] if skipgram else m
    n_in = ptr[m]
    in_ptr = np.empty(M + 1, np.int64)
    tgt_ptr = np.empty(M + 1, np.int64)
    in_ids = np.empty(n_in, np.int64)
    tgt_ids = np.empty(M, np.int64)
    lrf = np.empty(M)
    lo = np.empty(M, np.int64)
    hi = np.empty(M, np.int64)
    for i in range(M + 1):
        tgt_ptr[i] = i
    if skipgram:
        for i in range(M + 1):
            in_ptr[i] = i
    else:
        for i in range(M + 1):
            in_ptr[i] = ptr[i]
    for i in range(m):
        c = kept[k[i]]
        f = max(1.0 - (words_before + c) / denom, floor)
        wc = tok_ids[c]
        if not skipgram:
            tgt_ids[i] = wc
            lrf[i] = f
            a = c
            z = c
        for q in range(ptr[i], ptr[i + 1]):
            p = kept[ctx[q]]
            in_ids[q] = tok_ids[p]
            if skipgram:
                tgt_ids[q] = wc
                lrf[q] = f
                lo[q] = min(p, c)
                hi[q] = max(p, c)
            else:
                a = min(a, p)
                z = max(z, p)
        if not skipgram:
            lo[i] = a
            hi[i] = z
    return in_ptr, in_ids, tgt_ptr, tgt_ids, lrf, lo, hi


def _span_ends(centre, ctx_pos, ptr):
    """First and last token position of each example: its centre and its contexts."""
    if len(centre) == 0:
        return centre.copy(), centre.copy()
    lo = np.minimum(np.minimum.reduceat(ctx_pos, ptr[:-1]), centre)
    hi = np.maximum(np.maximum.reduceat(ctx_pos, ptr[:-1]), centre)
    return lo, hi


def _singletons(ids: np.ndarray):
    return np.arange(len(ids) + 1, dtype=np.int64), ids.astype(np.int64)


class ExampleStream:
    """Step index → example, for one (corpus, vocabulary, configuration)."""

    def __init__(self, corpus: Corpus, vocab: Vocabulary, config: Config, cache_epochs: int = 3):
        self.corpus, self.vocab, self.config = corpus, vocab, config
        self._cache: OrderedDict[tuple[int, int], EpochPlan] = OrderedDict()
        self._cache_size = cache_epochs
        self.block = BLOCK
        self._starts = [0]  # _starts[e] = number of steps before epoch e (known so far)
        self._lengths: dict[int, int] = {}  # epoch → number of steps (kept when its plans are dropped)
        self._counts: dict[int, list[int]] = {}  # epoch → steps of its blocks 0, 1, … planned so far
        if corpus.kind == "text":
            # in-vocabulary tokens as int32 word ids, their sentence and their index among all tokens
            word_of_type = np.array([vocab.index.get(t, -1) for t in corpus.types], np.int32)
            index_type = np.int32 if len(corpus.token_types) < 2**31 else np.int64
            self.tok_ids, self.tok_index, self.tok_sent = _in_vocabulary(
                corpus.token_types, word_of_type, corpus.sent_ptr, np.zeros(0, index_type)
            )
            if len(self.tok_ids) == len(corpus.token_types):  # every token is a vocabulary word
                self.tok_index = None  # (the identity)
            self.total_words = len(self.tok_ids)
            self._counts_f = vocab.counts.astype(np.float64)  # sub-sampling reads them as floats
        else:
            self.pairs = []
            for p in corpus.pairs:
                ins = [vocab.index[w] for w in p.inputs if w in vocab.index]
                outs = [vocab.index[w] for w in p.targets if w in vocab.index]
                if ins and outs:
                    self.pairs.append((ins, outs, p.span))
            self.total_words = sum(len(i) + len(o) for i, o, _ in self.pairs)
        self.fixed_length = config.mode == "paper" or corpus.kind == "pairs"
        if corpus.kind == "pairs":
            self.max_inputs = max((len(i) for i, _, _ in self.pairs), default=1)
            self.max_targets = max((len(o) for _, o, _ in self.pairs), default=1)
            if config.mode == "reference" and config.arch == "skipgram":
                self.max_inputs = self.max_targets = 1
        else:
            wide = 2 * config.window
            sg = config.arch == "skipgram"
            self.max_inputs = 1 if sg else wide
            self.max_targets = 1 if (not sg or config.mode == "reference") else wide

    # -- planning ---------------------------------------------------------------------------------
    def _plan_text_paper(self, c0: int, c1: int) -> EpochPlan:
        """The examples whose centre token is in c0..c1−1 (contexts may lie outside): every token with C
        context words on each side within its sentence."""
        C, T = self.config.window, len(self.tok_ids)
        pos = np.arange(max(c0 - C, 0), min(c1 + C, T))
        k, ptr, ctx = _windows(pos, self.tok_sent[pos], np.full(len(pos), C, np.int64), c0, c1, C)
        centre, ctx_pos = pos[k], pos[ctx]
        ctx_ids = self.tok_ids[ctx_pos].astype(np.int64)
        lo, hi = _span_ends(centre, ctx_pos, ptr)
        if self.config.arch == "cbow":
            in_ptr, in_ids = ptr, ctx_ids
            tgt_ptr, tgt_ids = _singletons(self.tok_ids[centre])
        else:
            in_ptr, in_ids = _singletons(self.tok_ids[centre])
            tgt_ptr, tgt_ids = ptr, ctx_ids
        return EpochPlan(in_ptr, in_ids, tgt_ptr, tgt_ids, np.ones(len(centre)), lo, hi)

    def _keep(self, epoch: int, a: int, b: int) -> np.ndarray:
        """Positions in a..b−1 of the tokens sub-sampling keeps in ``epoch``."""
        cfg, T = self.config, len(self.tok_ids)
        pos = np.arange(a, b)
        if cfg.sample <= 0:
            return pos
        zi = np.uint64(row_key(rng.key(cfg.seed, rng.SUBSAMPLE), epoch))  # numba returns a Python int
        return _kept(self.tok_ids, self._counts_f, a, b, cfg.sample * T, zi)

    def _kept_around(self, epoch: int, c0: int, c1: int) -> np.ndarray:
        """Kept positions of c0..c1−1 plus at least ``window`` kept positions on each side (if any)."""
        T, w = len(self.tok_ids), self.config.window
        x = 8 * w
        while c0 - x > 0 and len(self._keep(epoch, c0 - x, c0)) < w:
            x *= 2
        a = max(c0 - x, 0)
        x = 8 * w
        while c1 + x < T and len(self._keep(epoch, c1, c1 + x)) < w:
            x *= 2
        return self._keep(epoch, a, min(c1 + x, T))

    def _reference_windows(self, epoch: int, c0: int, c1: int, count: bool = False):
        """The kept tokens of the epoch around c0..c1−1, each with a window b drawn in 1..C, and the windows
        of those in c0..c1−1 (contexts: the kept tokens within b in its sentence) — see :func:`_windows`;
        with ``count``, (centres, contexts) of those windows only."""
        cfg = self.config
        kept = self._kept_around(epoch, c0, c1)  # original token positions still in play
        b = _window_sizes(kept, np.uint64(row_key(rng.key(cfg.seed, rng.WINDOW), epoch)), cfg.window)
        if count:
            return _count_windows(kept, self.tok_sent[kept], b, c0, c1, cfg.window)
        k, ptr, ctx = _windows(kept, self.tok_sent[kept], b, c0, c1, cfg.window)
        return kept, k, ptr, ctx

    def _count_text_reference(self, epoch: int, c0: int, c1: int) -> int:
        """len(:meth:`_plan_text_reference` (epoch, c0, c1)) without building the plan."""
        centres, contexts = self._reference_windows(epoch, c0, c1, count=True)
        return int(contexts) if self.config.arch == "skipgram" else int(centres)

    def _plan_text_reference(self, epoch: int, c0: int, c1: int) -> EpochPlan:
        """The examples whose centre token is in c0..c1−1 (contexts may lie outside): the kept tokens of
        the epoch, each with a window b drawn in 1..C, contexts the kept tokens within b in its sentence.
        η's factor is word2vec.c's max(1 − (epoch·T + centre position) / (epochs·T + 1), floor)."""
        cfg, T = self.config, len(self.tok_ids)
        kept, k, ptr, ctx = self._reference_windows(epoch, c0, c1)
        return EpochPlan(
            *_reference_examples(
                kept,
                k,
                ptr,
                ctx,
                self.tok_ids,
                epoch * T,
                cfg.epochs * T + 1.0,
                LR_FLOOR_RATIO,
                cfg.arch == "skipgram",
            )
        )

    def _plan_pairs(self, epoch: int) -> EpochPlan:
        cfg = self.config
        ins, outs, spans = [], [], []
        for i, o, sp in self.pairs:
            if cfg.mode == "reference" and cfg.arch == "skipgram":
                for c in i:  # every centre word ...
                    for t in o:  # ... and each context word: h = v_context, target = centre
                        ins.append([t])
                        outs.append([c])
                        spans.append(sp)
            else:
                ins.append(i)
                outs.append(o)
                spans.append(sp)
        M = len(ins)
        in_ptr = np.zeros(M + 1, np.int64)
        np.cumsum([len(x) for x in ins], out=in_ptr[1:])
        tgt_ptr = np.zeros(M + 1, np.int64)
        np.cumsum([len(x) for x in outs], out=tgt_ptr[1:])
        in_ids = np.array([w for x in ins for w in x], np.int64)
        tgt_ids = np.array([w for x in outs for w in x], np.int64)
        if cfg.mode == "reference":
            progress = epoch * M + np.arange(M)
            lr_factor = np.maximum(1.0 - progress / (cfg.epochs * M + 1.0), LR_FLOOR_RATIO)
        else:
            lr_factor = np.ones(M)
        span = np.array(spans, np.int64).reshape(M, 2)
        return EpochPlan(in_ptr, in_ids, tgt_ptr, tgt_ids, lr_factor, span[:, 0], span[:, 1])

    # -- blocks: a text corpus without shuffling is planned BLOCK centre tokens at a time -------------
    @property
    def blocked(self) -> bool:
        """True when epochs are planned block by block (memory bounded by the block, not the corpus)."""
        return self.corpus.kind == "text" and not self.config.shuffle

    @property
    def n_blocks(self) -> int:
        return max(1, -(-len(self.tok_ids) // self.block)) if self.blocked else 1

    def block_plan(self, epoch: int, b: int) -> EpochPlan:
        """The examples of ``epoch`` whose centre token is in block ``b`` (cached, a few at a time)."""
        if self.blocked and self.fixed_length:
            epoch = 0
        key = (epoch, b)
        plan = self._cache.get(key)
        if plan is not None:
            self._cache.move_to_end(key)
            return plan
        if not self.blocked:
            plan = self._whole_epoch(epoch)
        else:
            c0, c1 = b * self.block, min((b + 1) * self.block, len(self.tok_ids))
            if self.config.mode == "paper":
                plan = self._plan_text_paper(c0, c1)
            else:
                plan = self._plan_text_reference(epoch, c0, c1)
        self._cache[key] = plan  # its arrays stay writable (one compiled signature); examples are read-only
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return plan

    def _whole_epoch(self, epoch: int) -> EpochPlan:
        if self.corpus.kind == "pairs":
            plan = self._plan_pairs(epoch)
        else:
            parts = [
                self._plan_text_paper(0, len(self.tok_ids))
                if self.config.mode == "paper"
                else self._plan_text_reference(epoch, 0, len(self.tok_ids))
            ]
            plan = parts[0]
        if self.config.shuffle and len(plan):
            perm = np.random.default_rng([self.config.seed, epoch, 0x5F]).permutation(len(plan))
            plan = plan.permuted(perm)
        return plan

    def _block_counts(self, epoch: int, upto: int) -> list[int]:
        """Steps in blocks 0..upto−1 of ``epoch`` (planning the blocks not counted yet)."""
        if self.blocked and self.fixed_length:
            epoch = 0
        counts = self._counts.setdefault(epoch, [])
        while len(counts) < upto:  # blocks may have been planned in any order (the training-set loss)
            b = len(counts)
            plan = self._cache.get((epoch, b))
            if plan is not None:
                counts.append(len(plan))
            elif self.blocked and self.config.mode == "reference":
                c0 = b * self.block  # counted without building the plan
                counts.append(self._count_text_reference(epoch, c0, min(c0 + self.block, len(self.tok_ids))))
            else:
                counts.append(len(self.block_plan(epoch, b)))
        return counts

    def epoch_plan(self, epoch: int) -> EpochPlan:
        """The examples of ``epoch`` (0-based) in training order, as one plan (small corpora, tests)."""
        if not self.blocked:
            return self.block_plan(epoch, 0)
        return _concat([self.block_plan(epoch, b) for b in range(self.n_blocks)])

    def epoch_length(self, epoch: int) -> int:
        if self.fixed_length:
            epoch = 0
        n = self._lengths.get(epoch)
        if n is None:
            n = sum(self._block_counts(epoch, self.n_blocks))
            self._lengths[epoch] = n
        return n

    def epoch_start(self, epoch: int) -> int:
        """Number of steps before ``epoch``."""
        if self.fixed_length:
            return epoch * self.epoch_length(0)
        while len(self._starts) <= epoch:
            e = len(self._starts) - 1
            self._starts.append(self._starts[-1] + self.epoch_length(e))
        return self._starts[epoch]

    def has_examples(self) -> bool:
        """True when the first epoch has at least one example (plans only as far as needed)."""
        for b in range(self.n_blocks):
            if self._block_counts(0, b + 1)[b]:
                return True
        return False

    def locate(self, step: int) -> tuple[int, int]:
        """1-based global step → (epoch, index within epoch)."""
        if step < 1:
            raise ValueError("steps are numbered from 1")
        left = step - 1
        if self.fixed_length and 0 in self._lengths:
            n = self._lengths[0]
            return left // n, left % n
        e = 0
        while True:
            if e in self._lengths or (self.fixed_length and 0 in self._lengths):
                n = self.epoch_length(e)
                if left < n:
                    return e, left
                left -= n
                e += 1
                continue
            i = left  # walk the blocks of epoch e, planning them as needed
            for b in range(self.n_blocks):
                c = self._block_counts(e, b + 1)[b]
                if left < c:
                    return e, i
                left -= c
            self.epoch_length(e)
            e += 1

    def _find(self, epoch: int, i: int) -> tuple[int, int]:
        """Index i of ``epoch`` → (block, index within the block)."""
        if not self.blocked:
            return 0, i
        b = 0
        while True:
            c = self._block_counts(epoch, b + 1)[b]
            if i < c:
                return b, i
            i -= c
            b += 1

    def plan_range(self, epoch: int, i: int, m: int):
        """Steps i..i+m−1 of ``epoch`` (within it) as one CSR chunk: in_ptr, in_ids, tgt_ptr, tgt_ids (int64),
        lr_factor — slices of block plans; fewer than m steps when the epoch ends first."""
        b, j = self._find(epoch, i)
        parts = []
        while m > 0 and b < self.n_blocks:  # stops at the epoch's end
            plan = self.block_plan(epoch, b)
            k = min(len(plan), j + m)
            if k > j:
                parts.append((plan, j, k))
                m -= k - j
            b += 1
            j = 0
        return _gather_parts(parts)

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """Character span in the corpus text from the start of in-vocabulary token ``lo`` to the end of
        token ``hi`` (text corpora; plans of pairs corpora hold character offsets already)."""
        if self.corpus.kind != "text":
            return int(lo), int(hi)
        return (
            self.corpus.token_span(int(lo if self.tok_index is None else self.tok_index[lo]))[0],
            self.corpus.token_span(int(hi if self.tok_index is None else self.tok_index[hi]))[1],
        )

    def example(self, step: int) -> Example:
        epoch, i = self.locate(step)
        b, j = self._find(epoch, i)
        p = self.block_plan(epoch, b)
        i0, i = i, j
        ins, tgts = p.in_ids[p.in_ptr[i] : p.in_ptr[i + 1]], p.tgt_ids[p.tgt_ptr[i] : p.tgt_ptr[i + 1]]
        ins.flags.writeable = tgts.flags.writeable = False
        return Example(
            step, epoch, i0, ins, tgts, float(p.lr_factor[i]), self.span(p.span_start[i], p.span_end[i])
        )
