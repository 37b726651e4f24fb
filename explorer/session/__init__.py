"""Training state over time: history (undo / redo / seek), sub-step phases, runs, persistence, exports.

- :mod:`.session`      :class:`Session`: the run over time (stepping, undo/redo/seek, sub-steps, runs)
- :mod:`.history`      the bounded stores behind it (record cache, checkpoints, lr schedule, fast steps)
- :mod:`.persistence`  ``Session.save`` / ``Session.load``: the ``.w2vx`` session file
- :mod:`.exports`      word2vec vectors (text / binary), weights .npz, trace JSON Lines, loss CSV
- :mod:`.diff`         the first difference between two traces

No Qt here: the GUI subscribes to :class:`~explorer.session.session.Session` events with plain callbacks.
"""

from .session import Session

__all__ = ["Session"]
