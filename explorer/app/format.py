"""Numbers as the views show them: 4 significant digits with a typographic minus, full precision in
tooltips."""

from __future__ import annotations

import numpy as np

from .i18n import translate

MINUS = "\u2212"


def fmt(x, digits: int = 4) -> str:
    """A number to ``digits`` significant digits, with a typographic minus (labels, tables)."""
    if x is None:
        return ""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return str(x)
    if v != v:
        return "NaN"
    s = f"{v:.{digits}g}"
    if "e" in s:
        m, e = s.split("e")
        s = f"{m}e{int(e)}"
    if s in ("-0", "-0.0"):
        s = "0"
    return s.replace("-", MINUS)


def full(x) -> str:
    """Full precision (round-trip repr) for tooltips."""
    if x is None:
        return ""
    try:
        return repr(float(x)).replace("-", MINUS)
    except (TypeError, ValueError):
        return str(x)


def fmt_vec(v, shown: int = 4, digits: int = 4) -> str:
    """``[a, b, c, …]`` with at most ``shown`` entries."""
    v = np.asarray(v).ravel()
    parts = [fmt(a, digits) for a in v[:shown]]
    if len(v) > shown:
        parts.append("\u2026")
    return "[" + ", ".join(parts) + "]"


def full_vec(v, limit: int = 64) -> str:
    v = np.asarray(v).ravel()
    parts = [full(a) for a in v[:limit]]
    if len(v) > limit:
        parts.append(translate("Views", "\u2026 ({n} more)").format(n=len(v) - limit))
    return "[" + ", ".join(parts) + "]"
