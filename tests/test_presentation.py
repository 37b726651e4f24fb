"""Presentation mode: the layout chosen per phase (Qt-free), every visible text at least 18 px at 1280×720,
the window's minimum size within 1024×768, dock contents not clipped, the walk's keys bring it forward,
``--size`` for screenshots."""

import re

import pytest

from explorer.app.presentation import presentation_layout

ALL = ("setup", "network", "inspector", "equations", "walk", "heatmap", "loss", "projection", "neighbours")


def _names(columns):
    return [n for col in columns for row in col for n in row]


@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
@pytest.mark.parametrize("phase", [None, "forward", "error", "output update", "input update"])
def test_presentation_layout_shows_the_phase_panels_and_hides_the_setup(phase, output):
    lay = presentation_layout(phase, output, ALL)
    shown = _names(lay.columns)
    assert "setup" in lay.hidden and "setup" not in shown
    assert set(shown) | set(lay.hidden) == set(ALL) and not set(shown) & set(lay.hidden)
    assert len(lay.columns) == 2 and lay.columns[0] == (("network",),)
    assert lay.columns[1][0][0] == "equations"
    lower = "projection" if phase in ("output update", "input update") else "loss"
    assert lay.columns[1][1][0] == lower
    assert lay.front == ("network", "equations", lower)
    assert abs(sum(lay.widths) - 1.0) < 1e-9


def test_presentation_layout_takes_the_tree_and_samples_views_by_name():
    avail = ALL + ("tree", "samples")
    hs = presentation_layout("error", "hs", avail)
    assert hs.columns[0] == (("tree", "network"),) and hs.front[0] == "tree"
    assert presentation_layout("forward", "hs", avail).front[0] == "network"  # the forward pass: network
    ns = presentation_layout("output update", "ns", avail)
    assert ns.columns[0] == (("samples", "network"),) and ns.front == ("samples", "equations", "projection")
    assert "tree" in ns.hidden and "samples" in hs.hidden


def test_parse_size():
    from explorer.qt.app import parse_size

    assert parse_size("1280x720") == (1280, 720) and parse_size("1024X768") == (1024, 768)
    for bad in ("1280", "x720", "12x7", "1280x720x3", "-5x700", "99999x700", "axb"):
        assert parse_size(bad) is None


def test_size_option_sets_the_screenshot_size(tmp_path):
    from PySide6.QtGui import QImage

    from explorer.cli.main import main

    out = tmp_path / "s.png"
    args = ["--screenshot", str(out), "--preset", "royalty", "--size", "1024x768", "--presentation"]
    assert main(args) == 0
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1024, 768)
    assert main(["--screenshot", str(tmp_path / "t.png"), "--size", "big"]) == 2
    assert not (tmp_path / "t.png").exists()


# -- the window ----------------------------------------------------------------------------------------------
def _window(qtbot, tmp_path, output="softmax", size=(1280, 720), steps=3):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from explorer.engine.config import APP_DEFAULTS
    from explorer.engine.presets import preset_text
    from explorer.qt.main_window import MainWindow
    from explorer.session import Session

    cfg = APP_DEFAULTS.__class__(**dict(APP_DEFAULTS.to_dict(), output=output))
    s = Session(preset_text("royalty"), cfg, name="royalty")
    w = MainWindow(
        s, settings=QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat), restore_layout=False
    )
    qtbot.addWidget(w)
    w.transport.burst_s = 0
    w.resize(*size)
    w.set_presentation(True)
    w.show()
    qtbot.waitExposed(w)
    s.step_forward(steps)
    w.bridge.flush()
    for _ in range(10):
        QApplication.processEvents()
    return w


@pytest.fixture
def plain_theme():
    yield
    from PySide6.QtWidgets import QApplication

    from explorer.qt import style

    style.apply_theme(QApplication.instance(), style.LIGHT)


def _px(font) -> float:
    from PySide6.QtGui import QFontInfo

    return QFontInfo(font).pixelSize()


def _css_px(size: str) -> float:
    m = re.fullmatch(r"([\d.]+)(px|pt)", size.strip())
    assert m, size
    return float(m.group(1)) * (1.0 if m.group(2) == "px" else 96 / 72)


def small_texts(w, least=18) -> list[str]:
    """Every visible text smaller than ``least`` pixels on screen: widgets, and in every graphics scene the
    text items (scaled by their view's zoom), pyqtgraph titles, legends and axis tick fonts, and items that
    paint their own text (``w2v_fonts()``); the equations' fonts for the main line and subscripts."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QGraphicsSimpleTextItem,
        QGraphicsTextItem,
        QGraphicsView,
        QLabel,
        QLineEdit,
        QTabBar,
        QWidget,
    )

    from explorer.qt.views.equation_canvas import EquationCanvas

    bad = []
    texty = (QLabel, QAbstractButton, QComboBox, QLineEdit, QTabBar)
    for wid in [w, *w.findChildren(QWidget)]:
        if not wid.isVisible() or wid.visibleRegion().isEmpty():
            continue
        if isinstance(wid, texty) or wid.property("w2vView"):
            if _px(QWidget.font(wid)) < least:
                bad.append(f"widget {type(wid).__name__} {wid.objectName()}: {_px(QWidget.font(wid))} px")
        if isinstance(wid, EquationCanvas) and wid.lines:
            ctx = wid._ctx[False]
            for level in (0, 1):
                if _px(ctx.font(level)) < least:
                    bad.append(f"equation level {level}: {_px(ctx.font(level))} px")
    for gv in w.findChildren(QGraphicsView):
        if not gv.isVisible() or gv.viewport().visibleRegion().isEmpty() or gv.scene() is None:
            continue
        zoom = gv.transform().m11()
        for item in gv.scene().items():
            if not item.isVisible():
                continue
            name = type(item).__name__
            if isinstance(item, QGraphicsSimpleTextItem) and item.text().strip():
                if _px(item.font()) * zoom < least - 0.5:
                    bad.append(f"{name} {item.text()[:30]!r}: {_px(item.font()) * zoom:.1f} px")
            if isinstance(item, QGraphicsTextItem) and item.toPlainText().strip():
                # rich text (pyqtgraph titles, axis labels, legends): the sizes its spans ask for, else its
                # font
                text = item.toPlainText()[:30]
                spans = re.findall(r"font-size:\s*([\d.]+(?:px|pt))", item.toHtml())[1:]
                for size in spans or [f"{_px(item.font())}px"]:
                    if _css_px(size) * zoom < least - 0.5:
                        bad.append(f"{name} {text!r}: {size}")
            if isinstance(item, pg.AxisItem) and item.style.get("showValues", True) and item.isVisible():
                f = item.style.get("tickFont")
                if f is None or _px(f) < least:
                    bad.append(f"axis {item.orientation} ticks: {None if f is None else _px(f)} px")
            fonts = getattr(item, "w2v_fonts", None)
            if callable(fonts):
                for f in fonts():
                    if _px(f) < least:
                        bad.append(f"{name} paints {_px(f)} px")
    return bad


@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
def test_every_visible_text_is_at_least_18_px_in_presentation_mode(qtbot, tmp_path, plain_theme, output):
    w = _window(qtbot, tmp_path, output)
    assert w.size().width() == 1280 and w.size().height() == 720
    assert not w.docks["setup"].isVisible()
    assert small_texts(w) == []
    w.set_presentation(False)
    assert small_texts(w), "the normal look has small text: the walk above must find it"
    w.close()


@pytest.mark.parametrize("presentation", [False, True])
def test_the_window_minimum_size_fits_1024_by_768(qtbot, tmp_path, plain_theme, presentation):
    w = _window(qtbot, tmp_path, "ns", size=(1024, 768))
    w.set_presentation(presentation)
    for _ in range(5):
        qtbot.wait(10)
    hint = w.minimumSizeHint().expandedTo(w.minimumSize())
    assert hint.width() <= 1024 and hint.height() <= 768, hint
    w.resize(1024, 768)
    qtbot.wait(10)
    assert (w.width(), w.height()) == (1024, 768)
    w.close()


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_presentation_docks_are_not_clipped(qtbot, tmp_path, plain_theme, size):
    w = _window(qtbot, tmp_path, "softmax", size=size)
    for name, dock in w.docks.items():
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            need = dock.widget().minimumSizeHint()
            have = dock.widget().size()
            assert need.width() <= have.width() and need.height() <= have.height(), (name, need, have)
    w.close()


def test_walk_keys_bring_the_walk_forward(qtbot, tmp_path, plain_theme):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    w = _window(qtbot, tmp_path)
    walk = w.docks["walk"]
    w.docks["equations"].raise_()
    QApplication.processEvents()
    assert walk.widget().visibleRegion().isEmpty()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    s = w.bridge.session

    def where():
        return (s.step, s.phase, w.state.walk.index)

    before = where()
    qtbot.keyClick(w, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert not walk.widget().visibleRegion().isEmpty()  # in front of the equations now
    assert w.state.walk.current is not None and where() != before  # and the walk moved on
    w.docks["equations"].raise_()
    QApplication.processEvents()
    after = where()
    qtbot.keyClick(w, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert not walk.widget().visibleRegion().isEmpty() and where() != after
    w.close()


# -- notation -----------------------------------------------------------------------------------------------
def test_window_notation_is_m_on_each_side_and_C_context_words(qtbot, tmp_path, plain_theme):
    """One letter per quantity: the setup panel's window is m (words on each side); C = 2m is the number of
    context words, the C of the equations (Σ_{c=1}^{C}); the engine's message and the CLI say m too."""
    from explorer.cli.main import build_parser
    from explorer.engine import Config
    from explorer.errors import ExplorerError

    w = _window(qtbot, tmp_path)
    panel = w.setup_panel
    assert panel.labels["window"].text().startswith("Window m")
    assert "C = 2m" in panel.widgets["window"].toolTip()
    with pytest.raises(ExplorerError, match="window m"):
        Config(window=0)
    w.close()
    helps = build_parser().format_help() + "".join(
        a.choices[k].format_help() for a in build_parser()._subparsers._group_actions for k in a.choices
    )
    assert "C = 2m" in helps and "window C" not in helps


def test_the_status_bar_shows_the_eta_the_step_used(qtbot, tmp_path, plain_theme):
    """Reference mode decays η: the status bar shows the base η and, when they differ, the one the step
    used."""
    from PySide6.QtCore import QSettings

    from explorer.engine import Config
    from explorer.engine.presets import preset_text
    from explorer.qt.main_window import MainWindow
    from explorer.session import Session

    s = Session(preset_text("royalty"), Config(window=2, mode="reference", epochs=2), name="royalty")
    w = MainWindow(
        s, settings=QSettings(str(tmp_path / "e.ini"), QSettings.Format.IniFormat), restore_layout=False
    )
    qtbot.addWidget(w)
    s.step_forward(20)
    w.bridge.flush()
    w._update_status()
    used = s.record.lr
    assert used < 0.1
    assert w.status_lr.text() == f"η = 0.1 (this step: {used:.4g})"
    w.close()


# -- readable after long runs -------------------------------------------------------------------------------
def test_the_loss_axis_ends_near_the_last_step(qtbot, tmp_path, plain_theme):
    from explorer.qt.views.loss_view import _axis_end

    assert _axis_end(3) == 10.0
    for x in (9, 57, 300, 5036, 123_456):
        assert x < _axis_end(x) <= 1.2 * x, x
    assert _axis_end(5036) == 5600.0
    w = _window(qtbot, tmp_path, steps=150)
    loss = next(v for v in w.views if v.name == "loss")
    (x0, x1), _y = loss.plot_item.vb.viewRange()
    assert 150 <= x1 <= 1.25 * 150
    w.close()


def test_the_projection_keeps_spread_points_apart(qtbot, tmp_path, plain_theme):
    """Points spread 10× wider along PC1 than PC2 (a long run): each axis fits its points instead of an equal
    scale squeezing them onto a line; comparable spreads keep equal scales."""
    import numpy as np

    w = _window(qtbot, tmp_path, size=(1600, 1000))
    w.set_presentation(False)
    pv = next(v for v in w.views if v.name == "projection")
    rng = np.random.default_rng(0)
    pv._range = None
    pv.points_in = rng.uniform(-1, 1, size=(30, 2)) * [11.0, 1.0]
    pv.points_out = np.zeros((0, 2))
    pv._follow_points(True, False)
    assert pv.plot_item.vb.state["aspectLocked"] is False
    (_x0, _x1), (y0, y1) = pv.plot_item.vb.viewRange()
    assert y1 - y0 < 4.0  # the y axis spans the points' ±1 (with padding), not ±11
    pv._range = None
    pv.points_in = rng.uniform(-1, 1, size=(30, 2)) * [2.0, 1.0]
    pv._follow_points(True, False)
    assert pv.plot_item.vb.state["aspectLocked"] is not False
    w.close()


def test_presentation_on_and_off_keeps_the_panel_sizes_and_opening_a_corpus_too(qtbot, tmp_path, plain_theme):
    from explorer.engine.presets import preset_text

    w = _window(qtbot, tmp_path, size=(1600, 1000))
    w.set_presentation(False)
    qtbot.wait(50)

    def widths():
        return {n: d.width() for n, d in w.docks.items() if d.isVisible() and not d.visibleRegion().isEmpty()}

    before = widths()
    assert "setup" in before
    w.set_presentation(True)
    qtbot.wait(50)
    assert "setup" not in widths()
    w.set_presentation(False)
    qtbot.wait(50)
    assert widths() == before
    path = tmp_path / "a-corpus-with-a-rather-long-file-name-for-the-setup-panel.txt"
    path.write_text(preset_text("animals"), encoding="utf-8")
    assert w.open_corpus(str(path))
    qtbot.wait(50)
    assert widths() == before
    w.close()


def test_the_selected_word_marker_is_explained_in_the_projection_legend(qtbot, tmp_path, plain_theme):
    w = _window(qtbot, tmp_path, size=(1600, 1000))
    pv = next(v for v in w.views if v.name == "projection")
    marks = {text: (mark, colour) for mark, colour, text in pv.legend_entries}
    assert set(marks) == {"input v_w", "output v\u2032_j", "selected word"}
    assert marks["selected word"] == ("\u25cb", pv._sel_pen.color())  # the same red ring the view draws
    # the legend line above the map shows each entry in its colour
    title = pv.plot_item.titleLabel.text
    for text, (mark, colour) in marks.items():
        assert f"<span style='color:{colour.name()}'>{mark}</span>&nbsp;{text}" in title
    w.close()
