"""The setup panel's fields as they are — applied or not, with their marks — and back (a window built again
after a language switch shows them as the user left them, through the application state)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox


def draft(self) -> dict:
    """What the fields hold now, applied or not (with the marks and the dirty flag)."""
    values = {}
    for key, w in self.widgets.items():
        if isinstance(w, QComboBox):
            values[key] = w.currentIndex()
        elif isinstance(w, QSpinBox):
            values[key] = w.value()
        elif isinstance(w, QCheckBox):
            values[key] = w.isChecked()
        else:
            values[key] = w.text()
    return {
        "values": values,
        "corpus": self.corpus.toPlainText(),
        "preset": self.preset.currentIndex(),
        "fmt": self.fmt.currentIndex(),
        "errors": dict(self.errors),
        "dirty": self._dirty,
    }


def restore_draft(self, draft: dict) -> None:
    """Show a :meth:`draft` again."""
    self._loading = True
    try:
        for key, value in draft["values"].items():
            w = self.widgets[key]
            if isinstance(w, QComboBox):
                w.setCurrentIndex(value)
            elif isinstance(w, QSpinBox):
                w.setValue(value)
            elif isinstance(w, QCheckBox):
                w.setChecked(value)
            else:
                w.setText(value)
        if self.corpus.toPlainText() != draft["corpus"]:
            self.corpus.setPlainText(draft["corpus"])
        self.preset.setCurrentIndex(draft["preset"])
        self.fmt.setCurrentIndex(draft["fmt"])
    finally:
        self._loading = False
    self.clear_marks()
    for key, message in draft["errors"].items():
        self.mark(key, message)
    self._set_dirty(draft["dirty"])
    self._update_relevance()
    self._update_preset_tip()
