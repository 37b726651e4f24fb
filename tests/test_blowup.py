"""Numeric blow-up (issue 8): the step that would overflow is caught before it is applied."""

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROYAL

from explorer.engine import Config
from explorer.errors import BlowUpError
from explorer.session import Session

ROOT = Path(__file__).resolve().parents[1]


def first_blowup(output, lr):
    s = Session(ROYAL, Config(output=output, hidden=5, lr=lr))
    for _ in range(200):
        before = s.params.copy()
        step = s.step
        try:
            s.step_forward(1)
        except BlowUpError as exc:
            return s, before, step, exc
    pytest.fail("no blow-up")


@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
def test_session_keeps_the_state_before_the_offending_step(output):
    s, before, step, exc = first_blowup(output, 1e80)
    assert s.step == step and s.params.equals(before)
    assert exc.step == step + 1 and exc.lr == 1e80
    assert str(exc).startswith(f"step {step + 1}: ") and "at lr 1e+80" in str(exc)
    assert exc.exit_status == 3


@pytest.mark.parametrize("output", ["softmax", "ns"])
def test_softmax_and_sigma_stay_finite_where_the_mathematics_is(output):
    """Big but finite scores (|u| ~ 1e4) give finite y, E and updates: log-sum-exp and logaddexp."""
    s = Session(ROYAL, Config(output=output, hidden=5, lr=0.1))
    s.params.W[:] *= 1e3
    s.params.W_out[:] = np.sign(s.params.W_out) * 10.0
    s.step_forward(3)
    r = s.record
    assert np.isfinite(r.loss) and r.loss > 10
    if output == "softmax":
        assert np.all(np.isfinite(r.y)) and abs(r.y.sum() - 1) < 1e-12
    assert np.all(np.isfinite(r.out_after)) and np.all(np.isfinite(r.in_after))


def test_cli_trace_exits_3_naming_the_step_and_keeps_earlier_lines():
    r = subprocess.run(
        [
            sys.executable,
            "main.py",
            "trace",
            "--preset",
            "royalty",
            "--output",
            "ns",
            "--hidden",
            "5",
            "--lr",
            "1e80",
            "--steps",
            "50",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 3
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and re.fullmatch(r"error: step \d+: .+ at lr 1e\+80", err[0]), err
    bad = int(re.search(r"step (\d+)", err[0]).group(1))
    lines = r.stdout.splitlines()
    assert bad >= 2 and len(lines) == bad - 1  # the good steps before it are all there, complete
    assert [json.loads(line)["step"] for line in lines] == list(range(1, bad))


def test_a_huge_full_softmax_is_met_with_a_warning_not_a_freeze(tmp_path):
    """100,000 distinct words with the full softmax: a one-line warning naming memory, time and HS/NS."""
    corpus = tmp_path / "distinct.txt"
    corpus.write_text("\n".join(" ".join(f"x{i * 10 + j}" for j in range(10)) for i in range(10_000)))
    r = subprocess.run(
        [sys.executable, "main.py", "train", "--corpus", str(corpus), "--steps", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0
    warn = [line for line in r.stderr.splitlines() if line.startswith("warning:")]
    assert len(warn) == 1 and "V = 100000" in warn[0] and "MB" in warn[0] and "ms" in warn[0]
    assert "(hs)" in warn[0] and "(ns)" in warn[0]
    r = subprocess.run(
        [sys.executable, "main.py", "train", "--corpus", str(corpus), "--output", "ns", "--steps", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0 and "warning:" not in r.stderr
