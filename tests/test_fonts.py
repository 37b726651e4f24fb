"""The bundled CJK font (explorer/data/fonts): it covers every character of the translations and the
presets, it comes after the system's fonts, and a corpus whose CJK characters no font draws gets one hint."""

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QRawFont

from explorer.qt import style

ROOT = Path(__file__).resolve().parents[1]
_TRANSLATION = re.compile(r"<translation[^>]*>(.*?)</translation>", re.S)


def _bundled_raw_font() -> QRawFont:
    families = style.register_bundled_fonts()
    assert families == ["Explorer CJK"]
    raw = QRawFont.fromFont(QFont(families[0]))
    assert raw.isValid() and raw.familyName() == "Explorer CJK"
    return raw


def test_bundled_font_covers_the_translations_and_the_presets(qapp):
    raw = _bundled_raw_font()
    texts = [
        m for ts in ROOT.glob("explorer/qt/i18n/*.ts") for m in _TRANSLATION.findall(ts.read_text("utf-8"))
    ]
    texts += [p.read_text("utf-8") for p in ROOT.glob("explorer/data/presets/*.txt")]
    assert len(texts) > 100
    cjk = {ch for t in texts for ch in t if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"}
    assert len(cjk) > 300
    missing = sorted(ch for ch in cjk if not raw.supportsCharacter(ord(ch)))
    assert not missing, f"regenerate the subset (explorer/data/fonts/subset.py): {''.join(missing)}"
    assert not raw.supportsCharacter(ord("龘")), "a subset, not the whole font"


def test_bundled_font_is_small_and_licensed():
    folder = ROOT / "explorer" / "data" / "fonts"
    assert (folder / "ExplorerCJK-Regular.otf").stat().st_size < 400_000
    assert "SIL OPEN FONT LICENSE Version 1.1" in (folder / "OFL.txt").read_text("utf-8")


def test_bundled_font_comes_after_the_system_fonts(qapp):
    for font in (style.ui_font(10), style.mono_font(10)):
        assert font.families()[-1] == "Explorer CJK"
        assert font.families()[0] != "Explorer CJK"


@pytest.fixture
def no_system_cjk_font(monkeypatch):
    """As on a machine without a CJK font: no writing system to find a system family under."""
    monkeypatch.setattr(style, "_CJK_SYSTEMS", ())
    monkeypatch.setattr(style, "_font_hint_given", False)


def test_missing_font_hint_once_for_characters_no_font_draws(qapp, no_system_cjk_font):
    assert style.missing_font_hint("国王 统治 王国 king") is None  # the subset draws these
    assert style.missing_font_hint("only latin words") is None
    hint = style.missing_font_hint("国王 龘 齉")
    assert hint is not None and "fonts-noto-cjk" in hint and "龘" in hint
    assert style.missing_font_hint("龘") is None, "said once"


def test_no_hint_when_a_system_cjk_font_is_installed(qapp, monkeypatch):
    monkeypatch.setattr(style, "_font_hint_given", False)
    monkeypatch.setattr(style.QFontDatabase, "families", staticmethod(lambda *a: ["Some System CJK"]))
    assert style.missing_font_hint("龘") is None


def test_window_says_once_which_font_to_install(qtbot, tmp_path, no_system_cjk_font):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from explorer.engine import Config
    from explorer.qt.main_window import MainWindow
    from explorer.session import Session

    settings = QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)
    w = MainWindow(
        Session("龘 齉 龘\n国王 齉\n", Config(window=2)), settings=settings, views=[], restore_layout=False
    )
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: "fonts-noto-cjk" in w.statusBar().currentMessage(), timeout=2000)
    w.statusBar().clearMessage()
    w.set_session(Session("龘 齉 龘\n", Config(window=2)))
    QApplication.processEvents()
    assert w.statusBar().currentMessage() == "", "said once"
