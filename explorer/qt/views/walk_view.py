"""The guided walk panel: Next / Previous through one example's update, with captions and highlights.

Where the walk is lives in the application state (``state.walk``, :class:`~explorer.app.walk.WalkCursor`),
and Next / Previous are commands (``walk_next`` / ``walk_previous``): moving past the last item of a phase
advances the session one sub-step, moving back before the first item of a phase steps it back one phase, and
a blow-up ends like any other. The current item's quantities are highlighted in every view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from .base import View
from .mixins import ExportMixin, OnScreenMixin
from .text import InfoLine, Pinned, SteadyLabel


class WalkView(OnScreenMixin, ExportMixin, View):
    name = "walk"

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        self.phase_label = InfoLine()
        self.phase_label.setObjectName("walkPhase")
        self.caption = QLabel()
        self.caption.setObjectName("walkCaption")
        self.caption.setWordWrap(True)
        # a new caption every step must not re-lay out the window: the label fills a holder without a layout
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.caption.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.caption.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self._fit_fonts()
        row = QHBoxLayout()
        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.prev_button.setShortcut(QKeySequence(Qt.CTRL | Qt.Key_Left))
        self.next_button.setShortcut(QKeySequence(Qt.CTRL | Qt.Key_Right))
        native = QKeySequence.SequenceFormat.NativeText
        self.prev_button.setToolTip(
            self.tr("Previous part of the derivation ({key})").format(
                key=self.prev_button.shortcut().toString(native)
            )
        )
        self.next_button.setToolTip(
            self.tr("Next part of the derivation ({key})").format(
                key=self.next_button.shortcut().toString(native)
            )
        )
        self.position = SteadyLabel()
        row.addWidget(self.prev_button)
        row.addWidget(self.position, 1, Qt.AlignCenter)
        row.addWidget(self.next_button)
        lay.addWidget(self.phase_label)
        lay.addWidget(Pinned(self.caption, minimum=QSize(40, 80)), 1)
        lay.addLayout(row)
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        bridge.teachingChanged.connect(self._on_teaching)

    def _on_teaching(self) -> None:
        if self.bridge.session is not None and self.isVisible():
            self._show()

    def _fit_fonts(self) -> None:
        """A caption a quarter larger than the view's font (again after every font
        change: presentation mode enlarges them too)."""
        f = QFont(self.font())
        f.setPointSizeF(f.pointSizeF() * 1.25)
        self.caption.setFont(f)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_fonts()

    def title(self) -> str:
        return self.tr("Guided walk")

    def phase_names(self):
        return [self.tr("Forward"), self.tr("Error"), self.tr("Output update"), self.tr("Input update")]

    # -- state --------------------------------------------------------------------------------------
    @property
    def cursor(self):
        return self.bridge.state.walk

    @property
    def items(self):
        return self.cursor.items

    @property
    def index(self) -> int:
        return self.cursor.index

    def refresh(self) -> None:
        self.cursor.sync(self.bridge.session)
        self._show()

    def _on_changed(self) -> None:
        super()._on_changed()
        if not self.on_screen() and self.bridge.highlight:
            self.bridge.commands.hide_walk()  # not in view: the other panels show no walk highlight

    def _show(self) -> None:
        s = self.bridge.session
        cur = self.cursor
        it = cur.current
        if it is None:
            self.phase_label.set_runs([(self.tr("No example yet"), True, False)])
            self.caption.setText(self.tr("Press Next (or Sub-step) to start the first example."))
            self.position.setText("")
            self.prev_button.setEnabled(False)
            self.next_button.setEnabled(True)
            self.bridge.commands.hide_walk()
            return
        ask = cur.asking
        if ask is not None:  # a prediction prompt: the question now, the answer at the next press
            self.phase_label.set_runs(
                [
                    (
                        self.tr("Step {step} · {phase}: your prediction?").format(
                            step=s.record.step, phase=self.phase_names()[ask.phase_index]
                        ),
                        True,
                        False,
                    )
                ]
            )
            self.caption.setText(ask.prompt + "\n\n" + self.tr("Press Next for the answer."))
            self.position.setText("{} / {}".format(*cur.position()))
            self.prev_button.setEnabled(True)
            self.next_button.setEnabled(True)
            return
        self.phase_label.set_runs(
            [
                (
                    self.tr("Step {step} · {phase}").format(
                        step=s.record.step, phase=self.phase_names()[it.phase_index]
                    ),
                    True,
                    False,
                )
            ]
        )
        self.caption.setText(it.caption)
        self.position.setText("{} / {}".format(*cur.position()))
        self.prev_button.setEnabled(cur.index > 0 or s.can_undo())
        self.next_button.setEnabled(True)
        self.bridge.commands.show_walk()

    # -- actions ------------------------------------------------------------------------------------
    def next(self) -> None:
        """The next part of the derivation; past the last one, the next example."""
        self.bridge.commands.walk_next()
        if self.bridge.session is not None:
            self._show()

    def previous(self) -> None:
        """The previous part; before the first one, back into the previous example."""
        self.bridge.commands.walk_previous()
        if self.bridge.session is not None:
            self._show()
