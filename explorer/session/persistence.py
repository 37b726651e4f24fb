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
"""

from __future__ import annotations

import io
import json
import typing
import zipfile
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from .. import __version__
from ..engine.config import Config
from ..engine.corpus import MAX_CORPUS_BYTES
from ..engine.model import PHASES
from ..engine.npyio import NPY_HEADER_ALLOWANCE, ZIP_ERRORS, read_npy_member
from ..engine.outputs import atomic_file, check_writable  # noqa: F401  (re-exported)
from ..engine.params import Params
from ..errors import ExplorerError, FileFormatError
from .history import LrSchedule

FORMAT_NAME = "w2vx"
FORMAT_VERSION = 1

MANIFEST = "manifest.json"
SESSION_JSON = "session.json"
CORPUS = "corpus.txt"
ARRAYS = (
    "initial_W",
    "initial_W_out",
    "W",
    "W_out",
    "losses",
    "lrs",
    "epoch_ids",
    "epoch_losses",
    "checkpoint_steps",
    "checkpoint_W",
    "checkpoint_W_out",
)
MEMBERS = (MANIFEST, SESSION_JSON, CORPUS) + tuple(f"{a}.npy" for a in ARRAYS)

MAX_MANIFEST_BYTES = 64 * 1024
MAX_MEMBERS = 256
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


# -- loading -----------------------------------------------------------------------------------------
class _Reader:
    """Reads members of an open archive with size limits; every failure is a one-line FileFormatError."""

    def __init__(self, zf: zipfile.ZipFile, name: str):
        self.zf, self.name = zf, name
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            self.fail(f"has {len(infos)} members (at most {MAX_MEMBERS} expected)")
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            n = info.filename
            if (
                n.startswith(("/", "\\"))
                or "\\" in n
                or ".." in n.split("/")
                or ":" in n
                or "\x00" in n
                or info.is_dir()
            ):
                self.fail(f"has a member with a suspicious path {n[:60]!r}")
            if n in self.infos:
                self.fail(f"has two members named {n[:60]!r}")
            if info.flag_bits & 0x1:
                self.fail(f"member {n[:60]!r} is encrypted")
            self.infos[n] = info

    def fail(self, problem: str) -> typing.NoReturn:
        raise FileFormatError(f"session file {self.name!r} {problem}")

    def read(self, member: str, limit: int) -> bytes:
        info = self.infos.get(member)
        if info is None:
            self.fail(f"has no {member!r} (damaged or not a session file)")
        if info.file_size > limit:
            self.fail(f"member {member!r} is {info.file_size} bytes, more than the {limit} expected")
        try:
            with self.zf.open(info) as f:
                data = f.read(limit + 1)
        except ZIP_ERRORS as exc:  # zlib.error: a corrupt deflate stream
            self.fail(f"is damaged: cannot read {member!r} ({_reason(exc)})")
        if len(data) != info.file_size:
            self.fail(f"is damaged: {member!r} has {len(data)} bytes, the archive says {info.file_size}")
        return data

    def json(self, member: str, limit: int):
        data = self.read(member, limit)
        try:
            obj = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            self.fail(f"is damaged: {member!r} is not valid JSON ({_reason(exc)})")
        if not isinstance(obj, dict):
            self.fail(f"is damaged: {member!r} is not a JSON object")
        return obj

    def array(self, key: str, shape: tuple, dtype) -> np.ndarray:
        """The array ``key``.npy, which must have exactly ``shape`` and a ``dtype``-compatible type
        (the declared header is checked before the data is read or inflated)."""
        member = f"{key}.npy"
        dtype = np.dtype(dtype)
        info = self.infos.get(member)
        if info is None:
            self.fail(f"has no {member!r} (damaged or not a session file)")
        limit = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize + NPY_HEADER_ALLOWANCE
        if info.file_size > limit:
            self.fail(f"member {member!r} is {info.file_size} bytes, more than the {limit} expected")

        def check(got_shape, got_dtype):
            if got_dtype.kind != dtype.kind or got_dtype.itemsize != dtype.itemsize:
                self.fail(f"array {key!r} has type {got_dtype}, expected {dtype}")
            if got_shape != tuple(shape):
                self.fail(f"array {key!r} has shape {_short(got_shape)}, expected {tuple(shape)}")

        a = read_npy_member(self.zf, info, check, lambda problem: self.fail(_damaged(problem)))
        a = np.array(a, dtype=dtype, order="C")  # native byte order, own memory, writable
        if dtype.kind == "f" and key not in ("epoch_losses",) and a.size and not np.all(np.isfinite(a)):
            self.fail(f"array {key!r} contains non-finite values")
        return a


def _damaged(problem: str) -> str:
    return problem if problem.startswith("is ") else f"is damaged: {problem}"


def _short(shape) -> str:
    text = str(tuple(shape))
    return text if len(text) <= 60 else text[:28] + "…" + text[-28:]


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return " ".join(text.split())[:100]


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def read_manifest(path) -> dict:
    """The manifest of a ``.w2vx`` file (format, version, generator, members), checked."""
    with _open(path) as (zf, name):
        return _manifest(_Reader(zf, name))


@contextmanager
def _open(path):
    name = str(path)
    p = Path(path)
    if p.is_dir():
        raise FileFormatError(f"session file {name!r} is a folder, not a file")
    try:
        zf = zipfile.ZipFile(p, "r")
    except FileNotFoundError:
        raise FileFormatError(f"session file {name!r} does not exist") from None
    except zipfile.BadZipFile:
        raise FileFormatError(
            f"session file {name!r} is not a session file (not a zip archive, or truncated)"
        ) from None
    except (OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error) as exc:
        raise FileFormatError(f"cannot read session file {name!r} ({_reason(exc)})") from None
    try:
        yield zf, name
    finally:
        zf.close()


def _manifest(r: _Reader) -> dict:
    if MANIFEST not in r.infos:
        r.fail(f"is not a session file (it has no {MANIFEST!r})")
    m = r.json(MANIFEST, MAX_MANIFEST_BYTES)
    if m.get("format") != FORMAT_NAME:
        r.fail(f"is not a session file (format {str(m.get('format'))[:40]!r}, expected {FORMAT_NAME!r})")
    v = m.get("version")
    if not _is_int(v) or v < 1:
        r.fail(f"has an invalid format version {str(v)[:20]!r}")
    if v > FORMAT_VERSION:
        gen = str(m.get("generator", "a newer version"))[:60]
        r.fail(
            f"is format version {v}, written by {gen}; this program reads version {FORMAT_VERSION} "
            f"(update w2v-explorer)"
        )
    members = m.get("members")
    if not isinstance(members, list) or not all(isinstance(x, str) for x in members):
        r.fail(f"has an invalid {MANIFEST!r} (no member list)")
    for x in MEMBERS[1:]:
        if x not in members or x not in r.infos:
            r.fail(f"has no {x!r} (damaged or incomplete)")
    return m


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


def _build(cls, r: _Reader, meta: dict, text: str, progress: Callable[[str, float], None] | None = None):
    def need(ok, problem):
        if not ok:
            r.fail(problem)

    for key in (
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
    ):
        need(key in meta, f"is damaged: {SESSION_JSON!r} has no {key!r}")
    need(isinstance(meta["name"], str), "has a session name that is not text")
    need(
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
    need(_is_int(furthest) and furthest >= 0, f"has an invalid furthest step {str(furthest)[:20]!r}")
    need(
        _is_int(step) and 0 <= step <= furthest,
        f"has an invalid current step {str(step)[:20]!r} (computed steps are 0..{furthest})",
    )
    need(
        _is_int(phase_index) and -1 <= phase_index <= len(PHASES) - 2,
        f"has an invalid sub-step phase {str(phase_index)[:20]!r}",
    )
    need(furthest <= MAX_STEPS, f"has {furthest} computed steps; the limit is {MAX_STEPS:,}")
    interval = meta["checkpoint_interval"]
    need(_is_int(interval) and interval >= 1, f"has an invalid checkpoint interval {str(interval)[:20]!r}")

    # the learning-rate schedule
    sched = meta["schedule"]
    need(isinstance(sched, list) and sched, "has an empty or invalid learning-rate schedule")
    need(
        len(sched) <= min(MAX_SCHEDULE_ENTRIES, furthest + 1),
        f"has {len(sched)} learning-rate schedule entries; the limit is "
        f"{min(MAX_SCHEDULE_ENTRIES, furthest + 1):,} (at most one per computed step, and {MAX_SCHEDULE_ENTRIES:,})",
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
        need(ok, f"has an invalid learning-rate schedule entry {str(item)[:40]}")
        prev = item[0]
    need(sched[0][0] == 1, "has a learning-rate schedule that does not start at step 1")
    fast = meta.get("fast_steps", [])  # older files only
    need(isinstance(fast, list), "has an invalid list of fast-forwarded steps")
    need(
        len(fast) <= furthest,
        f"has {len(fast)} ranges of fast-forwarded steps, more than its {furthest} steps",
    )
    prev = 0
    for item in fast:
        need(
            isinstance(item, list)
            and len(item) == 2
            and _is_int(item[0])
            and _is_int(item[1])
            and prev < item[0] <= item[1] <= furthest,
            f"has an invalid range of fast-forwarded steps {str(item)[:40]} (steps are 1..{furthest})",
        )
        prev = item[1]
    recorded = furthest - sum(b - a + 1 for a, b in fast)
    need(
        recorded <= MAX_RECORD_STEPS,
        f"has {recorded} steps made with records (not fast-forwarded); the limit is {MAX_RECORD_STEPS:,}",
    )
    bookmarks = meta["bookmarks"]
    need(isinstance(bookmarks, list), "has an invalid bookmark list")
    need(len(bookmarks) <= MAX_BOOKMARKS, f"has {len(bookmarks)} bookmarks; the limit is {MAX_BOOKMARKS:,}")
    for b in bookmarks:
        need(
            isinstance(b, list)
            and len(b) == 2
            and isinstance(b[0], str)
            and _is_int(b[1])
            and 0 <= b[1] <= furthest
            and len(b[0]) <= MAX_BOOKMARK_NAME,
            f"has an invalid bookmark {str(b)[:40]} (a name of at most {MAX_BOOKMARK_NAME} characters and "
            f"a step in 0..{furthest})",
        )

    # the model: rebuilt from the corpus and configuration, checked against the saved vocabulary
    vocab = meta["vocab"]
    need(isinstance(vocab, list) and all(isinstance(w, str) for w in vocab), "has an invalid vocabulary")
    V, N, n_out = meta["V"], meta["N"], meta["n_out"]
    need(_is_int(V) and V == len(vocab), f"says V = {str(V)[:20]} but lists {len(vocab)} words")
    need(
        _is_int(N) and N == config.hidden,
        f"says N = {str(N)[:20]} but its configuration has hidden = {config.hidden}",
    )
    need(
        _is_int(n_out) and n_out == (V - 1 if config.output == "hs" else V),
        f"says there are {str(n_out)[:20]} output vectors; V = {V} and output {config.output!r} need "
        f"{V - 1 if config.output == 'hs' else V}",
    )

    try:
        config.check_size(V)
    except ExplorerError as exc:
        r.fail(f"has a model too large to load: {exc}")

    # arrays, each with the shape the metadata implies (checked before reading)
    W0 = r.array("initial_W", (V, N), np.float64)
    Wo0 = r.array("initial_W_out", (N, n_out), np.float64)
    W = r.array("W", (V, N), np.float64)
    Wo = r.array("W_out", (N, n_out), np.float64)
    losses = r.array("losses", (furthest,), np.float64)
    lrs = r.array("lrs", (furthest,), np.float64)
    need(not lrs.size or np.all(lrs > 0), "has a learning rate <= 0 in its step series")
    ck_steps = _int_array(r, "checkpoint_steps", furthest + 1)
    K = len(ck_steps)
    need(
        K * (V * N + N * n_out) * 8 <= MAX_CHECKPOINT_BYTES,
        f"has {K} checkpoints of {V * N + N * n_out:,} values each; the limit is "
        f"{MAX_CHECKPOINT_BYTES // 2**20} MB of checkpoints",
    )
    need(
        K >= 1 and ck_steps[0] == 0 and np.all(np.diff(ck_steps) > 0) and ck_steps[-1] <= furthest,
        f"has invalid checkpoint steps (they must rise from 0 to at most {furthest})",
    )
    ck_W = r.array("checkpoint_W", (K, V, N), np.float64)
    ck_Wo = r.array("checkpoint_W_out", (K, N, n_out), np.float64)
    e_ids = _int_array(r, "epoch_ids", furthest + 2)
    E = len(e_ids)
    need(
        E >= 1 and e_ids[0] == 0 and np.all(np.diff(e_ids) > 0) and e_ids[-1] <= furthest + 1,
        "has invalid epoch numbers in its epoch-loss series",
    )
    e_losses = r.array("epoch_losses", (E,), np.float64)

    try:
        session = cls(
            text, config, meta["corpus_format"], params=Params(W0, Wo0), name=meta["name"], progress=progress
        )
    except ExplorerError as exc:
        r.fail(f"cannot be rebuilt: {exc}")
    model = session.model
    if list(model.words) != vocab:
        i = next((i for i, (a, b) in enumerate(zip(model.words, vocab)) if a != b), min(len(vocab), model.V))
        r.fail(
            f"has a vocabulary that differs from its corpus ({len(vocab)} saved words, {model.V} "
            f"rebuilt; first difference at index {i})"
        )
    stream = model.stream
    for e in e_ids.tolist():
        need(
            stream.epoch_start(e) <= furthest,
            f"has an epoch loss for epoch {e}, which starts after step {furthest}",
        )
    need(
        np.array_equal(ck_W[0], W0) and np.array_equal(ck_Wo[0], Wo0),
        "is inconsistent: the checkpoint at step 0 differs from the initial parameters",
    )
    for k, s in enumerate(ck_steps.tolist()):
        if s == step:
            need(
                np.array_equal(ck_W[k], W) and np.array_equal(ck_Wo[k], Wo),
                f"is inconsistent: the checkpoint at step {step} differs from the current parameters",
            )

    # restore the state
    session.params = Params(W, Wo)
    session.step, session.furthest = step, furthest
    session.schedule = LrSchedule.from_list(sched)
    session.losses.set_range(0, losses)
    session.lrs.set_range(0, lrs)
    session.epoch_losses = {int(e): float(x) for e, x in zip(e_ids.tolist(), e_losses.tolist())}
    session.bookmarks = [(n, int(s)) for n, s in bookmarks]
    session.checkpoints.restore(
        interval, [(int(s), Params(ck_W[k].copy(), ck_Wo[k].copy())) for k, s in enumerate(ck_steps.tolist())]
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
    return session


def _int_array(r: _Reader, key: str, max_len: int) -> np.ndarray:
    """A 1-D int64 array of at most ``max_len`` entries (its length comes from its own header)."""
    member = f"{key}.npy"
    info = r.infos.get(member)
    if info is None:
        r.fail(f"has no {member!r} (damaged or not a session file)")
    if info.file_size > 8 * max_len + NPY_HEADER_ALLOWANCE:
        r.fail(
            f"member {member!r} is {info.file_size} bytes, more than the {8 * max_len + NPY_HEADER_ALLOWANCE} "
            f"expected"
        )

    def check(shape, dtype):
        if len(shape) != 1 or dtype.kind != "i" or dtype.itemsize != 8:
            r.fail(f"array {key!r} must be a 1-D int64 array")
        if shape[0] > max_len:
            r.fail(f"array {key!r} has {shape[0]} entries, more than the {max_len} possible")

    a = read_npy_member(r.zf, info, check, lambda problem: r.fail(_damaged(problem)))
    return np.array(a, dtype=np.int64)
