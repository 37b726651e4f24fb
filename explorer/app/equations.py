"""What the equations panel shows: the equations of the current phase with this step's numbers.

:func:`equation_lines` turns the session's record into lines — headings, notes and equations — each
equation a tree of :class:`Box` pieces (text, fractions, scripts, big operators, fences), with the walk's key
it belongs to and a tooltip of exact numbers. Nothing here draws: ``explorer.qt.views.equation_render``
lays the boxes out and paints them. Colours are roles (``"number"``, ``"result"``), not colours.
"""

from __future__ import annotations

import numpy as np

from ..engine.model import PHASES
from .format import fmt, full, full_vec
from .i18n import translate
from .walk import phase_title

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


def vec(v, shown=3, color=NUMBER, bold=False) -> T:
    v = np.asarray(v).ravel()
    parts = [fmt(a) for a in v[:shown]] + (["\u2026"] if len(v) > shown else [])
    return T("[" + ", ".join(parts) + "]", color=color, bold=bold)


def sigma(arg) -> Row:
    return Row(T("\u03c3"), Fence(arg))


def sum_(lower, upper=None) -> BigOp:
    return BigOp("\u2211", lower, upper)


# ---------------------------------------------------------------------------------------------------------
# the lines of the panel
def phase_heading(i: int) -> str:
    return [
        translate("EquationView", "1. Forward pass"),
        translate("EquationView", "2. Error"),
        translate("EquationView", "3. Output vectors update"),
        translate("EquationView", "4. Input vectors update"),
    ][i]


def equation_lines(s) -> tuple[list[tuple], str]:
    """(lines, caption) for the session's current state. A line is ``(kind, payload, key, dim, tip)``:
    ``kind`` ``"heading"`` / ``"note"`` (payload a text) or ``"eq"`` (payload a :class:`Box`); ``key`` the
    walk's highlight key; ``dim`` for an earlier phase (grey); ``tip`` the exact numbers."""
    rec = s.record
    if rec is None:
        return general_lines(s), translate(
            "EquationView", "Step 0: take a step to see the equations with its numbers."
        )
    k = PHASES.index(s.phase)
    lines = []
    for i, build in enumerate((forward, error, output_update, input_update)[: k + 1]):
        dim = i < k
        lines.append(("heading", phase_heading(i), None, dim, None))
        for kind, payload, key, tip in build(s, rec):
            lines.append((kind, payload, key, dim, tip))
    caption = translate(
        "EquationView",
        "Step {k}, phase \u201c{ph}\u201d: earlier phases in grey. Blue: this "
        "step's numbers; red: the result.",
    ).format(k=rec.step, ph=phase_title(s.phase))
    return lines, caption


def representative(rec):
    """The representative term: (name shown, output id, NodeTerm or None)."""
    if rec.output == "softmax":
        return rec.targets[0], int(rec.target_ids[0]), None
    term = rec.terms()[0][0]
    return term.word, int(term.id), term


def general_lines(s):
    """Step 0: the forward equations without numbers."""
    out = s.config.output
    lines = [
        ("heading", phase_heading(0), None, False, None),
        ("eq", h_general(s.config.arch), "h", False, None),
    ]
    if out == "softmax":
        lines.append(("eq", Row(sub("u", "j"), EQ, v_out("j", True), I("h")), "u", False, None))
        lines.append(("eq", Row(sub("y", "j"), EQ, softmax_frac("j")), "y", False, None))
    else:
        lines.append(
            (
                "eq",
                Row(
                    I("u"),
                    EQ,
                    v_out("j", True),
                    I("h"),
                    T(",  "),
                    I("y"),
                    EQ,
                    sigma(I("u")),
                    EQ,
                    Frac("1", Row("1 + exp", Fence(Row("\u2212", I("u"))))),
                ),
                "u",
                False,
                None,
            )
        )
    return lines


def h_general(arch):
    if arch == "cbow":
        return Row(I("h"), EQ, Frac("1", I("C")), sum_(Row(I("c"), "=1"), I("C")), v_in(sub("w", "c")))
    return Row(I("h"), EQ, v_in(w_I()))


def softmax_frac(j):
    jj = I(j) if len(j) <= 2 else word(j)
    return Frac(
        Row("exp", Fence(Scripts(I("u"), sub=jj))),
        Row(sum_(Row(I("j"), PRIME, "=1"), I("V")), "exp", Fence(Scripts(I("u"), sub=I("j" + PRIME)))),
    )


# ---------------------------------------------------------------------------------------------------------
# the phases
def forward(s, rec):
    L: list[tuple] = []  # (kind, payload, key, tip)
    C = len(rec.inputs)
    if rec.arch == "cbow" and C > 1:
        shown = rec.inputs if C <= 5 else rec.inputs[:4]
        terms: list[Box] = []
        for i, w in enumerate(shown):
            if i:
                terms.append(PLUS)
            terms.append(v_in(w))
        if C > 5:
            terms += [PLUS, T("\u2026")]
        L.append(
            (
                "eq",
                Row(
                    I("h"),
                    EQ,
                    Frac("1", I("C")),
                    sum_(Row(I("c"), "=1"), I("C")),
                    v_in(sub("w", "c")),
                    EQ,
                    Frac("1", num(C)),
                    Fence(Row(*terms)),
                    EQ,
                    vec(rec.h, bold=True, color=RESULT),
                ),
                "h",
                "h = " + full_vec(rec.h),
            )
        )
    else:
        L.append(
            (
                "eq",
                Row(
                    I("h"), EQ, v_in(w_I()), EQ, v_in(rec.inputs[0]), EQ, vec(rec.h, bold=True, color=RESULT)
                ),
                "h",
                "h = " + full_vec(rec.h),
            )
        )
    name, j, term = representative(rec)
    if rec.output == "softmax":
        u, y = float(rec.u[j]), float(rec.y[j])
        L.append(
            (
                "eq",
                Row(
                    sub("u", "j"),
                    EQ,
                    v_out("j", True),
                    I("h"),
                    T(",   "),
                    Scripts(I("u"), sub=word(name)),
                    EQ,
                    v_out(name, True),
                    I("h"),
                    EQ,
                    result(u),
                ),
                "u",
                f"u_{name} = {full(u)}",
            )
        )
        L.append(("eq", Row(sub("y", "j"), EQ, softmax_frac("j")), "y", None))
        L.append(
            (
                "eq",
                Row(
                    Scripts(I("y"), sub=word(name)),
                    EQ,
                    Frac(
                        Row("exp", Fence(num(u))),
                        Row(
                            sum_(Row(I("j"), PRIME, "=1"), num(len(rec.u))),
                            "exp",
                            Fence(Scripts(I("u"), sub=I("j" + PRIME))),
                        ),
                    ),
                    EQ,
                    result(y),
                ),
                "y",
                f"y_{name} = {full(y)}",
            )
        )
    else:
        label = f"n{j}" if rec.output == "hs" else name
        what = (
            translate("EquationView", "first node of the Huffman path of \u201c{w}\u201d").format(
                w=rec.targets[0]
            )
            if rec.output == "hs"
            else translate("EquationView", "the positive sample w_O = \u201c{w}\u201d").format(w=name)
        )
        L.append(("note", translate("EquationView", "For {what}:").format(what=what), None, None))
        L.append(
            (
                "eq",
                Row(Scripts(I("u"), sub=word(label)), EQ, v_out(label, True), I("h"), EQ, result(term.u)),
                "u",
                f"u = {full(term.u)}",
            )
        )
        L.append(
            (
                "eq",
                Row(
                    sigma(Scripts(I("u"), sub=word(label))),
                    EQ,
                    Frac("1", Row("1 + exp", Fence(Row("\u2212", arg(term.u))))),
                    EQ,
                    result(term.y),
                ),
                "y",
                f"\u03c3(u) = {full(term.y)}",
            )
        )
        if rec.output == "hs":
            L.append(
                (
                    "eq",
                    Row(
                        I("p"),
                        Fence(Row(Scripts(I("w"), sub=I("O")), T(" | "), I("h"))),
                        EQ,
                        BigOp("\u220f", Row(I("j"), "=1"), Row(I("L"), Fence(I("w")), "\u22121")),
                        sigma(
                            Row(
                                Fence(
                                    Row(
                                        I("n"),
                                        Fence(Row(I("w"), ",", I("j"), "+1")),
                                        EQ,
                                        "ch",
                                        Fence(Row(I("n"), Fence(Row(I("w"), ",", I("j"))))),
                                    ),
                                    "\u27e6",
                                    "\u27e7",
                                ),
                                DOT,
                                v_out(Row(I("n"), Fence(Row(I("w"), ",", I("j")))), True),
                                I("h"),
                            )
                        ),
                    ),
                    "y",
                    None,
                )
            )
    return L


def error(s, rec):
    L: list[tuple] = []  # (kind, payload, key, tip)
    name, j, term = representative(rec)
    sg = rec.output == "softmax" and rec.EI is not None
    if rec.output == "softmax":
        t = rec.t if rec.t.ndim == 1 else rec.t[0]
        e = rec.e if rec.e.ndim == 1 else rec.e[0]
        y = float(rec.y[j])
        L.append(
            (
                "eq",
                Row(
                    sub("e", "j") if not sg else Scripts(I("e"), sub=Row(I("c"), ",", I("j"))),
                    EQ,
                    sub("y", "j"),
                    MINUS_,
                    sub("t", "j") if not sg else Scripts(I("t"), sub=Row(I("c"), ",", I("j"))),
                ),
                "e",
                None,
            )
        )
        L.append(
            (
                "eq",
                Row(Scripts(I("e"), sub=word(name)), EQ, num(y), MINUS_, num(t[j]), EQ, result(e[j])),
                "e",
                f"e_{name} = {full(e[j])}",
            )
        )
        if sg:
            L.append(
                (
                    "eq",
                    Row(
                        Scripts(I("EI"), sub=I("j")),
                        EQ,
                        sum_(Row(I("c"), "=1"), I("C")),
                        Scripts(I("e"), sub=Row(I("c"), ",", I("j"))),
                        EQ,
                        Scripts(I("EI"), sub=word(name)),
                        EQ,
                        result(rec.EI[j]),
                    ),
                    "EI",
                    f"EI_{name} = {full(rec.EI[j])}",
                )
            )
            L.append(
                (
                    "eq",
                    Row(
                        I("E"),
                        EQ,
                        "\u2212",
                        sum_(Row(I("c"), "=1"), I("C")),
                        Scripts(I("u"), sub=Scripts(I("j"), sup="*", sub=I("c"))),
                        PLUS,
                        I("C"),
                        DOT,
                        "log",
                        sum_(Row(I("j"), PRIME, "=1"), I("V")),
                        "exp",
                        Fence(Scripts(I("u"), sub=I("j" + PRIME))),
                        EQ,
                        result(rec.loss),
                    ),
                    "E",
                    f"E = {full(rec.loss)}",
                )
            )
        else:
            L.append(
                (
                    "eq",
                    Row(
                        I("E"),
                        EQ,
                        "\u2212",
                        Scripts(I("u"), sub=Scripts(I("j"), sup="*")),
                        PLUS,
                        "log",
                        sum_(Row(I("j"), PRIME, "=1"), I("V")),
                        "exp",
                        Fence(Scripts(I("u"), sub=I("j" + PRIME))),
                        EQ,
                        "\u2212",
                        arg(rec.u[j]),
                        PLUS,
                        "log",
                        sum_(Row(I("j"), PRIME, "=1"), num(len(rec.u))),
                        "exp",
                        Fence(Scripts(I("u"), sub=I("j" + PRIME))),
                        EQ,
                        result(rec.loss),
                    ),
                    "E",
                    f"E = {full(rec.loss)}",
                )
            )
    elif rec.output == "hs":
        lab = f"n{j}"
        L.append(
            (
                "eq",
                Row(
                    sub("t", "j"),
                    EQ,
                    "1",
                    MINUS_,
                    Scripts(T(translate("EquationView", "code")), sub=I("j")),
                    EQ,
                    "1",
                    MINUS_,
                    num(term.code),
                    EQ,
                    result(term.t),
                ),
                "t",
                f"t = {full(term.t)}",
            )
        )
        L.append(
            (
                "eq",
                Row(
                    sub("e", "j"),
                    EQ,
                    sigma(Row(v_out("j", True), I("h"))),
                    MINUS_,
                    sub("t", "j"),
                    EQ,
                    num(term.y),
                    MINUS_,
                    num(term.t),
                    EQ,
                    result(term.e),
                ),
                "e",
                f"e_{lab} = {full(term.e)}",
            )
        )
        L.append(
            (
                "eq",
                Row(
                    I("E"),
                    EQ,
                    "\u2212",
                    sum_(Row(I("j"), "=1"), Row(I("L"), Fence(I("w")), "\u22121")),
                    "log ",
                    sigma(Row(Fence(T("\u00b7"), "\u27e6", "\u27e7"), DOT, v_out("j", True), I("h"))),
                    EQ,
                    result(rec.loss),
                ),
                "E",
                f"E = {full(rec.loss)}",
            )
        )
    else:
        L.append(
            (
                "eq",
                Row(
                    sub("t", "j"),
                    EQ,
                    "1 ",
                    T(translate("EquationView", "for")),
                    " ",
                    Scripts(I("w"), sub=I("O")),
                    ",  0 ",
                    T(translate("EquationView", "for")),
                    " ",
                    Scripts(I("w"), sub=I("j")),
                    " \u2208 ",
                    Scripts(I("W"), sub=T("neg")),
                ),
                "t",
                None,
            )
        )
        L.append(
            (
                "eq",
                Row(
                    sub("e", "j"),
                    EQ,
                    sigma(Row(v_out("j", True), I("h"))),
                    MINUS_,
                    sub("t", "j"),
                    ",   ",
                    Scripts(I("e"), sub=word(name)),
                    EQ,
                    num(term.y),
                    MINUS_,
                    num(term.t),
                    EQ,
                    result(term.e),
                ),
                "e",
                f"e_{name} = {full(term.e)}",
            )
        )
        L.append(
            (
                "eq",
                Row(
                    I("E"),
                    EQ,
                    "\u2212log ",
                    sigma(Row(v_out(Scripts(I("w"), sub=I("O")), True), I("h"))),
                    MINUS_,
                    sum_(Row(Scripts(I("w"), sub=I("j")), "\u2208", Scripts(I("W"), sub=T("neg")))),
                    "log ",
                    sigma(Row("\u2212", v_out(Scripts(I("w"), sub=I("j")), True), I("h"))),
                    EQ,
                    result(rec.loss),
                ),
                "E",
                f"E = {full(rec.loss)}",
            )
        )
    return L


def output_update(s, rec):
    L: list[tuple] = []  # (kind, payload, key, tip)
    name, j, term = representative(rec)
    sg = rec.output == "softmax" and rec.EI is not None
    err = Scripts(I("EI"), sub=I("j")) if sg else sub("e", "j")
    where = {
        "softmax": translate("EquationView", "for every j = 1 \u2026 V"),
        "hs": translate("EquationView", "for the nodes on the path only"),
        "ns": translate("EquationView", "for w_O and the negatives only"),
    }[rec.output]
    L.append(
        (
            "eq",
            Row(
                v_out("j"),
                T("(new)"),
                EQ,
                v_out("j"),
                T("(old)"),
                MINUS_,
                I("\u03b7"),
                DOT,
                err,
                DOT,
                I("h"),
                T("    "),
                T(where, italic=False),
            ),
            "out",
            None,
        )
    )
    hits = np.flatnonzero(np.asarray(rec.out_ids) == j)
    if len(hits):
        k = int(hits[0])
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
        tip = translate("EquationView", "{v} before = {b}\n\u0394 = {d}\nafter = {a}").format(
            v=f"v\u2032_{label}",
            b=full_vec(rec.out_before[k]),
            d=full_vec(rec.out_delta[k]),
            a=full_vec(rec.out_after[k]),
        )
        L.append(
            (
                "eq",
                Row(
                    v_out(label),
                    T("(new)"),
                    EQ,
                    vec(rec.out_before[k]),
                    MINUS_,
                    num(rec.lr),
                    DOT,
                    err_box,
                    DOT,
                    vec(rec.h),
                ),
                f"out:{j}",
                tip,
            )
        )
        L.append(("eq", Row(Space(3.0), EQ, vec(rec.out_after[k], color=RESULT, bold=True)), f"out:{j}", tip))
    return L


def input_update(s, rec):
    L: list[tuple] = []  # (kind, payload, key, tip)
    sg = rec.output == "softmax" and rec.EI is not None
    if rec.output == "softmax":
        err = Scripts(I("EI"), sub=I("j")) if sg else sub("e", "j")
        L.append(
            (
                "eq",
                Row(
                    Scripts(I("EH"), sub=I("i")),
                    EQ,
                    sum_(Row(I("j"), "=1"), I("V")),
                    err,
                    DOT,
                    Scripts(I("w"), sub=I("ij"), sup=PRIME),
                    ",   ",
                    I("EH"),
                    EQ,
                    vec(rec.EH, color=RESULT, bold=True),
                ),
                "EH",
                "EH = " + full_vec(rec.EH),
            )
        )
    elif rec.output == "hs":
        L.append(
            (
                "eq",
                Row(
                    I("EH"),
                    EQ,
                    sum_(Row(I("j"), "=1"), Row(I("L"), Fence(I("w")), "\u22121")),
                    sub("e", "j"),
                    DOT,
                    v_out("j"),
                    EQ,
                    vec(rec.EH, color=RESULT, bold=True),
                ),
                "EH",
                "EH = " + full_vec(rec.EH),
            )
        )
    else:
        L.append(
            (
                "eq",
                Row(
                    I("EH"),
                    EQ,
                    sum_(
                        Row(
                            Scripts(I("w"), sub=I("j")),
                            "\u2208{",
                            Scripts(I("w"), sub=I("O")),
                            "}\u222a",
                            Scripts(I("W"), sub=T("neg")),
                        )
                    ),
                    sub("e", "j"),
                    DOT,
                    v_out(Scripts(I("w"), sub=I("j"))),
                    EQ,
                    vec(rec.EH, color=RESULT, bold=True),
                ),
                "EH",
                "EH = " + full_vec(rec.EH),
            )
        )
    if rec.output != "softmax" and len(rec.targets) > 1:
        L.append(
            (
                "note",
                translate("EquationView", "(summed over the {n} targets of this example)").format(
                    n=len(rec.targets)
                ),
                None,
                None,
            )
        )
    C = len(rec.inputs)
    paper_cbow = rec.arch == "cbow" and rec.mode == "paper"
    share = Row(Frac("1", I("C")), DOT) if paper_cbow else Row()
    target = v_in(sub("w", "c")) if rec.arch == "cbow" else v_in(w_I())
    L.append(
        (
            "eq",
            Row(target, T("(new)"), EQ, target, T("(old)"), MINUS_, share, I("\u03b7"), DOT, I("EH")),
            "in",
            None,
        )
    )
    if rec.arch == "cbow" and rec.mode == "reference":
        L.append(
            (
                "note",
                translate("EquationView", "reference mode (word2vec.c): every context word gets the full EH"),
                None,
                None,
            )
        )
    if len(rec.in_ids):
        w = rec.in_words[0]
        n = rec.inputs.count(w)
        fr = Row(Frac(num(n), num(C)), DOT) if paper_cbow else (Row(num(n), DOT) if n > 1 else Row())
        tip = translate("EquationView", "{v} before = {b}\n\u0394 = {d}\nafter = {a}").format(
            v=f"v_{w}", b=full_vec(rec.in_before[0]), d=full_vec(rec.in_delta[0]), a=full_vec(rec.in_after[0])
        )
        L.append(
            (
                "eq",
                Row(
                    v_in(w), T("(new)"), EQ, vec(rec.in_before[0]), MINUS_, fr, num(rec.lr), DOT, vec(rec.EH)
                ),
                f"in:{int(rec.in_ids[0])}",
                tip,
            )
        )
        L.append(
            (
                "eq",
                Row(Space(3.0), EQ, vec(rec.in_after[0], color=RESULT, bold=True)),
                f"in:{int(rec.in_ids[0])}",
                tip,
            )
        )
    return L
