"""The setup panel's settings form: every field's key, label, widget and tooltip, in the order of the form
(:func:`settings_fields`), and the small widget builders the panel uses (combo boxes that size to the panel,
spin boxes, the red error line under a field).

The texts are translated in the context of the panel (``SetupPanel``), where they were written first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from ..app.choices import ARCH_ITEMS, INIT_ITEMS, MODE_ITEMS, OUTPUT_ITEMS, SEGMENT_ITEMS

#: the translation context of the setup panel's texts (lupdate reads the literal "SetupPanel" in each call)
CONTEXT = "SetupPanel"
translate = QCoreApplication.translate


def narrow(c: QComboBox) -> QComboBox:
    """Combo boxes size to the panel, not to their longest entry (the popup still shows it whole)."""
    c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    c.setMinimumContentsLength(8)
    return c


def combo(items) -> QComboBox:
    """A narrow combo box of ``items`` ((value, text) pairs; the texts are translated)."""
    c = narrow(QComboBox())
    for value, text in items:
        c.addItem(translate(CONTEXT, text), value)
    return c


def spin(lo, hi) -> QSpinBox:
    s = QSpinBox()
    s.setRange(lo, hi)
    s.setAccelerated(True)
    return s


def error_label() -> QLabel:
    """The red line under a field that shows why its value was rejected (hidden until then)."""
    lab = QLabel()
    lab.setWordWrap(True)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    lab.setStyleSheet("color: #d00000;")
    lab.setVisible(False)
    return lab


def settings_fields() -> list[tuple[str, str, QWidget, str]]:
    """(key, label, widget, tooltip) of every training setting, in the order of the form."""
    return [
        (
            "arch",
            translate("SetupPanel", "Architecture"),
            combo(ARCH_ITEMS),
            translate(
                "SetupPanel",
                "CBOW predicts the centre word from the average of its context; skip-gram predicts each "
                "context word from the centre word",
            ),
        ),
        (
            "output",
            translate("SetupPanel", "Output layer"),
            combo(OUTPUT_ITEMS),
            translate(
                "SetupPanel",
                "Full softmax over the vocabulary, hierarchical softmax along the Huffman tree, or "
                "negative sampling (one positive word and k noise words)",
            ),
        ),
        (
            "mode",
            translate("SetupPanel", "Mode"),
            combo(MODE_ITEMS),
            translate(
                "SetupPanel",
                "Paper: exactly the derivation of Rong's notes. Reference: what word2vec.c and gensim do "
                "(dynamic window, sub-sampling, decaying learning rate)",
            ),
        ),
        (
            "hidden",
            translate("SetupPanel", "Hidden size N"),
            spin(0, 10_000),
            translate("SetupPanel", "N, the number of hidden units: the length of every word vector"),
        ),
        (
            "window",
            translate("SetupPanel", "Window m (each side)"),
            spin(0, 100),
            translate(
                "SetupPanel",
                "m, the context words on each side of the centre word (reference mode: the maximum); "
                "an example has up to C = 2m context words, the C of the equations",
            ),
        ),
        (
            "lr",
            translate("SetupPanel", "Learning rate η"),
            QLineEdit(),
            translate(
                "SetupPanel",
                "η, the step size of every update. A new value applies from the next step on, without "
                "starting again (press Enter)",
            ),
        ),
        (
            "negative",
            translate("SetupPanel", "Negatives k"),
            spin(0, 1000),
            translate("SetupPanel", "k, the noise words drawn for every target (negative sampling)"),
        ),
        (
            "ns_power",
            translate("SetupPanel", "Noise power"),
            QLineEdit(),
            translate(
                "SetupPanel",
                "Noise distribution P_n(w) ∝ count(w)^power (negative sampling; word2vec uses 0.75)",
            ),
        ),
        (
            "min_count",
            translate("SetupPanel", "Min count"),
            spin(0, 1_000_000),
            translate("SetupPanel", "Words seen fewer times than this are dropped from the vocabulary"),
        ),
        (
            "sample",
            translate("SetupPanel", "Sub-sampling"),
            QLineEdit(),
            translate(
                "SetupPanel", "Sub-sampling threshold s for frequent words (reference mode; 0 turns it off)"
            ),
        ),
        (
            "init",
            translate("SetupPanel", "Initial weights"),
            combo(INIT_ITEMS),
            translate(
                "SetupPanel",
                "Uniform: W and W′ uniform in [−0.5/N, 0.5/N). word2vec.c: W uniform, W′ = 0. "
                "Lecture: W and W′ uniform in [−2/√N, 2/√N), learns visibly from the first epoch "
                "(Train ▸ First lecture settings)",
            ),
        ),
        (
            "seed",
            translate("SetupPanel", "Seed"),
            QLineEdit(),
            translate(
                "SetupPanel",
                "The random seed: initial weights, shuffling, noise words and sub-sampling follow from it",
            ),
        ),
        (
            "epochs",
            translate("SetupPanel", "Planned epochs"),
            spin(0, 1_000_000),
            translate(
                "SetupPanel", "Epochs planned for the run (reference mode decays the learning rate over them)"
            ),
        ),
        (
            "shuffle",
            translate("SetupPanel", "Shuffle"),
            QCheckBox(translate("SetupPanel", "Each epoch")),
            translate("SetupPanel", "Visit each epoch's examples in a random order (from the seed)"),
        ),
        (
            "lowercase",
            translate("SetupPanel", "Lower-case"),
            QCheckBox(translate("SetupPanel", "Lower-case words")),
            translate("SetupPanel", "Treat King and king as the same word"),
        ),
        (
            "segment",
            translate("SetupPanel", "Word segmentation"),
            combo(SEGMENT_ITEMS),
            translate(
                "SetupPanel",
                "Cut raw Chinese into words with jieba: lines with no spaces between Chinese characters, "
                "never (spaces and punctuation only), or every Chinese run",
            ),
        ),
    ]
