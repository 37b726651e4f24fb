"""The code style and type checks configured in pyproject.toml hold: ``ruff check`` (lint, import order,
complexity), ``ruff format --check`` and mypy on the Qt-free layers (engine, session, the app layer).

They fail until the project-wide formatting pass (``.ci/lint``) has run after merging the branches that
were in flight when they were configured."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / cmd[0]), *cmd[1:]], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_ruff_check():
    r = run("ruff", "check", "--output-format", "concise", ".")
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr


def test_ruff_format():
    r = run("ruff", "format", "--check", ".")
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr


def test_mypy_on_the_qt_free_layers():
    """mypy with no file arguments checks the ``files`` of ``[tool.mypy]`` in pyproject.toml (as .ci/lint)."""
    section = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[tool.mypy]", 1)[1]
    files = re.search(r"^files = \[(.*)\]$", section, re.M)
    assert files is not None
    assert '"explorer/engine"' in files.group(1) and '"explorer/session"' in files.group(1)
    r = run("mypy")
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr
