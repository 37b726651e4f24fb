"""The tree and samples panels (issue 13) in a dock, standalone and in a figure."""

import pytest
from conftest import ROYAL
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from explorer.engine import Config
from explorer.qt.views.registry import VIEWS_BY_NAME, build_view
from explorer.session import Session


def _texts(view):
    return [it.text() for it in view.scene.items() if isinstance(it, QGraphicsSimpleTextItem)]


@pytest.mark.parametrize("arch", ["cbow", "skipgram"])
def test_tree_view_draws_each_path(qtbot, arch):
    s = Session(ROYAL, Config(arch=arch, output="hs", hidden=4, window=2))
    s.step_forward(3)
    view = build_view("tree", session=s, size=(700, 500))
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    rec = s.record
    texts = _texts(view)
    assert len(view.panels) == 1 and view.panels[0].target == rec.targets[0]
    assert rec.targets[0] in texts  # the target's leaf
    for term in rec.paths[0]:
        assert f"n{term.id}" in texts  # every inner node on the path
    assert any(t.startswith("t = ") for t in texts) and any("σ(u)" in t for t in texts)
    if arch == "skipgram":
        assert view.which.isVisible() and view.which.count() == len(rec.targets) + 1
        view.which.setCurrentIndex(0)  # all side by side
        assert [p.target for p in view.panels] == list(rec.targets)
        assert s.step == 3 and view.bridge.state.option("tree", "path") == 0
        view.which.setCurrentIndex(2)
        assert [p.target for p in view.panels] == [rec.targets[1]]


def test_samples_view_lists_duplicates_and_bars(qtbot):
    s = Session(ROYAL, Config(arch="skipgram", output="ns", hidden=4, window=2, negative=5))
    s.step_forward(3)
    view = build_view("samples", session=s, size=(900, 600))
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    assert view.chooser.isVisible() and len(view.groups) == 1  # the first target by default
    view.chooser.box.setCurrentIndex(0)  # all targets
    texts = _texts(view)
    dups = [r for g in view.groups for r in g.duplicates]
    assert dups and all(f"×{r.count}" in texts for r in dups)
    assert len(view.groups) == len(s.record.targets)
    drawn = [t for t in texts if "drawn ×" in t]
    assert len(drawn) == int((view.bars.drawn > 0).sum())


def test_panels_say_when_the_output_layer_has_none(qtbot):
    s = Session(ROYAL, Config(arch="cbow", output="softmax", hidden=4))
    for name in ("tree", "samples"):
        assert name in VIEWS_BY_NAME
        view = build_view(name, session=s)
        qtbot.addWidget(view)
        view.show()
        view.refresh()
        assert view.caption.text() and not _texts(view)
