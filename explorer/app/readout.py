"""Numbers every panel shows the same way.

During a sub-step the session has completed ``step`` examples and shows the next one (``pending``, whose
record is step ``step + 1``). Every counter names the example shown, so the tool bar, the status bar, the
inspector, the loss and the other panels agree: "step 4 of 4" while the 4th example is half done.
"""

from __future__ import annotations


def step_position(session) -> tuple[int, int]:
    """(k, n): the step of the example shown (``0`` before the first) and the furthest step, never below k."""
    rec = session.record
    k = rec.step if (session.pending is not None and rec is not None) else session.step
    return k, max(session.furthest, k)
