"""Exports of a session: word vectors, weights, the trace of a range of steps, the loss series.

Every file is written atomically (a temporary file in the same folder, renamed over the target), so an
error or an interruption never leaves a half-written file.

- :func:`export_vectors`   word2vec format, as word2vec.c's ``-output`` writes it and gensim's
  ``KeyedVectors.load_word2vec_format`` reads it. Text (the default): a header line ``"V N"``, then one
  line per word, ``word v1 v2 … vN``, each value printed with Python's ``repr`` (the shortest decimal that
  reads back as the same float64, so the text round-trips exactly). Binary (when the file name ends in
  ``.bin``, or ``binary=True``): the same header line, then per word ``word`` + a space + N float32
  little-endian values + ``"\\n"`` (word2vec.c ``-binary 1``; float32 is all the format holds).
- :func:`export_weights`   ``W_in`` (V×N), ``W_out`` (N×V'), ``vocab`` in an ``.npz``
  (:func:`explorer.engine.params.save_weights`).
- :func:`export_trace`     steps a..b as JSON Lines, one ``StepRecord.to_json()`` object per line, exactly
  as ``python main.py trace`` prints them.
- :func:`export_loss_csv`  the loss series as CSV with the header ``step,epoch,loss,lr,epoch_loss``:

    =========== ==============================================================================
    step        the step number; row 0 is the initial state (no example: loss and lr are empty)
    epoch       the 1-based epoch the step belongs to (0 on row 0)
    loss        E of that step's example, at the parameters before the step
    lr          η the step used (the base learning rate × reference mode's decay factor)
    epoch_loss  only on the last step of an epoch: the mean E of that epoch's steps; on row 0 the
                training-set E at the initial parameters; empty elsewhere
    =========== ==============================================================================

  Numbers are printed with ``repr`` (they read back as the same float64).
"""

from __future__ import annotations

import json

import numpy as np

from ..engine.params import save_weights
from ..errors import ExplorerError
from .persistence import atomic_file

LOSS_CSV_HEADER = "step,epoch,loss,lr,epoch_loss"
_F32_MAX = float(np.finfo(np.float32).max)


def _check_words(words) -> list[str]:
    words = [str(w) for w in words]
    for w in words:
        if not w or any(ch.isspace() for ch in w):
            raise ExplorerError(
                f"word {w!r} cannot be written in the word2vec format (empty or contains white space)"
            )
    return words


def write_word2vec(path, words, vectors: np.ndarray, binary: bool | None = None) -> None:
    """Write ``vectors`` (one row per word) in the word2vec format; binary if ``path`` ends in ``.bin``."""
    vectors = np.asarray(vectors, dtype=np.float64)
    words = _check_words(words)
    if vectors.ndim != 2 or vectors.shape[0] != len(words):
        raise ExplorerError(f"{len(words)} words but vectors of shape {vectors.shape}")
    if not np.all(np.isfinite(vectors)):
        raise ExplorerError("the vectors contain non-finite values; nothing was written")
    if binary is None:
        binary = str(path).lower().endswith(".bin")
    V, N = vectors.shape
    if binary:
        if vectors.size and np.max(np.abs(vectors)) > _F32_MAX:
            raise ExplorerError(
                "a value exceeds the float32 range of the binary word2vec format; use the "
                "text format (a file name not ending in .bin)"
            )
        f32 = vectors.astype("<f4")
        with atomic_file(path, "wb") as f:
            f.write(f"{V} {N}\n".encode())
            for w, row in zip(words, f32):
                f.write(w.encode("utf-8") + b" " + row.tobytes() + b"\n")
    else:
        with atomic_file(path, "w") as f:
            f.write(f"{V} {N}\n")
            for w, row in zip(words, vectors.tolist()):
                f.write(w + " " + " ".join(map(repr, row)) + "\n")


def export_vectors(session, path, which: str = "in", binary: bool | None = None) -> None:
    """The session's current word vectors in the word2vec format (see the module docstring).

    ``which`` is ``"in"`` (rows of W, what word2vec.c saves) or ``"out"`` (columns of W'; only when there
    is one output vector per word, i.e. not hierarchical softmax).
    """
    params = session.params
    if which == "in":
        vectors = params.W
    elif which == "out":
        if session.config.output == "hs":
            raise ExplorerError(
                "hierarchical softmax has no output vector per word (W' holds the V-1 inner "
                "nodes); export the input vectors"
            )
        vectors = params.W_out.T
    else:
        raise ExplorerError(f"unknown vectors {which!r} (choose in or out)")
    write_word2vec(path, session.model.words, vectors, binary)


def export_weights(session, path) -> None:
    """``W_in``, ``W_out`` and ``vocab`` of the current parameters in an ``.npz`` (atomic)."""
    save_weights(path, session.params, session.model.words)


def trace_line(rec) -> str:
    """One trace line (without the newline), byte for byte what ``python main.py trace`` prints."""
    return json.dumps(rec.to_json(), ensure_ascii=False, allow_nan=False)


def export_trace(session, path, first: int = 1, last: int | None = None, progress=None) -> int:
    """Write the records of steps ``first``..``last`` (default: up to the furthest step) as JSON Lines.

    Records no longer in memory are regenerated by one exact replay. ``progress(done, total)`` is called
    now and then. Returns the number of lines written.
    """
    if last is None:
        last = session.furthest
    if session.furthest == 0:
        raise ExplorerError("no steps have been computed yet: nothing to export")
    records = session.iter_records(first, last)  # validates the range
    total = last - first + 1
    with atomic_file(path, "w") as f:
        for i, rec in enumerate(records, start=1):
            f.write(trace_line(rec) + "\n")
            if progress is not None and i % 1000 == 0:
                progress(i, total)
    return total


def _num(x) -> str:
    return repr(float(x))


def loss_rows(session):
    """Rows ``(step, epoch, loss, lr, epoch_loss)`` of :func:`export_loss_csv` (``None`` = empty)."""
    stream = session.model.stream
    losses = session.loss_series()
    lrs = session.lrs.view()[: session.furthest]
    ends = {}
    for e, v in session.epoch_losses.items():
        s = stream.epoch_start(e)
        if s <= session.furthest:
            ends[s] = v
    yield 0, 0, None, None, ends.get(0)
    e, e_end = 0, stream.epoch_start(1)
    for s in range(1, session.furthest + 1):
        while s > e_end:
            e += 1
            e_end = stream.epoch_start(e + 1)
        yield s, e + 1, float(losses[s - 1]), float(lrs[s - 1]), ends.get(s)


def export_loss_csv(session, path) -> int:
    """Write the loss series as CSV (columns in the module docstring). Returns the number of data rows."""
    n = 0
    with atomic_file(path, "w") as f:
        f.write(LOSS_CSV_HEADER + "\n")
        for step, epoch, loss, lr, eloss in loss_rows(session):
            f.write(
                ",".join(
                    (
                        str(step),
                        str(epoch),
                        "" if loss is None else _num(loss),
                        "" if lr is None else _num(lr),
                        "" if eloss is None else _num(eloss),
                    )
                )
                + "\n"
            )
            n += 1
    return n


__all__ = [
    "write_word2vec",
    "export_vectors",
    "export_weights",
    "export_trace",
    "trace_line",
    "export_loss_csv",
    "loss_rows",
    "LOSS_CSV_HEADER",
]
