"""Compare one step of ours with one step of theirs, and two traces step by step.

Only the fields both sides have are compared (``fields`` narrows them further). Numbers agree when
``|a − b| <= tol · max(1, |a|, |b|)``. Vectors are compared by their change Δ (see
:mod:`explorer.check.steps`); the field of a vector reads ``W_out[:, queen]`` (a column of W′, ``n3`` for
an inner node) or ``W[king]`` (a row of W). The first difference of a step gets a diagnosis
(:mod:`explorer.check.diagnose`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from ..errors import FileFormatError
from ..session.diff import _MISSING, _fmt, _records, _walk
from .diagnose import Diagnosis, diagnose
from .steps import FIELD_ORDER, IDENTITY_FIELDS, VALUE_FIELDS, StepData, fmt_vec, step_data, vector_diff


@dataclass(frozen=True)
class StepDifference:
    """The first difference of one step: where, both values, and what it looks like."""

    step: int | None  # the step number (None when neither trace says)
    entry: int  # 1-based position of the step in the traces
    field: str  # e.g. "h[2]", "loss", "W_out[:, queen]", "W[king]"
    ours: str
    theirs: str
    diagnosis: Diagnosis

    @property
    def message(self) -> str:
        where = f"step {self.step}" if self.step is not None else f"entry {self.entry}"
        return f"{where}: {self.field} ours {self.ours} vs theirs {self.theirs}"

    def to_json(self, agree: bool = False) -> dict:
        return {
            "agree": agree,
            "step": self.step if self.step is not None else self.entry,
            "field": self.field,
            "diagnosis": self.diagnosis.id,
        }


def shared_fields(ours: StepData, theirs: StepData, fields: tuple[str, ...] | None = None) -> list[str]:
    """The fields both steps have, in comparison order (narrowed to ``fields`` when given)."""
    names = [f for f in FIELD_ORDER if ours.has(f) and theirs.has(f)]
    extra = [
        k
        for k in theirs.raw
        if k not in FIELD_ORDER and k in ours.raw and ours.raw[k] is not None and theirs.raw[k] is not None
    ]
    names += extra
    if fields:
        names = [f for f in names if f in fields]
    return names


def _vector_label(kind: str, label: str) -> str:
    return f"W_out[:, {label}]" if kind == "out" else f"W[{label}]"


def _compare_vectors(kind: str, ours: dict, theirs: dict, order: list, tol: float):
    """(field, ours text, theirs text) of the first vector whose Δ or before differs, else None."""

    labels = list(order) + sorted(k for k in theirs if k not in ours)
    for lab in labels:
        o, t = ours.get(lab), theirs.get(lab)
        either = o if o is not None else t
        assert either is not None  # every label comes from ours or theirs
        n = len(either.delta)
        od = o.delta if o is not None else np.zeros(n)
        td = t.delta if t is not None else np.zeros(n)
        if o is not None and t is not None and o.before is not None and t.before is not None:
            if vector_diff(o.before, t.before, tol) is not None:
                return (f"{_vector_label(kind, lab)} before", fmt_vec(o.before), fmt_vec(t.before))
        if vector_diff(od, td, tol) is not None:
            return (_vector_label(kind, lab), "Δ " + fmt_vec(od), "Δ " + fmt_vec(td))
    return None


def first_field_difference(ours: StepData, theirs: StepData, tol: float, fields: list[str]):
    """(field path, ours text, theirs text) of the first difference among ``fields``, or None."""
    for name in fields:
        if name in ("out", "in"):
            o, t = (ours.out, theirs.out) if name == "out" else (ours.in_, theirs.in_)
            assert o is not None and t is not None  # ``fields`` lists only what both sides have
            order = sorted(
                o, key=lambda lab: (ours.out_ids if name == "out" else ours.in_ids).get(lab, 1 << 62)
            )
            d = _compare_vectors(name, o, t, order, tol)
            if d:
                return d
        elif name in VALUE_FIELDS:
            a, b = ours.values[name], theirs.values[name]
            i = vector_diff(a, b, tol)
            if i is None:
                continue
            if i == -1:
                return (name, f"shape {list(a.shape)}", f"shape {list(b.shape)}")
            return (name, fmt_vec(a), fmt_vec(b))
        else:
            d = _walk(ours.raw.get(name, _MISSING), theirs.raw.get(name, _MISSING), name, tol)
            if d:
                kind, path, va, vb = d
                if kind == "length":
                    return (path, f"{va} values", f"{vb} values")
                return (path, _fmt(va), _fmt(vb))
    return None


def compare_step(
    ours: StepData, theirs: StepData, tol: float, fields: list[str], entry: int
) -> StepDifference | None:
    """The first difference of one step (with its diagnosis), or None when they agree."""
    d = first_field_difference(ours, theirs, tol, fields)
    if d is None:
        return None
    field, a, b = d
    s = ours.raw.get("step")
    step = s if isinstance(s, int) and not isinstance(s, bool) else None
    return StepDifference(step, entry, field, a, b, diagnose(ours, theirs, tol, fields))


@dataclass(frozen=True)
class TraceResult:
    """Result of :func:`compare_traces`: the first difference (or None), steps compared, fields compared."""

    difference: StepDifference | None
    steps_compared: int
    fields: tuple[str, ...]
    length_message: str | None = None  # one trace has more steps than the other

    def to_json(self) -> dict:
        if self.difference is not None:
            return self.difference.to_json()
        if self.length_message is not None:
            return {"agree": False, "step": self.steps_compared + 1, "field": "step", "diagnosis": None}
        return {"agree": True, "step": None, "field": None, "diagnosis": None}


def _pairs(ours: Iterable, theirs: Iterable, names: tuple[str, str]):
    ra, rb = _records(ours, names[0]), _records(theirs, names[1])
    while True:
        xa, xb = next(ra, None), next(rb, None)
        yield xa, xb
        if xa is None or xb is None:
            return


def iter_differences(
    ours: Iterable,
    theirs: Iterable,
    tol: float = 1e-9,
    fields: tuple[str, ...] | None = None,
    names: tuple[str, str] = ("ours", "theirs"),
    seen: set | None = None,
) -> Iterator[tuple[int, StepDifference | None, str | None]]:
    """For each pair of steps: (entry, its first difference or None, a length message at the end).

    ``seen`` collects the fields compared. Raises :class:`FileFormatError` for a line that is not a step.
    """
    entry = 0
    for xa, xb in _pairs(ours, theirs, names):
        if xa is None and xb is None:
            return
        entry += 1
        if xa is None or xb is None:
            side = "ours" if xa is None else "theirs"
            yield entry, None, f"entry {entry}: missing in {side} (the other trace has more steps)"
            return
        (la, a), (lb, b) = xa, xb
        od = step_data(a, where=f"{names[0]} line {la}: ")
        td = step_data(b, od, where=f"{names[1]} line {lb}: ")
        f = shared_fields(od, td, fields)
        if not [x for x in f if x not in IDENTITY_FIELDS]:
            want = ", ".join(fields) if fields else "any field"
            raise FileFormatError(
                f"entry {entry}: the traces share no field to compare ({want}; theirs has "
                f"{', '.join(sorted(b)) or 'nothing'})"
            )
        if seen is not None:
            seen.update(f)
        yield entry, compare_step(od, td, tol, f, entry), None


def compare_traces(
    ours: Iterable,
    theirs: Iterable,
    tol: float = 1e-9,
    fields: tuple[str, ...] | None = None,
    names: tuple[str, str] = ("ours", "theirs"),
) -> TraceResult:
    """Walk two traces (JSON lines or dicts) and stop at the first difference."""
    seen: set = set()
    n = 0
    for _entry, diff, length in iter_differences(ours, theirs, tol, fields, names, seen):
        order = tuple(x for x in FIELD_ORDER + tuple(sorted(seen)) if x in seen)
        order = tuple(dict.fromkeys(order))
        if length is not None:
            return TraceResult(None, n, order, length)
        if diff is not None:
            return TraceResult(diff, n, order)
        n += 1
    order = tuple(dict.fromkeys(x for x in FIELD_ORDER + tuple(sorted(seen)) if x in seen))
    return TraceResult(None, n, order)
