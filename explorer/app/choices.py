"""The setup panel's choices, each under its name in the interface language.

Each table has one row per value the engine accepts (``explorer.engine.config``): a session made with any
configuration shows in the panel as it is, so Apply rebuilds the same run (a test checks every field).
"""
from __future__ import annotations

from ..engine.config import ARCHS, INITS, MODES, OUTPUTS
from .i18n import QT_TRANSLATE_NOOP, translate

ARCH_ITEMS = (("cbow", QT_TRANSLATE_NOOP("SetupPanel", "CBOW")),
              ("skipgram", QT_TRANSLATE_NOOP("SetupPanel", "Skip-gram")))
OUTPUT_ITEMS = (("softmax", QT_TRANSLATE_NOOP("SetupPanel", "Full softmax")),
                ("hs", QT_TRANSLATE_NOOP("SetupPanel", "Hierarchical softmax")),
                ("ns", QT_TRANSLATE_NOOP("SetupPanel", "Negative sampling")))
MODE_ITEMS = (("paper", QT_TRANSLATE_NOOP("SetupPanel", "Paper (Rong)")),
              ("reference", QT_TRANSLATE_NOOP("SetupPanel", "Reference (word2vec.c)")))
INIT_ITEMS = ((None, QT_TRANSLATE_NOOP("SetupPanel", "Mode default")),
              ("uniform", QT_TRANSLATE_NOOP("SetupPanel", "Uniform")),
              ("word2vec", QT_TRANSLATE_NOOP("SetupPanel", "word2vec.c (W′ = 0)")),
              ("gensim", QT_TRANSLATE_NOOP("SetupPanel", "gensim (W in ±1/N, W′ = 0)")))
FORMAT_ITEMS = (("auto", QT_TRANSLATE_NOOP("SetupPanel", "Detect")),
                ("text", QT_TRANSLATE_NOOP("SetupPanel", "Plain text")),
                ("pairs", QT_TRANSLATE_NOOP("SetupPanel", "Pairs in|out")))

#: the engine's values of each choice field, and the table that names them
CHOICES = {"arch": (ARCHS, ARCH_ITEMS), "output": (OUTPUTS, OUTPUT_ITEMS), "mode": (MODES, MODE_ITEMS),
           "init": ((None, *INITS), INIT_ITEMS)}


def missing_choices() -> dict[str, list]:
    """Values the engine accepts that a table does not name (empty when every table is complete)."""
    out = {}
    for key, (values, items) in CHOICES.items():
        named = {v for v, _ in items}
        lost = [v for v in values if v not in named]
        if lost:
            out[key] = lost
    return out


def choice_text(items, value) -> str:
    """The interface text of ``value`` in one of the ``*_ITEMS`` tables (e.g. ``OUTPUT_ITEMS``, "hs")."""
    for v, text in items:
        if v == value:
            return translate("SetupPanel", text)
    return str(value)
