"""The main window: a thin shell around the application state — docks, menus, tool bars, the status bar.

What the window shows is :class:`~explorer.app.state.AppState` (no Qt); what the user does goes through
:class:`~explorer.app.commands.Commands` (one path, one error policy: a blow-up, a bad file or a refused
setting ends in the same message, the state kept). The window wires the two to widgets:

- every view in a dock (:mod:`.layout` arranges them and remembers the arrangement); the menus are declared in
  :mod:`.menus`, the status bar is :mod:`.statusbar`, the dialogs :mod:`.dialogs`;
- long runs go to :class:`~explorer.qt.runner.RunWorker`; while one holds the session the state says
  ``running``, and the transport, the setup panel, the file actions and the views are disabled; new sessions
  (Apply, Reset, a preset, Open corpus / session) are built there too (:mod:`.file_actions`);
- a language switch builds a new window around the same state (:mod:`explorer.qt.i18n.switch`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget, QMainWindow, QTabWidget, QWidget

from ..app.choices import ARCH_ITEMS, OUTPUT_ITEMS, choice_text, preset_label
from ..app.commands import Commands
from ..app.state import AppState, Problem
from ..session import Session
from . import dialogs, i18n
from .bookmarks import BookmarksMenu
from .bridge import SessionBridge
from .figures.dialogs import install_export_actions
from .file_actions import FileActions
from .layout import DEFAULT_SIZE, LAYOUT_VERSION, DockLayout
from .lecture import Lecture
from .menus import EXPORT_DATA, MenuBuilder
from .runner import RunWorker
from .setup_panel import SetupPanel
from .statusbar import StatusBar
from .transport import Transport
from .views.registry import VIEW_CLASSES

ORGANIZATION = "w2v-explorer"
APPLICATION = "word2vec Gradient Explorer"


def view_classes() -> list:
    """The view classes of the registry, in default dock order."""
    return list(VIEW_CLASSES)


class MainWindow(FileActions, QMainWindow):
    """The explorer window. ``settings`` defaults to the user's QSettings (tests pass their own); ``state``
    is a window's state to show again (a language switch), else a new one."""

    #: a long run started (True) or finished (False)
    busyChanged = Signal(bool)

    def __init__(
        self,
        session: Session | None = None,
        settings: QSettings | None = None,
        views=None,
        restore_layout: bool = True,
        parent=None,
        state: AppState | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = settings if settings is not None else QSettings(ORGANIZATION, APPLICATION)
        self._save_layout = restore_layout
        self._closing = False
        self._was_busy = False
        self.setDockNestingEnabled(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
        )
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)

        self.state = state if state is not None else AppState(language=i18n.current_language())
        self.worker = RunWorker(self)
        self.commands = Commands(self.state, self.worker)
        self.bridge = SessionBridge(parent=self, state=self.state, commands=self.commands)

        self.docks: dict[str, QDockWidget] = {}
        self.views: list = []
        self.view_classes = list(views if views is not None else view_classes())
        self.setup_panel = SetupPanel(self.bridge)
        self._add_dock(
            "setup",
            self.tr("Setup"),
            self.setup_panel,
            self.tr("Corpus, architecture, output layer and training settings"),
        )
        for cls in self.view_classes:
            view = cls(self.bridge)
            view.setProperty("w2vView", True)
            self.views.append(view)
            self._add_dock(view.name, view.title(), view, view.title())

        self.transport = Transport(self.bridge, self)
        self.setup_panel.applyRequested.connect(self.apply_setup)  # file_actions: built on the worker
        self.setup_panel.resetRequested.connect(self.reset_session)
        self.setup_panel.message.connect(self.show_message)
        self.toolbars = self.transport.build_toolbars(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbars[0])
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbars[1])

        self.status = st = StatusBar(self, self.cancel_run)
        self.status_step, self.status_epoch, self.status_loss, self.status_lr = (
            st.step,
            st.epoch,
            st.loss,
            st.lr,
        )
        self.progress, self.cancel_button = st.progress, st.cancel_button
        self.menu_builder = MenuBuilder(self)
        self.menu_builder.build()
        self.export_actions = {item.args[0]: getattr(self, item.attr) for item in EXPORT_DATA}
        self.session_actions = self.menu_builder.session_actions
        self.help_menu = self.menu_builder.menus["&Help"]
        install_export_actions(self)  # File ▸ Export figure… / Export animation…
        self.bookmarks = BookmarksMenu(self, before=self.help_menu.menuAction())
        self.lecture = Lecture(self)
        self.autosaver = None  # run_app attaches an Autosaver; tests and screenshots have none
        self._shortcuts_dialog: QDialog | None = None

        ev = self.state.events
        self._links = [
            (ev.problem, self.status.show_problem),
            (ev.message, self.show_message),
            (ev.status, self._on_status),
            (ev.session, self._on_session),
            (ev.lr, lambda _lr: self._update_status()),
            (ev.session_path, lambda _p: self._update_title()),
        ]
        for event, fn in self._links:
            event.connect(fn)
        self.bridge.changed.connect(self._update_status)  # throttled with the views while playing fast

        self.resize(*DEFAULT_SIZE)
        self.dock_layout = DockLayout(self)
        self.dock_layout.apply_default()
        # dock sizes are applied once the window is shown (they need real geometry), unless restored
        self._sized = bool(restore_layout and self.dock_layout.restore(self.settings))
        if session is not None:
            self.set_session(session)
        elif self.state.session is not None:  # a rebuilt window: show the state as it is
            self.bridge.reset.emit()
            self.bridge.changed.emit()
            self.setup_panel.show_session(self.state.session)
        self._on_session()
        draft = self.state.option("setup", "draft")
        if draft:
            self.setup_panel.restore_draft(draft)
        if self.state.presentation or self.state.dark:
            self._restyle()
        if self.state.playing:
            self.transport.follow(self.state.status)

    # -- building -----------------------------------------------------------------------------------
    def _add_dock(self, name: str, title: str, widget: QWidget, tip: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setToolTip(tip)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        if callable(getattr(widget, "_catch_up", None)):
            # a tab brought forward: the panel draws what it missed behind the other tab
            dock.visibilityChanged.connect(lambda vis, v=widget: vis and QTimer.singleShot(0, v, v._catch_up))
        self.docks[name] = dock
        return dock

    def set_language(self, lang: str) -> MainWindow:
        """View ▸ Language: remember ``lang`` (QSettings), install its translations and build the window again
        around the same state (see :mod:`explorer.qt.i18n.switch`). Returns the window that shows it now."""
        from .i18n import switch

        code = i18n.normalize_language(lang)
        if code is None or self.is_busy():
            self.language_actions.get(i18n.current_language(), QAction()).setChecked(True)
            return self
        i18n.save_language(self.settings, code)
        if code == i18n.current_language():
            return self
        i18n.install_translator(QApplication.instance(), code)
        self.state.set_language(code)
        new = switch.rebuild_window(self)
        new.show_message(
            QCoreApplication.translate("MainWindow", "Interface language: {language}").format(
                language=i18n.LANGUAGE_NAMES[code]
            )
        )
        return new

    # -- the session --------------------------------------------------------------------------------
    @property
    def session(self) -> Session | None:
        """The session the window shows (also while a run holds it)."""
        return self.state.session

    @property
    def _blowup_box(self):
        return self.status.blowup_box

    def set_session(self, session: Session, fill_fields: bool = True, preset: str | None = None) -> None:
        """Show ``session`` (not undoable: start-up, tests); fields follow."""
        if self.is_busy():
            return
        self.commands.stop_play()
        self.state.set_session(session)
        if fill_fields:
            self.setup_panel.show_session(session, preset)

    def undo_session(self) -> None:
        """Edit ▸ Undo new session: the session before the last Apply / Reset / preset / Open."""
        session = self.commands.undo_session()
        if session is not None:
            self.setup_panel.show_session(session)

    # -- long runs ----------------------------------------------------------------------------------
    def run_epoch(self) -> None:
        self.commands.run_epoch()

    def fast_forward(self, n: int) -> None:
        self.commands.run_steps(n)

    def cancel_run(self) -> None:
        self.commands.cancel_run()
        self.cancel_button.setEnabled(False)

    def is_busy(self) -> bool:
        return self.state.busy

    def _on_status(self, status) -> None:
        busy = self.state.busy
        self.status.show_status(status)
        if busy == self._was_busy:
            return
        self._was_busy = busy
        self.setup_panel.setEnabled(not busy)
        for a in self.session_actions:
            a.setEnabled(not busy)
        self.act_undo_session.setEnabled(self.commands.can_undo_session())
        for v in self.views:
            v.setEnabled(not busy)
        self.busyChanged.emit(busy)

    # -- messages -----------------------------------------------------------------------------------
    def show_message(self, text: str, ms: int = 8000) -> None:
        self.status.show_message(text, ms)

    def show_error(self, text: str) -> None:
        self.status.show_problem(Problem("error", text))

    def show_blowup(self, text: str) -> None:
        """A step would blow up: pause, say so (status bar and a non-modal box); nothing was applied."""
        self.commands.blowup(text)

    def _on_session(self) -> None:
        self.act_undo_session.setEnabled(self.commands.can_undo_session())
        self._update_status()
        self._update_title()
        self.status.hint_missing_font(self.state.session)

    def _update_status(self) -> None:
        self.lecture.raise_phase_panels()
        s = self.bridge.session
        if s is None:
            if not self.is_busy():
                self.status.clear_counters()
            return
        self.status.update_counters(s)

    def _update_title(self) -> None:
        s = self.state.session
        if s is None:
            self.setWindowTitle(self.tr("word2vec Gradient Explorer"))
            return
        c = s.config
        path = self.state.session_path
        what = preset_label(s.name) if s.name else (Path(path).name if path else self.tr("own text"))
        self.setWindowTitle(
            self.tr("word2vec Gradient Explorer — {corpus}: {arch}, {output}, V = {V}, N = {N}").format(
                corpus=what,
                arch=choice_text(ARCH_ITEMS, c.arch),
                output=choice_text(OUTPUT_ITEMS, c.output),
                V=s.model.V,
                N=c.hidden,
            )
        )

    # -- layout -------------------------------------------------------------------------------------
    def apply_layout(self, spec, widths=(), heights=None) -> list:
        return self.dock_layout.apply(spec, widths, heights)

    def reset_layout(self) -> None:
        """View ▸ Reset layout: every dock back in its default place and size, shown, docked."""
        if self.isFullScreen():
            self.act_fullscreen.setChecked(False)
            self.showNormal()
        self.dock_layout.reset()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self.dock_layout.resize_default()

    def save_layout(self) -> None:
        s = self.settings
        self.dock_layout.save(s)
        s.setValue("view/presentation", self.state.presentation)
        s.setValue("view/dark", self.state.dark)
        s.sync()

    # -- look ---------------------------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        self.lecture.set_presentation(on)  # the lecture look and layout (explorer/qt/lecture.py)

    def set_dark(self, on: bool) -> None:
        self.lecture.restyle(dark=bool(on))

    def _restyle(self, **look) -> None:
        self.lecture.restyle(**look)

    def set_fullscreen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()
        self.act_fullscreen.setChecked(bool(on))

    # -- help ---------------------------------------------------------------------------------------
    def shortcut_table(self) -> list[tuple[str, str]]:
        return dialogs.shortcut_table(self)

    def show_shortcuts(self) -> None:
        if self._shortcuts_dialog is None:
            self._shortcuts_dialog = dialogs.shortcuts_dialog(self)
        self._shortcuts_dialog.show()
        self._shortcuts_dialog.raise_()

    def show_about(self) -> None:
        dialogs.show_about(self)

    # -- closing ------------------------------------------------------------------------------------
    def release_state(self) -> None:
        """Stop following the state (a new window shows it now, or the window closes)."""
        for event, fn in self._links:
            event.disconnect(fn)
        self._links = []
        self.transport.detach()
        self.bridge.detach()

    def adopt_layout(self, state, geometry, save_on_close: bool) -> None:
        """Take another window's dock layout and geometry (a language switch)."""
        self._save_layout = save_on_close
        self.restoreGeometry(geometry)
        self.restoreState(state, LAYOUT_VERSION)
        self._sized = True  # the dock sizes came with the layout

    @property
    def saves_layout(self) -> bool:
        return self._save_layout

    def discard(self) -> None:
        """Close without saving the layout (a new window shows this one's state now)."""
        self._save_layout = False
        self.close()
        self.deleteLater()

    def closeEvent(self, event) -> None:
        self._closing = True
        if self._links:  # still this window's state (not handed to a new window)
            self.transport.pause()
        if self.worker.is_running():
            self.worker.wait(cancel=True)  # cancels, and returns as soon as the run has stopped
        if self.autosaver is not None:
            self.autosaver.stop()  # last save, and a clean exit: no restore offer next time
        if self._save_layout:
            try:
                self.save_layout()
            except Exception as exc:  # pragma: no cover - never block closing on settings
                print(f"warning: could not save the window layout: {exc}", file=sys.stderr)
        for box in (self.status.blowup_box, self._shortcuts_dialog):
            if box is not None:
                box.close()
        if self._links:
            self.release_state()
        super().closeEvent(event)
