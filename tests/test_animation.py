"""The animation's timeline (issue 13), without Qt: which phases a change shows, what is lit and where the
moving vectors are at time t."""

import numpy as np
import pytest
from conftest import ROYAL

from explorer.app.animation import (
    ERROR,
    FORWARD,
    INPUT_UPDATE,
    OUTPUT_UPDATE,
    ease,
    frame_at,
    interpolate,
    plan_for,
    session_key,
)
from explorer.app.state import ANIMATION_MS_RANGE, DEFAULT_ANIMATION_MS, AppState
from explorer.engine import Config
from explorer.session import Session


def test_plans_follow_what_the_session_revealed():
    s = Session(ROYAL, Config(arch="cbow", output="ns", hidden=4))
    keys = [session_key(s)]
    assert keys[0] is None
    for _ in range(4):  # sub-steps: one phase each
        s.sub_step()
        keys.append(session_key(s))
    plans = [plan_for(a, b).phases for a, b in zip(keys, keys[1:])]
    assert plans == [(FORWARD,), (ERROR,), (OUTPUT_UPDATE,), (INPUT_UPDATE,)]
    before = session_key(s)
    s.step_forward(1)  # a whole step: all four
    assert plan_for(before, session_key(s)).phases == (0, 1, 2, 3)
    s.sub_step()
    mid = session_key(s)
    s.step_forward(1)  # the rest of a sub-stepped example
    assert plan_for(mid, session_key(s)).phases == (1, 2, 3)
    before = session_key(s)
    s.step_forward(5)  # several steps, or back: nothing
    assert not plan_for(before, session_key(s))
    before = session_key(s)
    s.undo()
    assert not plan_for(before, session_key(s))


def test_frames_flow_forward_then_back():
    plan = plan_for((2, 3, False), (3, 3, False))
    fronts = [frame_at(plan, t) for t in np.linspace(0, 1, 41)]
    # the pulse runs inputs → outputs in the forward quarter, then back to the inputs
    fw = [f.front for f in fronts if f.phase == FORWARD]
    back = [f.front for f in fronts if f.backward]
    assert fw[0] == 0.0 and all(b >= a for a, b in zip(fw, fw[1:]))
    assert all(b <= a for a, b in zip(back, back[1:])) and back[-1] == 0.0
    assert not any(f.backward for f in fronts if f.phase in (FORWARD, ERROR))
    # lit quantities per phase; the vectors move in their own phase only
    f = frame_at(plan, 0.3)
    assert f.phase == ERROR and {"t", "e"} <= f.lit and f.move_out == 0.0
    f = frame_at(plan, 0.6)
    assert f.phase == OUTPUT_UPDATE and "out" in f.lit and 0 < f.move_out < 1 and f.move_in == 0
    f = frame_at(plan, 0.9)
    assert f.phase == INPUT_UPDATE and f.move_out == 1.0 and 0 < f.move_in < 1 and "EH" in f.lit
    end = frame_at(plan, 1.0)
    assert end.done and end.move_in == 1.0 and end.move_out == 1.0
    # a sub-step's plan spends the whole time on its phase
    one = plan_for((3, 1, True), (3, 2, True))
    assert one.phases == (OUTPUT_UPDATE,) and frame_at(one, 0.5).move_out == pytest.approx(0.5)


def test_ease_and_interpolate():
    assert ease(0) == 0 and ease(1) == 1 and ease(-3) == 0 and ease(7) == 1 and ease(0.5) == 0.5
    a, b = np.array([[0.0, 0.0], [1.0, 2.0]]), np.array([[2.0, 4.0], [1.0, 0.0]])
    assert np.array_equal(interpolate(a, b, 0), a) and np.array_equal(interpolate(a, b, 1), b)
    assert np.allclose(interpolate(a, b, 0.5), (a + b) / 2)


def test_animation_follows_presentation_until_chosen():
    st = AppState()
    seen = []
    st.events.teaching.connect(lambda: seen.append(1))
    assert not st.animate and st.animation_ms == DEFAULT_ANIMATION_MS
    st.set_look(presentation=True)
    assert st.animate  # on by default in presentation mode
    st.set_animation(on=False)
    assert not st.animate and seen
    st.set_look(presentation=False)
    st.set_animation(on=True, ms=10**9)
    assert st.animate and st.animation_ms == ANIMATION_MS_RANGE[1]
    st.set_animation(ms=1)
    assert st.animation_ms == ANIMATION_MS_RANGE[0]
