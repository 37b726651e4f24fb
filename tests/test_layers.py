"""The import-linter contracts in pyproject.toml hold: engine and session import no Qt; layers point down."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    exe = Path(sys.executable).with_name("lint-imports")
    r = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "KEPT" in r.stdout and "BROKEN" not in r.stdout


def test_engine_imports_without_qt():
    code = ("import sys; import explorer.engine, explorer.engine.model, explorer.engine.loss; "
            "bad=[m for m in sys.modules if m.startswith(('PySide6','pyqtgraph','shiboken6'))]; "
            "assert not bad, bad")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
