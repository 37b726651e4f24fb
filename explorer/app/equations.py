"""What the equations panel shows: the equations of the current phase with this step's numbers.

:func:`equation_lines` turns the session's record into lines — headings, notes and equations — each
equation a tree of :class:`~.typeset.Box` pieces (text, fractions, scripts, big operators, fences;
:mod:`.typeset`), with the walk's key it belongs to and a tooltip of exact numbers. The equations of each
phase are in :mod:`.equations_forward` (1. forward pass, 2. error) and :mod:`.equations_update`
(3. output vectors update, 4. input vectors update); step 0's, without numbers, are here. Nothing here
draws: ``explorer.qt.views.equation_render`` lays the boxes out and paints them.
"""

from __future__ import annotations

from ..engine.model import PHASES
from .equations_forward import error, forward, softmax_frac
from .equations_update import input_update, output_update
from .i18n import translate
from .typeset import EQ, Fence, Frac, I, Row, T, sigma, sub, sum_, v_in, v_out, vector_components, w_I
from .walk import phase_title


# ---------------------------------------------------------------------------------------------------------
# the lines of the panel
def phase_heading(i: int) -> str:
    return [
        translate("EquationView", "1. Forward pass"),
        translate("EquationView", "2. Error"),
        translate("EquationView", "3. Output vectors update"),
        translate("EquationView", "4. Input vectors update"),
    ][i]


def equation_lines(s, current_only: bool = False, components: int = 3) -> tuple[list[tuple], str]:
    """(lines, caption) for the session's current state. A line is ``(kind, payload, key, dim, tip)``:
    ``kind`` ``"heading"`` / ``"note"`` (payload a text) or ``"eq"`` (payload a :class:`~.typeset.Box`);
    ``key`` the walk's highlight key; ``dim`` for an earlier phase (grey); ``tip`` the exact numbers.

    ``current_only``: the current phase's equations without the earlier phases (a lecture's panel shows the
    phase being taught; the caption names it); ``components``: how many components a vector shows (see
    :func:`~.typeset.vector_components`; the tooltip has them all)."""
    rec = s.record
    if rec is None:
        return general_lines(s), translate(
            "EquationView", "Step 0: take a step to see the equations with its numbers."
        )
    k = PHASES.index(s.phase)
    lines = []
    with vector_components(components):
        for i, build in enumerate((forward, error, output_update, input_update)[: k + 1]):
            if current_only and i < k:
                continue
            dim = i < k
            if not current_only:  # else the caption names the phase
                lines.append(("heading", phase_heading(i), None, dim, None))
            for kind, payload, key, tip in build(s, rec):
                lines.append((kind, payload, key, dim, tip))
    if current_only:
        caption = phase_heading(k) + translate(
            "EquationView", " (blue: this step's numbers; red: the result)"
        )
    else:
        caption = translate(
            "EquationView",
            "Step {k}, phase \u201c{ph}\u201d: earlier phases in grey. Blue: this "
            "step's numbers; red: the result.",
        )
    return lines, caption.format(k=rec.step, ph=phase_title(s.phase))


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
