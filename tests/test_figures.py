"""Figures: panels drawn offscreen to SVG / PDF (vectors, text as text) and PNG (exact size); the figure
does not depend on the window (its size, theme, hover, the walk's highlight) unless asked."""

import io
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from conftest import ROYAL
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractScrollArea, QGraphicsItem, QGraphicsView

from explorer.engine.config import Config
from explorer.errors import ConfigError
from explorer.qt.figures import spec as S
from explorer.qt.figures.render import Figure, clean_for_export, figure_bytes
from explorer.session import Session

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def session():
    s = Session(ROYAL, Config(hidden=4, window=2, output="hs"), name="royal")
    s.step_forward(3)
    return s


def spec(panels=("network",), size=(480, 320), **kw):
    return S.FigureSpec(panels=tuple(panels), size=size, **kw)


def texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()).strip() for t in root.iter(SVG + "text")]


def image(png: bytes) -> QImage:
    img = QImage()
    assert img.loadFromData(png, "PNG")
    return img


def pixels(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes()).copy()


# -- the spec (no Qt) -----------------------------------------------------------------------------------
def test_spec_checks():
    assert S.parse_size("1280x720") == (1280, 720) and S.parse_size("200X150") == (200, 150)
    for bad in ("199x150", "200x149", "8001x100", "100x8001", "8000x8001", "12", "axb", "-5x10"):
        with pytest.raises(ConfigError):
            S.parse_size(bad)
    assert S.parse_panels("network, equations") == ("network", "equations")
    for bad in ("", "nope", "network,network", "network,nope"):
        with pytest.raises(ConfigError):
            S.parse_panels(bad)
    assert S.parse_phase("output-update") == "output update" and S.parse_phase("input") == "input update"
    with pytest.raises(ConfigError):
        S.parse_phase("backward")
    with pytest.raises(ConfigError):
        S.check_scale(4, (400, 300))  # leaves 100x75 to lay out
    assert S.check_scale(2, (400, 300)) == 2.0
    with pytest.raises(ConfigError):
        S.output_format("x.bmp", S.FIGURE_FORMATS)
    assert S.output_format("x.PDF", S.FIGURE_FORMATS) == "pdf"


def test_frame_plan_and_arrangement():
    assert S.frame_plan(2, 4, False) == [(2, None), (3, None), (4, None)]
    plan = S.frame_plan(0, 2, True)
    assert plan[0] == (0, None) and len(plan) == 1 + 2 * 4
    assert [p for _, p in plan[1:5]] == list(S.PHASES)
    with pytest.raises(ConfigError):
        S.frame_plan(3, 2, False)
    with pytest.raises(ConfigError):
        S.frame_plan(0, S.MAX_FRAMES, True)
    for n in range(1, 9):
        cells = S.arrangement(n)
        taken = set()
        for c, r, cs, rs in cells:
            for i in range(c, c + cs):
                for j in range(r, r + rs):
                    assert (i, j) not in taken
                    taken.add((i, j))
        cols = max(c + cs for c, *_ in cells)
        rows = max(r + rs for _, r, _, rs in cells)
        assert len(taken) == cols * rows  # the grid is filled: no hole in a slide


def test_writable_checks(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        S.check_writable(tmp_path / "nope" / "a.svg")
    with pytest.raises(ConfigError, match="folder"):
        S.check_writable(tmp_path)
    assert S.check_writable(tmp_path / "a.svg") == tmp_path / "a.svg"


# -- vector output ----------------------------------------------------------------------------------------
def test_svg_is_vector_with_the_panels_words_as_text(qtbot, session):
    svg = figure_bytes(session, spec(("network", "loss")), "svg")
    root = ET.fromstring(svg)
    assert root.get("width") == "480" and root.get("height") == "320"
    words = texts(svg)
    for w in ("king", "queen", "rules", "hidden layer h", "Loss", "step"):
        assert any(w in t for t in words), w
    assert root.find(f".//{SVG}image") is None  # no bitmap: the loss axes (cached on screen) are text too
    assert any(t == "2" for t in words)  # a tick label of the loss plot


def test_svg_of_a_cached_axis_panel_has_tick_text(qtbot, session):
    svg = figure_bytes(session, spec(("inspector",), size=(640, 480)), "svg")
    words = texts(svg)
    assert len(words) > 20 and any("h" == t for t in words)
    # the heat strips are images of data; everything else (axes, titles) is text
    for im in ET.fromstring(svg).iter(SVG + "image"):
        assert float(im.get("width")) < 640 * 0.9


def test_pdf_is_vector_with_extractable_text(qtbot, session):
    from pypdf import PdfReader

    pdf = figure_bytes(session, spec(("network", "equations"), size=(800, 450)), "pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    box = page.mediabox
    assert (round(float(box.width)), round(float(box.height))) == (600, 338)  # 800 x 450 px at 0.75 pt/px
    text = " ".join(page.extract_text().split())
    for w in ("king", "queen", "Equations", "hidden layer h", "Input vectors update"):
        assert w in text, w
    xobjects = page["/Resources"].get("/XObject", {})
    assert not any(xobjects[k].get_object().get("/Subtype") == "/Image" for k in xobjects)


# -- raster output ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("size,scale", [((333, 217), 1.0), ((800, 600), 2.0)])
def test_png_has_exactly_the_size(qtbot, session, size, scale):
    img = image(figure_bytes(session, spec(("network", "loss"), size=size, scale=scale), "png"))
    assert (img.width(), img.height()) == size


def test_scale_draws_the_content_larger(qtbot, session):
    one = figure_bytes(session, spec(size=(800, 600), scale=1.0), "svg")
    two = figure_bytes(session, spec(size=(800, 600), scale=2.0), "svg")
    assert ET.fromstring(two).get("width") == "800"
    assert b"matrix(2,0,0,2" in two and b"matrix(2,0,0,2" not in one


def test_light_theme_by_default_and_the_dark_one_on_request(qtbot, session):
    from explorer.qt import style

    light = image(figure_bytes(session, spec(), "png"))
    dark = image(figure_bytes(session, spec(dark=True), "png"))
    assert light.pixelColor(2, 2).name() == style.LIGHT.window
    assert dark.pixelColor(2, 2).name() == style.DARK.window


def test_walk_highlight_only_when_asked(qtbot, session):
    panels = ("network", "walk")
    plain = figure_bytes(session, spec(panels), "png")
    assert plain == figure_bytes(session, spec(panels), "png")  # deterministic
    lit = figure_bytes(session, spec(panels, highlight=frozenset({"h"})), "png")
    assert not np.array_equal(pixels(image(plain)), pixels(image(lit)))


def test_figure_shows_the_whole_network(qtbot, session):
    fig = Figure(session, spec(("network",), size=(300, 200)))
    try:
        fig.open()
        gv = fig.panels[0].view
        with clean_for_export(fig):
            shown = gv.mapToScene(gv.viewport().rect()).boundingRect()
            assert shown.contains(gv.scene().sceneRect().adjusted(1, 1, -1, -1))
            assert gv.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    finally:
        fig.release()


def test_clean_for_export_puts_a_live_panel_back(qtbot, session):
    from explorer.qt.bridge import SessionBridge
    from explorer.qt.views.loss_view import LossView

    view = LossView(SessionBridge(session))
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    view.refresh()
    before = [(it, it.cacheMode()) for gv in view.findChildren(QGraphicsView) for it in gv.scene().items()]
    cached = [it for it, m in before if m != QGraphicsItem.CacheMode.NoCache]
    assert cached  # the loss view caches its axes
    controls = [w for w in view.findChildren(type(view.log_box))]
    areas = [
        (a, a.horizontalScrollBarPolicy(), a.verticalScrollBarPolicy())
        for a in view.findChildren(QAbstractScrollArea)
    ]
    assert areas
    with clean_for_export(view):
        assert all(a.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff for a, _, _ in areas)
        assert all(it.cacheMode() == QGraphicsItem.CacheMode.NoCache for it in cached)
        assert all(w.isHidden() for w in controls)
    assert [(it, it.cacheMode()) for it, _ in before] == before
    assert not any(w.isHidden() for w in controls)
    assert [(a, a.horizontalScrollBarPolicy(), a.verticalScrollBarPolicy()) for a, _, _ in areas] == areas


def test_figure_from_a_visible_window_is_the_offscreen_figure(qtbot, session, tmp_path):
    """The window in the dark presentation theme, small, with a walk highlight, hover and focus: its
    File ▸ Export figure gives the same picture as the figure made with no window at all."""
    from explorer.qt.figures.dialogs import export_figure
    from explorer.qt.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, settings=settings, restore_layout=False)
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    window.set_dark(True)
    window.set_presentation(True)
    window.bridge.set_highlight({"h", "u"})
    window.views[0].setFocus()
    shown_highlight = window.bridge.highlight
    try:
        s = spec(("network", "equations", "loss"), size=(640, 400))
        path = tmp_path / "from-window.png"
        export_figure(window, path, s)
        highlight_after = window.bridge.highlight
        offscreen = figure_bytes(session, s, "png")
    finally:
        window.set_presentation(False)
        window.set_dark(False)
    a, b = image(path.read_bytes()), image(offscreen)
    assert (a.width(), a.height()) == (640, 400)
    assert np.array_equal(pixels(a), pixels(b))
    assert highlight_after == shown_highlight  # the window's state is untouched
    assert session.pending is None and session.step == 3


def _window(qtbot, session, tmp_path):
    from explorer.qt.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, settings=settings, restore_layout=False)
    qtbot.addWidget(window)
    return window


def test_file_menu_actions_and_remembered_choices(qtbot, session, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from explorer.qt.figures import dialogs

    window = _window(qtbot, session, tmp_path)
    labels = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert labels.index("Export figure…") < labels.index("Export window as PNG…")
    assert "Export animation…" in labels and window.act_export_figure in window.session_actions

    def accept(dlg):
        if isinstance(dlg, dialogs.FigureDialog):
            for i in range(dlg.panel_list.count()):
                it = dlg.panel_list.item(i)
                on = it.data(Qt.ItemDataRole.UserRole) in ("network", "loss")
                it.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            dlg.format_box.setCurrentIndex(dlg.format_box.findData("svg"))
            dlg.w_box.setValue(500)
            dlg.h_box.setValue(300)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", accept)
    monkeypatch.setattr(window, "ask_save_path", lambda *a: str(tmp_path / "fig"))
    window.act_export_figure.trigger()
    svg = (tmp_path / "fig.svg").read_bytes()
    assert ET.fromstring(svg).get("width") == "500" and any("Loss" in t for t in texts(svg))
    again = dialogs.FigureDialog(window)  # the last choices come back
    assert again.panels() == ("network", "loss") and again.fmt() == "svg"
    assert (again.w_box.value(), again.h_box.value()) == (500, 300)


def test_animation_action_writes_frames_with_progress(qtbot, session, tmp_path, monkeypatch):
    from PIL import Image
    from PySide6.QtWidgets import QDialog

    from explorer.qt.figures import dialogs

    window = _window(qtbot, session, tmp_path)

    def accept(dlg):
        dlg.w_box.setValue(240)
        dlg.h_box.setValue(160)
        dlg.from_box.setValue(1)
        dlg.to_box.setValue(2)
        dlg.phases_box.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", accept)
    monkeypatch.setattr(window, "ask_save_path", lambda *a: str(tmp_path / "anim.gif"))
    assert dialogs.open_animation_dialog(window)
    with Image.open(tmp_path / "anim.gif") as im:
        assert im.n_frames == 8 and im.size == (240, 160)
    assert session.step == 3 and session.pending is None  # the window's session did not move


def test_cosmetic_strokes_are_baked_into_coordinates():
    from explorer.qt.figures.svgfix import bake_cosmetic_strokes

    svg = (
        b'<svg width="1mm" height="1mm"><g fill="none" stroke="#000" stroke-width="1.5" '
        b'transform="matrix(2,0,0,3,10,20)"\n>\n<path vector-effect="non-scaling-stroke" fill-rule="evenodd" '
        b'd="M0,0 L1,1 C1,2 3,4 5,6"/>\n'
        b'<polyline vector-effect="non-scaling-stroke" points="1,1 2,2 "/>\n</g>'
        b'<g transform="matrix(2,0,0,2,0,0)"><text x="1" y="1">kept</text></g><path d=""/></svg>'
    )
    out = bake_cosmetic_strokes(svg)
    assert b'd="M10,20 L12,23 C12,26 16,32 20,38"' in out and b'points="12,23 14,26"' in out
    assert b"non-scaling-stroke" not in out and b'stroke-width="1.5"' in out
    assert b'<g transform="matrix(2,0,0,2,0,0)"><text x="1" y="1">kept</text></g>' in out  # text untouched
    assert b'd=""' not in out


def test_svg_lines_are_in_picture_coordinates(qtbot, session):
    svg = figure_bytes(session, spec(("loss",)), "svg")
    import re

    lines = re.findall(rb"<(?:path|polyline)\b[^>]*>", svg)
    assert len(lines) > 5 and not any(b"non-scaling-stroke" in line for line in lines)


def test_cancelling_the_animation_writes_nothing(qtbot, session, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog, QProgressDialog

    from explorer.qt.figures import dialogs

    window = _window(qtbot, session, tmp_path)
    errors, asked = [], []

    def accept(dlg):
        dlg.w_box.setValue(240)
        dlg.h_box.setValue(160)
        dlg.from_box.setValue(0)
        dlg.to_box.setValue(6)
        return QDialog.DialogCode.Accepted

    def cancel_on_third_check(_bar):
        asked.append(1)
        return len(asked) >= 3

    monkeypatch.setattr(QDialog, "exec", accept)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", cancel_on_third_check)
    monkeypatch.setattr(window, "ask_save_path", lambda *a: str(tmp_path / "anim.gif"))
    monkeypatch.setattr(window, "show_error", errors.append)
    assert not dialogs.open_animation_dialog(window)
    assert errors == ["Cancelled: nothing was written."]
    assert not (tmp_path / "anim.gif").exists() and not list(tmp_path.glob(".anim.gif.*"))


def test_panels_that_need_more_room_are_drawn_smaller_not_cut(qtbot, session):
    fig = Figure(session, spec(tuple(S.PANELS), size=(200, 150)))
    try:
        fig.open()
        lw, lh = fig.layout_size
        assert lw > 200 and abs(lw / lh - 200 / 150) < 0.02  # enlarged with its shape kept
        need = fig.layout().totalMinimumSize()
        assert lw >= need.width() and lh >= need.height()
        for view in fig.panels:
            box = view.geometry().translated(view.parentWidget().mapTo(fig, view.pos()) - view.pos())
            assert fig.rect().contains(box), view.name
    finally:
        fig.release()
    img = image(figure_bytes(session, spec(tuple(S.PANELS), size=(200, 150)), "png"))
    assert (img.width(), img.height()) == (200, 150)


def test_controls_and_their_labels_are_left_out(qtbot, session):
    words = texts(figure_bytes(session, spec(("neighbours", "walk"), size=(640, 360)), "svg"))
    assert any("Closest to" in t for t in words)  # the panel's content
    for control in ("Word:", "k:", "Previous", "Next"):
        assert not any(control in t for t in words), control
