"""The equations panel's canvas: a list of lines (headings, notes and equations typeset by
:mod:`.equation_render`) placed one under the other, painted where exposed, with each equation's tooltip of
exact numbers and the guided walk's highlight."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...app.typeset import Row, signature
from .equation_render import (
    BREAK_BEFORE,
    HL_EDGE,
    HL_FILL,
    SCRIPT_SCALE,
    Ctx,
    draw,
    laid_out_row,
    layout,
    split_runs,
    wrap_text,
)
from .palette import DIM, INK

#: equations this far (pixels) above or below the part in sight are laid out with the rest
LAZY_MARGIN = 100


# ---------------------------------------------------------------------------------------------------------
# the canvas
class EquationCanvas(QWidget):
    """Draws a list of lines: headings, notes and equations (each with a tooltip of exact numbers)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lines: list[tuple] = []  # (kind, payload, key, dim, tip)
        self.base_pt = 13.0
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self.setMouseTracking(True)
        self._rects: list[tuple[QRectF, str]] = []
        self._size = QSize(0, 0)
        self.setAttribute(Qt.WA_OpaquePaintEvent)  # paints every pixel it is asked to
        self.highlight: frozenset = frozenset()
        #: break equations wider than this (pixels) at their top-level =, + and − onto indented lines
        #: (None: never; the panel scrolls sideways)
        self.wrap_width: float | None = None
        #: sizes of the main line, subscripts and their subscripts, relative to ``base_pt``
        self.scripts = SCRIPT_SCALE
        #: pixels between two equations (less in a lecture's panel, which shows every line at once)
        self.gap = 10.0
        #: the last relayout's equations by signature (see :func:`signature`), laid out
        self._laid: dict = {}
        #: equations placed with the sizes of the line before them at their place (not laid out: they were
        #: out of sight), by id, with their context: laid out when painted (see :meth:`_lay_out_exposed`)
        self._unlaid: dict[int, Ctx] = {}
        #: the lines as placed: (kind, payload, key, dim, tip, x, baseline, top, context or font)
        self._placed: list[tuple] = []
        #: (key, dim, payload) of each line placed last (None for a heading or note)
        self._prev: list = []

    def set_lines(self, lines) -> None:
        self.lines = list(lines)
        self._relayout()
        self.update()

    def _relayout(self) -> None:
        y = 8.0
        w = 0.0
        self._placed = []
        if getattr(self, "_ctx_pt", None) != (self.base_pt, self.wrap_width is not None, self.scripts):
            # fonts and metrics made once (per size), shared by every line
            self._ctx = {d: Ctx(self.base_pt, dim=d, scripts=self.scripts) for d in (False, True)}
            self._ctx_pt = (self.base_pt, self.wrap_width is not None, self.scripts)
            for ctx in self._ctx.values():
                ctx.inline_limits = self.wrap_width is not None
            self._laid, self._prev, self._unlaid = {}, [], {}
        # an equation the same as one of the last relayout's (the general forms, the phases whose numbers did
        # not change) is drawn from that one's layout; the others are laid out
        laid, self._laid = self._laid, {}
        # an equation out of sight, in the place of one of the same key before, takes that one's size (its
        # height depends on its kinds of boxes, not on its numbers) and is laid out when it is painted
        prev, self._prev = self._prev, []
        unlaid, self._unlaid = self._unlaid, {}
        lazy = self.wrap_width is None
        seen = self.visibleRegion().boundingRect() if lazy else None
        for n, (kind, payload, key, dim, tip) in enumerate(self.lines):
            ctx = self._ctx[bool(dim)]
            self._prev.append((key, bool(dim), payload) if kind == "eq" else None)
            if kind == "eq":
                before = prev[n] if n < len(prev) else None
                if lazy and self._from_before(payload, key, dim, before, unlaid, seen, y, ctx):
                    top = y
                    y += payload.asc
                    self._placed.append((kind, payload, key, dim, tip, 24.0, y, top, ctx))
                    y += payload.desc + self.gap
                    w = max(w, 24.0 + payload.w)
                    continue
                sig = (signature(payload), bool(dim))
                done = laid.get(sig)
                if done is None:
                    layout(payload, ctx, 0)
                else:
                    payload = done
                    self.lines[n] = (kind, payload, key, dim, tip)
                    self._prev[-1] = (key, bool(dim), payload)
                self._laid[sig] = payload
                for n, piece in enumerate(self._pieces(payload, ctx)):
                    x = 24.0 + (ctx.metrics(0).height() * 1.5 if n else 0.0)
                    top = y
                    y += piece.asc
                    self._placed.append((kind, piece, key, dim, tip, x, y, top, ctx))
                    y += piece.desc + self.gap
                    w = max(w, x + piece.w)
            else:
                f = ctx.font(0, italic=(kind == "note"), bold=(kind == "heading"))
                if kind == "note":
                    f = QFont(f)
                    f.setPointSizeF(self.base_pt * 0.8)
                m = QFontMetricsF(f)
                if kind == "heading":
                    y += 6
                x = 8.0 if kind == "heading" else 24.0
                for text in wrap_text(
                    payload, m, None if self.wrap_width is None else self.wrap_width - x - 8
                ):
                    top = y
                    y += m.ascent()
                    self._placed.append((kind, text, key, dim, tip, x, y, top, f))
                    y += m.descent() + 6
                    w = max(w, x + m.horizontalAdvance(text))
        # the size changes only when the equations outgrow it or are much smaller (not with every number's
        # width, nor with the count of distinct negatives): a new size relayouts the scroll area and repaints
        # its scroll bars
        need_w, need_h = int(w + 24), int(y + 8)
        cur = self._size
        new_w = cur.width() if 0.6 * cur.width() < need_w <= cur.width() else need_w + 40
        new_h = cur.height() if 0.6 * cur.height() < need_h <= cur.height() else need_h + 20
        if self.wrap_width is not None:  # broken to the panel's width: exactly as large as needed
            new_w, new_h = int(w + 4), int(y + 2)
        size = QSize(new_w, new_h)
        if size != self._size or self.minimumSize() != size:
            self._size = size
            self.setMinimumSize(size)
            self.updateGeometry()

    def sizeHint(self):
        return self._size

    def _pieces(self, payload, ctx) -> list:
        """``payload`` (laid out) as one line, or when wider than :attr:`wrap_width` broken before its
        top-level relations and operators (=, +, −) into lines that fit (a piece wider still stays whole)."""
        limit = self.wrap_width
        if limit is None or 24.0 + payload.w + 8 <= limit or not isinstance(payload, Row):
            return [payload]
        indent = ctx.metrics(0).height() * 1.5
        room = limit - 32.0 - indent
        segments: list[list] = []
        for seg in split_runs(payload.children, BREAK_BEFORE):
            # a piece still too wide is broken before its products' dots too
            segments += split_runs(seg, {"\u00b7"}) if sum(c.w for c in seg) > room else [seg]
        lines: list[list] = [[]]
        width = 0.0
        for seg in segments:
            sw = sum(c.w for c in seg)
            room = limit - 32.0 - (indent if len(lines) > 1 else 0.0)
            if lines[-1] and width + sw > room:
                lines.append([])
                width = 0.0
            lines[-1].extend(seg)
            width += sw
        return [laid_out_row(children) for children in lines]

    def _from_before(self, payload, key, dim, before, unlaid, seen, y, ctx) -> bool:
        """Place ``payload`` (an equation at height ``y``) without laying it out, when it is the line placed
        there before, or it is out of ``seen`` and ``before`` (the line placed there before) has its key: it
        then takes that line's size and is laid out when painted. False: lay it out now."""
        if before is not None and payload is before[2]:
            if id(payload) in unlaid:
                self._unlaid[id(payload)] = ctx
            return True
        if before is None or seen.isEmpty() or before[:2] != (key, bool(dim)):
            return False
        b = before[2]
        if seen.top() - LAZY_MARGIN <= y + b.asc + b.desc and y <= seen.bottom() + LAZY_MARGIN:
            return False
        payload.w, payload.asc, payload.desc = b.w, b.asc, b.desc
        self._unlaid[id(payload)] = ctx
        return True

    def _lay_out_exposed(self, exposed: QRectF) -> bool:
        """Lay out the equations in ``exposed`` that were placed with their forerunner's size; True when one
        came out taller or shorter than that (the lines are then placed again)."""
        moved = False
        for kind, payload, *_, top, ctx in self._placed:
            if kind != "eq" or id(payload) not in self._unlaid:
                continue
            if top - 2 > exposed.bottom() or top + payload.asc + payload.desc + 2 < exposed.top():
                continue
            size = (payload.asc, payload.desc)
            layout(payload, ctx, 0)
            del self._unlaid[id(payload)]
            moved |= (payload.asc, payload.desc) != size
        return moved

    def lay_out_all(self) -> None:
        """Lay out every equation now (those out of sight are otherwise laid out when first painted)."""
        if self._unlaid and self._lay_out_exposed(QRectF(-1e9, -1e9, 2e9, 2e9)):
            self._relayout()

    def paintEvent(self, event):
        exposed = QRectF(event.rect())
        if self._unlaid and self._lay_out_exposed(exposed):
            self._relayout()  # a line's height was not its forerunner's: the lines below it move
            self.update()
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing, True)
        p.setRenderHint(QPainter.TextAntialiasing, True)
        p.fillRect(exposed, Qt.white)
        self._rects = []
        for kind, payload, key, dim, tip, x, base, top, extra in self._placed:
            if kind == "eq":
                rect = QRectF(x - 6, top - 2, payload.w + 12, payload.asc + payload.desc + 4)
                if tip:
                    self._rects.append((rect, tip))
                if not rect.intersects(exposed):  # only what is on screen (the scroll area shows a part)
                    continue
                if key and key in self.highlight:
                    p.fillRect(rect, HL_FILL)
                    p.setPen(QPen(HL_EDGE, 1.5))
                    p.drawRect(rect)
                    extra = self._ctx[False]  # in colour even in an earlier (grey) phase
                extra.p_font = extra.p_color = None  # the painter's font and pen were set in between
                draw(payload, p, x, base, extra, 0)
            else:
                if base + 20 < exposed.top() or base - 30 > exposed.bottom():
                    continue
                p.setFont(extra)
                p.setPen(DIM if dim else (QColor(90, 90, 90) if kind == "note" else INK))
                p.drawText(QPointF(x, base), payload)
        p.end()

    def highlight_rect(self) -> QRectF | None:
        """The rect of the highlighted equations (None when none is)."""
        rect = None
        for kind, payload, key, _dim, _tip, x, _base, top, _extra in self._placed:
            if kind == "eq" and key and key in self.highlight:
                r = QRectF(x - 6, top - 2, payload.w + 12, payload.asc + payload.desc + 4)
                rect = r if rect is None else rect.united(r)
        return rect

    def highlighted_keys(self) -> set[str]:
        """Keys of the equations shown highlighted."""
        return {ln[2] for ln in self.lines if ln[0] == "eq" and ln[2] and ln[2] in self.highlight}

    def tip_at(self, pos) -> str:
        for rect, tip in self._rects:
            if rect.contains(QPointF(pos)):
                return tip
        return ""

    def mouseMoveEvent(self, event):
        t = self.tip_at(event.position())
        if t:
            QToolTip.showText(event.globalPosition().toPoint(), t, self)
        else:
            QToolTip.hideText()
