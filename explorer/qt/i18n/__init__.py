"""Interface languages: English (the source text) and Simplified Chinese, through Qt's translation system.

The catalogues live next to this file: ``explorer_<lang>.ts`` (the source, edited with Qt Linguist or by
hand) and ``explorer_<lang>.qm`` (compiled, shipped in the package). English needs no catalogue: it is the
text in the code.

- :func:`available_languages` — ``("en", "zh_CN")``: English plus every compiled catalogue found here.
- :func:`default_language` — from the system locale: ``zh*`` gives ``zh_CN``, anything else ``en``.
- :func:`install_translator` — replaces the translators of an earlier call with the ones for a language:
  this package's catalogue and Qt's own ``qtbase_<lang>.qm`` (standard dialog buttons, shortcuts' names)
  when Qt ships it.
- ``python -m explorer.qt.i18n`` (developers) re-extracts the strings into the ``.ts`` with
  ``pyside6-lupdate`` and compiles it with ``pyside6-lrelease``; ``--check`` only reports (see
  :mod:`explorer.qt.i18n.__main__`).

The language chosen in the Language menu is kept in QSettings under :data:`SETTINGS_KEY`; ``--lang``
overrides it for one run.
"""

from __future__ import annotations

from pathlib import Path

I18N_DIR = Path(__file__).resolve().parent
CATALOGUE = "explorer"
SOURCE_LANGUAGE = "en"
#: every language the explorer knows, with its name in that language (the Language menu shows these)
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}
#: QSettings key of the language chosen in the menu
SETTINGS_KEY = "ui/language"

_installed: list = []  # the QTranslators installed by install_translator
_current = SOURCE_LANGUAGE


def catalogue_path(lang: str, suffix: str = ".qm") -> Path:
    return I18N_DIR / f"{CATALOGUE}_{lang}{suffix}"


def available_languages() -> tuple[str, ...]:
    """English and every language whose compiled catalogue is shipped, in :data:`LANGUAGE_NAMES` order."""
    return tuple(lang for lang in LANGUAGE_NAMES if lang == SOURCE_LANGUAGE or catalogue_path(lang).is_file())


def known_languages() -> tuple[str, ...]:
    """Every language code the explorer accepts (``--lang``), shipped catalogue or not."""
    return tuple(LANGUAGE_NAMES)


def normalize_language(lang: str | None) -> str | None:
    """``lang`` as one of :func:`known_languages` (``zh``, ``zh-CN``, ``ZH_cn`` → ``zh_CN``; ``en_US`` →
    ``en``), or None when it is not one of them."""
    if not lang:
        return None
    key = str(lang).strip().replace("-", "_")
    langs = known_languages()
    for known in langs:
        if key.lower() == known.lower():
            return known
    base = key.split("_")[0].lower()
    if base == "zh" and key.lower() not in ("zh_tw", "zh_hk", "zh_hant", "zh_mo") and "zh_CN" in langs:
        return "zh_CN"
    if base == "en":
        return "en"
    return None


def default_language() -> str:
    """The language of the system locale: ``zh*`` → ``zh_CN``, anything else → ``en``."""
    from PySide6.QtCore import QLocale

    if QLocale.system().name().lower().startswith("zh"):
        return "zh_CN"
    return SOURCE_LANGUAGE


def current_language() -> str:
    """The language installed by the last :func:`install_translator` (``en`` before any)."""
    return _current


def install_translator(app, lang: str) -> bool:
    """Make ``lang`` the interface language of ``app`` (a QCoreApplication).

    Removes the translators an earlier call installed, then installs this package's catalogue for
    ``lang`` and Qt's own ``qtbase_<lang>`` translations (from ``QLibraryInfo.path(TranslationsPath)``) when
    present. Qt sends every widget a ``LanguageChange`` event. Returns True when the interface is now in
    ``lang`` (always for English); False when the catalogue could not be loaded (the interface is then
    English). Raises ValueError for a language that is not available.
    """
    global _current
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    code = normalize_language(lang)
    if code is None:
        raise ValueError(f"unknown language {lang!r} (choose {', '.join(known_languages())})")
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    _current = SOURCE_LANGUAGE
    if code == SOURCE_LANGUAGE:
        return True
    ours = QTranslator(app)
    if not ours.load(f"{CATALOGUE}_{code}", str(I18N_DIR)):
        return False
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt_dir and qt.load(QLocale(code), "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)  # installed last: searched first
    _installed.append(ours)
    _current = code
    return True


def saved_language(settings) -> str | None:
    """The language chosen in the Language menu (None when none was chosen or it is not available)."""
    value = settings.value(SETTINGS_KEY) if settings is not None else None
    return normalize_language(value) if isinstance(value, str) else None


def save_language(settings, lang: str) -> None:
    settings.setValue(SETTINGS_KEY, lang)
    settings.sync()


__all__ = [
    "I18N_DIR",
    "LANGUAGE_NAMES",
    "SETTINGS_KEY",
    "available_languages",
    "current_language",
    "default_language",
    "install_translator",
    "known_languages",
    "normalize_language",
    "save_language",
    "saved_language",
]
