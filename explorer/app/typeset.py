"""The typesetting vocabulary of the equations panel: boxes and the paper's notation.

A formula is a tree of :class:`Box` pieces — text (:class:`T`), fractions, scripts, big operators (Σ, Π) and
fences drawn as tall as their content — built with small helpers in the paper's notation: ``I("h")`` an
italic variable, ``v_out("j", True)`` v′_jᵀ, ``v_in(w)`` v_w, ``sub("e", "j")`` e_j, ``num(x)`` a number of
this step, ``vec(v)`` a vector, ``sigma(x)`` σ(x), ``sum_(lower, upper)`` Σ. Nothing here draws:
``explorer.qt.views.equation_render`` lays the boxes out and paints them. Colours are roles (``"number"``,
``"result"``), not colours. The equations themselves are in :mod:`.equations`.
"""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np

from .format import fmt

NUMBER, RESULT = "number", "result"


# ---------------------------------------------------------------------------------------------------------
# boxes
class Box:
    """A piece of an equation. The renderer (``explorer.qt.views.equation_render``) lays it out — ``w``,
    ``asc``, ``desc`` — and draws it."""

    w = asc = desc = 0.0


class T(Box):
    """A run of text: italic for variables, upright for words, numbers and operators."""

    def __init__(self, text: str, italic=False, bold=False, color: str | None = None, pad=0.0):
        self.text, self.italic, self.bold, self.color, self.pad = text, italic, bold, color, pad


class Space(Box):
    def __init__(self, em: float):
        self.em = em


class Row(Box):
    def __init__(self, *children):
        self.children = [box(c) for c in children]


class Frac(Box):
    def __init__(self, num, den):
        self.num, self.den = box(num), box(den)


class Scripts(Box):
    def __init__(self, base, sub=None, sup=None):
        self.base = box(base)
        self.sub = box(sub) if sub is not None else None
        self.sup = box(sup) if sup is not None else None


class BigOp(Box):
    """Σ or Π with limits below and above."""

    def __init__(self, symbol: str, lower=None, upper=None):
        self.symbol = symbol
        self.lower = box(lower) if lower is not None else None
        self.upper = box(upper) if upper is not None else None


class Fence(Box):
    """Content between delimiters drawn as tall as the content: ( ), [ ], ⟦ ⟧."""

    def __init__(self, content, left="(", right=")"):
        self.content, self.left, self.right = box(content), left, right


def signature(b) -> tuple:
    """What ``b``'s layout depends on (its kinds of boxes, texts and styles): two boxes with the same
    signature are laid out alike, so a line that did not change from one step to the next is not laid out
    again."""
    t = type(b)
    if t is T:
        return (b.text, b.italic, b.bold, b.color, b.pad)
    if t is Row:
        return tuple(signature(c) for c in b.children)
    if t is Frac:
        return ("frac", signature(b.num), signature(b.den))
    if t is Scripts:
        return (
            "scripts",
            signature(b.base),
            None if b.sub is None else signature(b.sub),
            None if b.sup is None else signature(b.sup),
        )
    if t is BigOp:
        return (
            "bigop",
            b.symbol,
            None if b.lower is None else signature(b.lower),
            None if b.upper is None else signature(b.upper),
        )
    if t is Fence:
        return ("fence", b.left, b.right, signature(b.content))
    if t is Space:
        return ("space", b.em)
    return ("box", id(b))  # an unknown kind of box: never the same as another


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
    return Scripts(
        I(base) if isinstance(base, str) else base, sub=I(s) if isinstance(s, str) and len(s) <= 2 else s
    )


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


#: components a vector shows before "…" (see :func:`vector_components`); the full vector is in the tooltip
_VEC_SHOWN = [3]


@contextmanager
def vector_components(n: int):
    """Within the block, :func:`vec` shows ``n`` components: 3 → ``[a, b, c, …]``; 2 → ``[a, …, z]`` (the
    first and the last, for a narrow panel); 1 → ``[a, …]``."""
    _VEC_SHOWN.append(max(1, int(n)))
    try:
        yield
    finally:
        _VEC_SHOWN.pop()


def narrow() -> bool:
    """Inside a :func:`vector_components` block of 2 or fewer (a lecture's panel): equations that offer a
    shorter notation use it."""
    return _VEC_SHOWN[-1] <= 2


def vec(v, shown=None, color=NUMBER, bold=False) -> T:
    """A vector of this step: its first ``shown`` components and "…" (``shown`` 2 or fewer: the first and
    the last around "…")."""
    v = np.asarray(v).ravel()
    shown = _VEC_SHOWN[-1] if shown is None else shown
    if len(v) <= max(shown, 2):
        parts = [fmt(a) for a in v]
    elif shown == 1:
        parts = [fmt(v[0]), "\u2026"]
    elif shown == 2:
        parts = [fmt(v[0]), "\u2026", fmt(v[-1])]
    else:
        parts = [fmt(a) for a in v[:shown]] + ["\u2026"]
    return T("[" + ", ".join(parts) + "]", color=color, bold=bold)


def sigma(arg) -> Row:
    return Row(T("\u03c3"), Fence(arg))


def sum_(lower, upper=None) -> BigOp:
    return BigOp("\u2211", lower, upper)
