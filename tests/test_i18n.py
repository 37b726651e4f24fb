"""Interface languages: English and Simplified Chinese through Qt's translation system.

- The catalogue is complete and compiled: no unfinished entry, every placeholder kept, the .qm is the
  compilation of the .ts, and the .ts holds every string of the code (``python -m explorer.qt.i18n --check``).
- In zh_CN nothing the user sees is left in English: the whole window (title, menus and every action's text
  and tooltip, docks, toolbars, labels, buttons, check boxes, combo boxes, table headers, tabs, tooltips,
  status bar, plot titles / axis labels / legends, text drawn by the views) after steps with each output
  layer and each architecture, and with the guided walk advanced through every phase of an example.
- The language switches at run time (View ▸ Language) around the same session; the choice is remembered;
  ``--lang`` overrides it; a bad ``--lang`` is a one-line error; ``--screenshot --lang zh_CN`` renders.

"Left in English", precisely: after removing markup, key names, the paper's symbols (h, u, y, e, EI, EH,
v'_j, η, σ, W, W′, …), numbers, the corpus's words, file names and the technical terms that stay Latin in
Chinese technical writing (:data:`LATIN_TERMS`), a string must not contain an English word of three or more
letters that the English interface uses.
"""

from __future__ import annotations

import functools
import html
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyqtgraph as pg  # noqa: E402
import pytest
import pytestqt  # noqa: E402,F401  (pytest-qt: a test dependency; missing, the suite fails)
from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QRawFont  # noqa: E402
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,  # noqa: E402
    QDockWidget,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QToolBar,
    QWidget,
)

from explorer.app.readout import step_position  # noqa: E402
from explorer.engine import Config  # noqa: E402
from explorer.engine.presets import list_presets, preset_text  # noqa: E402
from explorer.qt import i18n, style  # noqa: E402
from explorer.qt.i18n import switch  # noqa: E402
from explorer.qt.main_window import MainWindow, view_classes  # noqa: E402
from explorer.qt.setup_panel import preset_tip  # noqa: E402
from explorer.session import Session  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "explorer" / "qt" / "i18n" / "explorer_zh_CN.ts"
QM = ROOT / "explorer" / "qt" / "i18n" / "explorer_zh_CN.qm"

#: technical terms written in Latin letters in Chinese technical texts too
LATIN_TERMS = {
    "cbow",
    "skip-gram",
    "softmax",
    "pca",
    "sgd",
    "word2vec",
    "word2vec.c",
    "gensim",
    "png",
    "svg",
    "csv",
    "pdf",
    "gif",
    "json",
    "jsonl",
    "numpy",
    "utf-8",
    "one-hot",
    "rong",
    "xin",
    "nan",
    "inf",
    "exp",
    "log",
    "cos",
    "ctrl",
    "shift",
    "alt",
    "neg",
}  # W_neg, the paper's symbol for the negative samples (drawn as a subscript)
#: the paper's symbols and formula names, removed before looking for English words
SYMBOL_RE = re.compile(
    r"(?:\b[A-Za-z]{1,3}(?:[′'ᵀ]|_[\w,′'{}]+|\^[\w()]+)+)"  # v'_j, EH_i, u_j, w_O, P_n, v′_n, W′ᵀ
    r"|\((?:new|old)\)"  # v(new) = v(old) − η·EH
    r"|\b(?:exp|log|cos|count|max|min)(?=\()"  # exp(u_j), cos(v_a, v_b), count(w)
    r"|\bPC\d\b|\bF\d+\b"
)
KEY_RE = re.compile(
    r"\b(?:Ctrl|Shift|Alt|Meta)\+\w+"
    r"|\b(?:Home|End|PgUp|PgDown|Esc|Enter|Space|Left|Right|Up|Down)\b"
)  # key names
FILE_RE = re.compile(r"[\w.-]*\.(?:w2vx|npz|txt|text|csv|jsonl|png|svg|bin|vec|c)\b")
TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")  # word2vec, skip-gram, word2vec.c
WORD_RE = re.compile(r"[A-Za-z]{3,}")


# ---------------------------------------------------------------------------------------------------------
# fixtures
@pytest.fixture
def settings(tmp_path):
    """A per-test ini file; the user-scope path is redirected too, so nothing touches real settings."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "user"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "user"))
    return QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def language(qapp):
    """``language("zh_CN")`` installs a language; English again afterwards (other tests expect it)."""

    def install(lang):
        assert i18n.install_translator(qapp, lang)

    yield install
    i18n.install_translator(qapp, "en")
    style.apply_theme(qapp, style.LIGHT)


def all_views() -> list:
    """Every view class, the guided walk included (also while the registry does not list it)."""
    from explorer.qt.views.walk_view import WalkView

    classes = view_classes()
    return classes if any(c is WalkView for c in classes) else [*classes, WalkView]


@pytest.fixture
def make_window(qtbot, settings):
    made = []

    def make(session, **kw):
        w = MainWindow(session, settings=settings, views=all_views(), restore_layout=False, **kw)
        qtbot.addWidget(w)
        w.transport.burst_s = 0
        w.resize(1600, 1000)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w

    yield make
    for w in made + switch.WINDOWS:
        try:
            w.close()
        except RuntimeError:  # replaced by a language switch: already closed and deleted
            pass
    switch.WINDOWS.clear()


def session_for(preset="chinese", **cfg) -> Session:
    cfg.setdefault("window", 2)
    cfg.setdefault("hidden", 5)
    return Session(preset_text(preset), Config(**cfg), name=preset)


def walk_view(w):
    return next(v for v in w.views if v.name == "walk")


# ---------------------------------------------------------------------------------------------------------
# collecting what the user sees
def _plain(text: str) -> str:
    """Without markup, entities and mnemonics."""
    return html.unescape(re.sub(r"<[^>]+>", " ", text or "")).replace("&", "")


def _menu_strings(menu: QMenu, out: list, skip: set) -> None:
    out.append(("menu", menu.title()))
    for a in menu.actions():
        if a.isSeparator() or id(a) in skip:
            continue
        if a.menu() is not None:
            _menu_strings(a.menu(), out, skip)
            continue
        out += [("action", a.text()), ("action tooltip", a.toolTip()), ("status tip", a.statusTip())]


class DrawnText:
    """Every string the views draw with QPainter.drawText (equations, legends, ticks) while active."""

    def __init__(self):
        self.seen: list[str] = []
        self._orig = QPainter.drawText

    def __enter__(self):
        orig, seen = self._orig, self.seen

        def record(painter, *args):
            seen.extend(a for a in args if isinstance(a, str))
            return orig(painter, *args)

        QPainter.drawText = record
        return self

    def __exit__(self, *exc):
        QPainter.drawText = self._orig


def _widget_strings(root: QWidget, out: list) -> None:
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if w.toolTip():
            out.append((f"tooltip of {type(w).__name__} {w.objectName()}", w.toolTip()))
        if isinstance(w, QLabel):
            out.append(("label", w.text()))
        elif isinstance(w, QAbstractButton):
            out.append(("button", w.text()))
        elif isinstance(w, QGroupBox):
            out.append(("group", w.title()))
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                out.append(("combo item", w.itemText(i)))
                tip = w.itemData(i, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    out.append(("combo item tooltip", tip))
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                out += [("tab", w.tabText(i)), ("tab tooltip", w.tabToolTip(i))]
        elif isinstance(w, (QLineEdit, QPlainTextEdit)):
            out.append(("placeholder", w.placeholderText()))
        elif isinstance(w, QDockWidget):
            out.append(("dock", w.windowTitle()))
        elif isinstance(w, QToolBar):
            out.append(("toolbar", w.windowTitle()))
            for a in w.actions():
                if not a.isSeparator():
                    out += [("toolbar button", a.iconText()), ("toolbar tooltip", a.toolTip())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            for orient, n in (
                (Qt.Orientation.Horizontal, m.columnCount()),
                (Qt.Orientation.Vertical, min(m.rowCount(), 50)),
            ):
                for i in range(n):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        v = m.headerData(i, orient, role)
                        if isinstance(v, str):
                            out.append(("table header", v))
            for r in range(min(m.rowCount(), 40)):
                for c in range(min(m.columnCount(), 12)):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        v = m.data(m.index(r, c), role)
                        if isinstance(v, str):
                            out.append(("table cell", v))
        if isinstance(w, QGraphicsView) and w.scene() is not None:
            for item in w.scene().items():
                if not item.isVisible():
                    continue
                if isinstance(item, QGraphicsTextItem):
                    out.append(("plot text", item.toPlainText()))
                elif isinstance(item, QGraphicsSimpleTextItem):
                    out.append(("scene text", item.text()))
                elif isinstance(item, pg.AxisItem) and item.label.isVisible():
                    out.append(("axis label", item.labelString()))
                if item.toolTip():
                    out.append(("item tooltip", item.toolTip()))


def visible_strings(w: MainWindow) -> list[tuple[str, str]]:
    """(where, text) of every string the window shows, in every dock (tabbed-away ones raised in turn)."""
    out = [("window title", w.windowTitle()), ("status", w.statusBar().currentMessage())]
    skip = {id(a) for a in getattr(w, "language_actions", {}).values()}  # each language under its own name
    for a in w.menuBar().actions():
        if a.menu() is not None:
            _menu_strings(a.menu(), out, skip)
    with DrawnText() as drawn:
        for dock in w.docks.values():
            dock.raise_()
            QApplication.processEvents()
            dock.widget().grab()
        w.grab()
    out += [("drawn", s) for s in drawn.seen]
    _widget_strings(w, out)
    for dock in w.docks.values():
        _widget_strings(dock.widget(), out)
    return [(where, _plain(text)) for where, text in out if text and text.strip()]


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Words of 3+ letters of the English interface: every source text of the catalogue."""
    words = set()
    for ctx in ET.parse(TS).getroot().iter("context"):
        for msg in ctx.iter("message"):
            words |= {m.lower() for m in WORD_RE.findall(_plain(msg.findtext("source") or ""))}
    return frozenset(words - LATIN_TERMS)


def leftover_english(text: str, vocab: set[str], english: set[str]) -> list[str]:
    text = KEY_RE.sub(" ", text)
    text = FILE_RE.sub(" ", text)
    text = SYMBOL_RE.sub(" ", text)
    left = []
    for token in TOKEN_RE.findall(text):
        if token.lower() in LATIN_TERMS or token in vocab or token.lower() in vocab:
            continue
        left += [m for m in WORD_RE.findall(token) if m.lower() in english and m.lower() not in vocab]
    return left


@functools.lru_cache(maxsize=1)
def corpus_words() -> frozenset[str]:
    """The words of every built-in corpus (data, not interface: they stay as they are)."""
    words = set()
    for name in list_presets():
        s = Session(preset_text(name), Config(window=2))
        words |= set(s.model.words)
    return frozenset(words)


def untranslated(w: MainWindow, english: set[str]) -> list[tuple[str, str, list[str]]]:
    vocab = set(corpus_words()) | set(list_presets())
    s = w.bridge.session
    if s is not None:
        vocab |= {t for word in s.model.words for t in re.split(r"\W+", word) if t}
        vocab |= {t.lower() for t in vocab}
    bad = []
    for where, text in visible_strings(w):
        left = leftover_english(text, vocab, english)
        if left:
            bad.append((where, text[:160], left))
    return bad


def assert_translated(w, english, what=""):
    bad = untranslated(w, english)
    seen = set()
    lines = []
    for where, text, left in bad:
        if (where, text) not in seen:
            seen.add((where, text))
            lines.append(f"{where}: {text!r} -> {left}")
    assert not lines, f"{what}: {len(lines)} strings left in English:\n" + "\n".join(lines[:80])


# ---------------------------------------------------------------------------------------------------------
# the catalogue
def _messages():
    for ctx in ET.parse(TS).getroot().iter("context"):
        for msg in ctx.iter("message"):
            yield ctx.findtext("name"), msg


def test_catalogue_is_complete_and_keeps_every_placeholder():
    n = 0
    placeholder = re.compile(r"\{[^{}]*\}|%[vmn]")
    for ctx, msg in _messages():
        src, tr = msg.findtext("source"), msg.find("translation")
        assert tr is not None and tr.get("type") not in ("unfinished",), (ctx, src)
        if tr.get("type") in ("obsolete", "vanished"):
            continue
        assert (tr.text or "").strip(), (ctx, src)
        assert sorted(placeholder.findall(src)) == sorted(placeholder.findall(tr.text)), (ctx, src, tr.text)
        assert src.count("&") - src.count("&&") <= tr.text.count("&"), (ctx, src, tr.text)  # mnemonics kept
        n += 1
    assert n > 300


def test_qm_is_the_compilation_of_the_ts_and_the_ts_has_every_string_of_the_code():
    from explorer.qt.i18n.__main__ import check

    assert QM.is_file() and QM.stat().st_size > 10000
    problems = check("zh_CN")
    assert not problems, "\n".join(problems[:40])


def test_languages_and_the_system_default(qapp):
    assert i18n.available_languages() == ("en", "zh_CN")
    assert i18n.normalize_language("zh") == "zh_CN" and i18n.normalize_language("zh-CN") == "zh_CN"
    assert i18n.normalize_language("EN") == "en" and i18n.normalize_language("xx") is None
    with pytest.raises(ValueError, match="unknown language 'xx' \\(choose en, zh_CN\\)"):
        i18n.install_translator(qapp, "xx")
    code = "from explorer.qt.i18n import default_language; print(default_language())"
    for lang, want in (
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh_TW.UTF-8", "zh_CN"),
        ("C.UTF-8", "en"),
        ("de_DE.UTF-8", "en"),
    ):
        env = {
            k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")
        }
        env["LANG"] = lang
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
        assert out.stdout.strip() == want, (lang, out.stdout, out.stderr)


def test_install_translator_switches_and_loads_qts_own_translations(qapp, language):
    from PySide6.QtCore import QCoreApplication

    language("zh_CN")
    assert i18n.current_language() == "zh_CN"
    assert QCoreApplication.translate("MainWindow", "Quit") == "退出"
    assert QCoreApplication.translate("Walk", "v(new) = v(old) − η·EH") == "v(new) = v(old) − η·EH"
    # Qt's own strings (standard buttons) come from qtbase_zh_CN when Qt ships it
    from PySide6.QtCore import QLibraryInfo

    if (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_zh_CN.qm").is_file():
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    language("en")
    assert QCoreApplication.translate("MainWindow", "Quit") == "Quit"
    assert i18n.current_language() == "en"


def test_every_preset_description_is_translated(language):
    language("zh_CN")
    for name in list_presets():
        tip = preset_tip(name)
        assert tip and not leftover_english(tip, corpus_words(), english_words()), (name, tip)


def test_chinese_renders_with_an_installed_font(qapp):
    """A family of the UI font draws Chinese — a system CJK font or, on a machine with none, the bundled
    subset (explorer/data/fonts) — and two different Chinese words render differently (missing glyphs would
    draw the same boxes)."""
    font = style.ui_font(style.NORMAL_PT)
    drawing = [
        f
        for f in font.families()
        if all(QRawFont.fromFont(QFont(f)).supportsCharacter(ord(ch)) for ch in "梯度损失")
    ]
    assert drawing, font.families()

    def render(text):
        img = QImage(120, 40, QImage.Format.Format_RGB32)
        img.fill(QColor("white"))
        p = QPainter(img)
        p.setFont(font)
        p.setPen(QColor("black"))
        p.drawText(5, 28, text)
        p.end()
        return img

    a, b = render("梯度"), render("损失")
    assert a != b
    assert a != render("")


# ---------------------------------------------------------------------------------------------------------
# the whole window in Chinese
@pytest.mark.parametrize(
    "arch,output",
    [
        ("cbow", "softmax"),
        ("cbow", "hs"),
        ("cbow", "ns"),
        ("skipgram", "softmax"),
        ("skipgram", "hs"),
        ("skipgram", "ns"),
    ],
)
def test_no_english_left_in_the_chinese_window(make_window, language, arch, output):
    english = english_words()
    language("zh_CN")
    preset = "chinese" if arch == "cbow" else "royalty"
    w = make_window(session_for(preset, arch=arch, output=output, negative=3))
    w.setup_panel.show_session(w.session, preset)
    assert_translated(w, english, "step 0")
    w.session.step_forward(3)
    QApplication.processEvents()
    assert_translated(w, english, f"{arch}/{output} after 3 steps")
    # the guided walk through every part of the next example: each caption, and the whole window once in
    # every phase
    walk = walk_view(w)
    for _ in range(100):  # past the rest of the current example, into the next one's forward phase
        walk.next()
        if w.session.pending is not None:
            break
    assert w.session.phase == "forward"
    key = walk.cursor.key
    phases = []
    while walk.cursor.key == key:
        out = []
        _widget_strings(walk, out)
        bad = [(t, left) for _w, t in out if (left := leftover_english(_plain(t), corpus_words(), english))]
        assert not bad, (arch, output, w.session.phase, bad)
        if w.session.phase not in phases:
            phases.append(w.session.phase)
            assert_translated(w, english, f"{arch}/{output} walk, phase {w.session.phase}")
        walk.next()
        QApplication.processEvents()
    assert phases == ["forward", "error", "output update", "input update"]
    # presentation mode and the shortcuts dialog
    w.set_presentation(True)
    assert_translated(w, english, f"{arch}/{output} presentation")
    w.show_shortcuts()
    d = w._shortcuts_dialog
    out = [("dialog", d.windowTitle())]
    _widget_strings(d, out)
    bad = [(where, t) for where, t in out if leftover_english(_plain(t), corpus_words(), english)]
    assert not bad, bad


def test_the_check_finds_english(make_window):
    """The same check on the English window flags most of what it collects (it would notice a string left in
    English), and nothing of what is only symbols, numbers and corpus words."""
    w = make_window(session_for("chinese", output="hs"))
    w.session.step_forward(3)
    assert i18n.current_language() == "en" and w.act_quit.text() == "Quit"
    strings = visible_strings(w)
    bad = untranslated(w, english_words())
    assert len(strings) > 800 and len(bad) > 400
    flagged = {text for _where, text, _left in bad}
    assert "Quit" in flagged and "Nearest neighbours" in flagged
    assert any(where == "drawn" and "Step 3" in text for where, text, _ in bad)  # text the views paint
    assert any(where == "axis label" for where, _, _ in bad)
    assert not leftover_english(
        "h = v_I = (0.1, −0.2) · EH_i = Σ_j e_j·v′_j, v(new) = v(old) − η·EH; "
        "count(w)^0.75, PC1 (37 %), CBOW, skip-gram, word2vec.c, Ctrl+Left, 国王 king",
        corpus_words(),
        english_words(),
    )


# ---------------------------------------------------------------------------------------------------------
# switching at run time
def test_switching_language_keeps_the_session_layout_and_fields(qtbot, make_window, settings, language):
    language("en")
    w = make_window(session_for("royalty", output="hs"))
    s = w.session
    s.step_forward(4)
    s.sub_step()
    s.sub_step()  # step 5, in the middle of its phases
    walk = walk_view(w)
    walk.cursor.sync(s)
    step, phase, furthest, W = s.step, s.phase, s.furthest, s.params.W.copy()
    w.docks["loss"].close()
    w.setup_panel.widgets["seed"].setText("42")
    w.setup_panel._on_field_edited()
    w.transport.speed.setValue(70)
    english_quit, english_title = w.act_quit.text(), w.windowTitle()
    assert english_quit == "Quit"

    assert w.language_actions["zh_CN"] in w.session_actions  # disabled while a run holds the session
    w.language_actions["zh_CN"].trigger()
    new = switch.WINDOWS[-1]
    qtbot.addWidget(new)
    assert new is not w and new.isVisible()
    assert new.act_quit.text() == "退出" and new.windowTitle() != english_title
    assert new.session is s and (s.step, s.phase, s.furthest) == (step, phase, furthest)
    assert (s.params.W == W).all() and s.can_undo()
    assert not new.docks["loss"].isVisible() and new.docks["network"].isVisible()
    assert new.setup_panel.widgets["seed"].text() == "42" and new.setup_panel.is_dirty()
    assert new.transport.speed.value() == 70
    assert new.language_actions["zh_CN"].isChecked()
    assert settings.value(i18n.SETTINGS_KEY) == "zh_CN"
    assert f"第 {step_position(s)[0]} 步" in new.transport.step_label.text()
    assert walk_view(new).index == walk.index and re.search("[\u4e00-\u9fff]", walk_view(new).caption.text())
    # the new window follows the session
    new.transport.act_step.trigger()
    assert (s.step, s.phase) != (
        step,
        phase,
    ) and f"第 {step_position(s)[0]} 步" in new.transport.step_label.text()
    # and back to English
    back = new.set_language("en")
    qtbot.addWidget(back)
    assert back.act_quit.text() == english_quit and back.session is s
    assert settings.value(i18n.SETTINGS_KEY) == "en"


def test_saved_choice_is_used_and_lang_overrides_it(qapp, settings, language):
    from explorer.qt.app import _install_language

    i18n.save_language(settings, "zh_CN")
    _install_language(qapp, None, settings)
    assert i18n.current_language() == "zh_CN"
    _install_language(qapp, "en", settings)  # --lang en
    assert i18n.current_language() == "en"
    settings.setValue(i18n.SETTINGS_KEY, "klingon")  # a bad saved value falls back to the locale
    _install_language(qapp, None, settings)
    assert i18n.current_language() == i18n.default_language()


# ---------------------------------------------------------------------------------------------------------
# the command line
def _run(args, **kw):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )


def test_bad_lang_is_a_one_line_error():
    out = _run(["--lang", "xx", "--screenshot", "/tmp/never.png"])
    assert out.returncode == 2
    assert out.stderr.strip() == "error: unknown language 'xx' (choose en, zh_CN)"


@pytest.mark.parametrize("extra", [[], ["--presentation"]])
def test_screenshot_in_chinese(tmp_path, extra):
    shot = tmp_path / "zh.png"
    out = _run(["--screenshot", str(shot), "--lang", "zh_CN", "--preset", "chinese", "--steps", "3", *extra])
    assert out.returncode == 0, out.stderr
    img = QImage(str(shot))
    assert (img.width(), img.height()) == (1600, 1000)
    en = tmp_path / "en.png"
    assert (
        _run(
            ["--screenshot", str(en), "--lang", "en", "--preset", "chinese", "--steps", "3", *extra]
        ).returncode
        == 0
    )
    assert QImage(str(en)) != img  # the Chinese interface differs from the English one
