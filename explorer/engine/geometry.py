"""Geometry of the embeddings for the views: what is *not* in a step record.

A step record holds every number the step computed (h, u, y, e, EH, deltas, …); views draw those as they
are. What the views show beyond that — a 2-D projection of the vectors, cosine nearest neighbours, which
words to show when the vocabulary is too large to show them all, a moving average of the loss, colour
levels — is computed here, with numpy only (no Qt), so it can be tested and used from a notebook.

Names follow the paper: W (V×N) has the input vectors v_w as rows; W' (N×V') the output vectors v'_j as
columns (for hierarchical softmax the V−1 inner-node vectors).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


# ---------------------------------------------------------------------------------------------------------
# PCA with a basis that stays put
@dataclass(frozen=True)
class Basis:
    """A 2-D projection ``p = (x − mean) · componentsᵀ``.

    mean                      (N,) the centre the basis was fitted at
    components                (2, N) orthonormal rows (a zero row when N = 1)
    explained_variance_ratio  (2,) share of the fitted data's variance along each component
    raw                       True when N ≤ 2: the identity (raw coordinates, mean 0), no PCA
    """

    mean: np.ndarray
    components: np.ndarray
    explained_variance_ratio: np.ndarray
    raw: bool = False

    @property
    def N(self) -> int:
        return int(self.components.shape[1])


def _sign_convention(components: np.ndarray) -> np.ndarray:
    """Flip each row so its entry of largest magnitude is positive (deterministic signs)."""
    c = components.copy()
    for r in range(c.shape[0]):
        row = c[r]
        if not np.any(row):
            continue
        k = int(np.argmax(np.abs(row)))
        if row[k] < 0:
            c[r] = -row
    return c


def raw_basis(N: int) -> Basis:
    """The identity basis for N ≤ 2: coordinates are the vectors themselves (N = 1: y = 0)."""
    comp = np.zeros((2, N))
    for i in range(min(N, 2)):
        comp[i, i] = 1.0
    return Basis(np.zeros(N), comp, np.full(2, np.nan), raw=True)


def fit_pca(X, previous: Basis | None = None) -> Basis:
    """Fit a 2-D PCA basis to the rows of ``X`` (M×N).

    N ≤ 2 gives :func:`raw_basis`. Signs are deterministic (largest entry positive) and, when ``previous``
    is given, aligned with it by :func:`align` so a refit does not flip the picture.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError("X must be 2-D (vectors as rows)")
    M, N = X.shape
    if N <= 2:
        return raw_basis(N)
    if M == 0:
        return Basis(np.zeros(N), np.eye(2, N), np.zeros(2))
    mean = X.mean(axis=0)
    Xc = X - mean
    # right singular vectors of the centred data are the principal axes
    _, s, vt = np.linalg.svd(Xc, full_matrices=False)
    var = s**2
    total = var.sum()
    comp = np.zeros((2, N))
    k = min(2, vt.shape[0])
    comp[:k] = vt[:k]
    if k < 2:  # fewer than two rows of data: complete the basis with an orthogonal unit vector
        e = np.eye(N)[int(np.argmin(np.abs(comp[0])))]
        e = e - comp[0] * (comp[0] @ e)
        comp[1] = e / np.linalg.norm(e)
    ratio = np.zeros(2)
    if total > 0:
        ratio[:k] = var[:k] / total
    basis = Basis(mean, _sign_convention(comp), ratio)
    return align(basis, previous) if previous is not None else basis


def align(new: Basis, old: Basis | None) -> Basis:
    """``new`` with each component's sign flipped where it points away from ``old``'s (no mirror jumps).

    Components are matched by position (PC1 with PC1, PC2 with PC2); bases of different N are returned
    unchanged.
    """
    if old is None or old.N != new.N or new.raw:
        return new
    comp = new.components.copy()
    dots = np.einsum("ij,ij->i", comp, old.components)
    comp[dots < 0] *= -1.0
    return Basis(new.mean, comp, new.explained_variance_ratio, new.raw)


def project(basis: Basis, X) -> np.ndarray:
    """Coordinates (M×2) of the rows of ``X`` on ``basis``."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim == 1:
        X = X[None, :]
    return (X - basis.mean) @ basis.components.T


def captured_variance(basis: Basis, X) -> np.ndarray:
    """Share (2,) of the variance of the rows of ``X`` (about their own mean) along each component."""
    X = np.asarray(X, dtype=np.float64)
    if len(X) == 0:
        return np.zeros(2)
    Xc = X - X.mean(axis=0)
    total = float((Xc**2).sum())
    if total == 0:
        return np.zeros(2)
    p = Xc @ basis.components.T
    return (p**2).sum(axis=0) / total


# ---------------------------------------------------------------------------------------------------------
# similarity
def cosine_similarities(W, i: int) -> np.ndarray:
    """cos(v_i, v_w) for every row w of ``W`` (0 where a vector is zero)."""
    W = np.asarray(W, dtype=np.float64)
    norms = np.linalg.norm(W, axis=1)
    ni = norms[i]
    denom = norms * ni
    dots = W @ W[i]
    out = np.zeros(len(W))
    ok = denom > 0
    out[ok] = dots[ok] / denom[ok]
    return np.clip(out, -1.0, 1.0)


def cosine_neighbours(W, i: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` rows most similar to row ``i`` by cosine (``i`` itself excluded): (ids, similarities).

    Sorted by similarity, highest first; ties keep the lower id first.
    """
    sims = cosine_similarities(W, i)
    ids = np.arange(len(sims))
    mask = ids != i
    ids, s = ids[mask], sims[mask]
    order = np.lexsort((ids, -s))[: max(0, int(k))]
    return ids[order], s[order]


# ---------------------------------------------------------------------------------------------------------
# what to show when there are too many words
def select_shown(n: int, cap: int, active=(), score=None) -> tuple[np.ndarray, int]:
    """Indices (sorted) of at most ``cap`` of ``n`` items to show, and how many are left out.

    Every ``active`` index is shown (even past the cap); the rest of the places go to the highest
    ``score`` (by default the lowest indices, i.e. the most frequent words of the vocabulary).
    """
    if n <= cap:
        return np.arange(n), 0
    active = np.unique(np.asarray([a for a in active if 0 <= a < n], dtype=np.int64))
    room = max(0, cap - len(active))
    if score is None:
        rest = np.setdiff1d(np.arange(min(n, cap + len(active))), active)[:room]
    else:
        score = np.asarray(score, dtype=np.float64).copy()
        score[active] = -np.inf
        score[~np.isfinite(score)] = -np.inf
        if room > 0:
            part = np.argpartition(-score, room - 1)[:room]
            rest = part[np.isfinite(score[part])]
        else:
            rest = np.array([], dtype=np.int64)
    shown = np.union1d(active, rest).astype(np.int64)
    return shown, n - len(shown)


def top_shown(score, cap: int, always=()) -> np.ndarray:
    """At most ``cap`` indices of the highest ``score`` plus every index in ``always`` (shown even past the
    cap), ordered by score, highest first (ties: lower index first). All indices when there are at most
    ``cap`` scores: then in index order."""
    score = np.asarray(score, dtype=np.float64)
    n = len(score)
    if n <= cap:
        return np.arange(n)
    ids, _ = select_shown(n, cap, always, score)
    s = score[ids]
    s = np.where(np.isfinite(s), s, -np.inf)
    return ids[np.lexsort((ids, -s))]


def top_by_magnitude(values, cap: int) -> np.ndarray:
    """Sorted indices of the ``cap`` entries of largest |value| (all of them if there are fewer)."""
    values = np.asarray(values, dtype=np.float64)
    if len(values) <= cap:
        return np.arange(len(values))
    return np.sort(np.argpartition(-np.abs(values), cap - 1)[:cap])


# ---------------------------------------------------------------------------------------------------------
# curves and colour levels
def moving_average(x, window: int) -> np.ndarray:
    """Trailing moving average: out[k] = mean of x[max(0, k−window+1) .. k] (same length as ``x``)."""
    x = np.asarray(x, dtype=np.float64)
    if len(x) == 0:
        return x.copy()
    window = max(1, int(window))
    c = np.concatenate(([0.0], np.cumsum(x)))
    k = np.arange(1, len(x) + 1)
    lo = np.maximum(0, k - window)
    return (c[k] - c[lo]) / (k - lo)


def nice_ceil(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ |x| (a round colour-bar limit); 1e-12 for 0."""
    x = abs(float(x))
    if not np.isfinite(x) or x <= 0:
        return 1e-12
    e = np.floor(np.log10(x))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        v = m * 10.0**e
        if v >= x * (1 - 1e-12):
            return float(v)
    return float(10.0 ** (e + 1))


def stable_range(
    lo: float, hi: float, current: tuple[float, float] | None = None, pad: float = 0.08, shrink: float = 0.3
) -> tuple[float, float]:
    """A plot range covering the data ``lo..hi`` that stays the same from step to step.

    ``current`` is kept while it covers the data and the data fills at least ``shrink`` of it; otherwise the
    data's range widened by ``pad`` of its span on each side, rounded outward to a tenth of a round number
    (so the axis ticks stay round and only change when the data outgrows the range or shrinks a lot).
    """
    lo, hi = float(lo), float(hi)
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return current if current is not None else (0.0, 1.0)
    if lo > hi:
        lo, hi = hi, lo
    if current is not None:
        a, b = float(current[0]), float(current[1])
        if a <= lo and hi <= b and (hi - lo) >= shrink * (b - a):
            return (a, b)
    span = hi - lo
    if span <= 0:
        span = abs(hi) if hi != 0 else 1.0
    lo2, hi2 = lo - pad * span, hi + pad * span
    q = nice_ceil(hi2 - lo2) / 10.0
    a, b = float(np.floor(lo2 / q + 1e-9) * q), float(np.ceil(hi2 / q - 1e-9) * q)
    return (a if a <= lo else lo, b if b >= hi else hi)


def symmetric_limit(*arrays, current: float | None = None) -> float:
    """A symmetric colour limit L (levels −L..L) covering every array: ``current`` unless exceeded, then the
    next round number (so colours stay fixed from step to step and only ever widen)."""
    m = 0.0
    for a in arrays:
        a = np.asarray(a)
        if a.size:
            v = float(np.nanmax(np.abs(a)))
            if np.isfinite(v):
                m = max(m, v)
    if current is not None and current > 0 and m <= current:
        return float(current)
    return nice_ceil(m)


def contiguous_runs(ids) -> np.ndarray:
    """Runs of consecutive integers in ``ids`` as (k, 2) [start, stop) pairs (sorted, duplicates merged)."""
    ids = np.unique(np.asarray(ids, dtype=np.int64))
    if len(ids) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    breaks = np.flatnonzero(np.diff(ids) != 1)
    starts = np.concatenate(([ids[0]], ids[breaks + 1]))
    stops = np.concatenate((ids[breaks] + 1, [ids[-1] + 1]))
    return np.stack([starts, stops], axis=1)


def rect_outlines(runs, along: str, span: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """x, y of rectangle outlines (NaN-separated, for one line item) around rows (``along="rows"``: each run
    [a, b) covers y a..b and x span) or columns (``along="cols"``: x a..b, y span)."""
    runs = np.asarray(runs, dtype=np.float64).reshape(-1, 2)
    k = len(runs)
    if k == 0:
        return np.zeros(0), np.zeros(0)
    lo, hi = float(span[0]), float(span[1])
    a, b = runs[:, 0], runs[:, 1]
    nan = np.full(k, np.nan)
    if along == "rows":
        xs = np.stack(
            [np.full(k, lo), np.full(k, hi), np.full(k, hi), np.full(k, lo), np.full(k, lo), nan], 1
        )
        ys = np.stack([a, a, b, b, a, nan], 1)
    else:
        xs = np.stack([a, b, b, a, a, nan], 1)
        ys = np.stack(
            [np.full(k, lo), np.full(k, lo), np.full(k, hi), np.full(k, hi), np.full(k, lo), nan], 1
        )
    return xs.ravel(), ys.ravel()
