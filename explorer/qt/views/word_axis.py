"""An axis that labels positions with words, fast (see :class:`WordAxis`)."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import pyqtgraph as pg
from pyqtgraph import Point
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

#: the colour of the targets' words (the marks)
MARK_COLOR = "#b4230f"
#: axis pictures kept (the words and ranges an axis shows come back: the same examples each epoch; and axes
#: of the same size showing the same words, as the inspector's u and t, share them)
PICTURES = 384
_pictures: OrderedDict = OrderedDict()


class WordAxis(pg.AxisItem):
    """An axis that labels positions i + offset with words, fast.

    pyqtgraph's general tick code (levels, spacing, text measuring) is the slowest part of redrawing a small
    plot whose words change every step (the terms of hierarchical softmax, the inputs of a step). Here the
    words are placed directly, from the axis' length and the font in use (so presentation mode's larger
    text thins them as it must):

    - every word when all fit; otherwise an evenly spread subset — every k-th word for the smallest k whose
      labels do not overlap — and the others on hover (the views' tips name every bar and row);
    - the words at ``always`` are labelled whatever the space (the labels of the subset that would overlap
      them are left out); those at ``marks`` (the targets) are also drawn in bold in the accent colour.

    Without words (``set_words(None)``) it is an ordinary numeric axis; words "0", "1", … (components) are
    labelled in levels (multiples of 10, 5, 2, then all), a level only when all of it fits.

    What it draws is kept: the bounding rect until the axis' size or style changes, and the last
    :data:`PICTURES` pictures of all word axes by what they depend on (side, words, range, size, style, pens),
    so an axis showing words and a range it or an axis like it showed before (the inputs of an example seen
    last epoch; u's words on t) draws the picture made then instead of working out and laying out its labels
    again."""

    GAP = 4.0

    def __init__(self, orientation, **kw):
        super().__init__(orientation, **kw)
        self._words = None
        self._wkey = None
        self._widths: dict = {}
        self._font_key = None
        #: widen a vertical axis to the longest word whenever the words or the font change
        self.fit_words = False
        #: what the last paint labelled: indices of the words drawn (for tests and the views' hover)
        self.drawn: list[int] = []
        self._br = None
        self._text_sizes: list | None = None

    def set_words(self, words, offset: float = 0.0, marks=(), always=()) -> None:
        """Label position i + ``offset`` with ``words[i]``; ``marks``: indices drawn emphasised and always
        labelled; ``always``: indices labelled whatever the space (``None`` words: a numeric axis)."""
        if words is None:
            key = None
        else:
            marks = tuple(sorted({int(i) for i in marks}))
            key = (
                tuple(map(str, words)),
                float(offset),
                marks,
                tuple(sorted({int(i) for i in always} | set(marks))),
            )
        if key == self._wkey:
            return
        self._wkey = key
        self._words = key
        self.picture = None
        if self.fit_words and key is not None:
            self._fit()
        self.update()

    def setStyle(self, **kwds):
        self._br = None
        super().setStyle(**kwds)
        if "tickFont" in kwds and self.fit_words and self._words is not None:
            self._fit()

    def setTickFont(self, font):
        self._br = None
        super().setTickFont(font)

    def resizeEvent(self, ev=None):
        self._br = None
        super().resizeEvent(ev)

    def boundingRect(self):
        # asked for several times per item and paint: kept until the size or the style changes (with a grid
        # it follows the linked view: worked out each time)
        if self.grid is not False:
            return super().boundingRect()
        if self._br is None:
            self._br = super().boundingRect()
        return QRectF(self._br)

    def _picture_key(self):
        """What the axis' picture depends on (None: not kept)."""
        if self.grid is not False:
            return None
        st = self.style
        font = st.get("tickFont")
        size = self.size()
        return (
            self.orientation,
            self._words,
            tuple(self.range),
            size.width(),
            size.height(),
            font.key() if font is not None else None,
            repr(sorted((k, v) for k, v in st.items() if k != "tickFont")),
            tuple(_pen_key(pen) for pen in (self.pen(), self.textPen(), self.tickPen())),
            repr(self._tickLevels),
            repr(self._tickSpacing),
            self._tickDensity,
            tuple(self.logMode) if isinstance(self.logMode, (list, tuple)) else self.logMode,
            self.scale,
            self.autoSIPrefix,
            self.labelUnits,
        )

    def paint(self, p, opt, widget):
        if self.picture is None:
            key = self._picture_key()
            kept = _pictures.get(key) if key is not None else None
            if kept is not None:
                _pictures.move_to_end(key)
                picture, drawn, sizes = kept
                for x in sizes:  # the text size the axis is sized by, as when the picture was made
                    self._updateMaxTextSize(x)
                self.picture, self.drawn = picture, list(drawn)
            else:
                self._text_sizes = sizes = []
                try:
                    super().paint(p, opt, widget)
                finally:
                    self._text_sizes = None
                if key is not None and self.picture is not None:
                    _pictures[key] = (self.picture, list(self.drawn), sizes)
                    while len(_pictures) > PICTURES:
                        _pictures.popitem(last=False)
                return
        self.picture.play(p)

    def _updateMaxTextSize(self, x):
        if self._text_sizes is not None:
            self._text_sizes.append(x)
        super()._updateMaxTextSize(x)

    def _fit(self) -> None:
        if self.orientation not in ("left", "right"):
            return
        fm = self._metrics(bold=True)
        longest = max((fm.horizontalAdvance(w) for w in self._words[0]), default=0.0)
        w = int(min(200, longest + 16))
        if w != self.width():
            self.setWidth(w)

    def _metrics(self, bold: bool = False) -> QFontMetricsF:
        font = QFont(self.style.get("tickFont") or QFont())
        if bold:
            font.setBold(True)
        return QFontMetricsF(font)

    def _size(self, fm, text):
        key = fm.height()
        if key != self._font_key:
            self._widths.clear()
            self._font_key = key
        wh = self._widths.get(text)
        if wh is None:
            if len(self._widths) > 5000:
                self._widths.clear()
            wh = self._widths[text] = (fm.horizontalAdvance(text) + 2, fm.height())  # words have descenders
        return wh

    def _sizes(self, words, marks):
        """Widths and heights of the words' labels (the marks' in bold), as arrays; kept while the words, the
        marks and the font stay the same."""
        fm = self._metrics()
        key = (words, marks, fm.height(), self.style.get("tickFont"))
        if getattr(self, "_sizes_key", None) != key:
            wh = [self._size(fm, w) for w in words]
            if marks:
                bold = self._metrics(bold=True)
                for i in marks:
                    if 0 <= i < len(words):
                        wh[i] = (bold.horizontalAdvance(words[i]) + 2, bold.height())
            arr = np.array(wh, dtype=np.float64).reshape(-1, 2)
            self._sizes_key, self._sizes_wh = key, (arr[:, 0], arr[:, 1])
        return self._sizes_wh

    def generateDrawSpecs(self, p):
        if self._words is None:
            self.drawn = []
            return super().generateDrawSpecs(p)
        words, off, marks, always = self._words
        bounds = self.mapRectFromParent(self.geometry())
        vertical = self.orientation in ("left", "right")
        r0, r1 = self.range
        dif = r1 - r0
        length = bounds.height() if vertical else bounds.width()
        if dif == 0 or length <= 0:
            return None
        # value → local coordinate, as pyqtgraph's AxisItem (an inverted view has a reversed range)
        if vertical:
            scale = -bounds.height() / dif
            shift = r0 * scale - bounds.height()
        else:
            scale = bounds.width() / dif
            shift = r0 * scale
        lo, hi = sorted((r0 * scale - shift, r1 * scale - shift))
        span, edge, sign = self._axis_line(bounds)
        tick_len = self.style["tickLength"]
        tick_pen = self.tickPen()
        text_off = max(0, tick_len) + self.style["tickTextOffset"][0 if vertical else 1]
        ws, hs = self._sizes(words, marks)
        # the axis' depth follows the words' size (pyqtgraph sizes the axis from the text it last drew)
        self._updateMaxTextSize(float((ws if vertical else hs).max(initial=0.0)))
        xs = (np.arange(len(words)) + off) * scale - shift
        shown = np.flatnonzero((xs >= lo - 0.5) & (xs <= hi + 0.5))
        # where each label is centred: at its position, moved inwards as far as it would stick out past an
        # end of the axis (the first and last words are labelled too, not cut)
        half = (hs if vertical else ws) / 2
        at = np.where(hi - lo >= 2 * half, np.clip(xs, lo + half, np.maximum(hi - half, lo + half)), xs)
        e0, e1 = at - half, at + half
        if _is_numeric(words):
            ok = [int(i) for i in shown if e0[i] >= lo - 2.0 and e1[i] <= hi + 2.0]
            labelled = _numeric_labels(ok, e0, e1, self.GAP)
        else:
            visible = set(shown.tolist())
            labelled = _spread_labels(
                shown, [i for i in always if i in visible], e0, e1, self.GAP, abs(scale)
            )
        # a tick per word, or (words under 3 px apart: a solid bar of ticks) per labelled word
        ticked = shown.tolist() if abs(scale) >= 3 else sorted(labelled)
        if vertical:
            ticks = [(tick_pen, QPointF(edge, xs[i]), QPointF(edge + sign * tick_len, xs[i])) for i in ticked]
        else:
            ticks = [(tick_pen, QPointF(xs[i], edge), QPointF(xs[i], edge + sign * tick_len)) for i in ticked]
        marked = set(marks)
        texts = []
        for i in labelled:
            rect, flags = self._label_rect(edge, text_off, float(at[i]), float(ws[i]), float(hs[i]))
            texts.append((rect, flags | Qt.TextDontClip, words[i], i in marked))
        self.drawn = sorted(labelled)
        return (self.pen(), span[0], span[1]), ticks, texts

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):
        """pyqtgraph's drawing, with the marked words in bold and the accent colour."""
        plain = [t[:3] for t in textSpecs if len(t) < 4 or not t[3]]
        super().drawPicture(p, axisSpec, tickSpecs, plain)
        bold = [t[:3] for t in textSpecs if len(t) > 3 and t[3]]
        if bold:
            font = QFont(self.style.get("tickFont") or QFont())
            font.setBold(True)
            p.setFont(font)
            p.setPen(QColor(MARK_COLOR))
            for rect, flags, text in bold:
                p.drawText(rect, int(flags), text)

    def _axis_line(self, bounds):
        """The axis line's two ends, the edge the ticks start from and the side they point to (±1)."""
        o = self.orientation
        if o == "left":
            span = (
                Point(bounds.right() - 1, bounds.top() - 1),
                Point(bounds.right() - 1, bounds.bottom() + 1),
            )
            return span, bounds.right(), -1
        if o == "right":
            span = (Point(bounds.left() + 1, bounds.top() - 1), Point(bounds.left() + 1, bounds.bottom() + 1))
            return span, bounds.left(), 1
        if o == "top":
            span = (
                Point(bounds.left() - 1, bounds.bottom() - 1),
                Point(bounds.right() + 1, bounds.bottom() - 1),
            )
            return span, bounds.bottom(), -1
        span = (Point(bounds.left() - 1, bounds.top() + 1), Point(bounds.right() + 1, bounds.top() + 1))
        return span, bounds.top(), 1

    def _label_rect(self, edge, text_off, x, w, h):
        """The rect and alignment of a w × h label at position x along the axis."""
        o = self.orientation
        if o == "left":
            return QRectF(edge - text_off - w, x - h / 2, w, h), Qt.AlignRight | Qt.AlignVCenter
        if o == "right":
            return QRectF(edge + text_off, x - h / 2, w, h), Qt.AlignLeft | Qt.AlignVCenter
        if o == "top":
            return QRectF(x - w / 2, edge - text_off - h, w, h), Qt.AlignHCenter | Qt.AlignBottom
        return QRectF(x - w / 2, edge + text_off, w, h), Qt.AlignHCenter | Qt.AlignTop


def _pen_key(pen):
    return (pen.color().rgba(), pen.widthF(), int(pen.style().value), pen.isCosmetic())


def _is_numeric(words) -> bool:
    return words == tuple(str(i) for i in range(len(words)))


def _numeric_labels(shown, e0, e1, gap) -> list[int]:
    """Components 0, 1, …: multiples of 10, then of 5, 2, then the rest; a level is shown only when all of
    it fits, so the labels shown are evenly spaced."""
    level = {i: 0 if i % 10 == 0 else 1 if i % 5 == 0 else 2 if i % 2 == 0 else 3 for i in shown}
    placed: list[int] = []
    for lv in range(4):
        trial = sorted(placed + [i for i in shown if level[i] == lv], key=lambda i: e0[i])
        if any(e0[b] < e1[a] + gap for a, b in zip(trial, trial[1:])):
            break
        placed = trial
    return placed


def _spread_labels(shown, fixed, e0, e1, gap, pitch) -> list[int]:
    """The words ``fixed`` (those that overlap an earlier one left out), then every k-th of ``shown`` for
    the smallest k whose labels (extents ``e0``..``e1`` along the axis) overlap neither each other nor the
    fixed ones (those that would are left out; so are the first or last of them when only they overlap,
    having been moved inwards)."""
    placed: list[int] = []
    for i in fixed:
        if not any(e0[i] < e1[j] + gap and e0[j] < e1[i] + gap for j in placed):
            placed.append(int(i))
    free = np.asarray(shown, dtype=np.int64)
    for j in placed:
        free = free[~((e0[free] < e1[j] + gap) & (e0[j] < e1[free] + gap))]
    if not len(free):
        return placed
    # consecutive labels k apart are k·pitch pixels apart: k starts where the smallest two would fit
    least = float((e1[free] - e0[free]).min())
    k0 = max(1, int((least + gap) // max(pitch, 1e-9)))
    n = len(shown)
    for k in range(min(k0, n), n + 1):
        cand = free[free % k == 0]
        cand = cand[np.argsort(e0[cand], kind="stable")]
        bad = np.flatnonzero(e0[cand[1:]] < e1[cand[:-1]] + gap)
        # a label at an end, moved inwards, may touch its neighbour: that end's label is left out
        if len(bad) and set(bad.tolist()) <= {0, len(cand) - 2}:
            if bad[0] == 0:
                cand = cand[1:]
            if len(cand) > 1 and e0[cand[-1]] < e1[cand[-2]] + gap:
                cand = cand[:-1]
            bad = bad[:0]
        if not len(bad):
            return placed + cand.tolist()
    return placed
