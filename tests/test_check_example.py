"""The README's example: our initial weights, the 40-line numpy word2vec recorded, ``diff`` names its
mistake; corrected, it agrees. Run as a new user would, in separate processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sh(*args, cwd):
    return subprocess.run(
        [sys.executable, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_the_readme_example_shows_the_diagnosis_and_agrees_when_fixed(tmp_path):
    main, example = ROOT / "main.py", ROOT / "examples" / "numpy_word2vec.py"
    assert (
        sh(
            main, "trace", "--preset", "royalty", "--steps", "0", "--save-weights", "init.npz", cwd=tmp_path
        ).returncode
        == 0
    )
    assert sh(example, "init.npz", "mine.jsonl", cwd=tmp_path).returncode == 0
    assert (
        sh(main, "trace", "--preset", "royalty", "--steps", "20", "-o", "ours.jsonl", cwd=tmp_path).returncode
        == 0
    )
    r = sh(main, "diff", "ours.jsonl", "mine.jsonl", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "compared: step, h, loss, out, in"
    assert lines[1].startswith("step 1: W[king] ours Δ [")
    assert lines[2].startswith("diagnosis: cbow-input-not-averaged")
    assert sh(example, "init.npz", "mine.jsonl", "--fixed", cwd=tmp_path).returncode == 0
    r = sh(main, "diff", "ours.jsonl", "mine.jsonl", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.splitlines()[-1] == "traces agree: 20 steps within tol 1e-09"
    code = [line for line in example.read_text().splitlines() if line.strip()]
    assert len(code) <= 45
