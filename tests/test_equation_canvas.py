"""The equations canvas lays out only the lines in sight on a step: a line out of sight takes the size of
the line before it at its place and is laid out when it is painted — at its true width, and the lines below
it move when its true height differs."""

import pytest
import pytestqt  # noqa: F401  (pytest-qt: a test dependency; missing, the suite fails)
from PySide6.QtWidgets import QScrollArea

from explorer.app.typeset import EQ, Frac, I, Row, num, sub
from explorer.qt.views.equation_canvas import EquationCanvas
from explorer.qt.views.equation_render import Ctx, layout


def _lines(x: float, tall_first: bool = False, n: int = 14):
    first = Frac(num(x), I("C")) if tall_first else num(x)
    return [
        ("eq", Row(sub("u", str(k)), EQ, first if k == 0 else num(x * (k + 1))), f"k{k}", False, "tip")
        for k in range(n)
    ]


@pytest.fixture
def canvas(qtbot):
    area = QScrollArea()
    c = EquationCanvas()
    area.setWidget(c)
    area.setWidgetResizable(True)
    qtbot.addWidget(area)
    area.resize(420, 160)
    area.show()
    qtbot.waitExposed(area)
    return area, c


def _placed(c):
    return [(payload, top) for kind, payload, _k, _d, _t, _x, _b, top, _c in c._placed if kind == "eq"]


def _scroll(area, c, to_top: bool):
    bar = area.verticalScrollBar()
    bar.setValue(bar.minimum() if to_top else bar.maximum())
    c.repaint()


def test_lines_out_of_sight_wait_until_painted(canvas):
    area, c = canvas
    c.set_lines(_lines(0.5))
    _scroll(area, c, to_top=False)
    c.set_lines(_lines(0.123456))
    placed = _placed(c)
    waiting = [p for p, _top in placed if id(p) in c._unlaid]
    assert waiting and placed[0][0] in waiting  # the top lines are out of sight
    assert placed[-1][0] not in waiting  # the bottom ones are laid out
    # scrolled into sight and painted: laid out, at the width a fresh layout gives
    _scroll(area, c, to_top=True)
    top = placed[0][0]
    assert id(top) not in c._unlaid
    fresh = _lines(0.123456)[0][1]
    layout(fresh, Ctx(c.base_pt, scripts=c.scripts), 0)
    assert (top.w, top.asc, top.desc) == (fresh.w, fresh.asc, fresh.desc)


def test_a_line_of_another_height_moves_the_lines_below(canvas):
    area, c = canvas
    c.set_lines(_lines(0.5))
    _scroll(area, c, to_top=False)
    c.set_lines(_lines(0.25, tall_first=True))  # the first line is now a fraction: taller than before
    first = _placed(c)[0][0]
    assert id(first) in c._unlaid
    _scroll(area, c, to_top=True)
    placed = _placed(c)
    assert id(placed[0][0]) not in c._unlaid
    for (p, top), (_q, next_top) in zip(placed, placed[1:]):
        assert next_top >= top + p.asc + p.desc  # no line overlaps the one below it


def test_lay_out_all_for_a_file(canvas):
    area, c = canvas
    c.set_lines(_lines(0.5))
    _scroll(area, c, to_top=False)
    c.set_lines(_lines(0.75))
    assert c._unlaid
    c.lay_out_all()
    assert not c._unlaid
