"""The guided walk: one example's update, phase by phase, in the derivation's words and numbers.

``walk_items(record)`` turns a step record into a list of :class:`WalkItem`s — forward (h, u, y), error
(t and e, EI for several panels, E), output update (each v'_j that changed), hidden error (EH), input update
(each v_w that changed). Each item names the phase it belongs to (the session's sub-step), the quantities to
highlight in the other views (keys: ``h u y t e EI E EH``, ``out:<id>``, ``in:<id>``) and a caption with this
step's numbers. Captions only read the record: nothing is recomputed.

:class:`WalkCursor` is where the walk is (its item within the record the session shows); the commands
``walk_next`` / ``walk_previous`` (:mod:`.commands`) move it and sub-step the session as needed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine.model import PHASES
from .i18n import QT_TRANSLATE_NOOP, translate

#: the session's phase names (``Session.phase``) as the views show them
PHASE_TITLES = {
    "forward": QT_TRANSLATE_NOOP("Phase", "forward"),
    "error": QT_TRANSLATE_NOOP("Phase", "error"),
    "output update": QT_TRANSLATE_NOOP("Phase", "output update"),
    "input update": QT_TRANSLATE_NOOP("Phase", "input update"),
}


def phase_title(phase: str | None) -> str:
    """A phase of the session (``"forward"``, ``"output update"``, …) in the interface language."""
    if phase in PHASE_TITLES:
        return translate("Phase", PHASE_TITLES[phase])
    return phase or ""


#: at most this many output vectors get an item of their own (the targets and the largest changes)
MAX_OUT_ITEMS = 8


def tr(text: str) -> str:
    """``text`` (already marked for lupdate) in the interface language, context ``Walk``."""
    return translate("Walk", text)


def fmt(x: float) -> str:
    return f"{x:.4g}"


def vec(a, n: int = 6) -> str:
    a = np.asarray(a)
    inner = ", ".join(fmt(v) for v in a[:n])
    return f"({inner}{', …' if len(a) > n else ''})"


@dataclass(frozen=True)
class WalkItem:
    phase_index: int  # 0 forward, 1 error, 2 output update, 3 input update
    key: str  # stable identifier within the example
    highlight: frozenset
    caption: str
    #: a question for the class asked before this item's phase is shown (prediction prompts), or ""
    prompt: str = ""


def _output_order(rec) -> list[int]:
    """Row indices into rec.out_* to walk: targets first, then the largest changes."""
    ids = [int(i) for i in rec.out_ids]
    if not ids:
        return []
    norms = np.linalg.norm(rec.out_delta, axis=1)
    first = [k for k, i in enumerate(ids) if rec.output != "hs" and i in rec.target_ids]
    rest = [k for k in np.argsort(-norms, kind="stable") if k not in first]
    return (first + rest)[:MAX_OUT_ITEMS]


# -- why: which outputs were over- or under-estimated, which vectors move toward or away from h ----------
def out_errors(rec) -> dict[int, float]:
    """The error each changed output vector's update used, v'_j ← v'_j − η·g_j·h: g_j = e_j (one panel),
    EI_j = Σ_c e_c,j (several panels), or Σ e over the terms of vector j (hs, ns; skipped terms left out)."""
    if rec.output == "softmax":
        if rec.EI is not None:
            g = rec.EI
        else:
            g = rec.e if rec.e.ndim == 1 else rec.e.sum(axis=0)
        return {int(j): float(g[j]) for j in rec.out_ids}
    acc: dict[int, float] = {}
    for group in rec.terms() or ():
        for t in group:
            if not t.skipped:
                acc[t.id] = acc.get(t.id, 0.0) + t.e
    return acc


def _why_error(rec) -> str:
    """Which output the model over-estimated most and which it under-estimated, and what that will do."""
    if rec.output == "softmax":
        y, tids = rec.y, set(rec.target_ids)
        wrong = [int(j) for j in np.argsort(-y, kind="stable") if int(j) not in tids]
        j0, w0 = rec.target_ids[0], rec.targets[0]
        e0 = rec.e if rec.e.ndim == 1 else rec.e[0]
        parts = []
        if wrong:
            j = wrong[0]
            parts.append(
                translate(
                    "Walk",
                    "Why: “{w}” is pushed away because it is the wrong word with the highest "
                    "y = {y} (over-estimated: t = 0, e = {e} > 0).",
                ).format(
                    w=rec.out_words[list(rec.out_ids).index(j)] if j in rec.out_ids else str(j),
                    y=fmt(y[j]),
                    e=fmt(e0[j]),
                )
            )
        parts.append(
            translate(
                "Walk",
                "The target “{w}” is under-estimated (y = {y} < t = 1, e = {e} < 0): it is pulled toward h.",
            ).format(w=w0, y=fmt(y[j0]), e=fmt(e0[j0]))
        )
        return " ".join(parts)
    terms = [t for group in rec.terms() or () for t in group if not t.skipped]
    if not terms:
        return ""
    if rec.output == "hs":
        t = max(terms, key=lambda t: abs(t.e))
        if t.t == 1:
            cap = translate(
                "Walk",
                "Why: the largest error is at node n{n}: the path turns left there (t = 1), "
                "but the model gives that turn only σ(u) = {y} (under-estimated, e = {e} < 0), "
                "so v'_n{n} will move toward h.",
            )
        else:
            cap = translate(
                "Walk",
                "Why: the largest error is at node n{n}: the path turns right there (t = 0), "
                "but the model gives the left turn σ(u) = {y} (over-estimated, e = {e} > 0), "
                "so v'_n{n} will be pushed away from h.",
            )
        return cap.format(n=t.id, y=fmt(t.y), e=fmt(t.e))
    pos = rec.terms()[0][0]
    negs = [t for t in terms if t.t == 0]
    cap = translate(
        "Walk",
        "Why: the positive word “{w}” is under-estimated (σ(u) = {y} < 1, e = {e}): it is pulled toward h.",
    ).format(w=pos.word, y=fmt(pos.y), e=fmt(pos.e))
    if negs:
        n = max(negs, key=lambda t: t.y)
        cap += " " + translate(
            "Walk",
            "Of the negatives, “{w}” is the most over-estimated (σ(u) = {y}, e = {e} "
            "> 0): it is pushed away from h the most.",
        ).format(w=n.word, y=fmt(n.y), e=fmt(n.e))
    return cap


def _why_output(rec, k: int, g: float, sym: str) -> str:
    """Why output vector row ``k`` moves the way it does: toward h when its error is negative."""
    w = rec.out_words[k]
    n = fmt(float(np.linalg.norm(rec.out_delta[k])))
    if g < 0:
        cap = translate(
            "Walk",
            "Why: {sym} = {g} < 0 (under-estimated), so −η·{sym}·h points along h: v'_{w} "
            "moves toward h by ‖Δ‖ = {n}.",
        )
    else:
        cap = translate(
            "Walk",
            "Why: {sym} = {g} > 0 (over-estimated), so −η·{sym}·h points against h: v'_{w} "
            "is pushed away from h by ‖Δ‖ = {n}.",
        )
    return cap.format(sym=sym, g=fmt(g), w=w, n=n)


def _why_input(rec, k: int) -> str:
    n = fmt(float(np.linalg.norm(rec.in_delta[k])))
    return translate(
        "Walk",
        "Why: EH adds up the output vectors weighted by their errors, so −EH points toward "
        "the under-estimated outputs' v' and away from the over-estimated ones; “{w}” moves "
        "that way by ‖Δ‖ = {n}.",
    ).format(w=rec.in_words[k], n=n)


def _prompts(rec) -> dict[int, str]:
    """The question asked before each phase (1 error, 2 output update, 3 input update) is shown."""
    if rec.output == "hs":
        err = translate(
            "Walk",
            "Predict: at which node of the path is the error e largest, and is it positive or negative?",
        )
    elif rec.output == "ns":
        err = translate(
            "Walk", "Predict: which sample is over-estimated the most, and which under-estimated?"
        )
    else:
        err = translate(
            "Walk", "Predict: which output word was over-estimated the most, and which under-estimated?"
        )
    return {
        1: err,
        2: translate("Walk", "Predict: which v'_j will move toward h, and which away from it?"),
        3: translate(
            "Walk", "Predict: which of the input vectors of {ins} moves the most, and in which direction?"
        ).format(ins=", ".join(dict.fromkeys(rec.inputs))),
    }


def _with_prompts(rec, items: list[WalkItem]) -> list[WalkItem]:
    """The first item of each phase after the forward pass carries that phase's question."""
    asks = _prompts(rec)
    out, seen = [], set()
    for it in items:
        if it.phase_index in asks and it.phase_index not in seen:
            seen.add(it.phase_index)
            it = WalkItem(it.phase_index, it.key, it.highlight, it.caption, asks[it.phase_index])
        out.append(it)
    return out


def walk_items(rec) -> list[WalkItem]:
    items: list[WalkItem] = []
    C = len(rec.inputs)
    ins = ", ".join(rec.inputs)
    outs = ", ".join(rec.targets)
    # -- forward ------------------------------------------------------------------------------------
    if C == 1:
        cap = translate(
            "Walk", "Forward. The input word is “{ins}”, so h is simply its input vector: h = v_I = {h}."
        )
    else:
        cap = translate(
            "Walk",
            "Forward. The C = {C} input words are {ins}; h is the average of their input "
            "vectors: h = (1/C) Σ v_w = {h}.",
        )
    items.append(WalkItem(0, "h", frozenset({"h"}), cap.format(ins=ins, C=C, h=vec(rec.h))))
    if rec.output == "softmax":
        j = rec.target_ids[0]
        cap = translate(
            "Walk", "Each output word j gets the score u_j = v'_jᵀh. For the target “{w}”: u = {u}."
        )
        items.append(WalkItem(0, "u", frozenset({"u"}), cap.format(w=rec.targets[0], u=fmt(rec.u[j]))))
        cap = translate(
            "Walk",
            "The softmax turns scores into probabilities: y_j = exp(u_j) / Σ_j' exp(u_j'). "
            "The model now gives “{w}” the probability y = {y}.",
        )
        items.append(WalkItem(0, "y", frozenset({"y"}), cap.format(w=rec.targets[0], y=fmt(rec.y[j]))))
    else:
        terms = rec.terms()[0]
        live = [t for t in terms if not t.skipped] or list(terms)
        t0 = live[0]
        if rec.output == "hs":
            cap = translate(
                "Walk",
                "Hierarchical softmax walks the Huffman path of “{w}” ({n} inner nodes). At "
                "each node u = v'_nᵀh; at the root, u = {u}.",
            )
            items.append(
                WalkItem(0, "u", frozenset({"u"}), cap.format(w=rec.targets[0], n=len(terms), u=fmt(t0.u)))
            )
            cap = translate(
                "Walk",
                "y = σ(u) is the probability of going left at a node: at the root y = {y}. "
                "p(w) is the product of the probabilities of the turns on the path.",
            )
        else:
            cap = translate(
                "Walk",
                "Negative sampling scores the positive word “{w}” and {k} sampled negatives: "
                "u = v'ᵀh; for the positive, u = {u}.",
            )
            items.append(
                WalkItem(
                    0, "u", frozenset({"u"}), cap.format(w=rec.targets[0], k=len(terms) - 1, u=fmt(t0.u))
                )
            )
            cap = translate(
                "Walk",
                "y = σ(u) is the probability that a word is the real context: for the positive y = {y}.",
            )
        items.append(WalkItem(0, "y", frozenset({"y"}), cap.format(y=fmt(t0.y))))
    # -- error --------------------------------------------------------------------------------------
    if rec.output == "softmax":
        j = rec.target_ids[0]
        e0 = rec.e if rec.e.ndim == 1 else rec.e[0]
        cap = translate(
            "Walk",
            "Error. t is 1 for the target “{w}” and 0 elsewhere; e_j = y_j − t_j. For the "
            "target e = {e} (negative: its score must rise); every other word has "
            "e_j = y_j > 0.",
        )
        items.append(WalkItem(1, "e", frozenset({"t", "e"}), cap.format(w=rec.targets[0], e=fmt(e0[j]))))
        if rec.EI is not None:
            cap = translate(
                "Walk",
                "Skip-gram predicts {P} context words ({outs}) from one h: the errors of the "
                "panels add up, EI_j = Σ_c e_c,j.",
            )
            items.append(WalkItem(1, "EI", frozenset({"EI"}), cap.format(P=len(rec.targets), outs=outs)))
    else:
        t0 = rec.terms()[0][0]
        cap = translate(
            "Walk",
            "Error. e = y − t at every term (t = 1 for the left turn / the positive word, "
            "0 otherwise); at the first term e = {y} − {t} = {e}.",
        )
        items.append(
            WalkItem(1, "e", frozenset({"t", "e"}), cap.format(y=fmt(t0.y), t=fmt(t0.t), e=fmt(t0.e)))
        )
    why = _why_error(rec)
    if why:
        k = next(i for i, it in enumerate(items) if it.key == "e")
        it = items[k]
        items[k] = WalkItem(it.phase_index, it.key, it.highlight, it.caption + " " + why)
    cap = translate(
        "Walk", "The loss of this example is E = {E}: the smaller, the better the prediction of {outs}."
    )
    items.append(WalkItem(1, "E", frozenset({"E"}), cap.format(E=fmt(rec.loss), outs=outs)))
    # -- output update ------------------------------------------------------------------------------
    sym = "EI_j" if rec.EI is not None else "e_j"
    errors = out_errors(rec)
    for k in _output_order(rec):
        i, w = int(rec.out_ids[k]), rec.out_words[k]
        cap = translate(
            "Walk", "Output update of v'_{w}: v'(new) = v'(old) − η·{sym}·h with η = {lr}: {b} + {d} = {a}."
        )
        cap = cap.format(
            w=w,
            sym=sym,
            lr=fmt(rec.lr),
            b=vec(rec.out_before[k]),
            d=vec(rec.out_delta[k]),
            a=vec(rec.out_after[k]),
        )
        if i in errors:
            cap += " " + _why_output(rec, k, errors[i], sym)
        items.append(WalkItem(2, f"out:{i}", frozenset({"out", f"out:{i}"}), cap))
    extra = len(rec.out_ids) - min(len(rec.out_ids), MAX_OUT_ITEMS)
    if extra > 0:
        cap = translate(
            "Walk", "… and {n} more output vectors change the same way (the full softmax updates every v'_j)."
        )
        items.append(WalkItem(2, "out:more", frozenset({"out"}), cap.format(n=extra)))
    # -- hidden error and input update --------------------------------------------------------------
    cap = translate(
        "Walk",
        "Hidden error. EH = Σ_j {sym}·v'_j, with the output vectors from before the update: EH = {EH}.",
    )
    items.append(WalkItem(3, "EH", frozenset({"EH"}), cap.format(sym=sym, EH=vec(rec.EH))))
    for k in range(len(rec.in_ids)):
        i, w = int(rec.in_ids[k]), rec.in_words[k]
        if rec.mode == "paper" and C > 1:
            rule = translate("Walk", "v(new) = v(old) − (1/C)·η·EH")
        else:
            rule = translate("Walk", "v(new) = v(old) − η·EH")
        cap = translate("Walk", "Input update of “{w}”: {rule}: {b} + {d} = {a}.")
        cap = cap.format(
            w=w, rule=rule, b=vec(rec.in_before[k]), d=vec(rec.in_delta[k]), a=vec(rec.in_after[k])
        )
        items.append(WalkItem(3, f"in:{i}", frozenset({"in", f"in:{i}"}), cap + " " + _why_input(rec, k)))
    return _with_prompts(rec, items)


def session_phase(session) -> int:
    """The index in ``PHASES`` of the phase the session shows (-1 before the first example)."""
    return -1 if session.phase is None else PHASES.index(session.phase)


class WalkCursor:
    """The walk's items for the record the session shows, and the current one (``index``)."""

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.items: list[WalkItem] = []
        self.index = 0
        self._texts_stale = False
        #: the item whose question the walk is asking (prediction prompts), before its phase is shown
        self.asking: WalkItem | None = None

    def ask_before_next(self) -> bool:
        """With prediction prompts on, called before moving on: True when the walk now asks the next item's
        question (stay; the next call moves on and shows the answer), False to move on now."""
        if self.asking is not None:
            self.asking = None
            return False
        if not self.items or self.index + 1 >= len(self.items):
            return False
        nxt = self.items[self.index + 1]
        if nxt.prompt and nxt.phase_index != self.items[self.index].phase_index:
            self.asking = nxt
            return True
        return False

    def retranslate(self) -> None:
        """The captions again at the next :meth:`sync` (the interface language changed); the walk stays
        where it is."""
        self._texts_stale = True

    def sync(self, session, prefer_last: bool = False) -> None:
        """Items again when the record changed; keep the index inside the session's phase (its first item,
        or its last with ``prefer_last``)."""
        rec = session.record
        key = None if rec is None else (id(session), rec.step, rec.loss, rec.lr)
        if key != self.key or self._texts_stale:
            if key != self.key:
                self.index = 0
                self.asking = None
            self.key = key
            self.items = walk_items(rec) if rec is not None else []
            self.index = min(self.index, max(0, len(self.items) - 1))
            if self.asking is not None:  # the same question in the new language
                self.asking = next((it for it in self.items if it.key == self.asking.key), None)
            self._texts_stale = False
        if not self.items:
            return
        ph = session_phase(session)
        if self.items[self.index].phase_index != ph:
            idx = [i for i, it in enumerate(self.items) if it.phase_index == ph]
            if idx:
                self.index = idx[-1] if prefer_last else idx[0]

    @property
    def current(self) -> WalkItem | None:
        return self.items[self.index] if self.items else None

    def position(self) -> tuple[int, int]:
        """(1-based index, number of items); (0, 0) without items."""
        return (self.index + 1, len(self.items)) if self.items else (0, 0)
