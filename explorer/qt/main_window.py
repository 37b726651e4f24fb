"""The main window: every view in a dock, the setup panel, the transport, menus and the status bar.

- Docks can be moved, floated, hidden and closed; the View menu has a checkable entry per dock and "Reset
  layout". The layout (dock state and window geometry) is remembered with :class:`QSettings`.
- Long runs go to :class:`~explorer.qt.runner.RunWorker`; while one is in progress nothing in the window
  touches the session (the transport, the setup panel and the file actions are disabled, views are detached),
  and the status bar shows its progress with a Cancel button.
- A blow-up (a step that would produce a non-finite or huge value) pauses play, leaves the parameters as they
  were, and shows its one-line message in the status bar and in a non-modal message box.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QDockWidget, QFileDialog, QHeaderView,
                               QMainWindow, QMessageBox, QProgressBar, QPushButton, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from ..engine.corpus import read_text_file
from ..errors import BlowUpError, ExplorerError
from ..session import Session, exports
from . import i18n, style
from .actions import make_action
from .bookmarks import BookmarksMenu
from .bridge import SessionBridge
from .runner import RunWorker
from .setup_panel import ARCH_ITEMS, OUTPUT_ITEMS, SetupPanel, choice_text, preset_label
from .transport import Transport
from .views.common import SteadyLabel
from .views.registry import VIEW_CLASSES

ORGANIZATION = "w2v-explorer"
APPLICATION = "word2vec Gradient Explorer"
#: bump when the default set of docks changes incompatibly (old saved layouts are then ignored)
LAYOUT_VERSION = 1
DEFAULT_SIZE = (1600, 1000)

#: the default arrangement: columns left to right; in each column, rows top to bottom; a row that is a
#: tuple holds docks tabbed together (the first one in front). Docks not named here join the last row.
DEFAULT_COLUMNS = (
    ("setup",),
    (("inspector",), ("equations", "walk")),
    (("network",), ("loss", "heatmap"), ("projection", "neighbours")),
)
COLUMN_WIDTHS = (290, 760, 550)
ROW_HEIGHTS = {1: (58, 42), 2: (42, 24, 34)}



def view_classes() -> list:
    """The view classes of the registry, in default dock order."""
    return list(VIEW_CLASSES)


class MainWindow(QMainWindow):
    """The explorer window. ``settings`` defaults to the user's QSettings (tests pass their own)."""

    #: a long run started (True) or finished (False)
    busyChanged = Signal(bool)

    def __init__(self, session: Session | None = None, settings: QSettings | None = None, views=None,
                 restore_layout: bool = True, parent=None):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = settings if settings is not None else QSettings(ORGANIZATION, APPLICATION)
        self._save_layout = restore_layout
        self._busy = False
        self._session_path: str | None = None
        self._run_kind = ""
        self._closing = False
        self.setDockNestingEnabled(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowNestedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)

        self.bridge = SessionBridge(parent=self)
        self.worker = RunWorker(self.bridge, self)
        self.worker.started.connect(lambda: self._set_busy(True))
        self.worker.progress.connect(self._on_run_progress)
        self.worker.finished.connect(self._on_run_finished)

        # -- docks --------------------------------------------------------------------------------
        self.docks: dict[str, QDockWidget] = {}
        self.views: list = []
        self.setup_panel = SetupPanel(self.bridge)
        self._add_dock("setup", self.tr("Setup"), self.setup_panel,
                       self.tr("Corpus, architecture, output layer and training settings"))
        for cls in (views if views is not None else view_classes()):
            view = cls(self.bridge)
            view.setProperty("w2vView", True)
            self.views.append(view)
            self._add_dock(view.name, view.title(), view, view.title())

        # -- transport, setup -----------------------------------------------------------------------
        self.transport = Transport(self.bridge, self)
        self.transport.blowUp.connect(self.show_blowup)
        self.transport.message.connect(self.show_message)
        self.transport.runRequested.connect(self._on_run_requested)
        self.setup_panel.applyRequested.connect(self.apply_setup)
        self.setup_panel.resetRequested.connect(self.reset_session)
        self.setup_panel.message.connect(self.show_message)
        tb, tl = self.transport.build_toolbars(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tl)
        self.toolbars = (tb, tl)

        self._build_status_bar()
        self._build_menus()
        from .figures.dialogs import install_export_actions  # File ▸ Export figure / animation (issue 14)
        install_export_actions(self)
        self.bookmarks = BookmarksMenu(self, before=self.help_menu.menuAction())
        self.autosaver = None  # run_app attaches an Autosaver; tests and screenshots have none
        self.bridge.changed.connect(self._update_status)
        self.bridge.reset.connect(self._update_status)
        self.bridge.reset.connect(self._update_title)
        self.bridge.lrChanged.connect(lambda _lr: self._update_status())
        self._blowup_box: QMessageBox | None = None
        self._shortcuts_dialog: QDialog | None = None

        self.resize(*DEFAULT_SIZE)
        self.apply_default_layout()
        self._default_state = self.saveState(LAYOUT_VERSION)
        self._sized = False  # dock sizes are applied once the window is shown (they need real geometry)
        if restore_layout and self.restore_layout():
            self._sized = True
        if session is not None:
            self.set_session(session)
        else:
            self._update_status()
            self.transport.update_state()
            self._update_title()

    # -- building -----------------------------------------------------------------------------------
    def _add_dock(self, name: str, title: str, widget: QWidget, tip: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setToolTip(tip)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.docks[name] = dock
        return dock

    def _action(self, text, tip, slot=None, shortcut=None, checkable=False) -> QAction:
        return make_action(self, text, tip, slot, shortcut, checkable)

    def _build_menus(self) -> None:
        mb = self.menuBar()

        # File
        m = mb.addMenu(self.tr("&File"))
        m.setToolTipsVisible(True)
        self.act_open_corpus = self._action(self.tr("Open corpus…"),
                                            self.tr("Open a UTF-8 text file as the corpus and apply it"),
                                            self.open_corpus, QKeySequence.StandardKey.Open)
        self.act_open_session = self._action(self.tr("Open session…"),
                                             self.tr("Open a saved session (.w2vx) with its whole history"),
                                             self.open_session, "Ctrl+Shift+O")
        self.act_save_session = self._action(self.tr("Save session"),
                                             self.tr("Save the session with its history"),
                                             self.save_session, QKeySequence.StandardKey.Save)
        self.act_save_session_as = self._action(self.tr("Save session as…"),
                                                self.tr("Save the session with its history to a new file"),
                                                self.save_session_as, "Ctrl+Shift+S")
        for a in (self.act_open_corpus, self.act_open_session, self.act_save_session, self.act_save_session_as):
            m.addAction(a)
        m.addSeparator()
        ex = m.addMenu(self.tr("Export data"))
        ex.setToolTipsVisible(True)
        self.export_actions = {}
        for key, text, tip in (
                ("vectors", self.tr("Word vectors (word2vec format)…"),
                 self.tr("The input vectors (rows of W) in the word2vec text format, or binary for .bin")),
                ("weights", self.tr("Weights (.npz)…"), self.tr("W, W′ and the vocabulary as a NumPy .npz")),
                ("trace", self.tr("Trace of every step (JSON Lines)…"),
                 self.tr("Every computed step's record, one JSON object per line")),
                ("loss", self.tr("Loss series (CSV)…"), self.tr("The loss of every step and epoch as CSV"))):
            a = self._action(text, tip, lambda _c=False, k=key: self.export_data(k))
            ex.addAction(a)
            self.export_actions[key] = a
        self.plot_menu = m.addMenu(self.tr("Export plot"))
        self.plot_menu.setToolTipsVisible(True)
        any_plot = False
        for view in self.views:
            if callable(getattr(view, "export", None)):
                a = self._action(self.tr("{view}…").format(view=view.title()),
                                 self.tr("Save this panel as a PNG or SVG image"),
                                 lambda _c=False, v=view: self.export_plot(v))
                self.plot_menu.addAction(a)
                any_plot = True
        if not any_plot:
            a = self.plot_menu.addAction(self.tr("No panel can be exported"))
            a.setEnabled(False)
        self.act_export_window = self._action(self.tr("Export window as PNG…"),
                                              self.tr("Save a picture of the whole window"), self.export_window)
        m.addAction(self.act_export_window)
        m.addSeparator()
        self.act_quit = self._action(self.tr("Quit"), self.tr("Close the explorer"), self.close,
                                     QKeySequence.StandardKey.Quit)
        m.addAction(self.act_quit)

        # Edit
        m = mb.addMenu(self.tr("&Edit"))
        m.setToolTipsVisible(True)
        m.addAction(self.transport.act_undo)
        m.addAction(self.transport.act_forward)

        # Train
        m = mb.addMenu(self.tr("&Train"))
        m.setToolTipsVisible(True)
        self.transport.populate_menu(m)

        # View
        m = mb.addMenu(self.tr("&View"))
        m.setToolTipsVisible(True)
        self.dock_actions = {}
        for name, dock in self.docks.items():
            a = dock.toggleViewAction()
            a.setToolTip(self.tr("Show or hide the panel “{title}”").format(title=dock.windowTitle()))
            m.addAction(a)
            self.dock_actions[name] = a
        m.addSeparator()
        self.act_reset_layout = self._action(self.tr("Reset layout"),
                                             self.tr("Put every panel back in its default place"),
                                             self.reset_layout)
        m.addAction(self.act_reset_layout)
        m.addSeparator()
        self.act_presentation = self._action(self.tr("Presentation mode"),
                                             self.tr("Large fonts, thick lines and high contrast for a "
                                                     "projector"), self.set_presentation, "F5", checkable=True)
        self.act_dark = self._action(self.tr("Dark theme"), self.tr("Light text on a dark background"),
                                     self.set_dark, checkable=True)
        self.act_fullscreen = self._action(self.tr("Full screen"), self.tr("Use the whole screen"),
                                           self.set_fullscreen, "F11", checkable=True)
        for a in (self.act_presentation, self.act_dark, self.act_fullscreen):
            m.addAction(a)
        m.addSeparator()
        self._build_language_menu(m)

        # Help
        m = mb.addMenu(self.tr("&Help"))
        self.help_menu = m
        m.setToolTipsVisible(True)
        self.act_shortcuts = self._action(self.tr("Keyboard shortcuts"), self.tr("List every keyboard shortcut"),
                                          self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        self.act_about = self._action(self.tr("About"), self.tr("About the word2vec Gradient Explorer"),
                                      self.show_about)
        m.addAction(self.act_shortcuts)
        m.addAction(self.act_about)

        self.session_actions = [self.act_open_corpus, self.act_open_session, self.act_save_session,
                                self.act_save_session_as, *self.export_actions.values(),
                                *self.language_actions.values()]

    def _build_language_menu(self, parent_menu) -> None:
        """View ▸ Language: each language under its own name; the one in use is checked."""
        m = parent_menu.addMenu(self.tr("&Language"))
        m.setToolTipsVisible(True)
        self.language_menu = m
        self.language_actions = {}
        group = QActionGroup(self)
        for lang in i18n.available_languages():
            a = QAction(i18n.LANGUAGE_NAMES[lang], self)
            a.setCheckable(True)
            a.setChecked(lang == i18n.current_language())
            a.setToolTip(self.tr("Show the interface in this language (remembered for the next start)"))
            a.triggered.connect(lambda _c=False, code=lang: self.set_language(code))
            group.addAction(a)
            m.addAction(a)
            self.language_actions[lang] = a

    def set_language(self, lang: str) -> MainWindow:
        """View ▸ Language: remember ``lang`` (QSettings), install its translations and rebuild the window
        around the same session (step, history, layout and panel settings are kept; see
        :mod:`explorer.qt.i18n.switch`). Returns the window that shows the session now."""

        from .i18n.switch import rebuild_window

        code = i18n.normalize_language(lang)
        if code is None or self._busy:
            self.language_actions.get(i18n.current_language(), QAction()).setChecked(True)
            return self
        i18n.save_language(self.settings, code)
        if code == i18n.current_language():
            return self
        i18n.install_translator(QApplication.instance(), code)
        new = rebuild_window(self)
        new.show_message(QCoreApplication.translate("MainWindow", "Interface language: {language}").format(
            language=i18n.LANGUAGE_NAMES[code]))
        return new

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        # steady labels: a new count every step repaints the label, not the whole window (see SteadyLabel)
        self.status_step = SteadyLabel()
        self.status_epoch = SteadyLabel()
        self.status_loss = SteadyLabel()
        self.status_lr = SteadyLabel()
        self.status_step.setToolTip(self.tr("Completed steps"))
        self.status_epoch.setToolTip(self.tr("The epoch of the next step"))
        self.status_loss.setToolTip(self.tr("E, the loss of the current example (before its update); at step 0 "
                                            "the mean loss over the training set"))
        self.status_lr.setToolTip(self.tr("η, the learning rate of the next step"))
        self.progress = QProgressBar()
        self.progress.setObjectName("runProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setToolTip(self.tr("Progress of the run in the background"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelRun")
        self.cancel_button.setToolTip(self.tr("Stop the run; the steps done so far are kept"))
        self.cancel_button.clicked.connect(self.cancel_run)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        for w in (self.progress, self.cancel_button, self.status_step, self.status_epoch, self.status_loss,
                  self.status_lr):
            sb.addPermanentWidget(w)

    # -- the session --------------------------------------------------------------------------------
    @property
    def session(self) -> Session | None:
        """The session the window shows (also while a run holds it)."""
        return self.worker.session if self._busy else self.bridge.session

    def set_session(self, session: Session, fill_fields: bool = True, preset: str | None = None) -> None:
        """Show ``session`` (a new one from Apply, Reset, Open): views rebuild, fields follow."""
        if self._busy:
            return
        self.transport.pause()
        self.bridge.set_session(session)
        if fill_fields:
            self.setup_panel.show_session(session, preset)
        self.transport.update_state()
        self._update_status()
        self._update_title()
        hint = style.missing_font_hint("".join(session.model.words))  # once per run (issue 18)
        if hint:  # after Apply's or Open's own status message
            QTimer.singleShot(0, self, lambda: self.show_message(hint, 30000))

    def apply_setup(self) -> None:
        """Apply: stop play, build a session from the fields; on a problem keep the current one."""
        if self._busy:
            return
        self.transport.pause()
        with self.working(self.tr("Building the vocabulary, the examples and the model…")):
            session = self.setup_panel.build_session()
        if session is None:
            return
        warning = session.model.cost_warning()
        if warning and not self.confirm_costly(warning):
            self.show_message(self.tr("Not applied: the current session is kept."))
            return
        self._session_path = None
        self.set_session(session, fill_fields=False)
        self.show_message(self.tr("Applied: a new session at step 0."))

    @contextmanager
    def working(self, message: str):
        """A wait cursor and ``message`` in the status bar while the window builds something that can take
        seconds (a corpus of megabytes: reading, the vocabulary, the examples, the training-set loss)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        bar = self.statusBar()
        bar.showMessage(message)
        bar.repaint()      # now: the work below keeps the event loop from painting
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            if bar.currentMessage() == message:   # a message the work left (a problem) stays
                bar.clearMessage()

    def confirm_costly(self, warning: str) -> bool:
        """Ask before applying a configuration whose steps would be slow or large."""
        answer = QMessageBox.warning(
            self, self.tr("A large configuration"),
            self.tr("{warning}.\n\nApply it anyway?").format(warning=warning),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def reset_session(self) -> None:
        if self._busy or self.bridge.session is None:
            return
        self.transport.pause()
        with self.working(self.tr("Building the model again…")):
            session = self.setup_panel.build_reset_session(self.bridge.session)
        if session is not None:
            self.set_session(session, fill_fields=False)
            self.show_message(self.tr("Reset: step 0 with fresh weights."))

    # -- long runs ----------------------------------------------------------------------------------
    def _on_run_requested(self, kind: str, n: int) -> None:
        if self._busy or self.bridge.session is None:
            return
        self._run_kind = kind
        if kind == "epoch":
            self.worker.run_epoch()
        else:
            self.worker.run_steps(n)

    def run_epoch(self) -> None:
        self.transport.run_epoch()

    def fast_forward(self, n: int) -> None:
        self.transport.fast_forward(n)

    def cancel_run(self) -> None:
        self.worker.cancel()
        self.cancel_button.setEnabled(False)
        self.show_message(self.tr("Cancelling…"))

    def is_busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.transport.set_busy(busy)
        self.setup_panel.setEnabled(not busy)
        for a in self.session_actions:
            a.setEnabled(not busy)
        for v in self.views:
            v.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.progress.setRange(0, 0)  # busy indicator until the first progress report
            self.statusBar().showMessage(self.tr("Running in the background…"))
        self.busyChanged.emit(busy)

    def _on_run_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat(self.tr("%v of %m steps"))

    def _on_run_finished(self, result, error) -> None:
        kind, self._run_kind = self._run_kind, ""
        self._set_busy(False)
        if self._closing:
            return
        if error is not None:
            if isinstance(error, BlowUpError):
                self.show_blowup(str(error))
            elif isinstance(error, ExplorerError):
                self.show_error(str(error))
            else:
                self.show_error(self.tr("The run stopped because of an internal error: {error}").format(
                    error=f"{type(error).__name__}: {error}"))
            return
        if kind.startswith("export:"):
            self.show_message(self.tr("Wrote {path}.").format(path=kind.split(":", 1)[1]))
            return
        if result is None:
            return
        if getattr(result, "blowup", None) is not None:
            self.show_blowup(str(result.blowup))
        elif getattr(result, "cancelled", False):
            self.show_message(self.tr("Cancelled after {n} steps.").format(n=result.steps_done))
        else:
            self.show_message(self.tr("Ran {n} steps in {s:.2f} s.").format(n=result.steps_done,
                                                                             s=result.seconds))

    # -- messages -----------------------------------------------------------------------------------
    def show_message(self, text: str, ms: int = 8000) -> None:
        self.statusBar().showMessage(text, ms)

    def show_error(self, text: str) -> None:
        self.statusBar().showMessage(text, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Problem"), text, QMessageBox.StandardButton.Ok,
                          self)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()

    def show_blowup(self, text: str) -> None:
        """A step would blow up: pause, say so (status bar and a non-modal box); nothing was applied."""
        self.transport.pause()
        msg = self.tr("Stopped: {problem}. The parameters are as before that step; try a smaller learning "
                      "rate.").format(problem=text)
        self.statusBar().showMessage(msg, 30000)
        box = self._blowup_box
        if box is None:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Training blew up"), msg,
                              QMessageBox.StandardButton.Ok, self)
            box.setWindowModality(Qt.WindowModality.NonModal)
            self._blowup_box = box
        box.setText(msg)
        box.show()

    def _update_status(self) -> None:
        s = self.bridge.session
        if s is None:
            if not self._busy:
                for lab in (self.status_step, self.status_epoch, self.status_loss, self.status_lr):
                    lab.setText("")
            return
        self.status_step.setText(self.tr("Step {step}").format(step=s.step))
        self.status_epoch.setText(self.tr("Epoch {epoch}").format(epoch=s.epoch + 1))
        rec = s.record
        if rec is not None:
            self.status_loss.setText(self.tr("E = {loss:.4g}").format(loss=rec.loss))
        else:
            e0 = s.epoch_losses.get(0)
            self.status_loss.setText(self.tr("E = {loss:.4g}").format(loss=e0) if e0 is not None else "")
        self.status_lr.setText(self.tr("η = {lr:g}").format(lr=s.lr))

    def _update_title(self) -> None:
        s = self.bridge.session
        if s is None:
            self.setWindowTitle(self.tr("word2vec Gradient Explorer"))
            return
        c = s.config
        what = preset_label(s.name) if s.name else (Path(self._session_path).name if self._session_path
                                                    else self.tr("own text"))
        self.setWindowTitle(self.tr("word2vec Gradient Explorer — {corpus}: {arch}, {output}, V = {V}, "
                                    "N = {N}").format(corpus=what, arch=choice_text(ARCH_ITEMS, c.arch),
                                                      output=choice_text(OUTPUT_ITEMS, c.output), V=s.model.V,
                                                      N=c.hidden))

    # -- files --------------------------------------------------------------------------------------
    def ask_open_path(self, title: str, filters: str) -> str | None:
        """A file to open (tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(self, title, "", filters)
        return path or None

    def ask_save_path(self, title: str, filters: str, suggested: str = "") -> str | None:
        """A file to write (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, filters)
        return path or None

    def open_corpus(self, path: str | None = None) -> bool:
        if self._busy:
            return False
        path = path or self.ask_open_path(self.tr("Open corpus"),
                                          self.tr("Text files (*.txt *.text *.csv);;All files (*)"))
        if not path:
            return False
        try:
            with self.working(self.tr("Reading {path}…").format(path=path)):
                text = read_text_file(path)
        except ExplorerError as exc:
            self.show_error(str(exc))
            return False
        self.setup_panel.load_text(text)
        self.apply_setup()
        return self.setup_panel.is_dirty() is False

    def open_session(self, path: str | None = None) -> bool:
        if self._busy:
            return False
        path = path or self.ask_open_path(self.tr("Open session"),
                                          self.tr("Explorer sessions (*.w2vx);;All files (*)"))
        if not path:
            return False
        self.transport.pause()
        with self.working(self.tr("Opening {path}…").format(path=path)):
            ok, session = self._file_call(lambda: Session.load(path), path, writing=False)
        if not ok:
            return False
        self._session_path = str(path)
        self.set_session(session)
        self.show_message(self.tr("Opened {path} at step {step}.").format(path=path, step=session.step))
        return True

    def save_session(self) -> bool:
        if self._session_path:
            return self._save_to(self._session_path)
        return self.save_session_as()

    def save_session_as(self, path: str | None = None) -> bool:
        if self._busy or self.bridge.session is None:
            return False
        path = path or self.ask_save_path(self.tr("Save session"),
                                          self.tr("Explorer sessions (*.w2vx)"),
                                          (self.bridge.session.name or "session") + ".w2vx")
        if not path:
            return False
        if not Path(path).suffix:
            path = str(path) + ".w2vx"
        return self._save_to(path)

    def _save_to(self, path: str) -> bool:
        s = self.bridge.session
        if s is None or self._busy:
            return False
        self.transport.pause()
        if not self._file_call(lambda: s.save(path), path, writing=True)[0]:
            return False
        self._session_path = str(path)
        self._update_title()
        self.show_message(self.tr("Saved the session to {path}.").format(path=path))
        return True

    def export_data(self, kind: str, path: str | None = None) -> bool:
        """File ▸ Export data: vectors, weights, trace or loss (``explorer.session.exports``)."""
        s = self.bridge.session
        if self._busy or s is None:
            return False
        fn = {"vectors": exports.export_vectors, "weights": exports.export_weights,
              "trace": exports.export_trace, "loss": exports.export_loss_csv}[kind]
        filters = {"vectors": self.tr("word2vec text (*.txt *.vec);;word2vec binary (*.bin)"),
                   "weights": self.tr("NumPy archive (*.npz)"),
                   "trace": self.tr("JSON Lines (*.jsonl)"),
                   "loss": self.tr("CSV (*.csv)")}[kind]
        suffix = {"vectors": ".txt", "weights": ".npz", "trace": ".jsonl", "loss": ".csv"}[kind]
        path = path or self.ask_save_path(self.tr("Export"), filters, (s.name or "session") + suffix)
        if not path:
            return False
        self.transport.pause()
        if kind == "trace" and s.furthest > 2000:
            # long: on the worker, with progress and Cancel-free completion
            self._run_kind = f"export:{path}"
            return self.worker.run_call(lambda sess, progress: fn(sess, path, progress=progress))
        if not self._file_call(lambda: fn(s, path), path, writing=True)[0]:
            return False
        self.show_message(self.tr("Wrote {path}.").format(path=path))
        return True

    def _file_call(self, fn, path, writing: bool) -> tuple[bool, object]:
        """(True, ``fn()``), or (False, None) with the problem shown in one line: the session's own message,
        or the system's reason the file cannot be opened or written."""
        try:
            return True, fn()
        except ExplorerError as exc:
            self.show_error(str(exc))
        except OSError as exc:
            text = self.tr("Cannot write {path}: {reason}") if writing else self.tr("Cannot open {path}: {reason}")
            self.show_error(text.format(path=path, reason=exc.strerror or exc))
        return False, None

    def export_plot(self, view, path: str | None = None) -> bool:
        path = path or self.ask_save_path(self.tr("Export plot"), self.tr("PNG image (*.png);;SVG image (*.svg)"),
                                          f"{view.name}.png")
        if not path:
            return False
        if Path(path).suffix.lower() not in (".png", ".svg"):
            path = str(path) + ".png"
        try:
            view.export(path)
        except (ExplorerError, OSError, ValueError) as exc:
            self.show_error(self.tr("Cannot export the plot: {reason}").format(reason=exc))
            return False
        self.show_message(self.tr("Wrote {path}.").format(path=path))
        return True

    def export_window(self, path: str | None = None) -> bool:
        path = path or self.ask_save_path(self.tr("Export window"), self.tr("PNG image (*.png)"), "explorer.png")
        if not path:
            return False
        if Path(path).suffix.lower() != ".png":
            path = str(path) + ".png"
        if not self.grab().save(str(path), "PNG"):
            self.show_error(self.tr("Cannot write {path}.").format(path=path))
            return False
        self.show_message(self.tr("Wrote {path}.").format(path=path))
        return True

    # -- layout -------------------------------------------------------------------------------------
    def apply_default_layout(self) -> None:
        """Setup on the left; inspector and equations in the middle; network and plots on the right."""
        self._default_columns = self.apply_layout(DEFAULT_COLUMNS, COLUMN_WIDTHS, ROW_HEIGHTS)
        self._default_sizes = (COLUMN_WIDTHS, ROW_HEIGHTS)

    def apply_layout(self, spec, widths=(), heights=None) -> list:
        """Arrange the docks: ``spec`` lists columns left to right, each a tuple of rows top to bottom, each
        row a tuple of dock names tabbed together (the first in front). Docks not named join the last row;
        names without a dock are skipped. ``widths`` are column widths in pixels, ``heights`` maps a column
        index to the relative heights of its rows. Returns the arrangement used."""
        placed = set()
        columns = []
        for col in spec:
            rows = []
            for row in col:
                row = (row,) if isinstance(row, str) else row
                names = [n for n in row if n in self.docks]
                if names:
                    rows.append(names)
                    placed.update(names)
            if rows:
                columns.append(rows)
        rest = [n for n in self.docks if n not in placed]
        if rest:
            if len(columns) < 2:
                columns.append([rest])
            else:
                columns[-1][-1].extend(rest)
        for dock in self.docks.values():
            if dock.isFloating():
                dock.setFloating(False)
            self.removeDockWidget(dock)
        Left = Qt.DockWidgetArea.LeftDockWidgetArea
        first_of_col = []
        for ci, rows in enumerate(columns):
            top = self.docks[rows[0][0]]
            if ci == 0:
                self.addDockWidget(Left, top)
            else:
                self.splitDockWidget(first_of_col[-1], top, Qt.Orientation.Horizontal)
            first_of_col.append(top)
        for rows in columns:  # all splits first: splitting a tabbed dock would add a tab instead
            for upper, lower in zip(rows, rows[1:]):
                self.splitDockWidget(self.docks[upper[0]], self.docks[lower[0]], Qt.Orientation.Vertical)
        for rows in columns:
            for row in rows:
                for other in row[1:]:
                    self.tabifyDockWidget(self.docks[row[0]], self.docks[other])
        for dock in self.docks.values():
            dock.show()
        for rows in columns:
            for row in rows:
                self.docks[row[0]].raise_()
        self._resize_columns(columns, widths, heights or {})
        return columns

    def _resize_columns(self, columns, widths, heights) -> None:
        widths = list(widths[: len(columns)])
        widths += [400] * (len(columns) - len(widths))
        self.resizeDocks([self.docks[rows[0][0]] for rows in columns], widths, Qt.Orientation.Horizontal)
        for ci, rows in enumerate(columns):
            if len(rows) > 1:
                hs = list(heights.get(ci, ()))[: len(rows)]
                hs += [30] * (len(rows) - len(hs))
                total = max(1, self.height() - 150)
                self.resizeDocks([self.docks[r[0]] for r in rows], [int(total * h / sum(hs)) for h in hs],
                                 Qt.Orientation.Vertical)

    def _resize_default(self, columns) -> None:
        self._resize_columns(columns, *self._default_sizes)

    def reset_layout(self) -> None:
        """View ▸ Reset layout: every dock back in its default place and size, shown, docked."""
        if self.isFullScreen():
            self.act_fullscreen.setChecked(False)
            self.showNormal()
        for dock in self.docks.values():
            if dock.isFloating():
                dock.setFloating(False)
        self.restoreState(self._default_state, LAYOUT_VERSION)
        for dock in self.docks.values():
            dock.show()
        for rows in self._default_columns:
            for row in rows:
                self.docks[row[0]].raise_()
        self._resize_default(self._default_columns)
        QTimer.singleShot(0, self, lambda: self._resize_default(self._default_columns))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self._resize_default(self._default_columns)

    def restore_layout(self) -> bool:
        """Put back the saved geometry and dock layout (False if none was saved or it does not fit)."""
        s = self.settings
        geom = s.value("layout/geometry")
        state = s.value("layout/state")
        ok = False
        if isinstance(geom, QByteArray) and not geom.isEmpty():
            self.restoreGeometry(geom)
        if isinstance(state, QByteArray) and not state.isEmpty():
            ok = self.restoreState(state, LAYOUT_VERSION)
        return ok

    def save_layout(self) -> None:
        s = self.settings
        s.setValue("layout/geometry", self.saveGeometry())
        s.setValue("layout/state", self.saveState(LAYOUT_VERSION))
        s.setValue("view/presentation", self.act_presentation.isChecked())
        s.setValue("view/dark", self.act_dark.isChecked())
        s.sync()

    # -- view options -------------------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        on = bool(on)
        self.act_presentation.setChecked(on)
        style.apply_presentation(self, on, self.act_dark.isChecked())
        self._after_restyle()

    def set_dark(self, on: bool) -> None:
        on = bool(on)
        self.act_dark.setChecked(on)
        style.apply_presentation(self, self.act_presentation.isChecked(), on)
        self._after_restyle()

    def _after_restyle(self) -> None:
        if not self._busy and self.bridge.session is not None:
            self.bridge.changed.emit()  # redraw with the new theme (views may read style.current())
        style.restyle_plots(self, style.current())  # after the redraw, which may have re-created items

    def set_fullscreen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()
        self.act_fullscreen.setChecked(bool(on))

    # -- help ---------------------------------------------------------------------------------------
    def shortcut_table(self) -> list[tuple[str, str]]:
        """(action, key) for every action with a shortcut, in menu order."""
        seen, rows = set(), []
        for a in self.actions() + self.findChildren(QAction):
            if id(a) in seen or a.shortcut().isEmpty():
                continue
            seen.add(id(a))
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts())
            rows.append((a.text().replace("&", ""), keys))
        return rows

    def show_shortcuts(self) -> None:
        if self._shortcuts_dialog is None:
            d = QDialog(self)
            d.setWindowTitle(self.tr("Keyboard shortcuts"))
            lay = QVBoxLayout(d)
            rows = self.shortcut_table()
            t = QTableWidget(len(rows), 2, d)
            t.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Key")])
            for i, (text, key) in enumerate(rows):
                t.setItem(i, 0, QTableWidgetItem(text))
                t.setItem(i, 1, QTableWidgetItem(key))
            t.verticalHeader().setVisible(False)
            t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            t.horizontalHeader().setStretchLastSection(True)
            t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            lay.addWidget(t)
            bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            bb.rejected.connect(d.close)
            lay.addWidget(bb)
            d.resize(460, 520)
            self._shortcuts_dialog = d
        self._shortcuts_dialog.show()
        self._shortcuts_dialog.raise_()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About the word2vec Gradient Explorer"),
                          self.tr("<p><b>word2vec Gradient Explorer</b></p><p>Steps word2vec through training "
                                  "one example at a time and shows every number of the derivation: h, u, y, "
                                  "t, e, EH, the loss E and the update of every vector.</p><p>Names follow "
                                  "Xin Rong, <i>word2vec Parameter Learning Explained</i>.</p>"))

    # -- closing ------------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        self._closing = True
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
        for box in (self._blowup_box, self._shortcuts_dialog):
            if box is not None:
                box.close()
        super().closeEvent(event)
