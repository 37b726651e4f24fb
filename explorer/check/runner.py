"""Run a user's ``step`` beside ours, update by update, and stop at the first difference.

The user's file defines::

    def step(W, W_out, inputs, targets, lr, **ctx):  # updates W (V×N) and W_out (N×V′) in place
        ...
        return {"h": h, "loss": E}                    # optional: any of h, u, y, e, EI, EH, loss

``inputs`` / ``targets`` are lists of word ids (CBOW: context → [centre]; paper skip-gram: [centre] → its
context words; reference skip-gram: one [context] → [centre] pair). ``ctx`` holds ``arch``, ``output``,
``mode``, ``words``, ``step``, ``sigmoid`` (the σ this mode uses: word2vec.c's table in reference mode),
``negatives`` (ns: per target its k ids) and ``paths`` / ``codes`` (hs: per target the inner nodes, root
first, and their bits). Both sides start from the same weights and get the same examples; after every
step everything theirs returned and every parameter is compared with ours.
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..engine import kernel
from ..engine.model import Model
from ..engine.params import Params
from ..engine.sigmoid import SIGMOID_TABLE
from ..errors import ExplorerError
from .compare import StepDifference, compare_step, shared_fields
from .steps import VALUE_FIELDS, StepData, Vec, step_data

#: quantities ``step`` may return
RETURNED = ("h", "u", "y", "e", "EI", "EH", "loss")


class ImplementationError(ExplorerError):
    """Their file cannot be loaded or their ``step`` failed; ``details`` are their exception's last lines."""

    def __init__(self, message: str, details: str = ""):
        super().__init__(message)
        self.details = details


def _elementwise(fn, x):
    if np.ndim(x) == 0:
        return fn(float(x))
    a = np.asarray(x, dtype=np.float64)
    return np.array([fn(v) for v in a.ravel().tolist()]).reshape(a.shape)


def paper_sigmoid(x):
    """σ(x) = 1 / (1 + e^{−x}) for a user's step (floats or arrays): the engine kernel's σ, element-wise."""
    return _elementwise(kernel.sigmoid, x)


def reference_sigmoid(x):
    """word2vec.c's table σ for a user's step, for −6 < x < 6 (the caller handles the ends, as word2vec.c)."""
    return _elementwise(lambda v: float(kernel.table_sigmoid(v, SIGMOID_TABLE)), x)


def _last_lines(exc: BaseException, n: int = 6) -> str:
    lines = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip().splitlines()
    return "\n".join(lines[-n:])


def load_step(path: str):
    """Import the user's file and return its ``step`` function."""
    p = Path(path)
    if not p.is_file():
        raise ImplementationError(f"{path!r} does not exist" if not p.exists() else f"{path!r} is not a file")
    name = f"_w2v_user_impl_{abs(hash(str(p.resolve())))}"
    spec = importlib.util.spec_from_file_location(name, p)
    if spec is None or spec.loader is None:  # no loader knows the file's suffix
        raise ImplementationError(f"{path!r} is not a Python source file (name it *.py)")
    try:
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    except SyntaxError as exc:
        raise ImplementationError(
            f"{path}: syntax error on line {exc.lineno}: {exc.msg}", _last_lines(exc)
        ) from None
    except Exception as exc:  # their module's own code failed while importing
        raise ImplementationError(
            f"{path}: importing it raised {type(exc).__name__}: {exc}", _last_lines(exc)
        ) from None
    fn = getattr(mod, "step", None)
    if not callable(fn):
        raise ImplementationError(f"{path} defines no function 'step(W, W_out, inputs, targets, lr, **ctx)'")
    return fn


def step_context(model: Model, step: int, targets) -> dict:
    """The keyword arguments given to their ``step`` (see the module docstring)."""
    c = model.config
    ctx = {
        "arch": c.arch,
        "output": c.output,
        "mode": c.mode,
        "words": list(model.words),
        "step": step,
        "sigmoid": reference_sigmoid if c.mode == "reference" else paper_sigmoid,
    }
    if c.output == "ns":
        ctx["negatives"] = model.negatives(step, len(targets)).tolist()
    if c.output == "hs":
        tree = model.tree
        ctx["paths"] = [tree.points[w].tolist() for w in targets]
        ctx["codes"] = [tree.codes[w].tolist() for w in targets]
    return ctx


def _changed(before: np.ndarray, after: np.ndarray, axis: int, labels) -> dict:
    """label → Vec for every row (axis 0) or column (axis 1) that changed."""
    if axis == 1:
        before, after = before.T, after.T
    with np.errstate(invalid="ignore"):
        moved = np.flatnonzero(~np.all(before == after, axis=1))
    return {labels(int(i)): Vec(after[i] - before[i], before[i].copy()) for i in moved}


def theirs_step(model: Model, returned, W0, Wo0, W, W_out) -> StepData:
    """Theirs as a :class:`StepData`: what ``step`` returned, and the vectors it changed."""
    raw: dict = {}
    if returned is not None and not isinstance(returned, dict):
        raise ImplementationError(f"step returned a {type(returned).__name__}; return a dict (or nothing)")
    d = StepData(raw)
    for k in RETURNED:
        if returned and returned.get(k) is not None:
            v = returned[k]
            if hasattr(v, "detach"):
                v = v.detach().cpu().numpy()
            try:
                d.values[k] = np.asarray(v, dtype=np.float64)
            except (TypeError, ValueError):
                raise ImplementationError(f"step returned {k} that is not numbers") from None
    words = model.words
    d.out = _changed(Wo0, W_out, 1, model.out_label)
    d.in_ = _changed(W0, W, 0, lambda i: words[i])
    return d


@dataclass(frozen=True)
class CheckResult:
    steps_agreed: int
    difference: StepDifference | None
    fields: tuple[str, ...]

    def to_json(self) -> dict:
        if self.difference is None:
            return {"agree": True, "step": None, "field": None, "diagnosis": None}
        return self.difference.to_json()


def run_check(step_fn, model: Model, params: Params, steps: int, tol: float = 1e-9) -> CheckResult:
    """Run ``steps`` steps of ours and theirs from ``params``; stop at the first difference."""
    W, W_out = params.W.copy(), params.W_out.copy()  # theirs
    ours = params.copy()
    seen: set = set()
    for s in range(1, steps + 1):
        rec = model.compute(ours, s)
        ex_in, ex_tgt = list(rec.input_ids), list(rec.target_ids)
        ctx = step_context(model, s, ex_tgt)
        W0, Wo0 = W.copy(), W_out.copy()
        try:
            returned = step_fn(W, W_out, ex_in, ex_tgt, rec.lr, **ctx)
        except Exception as exc:
            raise ImplementationError(
                f"step {s}: their step raised {type(exc).__name__}: {exc}", _last_lines(exc)
            ) from None
        if W.shape != W0.shape or W_out.shape != Wo0.shape:
            raise ImplementationError(f"step {s}: their step changed the shape of W or W_out")
        model.apply(ours, rec)
        od = step_data(rec.to_json())
        td = theirs_step(model, returned, W0, Wo0, W, W_out)
        fields = shared_fields(od, td)
        seen.update(fields)
        diff = compare_step(od, td, tol, fields, s)
        if diff is not None:
            order = tuple(f for f in ("lr",) + VALUE_FIELDS + ("out", "in") if f in seen)
            return CheckResult(s - 1, diff, tuple(dict.fromkeys(order)))
    order = tuple(f for f in VALUE_FIELDS + ("out", "in") if f in seen)
    return CheckResult(steps, None, order)
