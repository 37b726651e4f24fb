"""An axis that labels positions with words, fast (see :class:`WordAxis`)."""

from __future__ import annotations

import pyqtgraph as pg
from pyqtgraph import Point
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF


class WordAxis(pg.AxisItem):
    """An axis that labels positions i + offset with words, fast.

    pyqtgraph's general tick code (levels, spacing, text measuring) is the slowest part of redrawing a small
    plot whose words change every step (the terms of hierarchical softmax, the inputs of a step). Here the
    words are placed directly: the first of every ~n/4, then every ~n/12, then the rest, each only where it
    does not overlap a label already placed. Without words (``set_words(None)``) it is an ordinary numeric
    axis."""

    GAP = 4.0

    def __init__(self, orientation, **kw):
        super().__init__(orientation, **kw)
        self._words = None
        self._wkey = None
        self._widths: dict = {}

    def set_words(self, words, offset: float = 0.0) -> None:
        key = None if words is None else (tuple(map(str, words)), float(offset))
        if key == self._wkey:
            return
        self._wkey = key
        self._words = key
        self.picture = None
        self.update()

    def _size(self, fm, text):
        wh = self._widths.get(text)
        if wh is None:
            if len(self._widths) > 5000:
                self._widths.clear()
            wh = self._widths[text] = (fm.horizontalAdvance(text) + 2, fm.height())  # words have descenders
        return wh

    def generateDrawSpecs(self, p):
        if self._words is None:
            return super().generateDrawSpecs(p)
        words, off = self._words
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
        fm = QFontMetricsF(self.style.get("tickFont") or QFont())
        numeric, level, order = self._label_order(words)
        taken: list[tuple[float, float]] = []
        ticks, texts = [], []
        # the axis' depth follows the words' size (pyqtgraph sizes the axis from the text it last drew)
        sizes = [self._size(fm, w) for w in words]
        size2 = max((w if vertical else h for w, h in sizes), default=0.0)
        self._updateMaxTextSize(size2)
        stopped = None  # numeric labels: the first level that did not fit
        for i in order:
            x = (i + off) * scale - shift
            if x < lo - 0.5 or x > hi + 0.5:
                continue
            if vertical:
                ticks.append((tick_pen, Point(edge, x), Point(edge + sign * tick_len, x)))
            else:
                ticks.append((tick_pen, Point(x, edge), Point(x, edge + sign * tick_len)))
            if numeric and stopped is not None and level[i] >= stopped:
                continue
            w, h = sizes[i]
            extent = (x - h / 2, x + h / 2) if vertical else (x - w / 2, x + w / 2)
            if any(extent[0] < t1 + self.GAP and t0 < extent[1] + self.GAP for t0, t1 in taken):
                if numeric:
                    stopped = level[i]
                    # take back the labels of this level placed so far
                    keep = [k for k, t in enumerate(texts) if level[int(t[2])] < stopped]
                    texts = [texts[k] for k in keep]
                    taken = [taken[k] for k in keep]
                continue
            rect, flags = self._label_rect(edge, text_off, x, w, h)
            # along the axis, a label must not stick out past its ends
            slack = 2.0
            if (extent[0] < lo - slack or extent[1] > hi + slack) and not (
                vertical and lo - 2 <= x <= hi + 2
            ):
                continue
            taken.append(extent)
            texts.append((rect, flags | Qt.TextDontClip, words[i]))
        return (self.pen(), span[0], span[1]), ticks, texts

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

    @staticmethod
    def _label_order(words):
        """(numeric, level, order): whether the words are 0, 1, …, n-1, each numeric label's level and the
        order in which labels are tried."""
        n = len(words)
        numeric = words == tuple(str(i) for i in range(n))
        level: list[int] = []
        if numeric:
            # components 0, 1, …: multiples of 10, then of 5, then of 2, then the rest; a level is shown
            # only when all of it fits, so the labels shown are evenly spaced
            level = [0 if i % 10 == 0 else 1 if i % 5 == 0 else 2 if i % 2 == 0 else 3 for i in range(n)]
            order = sorted(range(n), key=lambda i: (level[i], i))
        else:
            a, b = max(1, -(-n // 4)), max(1, -(-n // 12))
            order = (
                [i for i in range(n) if i % a == 0]
                + [i for i in range(n) if i % a and i % b == 0]
                + [i for i in range(n) if i % a and i % b]
            )
        return numeric, level, order

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
