"""What the inspector's charts of the output layer name: the word of each bar, the bars that are this step's
targets, and what the hover tip says. Qt-free; the charts draw what :func:`output_labels` returns.

The bars of u, y, t and e (and EI) are one per output unit shown:

- full softmax: one bar per word j (all V, or the top K of a large vocabulary); the target word(s) w_O are
  the bars with t_j = 1, so they are the marked bars, always labelled. Skip-gram draws t and e as a matrix,
  one row per context word (its target), one column per word: the marked columns are the targets.
- hierarchical softmax: one bar per inner node n on the target's Huffman path (root first; several targets:
  their paths one after another). No bar is the target word itself — its leaf is below the last node — so
  nothing is marked as "the target"; the last node of each path is labelled with the word its path leads
  to (``n5→rules``) and always shown, and t = 1 − code is the bit of each branch taken.
- negative sampling: per target, the positive word w_O (t = 1, marked, labelled ``rules+``) then its k
  negatives (t = 0, ``queen−``); a negative drawn twice is two bars (both update v′), and its tip says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .i18n import QT_TRANSLATE_NOOP, translate

MINUS = "\u2212"
ARROW = "\u2192"


@dataclass(frozen=True)
class ChartLabels:
    """``labels``: the axis text of each bar; ``tips``: the hover name of each bar (``u[tip] = …``);
    ``marks``: the bars that are targets (outlined, labelled in bold whatever the space); ``always``: bars
    labelled whatever the space (the marks and, for hierarchical softmax, each path's last node);
    ``caption``: what the marked bars are, for the chart's title (e.g. "target: rules")."""

    labels: tuple[str, ...]
    tips: tuple[str, ...]
    marks: tuple[int, ...]
    always: tuple[int, ...]
    caption: str


#: the caption of hs / ns charts: (hierarchical softmax, several targets) → text
_CAPTIONS = {
    (True, False): QT_TRANSLATE_NOOP("ChartLabels", "path to {w}"),
    (True, True): QT_TRANSLATE_NOOP("ChartLabels", "paths to {w}"),
    (False, False): QT_TRANSLATE_NOOP("ChartLabels", "positive: {w}"),
    (False, True): QT_TRANSLATE_NOOP("ChartLabels", "positives: {w}"),
}


def _words(items) -> str:
    return ", ".join(dict.fromkeys(items))  # each once, in order


def softmax_labels(words, shown, target_ids) -> ChartLabels:
    """Full softmax: one bar per word of ``shown`` (indices into ``words``); the targets' bars are marked."""
    shown = [int(j) for j in shown]
    targets = [int(j) for j in target_ids]
    labels = tuple(str(words[j]) for j in shown)
    pos = {j: k for k, j in enumerate(shown)}
    marks = tuple(sorted({pos[j] for j in targets if j in pos}))
    names = _words(str(words[j]) for j in targets)
    if len(set(targets)) > 1:
        caption = translate("ChartLabels", "targets: {w}").format(w=names)
    else:
        caption = translate("ChartLabels", "target: {w}").format(w=names)
    return ChartLabels(labels, labels, marks, marks, caption)


def term_labels(rec) -> ChartLabels:
    """Hierarchical softmax or negative sampling: one bar per term of ``rec.terms()`` (per target, in
    order), named as the module docstring says."""
    labels: list[str] = []
    tips: list[str] = []
    marks: list[int] = []
    always: list[int] = []
    groups = rec.terms() or ()
    targets = [str(t) for t in rec.targets]
    hs = rec.output == "hs"
    for c, group in enumerate(groups):
        target = targets[c] if c < len(targets) else "?"
        drawn = Counter(tm.id for tm in group if tm.t != 1.0)
        for k, tm in enumerate(group):
            i = len(labels)
            if hs:
                last = k == len(group) - 1
                labels.append(f"{tm.word}{ARROW}{target}" if last else tm.word)
                tips.append(
                    translate("ChartLabels", "{node} on the path to {w}, bit {b}").format(
                        node=tm.word, w=target, b=tm.code
                    )
                )
                if last:
                    always.append(i)
            elif tm.t == 1.0:
                labels.append(f"{tm.word}+")
                tips.append(translate("ChartLabels", "{w}+ (positive: the target)").format(w=tm.word))
                marks.append(i)
                always.append(i)
            else:
                labels.append(f"{tm.word}{MINUS}")
                if drawn[tm.id] > 1:
                    tip = translate("ChartLabels", "{w}{m} (negative for {t}, drawn {n}\u00d7)").format(
                        w=tm.word, m=MINUS, t=target, n=drawn[tm.id]
                    )
                else:
                    tip = translate("ChartLabels", "{w}{m} (negative for {t})").format(
                        w=tm.word, m=MINUS, t=target
                    )
                tips.append(tip)
    many = len(set(targets)) > 1
    key = _CAPTIONS[(hs, many)]
    caption = translate("ChartLabels", key).format(w=_words(targets))
    return ChartLabels(tuple(labels), tuple(tips), tuple(marks), tuple(always), caption)


def output_labels(rec, words, shown=None) -> ChartLabels:
    """The labels of the u, y, t, e (EI) charts of ``rec``: :func:`softmax_labels` over ``shown`` (default
    all of ``words``) for full softmax, else :func:`term_labels`."""
    if rec.output == "softmax":
        return softmax_labels(words, range(len(words)) if shown is None else shown, rec.target_ids)
    return term_labels(rec)
