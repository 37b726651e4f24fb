"""The File menu's actions of the main window: open a corpus or a session, save, export data, a plot or the
whole window. Each asks for a path (tests replace :meth:`FileActions.ask_open_path` / ``ask_save_path``) and
goes through the window's commands, so a bad file ends like any other problem: one line, the session kept."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from ..engine.corpus import read_text_file
from ..errors import ExplorerError
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

    def open_corpus(self, path: str | None = None) -> bool:
        if self.is_busy():
            return False
        path = path or self.ask_open_path(translate("MainWindow", "Open corpus"),
                                          translate("MainWindow", "Text files (*.txt *.text *.csv);;All files (*)"))
        if not path:
            return False
        with self.working(translate("MainWindow", "Reading {path}…").format(path=path)):
            ok, text = self.commands.call(read_text_file, path, path=path)
        if not ok:
            return False
        self.setup_panel.load_text(text)
        self.apply_setup()
        return self.setup_panel.is_dirty() is False

    def open_session(self, path: str | None = None) -> bool:
        if self.is_busy():
            return False
        path = path or self.ask_open_path(translate("MainWindow", "Open session"),
                                          translate("MainWindow", "Explorer sessions (*.w2vx);;All files (*)"))
        if not path:
            return False
        with self.working(translate("MainWindow", "Opening {path}…").format(path=path)):
            ok = self.commands.open_session(path)
        if ok:
            self.setup_panel.show_session(self.session)
        return ok

    def save_session(self) -> bool:
        if self.state.session_path:
            return self.commands.save_session(self.state.session_path)
        return self.save_session_as()

    def save_session_as(self, path: str | None = None) -> bool:
        if self.bridge.session is None:
            return False
        path = path or self.ask_save_path(translate("MainWindow", "Save session"), translate("MainWindow", "Explorer sessions (*.w2vx)"),
                                          (self.session.name or "session") + ".w2vx")
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
        filters = {"vectors": translate("MainWindow", "word2vec text (*.txt *.vec);;word2vec binary (*.bin)"),
                   "weights": translate("MainWindow", "NumPy archive (*.npz)"),
                   "trace": translate("MainWindow", "JSON Lines (*.jsonl)"),
                   "loss": translate("MainWindow", "CSV (*.csv)")}[kind]
        suffix = {"vectors": ".txt", "weights": ".npz", "trace": ".jsonl", "loss": ".csv"}[kind]
        path = path or self.ask_save_path(translate("MainWindow", "Export"), filters, (s.name or "session") + suffix)
        return bool(path) and self.commands.export(kind, path)

    def export_plot(self, view, path: str | None = None) -> bool:
        path = path or self.ask_save_path(translate("MainWindow", "Export plot"), translate("MainWindow", "PNG image (*.png);;SVG image (*.svg)"),
                                          f"{view.name}.png")
        if not path:
            return False
        if Path(path).suffix.lower() not in (".png", ".svg"):
            path = str(path) + ".png"

        def export():
            try:
                view.export(path)
            except (OSError, ValueError) as exc:
                raise ExplorerError(translate("MainWindow", "Cannot export the plot: {reason}").format(reason=exc)) from exc

        if not self.commands.call(export)[0]:
            return False
        self.show_message(translate("MainWindow", "Wrote {path}.").format(path=path))
        return True

    def export_window(self, path: str | None = None) -> bool:
        path = path or self.ask_save_path(translate("MainWindow", "Export window"), translate("MainWindow", "PNG image (*.png)"), "explorer.png")
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
        path = path or self.ask_open_path(translate("MainWindow", "Compare with my trace"),
                                          translate("MainWindow", "JSON Lines (*.jsonl *.json *.txt);;All files (*)"))
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
        path = path or self.ask_save_path(translate("MainWindow", "Export initial weights"),
                                          translate("MainWindow", "NumPy archive (*.npz)"), "initial_weights.npz")
        if not path:
            return False
        if not Path(path).suffix:
            path = str(path) + ".npz"
        return self.commands.export_initial_weights(path)
