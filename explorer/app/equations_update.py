"""The equations of phases 3 and 4 — the output and input vectors update — with this step's numbers.

:func:`output_update` gives v′_j(new) = v′_j(old) − η·e_j·h and the representative output vector's numbers,
:func:`input_update` EH and v_w(new) = v_w(old) − η·EH (a 1/C share in the paper's CBOW) with the first
input's numbers. Each returns ``(kind, payload, key, tip)`` items for :func:`~.equations.equation_lines`.
The boxes and notation are :mod:`.typeset`'s.
"""

from __future__ import annotations

import numpy as np

from .equations_forward import representative
from .format import full_vec
from .i18n import translate
from .typeset import (
    DOT,
    EQ,
    MINUS_,
    PLUS,
    PRIME,
    RESULT,
    Fence,
    Frac,
    I,
    Row,
    Scripts,
    Space,
    T,
    arg,
    narrow,
    num,
    sub,
    sum_,
    v_in,
    v_out,
    vec,
    w_I,
)


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
                *(() if narrow() else (T("    "), T(where, italic=False))),
            ),
            "out",
            None,
        )
    )
    if narrow():  # a lecture's panel: the comment on a line of its own
        L.append(("note", where, None, None))
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
