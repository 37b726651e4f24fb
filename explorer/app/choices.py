"""The setup panel's choices and the built-in corpora, each under its name in the interface language.

Each table has one row per value the engine accepts (``explorer.engine.config``): a session made with any
configuration shows in the panel as it is, so Apply rebuilds the same run (a test checks every field).
"""

from __future__ import annotations

from ..engine.config import ARCHS, INITS, MODES, OUTPUTS
from ..engine.presets import preset_description
from ..engine.segment import SEGMENTS
from ..errors import ExplorerError
from .i18n import QT_TRANSLATE_NOOP, translate

ARCH_ITEMS = (
    ("cbow", QT_TRANSLATE_NOOP("SetupPanel", "CBOW")),
    ("skipgram", QT_TRANSLATE_NOOP("SetupPanel", "Skip-gram")),
)
OUTPUT_ITEMS = (
    ("softmax", QT_TRANSLATE_NOOP("SetupPanel", "Full softmax")),
    ("hs", QT_TRANSLATE_NOOP("SetupPanel", "Hierarchical softmax")),
    ("ns", QT_TRANSLATE_NOOP("SetupPanel", "Negative sampling")),
)
MODE_ITEMS = (
    ("paper", QT_TRANSLATE_NOOP("SetupPanel", "Paper (Rong)")),
    ("reference", QT_TRANSLATE_NOOP("SetupPanel", "Reference (word2vec.c)")),
)
INIT_ITEMS = (
    (None, QT_TRANSLATE_NOOP("SetupPanel", "Mode default")),
    ("uniform", QT_TRANSLATE_NOOP("SetupPanel", "Uniform")),
    ("word2vec", QT_TRANSLATE_NOOP("SetupPanel", "word2vec.c (W′ = 0)")),
    ("gensim", QT_TRANSLATE_NOOP("SetupPanel", "gensim (W in ±1/N, W′ = 0)")),
    ("lecture", QT_TRANSLATE_NOOP("SetupPanel", "Lecture (W, W′ in ±2/√N)")),
)
SEGMENT_ITEMS = (
    ("auto", QT_TRANSLATE_NOOP("SetupPanel", "Chinese without spaces")),
    ("spaces", QT_TRANSLATE_NOOP("SetupPanel", "At spaces only")),
    ("jieba", QT_TRANSLATE_NOOP("SetupPanel", "All Chinese (jieba)")),
)
FORMAT_ITEMS = (
    ("auto", QT_TRANSLATE_NOOP("SetupPanel", "Detect")),
    ("text", QT_TRANSLATE_NOOP("SetupPanel", "Plain text")),
    ("pairs", QT_TRANSLATE_NOOP("SetupPanel", "Pairs in|out")),
)

#: the engine's values of each choice field, and the table that names them
CHOICES = {
    "arch": (ARCHS, ARCH_ITEMS),
    "output": (OUTPUTS, OUTPUT_ITEMS),
    "mode": (MODES, MODE_ITEMS),
    "init": ((None, *INITS), INIT_ITEMS),
    "segment": (SEGMENTS, SEGMENT_ITEMS),
}


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


#: the built-in corpora under their names in the interface language (the command line uses the keys)
PRESET_NAMES = {
    "animals": QT_TRANSLATE_NOOP("Presets", "animals"),
    "chinese": QT_TRANSLATE_NOOP("Presets", "chinese"),
    "chinese-raw": QT_TRANSLATE_NOOP("Presets", "chinese-raw"),
    "fruit-and-drink": QT_TRANSLATE_NOOP("Presets", "fruit-and-drink"),
    "loop": QT_TRANSLATE_NOOP("Presets", "loop"),
    "royalty": QT_TRANSLATE_NOOP("Presets", "royalty"),
}
#: the presets' descriptions (the comment lines of the preset files, explorer/engine/presets), marked for
#: translation here because the engine has no Qt; a description not listed shows as written in its file
PRESET_DESCRIPTIONS = (
    QT_TRANSLATE_NOOP(
        "Presets",
        "Animals and what they do: a slightly larger corpus (about 40 words). Try negative sampling, k 3.",
    ),
    QT_TRANSLATE_NOOP(
        "Presets",
        "中文:以空格分词的小语料(国王、女王、男人、女人)。Space-separated Chinese; try CBOW, window 2.",
    ),
    QT_TRANSLATE_NOOP(
        "Presets",
        "中文原文(不加空格):与“中文”预设相同的句子。Unsegmented Chinese: the chinese preset "
        "without spaces, cut into words by jieba; try CBOW, window 2.",
    ),
    QT_TRANSLATE_NOOP(
        "Presets",
        "Fruit and drink, as input|output pairs: words that predict each other. Try skip-gram, N 5, lr 0.2.",
    ),
    QT_TRANSLATE_NOOP(
        "Presets",
        "A loop of five symbols: each symbol is always followed by the next. Try skip-gram, window 1, N 2.",
    ),
    QT_TRANSLATE_NOOP(
        "Presets", "Royalty: king, queen, man, woman, prince, princess. Try CBOW or skip-gram, window 2, N 5."
    ),
)


def preset_label(name: str) -> str:
    """A built-in corpus's name in the interface language (other names as they are)."""
    return translate("Presets", name) if name in PRESET_NAMES else name


def preset_tip(name: str) -> str:
    """A built-in corpus's description in the interface language ("" when it has none)."""
    try:
        desc = preset_description(name)
    except ExplorerError:
        return ""
    return translate("Presets", desc) if desc else ""
