"""A panel that draws a small picture in a graphics scene rebuilt at each redraw, fitted to the view.

The tree and samples panels hold a few dozen items: building them again per step costs well under a
millisecond, and keeps each panel a plain function of what the application layer computed. Text is sized
from the theme's base size (presentation mode enlarges it) and the scene is fitted to the view, never shrunk
below :data:`MIN_SCALE` (a deep tree scrolls instead of becoming unreadable).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from .palette import TEXT

MIN_SCALE = 0.7
MAX_SCALE = 1.6


class FitView(QGraphicsView):
    """A graphics view that fits its scene (keeping the aspect) whenever it or the scene changes size."""

    def __init__(self, scene: QGraphicsScene):
        super().__init__(scene)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setAlignment(Qt.AlignCenter)
        self.setBackgroundBrush(QBrush(Qt.white))
        #: called after a resize (a panel whose content depends on its size draws again)
        self.on_resize = None

    def fit(self) -> None:
        rect = self.scene().sceneRect()
        vp = self.viewport().size()
        if rect.isEmpty() or vp.width() < 10 or vp.height() < 10:
            return
        from .. import style

        k = min(vp.width() / rect.width(), vp.height() / rect.height())
        # in presentation mode text is never shrunk below its size (≥ 18 px): the view scrolls instead
        k = max(1.0 if style.current().presentation else MIN_SCALE, min(k, MAX_SCALE))
        self.resetTransform()
        self.scale(k, k)
        self.centerOn(rect.center())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fit()
        if self.on_resize is not None:
            self.on_resize()


def build_panel(view, chooser_title: str, chooser_tip: str):
    """The layout the tree and samples panels share, built on ``view`` (a :class:`~.base.View`): a target
    chooser, a two-line caption and a :class:`FitView` of a new scene under them (set as ``view.chooser``,
    ``view.caption``, ``view.scene``, ``view.view``)."""
    from .text import InfoLine

    lay = QVBoxLayout(view)
    lay.setContentsMargins(2, 2, 2, 2)
    view.chooser = TargetChooser(chooser_title, chooser_tip, view._on_changed)
    lay.addWidget(view.chooser)
    view.caption = InfoLine(lines=2)
    lay.addWidget(view.caption)
    view.scene = QGraphicsScene(view)
    view.view = FitView(view.scene)
    lay.addWidget(view.view, 1)
    # in presentation mode what is drawn depends on the size (levels, bars): drawn again when it changes
    view.drawn_for = None
    view.view.on_resize = lambda: (
        view._on_changed() if style_presentation() and view.drawn_for != view.view.viewport().size() else None
    )


def style_presentation() -> bool:
    from .. import style

    return style.current().presentation


def line_height() -> float:
    """Scene units between two lines of the panels' text (the theme's size)."""
    from .. import style

    return style.text_px(style.NORMAL_PT) * 1.3


def add_text(
    scene, text: str, font: QFont, color: QColor = TEXT, x: float = 0.0, y: float = 0.0, anchor: str = "left"
) -> QGraphicsSimpleTextItem:
    """A text item at (x, y): ``anchor`` ``left`` / ``right`` / ``center`` horizontally, centred
    vertically."""
    t = QGraphicsSimpleTextItem(text)
    t.setFont(font)
    t.setBrush(QBrush(color))
    br = t.boundingRect()
    dx = {"left": 0.0, "right": -br.width(), "center": -br.width() / 2}[anchor]
    t.setPos(x + dx, y - br.height() / 2)
    scene.addItem(t)
    return t


def text_scale() -> float:
    """How much larger than normal text is drawn now: the theme's one size factor (``style.scale``)."""
    from .. import style

    return style.scale()


def scaled_font(base: QFont, factor: float = 1.0, bold: bool = False, italic: bool = False) -> QFont:
    """``base``'s family at the theme's base size times ``factor``."""
    from .. import style

    f = QFont(base)
    f.setPixelSize(style.text_px(style.NORMAL_PT * factor))  # ≥ 18 px in presentation mode
    f.setBold(bold)
    f.setItalic(italic)
    return f


def pen(color: QColor, width: float = 1.0, style=Qt.SolidLine) -> QPen:
    p = QPen(color, width)
    p.setStyle(style)
    p.setCosmetic(False)
    return p


def fit_scene(scene, margin: float | None = None) -> None:
    """The scene rect: the items' bounds and ``margin`` around them (default 12; 4 in presentation mode)."""
    if margin is None:
        margin = 4.0 if style_presentation() else 12.0
    r = scene.itemsBoundingRect()
    scene.setSceneRect(
        QRectF(r.x() - margin, r.y() - margin, r.width() + 2 * margin, r.height() + 2 * margin)
    )


class TargetChooser(QWidget):
    """Which target of the step to draw (skip-gram has several): one of them, or all. Hidden with one target.
    The first target is chosen by default (all of them need a wide panel)."""

    def __init__(self, title: str, tip: str, on_change):
        super().__init__()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(title)
        self.box = QComboBox()
        self.box.setToolTip(tip)
        self.box.currentIndexChanged.connect(lambda _i: on_change())
        lay.addWidget(self.label)
        lay.addWidget(self.box)
        lay.addStretch(1)
        self._targets: tuple = ()

    def sync(self, targets) -> int | None:
        """List ``targets`` (words); returns the index of the one chosen, ``None`` for all."""
        targets = tuple(targets)
        if targets != self._targets:
            # the user's choice stays; "all" is a choice only where there were several targets to choose from
            keep = self.box.currentIndex() if len(self._targets) > 1 else 1
            self.box.blockSignals(True)
            self.box.clear()
            self.box.addItem(self.tr("all"))
            for c, w in enumerate(targets):
                self.box.addItem(self.tr("{c}: “{w}”").format(c=c + 1, w=w))
            self.box.setCurrentIndex(keep if 0 <= keep < self.box.count() else min(1, len(targets)))
            self.box.blockSignals(False)
            self._targets = targets
        self.setVisible(len(targets) > 1)
        i = self.box.currentIndex()
        return None if i <= 0 or len(targets) <= 1 else i - 1
