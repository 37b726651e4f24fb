"""Animations: a range of steps (with phases) as GIF and MP4, decoded back: frame count, size, order."""

import numpy as np
import pytest
from conftest import ROYAL

from explorer.engine.config import Config
from explorer.qt.figures import spec as S
from explorer.qt.figures.animation import ExportCancelled, go_to, session_copy, write_animation
from explorer.session import Session

SIZE = (320, 240)


@pytest.fixture
def session():
    return Session(ROYAL, Config(hidden=4, window=2, output="ns"), name="royal")


def fig(panels=("network",)):
    return S.FigureSpec(panels=panels, size=SIZE)


def test_go_to_reaches_every_step_and_phase(session):
    ref = Session(ROYAL, session.config)
    for step, phase in S.frame_plan(0, 3, True):
        go_to(session, step, phase)
        if phase in (None, "input update"):
            assert session.pending is None and session.step == step
        else:
            assert session.pending is not None and session.step == step - 1 and session.phase == phase
    ref.step_forward(3)
    assert session.params.equals(ref.params)
    go_to(session, 1, "error")  # back into the history: exact
    assert session.step == 0 and session.phase == "error"
    go_to(session, 3, None)
    assert session.params.equals(ref.params)


def test_gif_has_a_frame_per_step_and_phase(qtbot, session, tmp_path):
    from PIL import Image

    plan = S.frame_plan(1, 2, True)
    path = tmp_path / "a.gif"
    seen = []
    n = write_animation(path, session, fig(), plan, "gif", 5, progress=lambda d, t: seen.append((d, t)))
    assert n == len(plan) == 8 and seen[-1] == (8, 8)
    with Image.open(path) as im:
        assert im.size == SIZE and im.n_frames == 8
        assert im.info["duration"] == 200


def test_mp4_decodes_to_the_frames(qtbot, session, tmp_path):
    import av

    plan = S.frame_plan(0, 4, False)
    path = tmp_path / "a.mp4"
    write_animation(path, session, fig(("network", "loss")), plan, "mp4", 4)
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
        assert float(stream.average_rate) == 4
    assert len(frames) == 5 and frames[0].shape == (SIZE[1], SIZE[0], 3)
    assert not np.array_equal(frames[0], frames[-1])  # the steps change the picture


def test_cancel_writes_nothing_and_keeps_an_older_file(qtbot, session, tmp_path):
    path = tmp_path / "a.gif"
    path.write_bytes(b"older")
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ExportCancelled):
        write_animation(path, session, fig(), S.frame_plan(0, 5, False), "gif", 2, cancelled=cancelled)
    assert path.read_bytes() == b"older"
    assert [p.name for p in tmp_path.iterdir()] == ["a.gif"]  # no temporary file left


def test_session_copy_is_exact_and_independent(session):
    session.step_forward(4)
    copy = session_copy(session)
    assert copy.step == 4 and copy.params.equals(session.params)
    go_to(copy, 2, "forward")
    assert session.step == 4 and session.pending is None
