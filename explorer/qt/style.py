"""Fonts and themes: the normal look, a dark theme, and presentation mode for the projector.

Presentation mode makes every font larger and every plotted line thicker and switches to a high-contrast
palette (pure white on black, or black on white). Views can read :func:`current` when they (re)build their
plot items — ``current().line_width``, ``current().font_pt``, the colours — and may implement an optional
``apply_style(theme)`` method; :func:`apply_presentation` also restyles every pyqtgraph widget it finds
(background, axes, tick fonts, curve widths), so views that do nothing special still follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette, QRawFont
from PySide6.QtWidgets import QApplication, QWidget

#: UI font families in order of preference; the CJK families are fallbacks for Chinese corpora and UI
UI_FAMILIES = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica")
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
)
#: the bundled subset of Noto Sans CJK SC (family "Explorer CJK"), see explorer/data/fonts/README.md
BUNDLED_CJK_FILE = "ExplorerCJK-Regular.otf"
_bundled: list[str] | None = None
MONO_FAMILIES = ("DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono", "Consolas", "Menlo", "Courier New")

NORMAL_PT = 10
PRESENTATION_PT = 14
#: the smallest text of presentation mode, in pixels (read from the back of a lecture room on a projector)
PRESENTATION_MIN_PX = 18
#: logical dots per inch Qt assumes for point sizes (pyqtgraph and the offscreen platform use it too)
_DPI = 96.0


@dataclass(frozen=True)
class Theme:
    """Colours and sizes every view may use (read :func:`current`)."""

    name: str
    dark: bool
    high_contrast: bool
    bg: str  # plot background
    fg: str  # text, axes
    window: str  # widget background
    base: str  # text-entry background
    accent: str  # the current example, the selected word
    positive: str  # positive values (heatmaps' upper end, increases)
    negative: str  # negative values
    grid: str
    font_pt: int  # base font size in points
    line_width: float  # plotted curves

    @property
    def presentation(self) -> bool:
        return self.high_contrast


LIGHT = Theme(
    "light",
    False,
    False,
    bg="#ffffff",
    fg="#202020",
    window="#f2f2f2",
    base="#ffffff",
    accent="#d9480f",
    positive="#c92a2a",
    negative="#1864ab",
    grid="#d0d0d0",
    font_pt=NORMAL_PT,
    line_width=1.5,
)
DARK = Theme(
    "dark",
    True,
    False,
    bg="#1e1e1e",
    fg="#e0e0e0",
    window="#2b2b2b",
    base="#1e1e1e",
    accent="#ffa94d",
    positive="#ff6b6b",
    negative="#74c0fc",
    grid="#444444",
    font_pt=NORMAL_PT,
    line_width=1.5,
)
LIGHT_HC = Theme(
    "light-high-contrast",
    False,
    True,
    bg="#ffffff",
    fg="#000000",
    window="#ffffff",
    base="#ffffff",
    accent="#c00000",
    positive="#b00000",
    negative="#0033aa",
    grid="#909090",
    font_pt=PRESENTATION_PT,
    line_width=3.5,
)
DARK_HC = Theme(
    "dark-high-contrast",
    True,
    True,
    bg="#000000",
    fg="#ffffff",
    window="#1c1c1c",
    base="#000000",
    accent="#ffd000",
    positive="#ff5050",
    negative="#50b0ff",
    grid="#808080",
    font_pt=PRESENTATION_PT,
    line_width=3.5,
)

_current: Theme = LIGHT


def current() -> Theme:
    """The theme in use."""
    return _current


def scale() -> float:
    """The ONE size factor of the theme in use: 1 in the normal look, 1.5 in presentation mode.

    Every view multiplies its text sizes (through :func:`text_px` / :func:`text_font` / :func:`css_size`) and
    its line widths and marker sizes (:func:`scaled`) by it when it (re)builds an item, so a new view follows
    presentation mode by calling these helpers; :func:`restyle_plots` does the same for pyqtgraph axes,
    axis labels, legends and curves of views that do nothing themselves.
    """
    return _current.font_pt / NORMAL_PT


def text_px(base_pt: float = NORMAL_PT) -> int:
    """Pixel size of text that is ``base_pt`` points in the normal look: times :func:`scale`, and never below
    :data:`PRESENTATION_MIN_PX` in presentation mode."""
    px = base_pt * _DPI / 72.0 * scale()
    if _current.presentation:
        px = max(px, PRESENTATION_MIN_PX)
    return int(round(px))


def text_font(
    base_pt: float = NORMAL_PT, bold: bool = False, italic: bool = False, mono: bool = False
) -> QFont:
    """The UI (or fixed-width) font at :func:`text_px` ``(base_pt)`` pixels, with CJK fallbacks."""
    font = mono_font() if mono else ui_font()
    font.setPixelSize(text_px(base_pt))
    font.setBold(bold)
    font.setItalic(italic)
    return font


def css_size(base: str | float = "9pt") -> str:
    """A CSS font size for pyqtgraph titles and labels (``"9pt"`` in the normal look) as scaled pixels."""
    pt = float(str(base).replace("pt", "")) if not str(base).endswith("px") else float(base[:-2]) * 72 / _DPI
    return f"{text_px(pt)}px"


def scaled(x: float) -> float:
    """A line width, marker size or spacing of the normal look, times :func:`scale`."""
    return x * scale()


def theme_for(presentation: bool, dark: bool) -> Theme:
    if presentation:
        return DARK_HC if dark else LIGHT_HC
    return DARK if dark else LIGHT


def _first_family(candidates) -> str | None:
    have = set(QFontDatabase.families())
    for f in candidates:
        if f in have:
            return f
    return None


def register_bundled_fonts() -> list[str]:
    """Add the bundled CJK subset (``explorer/data/fonts``, Noto Sans CJK SC under the SIL OFL) to Qt's font
    database once, and return the families to use after the system's CJK families.

    The subset covers the translations and the presets, so the Chinese interface renders on a machine with
    no CJK font; it comes last in every family list, so the system's fonts still draw users' own text.
    """
    global _bundled
    if _bundled is None:
        from importlib import resources

        _bundled = []
        data = resources.files("explorer.data").joinpath("fonts", BUNDLED_CJK_FILE).read_bytes()
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id >= 0:
            _bundled = list(QFontDatabase.applicationFontFamilies(font_id))
    return _bundled


#: CJK ideographs (unified, extension A, compatibility, the supplementary planes)
_CJK_CHAR = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CJK_SYSTEMS = ("SimplifiedChinese", "TraditionalChinese", "Japanese", "Korean")
_font_hint_given = False


def missing_font_hint(text: str) -> str | None:
    """Once per run: which package to install, when ``text`` (a corpus's words) has CJK characters that no
    system font and not the bundled subset can draw; ``None`` otherwise.

    In English: it is read exactly when Chinese glyphs are missing.
    """
    global _font_hint_given
    chars = set(_CJK_CHAR.findall(text))
    if _font_hint_given or not chars:
        return None
    bundled = set(register_bundled_fonts())
    for system in _CJK_SYSTEMS:
        if set(QFontDatabase.families(getattr(QFontDatabase.WritingSystem, system))) - bundled:
            return None  # a system CJK font: Qt's fallback draws what the subset lacks
    raw = QRawFont.fromFont(QFont(sorted(bundled)[0])) if bundled else QRawFont()
    missing = sorted(ch for ch in chars if not (raw.isValid() and raw.supportsCharacter(ord(ch))))
    if not missing:
        return None
    _font_hint_given = True
    return (
        f"No font on this system draws some of this corpus's characters ({''.join(missing[:5])}…): install a "
        f"CJK font, e.g. 'apt-get install fonts-noto-cjk' (Debian/Ubuntu) or 'dnf install "
        f"google-noto-sans-cjk-fonts' (Fedora)."
    )


def ui_font(point_size: int = NORMAL_PT) -> QFont:
    """The UI font with CJK fallbacks, so Chinese words and a Chinese UI render."""
    fams = [f for f in (_first_family(UI_FAMILIES),) if f]
    fams += [f for f in CJK_FAMILIES if f in set(QFontDatabase.families())] + register_bundled_fonts()
    font = QFont()
    if fams:
        font.setFamilies(fams)
    font.setPointSize(point_size)
    return font


def mono_font(point_size: int = NORMAL_PT) -> QFont:
    """A fixed-width font (numbers line up) with CJK fallbacks."""
    fams = [f for f in (_first_family(MONO_FAMILIES),) if f]
    fams += [f for f in CJK_FAMILIES if f in set(QFontDatabase.families())] + register_bundled_fonts()
    font = QFont()
    if fams:
        font.setFamilies(fams)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(point_size)
    return font


def palette_for(theme: Theme) -> QPalette:
    p = QPalette()
    win, base, fg = QColor(theme.window), QColor(theme.base), QColor(theme.fg)
    button = QColor(theme.window).lighter(110) if theme.dark else QColor(theme.window).darker(104)
    roles = {
        QPalette.ColorRole.Window: win,
        QPalette.ColorRole.WindowText: fg,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: win,
        QPalette.ColorRole.Text: fg,
        QPalette.ColorRole.Button: button,
        QPalette.ColorRole.ButtonText: fg,
        QPalette.ColorRole.ToolTipBase: base,
        QPalette.ColorRole.ToolTipText: fg,
        QPalette.ColorRole.PlaceholderText: QColor("#888888"),
        QPalette.ColorRole.Highlight: QColor(theme.accent),
        QPalette.ColorRole.BrightText: QColor("#ff0000"),
        QPalette.ColorRole.HighlightedText: QColor("#000000" if theme.dark else "#ffffff"),
        QPalette.ColorRole.Link: QColor(theme.negative),
    }
    for role, col in roles.items():
        p.setColor(role, col)
    dim = QColor("#777777") if theme.dark else QColor("#9a9a9a")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, dim)
    return p


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Set the application's font, palette and pyqtgraph defaults for ``theme``."""
    global _current
    _current = theme
    app.setStyle("Fusion")  # the same look everywhere, and a palette that is honoured
    app.setFont(ui_font(theme.font_pt))
    app.setPalette(palette_for(theme))
    try:
        import pyqtgraph as pg

        pg.setConfigOptions(background=theme.bg, foreground=theme.fg, antialias=True)
    except Exception:  # pragma: no cover - pyqtgraph is a hard dependency; never fail on styling
        pass


def restyle_plots(root: QWidget, theme: Theme) -> None:
    """Sizes only, for every pyqtgraph widget under ``root``: tick-label fonts, axis labels and legends
    (:func:`text_font` / :func:`css_size`, so scaled by :func:`scale`) and, unless the view styles its own
    plots, curve widths.

    Colours are left to the views (they draw on light backgrounds of their own; a view that supports dark
    plots implements ``apply_style(theme)``), so a dark theme never leaves dark text on a dark plot.
    """
    try:
        import pyqtgraph as pg
    except Exception:  # pragma: no cover
        return
    tick_font = text_font(9)  # 12 px normally, 18 px in presentation mode
    for gv in root.findChildren(pg.GraphicsView):
        scene = gv.scene()
        if scene is None:
            continue
        sizes_only = _handles_style(gv)  # the view sets its own colours and pens; text sizes are the theme's
        for item in scene.items():
            if isinstance(item, pg.AxisItem):
                item.setStyle(tickFont=tick_font)
                if item.label is not None:
                    item.label.setFont(text_font(NORMAL_PT))
            elif isinstance(item, pg.LegendItem):
                size = css_size("9pt")
                if item.opts.get("labelTextSize") != size:
                    item.setLabelTextSize(size)
                    for _sample, label in item.items:
                        label.setText(label.text, size=size)  # setLabelTextSize alone does not re-render
            elif isinstance(item, pg.PlotDataItem) and not sizes_only:
                pen = item.opts.get("pen")
                if pen is None:
                    continue
                qpen = pg.mkPen(pen)
                if qpen.style() == Qt.PenStyle.NoPen:
                    continue
                base = item.property("w2vBaseWidth") if hasattr(item, "property") else None
                if base is None:
                    base = qpen.widthF() or 1.0
                    item.setProperty("w2vBaseWidth", base)
                qpen.setWidthF(base * theme.line_width / LIGHT.line_width)
                qpen.setCosmetic(True)
                item.setPen(qpen)


def _handles_style(widget: QWidget) -> bool:
    """True when a view above ``widget`` implements ``apply_style`` (it styles its own plots)."""
    w = widget
    while w is not None:
        if w.property("w2vView") and callable(getattr(w, "apply_style", None)):
            return True
        w = w.parentWidget()
    return False


def apply_presentation(window, on: bool, dark: bool | None = None) -> Theme:
    """Presentation mode on or off for ``window`` (a main window or any widget).

    On: larger fonts, thicker lines, high-contrast light (or dark) theme. Off: the normal theme. ``dark``
    picks the dark variant (``None`` keeps the current choice): the window's palette goes dark; plots keep
    their own colours unless their view implements ``apply_style(theme)``, which is called. Tick fonts and
    curve widths of the other pyqtgraph plots follow the theme's sizes. Returns the theme now in use.
    """
    app = QApplication.instance()
    theme = theme_for(on, _current.dark if dark is None else dark)
    if app is not None:
        apply_theme(app, theme)
    if window is not None:
        # widgets with an explicitly set font do not inherit the application font: bump them too
        for w in [window, *window.findChildren(QWidget)]:
            if w.testAttribute(Qt.WidgetAttribute.WA_SetFont) and w.property("w2vMono"):
                w.setFont(mono_font(theme.font_pt))
        restyle_plots(window, theme)
        light = LIGHT_HC if theme.high_contrast else LIGHT
        for w in window.findChildren(QWidget):
            if not w.property("w2vView"):
                continue
            fn = getattr(w, "apply_style", None)
            if callable(fn):
                fn(theme)
            elif theme.dark:
                # a view that draws light plots of its own keeps a light palette: no white text on white
                w.setPalette(palette_for(light))
                w.setAutoFillBackground(True)
            else:
                w.setPalette(QPalette())  # follow the application again
                w.setAutoFillBackground(False)
    return theme


def with_sizes(theme: Theme, font_pt: int | None = None, line_width: float | None = None) -> Theme:
    """A copy of ``theme`` with other sizes (e.g. for a custom projector)."""
    return replace(theme, font_pt=font_pt or theme.font_pt, line_width=line_width or theme.line_width)
