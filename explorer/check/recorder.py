"""Record any Python training loop as a trace ``diff`` can compare with ours.

Give the recorder your two weight arrays — numpy arrays or PyTorch tensors (they are read through
``.detach().cpu().numpy()``; torch itself is never imported here) — and call :meth:`TraceRecorder.record`
once after every update. Each call writes one JSON line: the step number, every row of W and every column
of W′ that changed since the previous call (found by comparing with a snapshot: ``id``, ``word`` when you
gave the vocabulary, ``before``, ``delta``), and whatever quantities you pass (``h``, ``loss``, ``EH``, …)::

    rec = TraceRecorder("mine.jsonl", W, W_out, words=vocab)
    for ...:
        ...                                 # your update of W and W_out
        rec.record(h=h, loss=loss)
    rec.close()

then ``python main.py diff ours.jsonl mine.jsonl``. If your W′ is stored as V′×N (one output vector per
row, e.g. an ``nn.Embedding``), pass ``out_rows=True``. If your loop makes new arrays instead of updating
in place, pass the current ones: ``rec.record(W=W, W_out=W_out, loss=loss)``.
"""

from __future__ import annotations

import json

import numpy as np


def as_numpy(x) -> np.ndarray:
    """A float64 numpy copy of a numpy array, a list, or a tensor with ``detach().cpu().numpy()``."""
    if hasattr(x, "detach"):
        x = x.detach()
    if hasattr(x, "cpu") and not isinstance(x, np.ndarray):
        x = x.cpu()
    if hasattr(x, "numpy") and not isinstance(x, np.ndarray):
        x = x.numpy()
    return np.array(x, dtype=np.float64, copy=True)


def _jsonable(v):
    if isinstance(v, (str, bool)) or v is None:
        return v
    if isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
        return list(v)
    a = as_numpy(v)
    if a.ndim == 0:
        return float(a)
    return a.tolist()


class TraceRecorder:
    """Writes one trace line per :meth:`record` call (see the module docstring)."""

    def __init__(self, path_or_file, W, W_out, words=None, out_rows: bool = False, out_words=None):
        self._own = isinstance(path_or_file, (str, bytes)) or hasattr(path_or_file, "__fspath__")
        self._f = open(path_or_file, "w", encoding="utf-8") if self._own else path_or_file
        self.W, self.W_out, self.out_rows = W, W_out, out_rows
        self.words = None if words is None else list(words)
        self.out_words = None if out_words is None else list(out_words)
        self._W = as_numpy(W)
        self._Wo = self._columns(W_out)
        self.steps = 0

    def _columns(self, W_out) -> np.ndarray:
        """W′ as (V′, N): one output vector per row."""
        a = as_numpy(W_out)
        return a if self.out_rows else a.T.copy()

    @staticmethod
    def _changed(before: np.ndarray, after: np.ndarray, names):
        moved = np.flatnonzero(~np.all(before == after, axis=1))
        out = []
        for i in moved:
            e = {"id": int(i)}
            if names is not None and i < len(names):
                e["word"] = names[i]
            e.update(before=before[i].tolist(), delta=(after[i] - before[i]).tolist())
            out.append(e)
        return out

    def record(self, W=None, W_out=None, **quantities) -> dict:
        """Write the line of one step: the vectors changed since the last call, and ``quantities``."""
        if W is not None:
            self.W = W
        if W_out is not None:
            self.W_out = W_out
        W_now, Wo_now = as_numpy(self.W), self._columns(self.W_out)
        if W_now.shape != self._W.shape or Wo_now.shape != self._Wo.shape:
            raise ValueError(
                f"the weights changed shape: W {self._W.shape} → {W_now.shape}, "
                f"W_out {self._Wo.shape} → {Wo_now.shape}"
            )
        self.steps += 1
        line = {"step": self.steps}
        for k, v in quantities.items():
            line[k] = _jsonable(v)
        line["out"] = self._changed(self._Wo, Wo_now, self.out_words)
        line["in"] = self._changed(self._W, W_now, self.words)
        self._W, self._Wo = W_now, Wo_now
        text = json.dumps(line, ensure_ascii=False, allow_nan=True)
        self._f.write(text + "\n")
        return line

    def close(self) -> None:
        if self._own:
            self._f.close()
        else:
            self._f.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


__all__ = ["TraceRecorder", "as_numpy"]
