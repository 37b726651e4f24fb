"""The base of every view: connects to the bridge and redraws when the session changes."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QComboBox, QSpinBox, QSplitter, QTabWidget, QWidget

from ..bridge import SessionBridge


def bind_option(state, owner: str, key: str, widget) -> None:
    """Keep what the user set in ``widget`` (a check box, combo box, spin box, tab widget or splitter) in
    ``state``'s options of ``owner``; a value already there is shown first (a window built again — after a
    language switch — shows the panel as the user left it)."""
    if isinstance(widget, QAbstractButton):
        get, put, signal = widget.isChecked, widget.setChecked, widget.toggled
    elif isinstance(widget, (QComboBox, QTabWidget)):
        get, put = widget.currentIndex, widget.setCurrentIndex
        signal = widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.currentChanged
    elif isinstance(widget, QSpinBox):
        get, put, signal = widget.value, widget.setValue, widget.valueChanged
    elif isinstance(widget, QSplitter):
        get, put, signal = widget.sizes, widget.setSizes, widget.splitterMoved
    else:
        raise TypeError(f"cannot keep the value of a {type(widget).__name__}")
    stored = state.option(owner, key)
    if stored is not None and stored != get():
        put(stored)
    state.set_option(owner, key, get())
    signal.connect(lambda *_a: state.set_option(owner, key, get()))


class View(QWidget):
    """A panel of the main window.

    Subclasses set ``name`` (object name, used for saved layout) and implement :meth:`title` (translated
    dock title), :meth:`rebuild` (new session: vocabulary and sizes may differ) and :meth:`refresh` (draw
    the current record / parameters). Hidden views skip redraws until shown again. Options the user sets in
    a view are kept in the application state with :meth:`bind_option`.
    """

    name = "view"

    def __init__(self, bridge: SessionBridge, parent=None):
        super().__init__(parent)
        self.setObjectName(self.name)
        self.bridge = bridge
        self._stale = True
        bridge.reset.connect(self._on_reset)
        bridge.changed.connect(self._on_changed)

    def bind_option(self, key: str, widget) -> None:
        bind_option(self.bridge.state, self.name, key, widget)

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
