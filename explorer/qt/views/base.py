"""The base of every view: connects to the bridge and redraws when the session changes."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..bridge import SessionBridge


class View(QWidget):
    """A panel of the main window.

    Subclasses set ``name`` (object name, used for saved layout) and implement :meth:`title` (translated
    dock title), :meth:`rebuild` (new session: vocabulary and sizes may differ) and :meth:`refresh` (draw
    the current record / parameters). Hidden views skip redraws until shown again.
    """

    name = "view"

    def __init__(self, bridge: SessionBridge, parent=None):
        super().__init__(parent)
        self.setObjectName(self.name)
        self.bridge = bridge
        self._stale = True
        bridge.reset.connect(self._on_reset)
        bridge.changed.connect(self._on_changed)

    def title(self) -> str:  # pragma: no cover - overridden
        return self.name

    def rebuild(self) -> None:
        """Recreate items that depend on the vocabulary or sizes."""

    def refresh(self) -> None:  # pragma: no cover - overridden
        """Draw the session's current state."""

    def _on_reset(self) -> None:
        if self.bridge.session is not None:
            self.rebuild()
            self._stale = True

    def _on_changed(self) -> None:
        if self.bridge.session is None:
            return
        if self.isVisible() or not self.isWindow() and self.parent() is None:
            self.refresh()
            self._stale = False
        else:
            self._stale = True

    def showEvent(self, event):
        super().showEvent(event)
        if self._stale and self.bridge.session is not None:
            self.refresh()
            self._stale = False
