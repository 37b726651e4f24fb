"""Drawing the equations: boxes (:mod:`explorer.app.typeset`, filled by :mod:`explorer.app.equations`) laid
out like a formula and painted, and where a long one may be broken into lines. The canvas that shows a list
of lines is :mod:`.equation_canvas`."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from ...app.typeset import RESULT, BigOp, Fence, Frac, Row, Scripts, Space, T
from .palette import DIM, HIGHLIGHT_EDGE, HIGHLIGHT_FILL, INK, NUMBER
from .palette import RESULT as RESULT_C

SCRIPT_SCALE = (1.0, 0.72, 0.58)
HL_FILL = HIGHLIGHT_FILL
HL_EDGE = HIGHLIGHT_EDGE


# ---------------------------------------------------------------------------------------------------------
# fonts
class Ctx:
    """Fonts by script level."""

    def __init__(
        self, base_pt: float = 13.0, family: str | None = None, dim: bool = False, scripts=SCRIPT_SCALE
    ):
        self.base_pt = base_pt
        self.scripts = tuple(scripts)
        self.family = family
        self.dim = dim
        #: Σ's limits beside it rather than above and below (a lecture's panel saves height)
        self.inline_limits = False
        self._fonts = {}
        self._metrics = {}
        self._axis = {}
        self._advance = {}
        self._vmetrics = {}
        #: the font and colour last set on the painter by a text (None: unknown, set it again)
        self.p_font = self.p_color = None
        #: (width, height, ascent, descent) of a text by (text, level, italic, bold): see ``_layout_t``
        self.sizes: dict = {}

    def font(self, level: int, italic=False, bold=False, scale=1.0) -> QFont:
        key = (min(level, 2), italic, bold, scale)
        f = self._fonts.get(key)
        if f is None:
            f = QFont(self.family) if self.family else QFont()
            f.setPointSizeF(self.base_pt * self.scripts[min(level, 2)] * scale)
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

    def color(self, role: str | None) -> QColor:
        """The ink of a colour role (``"number"``, ``"result"``; ``None``: the text colour); grey when dim."""
        if self.dim:
            return DIM
        return {"number": NUMBER, RESULT: RESULT_C}.get(role, INK)


# ---------------------------------------------------------------------------------------------------------
# layout (sets w, asc, desc and what drawing needs on each box) and drawing, by kind of box


def _layout_t(b, ctx, level):
    # (width, height, ascent, descent) of the text in its font, remembered per context: most pieces of the
    # equations repeat from step to step, and a text is laid out ~200 times a step
    key = (b.text, level if level < 2 else 2, b.italic, b.bold)
    v = ctx.sizes.get(key)
    if v is None:
        if len(ctx.sizes) > 20000:
            ctx.sizes.clear()
        v = ctx.sizes[key] = (
            ctx.advance(b.text, level, b.italic, b.bold),
            *ctx.vmetrics(level, b.italic, b.bold),
        )
    adv, h, asc, desc = v
    b.w = adv + 2 * b.pad * h + (h * 0.06 if b.italic else 0)
    b.asc, b.desc = asc * 0.92, desc


def _draw_t(b, p, x, base, ctx, level):
    # the painter's font and colour are set only when they change (runs of text share them)
    font = ctx.font(level, b.italic, b.bold)
    if font is not ctx.p_font:
        ctx.p_font = font
        p.setFont(font)
    color = ctx.color(b.color)
    if color is not ctx.p_color:
        ctx.p_color = color
        p.setPen(color)
    h = ctx.vmetrics(level, b.italic, b.bold)[0]
    p.drawText(QPointF(x + b.pad * h, base), b.text)


def _layout_space(b, ctx, level):
    b.w = ctx.metrics(level).height() * b.em
    b.asc = b.desc = 0.0


def _draw_space(b, p, x, base, ctx, level):
    pass


def _layout_row(b, ctx, level):
    children = b.children
    if not children:
        b.w = b.asc = b.desc = 0.0
        return
    w = 0.0
    asc = desc = None
    for c in children:
        _LAYOUT[type(c)](c, ctx, level)
        w += c.w
        if asc is None or c.asc > asc:
            asc = c.asc
        if desc is None or c.desc > desc:
            desc = c.desc
    b.w, b.asc, b.desc = w, asc, desc


def _draw_row(b, p, x, base, ctx, level):
    for c in b.children:
        draw(c, p, x, base, ctx, level)
        x += c.w


def _layout_frac(b, ctx, level):
    lv = level if level == 0 else level + 1
    b.lv = lv
    layout(b.num, ctx, lv)
    layout(b.den, ctx, lv)
    m = ctx.metrics(level)
    b.gap = m.height() * 0.12
    b.pad = m.height() * 0.15
    b.axis = ctx.axis(level)
    b.w = max(b.num.w, b.den.w) + 2 * b.pad
    b.asc = b.axis + b.gap + b.num.desc + b.num.asc
    b.desc = -b.axis + b.gap + b.den.asc + b.den.desc
    b.desc = max(b.desc, 0.0)


def _draw_frac(b, p, x, base, ctx, level):
    y_bar = base - b.axis
    draw(b.num, p, x + (b.w - b.num.w) / 2, y_bar - b.gap - b.num.desc, ctx, b.lv)
    draw(b.den, p, x + (b.w - b.den.w) / 2, y_bar + b.gap + b.den.asc, ctx, b.lv)
    pen = QPen(ctx.color(None))
    pen.setWidthF(max(1.0, ctx.metrics(level).height() * 0.05))
    p.setPen(pen)
    ctx.p_color = None
    p.drawLine(QPointF(x + b.pad * 0.5, y_bar), QPointF(x + b.w - b.pad * 0.5, y_bar))


def _layout_scripts(b, ctx, level):
    layout(b.base, ctx, level)
    m = ctx.metrics(level)
    b.w = b.base.w
    b.asc, b.desc = b.base.asc, b.base.desc
    sw = 0.0
    b.sub_drop = b.sup_rise = 0.0
    if b.sub is not None:
        layout(b.sub, ctx, level + 1)
        b.sub_drop = max(m.height() * 0.22, b.base.desc * 0.6)
        b.desc = max(b.desc, b.sub_drop + b.sub.desc)
        sw = max(sw, b.sub.w)
    if b.sup is not None:
        layout(b.sup, ctx, level + 1)
        b.sup_rise = m.height() * 0.38
        b.asc = max(b.asc, b.sup_rise + b.sup.asc)
        sw = max(sw, b.sup.w)
    b.w += sw + m.height() * 0.04


def _draw_scripts(b, p, x, base, ctx, level):
    draw(b.base, p, x, base, ctx, level)
    xs = x + b.base.w + ctx.metrics(level).height() * 0.02
    if b.sub is not None:
        draw(b.sub, p, xs, base + b.sub_drop, ctx, level + 1)
    if b.sup is not None:
        draw(b.sup, p, xs, base - b.sup_rise, ctx, level + 1)


def _layout_bigop(b, ctx, level):
    b.inline = ctx.inline_limits
    if b.inline:
        _layout_bigop_inline(b, ctx, level)
        return
    b.scale = 1.55 if level == 0 else 1.2
    m = ctx.metrics(level, scale=b.scale)
    br = m.tightBoundingRect(b.symbol)
    b.sym_w = m.horizontalAdvance(b.symbol)
    b.axis = ctx.axis(level)
    # centre the symbol on the math axis
    b.sym_h = br.height()
    b.sym_shift = -(br.top() + br.height() / 2) - b.axis  # baseline offset to centre on axis
    b.sym_asc = b.sym_h / 2 + b.axis
    b.sym_desc = b.sym_h / 2 - b.axis
    gap = ctx.metrics(level).height() * 0.1
    b.gap = gap
    w = b.sym_w
    asc, desc = b.sym_asc, b.sym_desc
    if b.lower is not None:
        layout(b.lower, ctx, level + 1)
        w = max(w, b.lower.w)
        desc += gap + b.lower.asc + b.lower.desc
    if b.upper is not None:
        layout(b.upper, ctx, level + 1)
        w = max(w, b.upper.w)
        asc += gap + b.upper.asc + b.upper.desc
    b.pad = ctx.metrics(level).height() * 0.12
    b.w = w + 2 * b.pad
    b.asc, b.desc = asc, desc


def _layout_bigop_inline(b, ctx, level):
    """Σ with its limits as scripts beside it (as in running text): a line about half as tall."""
    b.scale = 1.2
    m = ctx.metrics(level, scale=b.scale)
    br = m.tightBoundingRect(b.symbol)
    b.sym_w = m.horizontalAdvance(b.symbol)
    b.axis = ctx.axis(level)
    b.sym_shift = -(br.top() + br.height() / 2) - b.axis
    asc, desc = br.height() / 2 + b.axis, br.height() / 2 - b.axis
    h = ctx.metrics(level).height()
    b.sub_drop, b.sup_rise = asc * 0.0 + desc + h * 0.1, asc - h * 0.15
    sw = 0.0
    if b.lower is not None:
        layout(b.lower, ctx, level + 1)
        desc = max(desc, b.sub_drop + b.lower.desc)
        sw = b.lower.w
    if b.upper is not None:
        layout(b.upper, ctx, level + 1)
        asc = max(asc, b.sup_rise + b.upper.asc)
        sw = max(sw, b.upper.w)
    b.pad = h * 0.08
    b.w = b.sym_w + sw + 3 * b.pad
    b.asc, b.desc = asc, desc


def _draw_bigop(b, p, x, base, ctx, level):
    ctx.p_font = ctx.p_color = None  # (set here directly)
    if getattr(b, "inline", False):
        p.setFont(ctx.font(level, scale=b.scale))
        p.setPen(ctx.color(None))
        p.drawText(QPointF(x + b.pad, base + b.sym_shift), b.symbol)
        xs = x + 2 * b.pad + b.sym_w
        if b.upper is not None:
            draw(b.upper, p, xs, base - b.sup_rise, ctx, level + 1)
        if b.lower is not None:
            draw(b.lower, p, xs, base + b.sub_drop, ctx, level + 1)
        return
    cx = x + b.w / 2
    p.setFont(ctx.font(level, scale=b.scale))
    p.setPen(ctx.color(None))
    p.drawText(QPointF(cx - b.sym_w / 2, base + b.sym_shift), b.symbol)
    if b.upper is not None:
        draw(b.upper, p, cx - b.upper.w / 2, base - b.sym_asc - b.gap - b.upper.desc, ctx, level + 1)
    if b.lower is not None:
        draw(b.lower, p, cx - b.lower.w / 2, base + b.sym_desc + b.gap + b.lower.asc, ctx, level + 1)


def _layout_fence(b, ctx, level):
    layout(b.content, ctx, level)
    m = ctx.metrics(level)
    h = max(b.content.asc + b.content.desc, m.ascent() + m.descent())
    b.scale = max(1.0, h / (m.ascent() + m.descent()) * 1.02)
    fm = ctx.metrics(level, scale=b.scale)
    b.lw = fm.horizontalAdvance(b.left)
    b.rw = fm.horizontalAdvance(b.right)
    b.w = b.lw + b.content.w + b.rw
    axis = ctx.axis(level)
    half = (fm.ascent() + fm.descent()) / 2
    b.shift = (fm.ascent() - fm.descent()) / 2 - axis  # baseline shift that centres the fence
    b.asc = max(b.content.asc, half + axis)
    b.desc = max(b.content.desc, half - axis)


def _draw_fence(b, p, x, base, ctx, level):
    ctx.p_font = ctx.p_color = None  # (set here directly: before the content and after it)
    fm = ctx.metrics(level, scale=b.scale)
    y = base - ctx.axis(level) + (fm.ascent() - fm.descent()) / 2 if b.scale > 1.0 else base
    p.setFont(ctx.font(level, scale=b.scale))
    p.setPen(ctx.color(None))
    p.drawText(QPointF(x, y), b.left)
    draw(b.content, p, x + b.lw, base, ctx, level)
    p.setFont(ctx.font(level, scale=b.scale))
    p.setPen(ctx.color(None))
    p.drawText(QPointF(x + b.lw + b.content.w, y), b.right)
    ctx.p_font = ctx.p_color = None


_LAYOUT = {
    T: _layout_t,
    Space: _layout_space,
    Row: _layout_row,
    Frac: _layout_frac,
    Scripts: _layout_scripts,
    BigOp: _layout_bigop,
    Fence: _layout_fence,
}
_DRAW = {
    T: _draw_t,
    Space: _draw_space,
    Row: _draw_row,
    Frac: _draw_frac,
    Scripts: _draw_scripts,
    BigOp: _draw_bigop,
    Fence: _draw_fence,
}


def layout(b, ctx: Ctx, level: int) -> None:
    """Size ``b`` (and everything in it) at script ``level``."""
    _LAYOUT[type(b)](b, ctx, level)


def draw(b, p: QPainter, x: float, base: float, ctx: Ctx, level: int) -> None:
    """Paint ``b``, laid out, with its left end at ``x`` on the baseline ``base``."""
    _DRAW[type(b)](b, p, x, base, ctx, level)


#: texts of the top-level operators an equation may be broken before
BREAK_BEFORE = frozenset({"=", "\u2212", "+"})


def _flat(children) -> list:
    """``children`` with the children of plain rows in them spliced in (where a line may break too)."""
    out = []
    for c in children:
        if type(c) is Row:
            out += _flat(c.children)
        else:
            out.append(c)
    return out


def split_runs(children, before) -> list[list]:
    """``children`` in runs, a new run starting at each operator whose text is in ``before`` and at a gap
    (text starting with spaces: a comment after the equation), and after a comma that separates equations."""
    runs: list[list] = [[]]
    for c in _flat(children):
        text = c.text if isinstance(c, T) else ""
        starts = isinstance(c, T) and ((c.pad > 0 and text in before) or text[:2].isspace())
        if starts and runs[-1]:
            runs.append([])
        runs[-1].append(c)
        if text.startswith(",") and text[1:].isspace():
            runs.append([])
    return [r for r in runs if r]


def wrap_text(text: str, metrics: QFontMetricsF, width: float | None) -> list[str]:
    """``text`` in lines no wider than ``width`` (broken at spaces; text without spaces, such as Chinese,
    between characters); one line when ``width`` is None or it fits."""
    if width is None or metrics.horizontalAdvance(text) <= width:
        return [text]
    words = text.split(" ") if " " in text else list(text)
    sep = " " if " " in text else ""
    lines = [words[0]]
    for word in words[1:]:
        if metrics.horizontalAdvance(lines[-1] + sep + word) <= width:
            lines[-1] += sep + word
        else:
            lines.append(word)
    return lines


def laid_out_row(children) -> Row:
    """A row of boxes already laid out (its size from theirs, nothing laid out again)."""
    r = Row()
    r.children = list(children)
    r.w = sum(c.w for c in r.children)
    r.asc = max((c.asc for c in r.children), default=0.0)
    r.desc = max((c.desc for c in r.children), default=0.0)
    return r
