"""The corpus editor's content: the whole corpus when it is small, else a read-only preview.

The policy (limits, the preview's shape) is :mod:`explorer.session.corpus_display`'s; this only applies it
to a ``QPlainTextEdit`` and remembers the whole text next to it, so the session is built from the corpus,
never from the preview.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from ..session.corpus_display import corpus_display

_FULL = "_w2v_full_corpus"  # attribute on the editor: the whole text while a preview is shown


def set_corpus_text(editor: QPlainTextEdit, text: str) -> None:
    """Show ``text`` in ``editor``: whole and editable, or as a read-only preview of a large corpus."""
    shown, editable = corpus_display(text)
    setattr(editor, _FULL, None if editable else text)
    editor.setReadOnly(not editable)
    editor.setPlainText(shown)


def corpus_text(editor: QPlainTextEdit) -> str:
    """The corpus the editor stands for (the whole text, also while a preview is shown)."""
    full = getattr(editor, _FULL, None)
    return editor.toPlainText() if full is None else full


def is_preview(editor: QPlainTextEdit) -> bool:
    return getattr(editor, _FULL, None) is not None
