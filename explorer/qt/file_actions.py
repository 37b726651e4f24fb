"""The File menu's actions of the main window: open a corpus or a session, save, export data, a plot or the
whole window. Each asks for a path (tests replace :meth:`FileActions.ask_open_path` / ``ask_save_path``) and
goes through the window's commands, so a bad file ends like any other problem: one line, the session kept.

Also every way to a new session — Apply, Reset, a preset, Open corpus, Open session: the session is built on
the worker thread (:meth:`~explorer.app.commands.Commands.load`), with the progress bar and Cancel of long
runs once it takes longer than a short grace; until it is built the current session stays, and a cancelled
or failed build leaves it. The replaced session comes back with Edit ▸ Undo new session.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from ..engine.corpus import read_text_file
from ..errors import ExplorerError
from ..session import Session
from . import dialogs

#: the texts keep their context of the main window (lupdate finds these calls)
translate = QCoreApplication.translate


class FileActions:
    """Mixed into :class:`~explorer.qt.main_window.MainWindow` (uses its ``commands``, ``state``, ``bridge``,
    ``setup_panel``, ``working`` and messages)."""

    # -- files --------------------------------------------------------------------------------------
    def ask_open_path(self, title: str, filters: str) -> str | None:
        """A file to open (tests replace this)."""
        return dialogs.ask_open_path(self, title, filters)

    def ask_save_path(self, title: str, filters: str, suggested: str = "") -> str | None:
        """A file to write (tests replace this)."""
        return dialogs.ask_save_path(self, title, filters, suggested)

    # -- new sessions (built on the worker) ---------------------------------------------------------
    def apply_setup(self) -> bool:
        """Apply: stop play, build a session from the fields; on a problem keep the current one (the field
        is marked). False if nothing is or will be applied."""
        if self.is_busy():
            return False
        self.commands.stop_play()
        request = self.setup_panel.session_request()
        if request is None:
            return False
        text, config, fmt, name = request

        def build(progress):
            return Session(text, config, fmt, name=name, progress=progress)

        def done(session: Session) -> bool:
            self.setup_panel.session_built()
            applied = translate("MainWindow", "Applied: a new session at step 0.")
            return self._replace_checked(session, applied)

        what = translate("MainWindow", "Building the vocabulary, the examples and the model…")
        with self.working(what):
            return self.commands.load(what, build, done, rejected=self.setup_panel.build_failed)

    def reset_session(self) -> bool:
        """Reset: the session's corpus and settings again at step 0 (with the learning rate now in use)."""
        s = self.session
        if self.is_busy() or s is None:
            return False
        self.commands.stop_play()
        ok, config = self.commands.call(lambda: s.config.replace(lr=s.lr))
        if not ok:
            return False
        text, fmt, name = s.text, s.fmt, s.name

        def build(progress):
            return Session(text, config, fmt, name=name, progress=progress)

        def done(new: Session) -> bool:
            reset = translate("MainWindow", "Reset: step 0 with fresh weights.")
            return self._replace_checked(new, reset, ask=False)

        what = translate("MainWindow", "Building the model again…")
        with self.working(what):
            return self.commands.load(what, build, done)

    def open_corpus(self, path: str | None = None) -> bool:
        """File ▸ Open corpus: read the file and build a session from it with the fields' settings, on the
        worker; the editor shows the corpus once the session is built."""
        if self.is_busy():
            return False
        path = path or self.ask_open_path(
            translate("MainWindow", "Open corpus"),
            translate("MainWindow", "Text files (*.txt *.text *.csv);;All files (*)"),
        )
        if not path:
            return False
        config = self.setup_panel.read_config()
        if config is None:
            self.show_message(translate("MainWindow", "Not opened: correct the marked settings first."))
            return False
        self.commands.stop_play()
        fmt = self.setup_panel.fmt.itemData(0)

        def build(progress):
            return Session(read_text_file(path), config, fmt, progress=progress)

        def done(session: Session) -> bool:
            self.setup_panel.load_text(session.text)
            self.setup_panel.session_built()
            applied = translate("MainWindow", "Applied: a new session at step 0.")
            return self._replace_checked(session, applied)

        what = translate("MainWindow", "Reading {path}…").format(path=path)
        with self.working(what):
            return self.commands.load(what, build, done, path=path)

    def open_session(self, path: str | None = None) -> bool:
        """File ▸ Open session: read it and replay its history to verify it, on the worker."""
        if self.is_busy():
            return False
        path = path or self.ask_open_path(
            translate("MainWindow", "Open session"),
            translate("MainWindow", "Explorer sessions (*.w2vx);;All files (*)"),
        )
        if not path:
            return False
        with self.working(translate("MainWindow", "Opening {path}…").format(path=path)):
            return self.commands.open_session(path, then=self.setup_panel.show_session)

    def _replace_checked(self, session: Session, message: str, ask: bool = True) -> bool:
        """Show the new ``session`` (undoable), after asking first about a costly configuration."""
        warning = session.model.cost_warning() if ask else ""
        if warning and not self.confirm_costly(warning):
            self.show_message(translate("MainWindow", "Not applied: the current session is kept."))
            return False
        if not self.commands.replace_session(session):
            return False
        self.show_message(message)
        return True

    def working(self, message: str):
        """A wait cursor and ``message`` while the GUI thread waits the short grace for a new session; a
        longer build goes on in the background (progress and Cancel in the status bar)."""
        return dialogs.working(self, message)

    def confirm_costly(self, warning: str) -> bool:  # tests replace this
        return dialogs.confirm_costly(self, warning)

    def save_session(self) -> bool:
        if self.state.session_path:
            return self.commands.save_session(self.state.session_path)
        return self.save_session_as()

    def save_session_as(self, path: str | None = None) -> bool:
        if self.bridge.session is None:
            return False
        path = path or self.ask_save_path(
            translate("MainWindow", "Save session"),
            translate("MainWindow", "Explorer sessions (*.w2vx)"),
            (self.session.name or "session") + ".w2vx",
        )
        if not path:
            return False
        if not Path(path).suffix:
            path = str(path) + ".w2vx"
        return self.commands.save_session(path)

    def export_data(self, kind: str, path: str | None = None) -> bool:
        """File ▸ Export data: vectors, weights, trace or loss (``explorer.session.exports``)."""
        s = self.bridge.session
        if s is None:
            return False
        filters = {
            "vectors": translate("MainWindow", "word2vec text (*.txt *.vec);;word2vec binary (*.bin)"),
            "weights": translate("MainWindow", "NumPy archive (*.npz)"),
            "trace": translate("MainWindow", "JSON Lines (*.jsonl)"),
            "loss": translate("MainWindow", "CSV (*.csv)"),
        }[kind]
        suffix = {"vectors": ".txt", "weights": ".npz", "trace": ".jsonl", "loss": ".csv"}[kind]
        path = path or self.ask_save_path(
            translate("MainWindow", "Export"), filters, (s.name or "session") + suffix
        )
        return bool(path) and self.commands.export(kind, path)

    def export_plot(self, view, path: str | None = None) -> bool:
        path = path or self.ask_save_path(
            translate("MainWindow", "Export plot"),
            translate("MainWindow", "PNG image (*.png);;SVG image (*.svg)"),
            f"{view.name}.png",
        )
        if not path:
            return False
        if Path(path).suffix.lower() not in (".png", ".svg"):
            path = str(path) + ".png"

        def export():
            try:
                view.export(path)
            except (OSError, ValueError) as exc:
                raise ExplorerError(
                    translate("MainWindow", "Cannot export the plot: {reason}").format(reason=exc)
                ) from exc

        if not self.commands.call(export)[0]:
            return False
        self.show_message(translate("MainWindow", "Wrote {path}.").format(path=path))
        return True

    def export_window(self, path: str | None = None) -> bool:
        path = path or self.ask_save_path(
            translate("MainWindow", "Export window"),
            translate("MainWindow", "PNG image (*.png)"),
            "explorer.png",
        )
        if not path:
            return False
        if Path(path).suffix.lower() != ".png":
            path = str(path) + ".png"
        if not self.grab().save(str(path), "PNG"):
            self.show_error(translate("MainWindow", "Cannot write {path}.").format(path=path))
            return False
        self.show_message(translate("MainWindow", "Wrote {path}.").format(path=path))
        return True

    # -- comparing with the user's own implementation -------------------------------------------------
    def compare_trace(self, path: str | None = None) -> bool:
        """File ▸ Compare with my trace…: mark where the user's trace differs from this run, go to the first
        difference (a bad file: one line, the state kept)."""
        if self.is_busy():
            return False
        path = path or self.ask_open_path(
            translate("MainWindow", "Compare with my trace"),
            translate("MainWindow", "JSON Lines (*.jsonl *.json *.txt);;All files (*)"),
        )
        if not path:
            return False
        with self.working(translate("MainWindow", "Comparing {path} with this run…").format(path=path)):
            return self.commands.compare_trace(path)

    def next_difference(self) -> bool:
        return self.commands.next_difference()

    def previous_difference(self) -> bool:
        return self.commands.previous_difference()

    def clear_comparison(self) -> None:
        self.commands.clear_comparison()

    def copy_command(self) -> str | None:
        """File ▸ Copy as command: the command line reproducing this run, on the clipboard."""
        made = self.commands.command_text()
        if made is None:
            return None
        line, notes = made
        QGuiApplication.clipboard().setText(line)
        text = translate("MainWindow", "Copied: {command}").format(command=line)
        if notes:
            text += " " + translate("MainWindow", "(Also: {notes}.)").format(notes="; ".join(notes))
        self.show_message(text, 15000)
        return line

    def export_initial_weights(self, path: str | None = None) -> bool:
        """File ▸ Export initial weights…: W and W′ before step 1 (.npz) for ``trace --weights``."""
        if self.bridge.session is None:
            return False
        path = path or self.ask_save_path(
            translate("MainWindow", "Export initial weights"),
            translate("MainWindow", "NumPy archive (*.npz)"),
            "initial_weights.npz",
        )
        if not path:
            return False
        if not Path(path).suffix:
            path = str(path) + ".npz"
        return self.commands.export_initial_weights(path)
