"""Negative sampling: per target, the positive word and its k negatives (a word drawn twice once, "×2"),
beside a bar chart of the noise distribution P_n(w) ∝ count(w)^p with this step's draws marked.

What to draw comes from :mod:`explorer.app.samples`; this panel only places it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QFontMetricsF

from ...app.format import fmt
from ...app.samples import MAX_BARS, noise_bars, sample_groups
from .base import View
from .mixins import ExportMixin, OnScreenMixin
from .palette import GREY, NEG, NEG_SAMPLE_C, OUTPUT_C, POS, TEXT
from .scene_panel import add_text, build_panel, fit_scene, line_height, pen, scaled_font, text_scale

BAR_W = 180.0  # the longest bar, in pixels at 10 pt
PRESENTATION_BARS = 12


class SamplesView(OnScreenMixin, ExportMixin, View):
    name = "samples"

    def __init__(self, bridge, parent=None):
        super().__init__(bridge, parent)
        build_panel(
            self,
            self.tr("Target"),
            self.tr("Skip-gram has one positive word and k negatives per context word: one, or all"),
        )
        #: what was drawn (for tests)
        self.groups: list = []
        self.bars = None
        self.bind_option("target", self.chooser.box)

    def title(self) -> str:
        return self.tr("Negative samples")

    def export_targets(self):
        return [self.view]

    def apply_style(self, _theme) -> None:
        """Presentation mode or the theme changed: draw again with the new text size."""
        self._on_changed()

    def refresh(self) -> None:
        s = self.bridge.session
        if s is None:
            return
        self.drawn_for = self.view.viewport().size()
        self.scene.clear()
        if s.config.output != "ns":
            self.groups, self.bars = [], None
            self.chooser.sync(())
            self.caption.setText(self.tr("Samples are drawn for negative sampling (output: ns)."))
            return
        rec = s.record
        groups = sample_groups(rec)
        which = self.chooser.sync([g.target for g in groups])
        self.groups = groups if which is None else [groups[which]]
        vp = self.view.viewport().size()
        narrow = vp.width() < 1.4 * vp.height()
        self.bars = self._bars(s, rec, vp, narrow)
        k = s.config.negative
        self.caption.setText(
            self.tr(
                "Each target: the positive word (t = 1) and k = {k} negatives (t = 0) "
                "drawn from P_n(w) ∝ count(w)^{p}; ×n: drawn n times"
            ).format(k=k, p=fmt(s.config.ns_power))
        )
        scale = text_scale()
        right, bottom = self._draw_groups(scale)
        if not narrow and scale > 1.0 and right + 40 * scale + self._bars_width(scale) > vp.width():
            narrow = True  # in a lecture, bars that would not fit beside the samples go under them
            self.bars = self._bars(s, rec, vp, narrow)
        if narrow:  # a narrow panel: the bar chart under the samples
            self._draw_bars(0.0, scale, bottom + line_height() / 2)
        else:
            self._draw_bars(right + 40 * scale, scale)
        fit_scene(self.scene)
        self.view.fit()

    def _bars(self, s, rec, vp, under: bool):
        """The bars to draw: in presentation mode as many as fit the panel's height (``under`` the samples, or
        beside them), the most probable words and every drawn one."""
        cap = PRESENTATION_BARS if text_scale() > 1.0 else MAX_BARS
        if text_scale() > 1.0 and vp.height() > 50:
            rows = sum(len(g.rows) + 2.5 for g in self.groups) if under else 0
            cap = max(1, min(cap, int(vp.height() / line_height() - rows - 4)))
        return noise_bars(rec, s.model.noise, s.model.words, s.config.ns_power, cap=cap, groups=self.groups)

    def _marks(self) -> list[str]:
        """The text after each bar: P_n(w), how often drawn, whether the positive."""
        b, marks = self.bars, []
        for p, d, pos in zip(b.probs, b.drawn, b.positive):
            mark = fmt(float(p), 2)
            if d:
                mark += "  " + self.tr("drawn ×{n}").format(n=int(d))
            if pos:
                mark += "  " + self.tr("positive")
            marks.append(mark)
        return marks

    def _bars_width(self, k: float) -> float:
        """The least width of the bar chart: the words, a short bar, the longest mark."""
        norm, bold = scaled_font(self.font()), scaled_font(self.font(), bold=True)
        words = max((QFontMetricsF(bold).horizontalAdvance(w) for w in self.bars.words), default=0.0)
        marks = max((QFontMetricsF(norm).horizontalAdvance(m) for m in self._marks()), default=0.0)
        return words + 8 * k + 60 * k + 6 * k + marks + 24 * k

    def _draw_groups(self, k: float) -> tuple[float, float]:
        """The samples of each target shown, as rows; returns the block's right and bottom edges."""
        sc = self.scene
        norm, bold = scaled_font(self.font()), scaled_font(self.font(), bold=True)
        line = line_height()
        y, right = 0.0, 0.0
        if not self.groups:
            t = add_text(sc, self.tr("No example yet"), norm, GREY, 0, 0)
            return t.sceneBoundingRect().right(), t.sceneBoundingRect().bottom()
        fm = QFontMetricsF(bold)
        wide = max(fm.horizontalAdvance(r.word + "  ✓") for g in self.groups for r in g.rows) + 10 * k
        cols = (0.0, wide, wide + 45 * k, wide + 135 * k, wide + 215 * k)
        for g in self.groups:
            t = add_text(sc, self.tr("target “{w}”").format(w=g.target), bold, OUTPUT_C, 0, y)
            right = max(right, t.sceneBoundingRect().right())
            y += line
            for head, x in zip(("", "", "u", "σ(u)", "Σe"), cols):
                if head:
                    add_text(sc, head, norm, GREY, x, y)
            y += line
            for r in g.rows:
                colour = OUTPUT_C if r.positive else NEG_SAMPLE_C
                word = r.word + ("  ✓" if r.positive else "")
                add_text(sc, word, bold if r.positive else norm, colour, cols[0], y)
                if r.count > 1:
                    add_text(sc, f"×{r.count}", bold, POS, cols[1], y)
                if r.skipped == r.count:
                    add_text(sc, self.tr("skipped"), norm, GREY, cols[2], y)
                else:
                    add_text(sc, fmt(r.u, 3), norm, TEXT, cols[2], y)
                    add_text(sc, fmt(r.y, 3), norm, TEXT, cols[3], y)
                    t = add_text(sc, fmt(r.e_sum, 3), norm, POS if r.e_sum > 0 else NEG, cols[4], y)
                    right = max(right, t.sceneBoundingRect().right())
                y += line
            y += line / 2
        return max(right, cols[4] + 60 * k), y

    def _draw_bars(self, x0: float, k: float, y0: float = 0.0) -> None:
        """The noise distribution's bars from (x0, y0) down."""
        b = self.bars
        sc = self.scene
        norm, bold = scaled_font(self.font()), scaled_font(self.font(), bold=True)
        line = line_height()
        add_text(
            sc, self.tr("noise distribution P_n(w) ∝ count^{p}").format(p=fmt(b.power)), bold, TEXT, x0, y0
        )
        if len(b.probs) == 0:
            return
        top = float(b.probs.max())
        fm = QFontMetricsF(bold)
        label_w = max((fm.horizontalAdvance(w) for w in b.words), default=0.0)
        bx = x0 + label_w + 8 * k
        marks = self._marks()
        longest = BAR_W * k
        if text_scale() > 1.0:  # in a lecture the longest bar leaves room for its mark in the panel
            mark_w = max(QFontMetricsF(norm).horizontalAdvance(m) for m in marks)
            room = self.view.viewport().width() - bx - mark_w - 24 * k
            longest = max(40.0 * k, min(longest, room))
        for n, (w, p, d, pos) in enumerate(zip(b.words, b.probs, b.drawn, b.positive)):
            y = y0 + (n + 1.5) * line
            colour = NEG_SAMPLE_C if d else (OUTPUT_C if pos else GREY)
            add_text(sc, w, bold if d or pos else norm, colour if d or pos else TEXT, bx - 6 * k, y, "right")
            wpx = longest * float(p) / top
            sc.addRect(QRectF(bx, y - 7 * k, max(wpx, 1.0), 14 * k), pen(colour, 1), QBrush(colour))
            add_text(sc, marks[n], norm, colour if (d or pos) else GREY, bx + wpx + 6 * k, y)
        if b.left_out:
            add_text(
                sc,
                self.tr("… {n} more words").format(n=b.left_out),
                norm,
                GREY,
                bx,
                y0 + (len(b.words) + 1.5) * line,
            )
