"""The session: one training run over time.

It holds the model (corpus, vocabulary, configuration), the parameters now, the current step, and the
history that lets a user go back: undo restores a record's stored before-values (bit-identical), seek jumps
anywhere in 0..furthest by replaying from the nearest checkpoint (exact, because examples depend only on
seed and step, and learning-rate changes are themselves part of the history).

Long runs (:meth:`Session.run` with ``n ≥ FAST_THRESHOLD``) fast-forward without building records. Records
and fast-forward run the one compiled step (:mod:`explorer.engine.kernel`), so every state is the same bit
for bit however it was reached, and a record regenerated for a fast-forwarded step is the one stepping
would have made.

Loss figures: ``losses[s−1]`` is E of step s at the parameters before it; ``epoch_losses[e]`` for e ≥ 1 is
the mean E of epoch e's steps (free: the steps compute E anyway; what gensim reports as its running loss),
and ``epoch_losses[0]`` the training-set E at the initial parameters. The exact training-set E at the
current parameters is :meth:`Session.training_set_loss`, computed only when asked for.

Sub-steps walk one example through its four phases (``forward``: h, u, y; ``error``: t, e, EI, E;
``output update``: W' changes; ``input update``: EH and W change, completing the step), forward and back.

Listeners are plain callables ``fn(event: str)``; events are ``"state"`` (step, phase or parameters changed),
``"lr"`` (learning rate changed), ``"run"`` (progress of a long run) and ``"reset"`` (new model).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..engine.config import Config
from ..engine.corpus import parse
from ..engine.loss import dataset_loss
from ..engine.model import PHASES, Model
from ..engine.params import Params
from ..engine.record import StepRecord
from ..errors import BlowUpError, ConfigError, ExplorerError
from .history import Checkpoints, GrowableArray, LrSchedule, RecordCache, UnkeptSeries

#: steps above which ``run`` uses the compiled fast-forward path instead of building records
FAST_THRESHOLD = 200


@dataclass
class RunResult:
    steps_done: int
    cancelled: bool = False
    blowup: BlowUpError | None = None
    seconds: float = 0.0


class Session:
    """One training run over time (see the module docstring).

    ``record_budget`` and ``checkpoint_budget`` (bytes) bound the memory of the record cache and the
    checkpoints; ``checkpoint_interval`` is the initial spacing of checkpoints in steps. They change speed,
    never results. With ``initial_loss=False`` the training-set E at the start (``epoch_losses[0]``, a pass
    over the corpus) is left until :meth:`initial_loss` asks for it. With ``keep_series=False`` the per-step E
    and η are not held (:class:`~.history.UnkeptSeries`: 16 bytes a step less), only the epoch means; such a
    session cannot be saved.
    """

    def __init__(
        self,
        text: str,
        config: Config,
        fmt: str = "auto",
        params: Params | None = None,
        name: str = "",
        *,
        record_budget: int = 32 * 2**20,
        checkpoint_interval: int = 500,
        checkpoint_budget: int = 48 * 2**20,
        progress: Callable[[str, float], None] | None = None,
        initial_loss: bool = True,
        keep_series: bool = True,
    ):
        if progress:
            progress("reading the corpus", 0.0)
        corpus = parse(text, fmt, config.lowercase, config.segment)
        if progress:
            progress("building the vocabulary and examples", 0.4)
        model = Model(corpus, config)
        self.text, self.fmt, self.name = text, fmt, name
        self.model = model
        if params is not None:
            model.check_params(params)
        self.initial = (params if params is not None else model.init_params()).copy()
        self.params = self.initial.copy()
        self.step = 0  # completed steps
        self.furthest = 0  # furthest step computed (seek and redo reach up to it)
        self.pending: StepRecord | None = None  # the example being sub-stepped, if any
        self.phase_index = -1  # index into PHASES of the pending example's last shown phase
        self.schedule = LrSchedule(config.lr)
        self.records = RecordCache(record_budget)
        self.checkpoints = Checkpoints(checkpoint_interval, checkpoint_budget)
        self.checkpoints.add(0, self.params, force=True)
        series = GrowableArray if keep_series else UnkeptSeries  # unkept: epoch means only (a long train run)
        self.losses = series()  # losses[s-1] = E of step s
        self.lrs = series()  # lrs[s-1] = η of step s
        self.epoch_losses: dict[int, float] = {}  # 0: training-set E at the start; e ≥ 1: mean E of epoch e
        self.bookmarks: list[tuple[str, int]] = []
        self._listeners: list[Callable[[str], None]] = []
        self._cancel = False
        if initial_loss:
            if progress:
                progress("computing the initial loss", 0.8)
            self.initial_loss()
        if progress:
            progress("ready", 1.0)

    # -- events -----------------------------------------------------------------------------------
    def subscribe(self, fn: Callable[[str], None]) -> None:
        self._listeners.append(fn)

    def unsubscribe(self, fn) -> None:
        if fn in self._listeners:
            self._listeners.remove(fn)

    def _emit(self, event: str) -> None:
        for fn in list(self._listeners):
            fn(event)

    # -- read-only views --------------------------------------------------------------------------
    @property
    def config(self) -> Config:
        return self.model.config

    @property
    def lr(self) -> float:
        """The base learning rate the next step will use (before reference-mode decay)."""
        return self.schedule.at(self.step + 1)

    @property
    def record(self) -> StepRecord | None:
        """The record the views show: the example being sub-stepped, else the last completed step."""
        if self.pending is not None:
            return self.pending
        return self.record_at(self.step) if self.step > 0 else None

    @property
    def phase(self) -> str | None:
        """The last phase shown of :attr:`record` (a completed step shows all four)."""
        if self.pending is not None:
            return PHASES[self.phase_index]
        return PHASES[-1] if self.step > 0 else None

    @property
    def epoch(self) -> int:
        """0-based epoch of the next step."""
        return self.model.stream.locate(self.step + 1)[0]

    def steps_per_epoch(self, epoch: int | None = None) -> int:
        return self.model.stream.epoch_length(self.epoch if epoch is None else epoch)

    def loss_series(self) -> np.ndarray:
        """E of steps 1..furthest."""
        return self.losses.view()[: self.furthest]

    def epoch_loss_series(self) -> tuple[np.ndarray, np.ndarray]:
        """(step at the end of each epoch, the mean E of that epoch's steps); at step 0 the training-set E
        at the initial parameters."""
        es = sorted(e for e in self.epoch_losses if self.model.stream.epoch_start(e) <= self.furthest)
        steps = np.array([self.model.stream.epoch_start(e) for e in es], dtype=np.int64)
        return steps, np.array([self.epoch_losses[e] for e in es])

    def initial_loss(self) -> float:
        """``epoch_losses[0]``, the training-set E at the initial parameters (computed once, when first
        asked for: a session built with ``initial_loss=False`` leaves it to the caller)."""
        if 0 not in self.epoch_losses:
            self.epoch_losses[0] = dataset_loss(self.model, self.initial)
        return self.epoch_losses[0]

    def training_set_loss(self, step: int | None = None) -> float:
        """The exact mean E over one epoch's examples at the parameters after ``step`` (default: now),
        without updates (a pass over the corpus, in compiled code; see
        :func:`~explorer.engine.loss.dataset_loss`)."""
        return dataset_loss(self.model, self.params if step is None else self.state_at(step))

    def record_at(self, step: int) -> StepRecord:
        """The record of a completed step 1..furthest (regenerated by replay if it was dropped)."""
        if not 1 <= step <= self.furthest:
            raise ExplorerError(f"step {step} is outside 1..{self.furthest}")
        rec = self.records.get(step)
        if rec is None:
            params = self._state_at(step - 1)
            rec = self.model.compute(params, step, self.schedule.at(step))
            self.records.put(rec)
        return rec

    def iter_records(self, first: int, last: int):
        """Yield the records of steps ``first``..``last`` (1 ≤ first ≤ last ≤ furthest) in order.

        One replay from the nearest checkpoint (not one per step, as repeated :meth:`record_at` calls
        would), and the record cache is not filled, so exporting a long range keeps memory bounded.
        Do not change the session while iterating.
        """
        if not (isinstance(first, int) and isinstance(last, int) and 1 <= first <= last <= self.furthest):
            raise ExplorerError(f"steps {first}..{last} are not within the computed steps 1..{self.furthest}")
        params = self._state_at(first - 1)
        for s in range(first, last + 1):
            rec = self.records.get(s)
            if rec is None:
                rec = self.model.compute(params, s, self.schedule.at(s))
            self.model.apply(params, rec)
            yield rec

    def state_at(self, step: int) -> Params:
        """A copy of the parameters after ``step`` steps, 0 ≤ step ≤ furthest (the session is unchanged)."""
        if not (isinstance(step, int) and 0 <= step <= self.furthest):
            raise ExplorerError(f"step {step} is outside 0..{self.furthest}")
        return self._state_at(step)

    def _state_at(self, step: int) -> Params:
        """A copy of the parameters after ``step`` steps (from a checkpoint, replaying forward)."""
        if step == self.step and self.pending is None:
            return self.params.copy()
        c, p = self.checkpoints.nearest_at_or_before(step)
        params = p.copy()
        self._replay(params, c, step)
        return params

    def _replay(self, params: Params, start: int, k: int, cache_from: int | None = None) -> None:
        """Advance ``params`` from the state after ``start`` steps to the state after ``k`` (in place).

        Steps whose records are cached are applied; a stretch without them is fast-forwarded, except the
        steps from ``cache_from`` on, which are computed as records and cached (same bits either way).
        """
        s = start + 1
        while s <= k:
            rec = self.records.get(s)
            if rec is None and cache_from is not None and s >= cache_from:
                rec = self.model.compute(params, s, self.schedule.at(s))
                self.records.put(rec)
            if rec is not None:
                self.model.apply(params, rec)
                s += 1
                continue
            stop = k if cache_from is None else min(k, cache_from - 1)
            nxt = self.records.next_cached(s, stop)
            if nxt is not None:
                stop = nxt - 1
            self._fast_advance(params, s, stop - s + 1)
            s = stop + 1

    def _fast_advance(self, params: Params, first: int, m: int) -> None:
        """Fast-forward ``m`` steps of the history from step ``first``, at the scheduled learning rates."""
        from ..engine.fast import fast_forward

        s, end = first, first + m - 1
        while s <= end:
            later = [c - 1 for c, _ in self.schedule.changes if c > s]
            stop = min([end] + later)
            res = fast_forward(self.model, params, s, stop - s + 1, self.schedule.at(s))
            if res.steps_done != stop - s + 1:  # pragma: no cover - the same steps succeeded before
                raise RuntimeError(f"replaying steps {s}..{stop} stopped at {s + res.steps_done}")
            s = stop + 1

    # -- the pending example ----------------------------------------------------------------------
    def _cancel_pending(self) -> None:
        """Put the parameters back as they were before the pending example's first phase."""
        if self.pending is not None:
            if self.phase_index >= 2:
                self.model.revert(self.params, self.pending, "out")
            self.pending = None
            self.phase_index = -1

    def _finish_pending(self) -> None:
        """Apply the rest of the pending example and commit it."""
        if self.pending is not None:
            rec = self.pending
            if self.phase_index < 2:
                self.model.apply(self.params, rec, "out")
            self.model.apply(self.params, rec, "in")
            self.pending = None
            self.phase_index = -1
            self._commit(rec)

    # -- stepping ---------------------------------------------------------------------------------
    def _truncate_future(self) -> None:
        """A new step (or lr change) after undo: the redo branch is discarded."""
        if self.furthest > self.step:
            self.furthest = self.step
            self.records.drop_after(self.step)
            self.checkpoints.drop_after(self.step)
            self.losses.truncate(self.step)
            self.lrs.truncate(self.step)
            for e in [e for e in self.epoch_losses if e > 0 and self.model.stream.epoch_start(e) > self.step]:
                del self.epoch_losses[e]
            self.schedule.drop_after(self.step)

    def _commit(self, rec: StepRecord) -> None:
        """Bookkeeping after the parameters reached the end of step ``rec.step``."""
        s = rec.step
        self.step = s
        if s > self.furthest:  # a new step (re-committing a step of the history changes no series)
            self.losses.set(s - 1, rec.loss)
            self.lrs.set(s - 1, rec.lr)
            self.furthest = s
        self.records.put(rec)
        self.checkpoints.add(s, self.params)
        self._maybe_epoch_loss()

    def _maybe_epoch_loss(self) -> None:
        """At the end of epoch e: the mean E of its steps (no pass over the corpus)."""
        stream = self.model.stream
        e_next, i = stream.locate(self.step + 1)
        if i == 0 and e_next not in self.epoch_losses:
            a = stream.epoch_start(e_next - 1)
            self.epoch_losses[e_next] = self.losses.mean(a, self.step)

    def _new_step(self) -> StepRecord:
        self._truncate_future()
        s = self.step + 1
        rec = self.model.compute(self.params, s, self.schedule.at(s))  # raises BlowUpError, nothing changed
        self.model.apply(self.params, rec)
        self._commit(rec)
        return rec

    def step_forward(self, n: int = 1) -> int:
        """Take ``n`` steps (completing a sub-stepped example first). Returns steps taken.

        A :class:`BlowUpError` stops before the offending step; the parameters stay as they were.
        """
        done = 0
        try:
            if self.pending is not None:
                self._finish_pending()
                done += 1
            while done < n:
                self._new_step()
                done += 1
        finally:
            if done:
                self._emit("state")
        return done

    def undo(self) -> bool:
        """Go back one step (or out of a sub-stepped example). Exact: the before-values are restored."""
        if self.pending is not None:
            self._cancel_pending()
            self._emit("state")
            return True
        if self.step == 0:
            return False
        self._seek_completed(self.step - 1)
        self._emit("state")
        return True

    def redo(self) -> bool:
        if self.pending is not None or self.step >= self.furthest:
            return False
        self._seek_completed(self.step + 1)
        self._emit("state")
        return True

    def can_undo(self) -> bool:
        return self.pending is not None or self.step > 0

    def can_redo(self) -> bool:
        return self.pending is None and self.step < self.furthest

    def seek(self, k: int) -> None:
        """Jump to the state after ``k`` steps, 0 ≤ k ≤ furthest."""
        if not 0 <= k <= self.furthest:
            raise ExplorerError(f"cannot seek to step {k}: computed steps are 0..{self.furthest}")
        self._cancel_pending()
        self._seek_completed(k)
        self._emit("state")

    def _seek_completed(self, k: int) -> None:
        if k == self.step:
            return
        # walk with records when they are at hand and the distance is short; else replay from a checkpoint
        if abs(k - self.step) <= 64:
            ok = True
            if k < self.step:
                recs = [self.records.get(s) for s in range(self.step, k, -1)]
                if all(r is not None for r in recs):
                    for r in recs:
                        assert r is not None  # all(...) above
                        self.model.revert(self.params, r)
                    self.step = k
                    return
            else:
                recs = [self.records.get(s) for s in range(self.step + 1, k + 1)]
                ok = all(r is not None for r in recs)
                if ok:
                    for r in recs:
                        assert r is not None  # all(...) above
                        self.model.apply(self.params, r)
                    self.step = k
                    return
        c, p = self.checkpoints.nearest_at_or_before(k)
        if self.step <= k and self.step > c:
            start, params = self.step, self.params
        else:
            start, params = c, p.copy()
        self._replay(params, start, k, cache_from=k - 15)
        self.params = params
        self.step = k

    # -- sub-steps --------------------------------------------------------------------------------
    def sub_step(self) -> str:
        """Show the next phase of the current example; returns the phase now shown.

        Within the computed history (after undo or seek) this walks the next step of the history by phases
        and keeps redo, as :meth:`sub_step_back` does; past the furthest step it computes a new example.
        """
        if self.pending is None:
            s = self.step + 1
            if s <= self.furthest:
                self.pending = self.record_at(s)
            else:
                self._truncate_future()
                self.pending = self.model.compute(self.params, s, self.schedule.at(s))
            self.phase_index = 0
        else:
            self.phase_index += 1
            if self.phase_index == 2:
                self.model.apply(self.params, self.pending, "out")
            elif self.phase_index == 3:
                self.phase_index = 2
                self._finish_pending()
                self._emit("state")
                return PHASES[3]
        self._emit("state")
        return PHASES[self.phase_index]

    def sub_step_back(self) -> str | None:
        """Step back one phase (into the previous example when at a phase boundary)."""
        if self.pending is None:
            if self.step == 0:
                return None
            rec = self.record_at(self.step)
            self.model.revert(self.params, rec, "in")
            self.step -= 1
            self.pending = rec
            self.phase_index = 2
        else:
            if self.phase_index == 2:
                self.model.revert(self.params, self.pending, "out")
            self.phase_index -= 1
            if self.phase_index < 0:
                self.pending = None
        self._emit("state")
        return self.phase

    # -- learning rate ----------------------------------------------------------------------------
    def set_lr(self, lr: float) -> None:
        """Change the base learning rate from the next step on (part of history; clears redo)."""
        if not (isinstance(lr, (int, float)) and np.isfinite(lr) and lr > 0):
            raise ConfigError(f"learning rate must be a finite number > 0, got {lr!r}")
        self._cancel_pending()
        self._truncate_future()
        self.schedule.set(self.step + 1, lr)
        self._emit("lr")
        self._emit("state")

    # -- long runs --------------------------------------------------------------------------------
    def cancel(self) -> None:
        """Ask a running :meth:`run` to stop at its next check (thread-safe flag)."""
        self._cancel = True

    def run(self, n: int, progress: Callable[[int, int], None] | None = None) -> RunResult:
        """Advance ``n`` steps as fast as possible (compiled fast-forward for long runs).

        Checkpoints are kept along the way so seeking back into the range is quick. Cancellable with
        :meth:`cancel`. A blow-up stops before the offending step.
        """
        t0 = time.perf_counter()
        self._cancel = False
        self._finish_pending()
        self._truncate_future()
        self.losses.ensure(self.step + n)  # the series of a long run are allocated once, at their size
        self.lrs.ensure(self.step + n)
        done = 0
        blow = None
        try:
            if n < FAST_THRESHOLD:
                while done < n and not self._cancel:
                    self._new_step()
                    done += 1
                    if progress and done % 50 == 0:
                        progress(done, n)
            else:
                done, blow = self._run_fast(n, progress)
        except BlowUpError as exc:
            blow = exc
        self._emit("run")
        self._emit("state")
        return RunResult(done, self._cancel and done < n, blow, time.perf_counter() - t0)

    def _run_fast(self, n: int, progress) -> tuple[int, BlowUpError | None]:
        from ..engine.fast import fast_forward

        done = 0
        stream = self.model.stream
        while done < n and not self._cancel:
            s0 = self.step + 1
            # stop at the next checkpoint, epoch boundary, lr change or the series' window's end
            interval = self.checkpoints.interval
            nxt_ckpt = (self.step // interval + 1) * interval
            e, i = stream.locate(s0)
            nxt_epoch = stream.epoch_start(e + 1)
            later_changes = [s - 1 for s, _ in self.schedule.changes if s > s0]
            end = min(
                self.step + (n - done), nxt_ckpt, nxt_epoch, *later_changes, self.step + self.losses.most
            )
            m = end - self.step
            base = done
            res = fast_forward(
                self.model,
                self.params,
                s0,
                m,
                self.schedule.at(s0),
                cancel=lambda: self._cancel,
                progress=(lambda d, _t, base=base: progress(base + d, n)) if progress else None,
                out=(self.losses.window(s0 - 1, m), self.lrs.window(s0 - 1, m)),
            )
            if res.steps_done:
                self.losses.extend_to(s0 - 1 + res.steps_done)
                self.lrs.extend_to(s0 - 1 + res.steps_done)
                self.step += res.steps_done
                self.furthest = self.step
                self.checkpoints.add(self.step, self.params, force=res.steps_done < m)
                self._maybe_epoch_loss()
                done += res.steps_done
            if res.blowup_step is not None:
                try:
                    self.model.compute(self.params, res.blowup_step, self.schedule.at(res.blowup_step))
                except BlowUpError as exc:
                    return done, exc
                return done, BlowUpError(
                    res.blowup_step, "a value overflowed", self.schedule.at(res.blowup_step)
                )
            if res.cancelled:
                break
        self.checkpoints.add(self.step, self.params, force=True)
        return done, None

    def run_epoch(self, progress=None) -> RunResult:
        """Run to the end of the current epoch."""
        e, i = self.model.stream.locate(self.step + 1)
        return self.run(self.model.stream.epoch_start(e + 1) - self.step, progress)

    def run_until_loss(self, target: float, max_epochs: int = 1000, progress=None) -> RunResult:
        """Run whole epochs until the training-set loss is below ``target`` (or ``max_epochs``)."""
        total = RunResult(0)
        self._cancel = False
        for _ in range(max_epochs):
            e_before = self.epoch
            r = self.run_epoch(progress)
            total.steps_done += r.steps_done
            total.seconds += r.seconds
            if r.blowup or r.cancelled or self._cancel:
                total.blowup, total.cancelled = r.blowup, True if r.cancelled or self._cancel else False
                break
            loss = self.epoch_losses.get(e_before + 1)
            if loss is not None and loss < target:
                break
        return total

    # -- files ------------------------------------------------------------------------------------
    def save(self, path) -> None:
        """Write the whole session to a ``.w2vx`` file, atomically (see :mod:`.persistence`)."""
        from .persistence import save_session

        if isinstance(self.losses, UnkeptSeries):
            raise ExplorerError("this session does not hold its per-step series (keep_series=False)")
        save_session(self, path)

    @classmethod
    def load(cls, path) -> Session:
        """A new session read from a ``.w2vx`` file; a bad file raises one-line ``FileFormatError``."""
        from .persistence import load_session

        return load_session(path, cls=cls)

    # -- bookmarks --------------------------------------------------------------------------------
    def add_bookmark(self, name: str) -> None:
        name = " ".join(str(name).split()) or f"step {self.step}"
        self.bookmarks = [(n, s) for n, s in self.bookmarks if n != name] + [(name, self.step)]

    def remove_bookmark(self, name: str) -> None:
        self.bookmarks = [(n, s) for n, s in self.bookmarks if n != name]

    def goto_bookmark(self, name: str) -> None:
        for n, s in self.bookmarks:
            if n == name:
                if s > self.furthest:
                    raise ExplorerError(f"bookmark {name!r} is at step {s}, beyond the computed steps")
                self.seek(s)
                return
        raise ExplorerError(f"no bookmark named {name!r}")
