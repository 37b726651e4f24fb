"""Redraws that reuse what did not change (issue 13's step + redraw latency) still show what changed: the
equations reuse a line's layout only when the line is the same, network nodes move their label box with the
label, edges follow their weights' buckets and places, the input words' labels are kept as pixmaps."""

import numpy as np
import pytest
import pytestqt  # noqa: F401  (pytest-qt: a test dependency; missing, the suite fails)
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

from explorer.app.equations import equation_lines
from explorer.app.typeset import EQ, Frac, I, Row, T, num, signature, sub
from explorer.engine import Config
from explorer.qt.bridge import SessionBridge
from explorer.qt.views.equation_canvas import EquationCanvas
from explorer.qt.views.equation_render import Ctx, layout
from explorer.qt.views.network_items import EdgeLayer, Node
from explorer.qt.views.network_view import NetworkView
from explorer.session import Session
from tests.conftest import ROYAL


def _sizes(b) -> list:
    """(kind, w, asc, desc) of a laid-out box and everything in it, in order."""
    out = [(type(b).__name__, round(b.w, 6), round(b.asc, 6), round(b.desc, 6))]
    for name in ("children", "num", "den", "base", "sub", "sup", "lower", "upper", "content"):
        v = getattr(b, name, None)
        for c in v if isinstance(v, list) else [v] if v is not None else []:
            out += _sizes(c)
    return out


def test_signature_tells_apart_what_lays_out_differently():
    a = Row(sub("y", "j"), EQ, num(0.25))
    assert signature(a) == signature(Row(sub("y", "j"), EQ, num(0.25)))
    assert signature(a) != signature(Row(sub("y", "j"), EQ, num(0.5)))  # another number
    assert signature(a) != signature(Row(sub("y", "i"), EQ, num(0.25)))  # another subscript
    assert signature(Row(T("x"))) != signature(Row(T("x", italic=True)))  # another style
    assert signature(Frac("1", "2")) != signature(Row("1", "2"))  # another kind of box


def test_equation_layout_matches_a_fresh_layout(qtbot):
    """Row layout and the remembered text sizes give the sizes a fresh context gives, box by box."""
    s = Session(ROYAL, Config(window=2, hidden=4))
    s.step_forward(1)
    ctx = Ctx(13.0)
    for _ in range(2):  # the second pass reads every text's size from the context's memory
        lines, _ = equation_lines(s)
        eqs = [p for kind, p, *_ in lines if kind == "eq"]
        for p in eqs:
            layout(p, ctx, 0)
        got = [_sizes(p) for p in eqs]
    fresh = [p for kind, p, *_ in equation_lines(s)[0] if kind == "eq"]
    for p in fresh:
        layout(p, Ctx(13.0), 0)
    assert got == [_sizes(p) for p in fresh]
    empty = Row()
    layout(empty, ctx, 0)
    assert (empty.w, empty.asc, empty.desc) == (0.0, 0.0, 0.0)


def test_equation_canvas_reuses_only_unchanged_lines(qtbot):
    canvas = EquationCanvas()
    qtbot.addWidget(canvas)

    def lines(x):
        return [
            ("heading", "1. Forward pass", None, False, None),
            ("eq", Row(I("h"), EQ, Frac("1", I("C"))), "h", False, None),  # the same every step
            ("eq", Row(sub("u", "j"), EQ, num(x)), "u", False, "tip"),  # this step's number
        ]

    canvas.set_lines(lines(0.5))
    first = [ln[1] for ln in canvas.lines]
    canvas.set_lines(lines(0.125))
    second = [ln[1] for ln in canvas.lines]
    assert second[1] is first[1]  # the unchanged equation keeps its layout
    assert second[2] is not first[2]  # the changed one is the new one, laid out
    assert second[2].children[-1].text == "0.125" and second[2].w > 0
    # the same line as a dim (earlier phase) line is laid out on its own
    dim = lines(0.125)
    dim[1] = ("eq", dim[1][1], "h", True, None)
    canvas.set_lines(dim)
    assert canvas.lines[1][1] is not second[1] and canvas.lines[1][3] is True
    # the placed lines draw the new numbers
    texts = [
        c.text
        for kind, payload, *_ in canvas._placed
        if kind == "eq"
        for c in getattr(payload, "children", [])
        if isinstance(c, T)
    ]
    assert "0.125" in texts and "0.5" not in texts


def test_node_label_box_follows_text_font_and_colour(qtbot):
    node = Node()
    normal, bold = QFont(), QFont()
    normal.setPixelSize(12)
    bold.setPixelSize(12)
    bold.setBold(True)
    black, red = QColor(0, 0, 0), QColor(200, 0, 0)
    pen = QPen(QColor(90, 90, 90), 1.5)

    def box_matches():
        br = node.label.boundingRect().translated(node.label.pos())
        return node.label_box.path().boundingRect() == br.adjusted(-2, 0, 2, 0)

    node.apply((0.0, 0.0), QColor(255, 255, 255), pen, "a", normal, black, left=True)
    assert node.label.text() == "a" and box_matches()
    assert node.label.pos().x() < 0  # left of the node
    node.apply((0.0, 0.0), QColor(255, 255, 255), pen, "a much longer label", normal, black, left=True)
    assert node.label.text() == "a much longer label" and box_matches()
    node.apply((0.0, 0.0), QColor(255, 255, 255), pen, "a much longer label", bold, black, left=True)
    assert node.label.font().bold() and box_matches()
    node.apply((0.0, 0.0), QColor(255, 255, 255), pen, "a much longer label", bold, red, left=True)
    assert node.label.brush().color() == red  # a new colour alone is shown
    node.apply((5.0, 7.0), QColor(0, 0, 255), pen, "x", normal, red, left=False)
    assert (node.x(), node.y()) == (5.0, 7.0) and node.brush().color() == QColor(0, 0, 255)
    assert node.label.pos().x() > 0 and box_matches()  # right of the node
    node.apply((5.0, 7.0), QColor(0, 0, 255), pen, "x", normal, red, left="above")
    assert node.label.pos().y() < 0 and box_matches()  # above it


def test_edges_follow_weights_and_places(qtbot):
    layer = EdgeLayer()
    seg = np.array([[0.0, 0.0, 10.0, 0.0], [0.0, 5.0, 10.0, 5.0], [0.0, 9.0, 10.0, 1.0]])
    layer.set_edges(seg, np.array([0.5, -0.5, 0.1]), np.ones(3, bool))

    def drawn():
        """{(x0, y0, x1, y1): pen colour} of the lines drawn."""
        return {
            (ln.x1(), ln.y1(), ln.x2(), ln.y2()): pen.color().rgba()
            for pen, lines in layer._groups
            for ln in lines
        }

    d = drawn()
    assert set(d) == {tuple(r) for r in seg.tolist()}
    assert d[(0.0, 0.0, 10.0, 0.0)] != d[(0.0, 5.0, 10.0, 5.0)]  # positive and negative: other colours
    lines = layer._lines
    layer.set_edges(seg, np.array([-0.5, 0.5, 0.1]), np.ones(3, bool))  # the signs swap, places kept
    assert layer._lines is lines
    d2 = drawn()
    assert d2[(0.0, 0.0, 10.0, 0.0)] == d[(0.0, 5.0, 10.0, 5.0)]
    moved = seg + [0.0, 1.0, 0.0, 1.0]
    layer.set_edges(moved, np.array([-0.5, 0.5, 0.1]), np.ones(3, bool))
    assert set(drawn()) == {tuple(r) for r in moved.tolist()}
    layer.set_edges(np.zeros((0, 4)), np.zeros(0), np.zeros(0, bool))
    assert drawn() == {}


@pytest.mark.parametrize("output", ["softmax", "ns"])
def test_network_edges_and_labels_after_steps(qtbot, output):
    """Across steps (edges' places kept) the edges join the nodes shown, with this step's weights; the
    input words' labels are pixmaps, the changing numbers are not."""
    s = Session(ROYAL, Config(window=2, hidden=4, output=output))
    view = NetworkView(SessionBridge(s))
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    for _ in range(3):
        s.step_forward(1)
        view.refresh()
        W = s.params.W
        ins, hid = view.shown_in, view.shown_hidden
        pos = {
            (i, h): (view.nodes_in[a].pos(), view.nodes_hid[b].pos())
            for a, i in enumerate(ins)
            for b, h in enumerate(hid)
        }
        layer = view.edges_in
        assert len(layer.seg) == len(ins) * len(hid)
        # every edge from input i to hidden unit h carries W[i, h]
        for k, (x0, y0, x1, y1) in enumerate(layer.seg.tolist()):
            assert x0 < x1
            i, h = ins[k // len(hid)], hid[k % len(hid)]
            p_in, p_h = pos[(i, h)]
            assert (y0, y1) == (p_in.y(), p_h.y())
            assert layer.weights[k] == W[i, h]
        assert len(view.edges_out.seg) == len(hid) * len(view.shown_out)
        assert np.array_equal(
            view.edges_out.weights,
            s.params.W_out[np.repeat(hid, len(view.shown_out)), np.tile(view.shown_out, len(hid))],
        )
    assert view.view.viewportUpdateMode() == QGraphicsView.BoundingRectViewportUpdate  # one rect per repaint
    shown_in = [n for n in view.nodes_in if n.isVisible()]
    assert shown_in and all(n.label.cacheMode() == QGraphicsItem.DeviceCoordinateCache for n in shown_in)
    assert all(n.label.cacheMode() == QGraphicsItem.NoCache for n in view.nodes_out + view.nodes_hid)


def test_network_inputs_follow_selection_highlight_and_steps(qtbot):
    """Inputs that did not change are skipped, so every change must still reach them: the selected word's
    outline, the walk's glow, this step's inputs."""
    from explorer.qt.views.palette import SELECTED_C

    s = Session(ROYAL, Config(window=2, hidden=4))
    bridge = SessionBridge(s)
    view = NetworkView(bridge)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    s.step_forward(1)
    view.refresh()

    def node_of(word):
        return next(n for n in view.nodes_in if n.isVisible() and n.word == word)

    word = s.model.words[3]
    assert node_of(word).pen().color() != SELECTED_C
    bridge.select_word(word)
    view.refresh()
    assert node_of(word).pen().color() == SELECTED_C and node_of(word).pen().widthF() == 2.5
    bridge.select_word("")
    view.refresh()
    assert node_of(word).pen().color() != SELECTED_C
    i = s.model.vocab.index[word]
    bridge.set_highlight({f"in:{i}"})
    view.refresh()
    assert node_of(word).glow and node_of(word).halo.isVisible()
    assert node_of(word).label_box.isVisible()  # the label's white box over the halo, as before
    bridge.set_highlight(set())
    view.refresh()
    assert not node_of(word).glow
    # beside the outer columns the labels lie on white: no box drawn; the hidden units' labels lie over edges
    assert not any(n.label_box.isVisible() for n in view.nodes_in + view.nodes_out if n.isVisible())
    assert all(n.label_box.isVisible() for n in view.nodes_hid if n.isVisible())
    r = view.edges_in.boundingRect() | view.edges_out.boundingRect()
    for n in view.nodes_in + view.nodes_out:
        if n.isVisible():
            assert not n.label.sceneBoundingRect().intersects(r)  # (no edge under an unboxed label)
    for _ in range(4):
        s.step_forward(1)
        view.refresh()
        active = set(s.record.inputs)
        for n in view.nodes_in:
            if n.isVisible():
                assert n.label.font().bold() == (n.word in active)
