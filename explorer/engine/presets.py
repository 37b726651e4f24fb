"""Built-in example corpora, shipped inside the package as ``explorer/data/presets/*.txt``.

They are read with :mod:`importlib.resources`, so they are found the same way in a source checkout, an
editable install and an installed wheel. A preset file is corpus text (plain or pairs); lines starting with
``#`` at the top describe it and are not part of the corpus. The preset's name is the file name without
``.txt``.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from ..errors import CorpusError

if TYPE_CHECKING:
    from importlib.abc import Traversable  # importlib.resources.abc from Python 3.11

DATA_PACKAGE = "explorer.data"
PRESET_FOLDER = "presets"


def preset_dir() -> Traversable:
    """The folder of the preset files, as an :mod:`importlib.resources` traversable."""
    return resources.files(DATA_PACKAGE).joinpath(PRESET_FOLDER)


def list_presets() -> list[str]:
    """The names of the built-in corpora, sorted."""
    names = (
        p.name[: -len(".txt")] for p in preset_dir().iterdir() if p.name.endswith(".txt") and p.is_file()
    )
    return sorted(names)


def _read(name: str) -> list[str]:
    known = list_presets()
    if name not in known:  # also refuses '', paths and anything else that is not a preset's name
        raise CorpusError(f"unknown preset {name!r} (known: {', '.join(known)})")
    return preset_dir().joinpath(f"{name}.txt").read_text(encoding="utf-8").splitlines()


def preset_text(name: str) -> str:
    """The corpus text of preset ``name`` (description lines removed)."""
    return "\n".join(line for line in _read(name) if not line.startswith("#")).strip() + "\n"


def preset_description(name: str) -> str:
    """The preset's description: its leading ``#`` lines joined."""
    return " ".join(line.lstrip("# ").strip() for line in _read(name) if line.startswith("#"))
