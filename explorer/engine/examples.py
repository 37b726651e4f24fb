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

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from . import rng
from .config import LR_FLOOR_RATIO, Config
from .corpus import Corpus, Vocabulary


@dataclass(frozen=True)
class Example:
    step: int                 # 1-based global step
    epoch: int                # 0-based
    index: int                # 0-based index within the epoch
    inputs: np.ndarray        # word ids feeding h
    targets: np.ndarray       # word ids to predict
    lr_factor: float          # η = base lr × lr_factor
    span: tuple[int, int]     # character offsets of the example in the corpus text (for highlighting)


@dataclass(frozen=True)
class EpochPlan:
    in_ptr: np.ndarray
    in_ids: np.ndarray
    tgt_ptr: np.ndarray
    tgt_ids: np.ndarray
    lr_factor: np.ndarray
    span_start: np.ndarray    # text: first in-vocabulary token of the example (pairs: a character offset)
    span_end: np.ndarray      # text: last token (pairs: character offset of the end)

    def __len__(self):
        return len(self.lr_factor)

    def permuted(self, perm: np.ndarray) -> "EpochPlan":
        in_ptr, in_ids = _permute_csr(self.in_ptr, self.in_ids, perm)
        tgt_ptr, tgt_ids = _permute_csr(self.tgt_ptr, self.tgt_ids, perm)
        return EpochPlan(in_ptr, in_ids, tgt_ptr, tgt_ids, self.lr_factor[perm],
                         self.span_start[perm], self.span_end[perm])


def _permute_csr(ptr, ids, perm):
    lens = np.diff(ptr)[perm]
    new_ptr = np.zeros(len(perm) + 1, np.int64)
    np.cumsum(lens, out=new_ptr[1:])
    starts = ptr[:-1][perm]
    idx = np.repeat(starts - new_ptr[:-1], lens) + np.arange(new_ptr[-1])
    return new_ptr, ids[idx]


def _csr_from_rows(rows: np.ndarray):
    """Rows of a (M, K) id matrix with −1 for 'absent' → (ptr, ids), keeping row order left to right."""
    valid = rows >= 0
    ptr = np.zeros(len(rows) + 1, np.int64)
    np.cumsum(valid.sum(axis=1), out=ptr[1:])
    return ptr, rows[valid].astype(np.int64)


def _singletons(ids: np.ndarray):
    return np.arange(len(ids) + 1, dtype=np.int64), ids.astype(np.int64)


class ExampleStream:
    """Step index → example, for one (corpus, vocabulary, configuration)."""

    def __init__(self, corpus: Corpus, vocab: Vocabulary, config: Config, cache_epochs: int = 4):
        self.corpus, self.vocab, self.config = corpus, vocab, config
        self._cache: OrderedDict[int, EpochPlan] = OrderedDict()
        self._cache_size = cache_epochs
        self._starts = [0]  # _starts[e] = number of steps before epoch e (known so far)
        self._lengths: dict[int, int] = {}  # epoch → number of steps (kept when its plan is dropped)
        if corpus.kind == "text":
            # in-vocabulary tokens as int32 word ids, their sentence and their index among all tokens
            word_of_type = np.array([vocab.index.get(t, -1) for t in corpus.types], np.int32)
            ids = word_of_type[corpus.token_types]
            keep = np.flatnonzero(ids >= 0)
            self.tok_ids = ids[keep]
            self.tok_index = keep.astype(np.int32 if len(ids) < 2**31 else np.int64)
            sent = np.repeat(np.arange(len(corpus.sent_ptr) - 1, dtype=np.int32), np.diff(corpus.sent_ptr))
            self.tok_sent = sent[keep]
            del ids, keep, sent
            self.total_words = len(self.tok_ids)
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
    def _plan_text_paper(self) -> EpochPlan:
        C, T = self.config.window, len(self.tok_ids)
        pos = np.arange(T)
        cols = []
        for d in list(range(-C, 0)) + list(range(1, C + 1)):
            q = pos + d
            ok = (q >= 0) & (q < T)
            qc = np.clip(q, 0, T - 1)
            ok &= self.tok_sent[qc] == self.tok_sent
            cols.append(np.where(ok, qc, -1))
        ctxpos = np.stack(cols, axis=1) if cols else np.empty((T, 0), np.int64)
        has = (ctxpos >= 0).any(axis=1)
        centre = pos[has]
        ctxpos = ctxpos[has]
        ctx_ids = np.where(ctxpos >= 0, self.tok_ids[np.maximum(ctxpos, 0)], -1)
        lo = np.where(ctxpos >= 0, ctxpos, T).min(axis=1)
        hi = np.where(ctxpos >= 0, ctxpos, -1).max(axis=1)
        lo, hi = np.minimum(lo, centre), np.maximum(hi, centre)
        if self.config.arch == "cbow":
            in_ptr, in_ids = _csr_from_rows(ctx_ids)
            tgt_ptr, tgt_ids = _singletons(self.tok_ids[centre])
        else:
            in_ptr, in_ids = _singletons(self.tok_ids[centre])
            tgt_ptr, tgt_ids = _csr_from_rows(ctx_ids)
        M = len(centre)
        return EpochPlan(in_ptr, in_ids, tgt_ptr, tgt_ids, np.ones(M), lo, hi)

    def _plan_text_reference(self, epoch: int) -> EpochPlan:
        cfg, T = self.config, len(self.tok_ids)
        pos = np.arange(T)
        if cfg.sample > 0:
            f = self.vocab.counts[self.tok_ids].astype(np.float64)
            st = cfg.sample * T
            p_keep = (np.sqrt(f / st) + 1.0) * st / f
            keep = rng.uniform(cfg.seed, rng.SUBSAMPLE, epoch, pos) <= p_keep
        else:
            keep = np.ones(T, bool)
        kept = pos[keep]  # original token positions still in play
        K = len(kept)
        b = 1 + np.floor(rng.uniform(cfg.seed, rng.WINDOW, epoch, kept) * cfg.window).astype(np.int64)
        b = np.minimum(b, cfg.window)
        sent = self.tok_sent[kept]
        kpos = np.arange(K)
        cols = []
        for d in list(range(-cfg.window, 0)) + list(range(1, cfg.window + 1)):
            q = kpos + d
            ok = (q >= 0) & (q < K) & (abs(d) <= b)
            qc = np.clip(q, 0, max(K - 1, 0))
            ok &= sent[qc] == sent if K else ok
            cols.append(np.where(ok, qc, -1))
        ctx = np.stack(cols, axis=1) if K else np.empty((0, 2 * cfg.window), np.int64)
        has = (ctx >= 0).any(axis=1)
        centre_k = kpos[has]
        ctx = ctx[has]
        centre_pos = kept[centre_k]                       # original position of each centre word
        progress = epoch * T + centre_pos                  # words processed (word2vec.c word_count)
        lr_factor = np.maximum(1.0 - progress / (cfg.epochs * T + 1.0), LR_FLOOR_RATIO)
        ctx_ids = np.where(ctx >= 0, self.tok_ids[kept[np.maximum(ctx, 0)]], -1)
        lo_k = np.where(ctx >= 0, ctx, K).min(axis=1)
        hi_k = np.where(ctx >= 0, ctx, -1).max(axis=1)
        lo = kept[np.minimum(lo_k, centre_k)]
        hi = kept[np.maximum(hi_k, centre_k)]
        if cfg.arch == "cbow":
            in_ptr, in_ids = _csr_from_rows(ctx_ids)
            tgt_ptr, tgt_ids = _singletons(self.tok_ids[centre_pos])
            return EpochPlan(in_ptr, in_ids, tgt_ptr, tgt_ids, lr_factor, lo, hi)
        # skip-gram: one step per (centre, context) pair, context as input, centre as target
        valid = ctx >= 0
        n_per = valid.sum(axis=1)
        ctx_flat = ctx_ids[valid]
        rep = np.repeat(np.arange(len(centre_pos)), n_per)
        ctx_orig = kept[ctx[valid]]
        c_orig = centre_pos[rep]
        in_ptr, in_ids = _singletons(ctx_flat)
        tgt_ptr, tgt_ids = _singletons(self.tok_ids[c_orig])
        return EpochPlan(in_ptr, in_ids, tgt_ptr, tgt_ids, lr_factor[rep], np.minimum(ctx_orig, c_orig),
                         np.maximum(ctx_orig, c_orig))

    def _plan_pairs(self, epoch: int) -> EpochPlan:
        cfg = self.config
        ins, outs, spans = [], [], []
        for i, o, sp in self.pairs:
            if cfg.mode == "reference" and cfg.arch == "skipgram":
                for c in i:           # every centre word ...
                    for t in o:       # ... and each context word: h = v_context, target = centre
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
        sp = np.array(spans, np.int64).reshape(M, 2)
        return EpochPlan(in_ptr, in_ids, tgt_ptr, tgt_ids, lr_factor, sp[:, 0], sp[:, 1])

    def epoch_plan(self, epoch: int) -> EpochPlan:
        """The examples of ``epoch`` (0-based) in training order."""
        plan = self._cache.get(epoch)
        if plan is not None:
            self._cache.move_to_end(epoch)
            return plan
        if self.corpus.kind == "pairs":
            plan = self._plan_pairs(epoch)
        elif self.config.mode == "paper":
            plan = self._plan_text_paper()
        else:
            plan = self._plan_text_reference(epoch)
        if self.config.shuffle and len(plan):
            perm = np.random.default_rng([self.config.seed, epoch, 0x5F]).permutation(len(plan))
            plan = plan.permuted(perm)
        for a in plan.__dict__.values():
            a.setflags(write=False)
        self._cache[epoch] = plan
        self._lengths[epoch] = len(plan)
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return plan

    def epoch_length(self, epoch: int) -> int:
        if self.fixed_length:
            epoch = 0
        n = self._lengths.get(epoch)
        return n if n is not None else len(self.epoch_plan(epoch))

    def epoch_start(self, epoch: int) -> int:
        """Number of steps before ``epoch``."""
        if self.fixed_length:
            return epoch * self.epoch_length(0)
        while len(self._starts) <= epoch:
            e = len(self._starts) - 1
            self._starts.append(self._starts[-1] + self.epoch_length(e))
        return self._starts[epoch]

    def locate(self, step: int) -> tuple[int, int]:
        """1-based global step → (epoch, index within epoch)."""
        if step < 1:
            raise ValueError("steps are numbered from 1")
        if self.fixed_length:
            n = self.epoch_length(0)
            return (step - 1) // n, (step - 1) % n
        e = 0
        while self.epoch_start(e + 1) < step:
            e += 1
        return e, step - 1 - self.epoch_start(e)

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """Character span in the corpus text from the start of in-vocabulary token ``lo`` to the end of
        token ``hi`` (text corpora; plans of pairs corpora hold character offsets already)."""
        if self.corpus.kind != "text":
            return int(lo), int(hi)
        return (self.corpus.token_span(int(self.tok_index[lo]))[0],
                self.corpus.token_span(int(self.tok_index[hi]))[1])

    def example(self, step: int) -> Example:
        epoch, i = self.locate(step)
        p = self.epoch_plan(epoch)
        return Example(step, epoch, i, p.in_ids[p.in_ptr[i]:p.in_ptr[i + 1]],
                       p.tgt_ids[p.tgt_ptr[i]:p.tgt_ptr[i + 1]], float(p.lr_factor[i]),
                       self.span(p.span_start[i], p.span_end[i]))
