"""Bugs a new user met in the window, one test each (issue 12): stale panels in tabbed docks, counters that
disagree during a sub-step, blow-ups that escape a command path, history discarded without asking, and
setup fields that do not round-trip."""

from __future__ import annotations

import dataclasses
import re

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from explorer.engine import Config
from explorer.qt import i18n, style
from explorer.qt.main_window import MainWindow, view_classes
from explorer.session import Session

ROYAL = (
    "the king rules the land\nthe queen rules the land\na man walks\na woman walks\n"
    "the king is a man\nthe queen is a woman\n"
)


@pytest.fixture
def settings(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "user"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "user"))
    return QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings):
    made = []

    def make(session=None, **kw):
        s = session if session is not None else Session(ROYAL, Config(hidden=4, window=2), name="")
        w = MainWindow(s, settings=settings, restore_layout=False, **kw)
        qtbot.addWidget(w)
        w.transport.burst_s = 0
        w.resize(1600, 1000)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w

    yield make
    for w in made:
        w.close()
    style.apply_theme(QApplication.instance(), style.LIGHT)


def _record_refreshes(view) -> list:
    seen = []
    orig = view.refresh

    def recording():
        s = view.bridge.session
        seen.append((id(s), s.step, s.phase))
        orig()

    view.refresh = recording
    return seen


@pytest.mark.parametrize("name", [c.name for c in view_classes()])
def test_a_panel_behind_a_tab_is_current_when_brought_forward(qtbot, make_window, name):
    w = make_window()
    other = next(n for n in w.docks if n not in ("setup", name))
    w.tabifyDockWidget(w.docks[other], w.docks[name])
    w.docks[other].raise_()
    view = next(v for v in w.views if v.name == name)
    qtbot.waitUntil(lambda: view.visibleRegion().isEmpty())
    seen = _record_refreshes(view)
    w.transport.step()
    w.transport.step()
    w.transport.sub_step()
    s = w.bridge.session
    w.docks[name].raise_()
    qtbot.wait(50)
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == (id(s), s.step, s.phase), timeout=2000)
    # a new session (a preset) while it is behind: brought forward, it shows the new one
    w.docks[other].raise_()
    qtbot.waitUntil(lambda: view.visibleRegion().isEmpty())
    w.setup_panel.preset.setCurrentIndex(w.setup_panel.preset.findData("animals"))
    w.apply_setup()
    s2 = w.bridge.session
    assert s2 is not s
    w.docks[name].raise_()
    qtbot.wait(50)
    qtbot.waitUntil(lambda: seen[-1] == (id(s2), s2.step, s2.phase), timeout=2000)


STEP_RE = {
    "en": re.compile(r"(?i)\bstep (\d+)(?: of (\d+))?"),
    "zh_CN": re.compile(r"第 ?(\d+) ?步(?:，共 ?(\d+) ?步)?"),
}


def _step_texts(w) -> dict[str, str]:
    views = {v.name: v for v in w.views}
    return {
        "toolbar": w.transport.step_label.text(),
        "status bar": w.status_step.text(),
        "inspector": views["inspector"].header.text(),
        "loss": views["loss"].readout.text(),
        "heatmap": views["heatmap"].info.text(),
        "neighbours": views["neighbours"].caption.text(),
    }


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_one_step_number_everywhere_during_sub_steps(qtbot, qapp, make_window, lang):
    assert i18n.install_translator(qapp, lang)
    try:
        w = make_window()
        # every panel on screen (no tabs), the heatmap showing this step's Δ
        w.apply_layout(
            (
                ("setup",),
                ("inspector", "equations", "walk"),
                ("network", "loss", "heatmap", "projection", "neighbours"),
            )
        )
        next(v for v in w.views if v.name == "heatmap").delta_box.setChecked(True)
        for _ in range(3):
            w.transport.step()
        for _phase in range(1, 4):  # forward, error, output update of the 4th example
            w.transport.sub_step()
            qtbot.wait(20)
            s = w.bridge.session
            assert s.step == 3 and s.pending is not None
            found = {}
            for where, text in _step_texts(w).items():
                m = STEP_RE[lang].search(text)
                assert m, (where, text)
                found[where] = (int(m.group(1)), int(m.group(2)) if m.group(2) else None)
            steps = {k for k, _ in found.values()}
            totals = {n for _, n in found.values() if n is not None}
            assert steps == {4}, found  # the example shown is the 4th, everywhere
            assert totals == {4}, found  # and never "step 4 of 3"
            example = {"en": "example 4 of", "zh_CN": "第 4 个样本"}[lang]
            assert example in w.transport.epoch_label.text()
    finally:
        i18n.install_translator(qapp, "en")


def _walk(w):
    return next(v for v in w.views if v.name == "walk")


BLOWUP_PATHS = {
    "step": lambda w, qtbot: w.transport.step(),
    "sub-step": lambda w, qtbot: w.transport.sub_step(),
    "walk next": lambda w, qtbot: _walk(w).next_button.click(),
    "play": lambda w, qtbot: (
        w.transport.play(),
        qtbot.waitUntil(lambda: not w.transport.is_playing(), timeout=3000),
    ),
    "fast-forward": lambda w, qtbot: (
        w.transport.fast_forward(5),
        qtbot.waitUntil(lambda: not w.is_busy(), timeout=5000),
    ),
    "run epoch": lambda w, qtbot: (
        w.transport.run_epoch(),
        qtbot.waitUntil(lambda: not w.is_busy(), timeout=5000),
    ),
}


@pytest.mark.parametrize("path", list(BLOWUP_PATHS))
def test_a_blow_up_ends_the_same_way_from_every_command_path(qtbot, make_window, path):
    w = make_window(Session(ROYAL, Config(hidden=4, window=2, lr=1e200), name=""))
    s = w.bridge.session
    before = s.params.W.copy(), s.params.W_out.copy()
    BLOWUP_PATHS[path](w, qtbot)
    qtbot.wait(20)
    assert w.bridge.session is s and s.step == 0 and s.pending is None
    assert (s.params.W == before[0]).all() and (s.params.W_out == before[1]).all()
    assert "overflowed" in w.statusBar().currentMessage()
    assert w._blowup_box is not None and w._blowup_box.isVisible()


def _variants() -> list[tuple[str, object]]:
    """For every Config field, values other than the default (every choice of a choice field)."""
    from explorer.engine import config as cfg

    choices = {
        "arch": cfg.ARCHS,
        "output": cfg.OUTPUTS,
        "mode": cfg.MODES,
        "init": (None, *cfg.INITS),
        "segment": cfg.SEGMENTS,
    }
    out = []
    for f in dataclasses.fields(Config):
        default = getattr(Config(), f.name)
        if f.name in choices:
            out += [(f.name, v) for v in choices[f.name]]
        elif isinstance(default, bool):
            out += [(f.name, not default)]
        elif isinstance(default, int):
            out += [(f.name, default + 2)]
        elif isinstance(default, float):
            out += [(f.name, default / 4 if default else 1e-3)]
        else:
            raise AssertionError(f"the test does not know how to vary {f.name!r}")
    return out


@pytest.mark.parametrize("field,value", _variants())
def test_every_config_field_round_trips_through_the_setup_panel(make_window, field, value):
    config = Config(hidden=4, window=2).replace(**{field: value})
    w = make_window(Session(ROYAL, config, name=""))
    panel = w.setup_panel
    assert panel.read_config() == config  # the fields show the session's config exactly
    w.apply_setup()  # so Apply builds the same run
    assert w.bridge.session.config == config


@pytest.mark.parametrize("how", ["preset", "open corpus"])
def test_a_new_corpus_can_be_undone_with_its_history(tmp_path, make_window, how):
    w = make_window()
    s = w.bridge.session
    for _ in range(40):
        w.transport.step()
    if how == "preset":
        w.setup_panel.preset.setCurrentIndex(w.setup_panel.preset.findData("animals"))
        w.setup_panel.preset.activated.emit(w.setup_panel.preset.currentIndex())
    else:
        path = tmp_path / "corpus.txt"
        path.write_text("a b c d\nb c d a\n", encoding="utf-8")
        assert w.open_corpus(str(path))
    assert w.bridge.session is not s and w.bridge.session.step == 0
    assert w.act_undo_session.isEnabled()
    w.act_undo_session.trigger()  # Edit ▸ Undo: the old session comes back, history and all
    assert w.bridge.session is s and s.step == 40 and s.furthest == 40
    assert w.setup_panel.read_config() == s.config and not w.setup_panel.is_dirty()
    assert w.setup_panel.corpus.toPlainText() == s.text
    assert not w.act_undo_session.isEnabled()
