"""The views' shared pieces, by responsibility (this module only gathers them for older imports):

- numbers: :mod:`explorer.app.format` (no Qt);
- colours: :mod:`.palette`;
- pyqtgraph helpers: :mod:`.plots`, the word axis: :mod:`.word_axis`;
- the numpy table model: :mod:`.table`;
- text that changes every step: :mod:`.text`;
- export, on-screen redraws, one repaint per step: :mod:`.mixins`.
"""

from __future__ import annotations

from ...app.format import MINUS, fmt, fmt_vec, full, full_vec
from .mixins import DirectRepaint, ExportMixin, OnScreenMixin
from .palette import (
    GREY,
    HIGHLIGHT_EDGE,
    HIGHLIGHT_FILL,
    INPUT_C,
    MID,
    NEG,
    NEG_SAMPLE_C,
    OUTPUT_C,
    POS,
    TEXT,
    diverging_cmap,
    diverging_colors,
    diverging_lut,
    diverging_rgba,
)
from .plots import (
    cache_axes,
    cache_item,
    forget_range,
    layout_widget,
    move_points,
    plot_widget,
    set_axis_label,
    set_plot_title,
    set_range,
    set_ticks,
    set_word_ticks,
    show_tip,
    style_plot,
    word_axis_width,
)
from .table import ArrayTableModel, _LazyColumn, table_view
from .text import InfoLine, Pinned, SteadyLabel
from .word_axis import WordAxis

__all__ = [
    "MINUS",
    "fmt",
    "full",
    "fmt_vec",
    "full_vec",
    "GREY",
    "HIGHLIGHT_EDGE",
    "HIGHLIGHT_FILL",
    "INPUT_C",
    "MID",
    "NEG",
    "NEG_SAMPLE_C",
    "OUTPUT_C",
    "POS",
    "TEXT",
    "diverging_cmap",
    "diverging_colors",
    "diverging_lut",
    "diverging_rgba",
    "ArrayTableModel",
    "_LazyColumn",
    "table_view",
    "ExportMixin",
    "OnScreenMixin",
    "DirectRepaint",
    "InfoLine",
    "SteadyLabel",
    "Pinned",
    "WordAxis",
    "style_plot",
    "cache_axes",
    "cache_item",
    "set_plot_title",
    "set_range",
    "forget_range",
    "set_axis_label",
    "set_ticks",
    "move_points",
    "word_axis_width",
    "plot_widget",
    "layout_widget",
    "set_word_ticks",
    "show_tip",
]
