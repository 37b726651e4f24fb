"""Compare the app's run with a trace the user loaded (File ▸ Compare with my trace…), without Qt.

:class:`TraceComparison` walks both traces once (line by line, lines capped in length) and keeps every
step that differs with its first differing field, both values and the diagnosis; the window marks them on
the loss plot and the timeline, steps to the next or previous one, and highlights the quantity
(:meth:`StepDifference.quantity`-like :func:`field_target`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from ..engine.model import Model
from ..engine.params import Params
from ..session.diff import trace_lines
from .compare import StepDifference, iter_differences

#: at most this many differing steps are kept (the first ones)
MAX_DIFFERENCES = 100_000


def model_trace(model: Model, params: Params, steps: int, schedule=None) -> Iterator[dict]:
    """Our trace lines for steps 1..``steps`` from ``params`` (a copy is stepped; ``params`` is kept).

    ``schedule`` (``.at(step)`` → base η, a session's learning-rate history) overrides the configuration's η.
    """
    p = params.copy()
    for s in range(1, steps + 1):
        rec = model.compute(p, s, None if schedule is None else schedule.at(s))
        model.apply(p, rec)
        yield rec.to_json()


_VEC = re.compile(r"^(W_out)\[:, (.+)\]( before)?$|^(W)\[(.+)\]( before)?$")


def field_target(field: str) -> tuple[str, str | None]:
    """(quantity, vector label or None) of a difference's field: ``("W_out", "queen")``, ``("h", None)``,
    ``("paths", None)`` for ``paths[0][id=3].e``."""
    m = _VEC.match(field)
    if m:
        return ("W_out", m.group(2)) if m.group(1) else ("W", m.group(5))
    return re.split(r"[\[.]", field, maxsplit=1)[0], None


class TraceComparison:
    """Every differing step of ours vs theirs (see the module docstring)."""

    def __init__(
        self,
        ours: Iterable,
        theirs: Iterable,
        tol: float = 1e-9,
        fields: tuple[str, ...] | None = None,
        names: tuple[str, str] = ("ours", "theirs"),
    ):
        self.tol = tol
        self.fields_seen: set = set()
        self._by_step: dict[int, StepDifference] = {}
        self.steps: list[int] = []  # differing steps, ascending
        self.steps_compared = 0
        self.length_message: str | None = None
        for entry, diff, length in iter_differences(ours, theirs, tol, fields, names, self.fields_seen):
            if length is not None:
                self.length_message = length
                break
            self.steps_compared += 1
            if diff is not None and len(self.steps) < MAX_DIFFERENCES:
                s = diff.step if diff.step is not None else entry
                self._by_step[s] = diff
                self.steps.append(s)

    @classmethod
    def from_files(cls, ours_path, theirs_path, **kw) -> TraceComparison:
        return cls(
            trace_lines(ours_path), trace_lines(theirs_path), names=(str(ours_path), str(theirs_path)), **kw
        )

    @classmethod
    def against_model(cls, model: Model, params: Params, theirs_path, **kw) -> TraceComparison:
        """Theirs (a file) against our steps from ``params``, as many as theirs has."""
        n = sum(1 for line in trace_lines(theirs_path) if line.strip())
        return cls(
            model_trace(model, params, n), trace_lines(theirs_path), names=("ours", str(theirs_path)), **kw
        )

    @classmethod
    def against_session(cls, session, theirs_path, **kw) -> TraceComparison:
        """Theirs against the session's run: its initial weights, configuration and η history."""
        n = sum(1 for line in trace_lines(theirs_path) if line.strip())
        ours = model_trace(session.model, session.initial, n, session.schedule)
        return cls(ours, trace_lines(theirs_path), names=("ours", str(theirs_path)), **kw)

    @property
    def agree(self) -> bool:
        return not self.steps and self.length_message is None

    def first(self) -> StepDifference | None:
        return self._by_step[self.steps[0]] if self.steps else None

    def at(self, step: int) -> StepDifference | None:
        return self._by_step.get(step)

    def next_after(self, step: int) -> StepDifference | None:
        """The first differing step after ``step`` (None when there is none)."""
        i = bisect.bisect_right(self.steps, step)
        return self._by_step[self.steps[i]] if i < len(self.steps) else None

    def previous_before(self, step: int) -> StepDifference | None:
        i = bisect.bisect_left(self.steps, step)
        return self._by_step[self.steps[i - 1]] if i > 0 else None
