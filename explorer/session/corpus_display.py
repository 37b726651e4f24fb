"""How much of a corpus the app's text editor is given (no Qt here; explorer/qt/corpus_text.py applies it).

A text widget lays out every line it holds, at once, on the event loop: a corpus that is one 1 MB word took
188 s in ``QPlainTextEdit.setPlainText`` and 5 million blank lines 17.8 s (issue 17). So a corpus within
the editing limits below is shown whole and editable; a larger one is shown read-only as a preview — its
first :data:`PREVIEW_LINES` lines, each cut at :data:`PREVIEW_LINE_CHARS` characters — while the session
trains on the whole text. To change such a corpus, edit the file and open it again.
"""

from __future__ import annotations

#: a corpus is editable in the app up to this many characters, lines, and characters in one line
EDIT_MAX_CHARS = 512 * 1024
EDIT_MAX_LINES = 20_000
EDIT_MAX_LINE_CHARS = 2_000
#: the read-only preview of a larger corpus
PREVIEW_LINES = 2_000
PREVIEW_LINE_CHARS = 500


def is_editable(text: str) -> bool:
    """Whether ``text`` is small enough to hand to a text widget whole."""
    if len(text) > EDIT_MAX_CHARS or text.count("\n") >= EDIT_MAX_LINES:
        return False
    return max((len(line) for line in text.split("\n")), default=0) <= EDIT_MAX_LINE_CHARS


def preview(text: str) -> str:
    """The first lines of ``text``, long lines cut, and a last line saying what is not shown."""
    lines = []
    start = 0
    for _ in range(PREVIEW_LINES):
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        lines.append(line if len(line) <= PREVIEW_LINE_CHARS else line[:PREVIEW_LINE_CHARS] + " …")
        if end < 0:
            break
        start = end + 1
    else:
        lines.append("…")
    return "\n".join(lines)


def corpus_display(text: str) -> tuple[str, bool]:
    """(the text to show, whether it is the whole corpus and may be edited)."""
    if is_editable(text):
        return text, True
    return preview(text), False
