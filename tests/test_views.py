"""The views draw the session's current record and parameters, follow steps / undo / sub-steps / resets, and
render for every architecture × output layer (offscreen; PNGs of each view land in /tmp/views/)."""
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402

from explorer.engine import Config, geometry  # noqa: E402
from explorer.engine.model import PHASES  # noqa: E402
from explorer.qt.bridge import SessionBridge  # noqa: E402
from explorer.qt.views.base import View  # noqa: E402
from explorer.qt.views.common import fmt, full  # noqa: E402
from explorer.qt.views.registry import (VIEW_CLASSES, EquationView, HeatmapView, InspectorView,  # noqa: E402
                                        LossView, NeighboursView, NetworkView, ProjectionView)
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
    for v in views:                       # step 0: no record
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
    # tooltips carry full precision
    col = v.outputs._headers.index("u_j" if output == "softmax" else "u")
    tip = v.outputs.data(v.outputs.index(0, col), Qt.ToolTipRole)
    assert full(v.outputs.value(0, col)) in tip


# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
def test_heatmap_shows_the_parameters(qtbot, output):
    s, b = make("skipgram", output)
    v = show(qtbot, HeatmapView(b))
    s.step_forward(2)
    np.testing.assert_array_equal(v.img_in.image, s.params.W.astype(np.float32))
    np.testing.assert_array_equal(v.img_out.image, s.params.W_out.T.astype(np.float32))
    lo, hi = v.img_in.getLevels()
    assert lo == -hi and hi >= np.abs(s.params.W).max()
    # the deltas instead of the values
    v.delta_box.setChecked(True)
    rec = s.record
    d = v.img_in.image
    np.testing.assert_array_equal(d[rec.in_ids], rec.in_delta.astype(np.float32))
    others = np.setdiff1d(np.arange(len(d)), rec.in_ids)
    assert np.all(d[others] == 0)
    np.testing.assert_array_equal(v.img_out.image[rec.out_ids], rec.out_delta.astype(np.float32))
    lo, hi = v.img_in.getLevels()
    assert lo == -hi and hi >= np.abs(rec.in_delta).max()
    v.delta_box.setChecked(False)
    # undo: the images follow
    s.undo()
    np.testing.assert_array_equal(v.img_in.image, s.params.W.astype(np.float32))
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
    np.testing.assert_allclose(v.avg_curve.getOriginalDataset()[1],
                               geometry.moving_average(s.loss_series(), v._window))
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
    assert v.basis is basis0                       # no refit while stepping
    np.testing.assert_allclose(v.points_in, geometry.project(basis0, s.params.W))
    np.testing.assert_allclose(v.points_out, geometry.project(basis0, s.params.W_out.T))
    pts = np.column_stack(v.sc_in.getData())
    np.testing.assert_allclose(pts, v.points_in)
    # arrows: this step's changed vectors, before → before + scale·delta on the same basis
    p0, p1 = v.arrow_segments(s, basis0)
    rec = s.record
    assert len(p0) == len(rec.out_ids) + len(rec.in_ids)
    np.testing.assert_allclose(p0[-len(rec.in_ids):], geometry.project(basis0, rec.in_before))
    scale = v.scale_box.currentData()
    np.testing.assert_allclose(p1 - p0, np.concatenate([rec.out_delta, rec.in_delta]) @ basis0.components.T * scale,
                               atol=1e-15)
    # refit: a new basis aligned with the old one
    s.step_forward(20)
    v.refit()
    assert v.basis is not basis0 and v.fitted_at == s.step
    assert np.all(np.einsum("ij,ij->i", v.basis.components, basis0.components) >= 0)
    s.undo()
    np.testing.assert_allclose(v.points_in, geometry.project(v.basis, s.params.W))
    assert "PC1" in v.variance.text()
    # labels only for small vocabularies
    assert sum(t.isVisible() for t in v.labels) == s.model.V + s.model.n_out


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
    assert full(rec.h[v.shown_hidden[0]]) in node.toolTip()
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


# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("arch,output", CONFIGS)
def test_equations_follow_the_phase(qtbot, arch, output):
    s, b = make(arch, output)
    v = show(qtbot, EquationView(b))
    v.refresh()
    assert "h" in v.keys                        # step 0: the general forward equations
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
    assert heat.img_in.image.shape == (s2.model.V, 6)
    assert heat.img_out.image.shape == (s2.model.V - 1, 6)
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
