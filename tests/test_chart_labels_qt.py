"""The notation points of issue 13 in the inspector and the weight maps, in the default look and in
presentation mode (1280×720, every text ≥ 18 px): the targets labelled (in bold) in the t and e charts, word
labels on u and y, every heatmap row labelled when it fits and an evenly spread subset otherwise, and a hover
tip naming the word (and value) of every bar and row."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPicture

from explorer.app.format import full
from explorer.app.labels import output_labels
from explorer.engine import Config
from explorer.engine.presets import preset_text
from explorer.qt.bridge import SessionBridge
from explorer.qt.views.heatmap_view import HeatmapView
from explorer.qt.views.inspector_view import InspectorView
from explorer.qt.views.word_axis import WordAxis
from explorer.session import Session
from tests.test_presentation import _window, plain_theme, small_texts  # noqa: F401  (a fixture)

CONFIGS = [(a, o) for a in ("cbow", "skipgram") for o in ("softmax", "hs", "ns")]


def specs(axis):
    """The axis' labels as drawn: [(index, rect, bold)] (the words' order on the axis)."""
    pic = QPicture()
    p = QPainter(pic)
    try:
        out = axis.generateDrawSpecs(p)
    finally:
        p.end()
    words = axis._words[0]
    texts = out[2]
    drawn = axis.drawn
    assert [t[2] for t in texts] == [words[i] for i in drawn] or sorted(t[2] for t in texts) == sorted(
        words[i] for i in drawn
    )
    by_word = {}
    for t in texts:
        by_word.setdefault(t[2], []).append(t)
    res = []
    for i in drawn:
        t = by_word[words[i]].pop(0)
        res.append((i, t[0], bool(t[3])))
    return res


def no_overlap(res, vertical):
    spans = sorted((r.top(), r.bottom()) if vertical else (r.left(), r.right()) for _i, r, _b in res)
    return all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


# -- the axis ------------------------------------------------------------------------------------------------
def _axis(qtbot, n, length, px, side="bottom", marks=(), words=None):
    w = pg.GraphicsLayoutWidget()
    qtbot.addWidget(w)
    ax = WordAxis(side)
    plot = w.addPlot(axisItems={side: ax})
    font = QFont()
    font.setPixelSize(px)
    ax.setStyle(tickFont=font)
    w.resize(length, 300) if side == "bottom" else w.resize(300, length)
    w.show()
    words = words or [f"word{i:02d}" for i in range(n)]
    ax.set_words(words, 0.5 if side == "left" else 0.0, marks, marks)
    if side == "left":
        plot.invertY(True)
        plot.setYRange(0, n, padding=0)
    else:
        plot.setXRange(-0.5, n - 0.5, padding=0)
    w.grab()
    ax.widget = w  # kept alive with the axis
    return ax, font


@pytest.mark.parametrize("side", ["bottom", "left"])
def test_the_axis_labels_every_word_that_fits_else_an_even_subset(qtbot, side):
    vertical = side == "left"
    ax, font = _axis(qtbot, 20, 2000 if not vertical else 900, 12, side)
    res = specs(ax)
    assert [i for i, _r, _b in res] == list(range(20)) and no_overlap(res, vertical)
    # too little room: every k-th word, k the smallest that fits, nothing overlapping
    ax, font = _axis(qtbot, 20, 420 if not vertical else 260, 12, side)
    res = specs(ax)
    drawn = [i for i, _r, _b in res]
    steps = set(np.diff(drawn))
    assert 1 < len(drawn) < 20 and len(steps) == 1 and no_overlap(res, vertical)
    k = steps.pop()
    assert drawn[0] <= k and drawn[-1] >= 19 - 2 * k  # spread over the whole axis (an end may give way)
    # the next smaller k would overlap: neighbours k−1 apart do not fit
    fm = QFontMetricsF(font)
    pitch = abs(ax.range[1] - ax.range[0])
    length = ax.geometry().height() if vertical else ax.geometry().width()
    need = fm.height() if vertical else fm.horizontalAdvance("word00") + 2
    assert (k - 1) * length / pitch < need + WordAxis.GAP
    # a larger font: fewer labels
    big, _ = _axis(qtbot, 20, 420 if not vertical else 260, 24, side)
    assert 0 < len(big.drawn) < len(drawn)


def test_a_short_axis_still_labels_one_word(qtbot):
    # 11 rows where two labels never fit: one is drawn (not none, as when both end labels gave way)
    ax, font = _axis(qtbot, 11, 95, 24, "left")
    length = ax.geometry().height()
    assert 0 < length < 2 * (QFontMetricsF(font).height() + WordAxis.GAP)
    assert len(ax.drawn) == 1


def test_marked_words_are_always_labelled_in_bold(qtbot):
    ax, _ = _axis(qtbot, 40, 300, 12, marks=(7, 39))
    res = specs(ax)
    assert {7, 39} <= {i for i, _r, _b in res}
    assert {i for i, _r, b in res if b} == {7, 39} and no_overlap(res, False)
    # the last word is moved inwards rather than cut at the axis' end
    rect = next(r for i, r, _b in res if i == 39)
    assert rect.right() <= ax.boundingRect().right() + 1


# -- the inspector, default look -----------------------------------------------------------------------------
def _inspector(qtbot, arch, output, size=(1500, 800)):
    s = Session(preset_text("royalty"), Config(arch=arch, output=output, hidden=5, window=2))
    v = InspectorView(SessionBridge(s))
    qtbot.addWidget(v)
    v.resize(*size)
    v.show()
    qtbot.waitExposed(v)
    s.step_forward(3)
    v.grab()
    return s, v


def named_beside_bars(panel):
    """The words written beside the bars (full softmax's t and e): [(text, view x)] of those shown."""
    return [(it.text(), it.pos().x()) for it in panel.bar_names if it.isVisible()]


def assert_targets_named(panel, key, lab, res, output):
    """Full softmax's t and e vectors write the target word in bold beside its bar (their axes keep the
    same words every step), its u and y outline the target bars only; the matrices of skip-gram's t and e,
    and the hs / ns charts, label the targets in bold on the axis whatever the space."""
    drawn = {i for i, _r, _b in res}
    bold = {i for i, _r, b in res if b}
    if output == "softmax" and panel.values.ndim == 1:
        assert not bold
        named = named_beside_bars(panel)
        if key in ("t", "e"):
            assert [t for t, _x in named] == [lab.labels[m] for m in lab.marks]
            for (_t, x), m in zip(named, lab.marks):
                assert abs(x - m) <= 0.5  # at the target's bar
            assert all(it.font().bold() for it in panel.bar_names if it.isVisible())
        else:
            assert named == [] and panel.bars._marks  # outlined
    else:
        assert set(lab.always) <= drawn and bold == set(lab.marks)
        assert named_beside_bars(panel) == []


def _bar_scene_pos(panel, j):
    y = float(panel.values[j]) / 2 if panel.values.ndim == 1 else 0.5
    return panel.plot.vb.mapViewToScene(pg.Point(j if panel.values.ndim == 1 else j + 0.5, y))


@pytest.mark.parametrize("arch,output", CONFIGS)
def test_inspector_labels_u_y_with_words_and_the_targets_in_t_and_e(qtbot, arch, output):
    s, v = _inspector(qtbot, arch, output)
    rec = s.record
    lab = output_labels(rec, s.model.words)
    for key in ("u", "y", "t", "e"):
        panel = v.panels[key]
        assert panel.available and panel.labels == list(lab.labels)
        res = specs(panel.plot.getAxis("bottom"))
        drawn = {i for i, _r, _b in res}
        # the targets (softmax: the target words, ns: the positives; hs: each path's last node, which
        # names the word its path leads to) are named in t and e whatever the space, only they in bold
        assert_targets_named(panel, key, lab, res, output)
        # word labels: more than the targets alone, nothing overlapping
        assert len(drawn - set(lab.always)) >= 2 and no_overlap(res, False)
        # every bar (labelled or not) names its word and exact value on hover
        for j in range(len(lab.labels)):
            tip = panel.tip(_bar_scene_pos(panel, j))
            value = panel.values[j] if panel.values.ndim == 1 else panel.values[0, j]
            assert tip is not None and lab.tips[j] in tip and full(value) in tip
    for key in ("t", "e"):
        assert v.panels[key].caption == lab.caption
        assert v.panels[key].tip(_bar_scene_pos(v.panels[key], 0)).endswith("\n" + lab.caption)
    if output == "softmax":
        targets = {rec.targets[0]} if arch == "cbow" else set(rec.targets)
        assert {lab.labels[i] for i in lab.marks} == targets


# -- the inspector and the maps in presentation mode --------------------------------------------------------
def _in_front(qtbot, w, name):
    """Dock ``name`` tabbed with the network and brought to the front (presentation mode hides it)."""
    from PySide6.QtWidgets import QApplication

    d = w.docks[name]
    d.setVisible(True)
    w.tabifyDockWidget(w.docks["network"], d)
    for _ in range(5):
        QApplication.processEvents()
    d.raise_()
    for _ in range(10):
        QApplication.processEvents()
    view = d.widget()
    assert view.on_screen()
    view.grab()
    return view


@pytest.mark.parametrize("output", ["softmax", "ns"])
def test_presentation_inspector_labels_the_targets_at_18_px(qtbot, tmp_path, plain_theme, output):  # noqa: F811
    w = _window(qtbot, tmp_path, output)
    v = _in_front(qtbot, w, "inspector")
    assert small_texts(w) == []
    rec = w.bridge.session.record
    lab = output_labels(rec, w.bridge.session.model.words)
    for key in ("t", "e"):
        panel = v.panels[key]
        ax = panel.plot.getAxis("bottom")
        assert QFontMetricsF(ax.style["tickFont"]).height() >= 18
        res = specs(ax)
        assert_targets_named(panel, key, lab, res, output)
        assert no_overlap(res, False)
        for it in panel.bar_names:  # the words beside the bars too (the walk above checks them as well)
            assert not it.isVisible() or QFontMetricsF(it.font()).height() >= 18
    # the Δ maps' word axes are as wide as the words at this size (nothing cut)
    ax = v.panels["in"].plot.getAxis("left")
    fm = QFontMetricsF(ax.style["tickFont"])
    assert ax.width() >= max(fm.horizontalAdvance(x) for x in rec.in_words)
    w.close()


def _row_pitch(view, plot):
    return plot.vb.sceneBoundingRect().height() / len(view._words)


@pytest.mark.parametrize("presentation", [False, True])
def test_heatmap_rows_all_labelled_when_they_fit_else_evenly_with_hover(
    qtbot, tmp_path, plain_theme, presentation
):  # noqa: F811,E501
    if presentation:
        w = _window(qtbot, tmp_path, "softmax")
        v = _in_front(qtbot, w, "heatmap")
        assert small_texts(w) == []
    else:
        s = Session(preset_text("royalty"), Config(hidden=5, window=2))
        v = HeatmapView(SessionBridge(s))
        qtbot.addWidget(v)
        v.resize(900, 700)
        v.show()
        qtbot.waitExposed(v)
        s.step_forward(3)
        v.grab()
    V = len(v._words)
    for plot, which, names in ((v.p_in, "in", v._words), (v.p_out, "out", v._out_labels)):
        ax = plot.getAxis("left")
        res = specs(ax)
        drawn = [i for i, _r, _b in res]
        line = QFontMetricsF(ax.style["tickFont"]).height()
        fits = _row_pitch(v, plot) >= line + WordAxis.GAP
        assert fits != presentation  # the default size has room for every row, 1280×720 at 18 px not
        if fits:
            assert drawn == list(range(V))
        else:
            assert 1 < len(drawn) < V and len(set(np.diff(drawn))) == 1 and drawn[0] < drawn[1] - drawn[0]
        assert no_overlap(res, True)
        # every row names its word, a component and the value on hover (also the rows not labelled)
        for r in range(V):
            tip = v.tip_at(which, r, 1)
            assert names[r] in tip and "1" in tip
        r = next(i for i in range(V) if i not in drawn) if not fits else V - 1
        pos = plot.vb.mapViewToScene(pg.Point(1.5, r + 0.5))
        assert v._cell(pos) == (which, r, 1)
