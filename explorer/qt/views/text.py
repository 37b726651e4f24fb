"""Text that changes every step without re-laying out the window: :class:`InfoLine` (a line drawn as
it fits), :class:`SteadyLabel` (a label whose size only grows) and :class:`Pinned` (a holder without a
layout)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from .palette import HIGHLIGHT_FILL

#: characters a line may not start with (Chinese punctuation that closes or follows)
NO_LINE_START = set("，。、；：？！）》」』”’…—,.;:?!)]}")


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"


def _line_break(text: str, fit: int) -> int:
    """Where to end a line of ``text`` when its first ``fit`` characters fit: after the last space, or —
    in Chinese, which has no spaces — between any two characters, but not before closing punctuation."""
    if fit >= len(text):
        return fit
    cut = fit
    while 0 < cut and cut < len(text) and text[cut] in NO_LINE_START:
        cut -= 1
    if 0 < cut and (_is_cjk(text[cut - 1]) or _is_cjk(text[cut])):
        return cut
    space = text.rfind(" ", 0, fit + 1)
    return space if space > 0 else fit


class InfoLine(QWidget):
    """One line of text for numbers that change every step (captions, read-outs).

    Unlike a QLabel, setting its text never asks the layout for a new size (a QLabel does on every setText,
    which relayouts its view, the dock and the main window): the height is fixed, the text is drawn as it
    fits — elided at the end, the whole text in the tooltip. :meth:`set_runs` draws runs of plain, bold and
    highlighted text.
    """

    def __init__(self, parent=None, point_delta: float = 0.0, lines: int = 1):
        super().__init__(parent)
        self._runs: list[tuple[str, bool, bool]] = []
        self._lines = max(1, int(lines))
        self._point_delta = point_delta
        self._fit_font()
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        # opaque: a new text repaints this line only, not the view, dock and window behind it
        self.setAutoFillBackground(True)

    def _fit_font(self) -> None:
        """The fonts (``point_delta`` larger than the widget's, which follows the application's) and the
        fixed height, again after every font change (e.g. presentation mode: large text is not cut)."""
        normal = QFont(self.font())
        if self._point_delta:
            normal.setPointSizeF(normal.pointSizeF() + self._point_delta)
        bold = QFont(normal)
        bold.setBold(True)
        self._normal, self._bold = normal, bold
        #: the fonts' metrics, made once per font (a paint every step needs them)
        self._fm_n, self._fm_b = QFontMetricsF(normal), QFontMetricsF(bold)
        self.setFixedHeight(int(self._fm_b.lineSpacing() * self._lines + 4))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_font()
            self.update()

    def text(self) -> str:
        return "".join(r[0] for r in self._runs)

    def set_lines(self, lines: int) -> None:
        """Reserve ``lines`` lines of height (a caption shorter in one mode than in another)."""
        lines = max(1, int(lines))
        if lines != self._lines:
            self._lines = lines
            self._fit_font()

    def fit_lines(self, most: int = 2, slack: float = 40.0) -> None:
        """Reserve one line when the text fits in one with ``slack`` pixels to spare, and ``most`` when it
        does not fit (between the two nothing changes: a text that grows by a digit from one step to the next
        does not move the panel's layout)."""
        need = sum((self._fm_b if b or h else self._fm_n).horizontalAdvance(t) for t, b, h in self._runs) + 4
        if self._lines > 1 and need + slack <= self.width():
            self.set_lines(1)
        elif self._lines == 1 and need > self.width():
            self.set_lines(most)

    def setText(self, text: str) -> None:
        self.set_runs([(str(text), False, False)])

    def set_runs(self, runs) -> None:
        """``runs``: (text, bold, highlighted) pieces, drawn one after the other."""
        runs = [(str(t), bool(b), bool(h)) for t, b, h in runs]
        if runs != self._runs:
            self._runs = runs
            self.setToolTip(self.text())
            self.update()

    def sizeHint(self):
        return QSize(200, self.height())

    def _layout(self, width: float) -> list:
        """(piece, x, line, bold, highlighted) to draw, for this text and width (remembered)."""
        key = (tuple(self._runs), width, self._normal.key())
        if key == getattr(self, "_layout_key", None):
            return self._pieces
        fm_n, fm_b = self._fm_n, self._fm_b
        pieces = []
        x, line = 2.0, 0
        for text, bold, hl in self._runs:
            fm = fm_b if bold or hl else fm_n
            while text:
                room = width - x
                adv = fm.horizontalAdvance(text)  # the whole run's width: x moves by it when it fits
                if adv <= room:
                    piece, text = text, ""
                elif line + 1 < self._lines:
                    # the longest start that fits (binary search), cut at its last space if it has one
                    lo, hi = 0, len(text)
                    while lo < hi:
                        mid = (lo + hi + 1) // 2
                        if fm.horizontalAdvance(text[:mid]) <= room:
                            lo = mid
                        else:
                            hi = mid - 1
                    cut = _line_break(text, lo)
                    if cut == 0 and x <= 2.0:
                        cut = 1
                    piece, text = text[:cut], text[cut:].lstrip(" ")
                    adv = fm.horizontalAdvance(piece)
                else:
                    pieces.append((fm.elidedText(text, Qt.ElideRight, max(0.0, room)), x, line, bold, hl))
                    self._layout_key, self._pieces = key, pieces
                    return pieces
                if piece:
                    pieces.append((piece, x, line, bold, hl))
                x += adv
                if text:
                    line += 1
                    x = 2.0
        self._layout_key, self._pieces = key, pieces
        return pieces

    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.TextAntialiasing, True)
        p.setPen(self.palette().color(QPalette.WindowText))
        fm_n, fm_b = self._fm_n, self._fm_b
        line_h = fm_b.lineSpacing()
        font = None
        for piece, x, line, bold, hl in self._layout(self.width() - 4):
            fm = fm_b if bold or hl else fm_n
            if fm is not font:  # a font set once per run of the same weight
                font = fm
                p.setFont(self._bold if bold or hl else self._normal)
            top = 2 + line * line_h
            if hl:
                p.fillRect(QRectF(x - 1, top, fm.horizontalAdvance(piece) + 2, line_h), HIGHLIGHT_FILL)
            p.drawText(QPointF(x, top + fm.ascent()), piece)
        p.end()


class SteadyLabel(QLabel):
    """A QLabel for short text that changes every step (counters in the tool bar and the status bar).

    A QLabel asks for a new layout on every new text, and Qt passes that request up through its view, the
    dock and the main window, which then lays out and repaints far more than the label. This one has a fixed
    size that only grows — by the room of a few more characters at a time — when a text needs more, so a new
    count repaints the label alone. A font change fits it anew.
    """

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._fit(shrink=True)

    def setText(self, text: str) -> None:
        if text != self.text():
            super().setText(text)
            self._fit()

    def _needed(self) -> QSize:
        """The size the text needs (QLabel.sizeHint cannot say: it never answers less than the minimum)."""
        br = self.fontMetrics().boundingRect(
            QRect(0, 0, 100_000, 1000), int(self.alignment()) | Qt.TextFlag.TextSingleLine, self.text() or " "
        )
        m = self.contentsMargins()
        extra = 2 * self.margin()
        return QSize(br.width() + m.left() + m.right() + extra, br.height() + m.top() + m.bottom() + extra)

    def _fit(self, shrink: bool = False) -> None:
        need = self._needed()
        if shrink or need.width() > self.maximumWidth() or need.height() != self.maximumHeight():
            self.setFixedSize(need.width() + self.fontMetrics().horizontalAdvance("000"), need.height())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit(shrink=True)


class Pinned(QWidget):
    """Holds one widget that fills it, without a layout: the child's requests for a new size stop here.

    For a word-wrapped label whose text changes every step (the guided walk's caption): it takes the room
    the view gives it (``hint``, at least ``minimum``), and a new text repaints the label only.
    """

    def __init__(
        self, child: QWidget, hint: QSize = QSize(200, 80), minimum: QSize = QSize(40, 40), parent=None
    ):
        super().__init__(parent)
        self.child = child
        child.setParent(self)
        self._hint, self._minimum = QSize(hint), QSize(minimum)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def sizeHint(self) -> QSize:
        return self._hint

    def minimumSizeHint(self) -> QSize:
        return self._minimum

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.child.setGeometry(self.rect())
