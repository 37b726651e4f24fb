"""Nearest neighbours of the selected word by cosine similarity of the input vectors (rows of W)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout

from ...app.readout import step_position
from ...engine import geometry
from .base import View
from .mixins import ExportMixin, OnScreenMixin
from .table import ArrayTableModel, table_view
from .text import InfoLine


class NeighboursView(OnScreenMixin, ExportMixin, View):
    name = "neighbours"

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Word:")))
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.NoInsert)
        self.combo.completer().setCompletionMode(QCompleter.PopupCompletion)
        self.combo.completer().setFilterMode(Qt.MatchContains)
        self.combo.setToolTip(self.tr("The word whose nearest neighbours are listed (type to search)"))
        self.combo.setMinimumContentsLength(10)
        self.combo.currentIndexChanged.connect(self._combo_changed)
        bar.addWidget(self.combo, 1)
        bar.addWidget(QLabel(self.tr("k:")))
        self.k_box = QSpinBox()
        self.k_box.setRange(1, 100)
        self.k_box.setValue(10)
        self.k_box.setToolTip(self.tr("How many neighbours to list"))
        self.k_box.valueChanged.connect(lambda _v: self.refresh())
        bar.addWidget(self.k_box)
        lay.addLayout(bar)
        self.caption = InfoLine(lines=2)
        lay.addWidget(self.caption)
        self.model = ArrayTableModel(self)
        self.table = table_view(self.model)
        self.table.doubleClicked.connect(self._row_activated)
        self.table.setToolTip(self.tr("Double-click a word to select it"))
        lay.addWidget(self.table, 1)
        bridge.selectedWordChanged.connect(self._selected_changed)
        self._filling = False
        self.ids = np.zeros(0, dtype=np.int64)
        self.sims = np.zeros(0)
        if bridge.session is not None:
            self.rebuild()
        # what the user sets here is kept in the application state (a rebuilt window shows it again)
        self.bind_option("k", self.k_box)

    def title(self) -> str:
        return self.tr("Nearest neighbours")

    def rebuild(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        self._filling = True
        self.combo.clear()
        self.combo.addItems(list(s.model.words))
        self._filling = False
        self.k_box.setMaximum(max(1, s.model.V - 1))
        self._sync_combo()

    def _sync_combo(self) -> None:
        i = self.combo.findText(self.bridge.selected_word, Qt.MatchExactly)
        if i >= 0 and i != self.combo.currentIndex():
            self._filling = True
            self.combo.setCurrentIndex(i)
            self._filling = False

    def word_index(self) -> int | None:
        s = self.bridge.session
        if s is None:
            return None
        return s.model.vocab.index.get(self.bridge.selected_word)

    def refresh(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        if self.combo.count() != s.model.V:
            self.rebuild()
        self._sync_combo()
        i = self.word_index()
        h = [self.tr("rank"), self.tr("word"), self.tr("cosine similarity")]
        tips = ["", "", self.tr("cos(v_a, v_b) = v_a\u1d40v_b / (|v_a| |v_b|), input vectors (rows of W)")]
        if i is None:
            self.ids, self.sims = np.zeros(0, dtype=np.int64), np.zeros(0)
            self.model.set_columns(h, [[], [], []], tips)
            self.caption.setText(self.tr("Select a word."))
            return
        self.ids, self.sims = geometry.cosine_neighbours(s.params.W, i, self.k_box.value())
        words = s.model.words
        self.model.set_columns(
            h,
            [np.arange(1, len(self.ids) + 1), [words[j] for j in self.ids], self.sims.astype(np.float64)],
            tips,
        )
        self.caption.setText(
            self.tr("Closest to \u201c{w}\u201d by cosine of input vectors v_w, at step {k}").format(
                w=words[i], k=step_position(s)[0]
            )
        )

    # -- selection sync -----------------------------------------------------------------------------
    def _combo_changed(self, _index: int) -> None:
        if self._filling:
            return
        word = self.combo.currentText()
        s = self.bridge.session
        if s is not None and word in s.model.vocab.index:
            self.bridge.select_word(word)

    def _selected_changed(self, _word: str) -> None:
        self._sync_combo()
        self._on_changed()

    def _row_activated(self, index) -> None:
        if 0 <= index.row() < len(self.ids):
            self.bridge.select_word(self.bridge.session.model.words[int(self.ids[index.row()])])
