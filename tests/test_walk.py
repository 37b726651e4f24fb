"""The guided walk (issue 7): every phase forward and back, for each output layer, with the highlighted
quantities following in the other panels."""

import pytest
from conftest import ROYAL

from explorer.engine import Config
from explorer.engine.model import PHASES
from explorer.qt.bridge import SessionBridge
from explorer.qt.views.inspector_view import InspectorView
from explorer.qt.views.network_view import NetworkView
from explorer.qt.views.walk_view import WalkView
from explorer.session import Session


@pytest.mark.parametrize("arch", ["cbow", "skipgram"])
@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
def test_walk_every_phase_forward_and_back(qtbot, arch, output):
    s = Session(ROYAL, Config(arch=arch, output=output, hidden=4, window=2))
    bridge = SessionBridge(s)
    walk, insp, net = WalkView(bridge), InspectorView(bridge), NetworkView(bridge)
    for w in (walk, insp, net):
        qtbot.addWidget(w)
        w.resize(800, 500)
        w.show()
    seen = []
    for _ in range(60):  # through the first examples, item by item
        walk.next()
        it = walk.items[walk.index]
        # the session is in the item's phase; the highlight is the item's
        assert PHASES.index(s.phase) == it.phase_index
        assert bridge.highlight == it.highlight
        assert net.highlighted_keys() == set(it.highlight)
        wanted = {k for k in it.highlight if ":" not in k} - {"out", "in"}
        charts = insp.highlighted_keys()
        assert wanted & {"h", "EH", "E"} <= charts
        seen.append((s.record.step, it.key))
        if s.step >= 2 and s.pending is None and walk.index == len(walk.items) - 1:
            break
    keys = {k for _, k in seen}
    assert {"h", "u", "y", "e", "E", "EH"} <= keys
    assert any(k.startswith("out:") for k in keys) and any(k.startswith("in:") for k in keys)
    assert s.step == 2
    # every phase was shown for every example walked through
    for step in (1, 2):
        phases = {
            next(it.phase_index for it in walk_items_for(s, step) if it.key == k)
            for st, k in seen
            if st == step
        }
        assert phases == {0, 1, 2, 3}
    # all the way back: the parameters are exactly the initial ones
    for _ in range(len(seen) + 5):
        walk.previous()
    assert s.step == 0 and s.pending is None and s.params.equals(s.initial)
    assert not bridge.highlight


def walk_items_for(session, step):
    from explorer.app.walk import walk_items

    return walk_items(session.record_at(step))
