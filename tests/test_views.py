"""The views draw the session's current record and parameters, follow steps / undo / sub-steps / resets, and
render for every architecture × output layer (offscreen; PNGs of each view land in /tmp/views/)."""

from pathlib import Path

import numpy as np
import pytest
import pytestqt  # noqa: E402,F401  (pytest-qt: a test dependency; missing, the suite fails)
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402

from explorer.engine import Config, geometry  # noqa: E402
from explorer.engine.model import PHASES  # noqa: E402
from explorer.engine.presets import preset_text  # noqa: E402
from explorer.qt.bridge import SessionBridge  # noqa: E402
from explorer.qt.views.base import View  # noqa: E402
from explorer.qt.views.common import fmt, full  # noqa: E402
from explorer.qt.views.registry import (
    VIEW_CLASSES,
    EquationView,
    HeatmapView,
    InspectorView,  # noqa: E402
    LossView,
    NeighboursView,
    NetworkView,
    ProjectionView,
)
from explorer.session import Session  # noqa: E402
from tests.conftest import ROYAL  # noqa: E402

SHOTS = Path("/tmp/views")
CONFIGS = [(a, o) for a in ("cbow", "skipgram") for o in ("softmax", "hs", "ns")]


def make(arch="cbow", output="softmax", text=ROYAL, **kw):
    kw.setdefault("hidden", 4)
    kw.setdefault("window", 2)
    s = Session(text, Config(arch=arch, output=output, **kw))
    return s, SessionBridge(s)


def show(qtbot, view, w=900, h=600):
    qtbot.addWidget(view)
    view.resize(w, h)
    view.show()
    return view


def big_text(V=120, lines=60, seed=0):
    g = np.random.default_rng(seed)
    p = 1.0 / np.arange(1, V + 1)
    p /= p.sum()
    words = [f"w{i}" for i in range(V)]
    body = [" ".join(words[j] for j in g.choice(V, size=8, p=p)) for _ in range(lines)]
    return "\n".join([" ".join(words)] + body) + "\n"


# ---------------------------------------------------------------------------------------------------------
def test_registry():
    names = [c.name for c in VIEW_CLASSES]
    assert len(set(names)) == len(names)
    assert VIEW_CLASSES[0] is NetworkView and NeighboursView in VIEW_CLASSES
    assert all(issubclass(c, View) for c in VIEW_CLASSES)


@pytest.mark.parametrize("arch,output", CONFIGS)
def test_every_view_renders_step0_and_steps(qtbot, arch, output):
    s, b = make(arch, output)
    views = [show(qtbot, cls(b)) for cls in VIEW_CLASSES]
    for v in views:  # step 0: no record
        assert s.record is None
        v.refresh()
        assert v.title() and not v.grab().isNull()
    s.step_forward(4)
    SHOTS.mkdir(exist_ok=True)
    for v in views:
        img = v.grab()
        assert not img.isNull()
        img.save(str(SHOTS / f"{v.name}_{arch}_{output}.png"))
    # sub-steps through every phase, back, and undo: nothing raises
    for _ in range(4):
        s.sub_step()
    s.sub_step_back()
    s.undo()
    s.undo()
    for v in views:
        v.grab()


# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("arch,output", CONFIGS)
def test_inspector_shows_the_record(qtbot, arch, output):
    s, b = make(arch, output)
    v = show(qtbot, InspectorView(b))
    s.step_forward(3)

    def check():
        rec = s.record
        v.fill_tables()  # the tables behind the one in front are filled when shown
        cells = [c for row in v.summary.all_text() for c in row]
        assert fmt(rec.loss) in cells
        np.testing.assert_array_equal(v.panels["h"].values, rec.h)
        np.testing.assert_array_equal(v.panels["EH"].values, rec.EH)
        np.testing.assert_array_equal(v.hidden.column("h_i"), rec.h)
        if output == "softmax":
            np.testing.assert_array_equal(v.outputs.column("y_j"), rec.y)
            np.testing.assert_array_equal(v.panels["u"].values, rec.u)
            if rec.EI is not None:
                np.testing.assert_array_equal(v.outputs.column("EI_j"), rec.EI)
        else:
            terms = [t for g in rec.terms() for t in g]
            np.testing.assert_array_equal(v.outputs.column("u"), [t.u for t in terms])
            np.testing.assert_array_equal(v.outputs.column("e"), [t.e for t in terms])
        np.testing.assert_array_equal(v.panels["in"].values, rec.in_delta)
        assert len(v.vectors.all_text()) == len(rec.out_ids) + len(rec.in_ids)
        assert " ".join(rec.inputs) in v.header.text()

    check()
    s.undo()
    assert s.step == 2
    check()
    # phases: forward shows h, u, y only; E and e wait for the error phase
    s.sub_step()
    assert s.phase == "forward"
    assert v.panels["y"].available and not v.panels["e"].available and not v.panels["EH"].available
    assert fmt(s.record.loss) not in [c for row in v.summary.all_text() for c in row]
    s.sub_step()
    assert v.panels["e"].available and not v.panels["out"].available
    assert fmt(s.record.loss) in [c for row in v.summary.all_text() for c in row]
    s.sub_step()
    assert v.panels["out"].available and not v.panels["in"].available
    s.undo()  # a step back with the output table behind the summary: it is filled when brought forward
    s.step_forward(1)
    v.tabs.setCurrentIndex(1)
    rec = s.record
    want = rec.u if output == "softmax" else [t.u for g in rec.terms() for t in g]
    np.testing.assert_array_equal(v.outputs.column("u_j" if output == "softmax" else "u"), want)
    # tooltips carry full precision
    col = v.outputs._headers.index("u_j" if output == "softmax" else "u")
    tip = v.outputs.data(v.outputs.index(0, col), Qt.ToolTipRole)
    assert full(v.outputs.value(0, col)) in tip


# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
def test_heatmap_shows_the_parameters(qtbot, output):
    from explorer.qt.views.common import diverging_rgba

    s, b = make("skipgram", output)
    v = show(qtbot, HeatmapView(b))
    s.step_forward(2)
    np.testing.assert_array_equal(v.values_in, s.params.W)
    np.testing.assert_array_equal(v.values_out, s.params.W_out.T)
    lo, hi = v.levels
    assert lo == -hi and hi >= np.abs(s.params.W).max()
    # the colours drawn are the values on the fixed diverging scale
    np.testing.assert_array_equal(v.img_in.image, diverging_rgba(s.params.W, hi))
    np.testing.assert_array_equal(v.img_out.image, diverging_rgba(s.params.W_out.T, hi))
    # the deltas instead of the values
    v.delta_box.setChecked(True)
    rec = s.record
    d = v.values_in
    np.testing.assert_array_equal(d[rec.in_ids], rec.in_delta.astype(np.float32))
    others = np.setdiff1d(np.arange(len(d)), rec.in_ids)
    assert np.all(d[others] == 0)
    np.testing.assert_array_equal(v.values_out[rec.out_ids], rec.out_delta.astype(np.float32))
    lo, hi = v.levels
    assert lo == -hi and hi >= np.abs(rec.in_delta).max()
    np.testing.assert_array_equal(v.img_in.image, diverging_rgba(d, hi))
    v.delta_box.setChecked(False)
    # undo: the images follow
    s.undo()
    np.testing.assert_array_equal(v.values_in, s.params.W)
    np.testing.assert_array_equal(v.img_in.image, diverging_rgba(s.params.W, v.levels[1]))
    assert "W[" in v.tip_at("in", 0, 1) and "\u0394" in v.tip_at("in", int(s.record.in_ids[0]), 0)


def test_heatmap_large_vocabulary_drops_tick_labels(qtbot):
    s, b = make("cbow", "softmax", text=big_text(V=220, lines=30))
    v = show(qtbot, HeatmapView(b))
    assert s.model.V >= 200
    s.step_forward(1)
    assert v.p_in.getAxis("left")._tickLevels is None
    assert v.tip_at("in", 150, 0).startswith("W[")


# ---------------------------------------------------------------------------------------------------------
def test_loss_view_follows_and_click_seeks(qtbot):
    s, b = make("cbow", "softmax")
    v = show(qtbot, LossView(b))
    s.step_forward(12)
    x, y = v.step_curve.getOriginalDataset()
    np.testing.assert_array_equal(y, s.loss_series())
    np.testing.assert_array_equal(x, np.arange(1, 13))
    np.testing.assert_allclose(
        v.avg_curve.getOriginalDataset()[1], geometry.moving_average(s.loss_series(), v._window)
    )
    ex, ey = s.epoch_loss_series()
    np.testing.assert_array_equal(v.epoch_curve.getOriginalDataset()[1], ey)
    assert v.cursor.value() == 12
    s.undo()
    assert v.cursor.value() == 11
    # a click at x = 4 seeks there
    v.plot_item.setXRange(0, 12, padding=0)
    qtbot.wait(10)
    vb = v.plot_item.vb
    yr = vb.viewRange()[1]
    scene_pt = vb.mapViewToScene(QPointF(4, (yr[0] + yr[1]) / 2))
    view_pt = v.plot.mapFromScene(scene_pt)
    with qtbot.waitSignal(v.seekRequested, timeout=1000):
        qtbot.mouseClick(v.plot.viewport(), Qt.LeftButton, pos=QPoint(view_pt.x(), view_pt.y()))
    assert s.step == 4 and v.cursor.value() == 4
    # beyond the computed steps: clamped to furthest
    assert v.seek_to(100) == 12 and s.step == 12
    assert v.seek_to(-5) == 0 and s.step == 0


# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
def test_projection_points_and_stable_basis(qtbot, output):
    s, b = make("cbow", output, hidden=5)
    v = show(qtbot, ProjectionView(b))
    basis0 = v.basis
    assert basis0 is not None and not basis0.raw
    s.step_forward(3)
    assert v.basis is basis0  # no refit while stepping
    np.testing.assert_allclose(v.points_in, geometry.project(basis0, s.params.W))
    np.testing.assert_allclose(v.points_out, geometry.project(basis0, s.params.W_out.T))
    pts = np.column_stack(v.sc_in.getData())
    np.testing.assert_allclose(pts, v.points_in)
    # arrows: this step's changed vectors, before → before + scale·delta on the same basis
    p0, p1 = v.arrow_segments(s, basis0)
    rec = s.record
    assert len(p0) == len(rec.out_ids) + len(rec.in_ids)
    np.testing.assert_allclose(p0[-len(rec.in_ids) :], geometry.project(basis0, rec.in_before))
    scale = v.scale_box.currentData()
    np.testing.assert_allclose(
        p1 - p0, np.concatenate([rec.out_delta, rec.in_delta]) @ basis0.components.T * scale, atol=1e-15
    )
    # refit: a new basis aligned with the old one
    s.step_forward(20)
    v.refit()
    assert v.basis is not basis0 and v.fitted_at == s.step
    assert np.all(np.einsum("ij,ij->i", v.basis.components, basis0.components) >= 0)
    s.undo()
    np.testing.assert_allclose(v.points_in, geometry.project(v.basis, s.params.W))
    assert "PC1" in v.variance.text()
    # labels: the selected word and this step's inputs first; every point only when there are few
    texts = v.label_texts
    assert texts[0] == b.selected_word
    assert all(w in texts for w in s.record.inputs)
    n_points = s.model.V + s.model.n_out
    if n_points <= 20:
        assert len(texts) == n_points
    else:
        assert len(texts) < n_points
    v.grab()  # paint: the labels placed do not overlap
    rects = [r for _, r in v.label_layer.placed]
    assert rects and not any(a.intersects(b_) for i, a in enumerate(rects) for b_ in rects[i + 1 :])


def test_projection_raw_coordinates_for_N2(qtbot):
    s, b = make("cbow", "softmax", hidden=2)
    v = show(qtbot, ProjectionView(b))
    s.step_forward(1)
    assert v.basis.raw
    np.testing.assert_allclose(v.points_in, s.params.W)


# ---------------------------------------------------------------------------------------------------------
def test_neighbours_table_and_selection_sync(qtbot):
    s, b = make("skipgram", "ns")
    v = show(qtbot, NeighboursView(b))
    s.step_forward(5)
    i = s.model.vocab.index[b.selected_word]
    ids, sims = geometry.cosine_neighbours(s.params.W, i, v.k_box.value())
    assert v.model.column(v.model._headers[1]) == [s.model.words[j] for j in ids]
    # through the Qt API, as the table view asks for it
    assert v.model.data(v.model.index(0, 1), Qt.DisplayRole) == s.model.words[ids[0]]
    assert v.model.data(v.model.index(0, 2), Qt.DisplayRole) == fmt(sims[0])
    assert full(sims[0]) in v.model.data(v.model.index(0, 2), Qt.ToolTipRole)
    np.testing.assert_array_equal(v.model.column(v.model._headers[2]), sims)
    # the bridge's selection drives the combo and the table
    b.select_word("queen")
    assert v.combo.currentText() == "queen"
    ids, sims = geometry.cosine_neighbours(s.params.W, s.model.vocab.index["queen"], v.k_box.value())
    np.testing.assert_array_equal(v.ids, ids)
    # the combo drives the bridge
    with qtbot.waitSignal(b.selectedWordChanged):
        v.combo.setCurrentIndex(v.combo.findText("king"))
    assert b.selected_word == "king"
    s.undo()
    ids, _ = geometry.cosine_neighbours(s.params.W, s.model.vocab.index["king"], v.k_box.value())
    np.testing.assert_array_equal(v.ids, ids)


# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("arch,output", CONFIGS)
def test_network_shows_the_example(qtbot, arch, output):
    s, b = make(arch, output)
    v = show(qtbot, NetworkView(b))
    s.step_forward(2)
    rec = s.record
    assert set(rec.input_ids) <= set(v.shown_in.tolist())
    if output == "softmax":
        assert set(rec.target_ids) <= set(v.shown_out.tolist())
        assert len(v.shown_out) == s.model.V
    else:
        ids = {t.id for g in rec.terms() for t in g}
        assert set(v.shown_out.tolist()) == ids
    assert len(v.shown_hidden) == 4
    node = v.nodes_hid[0]
    assert full(rec.h[v.shown_hidden[0]]) in node.tip_text()  # made on hover
    # an edge's tooltip is its exact weight
    seg = v.edges_in.seg[0]
    k = v.edges_in.nearest((seg[0] + seg[2]) / 2, (seg[1] + seg[3]) / 2, 1.0)
    assert k is not None and "W[" in v.edges_in.tip(k)
    s.undo()
    assert set(s.record.input_ids) <= set(v.shown_in.tolist())


def test_network_caps_large_vocabularies(qtbot):
    s, b = make("cbow", "softmax", text=big_text(V=120), hidden=40)
    v = show(qtbot, NetworkView(b))
    s.step_forward(1)
    rec = s.record
    assert len(v.shown_in) <= 40 + len(set(rec.input_ids)) and len(v.shown_out) <= 41
    assert set(rec.target_ids) <= set(v.shown_out.tolist())
    top = np.argsort(-rec.y)[:5]
    assert set(top) <= set(v.shown_out.tolist())
    assert v.more_counts[2] == s.model.V - len(v.shown_out) > 0
    assert "more" in v.more[2].text()
    assert len(v.shown_hidden) == 24 and v.more_counts[1] == 16


@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
@pytest.mark.parametrize("width", [300, 550, 1200])
def test_network_column_headers_never_overlap(qtbot, output, width):
    """A small vocabulary in a narrow view brings the columns close: the headers go on two lines and the
    columns stay far enough apart for them."""
    s, b = make("cbow", output, text=preset_text("loop"), hidden=5)
    v = show(qtbot, NetworkView(b), w=width, h=380)
    s.step_forward(2)
    qtbot.wait(10)
    rects = [t.sceneBoundingRect() for t in v.headers]
    assert all(t.text() for t in v.headers)
    for a, c in zip(rects, rects[1:]):
        assert a.right() < c.left(), [t.text() for t in v.headers]
    if width == 1200:
        assert all("\n" not in t.text() for t in v.headers)  # room enough: one line each


# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("arch,output", CONFIGS)
def test_equations_follow_the_phase(qtbot, arch, output):
    s, b = make(arch, output)
    v = show(qtbot, EquationView(b))
    v.refresh()
    assert "h" in v.keys  # step 0: the general forward equations
    s.sub_step()
    assert set(v.keys) <= {"h", "u", "y"} and "E" not in v.keys
    s.sub_step()
    assert "E" in v.keys and "e" in v.keys
    tips = [ln[4] for ln in v.canvas.lines if ln[0] == "eq" and ln[2] == "E"]
    assert any(full(s.record.loss) in t for t in tips)
    s.sub_step()
    assert any(k.startswith("out") for k in v.keys) and "EH" not in v.keys
    s.sub_step()
    assert "EH" in v.keys and any(k.startswith("in") for k in v.keys)
    tips = [ln[4] for ln in v.canvas.lines if ln[0] == "eq" and ln[2] == "EH"]
    assert any(full(s.record.EH[0]) in t for t in tips)
    b.set_highlight({"EH"})
    assert v.canvas.highlight == {"EH"}
    assert not v.grab().isNull()


def test_equation_substitutes_the_target_word(qtbot):
    s, b = make("cbow", "softmax")
    v = show(qtbot, EquationView(b))
    s.step_forward(1)
    rec = s.record
    j = rec.target_ids[0]
    tips = "\n".join(ln[4] or "" for ln in v.canvas.lines if ln[0] == "eq")
    assert f"y_{rec.targets[0]} = {full(rec.y[j])}" in tips
    assert f"u_{rec.targets[0]} = {full(rec.u[j])}" in tips


# ---------------------------------------------------------------------------------------------------------
def test_reset_to_a_different_vocabulary(qtbot):
    s, b = make("cbow", "softmax")
    views = [show(qtbot, cls(b)) for cls in VIEW_CLASSES]
    s.step_forward(2)
    s2 = Session(big_text(V=50, lines=10), Config(arch="skipgram", output="hs", hidden=6, window=1))
    b.set_session(s2)
    s2.step_forward(2)
    heat = next(v for v in views if isinstance(v, HeatmapView))
    assert heat.img_in.image.shape[:2] == (s2.model.V, 6)
    assert heat.img_out.image.shape[:2] == (s2.model.V - 1, 6)
    proj = next(v for v in views if isinstance(v, ProjectionView))
    np.testing.assert_allclose(proj.points_in, geometry.project(proj.basis, s2.params.W))
    nb = next(v for v in views if isinstance(v, NeighboursView))
    assert nb.combo.count() == s2.model.V
    insp = next(v for v in views if isinstance(v, InspectorView))
    np.testing.assert_array_equal(insp.panels["h"].values, s2.record.h)
    for v in views:
        assert not v.grab().isNull()


@pytest.mark.parametrize("cls", VIEW_CLASSES)
def test_export_png_and_svg(qtbot, tmp_path, cls):
    s, b = make("cbow", "ns")
    v = show(qtbot, cls(b))
    s.step_forward(2)
    png, svg = v.export(tmp_path / "v.png"), v.export(tmp_path / "v.svg")
    assert png.stat().st_size > 1000 and svg.stat().st_size > 500
    assert svg.read_text(errors="replace").lstrip().startswith("<?xml")
    assert v.export_targets()
    with pytest.raises(ValueError):
        v.export(tmp_path / "v.bmp")


def test_reference_mode_and_phases_everywhere(qtbot):
    s, b = make("cbow", "ns", mode="reference")
    views = [show(qtbot, cls(b)) for cls in VIEW_CLASSES]
    for _ in range(6):
        s.sub_step()
        assert s.phase in PHASES
    s.seek(0)
    for v in views:
        assert not v.grab().isNull()


# ---------------------------------------------------------------------------------------------------------
# large vocabularies: the inspector draws the top K, the projection the largest moves
def test_inspector_top_k_for_large_vocabularies(qtbot):
    from explorer.qt.views import inspector_view as iv

    s, b = make("cbow", "softmax", text=big_text(V=230, lines=30))
    assert s.model.V >= iv.TOP_K_FROM
    v = show(qtbot, InspectorView(b))
    s.step_forward(2)
    rec = s.record
    p = v.panels["y"]
    idx = p.indices
    assert idx is not None and len(idx) <= iv.TOP_K + len(set(rec.target_ids))
    assert set(rec.target_ids) <= set(idx.tolist())  # the targets are always drawn
    others = [j for j in idx if j not in rec.target_ids]
    assert set(np.argsort(-rec.y, kind="stable")[: len(others)]) == set(others)  # the highest y
    assert np.all(np.diff(rec.y[idx]) <= 0)  # highest first
    # the values drawn are the record's values at those words; the same words in every softmax chart
    np.testing.assert_array_equal(p.values, rec.y[idx])
    np.testing.assert_array_equal(v.panels["u"].values, rec.u[idx])
    np.testing.assert_array_equal(v.panels["e"].values, rec.e[idx])
    assert p.labels == [s.model.words[j] for j in idx]
    assert f"top {len(idx)} of {s.model.V}" in p.note
    # the marked bars are the targets
    assert sorted(idx[k] for k in range(len(idx)) if idx[k] in rec.target_ids) == sorted(set(rec.target_ids))
    # Δv'_j: the largest changes (all V output vectors changed)
    out = v.panels["out"]
    assert len(rec.out_ids) == s.model.V and out.values.shape[0] <= iv.TOP_K + 1
    norms = np.linalg.norm(rec.out_delta, axis=1)
    rows = [int(np.flatnonzero(rec.out_ids == i)[0]) for i in out.row_ids]
    np.testing.assert_array_equal(out.values, rec.out_delta[rows])
    assert norms[rows].min() >= np.sort(norms)[-iv.TOP_K] or set(out.row_ids) & set(rec.target_ids)
    assert "top" in out.note
    # a small vocabulary: every word, no note
    s2, b2 = make("cbow", "softmax")
    v2 = show(qtbot, InspectorView(b2))
    s2.step_forward(1)
    assert v2.panels["y"].indices is None and v2.panels["y"].note == ""
    np.testing.assert_array_equal(v2.panels["y"].values, s2.record.y)


def test_projection_arrows_for_the_largest_moves(qtbot):
    from explorer.qt.views import projection_view as pv

    s, b = make("cbow", "softmax", text=big_text(V=120, lines=30), hidden=5)
    v = show(qtbot, ProjectionView(b))
    s.step_forward(1)
    rec = s.record
    assert len(rec.out_ids) == s.model.V > pv.MAX_ARROWS
    p0, p1 = v.arrow_segments(s, v.basis)
    assert len(v.arrow_out) == pv.MAX_ARROWS and len(v.arrow_in) == len(rec.in_ids)
    assert len(p0) == pv.MAX_ARROWS + len(rec.in_ids)
    # the arrows drawn are the largest projected moves
    d = np.asarray(rec.out_delta) @ v.basis.components.T
    moves = np.hypot(d[:, 0], d[:, 1])
    assert moves[v.arrow_out].min() >= np.sort(moves)[-pv.MAX_ARROWS]
    np.testing.assert_allclose(p0[: pv.MAX_ARROWS], geometry.project(v.basis, rec.out_before[v.arrow_out]))
    # labels: not every one of the 2 × V points
    assert len(v.label_texts) < 30


# ---------------------------------------------------------------------------------------------------------
# the guided walk's highlight
def test_inspector_follows_the_highlight(qtbot):
    s, b = make("cbow", "softmax")
    v = show(qtbot, InspectorView(b))
    s.step_forward(2)
    rec = s.record
    b.set_highlight({"h"})
    assert v.highlighted_keys() == {"h"}
    assert v.panels["h"].plot.vb.border is not None and v.panels["h"].plot.vb.border.style() != Qt.NoPen
    assert v.panels["u"].plot.vb.border is None or v.panels["u"].plot.vb.border.style() == Qt.NoPen
    b.set_highlight({"t", "e"})
    assert v.highlighted_keys() == {"t", "e"}
    b.set_highlight({"E"})
    assert "E" in v.highlighted_keys()
    assert v.summary.value(0, 1) == rec.loss and v.summary._bold[0]  # the loss row emphasised
    # one output vector: the Δv' map, with that vector's row outlined
    j = int(rec.out_ids[3])
    b.set_highlight({"out", f"out:{j}"})
    p = v.panels["out"]
    assert v.highlighted_keys() == {"out"} and p.row_mark.isVisible()
    r = p.row_mark.rect()
    assert int(r.top()) == int(np.flatnonzero(p.row_ids == j)[0]) and r.height() == 1
    np.testing.assert_array_equal(p.values[int(r.top())], rec.out_delta[3])
    i = int(rec.in_ids[0])
    b.set_highlight({"in", f"in:{i}"})
    assert v.highlighted_keys() == {"in"} and v.panels["in"].row_mark.isVisible()
    assert not p.row_mark.isVisible()
    b.set_highlight(())
    assert v.highlighted_keys() == set()


def test_equations_follow_the_highlight(qtbot):
    s, b = make("cbow", "softmax")
    v = show(qtbot, EquationView(b), h=250)
    s.step_forward(1)
    b.set_highlight({"h"})
    assert v.canvas.highlighted_keys() == {"h"}
    rect = v.canvas.highlight_rect()
    assert rect is not None
    # scrolled so that the highlighted equation is in sight
    top = v.scroll.verticalScrollBar().value()
    assert top <= rect.top() and rect.bottom() <= top + v.scroll.viewport().height()
    b.set_highlight({"EH"})
    assert v.canvas.highlighted_keys() == {"EH"}


@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
def test_network_follows_the_highlight(qtbot, output):
    s, b = make("cbow", output)
    v = show(qtbot, NetworkView(b))
    s.step_forward(2)
    rec = s.record
    b.set_highlight({"h"})
    st = v.highlight_state()
    assert st["hidden"] and not st["outputs"] and not st["edges_out"]
    assert all(n.glow for n in v.nodes_hid[: len(v.shown_hidden)])
    b.set_highlight({"u"})
    st = v.highlight_state()
    assert not st["hidden"] and st["outputs"] == set(v.shown_out.tolist())
    assert not any(n.glow for n in v.nodes_hid)
    # one output vector: its node and its edges hidden → j
    j = int(rec.out_ids[0])
    b.set_highlight({"out", f"out:{j}"})
    st = v.highlight_state()
    assert j in st["edges_out"] and j in st["outputs"]
    emph = v.edges_out.emphasis
    k = list(v.shown_out).index(j)
    n_out = len(v.shown_out)
    glowing = np.flatnonzero(emph) % n_out  # edges are (hidden, output) pairs, output fastest
    assert k in set(glowing.tolist())
    assert st["edges_out"] == {j}  # just that one, not every changed v'
    # "out" alone: every output vector this step changed (those shown)
    b.set_highlight({"out"})
    assert v.highlight_state()["edges_out"] == {int(x) for x in rec.out_ids} & set(v.shown_out.tolist())
    # one input vector: its edges to the hidden layer
    i = int(rec.in_ids[0])
    b.set_highlight({"in", f"in:{i}"})
    st = v.highlight_state()
    assert st["edges_in"] == {i} and st["inputs"] == {i}
    rows = np.flatnonzero(v.edges_in.emphasis) // len(v.shown_hidden)
    assert {int(v.shown_in[r]) for r in rows} == {i}
    assert not v.edges_out.emphasis.any()
    b.set_highlight({"in"})
    assert v.highlight_state()["edges_in"] == {int(x) for x in rec.in_ids}
    b.set_highlight(())
    assert not any(v.highlight_state()[k] for k in ("hidden", "inputs", "outputs", "edges_in", "edges_out"))


def test_heatmap_outlines_the_highlight(qtbot):
    s, b = make("skipgram", "ns")
    v = show(qtbot, HeatmapView(b))
    s.step_forward(2)
    rec = s.record
    j = int(rec.out_ids[1])
    b.set_highlight({"out", f"out:{j}"})
    np.testing.assert_array_equal(v.highlighted["out"], [j])  # the vector named
    assert len(v.highlighted["in"]) == 0
    b.set_highlight({"out"})  # every changed one
    np.testing.assert_array_equal(v.highlighted["out"], np.unique(rec.out_ids))
    assert j in v.highlighted["out"]
    ex, ey = geometry.rect_outlines(
        geometry.contiguous_runs(v.highlighted["out"]), "rows", (0, s.config.hidden)
    )
    x, y = v.hl_out.getData()
    np.testing.assert_array_equal(x, ex)
    np.testing.assert_array_equal(y, ey)
    b.set_highlight({f"in:{int(rec.in_ids[0])}"})
    np.testing.assert_array_equal(v.highlighted["in"], [int(rec.in_ids[0])])
    x, y = v.hl_in.getData()
    np.testing.assert_array_equal(
        y[:5], [rec.in_ids[0], rec.in_ids[0], rec.in_ids[0] + 1, rec.in_ids[0] + 1, rec.in_ids[0]]
    )
    b.set_highlight({"h"})  # h is made of the input words' rows
    np.testing.assert_array_equal(v.highlighted["in"], sorted(set(rec.input_ids)))
    b.set_highlight(())
    assert len(v.hl_in.getData()[0]) == 0 and len(v.hl_out.getData()[0]) == 0


def test_projection_emphasises_the_highlight(qtbot):
    s, b = make("cbow", "hs", hidden=5)
    v = show(qtbot, ProjectionView(b))
    s.step_forward(2)
    rec = s.record
    j = int(rec.out_ids[0])
    b.set_highlight({"out", f"out:{j}"})
    hp = v.highlighted_points()
    assert list(hp["out"]) == [j]  # the vector named, not every changed one
    pts = v.emph_points
    assert any(np.allclose(p, v.points_out[j]) for p in pts)
    assert len(v.emph_arrows.getData()[0]) > 0  # its arrow drawn wide
    assert v.label_texts.index(f"n{j}\u2032") <= 2  # and labelled first (after the selection)
    i = int(rec.in_ids[0])
    b.set_highlight({f"in:{i}"})
    assert list(v.highlighted_points()["in"]) == [i] and len(v.highlighted_points()["out"]) == 0
    np.testing.assert_allclose(v.emph_points, v.points_in[[i]])
    b.set_highlight(())
    assert len(v.emph_points) == 0 and len(v.emph_arrows.getData()[0]) == 0
    assert len(v.label_layer.rings[1][0]) == 0 and len(v.label_layer.rings[0][0]) == 1  # the selection stays


# ---------------------------------------------------------------------------------------------------------
# redraw cost: hidden tabs skip redraws, ranges and tables are kept
def test_views_in_a_hidden_dock_tab_skip_redraws(qtbot):
    from PySide6.QtWidgets import QDockWidget, QMainWindow

    s, b = make("cbow", "softmax")
    win = QMainWindow()
    qtbot.addWidget(win)
    heat, loss = HeatmapView(b), LossView(b)
    docks = []
    for view in (loss, heat):
        d = QDockWidget(view.title(), win)
        d.setWidget(view)
        win.addDockWidget(Qt.LeftDockWidgetArea, d)
        docks.append(d)
    win.tabifyDockWidget(docks[0], docks[1])
    win.resize(800, 600)
    win.show()
    docks[0].raise_()  # the loss tab in front, the heatmap tab behind
    qtbot.waitUntil(lambda: loss.on_screen() and not heat.on_screen())
    calls = {"heat": 0}
    orig = heat.refresh

    def counting():
        calls["heat"] += 1
        orig()

    heat.refresh = counting
    s.step_forward(3)
    assert calls["heat"] == 0 and heat._stale  # behind a tab: not redrawn (Qt 6 keeps it "visible")
    assert loss.cursor.value() == 3
    docks[1].raise_()  # switch tabs: it catches up
    qtbot.waitUntil(lambda: calls["heat"] == 1)
    np.testing.assert_array_equal(heat.values_in, s.params.W)


def test_ranges_and_tables_are_kept_between_steps(qtbot):
    s, b = make("cbow", "softmax")
    insp = show(qtbot, InspectorView(b))
    loss = show(qtbot, LossView(b))
    s.step_forward(2)
    insp.fill_tables()  # every table once (those behind the one in front are filled when shown)
    t_range = insp.panels["t"].plot.vb.viewRange()
    x_range = loss.plot_item.vb.viewRange()[0]
    resets = []
    insp.summary.modelReset.connect(lambda: resets.append(1))
    insp.outputs.modelReset.connect(lambda: resets.append(1))
    s.step_forward(3)
    insp.tabs.setCurrentIndex(1)  # the output table, brought forward, is filled for this step
    assert insp.panels["t"].plot.vb.viewRange() == t_range  # one-hot t: same range, same axis
    assert loss.plot_item.vb.viewRange()[0] == x_range  # the x range grows in round steps
    assert not resets  # cells updated in place
    assert insp.outputs.column("y_j") is s.record.y or np.array_equal(insp.outputs.column("y_j"), s.record.y)
    # the summary is never empty: the loss first, then the example
    cells = insp.summary.all_text()
    assert len(cells) >= 8 and cells[0][1] == fmt(s.record.loss) and " ".join(s.record.inputs) in cells[1][1]


def test_plots_repaint_with_each_step_and_when_the_user_zooms(qtbot):
    from PySide6.QtCore import QEvent, QObject

    s, b = make("cbow", "softmax")
    v = show(qtbot, LossView(b))
    vp = v.plot.viewport()
    paints = []

    class Counter(QObject):
        def eventFilter(self, obj, ev):
            if obj is vp and ev.type() == QEvent.Type.Paint:
                paints.append(1)
            return False

    def settle():
        """Process events until 100 ms pass without a paint (a busy machine only makes this longer)."""
        for _ in range(100):
            n = len(paints)
            qtbot.wait(100)
            if len(paints) == n:
                return
        raise AssertionError("the plot never stops repainting")

    counter = Counter()
    vp.installEventFilter(counter)
    s.step_forward(2)
    settle()  # whatever the first steps and the first show asked for has been painted
    paints.clear()
    s.step_forward(1)
    qtbot.waitUntil(lambda: len(paints) >= 1, timeout=10000)
    settle()
    # the step's redraw paints the plot (a second paint can follow when the loss axis grows with the step)
    assert 1 <= len(paints) <= 2
    paints.clear()
    v.plot_item.setXRange(0, 3)  # what a zoom with the mouse does
    qtbot.waitUntil(lambda: len(paints) >= 1, timeout=10000)
    vp.removeEventFilter(counter)


def test_info_line_changes_text_without_relayout(qtbot):
    from explorer.qt.views.common import InfoLine

    line = InfoLine(lines=2)
    qtbot.addWidget(line)
    line.resize(200, line.height())
    line.show()
    h = line.height()
    line.set_runs(
        [("bold part ", True, False), ("E = 1.5", True, True), (" and a long tail " * 5, False, False)]
    )
    assert line.text().startswith("bold part E = 1.5") and line.toolTip() == line.text()
    assert line.height() == h and line.sizeHint().height() == h  # the layout is never asked again
    img = line.grab()
    assert not img.isNull()
    pieces = line._layout(line.width() - 4)
    assert {p[2] for p in pieces} == {0, 1}  # wrapped onto its two lines
    assert pieces[-1][0].endswith("\u2026")  # and the rest elided


def test_steady_label_only_grows_and_refits_on_a_font_change(qtbot):
    from PySide6.QtGui import QFont

    from explorer.qt.views.common import SteadyLabel

    lab = SteadyLabel("Step 9")
    qtbot.addWidget(lab)
    lab.show()
    fixed = lab.minimumSize() == lab.maximumSize()
    assert fixed and lab.width() >= QLabel("Step 9").sizeHint().width()  # fixed size: no relayout asked
    w9 = lab.width()
    lab.setText("Step 10")
    assert lab.width() == w9  # the room of a few more characters was kept
    lab.setText("Step 123456789 of 123456789")
    assert lab.width() >= QLabel(lab.text()).sizeHint().width() > w9
    wide = lab.width()
    lab.setText("Step 1")
    assert lab.width() == wide  # never shrinks while counting
    big = QFont(lab.font())
    big.setPointSizeF(big.pointSizeF() * 2)
    lab.setFont(big)
    ref = QLabel(lab.text())
    ref.setFont(big)
    room = lab.fontMetrics().horizontalAdvance("000")
    assert lab.height() == ref.sizeHint().height()  # a font change fits the text anew, at its new size
    assert ref.sizeHint().width() <= lab.width() <= ref.sizeHint().width() + room + 2 < wide * 2


def test_build_a_view_by_name_for_a_state(qtbot, tmp_path):
    from explorer.app.state import AppState
    from explorer.qt.views.registry import VIEWS_BY_NAME, build_view

    s, _b = make("skipgram", "ns")
    s.step_forward(2)
    state = AppState(s)
    state.set_option("loss", "log", True)
    assert set(VIEWS_BY_NAME) == {c.name for c in VIEW_CLASSES}
    loss = build_view("loss", state)
    qtbot.addWidget(loss)
    assert loss.log_box.isChecked() and loss.cursor.value() == 2  # the state's option and step
    net = build_view("network", session=s)
    qtbot.addWidget(net)
    assert {int(i) for i in s.record.input_ids} <= {int(i) for i in net.shown_in}
    assert net.export(tmp_path / "n.png").exists()
