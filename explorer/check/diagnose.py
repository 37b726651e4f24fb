"""Which known mistake a difference looks like, recognised from the numbers of one step (not from code).

Each rule looks at ours and theirs of the step that first differs — the changes Δ of W′'s columns and W's
rows, and whatever quantities both sides have (h, e, EI, EH, loss) — and asks whether the difference has
the shape one mistake leaves. Quantities a mistake would produce are computed from ours' own numbers
(u, y, t, e of the step, its h, the vectors' before-values), never by running anybody's code. Rules are
tried in the order of :data:`RULES`; the first that fits names the mistake, else ``unknown``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from .steps import StepData, vector_diff

#: id → one sentence (the README lists the same)
DIAGNOSES = {
    "e-sign": "every change points the opposite way: e = t − y instead of y − t, or the update adds η·e·h "
    "instead of subtracting it",
    "cbow-input-not-averaged": "the output vectors agree but each CBOW input row moved C times as far: it "
    "got η·EH instead of (1/C)·η·EH",
    "cbow-h-sum": "h is C times ours: h = Σ v_c instead of the mean (1/C)·Σ v_c",
    "skipgram-error-not-summed": "the output update uses one panel's error e_c, or y − Σ_c t_c, instead of "
    "EI = Σ_c e_c (= C·y − Σ_c t_c)",
    "eh-after-update": "W′ agrees but the input update equals Σ e_j v'_j with the already updated v'_j: EH "
    "must use the output vectors from before the step",
    "repeated-id-overwritten": "only vectors that occur twice in this step differ: they got one update "
    "instead of the sum (numpy fancy-index `W[ids] += …` keeps only one)",
    "hs-code-flipped": "the hierarchical-softmax updates fit t = code instead of t = 1 − code (bit 0 means "
    "'left', t = 1)",
    "ns-positive-as-negative": "only the positive word's vector differs, pushed away from h: a negative "
    "equal to the positive word was not skipped (word2vec.c skips it)",
    "lr-schedule": "every change points the same way but is c times as long: another learning rate or decay "
    "schedule",
    "wrong-input-row": "the input update has the right value but lands on another word's row of W",
    "softmax-overflow": "theirs has inf or NaN where ours is finite: exp(u) overflowed (subtract max(u) "
    "before exponentiating)",
    "loss-only": "every parameter agrees, only the reported loss differs",
    "unknown": "no known mistake has this pattern; compare the numbers",
}


@dataclass(frozen=True)
class Diagnosis:
    id: str
    text: str

    def __str__(self) -> str:
        return f"{self.id}: {self.text}"


def _d(id_: str, detail: str = "") -> Diagnosis:
    return Diagnosis(id_, DIAGNOSES[id_] + (f" ({detail})" if detail else ""))


def _norm(a) -> float:
    return float(np.linalg.norm(a))


class _Step:
    """What the rules need, prepared once: pairs of Δ (ours, theirs) by vector, ours' terms."""

    def __init__(self, ours: StepData, theirs: StepData, tol: float, fields: list[str]):
        self.o, self.t, self.tol = ours, theirs, tol
        self.fields = set(fields)
        raw = ours.raw
        self.arch, self.output, self.mode = raw.get("arch"), raw.get("output"), raw.get("mode")
        self.inputs = list(raw.get("inputs") or [])
        self.targets = list(raw.get("targets") or [])
        self.C = len(self.inputs)
        self.lr = float(ours.values["lr"]) if "lr" in ours.values else None
        self.h = ours.values.get("h")
        self.pairs = {"out": self._pairs("out"), "in": self._pairs("in")}
        self.id_label = {i: lab for lab, i in ours.out_ids.items()}

    def _pairs(self, kind: str):
        if kind not in self.fields:
            return None
        o = self.o.out if kind == "out" else self.o.in_
        t = self.t.out if kind == "out" else self.t.in_
        assert o is not None and t is not None  # ``fields`` lists only what both sides have
        out = []
        for lab in list(o) + [k for k in t if k not in o]:
            ref = (o[lab] if lab in o else t[lab]).delta
            a = o[lab].delta if lab in o else np.zeros_like(ref)
            b = t[lab].delta if lab in t else np.zeros_like(ref)
            if a.shape == b.shape:
                out.append((lab, a, b))
        return out

    # -- helpers -----------------------------------------------------------------------------------
    def close(self, a, b, rtol: float = 1e-6) -> bool:
        a, b = np.asarray(a, float), np.asarray(b, float)
        if a.shape != b.shape:
            return False
        return _norm(a - b) <= rtol * max(_norm(a), _norm(b)) + self.tol * np.sqrt(max(a.size, 1))

    def agree(self, kind: str) -> bool:
        """Every Δ of ``kind`` agrees within tol (True when the side has none to compare)."""
        p = self.pairs[kind]
        return p is None or all(vector_diff(a, b, self.tol) is None for _, a, b in p)

    def differing(self, kind: str) -> list[str]:
        p = self.pairs[kind] or []
        return [lab for lab, a, b in p if vector_diff(a, b, self.tol) is not None]

    def value_pair(self, name: str):
        if name in self.fields and name in self.o.values and name in self.t.values:
            return self.o.values[name], self.t.values[name]
        return None

    def values_agree(self, *names) -> bool:
        for n in names:
            p = self.value_pair(n)
            if p is not None and vector_diff(p[0], p[1], self.tol) is not None:
                return False
        return True

    def terms(self):
        """hs paths / ns samples of ours: per target, list of (label, u, y, t, e), skipped terms left out."""
        key = "paths" if self.output == "hs" else "samples" if self.output == "ns" else None
        per = self.o.raw.get(key) if key else None
        if not per:
            return None
        out = []
        for panel in per:
            row = []
            for n in panel:
                if n.get("skipped"):
                    continue
                lab = n.get("word") if self.output == "ns" else f"n{n['id']}"
                row.append((lab, float(n["u"]), float(n["y"]), float(n["t"]), float(n["e"])))
            out.append(row)
        return out

    def predicted_out(self, g: dict, h=None) -> dict:
        """Δv'_j = −η · g_j · h for a per-column error sum ``g``."""
        h = self.h if h is None else h
        assert self.lr is not None  # ours is the engine's own record, which always has lr
        return {lab: -self.lr * gj * h for lab, gj in g.items()}

    def out_matches(self, pred: dict) -> bool:
        """Theirs' out Δ equal ``pred`` (a column not in pred must not change), and differ from ours."""
        p = self.pairs["out"]
        if not p or self.h is None or self.lr is None:
            return False
        for lab, _, b in p:
            want = pred.get(lab, np.zeros_like(b))
            if not self.close(b, want):
                return False
        return bool(self.differing("out"))

    def softmax_vectors(self):
        """(labels by column id, u, y, t as (P, V)) of a softmax step."""
        u, y, t = (self.o.values.get(k) for k in ("u", "y", "t"))
        if u is None or y is None or t is None:
            return None
        labels = [self.id_label.get(j) for j in range(len(u))]
        return labels, u, y, t.reshape(-1, len(u))


# -- the rules ---------------------------------------------------------------------------------------------
def _overflow(s: _Step):
    for name in s.fields:
        p = s.value_pair(name)
        if p is not None and np.all(np.isfinite(p[0])) and not np.all(np.isfinite(p[1])):
            return _d("softmax-overflow", f"{name} is not finite in theirs")
    for kind in ("out", "in"):
        for lab, a, b in s.pairs[kind] or []:
            if np.all(np.isfinite(a)) and not np.all(np.isfinite(b)):
                return _d(
                    "softmax-overflow",
                    f"{'W_out[:, ' + lab + ']' if kind == 'out' else 'W[' + lab + ']'}"
                    f" is not finite in theirs",
                )
    return None


def _loss_only(s: _Step):
    p = s.value_pair("loss")
    if p is None or vector_diff(p[0], p[1], s.tol) is None:
        return None
    if s.pairs["out"] is None and s.pairs["in"] is None:
        return None
    if s.agree("out") and s.agree("in"):
        return _d("loss-only", f"loss {float(p[0]):.6g} vs {float(p[1]):.6g}")
    return None


def _ns_positive(s: _Step):
    if s.output != "ns" or s.mode != "reference" or s.h is None:
        return None
    positives = set()
    for panel in s.o.raw.get("samples") or []:
        if panel and any(n.get("skipped") and n.get("id") == panel[0].get("id") for n in panel[1:]):
            positives.add(panel[0].get("word"))
    diff = s.differing("out")
    if not positives or not diff or not set(diff) <= positives:
        return None
    for lab, a, b in s.pairs["out"]:
        if lab in diff:
            d = b - a
            cos = float(d @ -s.h) / max(_norm(d) * _norm(s.h), 1e-300)
            if cos < 1 - 1e-6:
                return None
    return _d("ns-positive-as-negative", f"W_out[:, {sorted(diff)[0]}]")


def _repeated(s: _Step):
    rep_in = {w for w, n in Counter(s.inputs).items() if n > 1}
    terms = s.terms()
    if terms is not None:
        rep_out = {lab for lab, n in Counter(lab for row in terms for lab, *_ in row).items() if n > 1}
    else:
        rep_out = {w for w, n in Counter(s.targets).items() if n > 1}
    diff_out, diff_in = s.differing("out"), s.differing("in")
    if not (diff_out or diff_in):
        return None
    if set(diff_out) <= rep_out and set(diff_in) <= rep_in:
        names = [f"W_out[:, {x}]" for x in diff_out] + [f"W[{x}]" for x in diff_in]
        return _d("repeated-id-overwritten", ", ".join(names[:3]))
    return None


def _all_pairs(s: _Step, with_values=()):
    pairs = [(a, b) for k in ("out", "in") for _, a, b in (s.pairs[k] or []) if _norm(a) > 0 or _norm(b) > 0]
    for n in with_values:
        p = s.value_pair(n)
        if p is not None:
            pairs.append(p)
    return pairs


def _e_sign(s: _Step):
    outs = [(a, b) for _, a, b in (s.pairs["out"] or []) if _norm(a) > 0 or _norm(b) > 0]
    ins = [(a, b) for _, a, b in (s.pairs["in"] or []) if _norm(a) > 0 or _norm(b) > 0]
    if s.mode == "reference" and outs:
        # word2vec.c updates term after term, and EH collects e·v' with v' as updated by the earlier terms
        # (all of it while W' is still 0): W′'s changes are opposite up to second order in η, W's need not be
        pairs, rtol = outs + [p for p in (s.value_pair("e"), s.value_pair("EI")) if p is not None], 1e-2
    else:
        pairs, rtol = _all_pairs(s, ("e", "EI", "EH")), 1e-6
    if (outs or ins) and pairs and all(s.close(b, -a, rtol) for a, b in pairs):
        return _d("e-sign")
    return None


def _lr_schedule(s: _Step):
    if not s.values_agree("e", "EI", "EH", "h"):
        return None
    outs = [(a, b) for _, a, b in (s.pairs["out"] or []) if _norm(a) > 0 or _norm(b) > 0]
    ins = [(a, b) for _, a, b in (s.pairs["in"] or []) if _norm(a) > 0 or _norm(b) > 0]
    a, b = max(outs or ins or [(np.zeros(1), np.zeros(1))], key=lambda p: _norm(p[0]))
    if _norm(a) == 0:
        return None
    c = float(a @ b) / float(a @ a)
    if c <= 0 or abs(c - 1) < 1e-6:
        return None
    # word2vec.c's sequential updates (reference mode) make EH, hence W's rows, depend on η at second order
    rtol_in = max(1e-4, 10 * abs(c - 1)) if s.mode == "reference" and outs else 1e-4
    if all(s.close(y, c * x, 1e-4) for x, y in outs) and all(s.close(y, c * x, rtol_in) for x, y in ins):
        return _d("lr-schedule", f"theirs' changes are {c:.6g} × ours")
    return None


def _cbow_not_averaged(s: _Step):
    if s.arch != "cbow" or s.mode != "paper" or s.C < 2 or s.pairs["in"] is None or not s.agree("out"):
        return None
    p = [(a, b) for _, a, b in s.pairs["in"] if _norm(a) > 0 or _norm(b) > 0]
    if p and s.differing("in") and all(s.close(b, s.C * a) for a, b in p):
        return _d("cbow-input-not-averaged", f"C = {s.C}")
    return None


def _cbow_h_sum(s: _Step):
    if s.arch != "cbow" or s.C < 2:
        return None
    p = s.value_pair("h")
    if p is not None:
        return _d("cbow-h-sum", f"C = {s.C}") if s.close(p[1], s.C * p[0]) else None
    if s.h is None or s.lr is None:
        return None
    C = s.C
    g: dict = {}
    terms = s.terms()
    if terms is not None:
        for row in terms:
            for lab, u, _, t, _ in row:
                y = 1.0 / (1.0 + np.exp(-C * u))
                g[lab] = g.get(lab, 0.0) + (y - t)
    else:
        sv = s.softmax_vectors()
        if sv is None:
            return None
        labels, u, _, t = sv
        z = C * u - np.max(C * u)
        y = np.exp(z) / np.exp(z).sum()
        e = (y[None, :] - t).sum(axis=0)
        g = {lab: float(x) for lab, x in zip(labels, e) if lab is not None}
    if s.out_matches(s.predicted_out(g, C * s.h)):
        return _d("cbow-h-sum", f"C = {C}")
    return None


def _skipgram_not_summed(s: _Step):
    if s.arch != "skipgram" or s.mode != "paper" or len(s.targets) < 2:
        return None
    candidates = []
    terms = s.terms()
    if terms is not None:
        for row in terms:
            g: dict = {}
            for lab, _, _, _, e in row:
                g[lab] = g.get(lab, 0.0) + e
            candidates.append(g)
    else:
        sv = s.softmax_vectors()
        if sv is None:
            return None
        labels, _, y, t = sv
        for row in list(y[None, :] - t) + [y - t.sum(axis=0)]:
            candidates.append({lab: float(x) for lab, x in zip(labels, row) if lab is not None})
        p = s.value_pair("EI")
        if p is not None:
            for row in list(y[None, :] - t) + [y - t.sum(axis=0)]:
                if s.close(p[1], row):
                    return _d("skipgram-error-not-summed")
            return None
    for g in candidates:
        if s.out_matches(s.predicted_out(g)):
            return _d("skipgram-error-not-summed")
    return None


def _eh_after(s: _Step):
    if not s.agree("out") or s.o.out is None:
        return None
    after = {lab: v.before + v.delta for lab, v in s.o.out.items() if v.before is not None}
    terms = s.terms()
    EH2 = None
    if terms is not None:
        EH2 = 0.0
        for row in terms:
            for lab, _, _, _, e in row:
                if lab not in after:
                    return None
                EH2 = EH2 + e * after[lab]
    else:
        sv = s.softmax_vectors()
        if sv is None:
            return None
        labels, _, y, t = sv
        EI = (y[None, :] - t).sum(axis=0)
        if not all(lab in after for lab in labels):
            return None
        EH2 = sum(EI[j] * after[lab] for j, lab in enumerate(labels))
    if np.isscalar(EH2) or s.lr is None:
        return None
    p = s.value_pair("EH")
    if p is not None:
        return _d("eh-after-update") if s.close(p[1], EH2) and not s.close(p[1], p[0]) else None
    if s.pairs["in"] is None or not s.differing("in"):
        return None
    counts = Counter(s.inputs)
    for lab, _, b in s.pairs["in"]:  # Δv_w = −η · share_w · EH, share_w = n_w / C (paper) or n_w (reference)
        share = counts.get(lab, 0) / (s.C if s.mode == "paper" else 1)
        if not s.close(b, -s.lr * share * EH2):
            return None
    return _d("eh-after-update")


def _hs_flipped(s: _Step):
    if s.output != "hs":
        return None
    terms = s.terms()
    if terms is None:
        return None
    g: dict = {}
    for row in terms:
        for lab, _, y, t, _ in row:
            g[lab] = g.get(lab, 0.0) + (y - (1.0 - t))  # t = code, where code = 1 − t
    return _d("hs-code-flipped") if s.out_matches(s.predicted_out(g)) else None


def _wrong_row(s: _Step):
    p = s.pairs["in"]
    if p is None or not s.agree("out"):
        return None
    ours_rows = {lab for lab, a, _ in p if _norm(a) > 0}
    theirs_rows = {lab for lab, _, b in p if _norm(b) > 0}
    if not theirs_rows or ours_rows == theirs_rows or not (theirs_rows - ours_rows):
        return None
    ours_d = [a for _, a, _ in p if _norm(a) > 0]
    for _, _, b in p:
        if _norm(b) > 0 and not any(s.close(b, a) for a in ours_d):
            return None
    return _d(
        "wrong-input-row", f"theirs changed {', '.join(f'W[{x}]' for x in sorted(theirs_rows - ours_rows))}"
    )


#: tried in this order; the first that fits is the diagnosis
RULES = (
    _overflow,
    _loss_only,
    _ns_positive,
    _repeated,
    _e_sign,
    _cbow_not_averaged,
    _lr_schedule,
    _cbow_h_sum,
    _skipgram_not_summed,
    _eh_after,
    _hs_flipped,
    _wrong_row,
)


def diagnose(ours: StepData, theirs: StepData, tol: float, fields: list[str]) -> Diagnosis:
    """The mistake the first differing step looks like (``unknown`` when no rule fits)."""
    s = _Step(ours, theirs, tol, fields)
    with np.errstate(all="ignore"):
        for rule in RULES:
            d = rule(s)
            if d is not None:
                return d
    return _d("unknown")
