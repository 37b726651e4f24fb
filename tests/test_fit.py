"""Presentation mode fits projector sizes: at 1280×720 and 1024×768, for CBOW and skip-gram × softmax / hs /
ns, the network, tree, samples and equations panels show no scroll bar and every text lies inside its panel;
the default layout at 1920×1080 shows a 30-word network without scrolling. The choices behind it (how many
words fit, which ones; vectors elided; a Huffman path shortened) are tested without Qt."""

import numpy as np
import pytest

from explorer.app.network import CAP_WORDS, choose_nodes, rows_that_fit
from explorer.engine.config import APP_DEFAULTS
from explorer.engine.presets import preset_text
from explorer.session import Session

PANELS = ("network", "tree", "samples", "equations")
CONFIGS = [(arch, out) for arch in ("cbow", "skipgram") for out in ("softmax", "hs", "ns")]


def _session(arch="cbow", output="softmax", preset="royalty", text=None, steps=5):
    cfg = APP_DEFAULTS.__class__(**dict(APP_DEFAULTS.to_dict(), arch=arch, output=output))
    s = Session(text if text is not None else preset_text(preset), cfg, name=preset)
    if steps:
        s.step_forward(steps)
    return s


# -- the application layer -------------------------------------------------------------------------------
def test_rows_that_fit_shows_all_words_when_they_fit_else_leaves_room_for_the_more_line():
    assert rows_that_fit(1000, 24, 100, 30, total=19) == 19
    # 19 rows need 18·24 + 100 = 532 units; in 500 the "… n more" line (30) takes a row's place too
    assert rows_that_fit(500, 24, 100, 30, total=19) == (500 - 100 - 30) // 24 + 1
    assert rows_that_fit(50, 24, 100, 30, total=19) == 4  # never fewer than the example's own words
    assert rows_that_fit(10_000, 24, 100, 30, total=500) == CAP_WORDS
    assert rows_that_fit(0, 24, 100, 30, total=19) == CAP_WORDS  # not laid out yet


def test_choose_nodes_with_a_cap_keeps_the_example_and_the_highest_outputs():
    s = _session(preset="animals")
    rec = s.record
    shown = choose_nodes(s, rec, cap=8, cap_hidden=3)
    assert len(shown.ins) <= max(8, len(set(rec.input_ids))) and set(rec.input_ids) <= set(shown.ins.tolist())
    assert set(rec.target_ids) <= set(shown.outs.tolist()) and len(shown.outs) == 8
    others = [j for j in shown.outs.tolist() if j not in set(rec.target_ids)]
    hidden = [j for j in range(s.model.V) if j not in set(shown.outs.tolist())]
    assert min(rec.y[others]) >= max(rec.y[hidden])  # the highest y of the rest
    assert shown.more[0] == s.model.V - len(shown.ins) and shown.more[2] == s.model.V - 8
    assert len(shown.hid) == 3 and shown.more[1] == s.config.hidden - 3
    assert np.all(np.abs(rec.h[shown.hid]).min() >= np.abs(np.delete(rec.h, shown.hid)).max())
    full = choose_nodes(s, rec)
    assert len(full.outs) == s.model.V and full.more == (0, 0, 0)


def test_vectors_elide_their_middle_in_a_narrow_panel():
    from explorer.app.typeset import vec, vector_components

    v = np.array([0.5, -0.25, 0.125, 2.0, -3.0])
    assert vec(v).text == "[0.5, \u22120.25, 0.125, \u2026]"
    with vector_components(2):
        assert vec(v).text == "[0.5, \u2026, \u22123]"
    assert vec(v).text.endswith("\u2026]")  # back to three after the block
    with vector_components(2):
        assert vec(v[:2]).text == "[0.5, \u22120.25]"  # nothing to leave out


def test_the_lecture_equations_show_the_current_phase_only():
    from explorer.app.equations import equation_lines

    s = _session()
    full, caption = equation_lines(s)
    lecture, lecture_caption = equation_lines(s, current_only=True, components=2)
    assert any(dim for _k, _p, _key, dim, _t in full)  # earlier phases, in grey
    assert not any(dim for _k, _p, _key, dim, _t in lecture) and 0 < len(lecture) < len(full)
    assert not any(kind == "heading" for kind, *_ in lecture) and lecture_caption.startswith("4.")
    assert lecture_caption != caption


def test_a_deep_huffman_path_is_shortened_to_the_levels_that_fit():
    from explorer.app.tree import tree_panels

    s = _session(output="hs", preset="animals")
    rec = s.record
    deep = max(range(len(rec.targets)), key=lambda c: len(rec.paths[c]))
    whole = tree_panels(rec, s.model.tree, s.model.words, deep)[0]
    n = len(whole.code)
    assert n >= 4
    short = tree_panels(rec, s.model.tree, s.model.words, deep, max_levels=3)[0]
    assert short.depth <= 3 + 1  # the levels kept and the leaf
    gap = [node for node in short.nodes if node.kind == "elided"]
    assert len(gap) == 1 and gap[0].leaves == n - 2  # "⋮ n − 2 nodes": the root and the last node kept
    inner = [node for node in short.nodes if node.kind == "inner"]
    assert [node.inner for node in inner] == [whole.path[0].inner, whole.path[n - 1].inner]
    assert short.path[-1].label == whole.target and short.loss == pytest.approx(whole.loss)
    assert tree_panels(rec, s.model.tree, s.model.words, deep, max_levels=n + 1)[0] == whole


# -- the window ------------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def plain_theme():
    yield
    from PySide6.QtWidgets import QApplication

    from explorer.qt import style

    if QApplication.instance() is not None:
        style.apply_theme(QApplication.instance(), style.LIGHT)


def _make_window(qtbot, tmp_path, size, presentation=True, session=None):
    from PySide6.QtCore import QSettings

    from explorer.qt.main_window import MainWindow

    w = MainWindow(
        session or _session(),
        settings=QSettings(str(tmp_path / "fit.ini"), QSettings.Format.IniFormat),
        restore_layout=False,
    )
    qtbot.addWidget(w)
    w.transport.burst_s = 0
    w.resize(*size)
    if presentation:
        w.set_presentation(True)
    w.show()
    qtbot.waitExposed(w)
    return w


def _settle(qtbot, w):
    from PySide6.QtWidgets import QApplication

    w.bridge.flush()
    for _ in range(6):
        QApplication.processEvents()
        qtbot.wait(5)
    w.bridge.flush()
    QApplication.processEvents()


def misfits(w, names=PANELS) -> list[str]:
    """Scroll bars shown and texts outside their viewport, in the panels ``names`` that are on screen."""
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QGraphicsSimpleTextItem

    bad = []
    for view in w.views:
        if view.name not in names or not view.isVisible() or view.visibleRegion().isEmpty():
            continue
        if view.name == "equations":
            area, canvas = view.scroll, view.canvas
            for bar in (area.horizontalScrollBar(), area.verticalScrollBar()):
                if bar.isVisible():
                    bad.append(f"equations: a scroll bar ({bar.orientation().name})")
            vp = area.viewport().size()
            for _kind, payload, key, _dim, _tip, x, base, _top, _extra in canvas._placed:
                if _kind == "eq" and (
                    x + payload.w > vp.width() + 1 or base + payload.desc > vp.height() + 1
                ):
                    bad.append(
                        f"equations: {key} outside ({x + payload.w:.0f} × {base + payload.desc:.0f} in"
                        f" {vp.width()} × {vp.height()})"
                    )
            continue
        gv = view.view
        for bar in (gv.horizontalScrollBar(), gv.verticalScrollBar()):
            if bar.isVisible():
                bad.append(f"{view.name}: a scroll bar ({bar.orientation().name})")
        port = QRectF(gv.viewport().rect()).adjusted(-1, -1, 1, 1)
        for item in gv.scene().items():
            if (
                not isinstance(item, QGraphicsSimpleTextItem)
                or not item.isVisible()
                or not item.text().strip()
            ):
                continue
            r = gv.mapFromScene(item.sceneBoundingRect()).boundingRect()
            if not port.contains(QRectF(r)):
                bad.append(f"{view.name}: {item.text()[:24]!r} at {r.getRect()} outside {port.getRect()}")
    return bad


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_presentation_panels_fit_without_scrolling_or_clipping(qtbot, tmp_path, size):
    """For every arch × output and every phase, the panels in front (the network or the output layer's own
    view, the equations) and the network behind the tree / samples show no scroll bar and clip no text."""
    w = _make_window(qtbot, tmp_path, size)
    failures = []
    for arch, out in CONFIGS:
        s = _session(arch, out)
        w.set_session(s)
        for phase in range(4):
            if phase:
                s.sub_step_back()  # input update → output update → error → forward
            _settle(qtbot, w)
            shown = [v.name for v in w.views if v.name in PANELS and not v.visibleRegion().isEmpty()]
            own = {"hs": "tree", "ns": "samples"}.get(out, "network")
            front = "network" if s.phase == "forward" else own
            assert {"equations", front} <= set(shown), (arch, out, s.phase, shown)
            failures += [f"{arch}/{out}/{s.phase}: {m}" for m in misfits(w)]
        if own != "network":
            next(v for v in w.views if v.name == "network").parentWidget().raise_()
            _settle(qtbot, w)
            failures += [f"{arch}/{out}/network behind: {m}" for m in misfits(w, ("network",))]
    w.close()
    assert failures == [], "\n".join(failures)


def test_the_default_layout_shows_a_30_word_network_without_scrolling(qtbot, tmp_path):
    words = [f"w{i:02d}" for i in range(30)]
    rng = np.random.default_rng(1)
    text = "\n".join(" ".join(rng.choice(words, 8)) for _ in range(40)) + "\n" + " ".join(words)
    s = _session(text=text, preset="thirty", steps=3)
    assert s.model.V == 30
    w = _make_window(qtbot, tmp_path, (1920, 1080), presentation=False, session=s)
    _settle(qtbot, w)
    net = next(v for v in w.views if v.name == "network")
    assert len(net.shown_in) == 30 and len(net.shown_out) == 30
    assert misfits(w, ("network",)) == []
    w.close()
