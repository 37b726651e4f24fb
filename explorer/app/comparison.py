"""The window's comparison with the user's trace (File ▸ Compare with my trace…), without Qt.

:class:`Comparison` holds the :class:`~explorer.check.comparison.TraceComparison` of a trace file against
the session's run, the difference gone to last (:attr:`Comparison.current`, for the marks and for Next /
Previous difference) and the difference at the step the window shows (:attr:`Comparison.here`, which the
inspector and the equations highlight with both values and the diagnosis). What a view draws of it is
computed here: :func:`highlight_keys` turns a difference's field into the walk's highlight keys
(``h u y t e EI E EH``, ``out:<id>``, ``in:<id>``), :func:`difference_text` the lines to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..check.command import command_line
from ..check.compare import StepDifference
from ..check.comparison import TraceComparison, field_target
from ..engine.presets import list_presets, preset_text
from .i18n import QT_TRANSLATE_NOOP, translate

#: the diagnoses' sentences (the same English as ``explorer.check.diagnose.DIAGNOSES``, which a test checks),
#: marked here so the window can show them in the interface language
DIAGNOSIS_TEXTS = {
    "e-sign": QT_TRANSLATE_NOOP(
        "Comparison",
        "every change points the opposite way: e = t − y instead of y − t, or the update adds η·e·h "
        "instead of subtracting it",
    ),
    "cbow-input-not-averaged": QT_TRANSLATE_NOOP(
        "Comparison",
        "the output vectors agree but each CBOW input row moved C times as far: it got η·EH instead of "
        "(1/C)·η·EH",
    ),
    "cbow-h-sum": QT_TRANSLATE_NOOP(
        "Comparison", "h is C times ours: h = Σ v_c instead of the mean (1/C)·Σ v_c"
    ),
    "skipgram-error-not-summed": QT_TRANSLATE_NOOP(
        "Comparison",
        "the output update uses one panel's error e_c, or y − Σ_c t_c, instead of EI = Σ_c e_c "
        "(= C·y − Σ_c t_c)",
    ),
    "eh-after-update": QT_TRANSLATE_NOOP(
        "Comparison",
        "W′ agrees but the input update equals Σ e_j v'_j with the already updated v'_j: EH must use the "
        "output vectors from before the step",
    ),
    "repeated-id-overwritten": QT_TRANSLATE_NOOP(
        "Comparison",
        "only vectors that occur twice in this step differ: they got one update instead of the sum (numpy "
        "fancy-index `W[ids] += …` keeps only one)",
    ),
    "hs-code-flipped": QT_TRANSLATE_NOOP(
        "Comparison",
        "the hierarchical-softmax updates fit t = code instead of t = 1 − code (bit 0 means 'left', t = 1)",
    ),
    "ns-positive-as-negative": QT_TRANSLATE_NOOP(
        "Comparison",
        "only the positive word's vector differs, pushed away from h: a negative equal to the positive word "
        "was not skipped (word2vec.c skips it)",
    ),
    "lr-schedule": QT_TRANSLATE_NOOP(
        "Comparison",
        "every change points the same way but is c times as long: another learning rate or decay schedule",
    ),
    "wrong-input-row": QT_TRANSLATE_NOOP(
        "Comparison", "the input update has the right value but lands on another word's row of W"
    ),
    "softmax-overflow": QT_TRANSLATE_NOOP(
        "Comparison",
        "theirs has inf or NaN where ours is finite: exp(u) overflowed (subtract max(u) before "
        "exponentiating)",
    ),
    "loss-only": QT_TRANSLATE_NOOP("Comparison", "every parameter agrees, only the reported loss differs"),
    "unknown": QT_TRANSLATE_NOOP("Comparison", "no known mistake has this pattern; compare the numbers"),
}

#: fields of a trace whose difference highlights the quantity of the same name
_SAME_KEY = {"h", "u", "y", "t", "e", "EI", "EH"}


def diagnosis_text(diff: StepDifference) -> str:
    """The diagnosis of ``diff`` in the interface language (a detail in parentheses is kept as it is)."""
    d = diff.diagnosis
    base = DIAGNOSIS_TEXTS.get(d.id)
    if base is None or not d.text.startswith(base):
        return d.text
    return translate("Comparison", base) + d.text[len(base) :]


def highlight_keys(model, diff: StepDifference | None) -> frozenset:
    """The highlight keys of the quantity ``diff`` names: ``W_out[:, queen]`` → ``out`` (the update's general
    equation and chart) and ``out:<id of queen>`` (its own row and equation, where shown), ``W[king]`` →
    ``in`` and ``in:<id>``, ``loss`` → ``E``, ``h[2]`` → ``h``, ``paths[0][id=3].e`` → ``e``."""
    if diff is None:
        return frozenset()
    what, label = field_target(diff.field)
    if what in ("W_out", "W"):
        kind = "out" if what == "W_out" else "in"
        j = _vector_id(model, what, label)
        return frozenset({kind} if j is None else {kind, f"{kind}:{j}"})
    if what == "loss":
        return frozenset({"E"})
    if what in ("paths", "samples"):
        last = diff.field.rsplit(".", 1)[-1] if "." in diff.field else "e"
        return frozenset({last if last in _SAME_KEY else "e"})
    return frozenset({what}) if what in _SAME_KEY else frozenset()


def _vector_id(model, what: str, label: str | None) -> int | None:
    if label is None:
        return None
    if what == "W_out" and model.config.output == "hs":
        return int(label[1:]) if label[:1] == "n" and label[1:].isdigit() else None
    j = model.vocab.index.get(label)
    return None if j is None else int(j)


def difference_text(diff: StepDifference) -> tuple[str, str, str, str]:
    """(headline, ours, theirs, diagnosis) of a difference, in the interface language."""
    where = diff.step if diff.step is not None else diff.entry
    head = translate("Comparison", "Step {step} differs in {field}").format(step=where, field=diff.field)
    return (
        head,
        translate("Comparison", "ours: {value}").format(value=diff.ours),
        translate("Comparison", "theirs: {value}").format(value=diff.theirs),
        translate("Comparison", "diagnosis: {id} — {text}").format(
            id=diff.diagnosis.id, text=diagnosis_text(diff)
        ),
    )


def difference_step(diff: StepDifference) -> int:
    return int(diff.step if diff.step is not None else diff.entry)


@dataclass
class Comparison:
    """A trace compared with the session's run; ``current`` the difference gone to, ``here`` the one at the
    shown step (with its highlight keys)."""

    result: TraceComparison
    path: str
    current: StepDifference | None = None
    here: StepDifference | None = None
    here_keys: frozenset = field(default_factory=frozenset)

    @property
    def steps(self) -> list[int]:
        """The differing steps, ascending."""
        return self.result.steps

    def position(self, diff: StepDifference | None = None) -> tuple[int, int]:
        """(1-based index of ``diff`` (default: current) among the differing steps, how many there are)."""
        diff = diff if diff is not None else self.current
        if diff is None:
            return 0, len(self.steps)
        return self.steps.index(difference_step(diff)) + 1, len(self.steps)

    def follow(self, session) -> bool:
        """Update :attr:`here` for the step ``session`` shows; True when it changed."""
        rec = session.record if session is not None else None
        here = self.result.at(int(rec.step)) if rec is not None else None
        if here is self.here:
            return False
        self.here = here
        self.here_keys = highlight_keys(session.model, here) if here is not None else frozenset()
        return True

    def summary(self) -> str:
        """One line for the status bar after the comparison was made."""
        r = self.result
        if r.agree:
            return translate("Comparison", "Your trace agrees with this run: {n} steps compared.").format(
                n=r.steps_compared
            )
        if not r.steps:
            return translate("Comparison", "No step differs, but the traces differ in length: {what}").format(
                what=r.length_message
            )
        first = r.first()
        assert first is not None  # r.steps is not empty
        text = translate("Comparison", "{n} of {m} steps differ; the first is step {step} ({field}): {id}.")
        return text.format(
            n=len(r.steps),
            m=r.steps_compared,
            step=difference_step(first),
            field=first.field,
            id=first.diagnosis.id,
        )


def session_command(session) -> tuple[str, list[str]]:
    """(command line reproducing ``session``'s run, notes on what it cannot say) for "Copy as command".

    The preset is named when the session's text is a preset's, else the corpus
    is ``CORPUS.txt`` (a note says to save the text there); a learning rate changed before step 1 becomes
    ``--lr``, a later change is noted; initial weights other than the seed's become ``--weights
    initial_weights.npz`` (File ▸ Export initial weights writes it).
    """
    notes = []
    preset = (
        session.name
        if session.name in list_presets() and preset_text(session.name).strip() == session.text.strip()
        else None
    )
    if preset is None:
        notes.append(translate("Comparison", "save the corpus as CORPUS.txt"))
    changes = session.schedule.changes
    lr = changes[0][1] if changes[0][1] != session.config.lr else None
    if len(changes) > 1:
        notes.append(translate("Comparison", "η was changed during training; the command uses one η"))
    seed = session.model.init_params()
    weights = None
    if not (np.array_equal(seed.W, session.initial.W) and np.array_equal(seed.W_out, session.initial.W_out)):
        weights = "initial_weights.npz"
        notes.append(translate("Comparison", "export the initial weights as initial_weights.npz"))
    line = command_line(
        session.config,
        preset=preset,
        fmt=session.fmt,
        steps=max(int(session.furthest), 1),
        lr=lr,
        weights=weights,
    )
    return line, notes


__all__ = [
    "Comparison",
    "DIAGNOSIS_TEXTS",
    "diagnosis_text",
    "difference_step",
    "difference_text",
    "highlight_keys",
    "session_command",
]
