"""The Huffman tree of hierarchical softmax: each target's path from the root to its word's leaf.

What to draw comes from :func:`explorer.app.tree.tree_panels` (the path, the code bits, the record's u, σ(u),
t, e at each inner node, the siblings collapsed). Skip-gram has one path per context word: all side by side
or one at a time (the "Path" box, kept in the application state). The guided walk's highlight glows the
path's values (u, y, t, e) or one inner node's vector (``out:<n>``).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPolygonF

from ...app.format import fmt
from ...app.tree import side_by_side, tree_panels
from .. import style
from .base import View
from .mixins import ExportMixin, OnScreenMixin
from .palette import GREY, HIGHLIGHT_EDGE, HIGHLIGHT_FILL, INPUT_C, NEG, OUTPUT_C, POS, TEXT
from .scene_panel import add_text, build_panel, fit_scene, line_height, pen, scaled_font, text_scale

#: pixels per layout unit across and per level down (at the view's font size 10 pt; scaled with the font)
X_UNIT, Y_UNIT = 150.0, 100.0
R = 9.0
VALUE_KEYS = frozenset({"u", "y", "t", "e", "E"})


class TreeView(OnScreenMixin, ExportMixin, View):
    name = "tree"

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        build_panel(
            self,
            self.tr("Path"),
            self.tr("Skip-gram has one Huffman path per context word: one of them, or all side by side"),
        )
        self.which = self.chooser.box
        bridge.highlightChanged.connect(lambda _h: self._on_changed())
        #: what was drawn (for tests): the TreePanels and their x offsets
        self.panels: list = []
        self.offsets: list[float] = []
        self.bind_option("path", self.which)

    def title(self) -> str:
        return self.tr("Huffman tree")

    def export_targets(self):
        return [self.view]

    def apply_style(self, _theme) -> None:
        """Presentation mode or the theme changed: draw again with the new text size."""
        self._on_changed()

    def _sync_targets(self, rec) -> int | None:
        """The "Path" box lists the record's targets; returns the one chosen (None: all)."""
        return self.chooser.sync(rec.targets if rec is not None and rec.output == "hs" else ())

    def refresh(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        self.drawn_for = self.view.viewport().size()
        self.scene.clear()
        rec = s.record
        if s.config.output != "hs":
            self.panels, self.offsets = [], []
            self._sync_targets(None)
            self.caption.setText(self.tr("The tree is drawn for hierarchical softmax (output: hs)."))
            return
        which = self._sync_targets(rec)
        compact = style.current().presentation
        # a lecture's tree: the path straight down, as many levels as fit the panel's height (the middle of a
        # deeper path is one "⋮" node)
        self.panels = tree_panels(
            rec,
            s.model.tree,
            s.model.words,
            which,
            self._levels() if compact else None,
            0.0 if compact else 1.0,
        )
        self.offsets = side_by_side(self.panels, gap=2.5)
        if not self.panels:
            self.caption.setText(self.tr("No example yet: the path appears with the first step."))
            fit_scene(self.scene)
            return
        parts = [
            self.tr("“{w}”: code {code}, E = {E}").format(
                w=p.target, code="".join(str(b) for b in p.code), E=fmt(p.loss)
            )
            for p in self.panels
        ]
        self.caption.setText(self.tr("Path to each target (bit 0 = left, t = 1): ") + " · ".join(parts))
        k = text_scale()
        hl = self.bridge.highlight
        for p, off in zip(self.panels, self.offsets):
            self._draw_panel(p, off, k, hl)
        fit_scene(self.scene)
        self.view.fit()

    def _units(self, k: float) -> tuple[float, float]:
        """Scene units across and per level down: compact in presentation mode (three lines of text a
        level), else ``X_UNIT``, ``Y_UNIT`` times the text scale."""
        if style.current().presentation:
            return 0.8 * X_UNIT * k, 3.2 * line_height()
        return X_UNIT * k, Y_UNIT * k

    def _levels(self) -> int:
        """Inner-node levels that fit the view's height without scrolling (at least 3: root, ⋮, last)."""
        h = self.view.viewport().height()
        if h < 50:
            return 99
        lh = line_height()
        _xu, yu = self._units(text_scale())
        # the target's name above the root, the leaf's box below the last level, margins
        return max(3, int((h - 4.6 * lh - 8) // yu))

    def _draw_panel(self, p, off: float, k: float, hl) -> None:
        sc = self.scene
        (xu, yu), r = self._units(k), R * k
        lh = line_height()
        small = scaled_font(self.font(), 0.95)
        bold = scaled_font(self.font(), 1.0, bold=True)
        bits = scaled_font(self.font(), 1.0, bold=True)

        def pos(n):
            return QPointF((n.x + off) * xu, n.depth * yu)

        # branches, with their code bits
        for e in p.edges:
            a, b = p.nodes[e.parent], p.nodes[e.child]
            pa, pb = pos(a), pos(b)
            colour = OUTPUT_C if e.on_path else GREY
            sc.addLine(
                pa.x(),
                pa.y(),
                pb.x(),
                pb.y(),
                pen(colour, 4.0 * k if e.on_path else 1.5 * k, Qt.SolidLine if e.on_path else Qt.DashLine),
            )
            mid = (pa + pb) / 2
            # beside a straight branch, opposite the child's values (see _values)
            side = (-1 if b.x < a.x else 1) if b.x != a.x else (1 if e.bit == 0 else -1)
            add_text(
                sc,
                str(e.bit),
                bits,
                OUTPUT_C if e.on_path else GREY,
                mid.x() + side * 8 * k,
                mid.y() - 6 * k,
                "left" if side > 0 else "right",
            )
        values_hl = bool(hl & VALUE_KEYS)
        for n in p.nodes:
            c = pos(n)
            if n.kind == "inner":
                glow = values_hl or f"out:{n.inner}" in hl or "out" in hl
                if glow:
                    sc.addEllipse(
                        c.x() - 2 * r,
                        c.y() - 2 * r,
                        4 * r,
                        4 * r,
                        pen(HIGHLIGHT_EDGE, 3 * k),
                        QBrush(HIGHLIGHT_FILL),
                    )
                sc.addEllipse(c.x() - r, c.y() - r, 2 * r, 2 * r, pen(TEXT, 1.5 * k), QBrush(OUTPUT_C))
                side = -1 if n.came_by <= 0 else 1
                self._values(n, c, k, r, small, bold, side)
            elif n.kind == "elided":  # on the side away from the sibling beside it
                side = -1 if n.came_by == 0 else 1
                add_text(
                    sc,
                    "\u22ee  " + self.tr("{n} more nodes").format(n=n.leaves),
                    small,
                    GREY,
                    c.x() + side * r,
                    c.y(),
                    "left" if side > 0 else "right",
                )
            elif n.kind == "leaf":
                colour = INPUT_C if n.on_path else GREY
                t = add_text(
                    sc,
                    n.label,
                    bold if n.on_path else small,
                    QColor(Qt.white) if n.on_path else TEXT,
                    c.x(),
                    c.y() + r + 10 * k,
                    "center",
                )
                box = t.sceneBoundingRect().adjusted(-6 * k, -3 * k, 6 * k, 3 * k)
                rect = sc.addRect(
                    box, pen(colour, 2 * k), QBrush(colour if n.on_path else QColor(245, 245, 245))
                )
                rect.setZValue(-1)
                sc.addEllipse(c.x() - r / 2, c.y() - r / 2, r, r, pen(colour, k), QBrush(colour))
            else:
                tri = QPolygonF(
                    [
                        QPointF(c.x(), c.y() - r),
                        QPointF(c.x() - 1.6 * r, c.y() + 1.4 * r),
                        QPointF(c.x() + 1.6 * r, c.y() + 1.4 * r),
                    ]
                )
                sc.addPolygon(tri, pen(GREY, 1.5 * k), QBrush(QColor(235, 235, 235)))
                if style.current().presentation:  # above it, outwards: below stand the next level's values
                    out = 1 if n.came_by == 1 else -1  # bit 1: right of the path
                    add_text(
                        sc,
                        self.tr("{k} words").format(k=n.leaves),
                        small,
                        GREY,
                        c.x() + out * 0.8 * r,
                        c.y() - r - 0.55 * line_height(),
                        "left" if out > 0 else "right",
                    )
                else:
                    add_text(
                        sc,
                        self.tr("{n}: {k} words").format(n=n.label, k=n.leaves),
                        small,
                        GREY,
                        c.x(),
                        c.y() + 2.4 * r,
                        "center",
                    )
        # the target's name above the root
        root = pos(p.nodes[0])
        add_text(
            sc,
            self.tr("target “{w}”").format(w=p.target),
            bold,
            INPUT_C,
            root.x(),
            root.y() - 2.6 * lh,
            "center",
        )

    def _values(self, n, c, k, r, small, bold, side: int) -> None:
        """u, σ(u), t, e beside a path node, on ``side`` (−1 left, 1 right): away from the sibling that
        stands at the same depth (the path's previous turn decides where that is)."""
        t = n.term
        x = c.x() + side * (r + 6 * k)
        anchor = "left" if side > 0 else "right"
        lh = line_height()
        compact = style.current().presentation  # three short lines: narrower
        name = add_text(self.scene, n.label, bold, TEXT, x, c.y() - 1.6 * lh, anchor)
        if t is None:
            return
        if t.skipped:
            add_text(self.scene, self.tr("skipped (|u| ≥ 6)"), small, GREY, x, c.y() - 0.65 * lh, anchor)
            return
        colour = POS if t.e > 0 else NEG
        d = 3 if compact else 4
        if compact:
            after = name.sceneBoundingRect().right() + 8 * k if side > 0 else x
            if side > 0:
                add_text(self.scene, f"u = {fmt(t.u, d)}", small, TEXT, after, c.y() - 1.6 * lh, "left")
            else:
                name.moveBy(-QFontMetricsF(small).horizontalAdvance(f"u = {fmt(t.u, d)}") - 8 * k, 0)
                add_text(self.scene, f"u = {fmt(t.u, d)}", small, TEXT, x, c.y() - 1.6 * lh, "right")
            add_text(self.scene, f"σ(u) = {fmt(t.y, d)}", small, TEXT, x, c.y() - 0.65 * lh, anchor)
        else:
            add_text(
                self.scene,
                f"u = {fmt(t.u, d)}  σ(u) = {fmt(t.y, d)}",
                small,
                TEXT,
                x,
                c.y() - 0.65 * lh,
                anchor,
            )
        add_text(self.scene, f"t = {t.t:g}  e = {fmt(t.e, d)}", small, colour, x, c.y() + 0.3 * lh, anchor)

    def visible_rect(self) -> QRectF:
        return self.view.mapToScene(self.view.viewport().rect()).boundingRect()
