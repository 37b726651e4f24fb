"""The colours of the data, in one place: the diverging map of signed values (blue − / white 0 / red +),
inputs, outputs, negative samples, the selected word, the guided walk's highlight and the equations' inks.
(The window's own colours — background, text, presentation mode — are the themes of
:mod:`explorer.qt.style`.)"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

NEG = QColor(33, 102, 172)  # blue: negative
MID = QColor(247, 247, 247)
POS = QColor(178, 24, 43)  # red: positive
INPUT_C = QColor(31, 119, 180)  # input vectors / active inputs
OUTPUT_C = QColor(230, 126, 34)  # output vectors / targets
NEG_SAMPLE_C = QColor(142, 68, 173)  # negative samples
GREY = QColor(150, 150, 150)
TEXT = QColor(30, 30, 30)
#: the guided walk's highlight (fill behind a highlighted quantity; frame / outline around it)
HIGHLIGHT_FILL = QColor(255, 236, 160)
HIGHLIGHT_EDGE = QColor(235, 150, 0)
#: the word selected in the neighbours table / projection / network
SELECTED_C = QColor(230, 30, 30)
#: the equations: substituted numbers, results, symbols, a later phase's parts
NUMBER = QColor(25, 90, 200)
RESULT = QColor(160, 30, 30)
INK = QColor(25, 25, 25)
DIM = QColor(160, 160, 160)


def diverging_cmap() -> pg.ColorMap:
    """Blue (negative) – white (0) – red (positive), for symmetric levels."""
    return pg.ColorMap(
        pos=np.array([0.0, 0.5, 1.0]),
        color=np.array([[c.red(), c.green(), c.blue(), 255] for c in (NEG, MID, POS)], dtype=np.ubyte),
    )


def diverging_lut(n: int = 256) -> np.ndarray:
    return diverging_cmap().getLookupTable(0.0, 1.0, n, alpha=False)


_LUT = None


def diverging_colors(values, limit: float) -> np.ndarray:
    """(k, 3) uint8 colours of ``values`` on the diverging map with levels −limit..limit."""
    global _LUT
    if _LUT is None:
        _LUT = diverging_lut(256)
    lut = _LUT
    v = np.asarray(values, dtype=np.float64)
    limit = limit if limit > 0 else 1.0
    idx = np.clip(((v / limit) + 1) * 0.5 * 255, 0, 255).astype(int)
    return lut[idx]


def diverging_rgba(M, limit: float) -> np.ndarray:
    """(…, 4) uint8 RGBA colours of ``M`` on the diverging map with levels −limit..limit (NaN: grey)."""
    global _LUT
    if _LUT is None:
        _LUT = diverging_lut(256)
    M = np.asarray(M, dtype=np.float64)
    limit = limit if limit > 0 else 1.0
    idx = np.clip(((np.nan_to_num(M, nan=0.0) / limit) + 1) * 0.5 * 255, 0, 255).astype(np.intp)
    out = np.empty(M.shape + (4,), dtype=np.ubyte)
    out[..., :3] = _LUT[idx][..., :3]
    out[..., 3] = 255
    if np.isnan(M).any():
        out[np.isnan(M)] = (150, 150, 150, 255)
    return out
