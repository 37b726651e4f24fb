"""Translation without Qt: ``translate(context, text)`` returns ``text`` in the interface language.

The Qt layer installs its translator with :func:`set_translator` (``QCoreApplication.translate``); until
then texts are returned as written (English). Calls use the names lupdate knows (``translate(...)``,
``QT_TRANSLATE_NOOP(...)``), so ``python -m explorer.qt.i18n`` collects the strings of this package too.
"""

from __future__ import annotations

from collections.abc import Callable

_translator: Callable[[str, str], str] | None = None


def set_translator(fn: Callable[[str, str], str] | None) -> Callable[[str, str], str] | None:
    """Route :func:`translate` through ``fn(context, text)`` (``None``: English as written); returns the
    translator it replaces, so a caller can put it back."""
    global _translator
    previous, _translator = _translator, fn
    return previous


def translate(context: str, text: str) -> str:
    """``text`` of ``context`` in the interface language."""
    return _translator(context, text) if _translator is not None else text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context`` without translating it now."""
    return text
