"""Training state over time: history (undo / redo / seek), sub-step phases, runs, persistence, exports.

No Qt here: the GUI subscribes to :class:`~explorer.session.session.Session` events with plain callbacks.
"""
from .session import Session

__all__ = ["Session"]
