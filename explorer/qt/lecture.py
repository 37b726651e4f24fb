"""The window's look and presentation mode (F5): the lecture look and the lecture layout.

The look (normal, dark, presentation) is :mod:`.style`'s: one size factor, ``style.scale()``, that every
view reads when it builds text and lines. The lecture layout is chosen without Qt by
:func:`explorer.app.presentation.presentation_layout` (the setup panel and the small panels hidden, two or
three large ones for the phase); here it is applied to the docks, sized to the window, and as the session
moves from phase to phase the phase's panels come to the front. Switching presentation off puts back the
layout as the user left it. The guided walk's keys (Ctrl+Right / Ctrl+Left) are window actions that bring
the walk forward wherever it is docked.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ..app.presentation import presentation_layout
from . import style
from .layout import LAYOUT_VERSION


class Lecture(QObject):
    """Look and presentation layout of ``window`` (a :class:`~explorer.qt.main_window.MainWindow`)."""

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self._normal_layout = None
        self._normal_sized = True
        self._columns = None
        self._front = None
        self._heights = None
        self._install_walk_keys()
        # a new session rebuilds plots (legends, axes): they take the theme's text sizes again
        window.bridge.reset.connect(lambda: QTimer.singleShot(0, self, self._resize_plot_text))
        window.installEventFilter(self)  # resized or shown: the presentation columns follow the width

    # -- the look -----------------------------------------------------------------------------------
    def restyle(self, **look) -> None:
        """Apply ``presentation`` / ``dark`` (``None``: as they are) to the state and the window."""
        w = self.w
        w.state.set_look(**look)
        w.act_presentation.setChecked(w.state.presentation)
        w.act_dark.setChecked(w.state.dark)
        style.apply_presentation(w, w.state.presentation, w.state.dark)
        if w.bridge.session is not None:
            w.bridge.changed.emit()  # redraw with the new theme (views read style.current(), style.scale())
        style.restyle_plots(w, style.current())  # after the redraw, which may have re-created items

    def _resize_plot_text(self) -> None:
        if self.w.state.presentation:
            style.restyle_plots(self.w, style.current())

    def set_presentation(self, on: bool) -> None:
        """The lecture look and layout on, or both off (the layout back as the user left it)."""
        w = self.w
        was = w.state.presentation
        if on and not was:
            self._normal_layout = w.saveState(LAYOUT_VERSION)
            self._normal_sized = w._sized  # False: saved before the window was first shown and sized
        self.restyle(presentation=bool(on))
        self._title_bars(not on)
        if on and not was:
            self.apply_layout()
            w._sized = True  # the presentation columns are sized here, not by the default layout
        elif was and not on and self._normal_layout is not None:
            saved, self._normal_layout, self._columns = self._normal_layout, None, None
            self._front = None
            self._restore(saved)
            # panels whose minimum width follows the font (the setup panel) shrink back on the next passes of
            # the event loop; restore again then, so every panel is as wide as the user left it
            QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, lambda: self._restore(saved)))

    def _title_bars(self, shown: bool) -> None:
        """Docks' title bars shown, or hidden in presentation mode (the tabs and captions name the panels;
        the height goes to the panels)."""
        for dock in self.w.docks.values():
            if shown:
                if dock.titleBarWidget() is not None:
                    dock.setTitleBarWidget(None)
            elif dock.titleBarWidget() is None:
                dock.setTitleBarWidget(QWidget(dock))

    def _restore(self, saved) -> None:
        if self.w.state.presentation:  # switched on again meanwhile
            return
        self.w.restoreState(saved, LAYOUT_VERSION)
        if not self._normal_sized:
            self.w.dock_layout.resize_default()

    # -- the layout ---------------------------------------------------------------------------------
    def layout(self):
        """What :mod:`explorer.app.presentation` chooses for the session's phase and output layer."""
        s = self.w.bridge.session
        phase = s.phase if s is not None and s.record is not None else None
        output = s.config.output if s is not None else "softmax"
        return presentation_layout(phase, output, list(self.w.docks), self.w.width())

    def apply_layout(self) -> None:
        """Arrange the docks for presentation mode, sized to the window (again whenever it is resized)."""
        lay = self.layout()
        self._columns = self.w.dock_layout.apply(lay.columns, self._widths(lay), {1: lay.heights})
        for name in lay.hidden:
            self.w.docks[name].hide()
        self._front = None
        self.raise_phase_panels()

    def _widths(self, lay) -> list[int]:
        return [int(self.w.width() * f) for f in lay.widths]

    def resize_layout(self) -> None:
        if self.w.state.presentation and self._columns:
            lay = self.layout()
            self.w.dock_layout.resize_columns(self._columns, self._widths(lay), {1: lay.heights})

    def eventFilter(self, obj, event) -> bool:
        if obj is self.w and event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self.resize_layout()
        return False

    def raise_phase_panels(self) -> None:
        """In presentation mode, the phase's panels in front of their tab groups (when the phase changed)."""
        if not self.w.state.presentation or not self._columns:
            return  # not in presentation, or its layout not applied yet (apply_layout raises them)
        lay = self.layout()
        if lay.columns and set(lay.columns[0][0]) != set(self._columns[0][0]):
            self.apply_layout()  # another output layer (a new session): its own view on the left
            return
        front = lay.front
        if front != self._front:
            if self._front is not None and self._heights != lay.heights:  # loss ↔ projection: its height
                self.w.dock_layout.resize_columns(self._columns, self._widths(lay), {1: lay.heights})
            self._heights = lay.heights
            self._front = front
            for name in front:
                if self.w.docks[name].isVisible():
                    self.w.docks[name].raise_()

    # -- the guided walk ----------------------------------------------------------------------------
    def _install_walk_keys(self) -> None:
        """Ctrl+Right / Ctrl+Left work wherever the walk is (a button's shortcut is dead while its tab is
        behind another): window actions that bring the walk forward, then move it."""
        w = self.w
        walk = next((v for v in w.views if v.name == "walk"), None)
        for attr, fn_name in (("next_button", "next"), ("prev_button", "previous")):
            button, fn = getattr(walk, attr, None), getattr(walk, fn_name, None)
            if button is None or fn is None:
                continue
            seq = button.shortcut()
            button.setShortcut(QKeySequence())  # one owner of the key: the window's action
            act = QAction(w)
            act.setObjectName(f"act_walk_{fn_name}")
            act.setShortcut(seq)
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda _=False, fn=fn: (self.raise_walk(), fn()))
            w.addAction(act)
            setattr(w, f"act_walk_{fn_name}", act)

    def raise_walk(self) -> None:
        """The guided walk in front of its tab group (it is being used)."""
        dock = self.w.docks.get("walk")
        if dock is not None:
            dock.show()
            dock.raise_()
