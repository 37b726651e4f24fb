"""The application layer's state without Qt: one event per changed field, busy in one place, sessions swapped
cleanly. (No QApplication: these tests only import explorer.app.)"""

from __future__ import annotations

from explorer.app.events import Event
from explorer.app.state import IDLE, PLAYING, RUNNING, AppState, Problem, Status
from explorer.engine import Config
from explorer.session import Session
from tests.conftest import ROYAL


def session(**cfg):
    cfg.setdefault("hidden", 4)
    cfg.setdefault("window", 2)
    return Session(ROYAL, Config(**cfg))


def record(state: AppState) -> list:
    seen = []
    for name in (
        "session",
        "changed",
        "lr",
        "status",
        "selected_word",
        "highlight",
        "view_option",
        "look",
        "language",
        "session_path",
        "problem",
        "message",
    ):
        getattr(state.events, name).connect(lambda *a, n=name: seen.append((n, *a)))
    return seen


def test_event_calls_in_order_and_disconnects():
    e, got = Event(), []
    f = e.connect(lambda x: got.append(("f", x)))
    e.connect(lambda x: got.append(("g", x)))
    e.connect(f)  # once only
    e.emit(1)
    e.disconnect(f)
    e.emit(2)
    e.disconnect(f)  # not connected: nothing happens
    assert got == [("f", 1), ("g", 1), ("g", 2)] and len(e) == 1


def test_each_field_emits_once_and_only_when_it_changes():
    st = AppState()
    seen = record(st)
    st.select_word("king")
    st.select_word("king")
    st.set_highlight({"h", "u"})
    st.set_highlight(["u", "h"])
    st.set_option("loss", "log", True)
    st.set_option("loss", "log", True)
    st.set_look(presentation=True)
    st.set_look(presentation=True, dark=False)
    st.set_language("zh_CN")
    st.set_status(Status(PLAYING))
    st.set_status(Status(PLAYING))
    st.report(Problem("error", "bad"))
    st.say("hello")
    assert seen == [
        ("selected_word", "king"),
        ("highlight", frozenset({"h", "u"})),
        ("view_option", "loss", "log", True),
        ("look", True, False),
        ("language", "zh_CN"),
        ("status", Status(PLAYING)),
        ("problem", Problem("error", "bad")),
        ("message", "hello"),
    ]
    assert st.option("loss", "log") is True and st.option("loss", "other", 7) == 7
    assert st.playing and not st.busy and st.last_problem == Problem("error", "bad")


def test_a_session_is_followed_and_let_go():
    st = AppState()
    a, b = session(), session(arch="skipgram")
    st.set_session(a, path="/tmp/a.w2vx")
    seen = record(st)
    a.step_forward(1)
    a.set_lr(0.05)
    assert ("changed",) in seen and ("lr", 0.05) in seen
    st.set_session(b)
    assert seen[-3:] == [("session_path", None), ("session",), ("changed",)]
    n = len(seen)
    a.step_forward(1)  # the old session is not followed any more
    assert len(seen) == n
    assert st.selected_word in b.model.vocab.index


def test_busy_is_one_value_and_hides_the_session():
    st = AppState(session())
    s = st.session
    seen = record(st)
    st.set_status(Status(RUNNING, what="steps"))
    assert st.busy and st.live_session is None and st.session is s
    s.step_forward(2)  # a run on a worker thread: its events are not passed on
    assert [e for e in seen if e[0] == "changed"] == []
    st.set_status(Status(IDLE))
    assert not st.busy and st.live_session is s


def test_a_new_language_retranslates_the_walk_where_it_is():
    st = AppState(session())
    st.session.sub_step()
    st.walk.sync(st.session)
    st.walk.index = 1
    key = st.walk.key
    st.set_language("zh_CN")
    st.walk.sync(st.session)
    assert st.walk.key == key and st.walk.index == 1
