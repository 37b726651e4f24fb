"""What views share beyond drawing: export to PNG / SVG, redrawing only while on screen, one repaint per
step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView


class ExportMixin:
    """``export(path)`` writes the view as .png (what is on screen) or .svg (vector where possible)."""

    def export_targets(self):
        """What to export: the widget by default (subclasses may return plot items / scenes)."""
        return [self]

    def export(self, path) -> Path:
        path = Path(path)
        ext = path.suffix.lower()
        if ext == ".png":
            img = self.grab()
            if not img.save(str(path), "PNG"):
                raise OSError(f"cannot write {str(path)!r}")
        elif ext == ".svg":
            self._export_svg(path)
        else:
            raise ValueError(f"unsupported export format {ext!r} (use .png or .svg)")
        return path

    def _export_svg(self, path: Path) -> None:
        """Vector SVG through QSvgGenerator: a graphics scene is rendered item by item, a widget with its
        children (pyqtgraph plots included: they paint through the same painter)."""
        from PySide6.QtSvg import QSvgGenerator
        from PySide6.QtWidgets import QGraphicsView

        targets = self.export_targets()
        target = targets[0] if targets else self
        if isinstance(target, QGraphicsView):
            rect = target.scene().sceneRect()
            w, h = max(1, int(rect.width())), max(1, int(rect.height()))
        else:
            if not hasattr(target, "render") or not hasattr(target, "grab"):
                target = self
            w, h = max(1, target.width()), max(1, target.height())
        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(QSize(w, h))
        gen.setViewBox(QRectF(0, 0, w, h))
        gen.setTitle(getattr(self, "name", "view"))
        cached = _cached_items(self)
        for item in cached:  # vector output: draw every item, not its cached pixmap
            item.setCacheMode(QGraphicsItem.NoCache)
        p = QPainter(gen)
        try:
            if isinstance(target, QGraphicsView):
                p.fillRect(QRectF(0, 0, w, h), Qt.white)
                target.scene().render(p, QRectF(0, 0, w, h), target.scene().sceneRect())
            else:
                target.render(p, QPoint(0, 0))
        finally:
            p.end()
            for item in cached:
                item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        if not path.exists():
            raise OSError(f"cannot write {str(path)!r}")


def _cached_items(widget) -> list:
    """Items with a pixmap cache in the graphics scenes under ``widget``."""
    out = []
    for gv in widget.findChildren(QGraphicsView) + ([widget] if isinstance(widget, QGraphicsView) else []):
        scene = gv.scene()
        if scene is not None:
            out += [it for it in scene.items() if it.cacheMode() != QGraphicsItem.NoCache]
    return out


# ---------------------------------------------------------------------------------------------------------
# redraw only what is on screen
class OnScreenMixin:
    """Redraw only while on screen.

    :class:`~explorer.qt.views.base.View` skips redraws while hidden, but Qt 6 does not hide the dock widgets
    of a tab that is not the current one: it moves them outside the window (``isVisible()`` stays True).
    Here a view also counts as hidden when none of it is visible (empty ``visibleRegion()``); it catches up
    when it is moved or resized back into view (a tab switch) or shown.
    """

    def on_screen(self) -> bool:
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def _on_changed(self) -> None:
        if self.bridge.session is None:
            return
        if self.on_screen():
            self.refresh()
            self._stale = False
        else:
            self._stale = True

    def _catch_up(self) -> None:
        if self._stale and self.bridge.session is not None and self.on_screen():
            self.refresh()
            self._stale = False

    def moveEvent(self, event):
        super().moveEvent(event)
        if self._stale:
            QTimer.singleShot(0, self, self._catch_up)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self._stale:
            QTimer.singleShot(0, self, self._catch_up)


# ---------------------------------------------------------------------------------------------------------
# one repaint per step
class DirectRepaint:
    """Repaint a graphics view in the same pass as the rest of the window.

    Qt paints a QGraphicsView when its scene has processed its changed items, and right then flushes every
    pending repaint of the window: each scene costs a pass of its own over the window (with four plots, five
    passes per step). Here the view does not follow its scene (``NoViewportUpdate``); the owner calls
    :meth:`repaint` after a redraw, which marks the whole view for the window's next (single) pass. Changes
    made by the user (zoom, pan, hover) still repaint: they come through the scene's ``changed`` signal —
    except the one right after :meth:`repaint`, which is that redraw's own.
    """

    def __init__(self, view: QGraphicsView):
        self.view = view
        view.setViewportUpdateMode(QGraphicsView.NoViewportUpdate)
        # the view paints every pixel (its background brush): no erasing, nothing painted behind it
        view.viewport().setAttribute(Qt.WA_OpaquePaintEvent, True)
        self._own = False
        view.scene().changed.connect(self._changed)

    def repaint(self) -> None:
        self.view.viewport().update()
        if not self._own:
            self._own = True
            QTimer.singleShot(0, self.view, self._clear)

    def _clear(self) -> None:
        self._own = False

    def _changed(self, _rects) -> None:
        if self._own:
            self._own = False
            return
        self.view.viewport().update()
