"""The application layer: what the window shows and what the user does, without Qt.

- :mod:`.state`: :class:`~.state.AppState`, the one evented state of a window (the session, run status,
  selected word, guided-walk highlight, per-view options, language, presentation). Every field has its own
  event; views subscribe and redraw.
- :mod:`.commands`: :class:`~.commands.Commands`, every user action through one path with one error policy
  (a blow-up, a bad file or a refused setting ends in a :class:`~.state.Problem`; the state is kept).
- "What to draw" where it is more than plotting: :mod:`.walk` (the guided walk's items and captions),
  :mod:`.readout` (the one step number every panel shows), :mod:`.choices` (the setup panel's choices).
- :mod:`.i18n`: ``translate(context, text)``, a hook the Qt layer points at its translator.

It imports no Qt (an import-linter contract in ``pyproject.toml``), so all of it is tested without a
QApplication.
"""

from .commands import Commands
from .state import AppState, Problem, Status

__all__ = ["AppState", "Commands", "Problem", "Status"]
