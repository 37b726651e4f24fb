"""The equations of phases 1 and 2 — the forward pass and the error — with this step's numbers.

:func:`forward` gives h, u and y (softmax, or σ(u) at the representative node or sample), :func:`error` the
error e = y − t (EI for skip-gram's softmax) and the loss E. Each returns ``(kind, payload, key, tip)``
items for :func:`~.equations.equation_lines`. The boxes and notation are :mod:`.typeset`'s.
"""

from __future__ import annotations

from .format import full, full_vec
from .i18n import translate
from .typeset import (
    DOT,
    EQ,
    MINUS_,
    PLUS,
    PRIME,
    RESULT,
    BigOp,
    Box,
    Fence,
    Frac,
    I,
    Row,
    Scripts,
    T,
    arg,
    narrow,
    num,
    result,
    sigma,
    sub,
    sum_,
    v_in,
    v_out,
    vec,
    w_I,
    word,
)


def representative(rec):
    """The representative term: (name shown, output id, NodeTerm or None)."""
    if rec.output == "softmax":
        return rec.targets[0], int(rec.target_ids[0]), None
    term = rec.terms()[0][0]
    return term.word, int(term.id), term


def softmax_frac(j):
    jj = I(j) if len(j) <= 2 else word(j)
    return Frac(
        Row("exp", Fence(Scripts(I("u"), sub=jj))),
        Row(sum_(Row(I("j"), PRIME, "=1"), I("V")), "exp", Fence(Scripts(I("u"), sub=I("j" + PRIME)))),
    )


# ---------------------------------------------------------------------------------------------------------
# the phases
def path_probability(short: bool = False) -> Row:
    """p(w_O | h) = Π_j σ(⟦n(w, j+1) = ch(n(w, j))⟧ · v′ᵀ_{n(w,j)} h): hierarchical softmax's probability of
    the output word; ``short`` writes ± for the paper's ⟦…⟧ (+ where the path goes to the left child)."""
    node = Row(I("n"), Fence(Row(I("w"), ",", I("j"))))
    factor: list[Box]
    if short:
        factor = [T("\u00b1")]
    else:
        child = Row(I("n"), Fence(Row(I("w"), ",", I("j"), "+1")), EQ, "ch", Fence(node))
        factor = [Fence(child, "\u27e6", "\u27e7"), DOT]
    return Row(
        I("p"),
        Fence(Row(Scripts(I("w"), sub=I("O")), T(" | "), I("h"))),
        EQ,
        BigOp("\u220f", Row(I("j"), "=1"), Row(I("L"), Fence(I("w")), "\u22121")),
        sigma(Row(*factor, v_out(node, True), I("h"))),
    )


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
        if rec.output == "hs":  # (a lecture's panel: the short form)
            L.append(("eq", path_probability(short=narrow()), "y", None))
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
