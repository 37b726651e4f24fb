"""Train ▸ First lecture settings in the window: the menu item exists, says what it sets, and triggers the
command; the setup panel shows the new settings and Edit ▸ Undo new session brings the old session back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from explorer.app import lecture_settings as ls
from explorer.engine.config import APP_DEFAULTS
from explorer.engine.presets import preset_text
from explorer.qt.main_window import MainWindow
from explorer.session import Session


@pytest.fixture
def settings(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "user"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "user"))
    return QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)


def test_the_menu_item_applies_the_first_lecture_settings_and_undo_brings_the_old_session(qtbot, settings):
    old = Session(preset_text("royalty"), APP_DEFAULTS.replace(output="hs", hidden=8), name="royalty")
    w = MainWindow(old, settings=settings, restore_layout=False)
    qtbot.addWidget(w)
    w.setup_panel.show_session(old)
    old.step_forward(3)
    a = w.act_first_lecture
    assert a in w.menu_builder.menus["&Train"].actions()  # Train ▸ First lecture settings
    assert a in w.session_actions  # disabled while a long run holds the session
    assert "±2/√N" in a.toolTip() and "Ctrl+L" in a.toolTip()
    w.act_presentation.trigger()  # F5: presentation mode offers the lecture settings
    assert "Ctrl+L: first lecture settings" in w.statusBar().currentMessage()
    w.act_presentation.trigger()
    a.trigger()
    new = w.bridge.session
    assert new is not old and new.config == ls.lecture_config(old.config)
    assert new.config.init == "lecture" and new.lr == ls.LECTURE_LR[("paper", "cbow", "hs")]
    assert w.setup_panel.read_config() == new.config  # the fields show what was applied
    assert w.setup_panel.widgets["init"].currentData() == "lecture"
    assert "η = 0.4" in w.statusBar().currentMessage()
    w.statusBar().clearMessage()
    w.act_presentation.trigger()  # not offered again once they are applied
    assert "Ctrl+L" not in w.statusBar().currentMessage()
    w.act_presentation.trigger()
    w.act_undo_session.trigger()
    assert w.bridge.session is old and old.step == 3
    assert w.setup_panel.read_config() == old.config
    w.close()
