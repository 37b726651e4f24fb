"""The update animation in the window (issue 13): on in presentation mode, switchable, drawing overlays in the
network and projection views, ended at once by a key press."""

from conftest import ROYAL
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from explorer.engine import Config
from explorer.qt.main_window import MainWindow
from explorer.qt.overlays import BACKWARD_C
from explorer.session import Session


def _window(qtbot, tmp_path, **cfg):
    from PySide6.QtCore import QSettings

    s = Session(ROYAL, Config(hidden=4, window=2, **cfg))
    w = MainWindow(s, settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    return w, s


def _animating_step(qtbot, tmp_path):
    """A CBOW softmax window with the animation on, after one step: (window, its network view)."""
    w, s = _window(qtbot, tmp_path, arch="cbow", output="softmax")
    w.teaching.set_animate(True)
    w.state.set_animation(ms=5000)
    s.step_forward(1)
    return w, next(v for v in w.views if v.name == "network")


def test_animation_runs_on_a_step_and_a_key_ends_it(qtbot, tmp_path):
    w, s = _window(qtbot, tmp_path, arch="cbow", output="ns")
    a = w.teaching.animator
    assert not w.state.animate and not w.act_animate.isChecked()
    w.set_presentation(True)
    assert w.state.animate and w.act_animate.isChecked()  # on by default in presentation mode
    w.state.set_animation(ms=5000)
    w.commands.step()
    assert a.running and a.plan.phases == (0, 1, 2, 3)
    net = next(v for v in w.views if v.name == "network")
    a.draw(0.6)  # the error flowing back: dots on the edges
    assert len(net._overlay._dots) > 0 and net._overlay._colour == BACKWARD_C
    qtbot.keyClick(w, Qt.Key_Shift)  # any key: the animation ends at once
    assert not a.running and len(net._overlay._dots) == 0
    # in the default layout the projection is on screen: the changed v'_j move along their arrows
    w.set_presentation(False)
    w.teaching.set_animate(True)
    w.commands.step()
    proj = next(v for v in w.views if v.name == "projection")
    a.draw(0.6)
    assert a.running and len(proj._overlay.out.data) > 0
    a.finish()
    # switched off: a step does not animate
    w.act_animate.trigger()
    assert not w.state.animate
    s.step_forward(1)
    assert not a.running


def test_sub_steps_animate_their_phase_only(qtbot, tmp_path):
    w, s = _window(qtbot, tmp_path, arch="skipgram", output="hs")
    w.teaching.set_animate(True)
    w.state.set_animation(ms=5000)
    plans = []
    for _ in range(4):
        s.sub_step()
        plans.append(w.teaching.animator.plan.phases)
        w.teaching.animator.finish()
    assert plans == [(0,), (1,), (2,), (3,)]
    s.undo()
    assert not w.teaching.animator.running  # going back is not animated


def test_frames_render(qtbot, tmp_path):
    w, net = _animating_step(qtbot, tmp_path)
    images = []
    for t in (0.1, 0.6):
        w.teaching.animator.draw(t)
        img = net.view.grab().toImage().convertToFormat(QImage.Format_RGB32)
        images.append(img)
    assert images[0] != images[1]
    w.teaching.animator.finish()


def test_pulse_dots_are_drawn_in_the_pulse_colour_with_a_white_rim(qtbot, tmp_path):
    from explorer.qt.overlays import FORWARD_C

    w, net = _animating_step(qtbot, tmp_path)
    w.teaching.animator.draw(0.1)  # forward: dots between the inputs and h
    ov = net._overlay
    assert len(ov._dots) > 0 and ov._colour == FORWARD_C
    img = net.view.grab().toImage().convertToFormat(QImage.Format_RGB32)
    dpr = img.devicePixelRatio()
    hits = 0
    for x, y in ov._dots:
        p = net.view.mapFromScene(ov.mapToScene(float(x), float(y)))
        px, py = int(p.x() * dpr), int(p.y() * dpr)
        if not (0 <= px < img.width() and 0 <= py < img.height()):
            continue
        c = img.pixelColor(px, py)
        assert abs(c.red() - FORWARD_C.red()) < 30 and abs(c.green() - FORWARD_C.green()) < 30, c.name()
        hits += 1
    assert hits > 0
    # just outside the coloured disc (4.5 px) and inside the rim (6.5 px): white, where no other dot is
    x, y = ov._dots[0]
    others = [(a, b) for a, b in ov._dots[1:] if abs(a - x) < 20 and abs(b - y) < 20]
    if not others:
        p = net.view.mapFromScene(ov.mapToScene(float(x), float(y) - 5.5))
        c = img.pixelColor(int(p.x() * dpr), int(p.y() * dpr))
        assert min(c.red(), c.green(), c.blue()) > 200, c.name()
    w.teaching.animator.finish()
