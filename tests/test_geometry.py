"""explorer.engine.geometry: PCA basis (stable signs), projection, cosine neighbours, word selection."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from explorer.engine import geometry as g

ROOT = Path(__file__).resolve().parents[1]


def test_geometry_imports_no_qt():
    code = (
        "import sys, explorer.engine.geometry; "
        "bad=[m for m in sys.modules if m.startswith(('PySide6','pyqtgraph','shiboken6'))]; "
        "assert not bad, bad"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_fit_pca_finds_principal_axes():
    rng = np.random.default_rng(0)
    # variance 9 along e0, 1 along e2, tiny along e1
    X = rng.normal(size=(500, 3)) * np.array([3.0, 0.01, 1.0]) + np.array([5.0, -1.0, 2.0])
    b = g.fit_pca(X)
    assert not b.raw
    np.testing.assert_allclose(b.mean, X.mean(axis=0))
    np.testing.assert_allclose(np.abs(b.components[0]), [1, 0, 0], atol=0.02)
    np.testing.assert_allclose(np.abs(b.components[1]), [0, 0, 1], atol=0.02)
    np.testing.assert_allclose(b.components @ b.components.T, np.eye(2), atol=1e-12)
    assert b.explained_variance_ratio[0] > 0.85 and b.explained_variance_ratio.sum() <= 1 + 1e-12
    # sign convention: the largest entry of each component is positive
    for row in b.components:
        assert row[np.argmax(np.abs(row))] > 0


def test_project_matches_definition_and_variance_ratio():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 6))
    b = g.fit_pca(X)
    P = g.project(b, X)
    np.testing.assert_allclose(P, (X - b.mean) @ b.components.T)
    # the explained ratio equals the projected variance over the total
    Xc = X - X.mean(0)
    np.testing.assert_allclose(b.explained_variance_ratio, (P**2).sum(0) / (Xc**2).sum())
    np.testing.assert_allclose(g.captured_variance(b, X), b.explained_variance_ratio)
    assert g.project(b, X[0]).shape == (1, 2)


def test_align_keeps_signs_between_fits():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(50, 5)) * np.array([4, 2, 1, 0.5, 0.1])
    b0 = g.fit_pca(X)
    flipped = g.Basis(b0.mean, -b0.components, b0.explained_variance_ratio)
    a = g.align(flipped, b0)
    np.testing.assert_array_equal(a.components, b0.components)
    # a small change of the data: the refit aligned with the old basis points the same way
    X2 = X + rng.normal(size=X.shape) * 0.01
    b1 = g.fit_pca(X2, previous=flipped)
    assert np.all(np.einsum("ij,ij->i", b1.components, flipped.components) > 0.99)
    assert g.align(b0, None) is b0


def test_raw_basis_for_small_N():
    X = np.array([[1.0, 2.0], [3.0, -4.0]])
    b = g.fit_pca(X)
    assert b.raw
    np.testing.assert_array_equal(g.project(b, X), X)
    b1 = g.fit_pca(np.array([[1.5], [-2.0]]))
    np.testing.assert_array_equal(g.project(b1, [[1.5], [-2.0]]), [[1.5, 0], [-2.0, 0]])


def test_degenerate_data():
    b = g.fit_pca(np.ones((4, 3)))  # no variance at all
    assert np.all(np.isfinite(b.components)) and np.all(b.explained_variance_ratio == 0)
    b = g.fit_pca(np.array([[1.0, 2.0, 3.0]]))  # one row
    np.testing.assert_allclose(b.components @ b.components.T, np.eye(2), atol=1e-12)
    with pytest.raises(ValueError):
        g.fit_pca(np.zeros(3))


def test_cosine_neighbours():
    W = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [-1.0, 0.0], [0.0, 0.0], [2.0, 0.0]])
    ids, sims = g.cosine_neighbours(W, 0, 3)
    assert list(ids) == [5, 1, 2]  # 5 is parallel (cos 1), 1 close; ties by id (2 and 4 are both 0)
    np.testing.assert_allclose(sims, [1.0, 0.9 / np.hypot(0.9, 0.1), 0.0])
    assert 0 not in g.cosine_neighbours(W, 0, 10)[0]
    assert len(g.cosine_neighbours(W, 0, 10)[0]) == 5
    s = g.cosine_similarities(W, 4)  # a zero vector: similarity 0 everywhere
    assert np.all(s == 0)
    rng = np.random.default_rng(3)
    W = rng.normal(size=(30, 4))
    ids, sims = g.cosine_neighbours(W, 7, 5)
    full = (W @ W[7]) / np.linalg.norm(W, axis=1) / np.linalg.norm(W[7])
    full[7] = -np.inf
    assert list(ids) == list(np.argsort(-full)[:5])
    assert np.all(np.diff(sims) <= 0)


def test_select_shown():
    ids, more = g.select_shown(10, 40, active=[3])
    assert list(ids) == list(range(10)) and more == 0
    score = np.arange(100.0)
    ids, more = g.select_shown(100, 5, active=[2, 3], score=score)
    assert list(ids) == [2, 3, 97, 98, 99] and more == 95
    ids, more = g.select_shown(100, 4, active=[50])
    assert list(ids) == [0, 1, 2, 50] and more == 96
    # active beyond the cap are all shown
    ids, more = g.select_shown(100, 2, active=[5, 6, 7])
    assert list(ids) == [5, 6, 7] and more == 97
    assert list(g.top_by_magnitude([0.1, -5, 2, 0.3], 2)) == [1, 2]


def test_moving_average_and_levels():
    x = np.array([1.0, 3.0, 5.0, 7.0])
    np.testing.assert_allclose(g.moving_average(x, 2), [1, 2, 4, 6])
    np.testing.assert_allclose(g.moving_average(x, 1), x)
    np.testing.assert_allclose(g.moving_average(x, 100), [1, 2, 3, 4])
    assert len(g.moving_average([], 5)) == 0
    assert g.nice_ceil(0.13) == 0.2 and g.nice_ceil(0.2) == 0.2 and g.nice_ceil(3) == 5
    assert g.nice_ceil(0.0021) == 0.0025 and g.nice_ceil(0) == 1e-12
    assert g.symmetric_limit(np.array([-0.3, 0.1])) == 0.5
    assert g.symmetric_limit(np.array([0.3]), current=1.0) == 1.0  # fixed while it covers the data
    assert g.symmetric_limit(np.array([1.3]), current=1.0) == 2.0  # widens when exceeded


def test_runs_and_outlines():
    np.testing.assert_array_equal(g.contiguous_runs([5, 1, 2, 3, 7, 8, 2]), [[1, 4], [5, 6], [7, 9]])
    assert g.contiguous_runs([]).shape == (0, 2)
    x, y = g.rect_outlines([[1, 3]], "rows", (0, 4))
    np.testing.assert_array_equal(x[:5], [0, 4, 4, 0, 0])
    np.testing.assert_array_equal(y[:5], [1, 1, 3, 3, 1])
    assert np.isnan(x[5]) and np.isnan(y[5])
    x, y = g.rect_outlines([[2, 3], [5, 6]], "cols", (0, 2))
    assert len(x) == 12
    np.testing.assert_array_equal(x[6:11], [5, 6, 6, 5, 5])


def test_top_shown_orders_by_score_and_keeps_targets():
    score = np.array([0.1, 0.5, 0.05, 0.3, 0.2, 0.01])
    assert list(g.top_shown(score, 10)) == [0, 1, 2, 3, 4, 5]  # few: all, in index order
    assert list(g.top_shown(score, 3)) == [1, 3, 4]  # the 3 highest, highest first
    assert list(g.top_shown(score, 3, always=[5])) == [1, 3, 5]  # a target always, by its score
    big = np.random.default_rng(0).random(2000)
    ids = g.top_shown(big, 40, always=[7])
    assert len(ids) == 40 and 7 in ids
    assert set(ids) - {7} <= set(np.argsort(-big)[:40])
    assert np.all(np.diff(big[ids[ids != 7]]) <= 0)


def test_stable_range_stays_put_and_adapts():
    r = g.stable_range(0.0, 0.043)
    assert r[0] <= 0.0 and r[1] >= 0.043 and r[1] - r[0] < 0.1
    # round ends: a tenth of a round number
    q = g.nice_ceil(r[1] - r[0]) / 20
    assert abs(r[0] / q - round(r[0] / q)) < 1e-9 and abs(r[1] / q - round(r[1] / q)) < 1e-9
    assert g.stable_range(0.001, 0.04, current=r) == r  # still covers, still fills it: kept
    grown = g.stable_range(0.0, 0.2, current=r)  # outgrown: a new, wider range
    assert grown[1] >= 0.2 and grown != r
    shrunk = g.stable_range(0.0, 0.001, current=grown)  # fills < 30 %: fitted again
    assert shrunk[1] < grown[1] / 10 and shrunk[1] >= 0.001
    assert g.stable_range(0.0, 0.0)[0] < 0 < g.stable_range(0.0, 0.0)[1]  # constant data: a range around it
    assert g.stable_range(5.0, 5.0)[0] <= 5.0 <= g.stable_range(5.0, 5.0)[1]
    assert g.stable_range(np.nan, 1.0, current=(0.0, 2.0)) == (0.0, 2.0)
