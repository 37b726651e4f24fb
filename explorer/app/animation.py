"""The animation of an update, without Qt: what is lit and where things are at time t ∈ [0, 1].

A step shows four phases (``engine.model.PHASES``); each has its part of the animation:

- forward: a pulse flows from the input words through h to the outputs (front 0 → 1), lighting h, then u, y;
- error: the outputs glow with t and e (the front stays at the outputs);
- output update: the error flows back from the outputs to h (front 1 → ½) while the changed v'_j move in
  the projection from before to after;
- input update: the error reaches the inputs (front ½ → 0; EH on the hidden layer) while the changed v_w move.

:func:`plan_for` says which phases a change of the session shows (a sub-step: the one phase it revealed;
a whole step: all four in order; anything else — undo, seek, a run, a new session — none), and
:func:`frame_at` where a plan is at time t. :func:`ease` is the one easing curve, :func:`interpolate` the
one way a moving point goes from its before to its after position.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine.model import PHASES

FORWARD, ERROR, OUTPUT_UPDATE, INPUT_UPDATE = range(4)
#: the quantities lit during each phase (same keys as the guided walk's highlight)
LIT = {FORWARD: ("h", "u", "y"), ERROR: ("t", "e", "E"), OUTPUT_UPDATE: ("out",), INPUT_UPDATE: ("EH", "in")}


def ease(t: float) -> float:
    """Smoothstep 3t² − 2t³ on [0, 1] (clamped): starts and ends at rest."""
    t = min(max(float(t), 0.0), 1.0)
    return t * t * (3.0 - 2.0 * t)


def interpolate(before, after, t: float) -> np.ndarray:
    """Points on their way: before + ease(t)·(after − before), row by row."""
    b = np.asarray(before, dtype=np.float64)
    return b + ease(t) * (np.asarray(after, dtype=np.float64) - b)


@dataclass(frozen=True)
class Plan:
    """The phases to animate, in order, for the record of ``step``."""

    step: int
    phases: tuple

    def __bool__(self) -> bool:
        return bool(self.phases)


@dataclass(frozen=True)
class Frame:
    """Where the animation is. ``phase`` the phase shown (0..3), ``t`` the time within it (0..1),
    ``front`` the pulse's place across the network (0 the inputs, ½ the hidden layer, 1 the outputs),
    ``backward`` whether it is the error flowing back, ``lit`` the quantities lit, ``move_out`` /
    ``move_in`` the share of their time (0..1) the changed output / input vectors have travelled from
    before to after (:func:`interpolate` eases it), ``done`` the end."""

    phase: int
    t: float
    front: float
    backward: bool
    lit: frozenset
    move_out: float
    move_in: float
    done: bool = False


def plan_for(before: tuple | None, after: tuple | None) -> Plan:
    """The phases that a change of the session from ``before`` to ``after`` shows, each ``(step of the record
    shown, phase index shown, pending)`` (``None`` before the first example). A sub-step reveals one phase;
    completing an example in one go (a Step) reveals all four. Anything else (back, seek, several steps)
    animates nothing."""
    if after is None:
        return Plan(0, ())
    step, phase, pending = after
    if before is None:
        before = (0, 3, False)
    b_step, b_phase, b_pending = before
    if step == b_step and pending and b_pending and phase == b_phase + 1:
        return Plan(step, (phase,))  # a sub-step within the example
    if b_pending and step == b_step and not pending and b_phase < 3:
        return Plan(step, tuple(range(b_phase + 1, 4)))  # the rest of a sub-stepped example
    if step == b_step + 1 and (b_phase == 3 or not b_pending):
        if pending:
            return Plan(step, tuple(range(0, phase + 1)))  # the next example's first phase(s)
        return Plan(step, (FORWARD, ERROR, OUTPUT_UPDATE, INPUT_UPDATE))  # a whole step
    return Plan(step, ())


def frame_at(plan: Plan, t: float) -> Frame:
    """The frame of ``plan`` at time ``t`` ∈ [0, 1] (each phase takes an equal share of the time)."""
    if not plan.phases:
        return Frame(INPUT_UPDATE, 1.0, 0.0, False, frozenset(), 1.0, 1.0, True)
    t = min(max(float(t), 0.0), 1.0)
    n = len(plan.phases)
    k = min(int(t * n), n - 1)
    phase, local = plan.phases[k], t * n - k
    shown = set(plan.phases[:k])
    move_out = 1.0 if OUTPUT_UPDATE in shown else 0.0
    move_in = 1.0 if INPUT_UPDATE in shown else 0.0
    if phase == FORWARD:
        front, backward = ease(local), False
        lit: tuple[str, ...] = ("h",) if front < 0.5 else ("h", "u", "y")
    elif phase == ERROR:
        front, backward, lit = 1.0, False, LIT[ERROR]
    elif phase == OUTPUT_UPDATE:
        front, backward, lit = 1.0 - 0.5 * ease(local), True, LIT[OUTPUT_UPDATE]
        move_out = local
    else:
        front, backward, lit = 0.5 - 0.5 * ease(local), True, LIT[INPUT_UPDATE]
        move_in = local
    return Frame(phase, local, front, backward, frozenset(lit), move_out, move_in, t >= 1.0)


def session_key(session) -> tuple | None:
    """What :func:`plan_for` compares: (step of the record shown, phase index, pending), or ``None``."""
    rec = session.record
    if rec is None:
        return None
    return (rec.step, PHASES.index(session.phase), session.pending is not None)


__all__ = [
    "Plan",
    "Frame",
    "plan_for",
    "frame_at",
    "ease",
    "interpolate",
    "session_key",
    "LIT",
    "FORWARD",
    "ERROR",
    "OUTPUT_UPDATE",
    "INPUT_UPDATE",
]
