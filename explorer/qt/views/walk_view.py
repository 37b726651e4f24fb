"""The guided walk panel: Next / Previous through one example's update, with captions and highlights.

Moving past the last item of a phase advances the session one sub-step (forward → error → output update
→ input update); moving back before the first item of a phase steps the session back one phase. The
current item's quantities are highlighted in every view through ``bridge.set_highlight``.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from ...engine.model import PHASES
from ..walk import walk_items
from .base import View
from .common import ExportMixin, InfoLine, OnScreenMixin, Pinned, SteadyLabel


class WalkView(OnScreenMixin, ExportMixin, View):
    name = "walk"

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        self.items = []
        self.index = 0
        self._key = None
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
        self.prev_button.setToolTip(self.tr("Previous part of the derivation ({key})").format(
            key=self.prev_button.shortcut().toString(native)))
        self.next_button.setToolTip(self.tr("Next part of the derivation ({key})").format(
            key=self.next_button.shortcut().toString(native)))
        self.position = SteadyLabel()
        row.addWidget(self.prev_button)
        row.addWidget(self.position, 1, Qt.AlignCenter)
        row.addWidget(self.next_button)
        lay.addWidget(self.phase_label)
        lay.addWidget(Pinned(self.caption, minimum=QSize(40, 80)), 1)
        lay.addLayout(row)
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)

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
    def _session_phase(self) -> int:
        s = self.bridge.session
        return -1 if s.phase is None else PHASES.index(s.phase)

    def _sync(self, prefer_last: bool = False) -> None:
        """Rebuild items when the record changed; keep the index inside the session's phase."""
        s = self.bridge.session
        rec = s.record
        key = None if rec is None else (id(s), rec.step, rec.loss, rec.lr)
        if key != self._key:
            self._key = key
            self.items = walk_items(rec) if rec is not None else []
            self.index = 0
        if not self.items:
            return
        ph = self._session_phase()
        if self.items[self.index].phase_index != ph:
            idx = [i for i, it in enumerate(self.items) if it.phase_index == ph]
            if idx:
                self.index = idx[-1] if prefer_last else idx[0]

    def refresh(self) -> None:
        self._sync()
        self._show()

    def _on_changed(self) -> None:
        super()._on_changed()
        if not self.on_screen() and self.bridge.highlight:
            self.bridge.set_highlight(())  # the walk is not in view: the other panels show no walk highlight

    def _show(self) -> None:
        s = self.bridge.session
        if not self.items:
            self.phase_label.set_runs([(self.tr("No example yet"), True, False)])
            self.caption.setText(self.tr("Press Next (or Sub-step) to start the first example."))
            self.position.setText("")
            self.prev_button.setEnabled(False)
            self.next_button.setEnabled(True)
            if self.bridge.highlight:
                self.bridge.set_highlight(())
            return
        it = self.items[self.index]
        self.phase_label.set_runs([(self.tr("Step {step} · {phase}").format(
            step=s.record.step, phase=self.phase_names()[it.phase_index]), True, False)])
        self.caption.setText(it.caption)
        self.position.setText(f"{self.index + 1} / {len(self.items)}")
        self.prev_button.setEnabled(self.index > 0 or s.can_undo())
        self.next_button.setEnabled(True)
        if self.bridge.highlight != it.highlight:
            self.bridge.set_highlight(it.highlight)

    # -- rebuilding the window (a language switch) ----------------------------------------------------
    def view_state(self):
        """Where the walk is (the new window of a language switch continues from here)."""
        return {"key": self._key, "index": self.index}

    def restore_view_state(self, state) -> None:
        if self.bridge.session is None or not state:
            return
        self._sync()
        if state.get("key") == self._key and 0 <= state.get("index", -1) < len(self.items) \
                and self.items[state["index"]].phase_index == self._session_phase():
            self.index = state["index"]
        self._show()

    # -- actions ------------------------------------------------------------------------------------
    def next(self) -> None:
        """The next part of the derivation; past the last one, the next example."""
        s = self.bridge.session
        self._sync()
        if self.items and self.index + 1 < len(self.items):
            target = self.index + 1
            while s.pending is not None and self._session_phase() < self.items[target].phase_index:
                s.sub_step()
            self._sync()
            self.index = target
        else:
            s.sub_step()  # the next example's forward phase
            self._sync()
        self._show()

    def previous(self) -> None:
        """The previous part; before the first one, back into the previous example."""
        s = self.bridge.session
        self._sync()
        if self.items and self.index > 0:
            target = self.index - 1
            if self.items[target].phase_index < self._session_phase():
                s.sub_step_back()
            self._sync()
            self.index = target
        elif s.can_undo():
            s.sub_step_back()
            self._sync(prefer_last=True)
        self._show()
