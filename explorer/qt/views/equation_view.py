"""The equations of the current phase, typeset, with this step's numbers substituted.

Typesetting is a small box layout drawn with QPainter (no dependency): a :class:`Row` of boxes, :class:`Frac`
(numerator over a rule over denominator), :class:`Scripts` (sub- and superscripts), :class:`BigOp` (Σ, Π with
limits above and below) and :class:`Fence` (parentheses as tall as their content). Each box reports its width,
ascent and descent; drawing places it on a baseline.

For each phase the equations of the derivation (Rong, "word2vec Parameter Learning Explained") for the run's
output layer are shown twice: in general, then for one representative term — the target word (softmax), the
first node of the target's Huffman path (hierarchical softmax) or the positive sample (negative sampling) —
with the record's numbers in blue. Nothing is recomputed: every number comes from the step record.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from ...app.format import fmt, full, full_vec
from ...app.walk import phase_title
from ...engine.model import PHASES
from .base import View
from .mixins import ExportMixin, OnScreenMixin
from .palette import DIM, HIGHLIGHT_EDGE, HIGHLIGHT_FILL, INK, NUMBER, RESULT
from .text import InfoLine

SCRIPT_SCALE = (1.0, 0.72, 0.58)
HL_FILL = HIGHLIGHT_FILL
HL_EDGE = HIGHLIGHT_EDGE


# ---------------------------------------------------------------------------------------------------------
# boxes
class Ctx:
    """Fonts by script level."""

    def __init__(self, base_pt: float = 13.0, family: str | None = None, dim: bool = False):
        self.base_pt = base_pt
        self.family = family
        self.dim = dim
        self._fonts = {}
        self._metrics = {}
        self._axis = {}
        self._advance = {}
        self._vmetrics = {}

    def font(self, level: int, italic=False, bold=False, scale=1.0) -> QFont:
        key = (min(level, 2), italic, bold, scale)
        f = self._fonts.get(key)
        if f is None:
            f = QFont(self.family) if self.family else QFont()
            f.setPointSizeF(self.base_pt * SCRIPT_SCALE[min(level, 2)] * scale)
            f.setItalic(italic)
            f.setBold(bold)
            self._fonts[key] = f
        return f

    def metrics(self, level: int, italic=False, bold=False, scale=1.0) -> QFontMetricsF:
        key = (min(level, 2), italic, bold, scale)
        m = self._metrics.get(key)
        if m is None:
            m = self._metrics[key] = QFontMetricsF(self.font(level, italic, bold, scale))
        return m

    def vmetrics(self, level: int, italic=False, bold=False) -> tuple[float, float, float]:
        """(height, ascent, descent) of a font (remembered)."""
        key = (min(level, 2), italic, bold)
        v = self._vmetrics.get(key)
        if v is None:
            m = self.metrics(level, italic, bold)
            v = self._vmetrics[key] = (m.height(), m.ascent(), m.descent())
        return v

    def advance(self, text: str, level: int, italic=False, bold=False, scale=1.0) -> float:
        """Width of ``text`` (remembered: most pieces of the equations repeat from step to step)."""
        key = (text, min(level, 2), italic, bold, scale)
        w = self._advance.get(key)
        if w is None:
            if len(self._advance) > 20000:
                self._advance.clear()
            w = self._advance[key] = self.metrics(level, italic, bold, scale).horizontalAdvance(text)
        return w

    def axis(self, level: int) -> float:
        """Height of the math axis (where fraction bars sit) above the baseline."""
        a = self._axis.get(level)
        if a is None:
            a = self._axis[level] = self.metrics(level).xHeight() * 0.55
        return a

    def color(self, c: QColor | None) -> QColor:
        if self.dim:
            return DIM
        return c if c is not None else INK


class Box:
    w = asc = desc = 0.0

    def layout(self, ctx: Ctx, level: int) -> None:
        raise NotImplementedError

    def draw(self, p: QPainter, x: float, base: float, ctx: Ctx, level: int) -> None:
        raise NotImplementedError


class T(Box):
    """A run of text: italic for variables, upright for words, numbers and operators."""

    def __init__(self, text: str, italic=False, bold=False, color: QColor | None = None, pad=0.0):
        self.text, self.italic, self.bold, self.color, self.pad = text, italic, bold, color, pad

    def layout(self, ctx, level):
        h, asc, desc = ctx.vmetrics(level, self.italic, self.bold)
        self.w = (ctx.advance(self.text, level, self.italic, self.bold) + 2 * self.pad * h
                  + (h * 0.06 if self.italic else 0))
        self.asc, self.desc = asc * 0.92, desc

    def draw(self, p, x, base, ctx, level):
        p.setFont(ctx.font(level, self.italic, self.bold))
        p.setPen(ctx.color(self.color))
        h = ctx.vmetrics(level, self.italic, self.bold)[0]
        p.drawText(QPointF(x + self.pad * h, base), self.text)


class Space(Box):
    def __init__(self, em: float):
        self.em = em

    def layout(self, ctx, level):
        self.w = ctx.metrics(level).height() * self.em
        self.asc = self.desc = 0.0

    def draw(self, p, x, base, ctx, level):
        pass


class Row(Box):
    def __init__(self, *children):
        self.children = [box(c) for c in children]

    def layout(self, ctx, level):
        for c in self.children:
            c.layout(ctx, level)
        self.w = sum(c.w for c in self.children)
        self.asc = max((c.asc for c in self.children), default=0.0)
        self.desc = max((c.desc for c in self.children), default=0.0)

    def draw(self, p, x, base, ctx, level):
        for c in self.children:
            c.draw(p, x, base, ctx, level)
            x += c.w


class Frac(Box):
    def __init__(self, num, den):
        self.num, self.den = box(num), box(den)

    def layout(self, ctx, level):
        lv = level if level == 0 else level + 1
        self.lv = lv
        self.num.layout(ctx, lv)
        self.den.layout(ctx, lv)
        m = ctx.metrics(level)
        self.gap = m.height() * 0.12
        self.pad = m.height() * 0.15
        self.axis = ctx.axis(level)
        self.w = max(self.num.w, self.den.w) + 2 * self.pad
        self.asc = self.axis + self.gap + self.num.desc + self.num.asc
        self.desc = -self.axis + self.gap + self.den.asc + self.den.desc
        self.desc = max(self.desc, 0.0)

    def draw(self, p, x, base, ctx, level):
        y_bar = base - self.axis
        self.num.draw(p, x + (self.w - self.num.w) / 2, y_bar - self.gap - self.num.desc, ctx, self.lv)
        self.den.draw(p, x + (self.w - self.den.w) / 2, y_bar + self.gap + self.den.asc, ctx, self.lv)
        pen = QPen(ctx.color(None))
        pen.setWidthF(max(1.0, ctx.metrics(level).height() * 0.05))
        p.setPen(pen)
        p.drawLine(QPointF(x + self.pad * 0.5, y_bar), QPointF(x + self.w - self.pad * 0.5, y_bar))


class Scripts(Box):
    def __init__(self, base, sub=None, sup=None):
        self.base = box(base)
        self.sub = box(sub) if sub is not None else None
        self.sup = box(sup) if sup is not None else None

    def layout(self, ctx, level):
        self.base.layout(ctx, level)
        m = ctx.metrics(level)
        self.w = self.base.w
        self.asc, self.desc = self.base.asc, self.base.desc
        sw = 0.0
        self.sub_drop = self.sup_rise = 0.0
        if self.sub is not None:
            self.sub.layout(ctx, level + 1)
            self.sub_drop = max(m.height() * 0.22, self.base.desc * 0.6)
            self.desc = max(self.desc, self.sub_drop + self.sub.desc)
            sw = max(sw, self.sub.w)
        if self.sup is not None:
            self.sup.layout(ctx, level + 1)
            self.sup_rise = m.height() * 0.38
            self.asc = max(self.asc, self.sup_rise + self.sup.asc)
            sw = max(sw, self.sup.w)
        self.w += sw + m.height() * 0.04

    def draw(self, p, x, base, ctx, level):
        self.base.draw(p, x, base, ctx, level)
        xs = x + self.base.w + ctx.metrics(level).height() * 0.02
        if self.sub is not None:
            self.sub.draw(p, xs, base + self.sub_drop, ctx, level + 1)
        if self.sup is not None:
            self.sup.draw(p, xs, base - self.sup_rise, ctx, level + 1)


class BigOp(Box):
    """Σ or Π with limits below and above."""

    def __init__(self, symbol: str, lower=None, upper=None):
        self.symbol = symbol
        self.lower = box(lower) if lower is not None else None
        self.upper = box(upper) if upper is not None else None

    def layout(self, ctx, level):
        self.scale = 1.55 if level == 0 else 1.2
        m = ctx.metrics(level, scale=self.scale)
        br = m.tightBoundingRect(self.symbol)
        self.sym_w = m.horizontalAdvance(self.symbol)
        self.axis = ctx.axis(level)
        # centre the symbol on the math axis
        self.sym_h = br.height()
        self.sym_shift = -(br.top() + br.height() / 2) - self.axis  # baseline offset to centre on axis
        self.sym_asc = self.sym_h / 2 + self.axis
        self.sym_desc = self.sym_h / 2 - self.axis
        gap = ctx.metrics(level).height() * 0.1
        self.gap = gap
        w = self.sym_w
        asc, desc = self.sym_asc, self.sym_desc
        if self.lower is not None:
            self.lower.layout(ctx, level + 1)
            w = max(w, self.lower.w)
            desc += gap + self.lower.asc + self.lower.desc
        if self.upper is not None:
            self.upper.layout(ctx, level + 1)
            w = max(w, self.upper.w)
            asc += gap + self.upper.asc + self.upper.desc
        self.pad = ctx.metrics(level).height() * 0.12
        self.w = w + 2 * self.pad
        self.asc, self.desc = asc, desc

    def draw(self, p, x, base, ctx, level):
        cx = x + self.w / 2
        p.setFont(ctx.font(level, scale=self.scale))
        p.setPen(ctx.color(None))
        p.drawText(QPointF(cx - self.sym_w / 2, base + self.sym_shift), self.symbol)
        if self.upper is not None:
            self.upper.draw(p, cx - self.upper.w / 2, base - self.sym_asc - self.gap - self.upper.desc, ctx,
                            level + 1)
        if self.lower is not None:
            self.lower.draw(p, cx - self.lower.w / 2, base + self.sym_desc + self.gap + self.lower.asc, ctx,
                            level + 1)


class Fence(Box):
    """Content between delimiters drawn as tall as the content: ( ), [ ], ⟦ ⟧."""

    def __init__(self, content, left="(", right=")"):
        self.content, self.left, self.right = box(content), left, right

    def layout(self, ctx, level):
        self.content.layout(ctx, level)
        m = ctx.metrics(level)
        h = max(self.content.asc + self.content.desc, m.ascent() + m.descent())
        self.scale = max(1.0, h / (m.ascent() + m.descent()) * 1.02)
        fm = ctx.metrics(level, scale=self.scale)
        self.lw = fm.horizontalAdvance(self.left)
        self.rw = fm.horizontalAdvance(self.right)
        self.w = self.lw + self.content.w + self.rw
        axis = ctx.axis(level)
        half = (fm.ascent() + fm.descent()) / 2
        self.shift = (fm.ascent() - fm.descent()) / 2 - axis   # baseline shift that centres the fence
        self.asc = max(self.content.asc, half + axis)
        self.desc = max(self.content.desc, half - axis)

    def draw(self, p, x, base, ctx, level):
        fm = ctx.metrics(level, scale=self.scale)
        b = base - ctx.axis(level) + (fm.ascent() - fm.descent()) / 2 if self.scale > 1.0 else base
        p.setFont(ctx.font(level, scale=self.scale))
        p.setPen(ctx.color(None))
        p.drawText(QPointF(x, b), self.left)
        self.content.draw(p, x + self.lw, base, ctx, level)
        p.setFont(ctx.font(level, scale=self.scale))
        p.setPen(ctx.color(None))
        p.drawText(QPointF(x + self.lw + self.content.w, b), self.right)


def box(x) -> Box:
    """Strings become upright text, numbers become blue numbers, boxes stay."""
    if isinstance(x, Box):
        return x
    if isinstance(x, (float, int, np.floating, np.integer)) and not isinstance(x, bool):
        return T(fmt(x), color=NUMBER)
    if isinstance(x, (list, tuple)):
        return Row(*x)
    return T(str(x))


# ---------------------------------------------------------------------------------------------------------
# notation
def I(s: str) -> T:  # noqa: E743 - a variable, set in italic as in the paper
    return T(s, italic=True)


def op(s: str) -> T:
    """A binary operator or relation with space around it."""
    return T(s, pad=0.18)


EQ, MINUS_, PLUS, TIMES, DOT = op("="), op("\u2212"), op("+"), op("\u00d7"), T("\u00b7", pad=0.08)
PRIME = "\u2032"


def sub(base, s) -> Scripts:
    return Scripts(I(base) if isinstance(base, str) else base, sub=I(s) if isinstance(s, str) and len(s) <= 2
                   else s)


def word(w: str) -> T:
    return T(w)


def v_out(j, transpose=False) -> Scripts:
    """v′_j (output vector), optionally transposed."""
    sub_ = I(j) if isinstance(j, str) and len(j) <= 2 else word(j) if isinstance(j, str) else j
    return Scripts(I("v"), sub=sub_, sup=PRIME + ("\u1d40" if transpose else ""))


def v_in(w) -> Scripts:
    return Scripts(I("v"), sub=w if isinstance(w, Box) else word(w))


def w_I() -> Scripts:
    return Scripts(I("w"), sub=I("I"))


def num(x) -> T:
    return T(fmt(x), color=NUMBER)


def arg(x):
    """A number as an operand: negative numbers in parentheses (no "− −0.5")."""
    return num(x) if float(x) >= 0 else Fence(num(x))


def result(x) -> T:
    return T(fmt(x), bold=True, color=RESULT)


def vec(v, shown=3, color=NUMBER, bold=False) -> T:
    v = np.asarray(v).ravel()
    parts = [fmt(a) for a in v[:shown]] + (["\u2026"] if len(v) > shown else [])
    return T("[" + ", ".join(parts) + "]", color=color, bold=bold)


def sigma(arg) -> Row:
    return Row(T("\u03c3"), Fence(arg))


def sum_(lower, upper=None) -> BigOp:
    return BigOp("\u2211", lower, upper)


# ---------------------------------------------------------------------------------------------------------
# the canvas
class EquationCanvas(QWidget):
    """Draws a list of lines: headings, notes and equations (each with a tooltip of exact numbers)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lines: list[tuple] = []   # (kind, payload, key, dim, tip)
        self.base_pt = 13.0
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self.setMouseTracking(True)
        self._rects: list[tuple[QRectF, str]] = []
        self._size = QSize(0, 0)
        self.setAttribute(Qt.WA_OpaquePaintEvent)     # paints every pixel it is asked to
        self.highlight: frozenset = frozenset()

    def set_lines(self, lines) -> None:
        self.lines = list(lines)
        self._relayout()
        self.update()

    def _relayout(self) -> None:
        y = 8.0
        w = 0.0
        self._placed = []
        if getattr(self, "_ctx_pt", None) != self.base_pt:
            # fonts and metrics made once (per size), shared by every line
            self._ctx = {False: Ctx(self.base_pt, dim=False), True: Ctx(self.base_pt, dim=True)}
            self._ctx_pt = self.base_pt
        for kind, payload, key, dim, tip in self.lines:
            ctx = self._ctx[bool(dim)]
            if kind == "eq":
                payload.layout(ctx, 0)
                top = y
                y += payload.asc
                self._placed.append((kind, payload, key, dim, tip, 24.0, y, top, ctx))
                y += payload.desc + 10
                w = max(w, 24 + payload.w)
            else:
                f = ctx.font(0, italic=(kind == "note"), bold=(kind == "heading"))
                if kind == "note":
                    f = QFont(f)
                    f.setPointSizeF(self.base_pt * 0.8)
                m = QFontMetricsF(f)
                if kind == "heading":
                    y += 6
                top = y
                y += m.ascent()
                x = 8.0 if kind == "heading" else 24.0
                self._placed.append((kind, payload, key, dim, tip, x, y, top, f))
                y += m.descent() + 6
                w = max(w, x + m.horizontalAdvance(payload))
        # the size changes only when the equations outgrow it or are much smaller (not with every number's
        # width, nor with the count of distinct negatives): a new size relayouts the scroll area and repaints
        # its scroll bars
        need_w, need_h = int(w + 24), int(y + 8)
        cur = self._size
        new_w = cur.width() if 0.6 * cur.width() < need_w <= cur.width() else need_w + 40
        new_h = cur.height() if 0.6 * cur.height() < need_h <= cur.height() else need_h + 20
        size = QSize(new_w, new_h)
        if size != self._size or self.minimumSize() != size:
            self._size = size
            self.setMinimumSize(size)
            self.updateGeometry()

    def sizeHint(self):
        return self._size

    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing, True)
        p.setRenderHint(QPainter.TextAntialiasing, True)
        exposed = QRectF(event.rect())
        p.fillRect(exposed, Qt.white)
        self._rects = []
        for kind, payload, key, dim, tip, x, base, top, extra in self._placed:
            if kind == "eq":
                rect = QRectF(x - 6, top - 2, payload.w + 12, payload.asc + payload.desc + 4)
                if tip:
                    self._rects.append((rect, tip))
                if not rect.intersects(exposed):      # only what is on screen (the scroll area shows a part)
                    continue
                if key and key in self.highlight:
                    p.fillRect(rect, HL_FILL)
                    p.setPen(QPen(HL_EDGE, 1.5))
                    p.drawRect(rect)
                    extra = self._ctx[False]         # in colour even in an earlier (grey) phase
                payload.draw(p, x, base, extra, 0)
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
        for kind, payload, key, dim, tip, x, base, top, extra in getattr(self, "_placed", ()):
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


# ---------------------------------------------------------------------------------------------------------
# the view
class EquationView(OnScreenMixin, ExportMixin, View):
    name = "equations"

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.caption = InfoLine(lines=2)
        lay.addWidget(self.caption)
        self.canvas = EquationCanvas()
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(True)
        self.scroll.setBackgroundRole(self.canvas.backgroundRole())
        self.scroll.setStyleSheet("QScrollArea { background: white; }")
        lay.addWidget(self.scroll, 1)
        bridge.highlightChanged.connect(self._highlight)
        #: the text of every equation line shown (for tests and copying)
        self.keys: list[str] = []

    def title(self) -> str:
        return self.tr("Equations")

    def export_targets(self):
        return [self.canvas]

    def _highlight(self, names) -> None:
        self.canvas.highlight = frozenset(names or ())
        self.canvas.update()
        self._scroll_to_focus()

    def _scroll_to_focus(self) -> None:
        """Keep the walk's highlighted equation in sight, else the current phase (the bottom)."""
        rect = self.canvas.highlight_rect()
        bar = self.scroll.verticalScrollBar()
        if rect is None:
            bar.setValue(bar.maximum())
        else:
            c = rect.center()
            self.scroll.ensureVisible(int(c.x()), int(c.y()), 50, int(rect.height() / 2) + 30)

    def refresh(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        rec = s.record
        if rec is None:
            self.caption.setText(self.tr("Step 0: take a step to see the equations with its numbers."))
            self.canvas.set_lines(self._general_lines(s))
            self.keys = [ln[2] for ln in self.canvas.lines if ln[0] == "eq"]
            return
        k = PHASES.index(s.phase)
        lines = []
        builders = (self._forward, self._error, self._output_update, self._input_update)
        for i, build in enumerate(builders[: k + 1]):
            dim = i < k
            lines.append(("heading", self._phase_title(i), None, dim, None))
            for kind, payload, key, tip in build(s, rec):
                lines.append((kind, payload, key, dim, tip))
        self.canvas.set_lines(lines)
        self.keys = [ln[2] for ln in lines if ln[0] == "eq"]
        text = self.tr("Step {k}, phase \u201c{ph}\u201d: earlier phases in grey. Blue: this step's numbers; red: "
                       "the result.").format(k=rec.step, ph=phase_title(s.phase))
        if text != self.caption.text():
            self.caption.setText(text)
        self._scroll_to_focus()

    def _phase_title(self, i: int) -> str:
        return [self.tr("1. Forward pass"), self.tr("2. Error"), self.tr("3. Output vectors update"),
                self.tr("4. Input vectors update")][i]

    # -- helpers ------------------------------------------------------------------------------------
    def _rep(self, rec):
        """The representative term: (name shown, output id, NodeTerm or None)."""
        if rec.output == "softmax":
            return rec.targets[0], int(rec.target_ids[0]), None
        term = rec.terms()[0][0]
        return term.word, int(term.id), term

    def _C(self, rec) -> int:
        return len(rec.inputs)

    def _general_lines(self, s):
        """Step 0: the forward equations without numbers."""
        out = s.config.output
        lines = [("heading", self._phase_title(0), None, False, None), ("eq", self._h_general(s.config.arch),
                                                                        "h", False, None)]
        if out == "softmax":
            lines.append(("eq", Row(sub("u", "j"), EQ, v_out("j", True), I("h")), "u", False, None))
            lines.append(("eq", Row(sub("y", "j"), EQ, self._softmax_frac("j")), "y", False, None))
        else:
            lines.append(("eq", Row(I("u"), EQ, v_out("j", True), I("h"), T(",  "), I("y"), EQ, sigma(I("u")),
                                    EQ, Frac("1", Row("1 + exp", Fence(Row("\u2212", I("u")))))), "u", False, None))
        return lines

    def _h_general(self, arch):
        if arch == "cbow":
            return Row(I("h"), EQ, Frac("1", I("C")), sum_(Row(I("c"), "=1"), I("C")),
                       v_in(sub("w", "c")))
        return Row(I("h"), EQ, v_in(w_I()))

    def _softmax_frac(self, j):
        jj = I(j) if len(j) <= 2 else word(j)
        return Frac(Row("exp", Fence(Scripts(I("u"), sub=jj))),
                    Row(sum_(Row(I("j"), PRIME, "=1"), I("V")), "exp", Fence(Scripts(I("u"), sub=I("j" + PRIME)))))

    # -- phases -------------------------------------------------------------------------------------
    def _forward(self, s, rec):
        L = []
        C = self._C(rec)
        if rec.arch == "cbow" and C > 1:
            shown = rec.inputs if C <= 5 else rec.inputs[:4]
            terms = []
            for i, w in enumerate(shown):
                if i:
                    terms.append(PLUS)
                terms.append(v_in(w))
            if C > 5:
                terms += [PLUS, T("\u2026")]
            L.append(("eq", Row(I("h"), EQ, Frac("1", I("C")), sum_(Row(I("c"), "=1"), I("C")), v_in(sub("w", "c")),
                                EQ, Frac("1", num(C)), Fence(Row(*terms)), EQ, vec(rec.h, bold=True, color=RESULT)),
                      "h", "h = " + full_vec(rec.h)))
        else:
            L.append(("eq", Row(I("h"), EQ, v_in(w_I()), EQ, v_in(rec.inputs[0]), EQ,
                                vec(rec.h, bold=True, color=RESULT)), "h", "h = " + full_vec(rec.h)))
        name, j, term = self._rep(rec)
        if rec.output == "softmax":
            u, y = float(rec.u[j]), float(rec.y[j])
            L.append(("eq", Row(sub("u", "j"), EQ, v_out("j", True), I("h"), T(",   "),
                                Scripts(I("u"), sub=word(name)), EQ, v_out(name, True), I("h"), EQ, result(u)),
                      "u", f"u_{name} = {full(u)}"))
            L.append(("eq", Row(sub("y", "j"), EQ, self._softmax_frac("j")), "y", None))
            L.append(("eq", Row(Scripts(I("y"), sub=word(name)), EQ,
                                Frac(Row("exp", Fence(num(u))),
                                     Row(sum_(Row(I("j"), PRIME, "=1"), num(len(rec.u))), "exp",
                                         Fence(Scripts(I("u"), sub=I("j" + PRIME))))), EQ, result(y)),
                      "y", f"y_{name} = {full(y)}"))
        else:
            label = f"n{j}" if rec.output == "hs" else name
            what = (self.tr("first node of the Huffman path of \u201c{w}\u201d").format(w=rec.targets[0])
                    if rec.output == "hs" else self.tr("the positive sample w_O = \u201c{w}\u201d").format(w=name))
            L.append(("note", self.tr("For {what}:").format(what=what), None, None))
            L.append(("eq", Row(Scripts(I("u"), sub=word(label)), EQ, v_out(label, True), I("h"), EQ,
                                result(term.u)), "u", f"u = {full(term.u)}"))
            L.append(("eq", Row(sigma(Scripts(I("u"), sub=word(label))), EQ,
                                Frac("1", Row("1 + exp", Fence(Row("\u2212", arg(term.u))))), EQ, result(term.y)),
                      "y", f"\u03c3(u) = {full(term.y)}"))
            if rec.output == "hs":
                L.append(("eq", Row(I("p"), Fence(Row(Scripts(I("w"), sub=I("O")), T(" | "), I("h"))), EQ,
                                    BigOp("\u220f", Row(I("j"), "=1"), Row(I("L"), Fence(I("w")), "\u22121")),
                                    sigma(Row(Fence(Row(I("n"), Fence(Row(I("w"), ",", I("j"), "+1")), EQ, "ch",
                                                        Fence(Row(I("n"), Fence(Row(I("w"), ",", I("j")))))),
                                                    "\u27e6", "\u27e7"),
                                              DOT, v_out(Row(I("n"), Fence(Row(I("w"), ",", I("j")))), True),
                                              I("h")))), "y", None))
        return L

    def _error(self, s, rec):
        L = []
        name, j, term = self._rep(rec)
        sg = rec.output == "softmax" and rec.EI is not None
        if rec.output == "softmax":
            t = rec.t if rec.t.ndim == 1 else rec.t[0]
            e = rec.e if rec.e.ndim == 1 else rec.e[0]
            y = float(rec.y[j])
            L.append(("eq", Row(sub("e", "j") if not sg else Scripts(I("e"), sub=Row(I("c"), ",", I("j"))), EQ,
                                sub("y", "j"), MINUS_,
                                sub("t", "j") if not sg else Scripts(I("t"), sub=Row(I("c"), ",", I("j")))),
                      "e", None))
            L.append(("eq", Row(Scripts(I("e"), sub=word(name)), EQ, num(y), MINUS_, num(t[j]), EQ, result(e[j])),
                      "e", f"e_{name} = {full(e[j])}"))
            if sg:
                L.append(("eq", Row(Scripts(I("EI"), sub=I("j")), EQ, sum_(Row(I("c"), "=1"), I("C")),
                                    Scripts(I("e"), sub=Row(I("c"), ",", I("j"))), EQ,
                                    Scripts(I("EI"), sub=word(name)), EQ, result(rec.EI[j])),
                          "EI", f"EI_{name} = {full(rec.EI[j])}"))
                L.append(("eq", Row(I("E"), EQ, "\u2212", sum_(Row(I("c"), "=1"), I("C")),
                                    Scripts(I("u"), sub=Scripts(I("j"), sup="*", sub=I("c"))), PLUS, I("C"), DOT,
                                    "log", sum_(Row(I("j"), PRIME, "=1"), I("V")), "exp",
                                    Fence(Scripts(I("u"), sub=I("j" + PRIME))), EQ, result(rec.loss)),
                          "E", f"E = {full(rec.loss)}"))
            else:
                L.append(("eq", Row(I("E"), EQ, "\u2212", Scripts(I("u"), sub=Scripts(I("j"), sup="*")), PLUS,
                                    "log", sum_(Row(I("j"), PRIME, "=1"), I("V")), "exp",
                                    Fence(Scripts(I("u"), sub=I("j" + PRIME))), EQ, "\u2212", arg(rec.u[j]), PLUS,
                                    "log", sum_(Row(I("j"), PRIME, "=1"), num(len(rec.u))), "exp",
                                    Fence(Scripts(I("u"), sub=I("j" + PRIME))), EQ, result(rec.loss)),
                          "E", f"E = {full(rec.loss)}"))
        elif rec.output == "hs":
            lab = f"n{j}"
            L.append(("eq", Row(sub("t", "j"), EQ, "1", MINUS_, Scripts(T(self.tr("code")), sub=I("j")), EQ, "1", MINUS_,
                                num(term.code), EQ, result(term.t)), "t", f"t = {full(term.t)}"))
            L.append(("eq", Row(sub("e", "j"), EQ, sigma(Row(v_out("j", True), I("h"))), MINUS_, sub("t", "j"), EQ,
                                num(term.y), MINUS_, num(term.t), EQ, result(term.e)),
                      "e", f"e_{lab} = {full(term.e)}"))
            L.append(("eq", Row(I("E"), EQ, "\u2212", sum_(Row(I("j"), "=1"), Row(I("L"), Fence(I("w")), "\u22121")),
                                "log ", sigma(Row(Fence(T("\u00b7"), "\u27e6", "\u27e7"), DOT, v_out("j", True),
                                                 I("h"))), EQ, result(rec.loss)), "E", f"E = {full(rec.loss)}"))
        else:
            L.append(("eq", Row(sub("t", "j"), EQ, "1 ", T(self.tr("for")), " ", Scripts(I("w"), sub=I("O")), ",  0 ",
                                T(self.tr("for")), " ", Scripts(I("w"), sub=I("j")), " \u2208 ",
                                Scripts(I("W"), sub=T("neg"))), "t", None))
            L.append(("eq", Row(sub("e", "j"), EQ, sigma(Row(v_out("j", True), I("h"))), MINUS_, sub("t", "j"), ",   ",
                                Scripts(I("e"), sub=word(name)), EQ, num(term.y), MINUS_, num(term.t), EQ,
                                result(term.e)), "e", f"e_{name} = {full(term.e)}"))
            L.append(("eq", Row(I("E"), EQ, "\u2212log ", sigma(Row(v_out(Scripts(I("w"), sub=I("O")), True), I("h"))),
                                MINUS_, sum_(Row(Scripts(I("w"), sub=I("j")), "\u2208", Scripts(I("W"), sub=T("neg")))),
                                "log ", sigma(Row("\u2212", v_out(Scripts(I("w"), sub=I("j")), True), I("h"))), EQ,
                                result(rec.loss)), "E", f"E = {full(rec.loss)}"))
        return L

    def _output_update(self, s, rec):
        L = []
        name, j, term = self._rep(rec)
        sg = rec.output == "softmax" and rec.EI is not None
        err = Scripts(I("EI"), sub=I("j")) if sg else sub("e", "j")
        where = {"softmax": self.tr("for every j = 1 \u2026 V"),
                 "hs": self.tr("for the nodes on the path only"),
                 "ns": self.tr("for w_O and the negatives only")}[rec.output]
        L.append(("eq", Row(v_out("j"), T("(new)"), EQ, v_out("j"), T("(old)"), MINUS_, I("\u03b7"), DOT, err, DOT,
                            I("h"), T("    "), T(where, italic=False)), "out", None))
        k = np.flatnonzero(np.asarray(rec.out_ids) == j)
        if len(k):
            k = int(k[0])
            label = f"n{j}" if rec.output == "hs" else name
            if rec.output == "softmax":
                errs = [rec.EI[j] if sg else rec.e[j]]
            else:
                errs = [tm.e for group in rec.terms() for tm in group if tm.id == j]
            if len(errs) == 1:
                err_box = Fence(num(errs[0]))
            else:
                parts = []
                for i, e in enumerate(errs):
                    if i:
                        parts.append(PLUS)
                    parts.append(arg(e))
                err_box = Fence(Row(*parts))
            tip = self.tr("{v} before = {b}\n\u0394 = {d}\nafter = {a}").format(
                v=f"v\u2032_{label}", b=full_vec(rec.out_before[k]), d=full_vec(rec.out_delta[k]),
                a=full_vec(rec.out_after[k]))
            L.append(("eq", Row(v_out(label), T("(new)"), EQ, vec(rec.out_before[k]), MINUS_, num(rec.lr), DOT,
                                err_box, DOT, vec(rec.h)), f"out:{j}", tip))
            L.append(("eq", Row(Space(3.0), EQ, vec(rec.out_after[k], color=RESULT, bold=True)), f"out:{j}", tip))
        return L

    def _input_update(self, s, rec):
        L = []
        sg = rec.output == "softmax" and rec.EI is not None
        if rec.output == "softmax":
            err = Scripts(I("EI"), sub=I("j")) if sg else sub("e", "j")
            L.append(("eq", Row(Scripts(I("EH"), sub=I("i")), EQ, sum_(Row(I("j"), "=1"), I("V")), err, DOT,
                                Scripts(I("w"), sub=I("ij"), sup=PRIME), ",   ", I("EH"), EQ,
                                vec(rec.EH, color=RESULT, bold=True)), "EH", "EH = " + full_vec(rec.EH)))
        elif rec.output == "hs":
            L.append(("eq", Row(I("EH"), EQ, sum_(Row(I("j"), "=1"), Row(I("L"), Fence(I("w")), "\u22121")),
                                sub("e", "j"), DOT, v_out("j"), EQ, vec(rec.EH, color=RESULT, bold=True)),
                      "EH", "EH = " + full_vec(rec.EH)))
        else:
            L.append(("eq", Row(I("EH"), EQ, sum_(Row(Scripts(I("w"), sub=I("j")), "\u2208{",
                                                      Scripts(I("w"), sub=I("O")), "}\u222a",
                                                      Scripts(I("W"), sub=T("neg")))),
                                sub("e", "j"), DOT, v_out(Scripts(I("w"), sub=I("j"))), EQ,
                                vec(rec.EH, color=RESULT, bold=True)), "EH", "EH = " + full_vec(rec.EH)))
        if rec.output != "softmax" and len(rec.targets) > 1:
            L.append(("note", self.tr("(summed over the {n} targets of this example)").format(n=len(rec.targets)),
                      None, None))
        C = self._C(rec)
        paper_cbow = rec.arch == "cbow" and rec.mode == "paper"
        share = Row(Frac("1", I("C")), DOT) if paper_cbow else Row()
        target = v_in(sub("w", "c")) if rec.arch == "cbow" else v_in(w_I())
        L.append(("eq", Row(target, T("(new)"), EQ, target, T("(old)"), MINUS_, share, I("\u03b7"), DOT, I("EH")),
                  "in", None))
        if rec.arch == "cbow" and rec.mode == "reference":
            L.append(("note", self.tr("reference mode (word2vec.c): every context word gets the full EH"), None, None))
        if len(rec.in_ids):
            w = rec.in_words[0]
            n = rec.inputs.count(w)
            fr = Row(Frac(num(n), num(C)), DOT) if paper_cbow else (Row(num(n), DOT) if n > 1 else Row())
            tip = self.tr("{v} before = {b}\n\u0394 = {d}\nafter = {a}").format(
                v=f"v_{w}", b=full_vec(rec.in_before[0]), d=full_vec(rec.in_delta[0]), a=full_vec(rec.in_after[0]))
            L.append(("eq", Row(v_in(w), T("(new)"), EQ, vec(rec.in_before[0]), MINUS_, fr, num(rec.lr), DOT,
                                vec(rec.EH)), f"in:{int(rec.in_ids[0])}", tip))
            L.append(("eq", Row(Space(3.0), EQ, vec(rec.in_after[0], color=RESULT, bold=True)),
                      f"in:{int(rec.in_ids[0])}", tip))
        return L
