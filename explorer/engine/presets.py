"""Built-in example corpora, shipped as text files in the project's ``assets/presets`` folder.

A preset file is corpus text (plain or pairs); lines starting with ``#`` at the top describe it and are
not part of the corpus. The preset's name is the file name without ``.txt``.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import CorpusError

PRESET_DIR = Path(__file__).resolve().parents[2] / "assets" / "presets"


def list_presets() -> list[str]:
    return sorted(p.stem for p in PRESET_DIR.glob("*.txt"))


def _read(name: str) -> list[str]:
    path = PRESET_DIR / f"{name}.txt"
    if not name or "/" in name or "\\" in name or not path.is_file():
        known = ", ".join(list_presets())
        raise CorpusError(f"unknown preset {name!r} (known: {known})")
    return path.read_text(encoding="utf-8").splitlines()


def preset_text(name: str) -> str:
    """The corpus text of preset ``name`` (description lines removed)."""
    return "\n".join(l for l in _read(name) if not l.startswith("#")).strip() + "\n"


def preset_description(name: str) -> str:
    return " ".join(l.lstrip("# ").strip() for l in _read(name) if l.startswith("#"))
