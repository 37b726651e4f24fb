"""The projection's points layer: drawn where the projection puts each vector, a tip and an outline on
hover, a click on an input vector selects its word, hidden by its check box, and drawn as vectors in files."""

import numpy as np
import pytest
import pytestqt  # noqa: F401  (pytest-qt: a test dependency; missing, the suite fails)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage, QPainter, QPicture

from explorer.qt.views.palette import INPUT_C
from explorer.qt.views.projection_view import ProjectionView
from tests.test_views import make, show


class _Ev:
    """The parts of pyqtgraph's hover and click events the layer reads."""

    def __init__(self, pos, exit=False):
        self._pos, self._exit, self.accepted = pos, exit, None

    def pos(self):
        return self._pos

    def isExit(self):
        return self._exit

    def button(self):
        return Qt.MouseButton.LeftButton

    def accept(self):
        self.accepted = True

    def ignore(self):
        self.accepted = False


def _pixel_of(layer, k):
    px, py = layer._pixels()
    return QPointF(float(px[k]), float(py[k]))


@pytest.fixture
def view(qtbot):
    s, b = make("cbow", "softmax", hidden=5)
    v = show(qtbot, ProjectionView(b))
    s.step_forward(2)
    return s, b, v


def test_points_are_drawn_where_the_projection_puts_them(view):
    s, _b, v = view
    np.testing.assert_allclose(np.column_stack(v.sc_in.getData()), v.points_in)
    np.testing.assert_allclose(np.column_stack(v.sc_out.getData()), v.points_out)
    img = QImage(v.plot.viewport().size(), QImage.Format_RGB32)
    img.fill(Qt.white)
    v.plot.viewport().render(img)
    # the centre of an input point that no other point or label covers is drawn in the input colour
    px, py = v.sc_in._pixels()
    qx, qy = v.sc_out._pixels()
    others = np.column_stack([np.r_[px, qx], np.r_[py, qy]])
    found = 0
    for k in range(len(px)):
        d = np.hypot(others[:, 0] - px[k], others[:, 1] - py[k])
        if np.sum(d < 14) > 1 or not (3 < px[k] < img.width() - 3 and 3 < py[k] < img.height() - 3):
            continue
        if any(r.contains(QPointF(px[k], py[k])) for _t, r in v.label_layer.placed):
            continue
        pos = v.sc_in.mapToScene(QPointF(px[k], py[k]))
        c = img.pixelColor(v.plot.mapFromScene(pos))
        found += 1
        assert abs(c.red() - INPUT_C.red()) < 40 and abs(c.blue() - INPUT_C.blue()) < 40, (k, c.name())
    assert found >= 1


def test_hover_tip_outline_and_click_selects_the_word(view):
    s, b, v = view
    layer = v.sc_in
    k = 3
    ev = _Ev(_pixel_of(layer, k))
    layer.hoverEvent(ev)
    assert layer.hovered == k
    word = s.model.words[k]
    assert layer.toolTip().startswith(word + "\n(")
    layer.hoverEvent(_Ev(QPointF(-1000, -1000)))
    assert layer.hovered is None and layer.toolTip() == ""
    click = _Ev(_pixel_of(layer, k))
    layer.mouseClickEvent(click)
    assert click.accepted and b.selected_word == word
    away = _Ev(QPointF(-1000, -1000))
    layer.mouseClickEvent(away)
    assert away.accepted is False  # passed on to the view box (pan, zoom)
    # an output point is not a word to select: no click handler
    out = _Ev(_pixel_of(v.sc_out, 0))
    v.sc_out.mouseClickEvent(out)
    assert b.selected_word == word


def test_hidden_by_the_check_box(view):
    _s, _b, v = view
    v.out_box.setChecked(False)
    assert len(v.sc_out.getData()[0]) == 0 and len(v.sc_in.getData()[0]) > 0
    v.out_box.setChecked(True)
    assert len(v.sc_out.getData()[0]) == len(v.points_out)


def test_drawn_as_paths_on_a_vector_device(view):
    _s, _b, v = view
    pic = QPicture()
    p = QPainter(pic)
    v.sc_in.paint(p, None)
    p.end()
    assert pic.size() > 0 and not pic.boundingRect().isEmpty()


def test_legend_line_above_the_map_breaks_when_it_does_not_fit(qtbot):
    s, b = make("cbow", "softmax", hidden=5)
    v = show(qtbot, ProjectionView(b), w=900, h=400)
    s.step_forward(1)
    title = v.plot_item.titleLabel
    assert "<br>" not in title.text and "selected word" in title.text
    v.resize(260, 400)
    qtbot.wait(20)
    assert "<br>" in title.text
    # each line of the legend fits the map's width
    assert title.item.boundingRect().width() <= v.plot.width() - v.plot_item.getAxis("left").width()


def test_info_line_takes_one_line_when_the_text_fits(qtbot):
    from explorer.qt.views.text import InfoLine

    line = InfoLine(lines=2)
    qtbot.addWidget(line)
    line.resize(400, line.height())
    two = line.height()
    line.setText("short")
    line.fit_lines()
    assert line.height() < two  # one line
    line.setText("a text far too long to fit in four hundred pixels of width, so it takes two lines " * 2)
    line.fit_lines()
    assert line.height() == two
    # a text that fits, but without room to spare, keeps the two lines (no jumping from step to step)
    line.setText("x" * 10)
    while line._fm_n.horizontalAdvance(line.text()) + 4 + 20 < line.width():
        line.setText(line.text() + "x")
    line.fit_lines()
    assert line.height() == two


@pytest.mark.parametrize("height", [160, 400])
def test_point_labels_are_not_cut_at_the_maps_edge(qtbot, height):
    s, b = make("cbow", "softmax", hidden=5)
    v = show(qtbot, ProjectionView(b), w=500, h=height)
    s.step_forward(20)
    v.plot.viewport().grab()  # paint: the label layer places its labels
    layer = v.label_layer
    area = layer.boundingRect()
    assert layer.placed
    for _text, r in layer.placed[1:]:  # the first (most important) label is placed even when it must be cut
        assert area.contains(r), (_text, r, area)
