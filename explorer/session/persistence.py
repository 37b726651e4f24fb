"""Saving and loading a whole session: one ``.w2vx`` file.

A ``.w2vx`` file is a zip archive of JSON, UTF-8 text and ``.npy`` arrays. Nothing in it is ever unpickled
(arrays are read with ``np.load(allow_pickle=False)``), nothing is extracted to disk, and every member's
size is checked against what the saved configuration implies before it is read.

Members (format ``w2vx``, version 1)::

    manifest.json           {"format": "w2vx", "version": 1, "generator": "w2v-explorer 0.1.0",
                             "members": [every other member's name]}
    session.json            {"name", "corpus_format" ("text" | "pairs"), "config" (Config.to_dict()),
                             "vocab" (the words, in id order), "V", "N", "n_out",
                             "step" (completed steps), "furthest" (furthest computed step),
                             "phase_index" (-1, or 0..2: the sub-stepped example's last shown phase),
                             "schedule" ([[first step, base lr], ...]), "bookmarks" ([[name, step], ...]),
                             "checkpoint_interval"}
                            (files written before fast-forward and records shared one compiled step also
                            have "fast_steps", [[first, last], ...]; it is checked and otherwise ignored)
    corpus.txt              the corpus text, UTF-8
    initial_W.npy           W  (V×N)  at step 0            float64
    initial_W_out.npy       W' (N×V') at step 0            float64
    W.npy, W_out.npy        W, W' after ``step`` steps     float64
                            (a sub-stepped example's output update is not included: it is redone on load)
    losses.npy              E of steps 1..furthest        float64 (furthest,)
    lrs.npy                 η of steps 1..furthest        float64 (furthest,)
    epoch_ids.npy           completed epochs e (0 = the initial state)   int64 (E,)
    epoch_losses.npy        e = 0: training-set E at the start; e ≥ 1: mean E of epoch e's steps  float64 (E,)
    checkpoint_steps.npy    steps of the seek checkpoints (0 first)      int64 (K,)
    checkpoint_W.npy        W at each checkpoint           float64 (K, V, N)
    checkpoint_W_out.npy    W' at each checkpoint          float64 (K, N, V')

Replay is exact (every example is a function of the configuration, seed and step; the learning-rate
schedule is saved), so the initial parameters and the schedule alone determine every state; the current
parameters and the checkpoints are stored so loading and seeking are quick, and are checked against each
other where they overlap.

Any problem reading a file — not a zip, truncated, a damaged member, a missing or oversized member, wrong
shapes, a newer version — is one :class:`~explorer.errors.FileFormatError` whose single line names the file
and the problem. Loading builds a new session; nothing that exists is changed. Saving writes a temporary
file in the same folder and renames it over the target: a reader never sees a half-written file.

The member names, the manifest and the size-checked reading of members live in :mod:`.archive`; this
module writes the archive, checks what a session file declares against the caps below, rebuilds the
session from it and verifies it by replay.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from .. import __version__
from ..engine.config import Config
from ..engine.corpus import MAX_CORPUS_BYTES
from ..engine.model import PHASES
from ..engine.outputs import atomic_file, check_writable  # noqa: F401  (re-exported)
from ..engine.params import Params
from ..errors import ExplorerError, FileFormatError
from .archive import (
    ARRAYS,
    CORPUS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    MEMBERS,
    SESSION_JSON,
    _int_array,
    _is_int,
    _manifest,
    _open,
    _Reader,
    _reason,
    read_manifest,  # noqa: F401  (re-exported)
)
from .history import LrSchedule

# -- caps on what a session file may declare (README, "Bad input"); checked before anything is read --------
#: computed steps (``furthest``): the loss and learning-rate series hold 16 bytes per step
MAX_STEPS = 20_000_000
#: steps made with records (not the compiled fast path): load replays each at ~50 µs
MAX_RECORD_STEPS = 200_000
#: entries of the learning-rate schedule (each a change of η made in the app)
MAX_SCHEDULE_ENTRIES = 10_000
#: bookmarks, and the length of a bookmark's name
MAX_BOOKMARKS = 10_000
MAX_BOOKMARK_NAME = 500
#: all seek checkpoints together (K × (V·N + N·V') float64 values)
MAX_CHECKPOINT_BYTES = 512 * 2**20
#: verification replays the history in stretches of at most this many steps (progress and Cancel between)
REPLAY_CHUNK = 5_000
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # same bytes for the same session: no timestamps in the archive


# -- saving ------------------------------------------------------------------------------------------
def _npy_bytes(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(a), allow_pickle=False)
    return buf.getvalue()


def session_state(session) -> tuple[dict, str, dict[str, np.ndarray]]:
    """(session.json dict, corpus text, arrays) describing ``session`` (the saved content)."""
    model = session.model
    params = session.params.copy()
    phase_index = -1
    if session.pending is not None:
        phase_index = session.phase_index
        if phase_index >= 2:  # the output update of the sub-stepped example is redone on load
            model.revert(params, session.pending, "out")
    ck = session.checkpoints.items()
    e_ids = np.array(sorted(session.epoch_losses), dtype=np.int64)
    N, n_out = session.config.hidden, model.n_out
    meta = {
        "name": session.name,
        "corpus_format": model.corpus.kind,
        "config": session.config.to_dict(),
        "vocab": list(model.words),
        "V": model.V,
        "N": N,
        "n_out": n_out,
        "step": session.step,
        "furthest": session.furthest,
        "phase_index": phase_index,
        "schedule": session.schedule.to_list(),
        "bookmarks": [[n, s] for n, s in session.bookmarks],
        "checkpoint_interval": session.checkpoints.interval,
    }
    arrays = {
        "initial_W": session.initial.W,
        "initial_W_out": session.initial.W_out,
        "W": params.W,
        "W_out": params.W_out,
        "losses": np.array(session.losses.view()[: session.furthest], dtype=np.float64),
        "lrs": np.array(session.lrs.view()[: session.furthest], dtype=np.float64),
        "epoch_ids": e_ids,
        "epoch_losses": np.array([session.epoch_losses[int(e)] for e in e_ids], dtype=np.float64),
        "checkpoint_steps": np.array([s for s, _ in ck], dtype=np.int64),
        "checkpoint_W": np.stack([p.W for _, p in ck]) if ck else np.empty((0, model.V, N)),
        "checkpoint_W_out": np.stack([p.W_out for _, p in ck]) if ck else np.empty((0, N, n_out)),
    }
    return meta, session.text, arrays


def save_session(session, path) -> None:
    """Write ``session`` to ``path`` (a ``.w2vx`` zip), atomically. Same session, same bytes."""
    meta, text, arrays = session_state(session)
    manifest = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "generator": f"w2v-explorer {__version__}",
        "members": [m for m in MEMBERS if m != MANIFEST],
    }

    def put(zf, name, data: bytes, compress: int):
        info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
        info.compress_type = compress
        info.external_attr = 0o644 << 16
        zf.writestr(info, data, compresslevel=1 if compress == zipfile.ZIP_DEFLATED else None)

    with atomic_file(path, "wb") as f:
        with zipfile.ZipFile(f, "w") as zf:
            put(zf, MANIFEST, json.dumps(manifest, indent=1).encode(), zipfile.ZIP_DEFLATED)
            put(
                zf,
                SESSION_JSON,
                json.dumps(meta, ensure_ascii=False, allow_nan=False).encode("utf-8"),
                zipfile.ZIP_DEFLATED,
            )
            put(zf, CORPUS, text.encode("utf-8"), zipfile.ZIP_DEFLATED)
            for a in ARRAYS:
                put(zf, f"{a}.npy", _npy_bytes(arrays[a]), zipfile.ZIP_DEFLATED)


def load_session(
    path,
    cls,
    corpus_limit: int = MAX_CORPUS_BYTES,
    verify: bool = True,
    progress: Callable[[str, float], None] | None = None,
):
    """Read a ``.w2vx`` file into a new session of class ``cls`` (:meth:`Session.load` passes its own class,
    so this module does not import :mod:`.session`: no import cycle).

    Every declared size is checked against the caps above and against the configuration before it is
    read; with ``verify`` (the default) the whole history is then replayed from the initial parameters and
    must reproduce every stored checkpoint and the current parameters bit for bit. So a session that is
    returned works: seeking, undo and every view can replay any step of it. Any problem, including running
    out of memory, is one :class:`FileFormatError`; nothing that exists is changed.

    ``progress(stage, fraction)``, if given, is called between the stages (reading the file, rebuilding the
    model, replaying the history in stretches of :data:`REPLAY_CHUNK` steps) with ``fraction`` rising from
    0 to 1. An exception it raises (a cancelled load) passes through unchanged; nothing was changed then
    either.
    """
    report = progress or (lambda stage, fraction: None)
    build_share = 0.5 if verify else 1.0  # of the whole load: the rest is the replay
    try:
        report("reading the session file", 0.0)
        with _open(path) as (zf, name):
            r = _Reader(zf, name)
            _manifest(r)
            text_bytes = r.read(CORPUS, corpus_limit)
            try:
                text = text_bytes.decode("utf-8")
            except UnicodeDecodeError as exc:
                r.fail(f"is damaged: {CORPUS!r} is not UTF-8 (offset {exc.start})")
            meta = r.json(SESSION_JSON, 32 * 2**20 + 4 * len(text_bytes))
            session = _build(
                cls, r, meta, text, lambda stage, f: report(stage, 0.05 + (build_share - 0.05) * f)
            )
        if verify:
            verify_replay(
                session, name, lambda f: report("replaying the history", build_share + (1 - build_share) * f)
            )
        report("ready", 1.0)
        return session
    except MemoryError:
        raise FileFormatError(f"session file {str(path)!r} does not fit in memory") from None


def verify_replay(session, name: str, progress: Callable[[float], None] | None = None) -> None:
    """Replay ``session`` from step 0 to its furthest step; every stored checkpoint and the current
    parameters must be reproduced bit for bit, and no step may fail (a one-line FileFormatError).

    ``progress(fraction)`` is called before each stretch of at most :data:`REPLAY_CHUNK` steps (the
    stretches give the same bits as one replay: a step depends only on the seed, its number and η)."""
    ck = session.checkpoints.items()
    steps = [s for s, _ in ck]
    targets = sorted(set(steps[1:]) | {session.step, session.furthest})
    stored = dict(ck)
    params = session.initial.copy()
    at = 0
    for t in targets:
        if t <= at:
            continue
        try:
            while at < t:
                if progress is not None:
                    progress(at / max(1, session.furthest))
                nxt = min(t, at + REPLAY_CHUNK)
                session._replay(params, at, nxt)
                at = nxt
        except (ExplorerError, RuntimeError, ArithmeticError, ValueError, FloatingPointError) as exc:
            raise FileFormatError(
                f"session file {name!r} cannot be replayed: steps {at + 1}..{t} fail ({_reason(exc)})"
            ) from None
        if t in stored and not stored[t].equals(params):
            raise FileFormatError(
                f"session file {name!r} is inconsistent: replaying its history does not "
                f"reproduce its checkpoint at step {t}"
            )
        if t == session.step and not _current(session).equals(params):
            raise FileFormatError(
                f"session file {name!r} is inconsistent: replaying its history does not "
                f"reproduce its parameters at step {t}"
            )


def _current(session) -> Params:
    """The session's parameters after ``step`` completed steps (without a sub-stepped output update)."""
    params = session.params.copy()
    if session.pending is not None and session.phase_index >= 2:
        session.model.revert(params, session.pending, "out")
    return params


# -- rebuilding a session from what the file declares -------------------------------------------------
_META_KEYS = (
    "name",
    "corpus_format",
    "config",
    "vocab",
    "V",
    "N",
    "n_out",
    "step",
    "furthest",
    "phase_index",
    "schedule",
    "bookmarks",
    "checkpoint_interval",
)


class _SavedArrays(NamedTuple):
    """The arrays of a session file, each read with the shape its metadata implies."""

    W0: np.ndarray  # W (V×N) at step 0
    Wo0: np.ndarray  # W' (N×V') at step 0
    W: np.ndarray  # W after ``step`` steps
    Wo: np.ndarray  # W' after ``step`` steps
    losses: np.ndarray  # E of steps 1..furthest
    lrs: np.ndarray  # η of steps 1..furthest
    ck_steps: np.ndarray  # steps of the seek checkpoints
    ck_W: np.ndarray  # W at each checkpoint (K, V, N)
    ck_Wo: np.ndarray  # W' at each checkpoint (K, N, V')
    e_ids: np.ndarray  # completed epochs e
    e_losses: np.ndarray  # the epoch-loss series


def _need(r: _Reader, ok, problem: str) -> None:
    if not ok:
        r.fail(problem)


def _build(cls, r: _Reader, meta: dict, text: str, progress: Callable[[str, float], None] | None = None):
    config = _check_header(r, meta)
    furthest = meta["furthest"]
    _check_schedule(r, meta["schedule"], furthest)
    _check_fast_steps(r, meta.get("fast_steps", []), furthest)  # older files only
    _check_bookmarks(r, meta["bookmarks"], furthest)
    V, N, n_out = _check_model_size(r, meta, config)
    saved = _read_arrays(r, V, N, n_out, furthest)
    try:
        session = cls(
            text,
            config,
            meta["corpus_format"],
            params=Params(saved.W0, saved.Wo0),
            name=meta["name"],
            progress=progress,
        )
    except ExplorerError as exc:
        r.fail(f"cannot be rebuilt: {exc}")
    _check_against_model(r, session, meta, saved)
    _restore_state(r, session, meta, saved)
    return session


def _check_header(r: _Reader, meta: dict) -> Config:
    """Every key present; the name, corpus format, configuration, step counters and checkpoint interval."""
    for key in _META_KEYS:
        _need(r, key in meta, f"is damaged: {SESSION_JSON!r} has no {key!r}")
    _need(r, isinstance(meta["name"], str), "has a session name that is not text")
    _need(
        r,
        meta["corpus_format"] in ("text", "pairs"),
        f"has an unknown corpus format {str(meta['corpus_format'])[:20]!r}",
    )
    try:
        config = Config.from_dict(meta["config"])
    except ExplorerError as exc:
        r.fail(f"has an invalid configuration: {exc}")
    except TypeError as exc:
        r.fail(f"has an invalid configuration ({_reason(exc)})")
    step, furthest, phase_index = meta["step"], meta["furthest"], meta["phase_index"]
    _need(r, _is_int(furthest) and furthest >= 0, f"has an invalid furthest step {str(furthest)[:20]!r}")
    _need(
        r,
        _is_int(step) and 0 <= step <= furthest,
        f"has an invalid current step {str(step)[:20]!r} (computed steps are 0..{furthest})",
    )
    _need(
        r,
        _is_int(phase_index) and -1 <= phase_index <= len(PHASES) - 2,
        f"has an invalid sub-step phase {str(phase_index)[:20]!r}",
    )
    _need(r, furthest <= MAX_STEPS, f"has {furthest} computed steps; the limit is {MAX_STEPS:,}")
    interval = meta["checkpoint_interval"]
    _need(
        r, _is_int(interval) and interval >= 1, f"has an invalid checkpoint interval {str(interval)[:20]!r}"
    )
    return config


def _check_schedule(r: _Reader, sched, furthest: int) -> None:
    """The learning-rate schedule: [[first step, η], ...], starting at step 1, steps rising, η > 0."""
    _need(r, isinstance(sched, list) and sched, "has an empty or invalid learning-rate schedule")
    limit = min(MAX_SCHEDULE_ENTRIES, furthest + 1)
    _need(
        r,
        len(sched) <= limit,
        f"has {len(sched)} learning-rate schedule entries; the limit is "
        f"{limit:,} (at most one per computed step, and {MAX_SCHEDULE_ENTRIES:,})",
    )
    prev = 0
    for item in sched:
        ok = (
            isinstance(item, list)
            and len(item) == 2
            and _is_int(item[0])
            and item[0] > prev
            and isinstance(item[1], (int, float))
            and not isinstance(item[1], bool)
            and np.isfinite(item[1])
            and item[1] > 0
        )
        _need(r, ok, f"has an invalid learning-rate schedule entry {str(item)[:40]}")
        prev = item[0]
    _need(r, sched[0][0] == 1, "has a learning-rate schedule that does not start at step 1")


def _check_fast_steps(r: _Reader, fast, furthest: int) -> None:
    """The fast-forwarded ranges of older files ([[first, last], ...]) and the cap on steps with records."""
    _need(r, isinstance(fast, list), "has an invalid list of fast-forwarded steps")
    _need(
        r,
        len(fast) <= furthest,
        f"has {len(fast)} ranges of fast-forwarded steps, more than its {furthest} steps",
    )
    prev = 0
    for item in fast:
        _need(
            r,
            isinstance(item, list)
            and len(item) == 2
            and _is_int(item[0])
            and _is_int(item[1])
            and prev < item[0] <= item[1] <= furthest,
            f"has an invalid range of fast-forwarded steps {str(item)[:40]} (steps are 1..{furthest})",
        )
        prev = item[1]
    recorded = furthest - sum(b - a + 1 for a, b in fast)
    _need(
        r,
        recorded <= MAX_RECORD_STEPS,
        f"has {recorded} steps made with records (not fast-forwarded); the limit is {MAX_RECORD_STEPS:,}",
    )


def _check_bookmarks(r: _Reader, bookmarks, furthest: int) -> None:
    """The bookmarks: [[name, step], ...], each name short, each step in 0..furthest."""
    _need(r, isinstance(bookmarks, list), "has an invalid bookmark list")
    _need(
        r, len(bookmarks) <= MAX_BOOKMARKS, f"has {len(bookmarks)} bookmarks; the limit is {MAX_BOOKMARKS:,}"
    )
    for b in bookmarks:
        _need(
            r,
            isinstance(b, list)
            and len(b) == 2
            and isinstance(b[0], str)
            and _is_int(b[1])
            and 0 <= b[1] <= furthest
            and len(b[0]) <= MAX_BOOKMARK_NAME,
            f"has an invalid bookmark {str(b)[:40]} (a name of at most {MAX_BOOKMARK_NAME} characters and "
            f"a step in 0..{furthest})",
        )


def _check_model_size(r: _Reader, meta: dict, config: Config) -> tuple[int, int, int]:
    """(V, N, V'): the saved vocabulary and sizes, consistent with each other and the configuration, and
    a model small enough to load."""
    vocab = meta["vocab"]
    _need(r, isinstance(vocab, list) and all(isinstance(w, str) for w in vocab), "has an invalid vocabulary")
    V, N, n_out = meta["V"], meta["N"], meta["n_out"]
    _need(r, _is_int(V) and V == len(vocab), f"says V = {str(V)[:20]} but lists {len(vocab)} words")
    _need(
        r,
        _is_int(N) and N == config.hidden,
        f"says N = {str(N)[:20]} but its configuration has hidden = {config.hidden}",
    )
    _need(
        r,
        _is_int(n_out) and n_out == (V - 1 if config.output == "hs" else V),
        f"says there are {str(n_out)[:20]} output vectors; V = {V} and output {config.output!r} need "
        f"{V - 1 if config.output == 'hs' else V}",
    )
    try:
        config.check_size(V)
    except ExplorerError as exc:
        r.fail(f"has a model too large to load: {exc}")
    return V, N, n_out


def _read_arrays(r: _Reader, V: int, N: int, n_out: int, furthest: int) -> _SavedArrays:
    """The arrays, each with the shape the metadata implies (checked before reading), and the checkpoint
    and epoch numbers checked."""
    W0 = r.array("initial_W", (V, N), np.float64)
    Wo0 = r.array("initial_W_out", (N, n_out), np.float64)
    W = r.array("W", (V, N), np.float64)
    Wo = r.array("W_out", (N, n_out), np.float64)
    losses = r.array("losses", (furthest,), np.float64)
    lrs = r.array("lrs", (furthest,), np.float64)
    _need(r, not lrs.size or np.all(lrs > 0), "has a learning rate <= 0 in its step series")
    ck_steps = _int_array(r, "checkpoint_steps", furthest + 1)
    K = len(ck_steps)
    _need(
        r,
        K * (V * N + N * n_out) * 8 <= MAX_CHECKPOINT_BYTES,
        f"has {K} checkpoints of {V * N + N * n_out:,} values each; the limit is "
        f"{MAX_CHECKPOINT_BYTES // 2**20} MB of checkpoints",
    )
    _need(
        r,
        K >= 1 and ck_steps[0] == 0 and np.all(np.diff(ck_steps) > 0) and ck_steps[-1] <= furthest,
        f"has invalid checkpoint steps (they must rise from 0 to at most {furthest})",
    )
    ck_W = r.array("checkpoint_W", (K, V, N), np.float64)
    ck_Wo = r.array("checkpoint_W_out", (K, N, n_out), np.float64)
    e_ids = _int_array(r, "epoch_ids", furthest + 2)
    E = len(e_ids)
    _need(
        r,
        E >= 1 and e_ids[0] == 0 and np.all(np.diff(e_ids) > 0) and e_ids[-1] <= furthest + 1,
        "has invalid epoch numbers in its epoch-loss series",
    )
    e_losses = r.array("epoch_losses", (E,), np.float64)
    return _SavedArrays(W0, Wo0, W, Wo, losses, lrs, ck_steps, ck_W, ck_Wo, e_ids, e_losses)


def _check_against_model(r: _Reader, session, meta: dict, saved: _SavedArrays) -> None:
    """The rebuilt model's vocabulary is the saved one, every saved epoch has started, and the checkpoints
    at step 0 and at the current step are the initial and the current parameters."""
    vocab, step, furthest = meta["vocab"], meta["step"], meta["furthest"]
    model = session.model
    if list(model.words) != vocab:
        i = next((i for i, (a, b) in enumerate(zip(model.words, vocab)) if a != b), min(len(vocab), model.V))
        r.fail(
            f"has a vocabulary that differs from its corpus ({len(vocab)} saved words, {model.V} "
            f"rebuilt; first difference at index {i})"
        )
    stream = model.stream
    for e in saved.e_ids.tolist():
        _need(
            r,
            stream.epoch_start(e) <= furthest,
            f"has an epoch loss for epoch {e}, which starts after step {furthest}",
        )
    _need(
        r,
        np.array_equal(saved.ck_W[0], saved.W0) and np.array_equal(saved.ck_Wo[0], saved.Wo0),
        "is inconsistent: the checkpoint at step 0 differs from the initial parameters",
    )
    for k, s in enumerate(saved.ck_steps.tolist()):
        if s == step:
            _need(
                r,
                np.array_equal(saved.ck_W[k], saved.W) and np.array_equal(saved.ck_Wo[k], saved.Wo),
                f"is inconsistent: the checkpoint at step {step} differs from the current parameters",
            )


def _restore_state(r: _Reader, session, meta: dict, saved: _SavedArrays) -> None:
    """Put the saved state into the rebuilt ``session``; a sub-stepped example is computed again."""
    step, phase_index = meta["step"], meta["phase_index"]
    model = session.model
    session.params = Params(saved.W, saved.Wo)
    session.step, session.furthest = step, meta["furthest"]
    session.schedule = LrSchedule.from_list(meta["schedule"])
    session.losses.set_range(0, saved.losses)
    session.lrs.set_range(0, saved.lrs)
    session.epoch_losses = {int(e): float(x) for e, x in zip(saved.e_ids.tolist(), saved.e_losses.tolist())}
    session.bookmarks = [(n, int(s)) for n, s in meta["bookmarks"]]
    session.checkpoints.restore(
        meta["checkpoint_interval"],
        [
            (int(s), Params(saved.ck_W[k].copy(), saved.ck_Wo[k].copy()))
            for k, s in enumerate(saved.ck_steps.tolist())
        ],
    )
    session.records.clear()
    if phase_index >= 0:
        try:
            pending = model.compute(session.params, step + 1, session.schedule.at(step + 1))
        except ExplorerError as exc:
            r.fail(f"cannot redo its sub-stepped example: {exc}")
        session.pending, session.phase_index = pending, phase_index
        if phase_index >= 2:
            model.apply(session.params, pending, "out")
