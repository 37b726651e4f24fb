"""Regenerate ``explorer/data/fonts/ExplorerCJK-Regular.otf``: a subset of Noto Sans CJK SC (SIL OFL 1.1).

It covers every character of the Qt translations (``explorer/qt/i18n/*.ts``), the presets
(``explorer/data/presets/*.txt``), Chinese text in the sources, printable ASCII, CJK and full-width
punctuation. The family is renamed "Explorer CJK" so the subset never stands in for a complete Noto Sans CJK
SC installed on the system (users' own text keeps the system fonts). Needs fontTools (not a run-time
dependency) and the complete font, e.g. Debian's ``fonts-noto-cjk``::

    apt-get install -y fonts-noto-cjk
    .venv/bin/pip install fonttools
    .venv/bin/python explorer/data/fonts/subset.py [--source .../NotoSansCJK-Regular.ttc]

Run it again after the translations or the presets gain characters (``tests/test_fonts.py`` fails until then).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parents[3]  # the repository
OUT = ROOT / "explorer" / "data" / "fonts" / "ExplorerCJK-Regular.otf"
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SOURCE_FAMILY = "Noto Sans CJK SC"
FAMILY = "Explorer CJK"
PUNCTUATION = "".join(chr(c) for c in range(0x3000, 0x3040)) + "".join(chr(c) for c in range(0xFF01, 0xFF5F))
PUNCTUATION += "‘’“”…—–·•→←↑↓×÷−±≈≤≥√∑∂ηΣ"
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def characters() -> str:
    """Every character the subset must cover, sorted."""
    chars = {chr(c) for c in range(0x20, 0x7F)} | set(PUNCTUATION)
    for path in [*ROOT.glob("explorer/qt/i18n/*.ts"), *ROOT.glob("explorer/data/presets/*.txt")]:
        chars |= set(path.read_text(encoding="utf-8"))
    for path in ROOT.glob("explorer/**/*.py"):  # Chinese strings in the code itself
        chars |= set(_CJK.findall(path.read_text(encoding="utf-8")))
    return "".join(sorted(ch for ch in chars if ch.isprintable()))


def source_font(path: str) -> TTFont:
    """The Simplified Chinese face of ``path`` (a collection or a single font)."""
    if path.endswith((".ttc", ".otc")):
        for font in TTCollection(path).fonts:
            if font["name"].getDebugName(1) == SOURCE_FAMILY:
                return font
        raise SystemExit(f"error: no {SOURCE_FAMILY!r} in {path}")
    return TTFont(path)


def rename(font: TTFont) -> None:
    """Family "Explorer CJK": a Modified Version under the OFL does not present itself as the original."""
    names = {
        1: FAMILY,
        3: f"{FAMILY} Regular; subset of {SOURCE_FAMILY}",
        4: f"{FAMILY} Regular",
        6: FAMILY.replace(" ", "") + "-Regular",
        16: FAMILY,
        17: "Regular",
    }
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            table.setName(
                names[record.nameID], record.nameID, record.platformID, record.platEncID, record.langID
            )
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [names[6]]
        top = cff.topDictIndex[0]
        top.FullName, top.FamilyName = names[4], FAMILY


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", default=SOURCE, help=f"the complete font (default {SOURCE})")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    font = source_font(args.source)
    cmap = font.getBestCmap()
    wanted = characters()
    missing = [ch for ch in wanted if ord(ch) not in cmap and ch.strip()]
    options = subset.Options()
    options.layout_features = ["kern", "vert", "vrt2", "locl"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14, 16, 17]
    options.hinting = False
    options.notdef_outline = True
    options.prune_codepage_ranges = False  # keep the GB2312 bit: Qt lists the font for Simplified Chinese
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(ch) for ch in wanted if ord(ch) in cmap])
    sub.subset(font)
    rename(font)
    font.recalcTimestamp = False  # the same input gives the same bytes
    font.save(args.out)
    print(f"{args.out}: {len(wanted) - len(missing)} characters, {Path(args.out).stat().st_size:,} bytes")
    if missing:
        print(f"not in the source font (the system's fonts serve them): {''.join(missing)}")


if __name__ == "__main__":
    main()
