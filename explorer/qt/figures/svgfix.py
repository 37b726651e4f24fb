"""Making Qt's SVG read the same in every program (no Qt here).

Plots draw their lines with *cosmetic* pens: a width in screen pixels whatever the zoom. Qt writes such a
line as a path inside a group with the plot's transform and ``vector-effect="non-scaling-stroke"``. Qt's
own renderer and browsers honour that; librsvg before 2.57, LibreOffice and some slide programs ignore it
and draw a 1.5 px curve of a plot zoomed 60× as a band 90 px wide. :func:`bake_cosmetic_strokes` applies
the group's transform to the coordinates of such paths instead (the picture is the same where the effect
is honoured, and right where it is not) and gives the SVG its size in pixels.
"""

from __future__ import annotations

import re

_GROUP = re.compile(rb'<g ([^>]*?)transform="matrix\(([^)]*)\)"([^>]*)>(.*?)</g>', re.S)
_ELEMENT = re.compile(rb"<(path|polyline)\b([^>]*)/>")
_SVG_SIZE = re.compile(rb'<svg width="[^"]*" height="[^"]*"')
_PATH_TOKEN = re.compile(rb"[MLCZ]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_EMPTY_PATH = re.compile(rb'<path\b[^>]*\bd=""[^>]*/>\n?')
_NUMBER = re.compile(rb"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def set_pixel_size(svg: bytes, width: int, height: int) -> bytes:
    """Qt writes the size in millimetres; slide programs and browsers expect pixels."""
    return _SVG_SIZE.sub(f'<svg width="{width}" height="{height}"'.encode(), svg, count=1)


def _fmt(v: float) -> bytes:
    return (f"{v:.3f}".rstrip("0").rstrip(".") or "0").encode()


def _apply(m, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _bake_points(data: bytes, m) -> bytes | None:
    """``data`` (absolute M/L/C/Z path data, or polyline points) transformed by ``m``; None if it holds
    anything else."""
    out, pending = [], []
    pos = 0
    for tok in _PATH_TOKEN.finditer(data):
        if data[pos : tok.start()].strip(b" ,\n\t"):
            return None  # a command we do not rewrite (relative, arcs, …)
        pos = tok.end()
        t = tok.group()
        if t in (b"M", b"L", b"C", b"Z"):
            if pending:
                return None
            out.append(t)
            continue
        pending.append(float(t))
        if len(pending) == 2:
            x, y = _apply(m, *pending)
            out.append(_fmt(x) + b"," + _fmt(y))
            pending = []
    if pending or data[pos:].strip(b" ,\n\t"):
        return None
    return re.sub(rb"([MLC]) ", rb"\1", b" ".join(out))


def _bake_group(match) -> bytes:
    before, matrix, after, body = match.groups()
    if b"url(" in before + after:
        return match.group(0)
    try:
        m = [float(v) for v in _NUMBER.findall(matrix)]
    except ValueError:
        return match.group(0)
    if len(m) != 6:
        return match.group(0)
    elements = list(_ELEMENT.finditer(body))
    rest = _ELEMENT.sub(b"", body).strip()
    if not elements or rest or not all(b'vector-effect="non-scaling-stroke"' in e.group(2) for e in elements):
        return match.group(0)
    new_body = []
    for e in elements:
        kind, attrs = e.groups()
        key = b"d" if kind == b"path" else b"points"
        found = re.search(rb"\b" + key + rb'="([^"]*)"', attrs)
        if found is None:
            return match.group(0)
        baked = _bake_points(found.group(1), m)
        if baked is None:
            return match.group(0)
        attrs = attrs[: found.start(1)] + baked + attrs[found.end(1) :]
        attrs = attrs.replace(b' vector-effect="non-scaling-stroke"', b"")
        new_body.append(b"<" + kind + attrs + b"/>")
    return b"<g " + before + after + b">\n" + b"\n".join(new_body) + b"\n</g>"


def bake_cosmetic_strokes(svg: bytes) -> bytes:
    """Every group of cosmetic-pen paths and polylines with their transform applied to their coordinates
    (and empty paths, which some readers call invalid, left out)."""
    return _GROUP.sub(_bake_group, _EMPTY_PATH.sub(b"", svg))
