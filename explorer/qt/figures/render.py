"""Drawing panels as a picture: SVG and PDF as vectors (text stays text), PNG at an exact size.

A :class:`Figure` is a window that never reaches the screen (``WA_DontShowOnScreen``) holding new panels
for the session in a fixed arrangement, laid out at the figure's size divided by its scale, so what it
draws never depends on the size, scroll position, hover or focus of the panels in the explorer's window.
:func:`clean_for_export` prepares any widget tree for drawing into a file and puts it back afterwards:
graphics items drawn without their pixmap caches (vector text and lines instead of bitmaps), pyqtgraph's
export mode (vector scatter symbols, no auto-range button), no scroll bars, no hover or focus marks, and
the controls of a panel (buttons, check boxes, spin boxes …) hidden.
"""

from __future__ import annotations

import math
import sys
from contextlib import contextmanager

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QEventLoop,
    QIODevice,
    QMarginsF,
    QPoint,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    qInstallMessageHandler,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QLinearGradient,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QRegion,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGraphicsItem,
    QGraphicsView,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QScrollBar,
    QVBoxLayout,
    QWidget,
)

from .. import style
from . import panels as panels_mod
from . import svgfix
from .spec import FigureSpec, arrangement

#: widgets that are controls on screen and mean nothing on a slide
CONTROL_TYPES = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider, QLineEdit)
MARGIN = 8
SPACING = 10
#: scroll-area content is shrunk to fit its panel, but not below this (then its focus is shown)
MIN_CONTENT_SCALE = 0.7
#: height of the fade over content cut off at the top of a scroll area
FADE_PX = 22


def theme_of(spec: FigureSpec):
    return style.theme_for(spec.presentation, spec.dark)


@contextmanager
def theme_scope(theme):
    """While drawing a figure: ``style.current()`` and pyqtgraph's default colours are the figure's theme
    (plot items made now take them), whatever theme the explorer's window has. Put back afterwards."""
    import pyqtgraph as pg

    old_theme = style._current
    old = {k: pg.getConfigOption(k) for k in ("background", "foreground", "antialias")}
    style._current = theme
    pg.setConfigOptions(background=theme.bg, foreground=theme.fg, antialias=True)
    try:
        yield theme
    finally:
        style._current = old_theme
        pg.setConfigOptions(**old)


def _apply_theme(root: QWidget, theme) -> None:
    """The theme's palette and fonts for ``root`` and its children only (the application is left alone),
    as :func:`explorer.qt.style.apply_presentation` does for the window."""
    root.setPalette(style.palette_for(theme))
    root.setAutoFillBackground(True)
    root.setFont(style.ui_font(theme.font_pt))
    for w in root.findChildren(QWidget):
        if w.property("w2vMono"):
            w.setFont(style.mono_font(theme.font_pt))
    style.restyle_plots(root, theme)
    light = style.LIGHT_HC if theme.high_contrast else style.LIGHT
    for w in root.findChildren(QWidget):
        if not w.property("w2vView"):
            continue
        fn = getattr(w, "apply_style", None)
        if callable(fn):
            fn(theme)
        elif theme.dark:  # a view that draws light plots of its own keeps a light palette (as in the window)
            w.setPalette(style.palette_for(light))
            w.setAutoFillBackground(True)


class Figure(QWidget):
    """New panels for ``session`` in the arrangement of :func:`~explorer.qt.figures.spec.arrangement`, laid
    out at ``spec.layout_size``; never shown on a screen. Call :meth:`release` when done."""

    def __init__(self, session, spec: FigureSpec):
        super().__init__(None)
        self.spec = spec
        self.theme = theme_of(spec)
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setUpdatesEnabled(False)  # never painted for a screen: only into files (see _paint)
        self.bridge = panels_mod.make_binding(session, spec.highlight)
        self.panels = []
        grid = QGridLayout(self)
        grid.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        grid.setSpacing(SPACING)
        cells = arrangement(len(spec.panels))
        titled = len(spec.panels) > 1
        for name, (c, r, cs, rs) in zip(spec.panels, cells):
            view = panels_mod.build_panel(name, self.bridge, spec)
            self.panels.append(view)
            if titled:
                cell = QWidget()
                lay = QVBoxLayout(cell)
                lay.setContentsMargins(0, 0, 0, 0)
                lay.setSpacing(2)
                head = QLabel(panels_mod.panel_title(view))
                head.setObjectName("figureHeading")
                head.setProperty("w2vHeading", True)
                lay.addWidget(head)
                lay.addWidget(view, 1)
            else:
                cell = view
            grid.addWidget(cell, r, c, rs, cs)
        cols = max(c + cs for c, _, cs, _ in cells)
        rows = max(r + rs for _, r, _, rs in cells)
        for c in range(cols):
            grid.setColumnStretch(c, 1)
        for r in range(rows):
            grid.setRowStretch(r, 1)
        _apply_theme(self, self.theme)
        for head in self.findChildren(QLabel, "figureHeading"):
            f = QFont(self.font())
            f.setBold(True)
            f.setPointSizeF(f.pointSizeF() * 1.15)
            head.setFont(f)
        self.layout_size = spec.layout_size
        self.setFixedSize(*self.layout_size)

    def open(self) -> None:
        """Lay the panels out (a hidden-from-screen show) and draw the session's current state."""
        if not self.isVisible():
            self.show()
            # the figure is ours: its controls and scroll bars go for good (no relayout between frames)
            for area in _tree(self, QAbstractScrollArea):
                area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            for w in _controls(self):
                w.hide()
            self._fit_minimum()
        self.redraw()

    def _fit_minimum(self) -> None:
        """Panels that need more room than the figure gives them are laid out larger and drawn smaller
        (one factor for both directions, so text keeps its shape) rather than cut off."""
        settle()
        need = self.layout().totalMinimumSize()
        lw, lh = self.layout_size
        f = max(need.width() / lw, need.height() / lh)
        if f > 1:
            self.layout_size = (math.ceil(lw * f), math.ceil(lh * f))
            self.setFixedSize(*self.layout_size)

    def redraw(self) -> None:
        settle()
        for view in self.panels:
            panels_mod.refresh_panel(view)
        settle()

    def release(self) -> None:
        panels_mod.release_binding(self.bridge)
        self.hide()
        self.deleteLater()


def settle(rounds: int = 3) -> None:
    """Let Qt deliver pending layout and resize events (no waiting; no user input meanwhile)."""
    app = QApplication.instance()
    for _ in range(rounds):
        app.sendPostedEvents()
        app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


@contextmanager
def clean_for_export(root: QWidget):
    """Draw ``root`` as a file should show it; everything changed is put back on leaving.

    - every graphics item without its pixmap cache, and views without a background cache, so text and
      lines reach a vector device as text and lines; pyqtgraph items in export mode;
    - no scroll bars; no hover marks (the scenes and widgets are told the mouse left) and no focus marks;
    - the panel's controls hidden (buttons, check boxes, lists, spin boxes, sliders, text fields) with the
      labels that name them ("Word:").
    """
    undo = []
    try:
        for area in _tree(root, QAbstractScrollArea):
            h, v = area.horizontalScrollBarPolicy(), area.verticalScrollBarPolicy()
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            undo.append(
                lambda a=area, h=h, v=v: (a.setHorizontalScrollBarPolicy(h), a.setVerticalScrollBarPolicy(v))
            )
        for gv in _tree(root, QGraphicsView):
            mode = gv.cacheMode()
            gv.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
            gv.resetCachedContent()
            undo.append(lambda g=gv, m=mode: g.setCacheMode(m))
            QApplication.sendEvent(
                gv.viewport(), QEvent(QEvent.Type.Leave)
            )  # the scene drops its hover items
            _fit_whole_scene(gv, undo)
            scene = gv.scene()
            if scene is None:
                continue
            if scene.focusItem() is not None:
                item = scene.focusItem()
                scene.clearFocus()
                undo.append(lambda i=item: i.setFocus())
            for item in scene.items():
                cm = item.cacheMode()
                if cm != QGraphicsItem.CacheMode.NoCache:
                    item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
                    undo.append(lambda i=item, c=cm: i.setCacheMode(c))
                if (
                    callable(getattr(item, "setExportMode", None))
                    and getattr(item, "_exportOpts", False) is False
                ):
                    item.setExportMode(True, {"antialias": True, "background": None, "resolutionScale": 1.0})
                    undo.append(lambda i=item: i.setExportMode(False))
        for w in [root, *root.findChildren(QWidget)]:
            if w.testAttribute(Qt.WidgetAttribute.WA_UnderMouse):
                w.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)
                undo.append(lambda x=w: x.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True))
        focus = QApplication.focusWidget()
        if focus is not None and (focus is root or root.isAncestorOf(focus)):
            focus.clearFocus()
            undo.append(lambda f=focus: f.setFocus())
        for w in _controls(root):
            if not w.isHidden():
                w.hide()
                undo.append(lambda x=w: x.show())
        yield root
    finally:
        for fn in reversed(undo):
            try:
                fn()
            except RuntimeError:  # the object was deleted meanwhile
                pass


def _fit_whole_scene(gv: QGraphicsView, undo: list) -> None:
    """A scrolling graphics view (not a pyqtgraph plot, which fits itself) shows its whole scene."""
    import pyqtgraph as pg

    scene = gv.scene()
    if scene is None or isinstance(gv, pg.GraphicsView):
        return
    rect = scene.sceneRect()
    shown = gv.mapToScene(gv.viewport().rect()).boundingRect()
    if rect.isEmpty() or shown.contains(rect.adjusted(1, 1, -1, -1)):
        return
    transform, h, v = gv.transform(), gv.horizontalScrollBar().value(), gv.verticalScrollBar().value()
    gv.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
    undo.append(
        lambda: (
            gv.setTransform(transform),
            gv.horizontalScrollBar().setValue(h),
            gv.verticalScrollBar().setValue(v),
        )
    )


def _tree(root: QWidget, cls) -> list:
    return ([root] if isinstance(root, cls) else []) + root.findChildren(cls)


def _controls(root: QWidget) -> list:
    """The controls under ``root`` and the labels naming them ("Word:" beside its list): not scroll bars
    (they belong to their area) nor the parts of a list or spin box."""
    out = [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, CONTROL_TYPES)
        and not isinstance(w, QScrollBar)
        and not any(isinstance(p, (QAbstractSpinBox, QComboBox)) for p in _parents(w))
    ]
    named = []
    for label in root.findChildren(QLabel):
        if label.buddy() is not None and label.buddy() in out:
            named.append(label)
        elif label.text().strip().endswith((":", "：")) and any(_same_row(label, c) for c in out):
            named.append(label)
    return out + named


def _same_row(label: QWidget, control: QWidget) -> bool:
    """``label`` sits beside ``control`` (same parent, overlapping rows)."""
    if label.parentWidget() is not control.parentWidget():
        return False
    a, b = label.geometry(), control.geometry()
    return a.top() <= b.bottom() and b.top() <= a.bottom()


def _parents(w: QWidget):
    p = w.parentWidget()
    while p is not None:
        yield p
        p = p.parentWidget()


# -- painting ---------------------------------------------------------------------------------------------
def _paint(fig: Figure, painter: QPainter, clips: bool = True) -> None:
    """Draw ``fig`` (already cleaned) into ``painter``, whose device is ``fig.spec.size``; the content is
    scaled by ``fig.spec.scale``. ``clips``: the device honours clipping (SVG Tiny, which Qt writes, does
    not: there nothing may be drawn outside its place)."""
    w, h = fig.spec.size
    painter.fillRect(QRectF(0, 0, w, h), QColor(fig.theme.window))
    lw, lh = fig.layout_size
    painter.scale(w / lw, h / lh)
    areas = [a for a in fig.findChildren(QScrollArea) if _overflows(a)]
    for area in areas:  # drawn below, on their own: the plain pass would cut them (or, in SVG, spill them)
        area.widget().hide()
    fig.setUpdatesEnabled(True)
    try:
        try:
            fig.render(painter, QPoint(0, 0))
        finally:
            for area in areas:
                area.widget().show()
        for area in areas:
            _paint_whole_content(fig, area, painter, clips)
    finally:
        fig.setUpdatesEnabled(False)


def _overflows(area: QScrollArea) -> bool:
    inner, vp = area.widget(), area.viewport()
    return (
        inner is not None
        and inner.isVisible()
        and vp.isVisible()
        and vp.width() > 0
        and vp.height() > 0
        and (inner.width() > vp.width() or inner.height() > vp.height())
    )


def _paint_whole_content(fig: QWidget, area: QScrollArea, painter: QPainter, clips: bool = True) -> None:
    """A scroll area's content that does not fit its viewport, drawn scaled down to fit (the figure has no
    scroll bars). Where clipping works, not below :data:`MIN_CONTENT_SCALE` unless the width needs it:
    then the part around the area's own scroll position (its focus, e.g. the current phase) is shown, the
    cut line above faded out. In SVG the whole content is shown (it can be zoomed)."""
    inner, vp = area.widget(), area.viewport()
    vw, vh = vp.width(), vp.height()
    iw, ih = inner.width(), inner.height()
    s_fit = min(vw / iw, vh / ih)
    s = max(s_fit, min(1.0, vw / iw, MIN_CONTENT_SCALE)) if clips else s_fit
    shown_h = vh / s
    bottom = area.verticalScrollBar().value() + vh  # the bottom of what the area shows now
    y0 = min(max(0.0, bottom - shown_h), max(0.0, ih - shown_h))
    at = vp.mapTo(fig, QPoint(0, 0))
    painter.save()
    try:
        painter.translate(at.x(), at.y())
        painter.setClipRect(QRectF(0, 0, vw, vh))
        painter.fillRect(QRectF(0, 0, vw, vh), inner.palette().color(QPalette.ColorRole.Base))
        painter.scale(s, s)
        painter.translate(0, -y0)
        inner.render(
            painter,
            QPoint(0, 0),
            QRegion(inner.rect()),
            QWidget.RenderFlag.DrawChildren | QWidget.RenderFlag.DrawWindowBackground,
        )
        if y0 > 0:  # content above is left out: fade the cut line out instead of showing half of it
            painter.translate(0, y0)
            painter.scale(1 / s, 1 / s)
            base = inner.palette().color(QPalette.ColorRole.Base)
            fade = QLinearGradient(0, 0, 0, FADE_PX)
            clear = QColor(base)
            clear.setAlpha(0)
            fade.setColorAt(0.0, base)
            fade.setColorAt(0.6, base)
            fade.setColorAt(1.0, clear)
            painter.fillRect(QRectF(0, 0, vw, FADE_PX), fade)
    finally:
        painter.restore()


def paint_png(fig: Figure) -> QImage:
    """The figure as an image of exactly ``spec.size`` pixels."""
    w, h = fig.spec.size
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor(fig.theme.window))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    try:
        _paint(fig, p)
    finally:
        p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):
        raise OSError("the PNG encoder failed")
    return bytes(buf.data())


def svg_bytes(fig: Figure, title: str = "") -> bytes:
    """The figure as SVG: ``spec.size`` CSS pixels, text as ``<text>``, lines as paths."""
    from PySide6.QtSvg import QSvgGenerator

    w, h = fig.spec.size
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()  # SVG Tiny 1.2: Qt's SVG 1.1 clip paths come out wrong in other renderers
    gen.setOutputDevice(buf)
    gen.setSize(QSize(w, h))
    gen.setViewBox(QRectF(0, 0, w, h))
    gen.setResolution(96)
    gen.setTitle(title or ", ".join(fig.spec.panels))
    gen.setDescription("word2vec Gradient Explorer")
    p = QPainter(gen)
    try:
        _paint(fig, p, clips=False)
    finally:
        p.end()
    return svgfix.bake_cosmetic_strokes(svgfix.set_pixel_size(bytes(buf.data()), w, h))


def pdf_bytes(fig: Figure, title: str = "") -> bytes:
    """The figure as a one-page vector PDF of ``spec.size`` CSS pixels (1 px = 0.75 pt), fonts embedded."""
    w, h = fig.spec.size
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    pdf = QPdfWriter(buf)
    pdf.setResolution(96)
    pdf.setTitle(title or ", ".join(fig.spec.panels))
    pdf.setCreator("word2vec Gradient Explorer")
    pdf.setPageLayout(
        QPageLayout(
            QPageSize(
                QSizeF(w * 0.75, h * 0.75),
                QPageSize.Unit.Point,
                "figure",
                QPageSize.SizeMatchPolicy.ExactMatch,
            ),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    previous = qInstallMessageHandler(_quiet_pdf_gradients)
    _quiet_pdf_gradients.previous = previous
    p = QPainter(pdf)
    try:
        _paint(fig, p)
    finally:
        p.end()
        qInstallMessageHandler(previous)
    buf.close()
    return bytes(data)


def _quiet_pdf_gradients(kind, context, message) -> None:
    """Qt's PDF engine says it for the style's gradients mixing colour specs (table headers); it draws them
    flat, which is fine on paper. Other messages go on as before."""
    if message.startswith("QPdfEngine: unable to create a gradient"):
        return
    previous = getattr(_quiet_pdf_gradients, "previous", None)
    if previous is not None:
        previous(kind, context, message)
    else:
        print(message, file=sys.stderr)


def render_bytes(fig: Figure, fmt: str) -> bytes:
    """``fig`` (opened) as the bytes of an ``svg``, ``pdf`` or ``png`` file."""
    with theme_scope(fig.theme), clean_for_export(fig):
        fig.redraw()
        if fmt == "svg":
            return svg_bytes(fig)
        if fmt == "pdf":
            return pdf_bytes(fig)
        return png_bytes(paint_png(fig))


def figure_bytes(session, spec: FigureSpec, fmt: str) -> bytes:
    """New panels of ``session`` drawn as ``spec`` says, as the bytes of an ``fmt`` file."""
    with theme_scope(theme_of(spec)):
        fig = Figure(session, spec)
        try:
            fig.open()
            return render_bytes(fig, fmt)
        finally:
            fig.release()
