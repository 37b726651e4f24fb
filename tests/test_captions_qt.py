"""The walk panel shows the prediction prompt, then the answer at the next press (issue 13)."""

from conftest import ROYAL

from explorer.engine import Config
from explorer.qt.bridge import SessionBridge
from explorer.qt.views.walk_view import WalkView
from explorer.session import Session


def test_walk_view_asks_then_answers(qtbot):
    s = Session(ROYAL, Config(arch="skipgram", output="hs", hidden=4, window=2))
    bridge = SessionBridge(s)
    walk = WalkView(bridge)
    qtbot.addWidget(walk)
    walk.resize(700, 400)
    walk.show()
    bridge.state.set_prompts(True)
    walk.next()
    seen = 0
    for _ in range(30):
        walk.next()
        q = bridge.state.walk.asking
        if q is not None:
            seen += 1
            assert q.prompt in walk.caption.text() and "Next" in walk.caption.text()
            walk.next()
            assert walk.caption.text() == bridge.state.walk.current.caption
        if s.step == 1:
            break
    assert seen == 3
    # switching prompts off while a question is shown drops it and shows the caption again
    for _ in range(20):
        walk.next()
        if bridge.state.walk.asking is not None:
            break
    assert bridge.state.walk.asking is not None
    bridge.state.set_prompts(False)
    assert bridge.state.walk.asking is None and walk.caption.text() == bridge.state.walk.current.caption
