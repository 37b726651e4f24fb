"""Everything the program reads at run time is inside the package and reachable through importlib.resources
(so an installed wheel, not only a source checkout, has it); the wheel's file list is checked by ``.ci/run``,
which installs the built wheel in a fresh environment and runs the app from it."""

import re
from importlib import resources
from pathlib import Path

from explorer.engine.corpus import parse
from explorer.engine.presets import list_presets, preset_description, preset_text

ROOT = Path(__file__).resolve().parents[1]


def test_every_preset_file_is_reachable_through_importlib_resources():
    on_disk = sorted(p.stem for p in (ROOT / "explorer" / "data" / "presets").glob("*.txt"))
    assert on_disk, "the presets live in explorer/data/presets"
    folder = resources.files("explorer.data").joinpath("presets")
    through_resources = sorted(
        p.name.removesuffix(".txt") for p in folder.iterdir() if p.name.endswith(".txt")
    )
    assert through_resources == on_disk == list_presets()
    for name in on_disk:
        text = folder.joinpath(f"{name}.txt").read_text(encoding="utf-8")
        assert preset_text(name).strip() in text
        assert preset_description(name), f"preset {name} has a description line"
        assert parse(preset_text(name)).tokens(), name


def test_nothing_outside_the_package_is_read():
    """assets/ keeps only the README's pictures; no module points outside the package."""
    assert not (ROOT / "assets" / "presets").exists()
    for path in (ROOT / "explorer").rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        assert "parents[2]" not in src and '"assets"' not in src, path


def test_package_data_lists_every_data_file():
    """pyproject's package-data patterns cover every file under explorer/data (else the wheel lacks it)."""
    toml = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # tomllib is not in Python 3.10
    section = toml.split("[tool.setuptools.package-data]", 1)[1]
    line = next(line for line in section.splitlines() if line.startswith("explorer = ["))
    patterns = re.findall(r'"([^"]+)"', line)
    pkg = ROOT / "explorer"
    for path in (pkg / "data").rglob("*"):
        if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts:
            rel = path.relative_to(pkg)
            assert any(rel.match(pat) for pat in patterns), f"{rel} is not in [tool.setuptools.package-data]"
