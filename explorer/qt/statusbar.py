"""The status bar: the counters (step, epoch, E, η), a long run's progress with Cancel, and the messages.

Problems reach the user one way (:meth:`StatusBar.show_problem`): a one-line message in the status bar and a
non-modal box — one box for blow-ups, reused, so a repeated blow-up does not pile up windows.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressBar, QPushButton

from ..app.readout import step_position
from ..app.state import RUNNING, Problem
from . import style
from .views.text import SteadyLabel

#: the texts keep the context they had in the main window (lupdate finds these calls)
translate = QCoreApplication.translate


class StatusBar(QObject):
    """Fills ``window.statusBar()``; the window keeps references to the widgets (``status_step``, …)."""

    def __init__(self, window, cancel):
        super().__init__(window)
        self.w = window
        sb = window.statusBar()
        # steady labels: a new count every step repaints the label, not the whole window (see SteadyLabel)
        self.step, self.epoch, self.loss, self.lr = SteadyLabel(), SteadyLabel(), SteadyLabel(), SteadyLabel()
        self.step.setToolTip(translate("MainWindow", "Completed steps"))
        self.epoch.setToolTip(translate("MainWindow", "The epoch of the next step"))
        self.loss.setToolTip(
            translate(
                "MainWindow",
                "E, the loss of the current example (before its update); at step 0 the "
                "mean loss over the training set",
            )
        )
        self.lr.setToolTip(
            translate(
                "MainWindow",
                "η, the learning rate of the next step; in brackets the η the "
                "step shown used (reference mode decays η linearly)",
            )
        )
        self.progress = QProgressBar()
        self.progress.setObjectName("runProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setToolTip(translate("MainWindow", "Progress of the run in the background"))
        self.cancel_button = QPushButton(translate("MainWindow", "Cancel"))
        self.cancel_button.setObjectName("cancelRun")
        self.cancel_button.setToolTip(translate("MainWindow", "Stop the run; the steps done so far are kept"))
        self.cancel_button.clicked.connect(cancel)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        for wd in (self.progress, self.cancel_button, self.step, self.epoch, self.loss, self.lr):
            sb.addPermanentWidget(wd)
        self.blowup_box: QMessageBox | None = None

    # -- counters -----------------------------------------------------------------------------------
    def update_counters(self, s) -> None:
        if s is None:
            return
        k, _n = step_position(s)
        self.step.setText(translate("MainWindow", "Step {step}").format(step=k))
        self.epoch.setText(translate("MainWindow", "Epoch {epoch}").format(epoch=s.epoch + 1))
        rec = s.record
        if rec is not None:
            self.loss.setText(translate("MainWindow", "E = {loss:.4g}").format(loss=rec.loss))
        else:
            e0 = s.epoch_losses.get(0)
            self.loss.setText(
                translate("MainWindow", "E = {loss:.4g}").format(loss=e0) if e0 is not None else ""
            )
        # the η this step used (reference mode decays it), when it is not the base η of the next step
        used = rec.lr if rec is not None else None
        if used is not None and f"{used:.4g}" != f"{s.lr:.4g}":
            self.lr.setText(
                translate("MainWindow", "η = {lr:g} (this step: {used:.4g})").format(lr=s.lr, used=used)
            )
        else:
            self.lr.setText(translate("MainWindow", "η = {lr:g}").format(lr=s.lr))

    def clear_counters(self) -> None:
        for lab in (self.step, self.epoch, self.loss, self.lr):
            lab.setText("")

    def show_status(self, status) -> None:
        """A long run: the progress bar and Cancel while it lasts."""
        busy = status.kind == RUNNING
        if status.loading:  # a new session being built: what and the stage it is in, percent done
            text = status.what[len("load:") :]
            self.w.statusBar().showMessage(f"{text} {status.stage}" if status.stage else text)
            self.progress.setRange(0, max(status.total, 0))
            self.progress.setValue(min(status.done, status.total))
            self.progress.setFormat("%p%")
            self.cancel_button.setEnabled(True)
        elif busy and status.done == 0 and status.total == 0:
            self.progress.setRange(0, 0)  # busy indicator until the first progress report
            self.w.statusBar().showMessage(translate("MainWindow", "Running in the background…"))
            self.cancel_button.setEnabled(True)
        elif busy and status.total > 0:
            self.progress.setRange(0, status.total)
            self.progress.setValue(min(status.done, status.total))
            self.progress.setFormat(translate("MainWindow", "%v of %m steps"))
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    # -- messages -----------------------------------------------------------------------------------
    def show_message(self, text: str, ms: int = 8000) -> None:
        self.w.statusBar().showMessage(text, ms)

    def hint_missing_font(self, session) -> None:
        """Say once which font package to install when the corpus has CJK characters no font draws (after
        Apply's or Open's own message)."""
        hint = style.missing_font_hint("".join(session.model.words)) if session is not None else ""
        if hint:
            QTimer.singleShot(0, self, lambda: self.show_message(hint, 30000))

    def show_problem(self, problem: Problem) -> None:
        if problem.kind == "blowup":
            self.w.statusBar().showMessage(problem.text, 30000)
            box = self.blowup_box
            if box is None:
                box = QMessageBox(
                    QMessageBox.Icon.Warning,
                    translate("MainWindow", "Training blew up"),
                    problem.text,
                    QMessageBox.StandardButton.Ok,
                    self.w,
                )
                box.setWindowModality(Qt.WindowModality.NonModal)
                self.blowup_box = box
            box.setText(problem.text)
            box.show()
            return
        self.w.statusBar().showMessage(problem.text, 15000)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("MainWindow", "Problem"),
            problem.text,
            QMessageBox.StandardButton.Ok,
            self.w,
        )
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
