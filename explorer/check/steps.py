"""One step of a trace as numbers to compare: the fields both sides have, and the vectors each changed.

A trace line (ours as ``trace`` writes it, or theirs with any subset of the fields) becomes a
:class:`StepData`:

- ``values``: the quantities of the step as float arrays — ``h, u, y, t, e, EI, EH, loss, lr`` — where
  present and not ``null``;
- ``out`` / ``in_``: the vectors the step changed (columns of W′ / rows of W), keyed by a *label* — the
  word (``n<id>`` for an inner node of the Huffman tree) — each with its change Δ (``delta``, or
  ``after − before``) and, where given, ``before``. Theirs may name a vector by ``word`` or by ``id``; an
  id is turned into ours' word for it. A vector a side does not list did not change on that side
  (Δ = 0), provided the side has the ``out`` (``in``) field at all.
- ``raw``: the parsed line, for the fields compared as they are (``inputs``, ``targets``, ``paths``,
  ``samples``, ``epoch``, …).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..errors import FileFormatError

#: numeric quantities compared as arrays, in the order the computation produces them
VALUE_FIELDS = ("lr", "h", "u", "y", "t", "e", "EI", "EH", "loss")
#: every field in comparison order; vectors last (W′ is updated before W)
FIELD_ORDER = (
    "step",
    "epoch",
    "arch",
    "output",
    "mode",
    "inputs",
    "targets",
    "lr",
    "h",
    "u",
    "y",
    "t",
    "e",
    "EI",
    "paths",
    "samples",
    "EH",
    "loss",
    "out",
    "in",
)
#: fields that only describe the step (compared when both have them, but not a reason to compare)
IDENTITY_FIELDS = ("step", "epoch", "arch", "output", "mode")


@dataclass
class Vec:
    """One changed vector: Δ and (where known) its value before the step."""

    delta: np.ndarray
    before: np.ndarray | None = None


@dataclass
class StepData:
    raw: dict
    values: dict = field(default_factory=dict)
    out: dict | None = None  # label → Vec, or None when the side has no "out"
    in_: dict | None = None
    out_ids: dict = field(default_factory=dict)  # label → id (ours), for messages and hs/ns terms
    in_ids: dict = field(default_factory=dict)

    def has(self, name: str) -> bool:
        if name == "out":
            return self.out is not None
        if name == "in":
            return self.in_ is not None
        if name in VALUE_FIELDS:
            return name in self.values
        return self.raw.get(name) is not None


def _array(v, where: str) -> np.ndarray:
    try:
        a = np.asarray(v, dtype=np.float64)
    except (TypeError, ValueError):
        raise FileFormatError(f"{where}: not a number or a list of numbers") from None
    if a.dtype == object or a.ndim > 3:
        raise FileFormatError(f"{where}: not a number or a list of numbers")
    return a


def _label_of(entry, ids_to_label: dict, side: str, where: str, hs: bool):
    if not isinstance(entry, dict):
        raise FileFormatError(f"{where}: each entry must be an object with 'id' or 'word'")
    word, i = entry.get("word"), entry.get("id")
    if isinstance(word, str):
        return word
    if isinstance(i, int) and not isinstance(i, bool):
        if i in ids_to_label:
            return ids_to_label[i]
        return f"n{i}" if hs else f"id={i}"
    raise FileFormatError(f"{where}: an entry has neither a 'word' nor an integer 'id'")


def _vectors(entries, where: str, ids_to_label: dict, hs: bool, ours_vecs: dict | None):
    if not isinstance(entries, list):
        raise FileFormatError(f"{where}: must be a list of vectors")
    vecs: dict[str, Vec] = {}
    ids: dict = {}
    for k, e in enumerate(entries):
        w = f"{where}[{k}]"
        label = _label_of(e, ids_to_label, "", w, hs)
        before = _array(e["before"], f"{w}.before") if e.get("before") is not None else None
        if e.get("delta") is not None:
            delta = _array(e["delta"], f"{w}.delta")
        elif e.get("after") is not None:
            after = _array(e["after"], f"{w}.after")
            base = (
                before
                if before is not None
                else (ours_vecs[label].before if ours_vecs and label in ours_vecs else None)
            )
            if base is None:
                raise FileFormatError(f"{w}: 'after' without 'before' for a vector ours did not change")
            delta = after - base
        else:
            raise FileFormatError(f"{w}: needs 'delta' (or 'before' and 'after')")
        if delta.ndim != 1:
            raise FileFormatError(f"{w}: a vector must be a flat list of numbers")
        if label in vecs:  # listed twice: the changes add up
            vecs[label] = Vec(vecs[label].delta + delta, vecs[label].before)
        else:
            vecs[label] = Vec(delta, before)
        if isinstance(e.get("id"), int):
            ids[label] = e["id"]
    return vecs, ids


def step_data(obj: dict, ours: StepData | None = None, where: str = "") -> StepData:
    """Parse one trace line. ``ours`` (for theirs) maps ids to ours' words and supplies ``before``."""
    d = StepData(obj)
    for name in VALUE_FIELDS:
        v = obj.get(name)
        if v is not None:
            d.values[name] = _array(v, f"{where}{name}")
    hs = obj.get("output") == "hs" or (ours is not None and ours.raw.get("output") == "hs")
    for key, attr, ids_attr in (("out", "out", "out_ids"), ("in", "in_", "in_ids")):
        if obj.get(key) is None:
            continue
        id_map = {} if ours is None else {i: lab for lab, i in getattr(ours, ids_attr).items()}
        ours_vecs = None if ours is None else getattr(ours, attr)
        vecs, ids = _vectors(obj[key], f"{where}{key}", id_map, hs and key == "out", ours_vecs)
        setattr(d, attr, vecs)
        setattr(d, ids_attr, ids)
    return d


def vector_diff(a: np.ndarray, b: np.ndarray, tol: float) -> int | None:
    """Index of the first element where ``a`` and ``b`` differ beyond ``tol`` (−1: shapes differ)."""
    if a.shape != b.shape:
        if a.size == b.size and a.size:  # e.g. one panel written as [V] or [[V]]
            a, b = a.reshape(-1), b.reshape(-1)
        else:
            return -1
    a, b = a.reshape(-1), b.reshape(-1)
    with np.errstate(invalid="ignore", over="ignore"):
        scale = np.maximum(1.0, np.maximum(np.abs(a), np.abs(b)))
        bad = ~(np.abs(a - b) <= tol * scale)
    both_nan = np.isnan(a) & np.isnan(b)
    same_inf = np.isinf(a) & (a == b)
    bad &= ~(both_nan | same_inf)
    idx = np.flatnonzero(bad)
    return int(idx[0]) if len(idx) else None


def fmt_vec(a: np.ndarray, width: int = 70) -> str:
    """A short text of a number or a vector: full precision for a number, 4 significant digits in lists."""
    a = np.asarray(a)
    if a.ndim == 0:
        return repr(float(a))
    flat = a.reshape(-1)
    parts = []
    for x in flat:
        parts.append(f"{x:.4g}" if math.isfinite(x) else str(x))
        if sum(len(p) + 2 for p in parts) > width:
            parts.append("…")
            break
    return "[" + ", ".join(parts) + "]"
