"""The command line (``python main.py ...`` in a subprocess): ``trace``, ``tree``, ``--list-presets``,
weights in and out, and bad input.

- trace writes one JSON object per line with the documented keys, at full float precision (every line
  equals the record computed in this process), identical bytes for the same seed, different for another;
- --save-weights / --weights round-trip; a weights file for another run is refused;
- ``tree --preset loop`` prints each word's count, code and path; ``--list-presets`` the names;
- bad input: exactly one line on stderr starting ``error:``, exit status 2, no traceback, no output file.
"""

from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from explorer.engine import Config, Model
from explorer.engine.config import APP_DEFAULTS
from explorer.engine.huffman import build_huffman
from explorer.engine.params import load_weights
from explorer.engine.presets import list_presets, preset_text

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

TRACE_KEYS = {
    "step",
    "arch",
    "output",
    "inputs",
    "targets",
    "h",
    "u",
    "y",
    "t",
    "e",
    "EI",
    "EH",
    "loss",
    "lr",
    "out",
    "in",
}


def run(*args, cwd=ROOT):
    return subprocess.run(
        [PY, "main.py", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def assert_error(r, out_file=None):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    err = r.stderr
    assert "Traceback" not in err, err
    assert err.endswith("\n") and err.count("\n") == 1, err  # exactly one line
    assert err.startswith("error: ") and len(err.strip()) > len("error:"), err
    assert r.stdout == ""
    if out_file is not None:
        assert not Path(out_file).exists()
        assert not any(p.name.startswith("." + Path(out_file).name) for p in Path(out_file).parent.iterdir())


def read_jsonl(path):
    text = Path(path).read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("output", ("softmax", "hs", "ns"))
@pytest.mark.parametrize("arch", ("cbow", "skipgram"))
def test_trace_lines_equal_the_records(tmp_path, arch, output):
    out = tmp_path / "t.jsonl"
    K = 7
    args = [
        "trace",
        "--preset",
        "royalty",
        "--steps",
        K,
        "--arch",
        arch,
        "--output",
        output,
        "--window",
        2,
        "--hidden",
        3,
        "--negative",
        3,
        "--seed",
        4,
        "--lr",
        0.3,
        "-o",
        out,
    ]
    r = run(*args)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and r.stderr == ""
    lines = read_jsonl(out)
    assert len(lines) == K
    # the same steps computed here: every number equals (json keeps full float precision)
    model = Model.from_text(
        preset_text("royalty"),
        Config(arch=arch, output=output, window=2, hidden=3, negative=3, seed=4, lr=0.3),
    )
    params = model.init_params()
    V = model.V
    for k, d in enumerate(lines, start=1):
        rec = model.step(params, k)
        assert d == rec.to_json()
        assert set(d) >= TRACE_KEYS
        assert d["step"] == k and d["arch"] == arch and d["output"] == output
        assert np.array(d["h"]).tobytes() == rec.h.tobytes()
        assert np.array(d["EH"]).tobytes() == rec.EH.tobytes()
        assert d["loss"] == rec.loss and d["lr"] == rec.lr
        assert d["inputs"] == list(rec.inputs) and d["targets"] == list(rec.targets)
        for side, ids, before, delta, after in (
            ("out", rec.out_ids, rec.out_before, rec.out_delta, rec.out_after),
            ("in", rec.in_ids, rec.in_before, rec.in_delta, rec.in_after),
        ):
            assert [v["id"] for v in d[side]] == ids.tolist()
            for v, b, dl, a in zip(d[side], before, delta, after):
                assert set(v) == {"id", "word", "before", "delta", "after"}
                assert np.array(v["before"]).tobytes() == b.tobytes()
                assert np.array(v["delta"]).tobytes() == dl.tobytes()
                assert np.array(v["after"]).tobytes() == a.tobytes()
        if output == "softmax":
            assert len(d["u"]) == len(d["y"]) == V
            assert "paths" not in d and "samples" not in d
        elif output == "hs":
            assert d["u"] is None and "samples" not in d
            assert len(d["paths"]) == len(d["targets"])
            for w, path in zip(d["targets"], d["paths"]):
                wid = model.vocab.id(w)
                assert [n["id"] for n in path] == model.tree.points[wid].tolist()
                assert path[0]["id"] == V - 2  # root first
                for n in path:
                    assert set(n) == {"id", "code", "u", "y", "t", "e"}
                    assert n["t"] == 1 - n["code"] and n["e"] == n["y"] - n["t"]
        else:
            assert "paths" not in d and len(d["samples"]) == len(d["targets"])
            for w, samp in zip(d["targets"], d["samples"]):
                assert samp[0]["word"] == w and samp[0]["t"] == 1.0
                assert all(s["t"] == 0.0 for s in samp[1:]) and len(samp) == 4
                for s in samp:
                    assert set(s) == {"id", "word", "u", "y", "t", "e"}
        if arch == "skipgram" and output == "softmax":
            assert len(d["e"]) == len(d["targets"]) and all(len(row) == V for row in d["e"])
            assert d["EI"] is not None
    # standard output carries the same bytes
    r2 = run(*args[:-2])
    assert r2.returncode == 0 and r2.stdout == out.read_text(encoding="utf-8")


def test_trace_deterministic_and_seed_dependent(tmp_path):
    base = [
        "trace",
        "--preset",
        "animals",
        "--steps",
        40,
        "--output",
        "ns",
        "--arch",
        "skipgram",
        "--window",
        2,
        "--shuffle",
        "--mode",
        "reference",
        "--sample",
        "0.01",
        "--epochs",
        2,
    ]
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    for path, seed in ((a, 7), (b, 7), (c, 8)):
        r = run(*base, "--seed", seed, "-o", path)
        assert r.returncode == 0, r.stderr
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    assert len(read_jsonl(a)) == 40
    # in-process main() gives the same bytes
    from explorer.cli.main import main

    d = tmp_path / "d.jsonl"
    assert main([str(x) for x in (*base, "--seed", 7, "-o", d)]) == 0
    assert d.read_bytes() == a.read_bytes()


def test_save_and_load_weights(tmp_path):
    w = tmp_path / "w.npz"
    r = run(
        "trace",
        "--preset",
        "loop",
        "--steps",
        6,
        "--hidden",
        2,
        "--output",
        "hs",
        "--save-weights",
        w,
        "-o",
        tmp_path / "t.jsonl",
    )
    assert r.returncode == 0, r.stderr
    with np.load(w, allow_pickle=False) as z:
        assert set(z.files) == {"W_in", "W_out", "vocab"}
        W, W_out, vocab = z["W_in"], z["W_out"], z["vocab"].tolist()
    model = Model.from_text(
        preset_text("loop"), APP_DEFAULTS.replace(hidden=2, output="hs")
    )  # the CLI defaults
    params = model.init_params()
    for s in range(1, 7):
        model.step(params, s)
    assert vocab == list(model.words)
    assert W.tobytes() == params.W.tobytes() and W_out.tobytes() == params.W_out.tobytes()
    # --weights starts from them
    out = tmp_path / "u.jsonl"
    r = run(
        "trace", "--preset", "loop", "--steps", 1, "--hidden", 2, "--output", "hs", "--weights", w, "-o", out
    )
    assert r.returncode == 0, r.stderr
    d = read_jsonl(out)[0]
    for v in d["in"]:
        assert np.array(v["before"]).tobytes() == W[v["id"]].tobytes()
    for v in d["out"]:
        assert np.array(v["before"]).tobytes() == W_out[:, v["id"]].tobytes()
    loaded, _ = load_weights(w, model.words, 2, "hs")
    assert loaded.equals(params)


def test_weights_mismatch_refused(tmp_path):
    w = tmp_path / "loop.npz"
    assert run("trace", "--preset", "loop", "--steps", 1, "--hidden", 2, "--save-weights", w).returncode == 0
    for extra in (
        ["--preset", "royalty", "--hidden", 2],  # another vocabulary
        ["--preset", "loop", "--hidden", 3],  # another N
        ["--preset", "loop", "--hidden", 2, "--output", "hs"],
    ):  # V−1 output vectors needed
        out = tmp_path / "x.jsonl"
        assert_error(run("trace", "--steps", 1, "--weights", w, "-o", out, *extra), out)


# ---------------------------------------------------------------------------------------------------------
def test_tree_loop():
    r = run("tree", "--preset", "loop")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip("\n").split("\n")
    counts = collections.Counter(preset_text("loop").split())
    rows = lines[1:]
    assert len(rows) == len(counts)
    words = []
    for line in rows:
        parts = line.split()
        word, count, code, path = parts[0], int(parts[1]), parts[2], parts[3:]
        words.append(word)
        assert count == counts[word]
        assert set(code) <= {"0", "1"} and len(path) == len(code)
        assert all(p.startswith("n") for p in path)
        assert path[0] == f"n{len(counts) - 2}"  # root first
    assert sorted(words) == sorted(counts)
    codes = [line.split()[2] for line in rows]
    assert not any(a != b and b.startswith(a) for a in codes for b in codes)  # prefix-free
    # the printed tree is the engine's tree of the vocabulary (descending counts)
    tree = build_huffman([int(line.split()[1]) for line in rows])
    assert codes == ["".join(map(str, c.tolist())) for c in tree.codes]
    assert [line.split()[3:] for line in rows] == [[f"n{n}" for n in p.tolist()] for p in tree.points]


def test_tree_chinese_and_errors(tmp_path):
    r = run("tree", "--preset", "chinese")
    assert r.returncode == 0 and "国王" in r.stdout
    empty = tmp_path / "e.txt"
    empty.write_text("  \n")
    assert_error(run("tree", "--corpus", empty))
    assert_error(run("tree", "--preset", "no-such-preset"))


def test_list_presets():
    r = run("--list-presets")
    assert r.returncode == 0 and r.stderr == ""
    names = r.stdout.strip("\n").split("\n")
    assert names == list_presets()
    assert "loop" in names and len(names) == len(set(names))
    cjk = [n for n in names if any("\u4e00" <= ch <= "\u9fff" for ch in preset_text(n))]
    assert cjk, "a Chinese preset"
    for n in names:  # every listed preset works
        Model.from_text(preset_text(n), Config())


# ---------------------------------------------------------------------------------------------------------
def _bad_cases(tmp_path):
    f = {}

    def file(name, data: bytes):
        p = tmp_path / name
        p.write_bytes(data)
        f[name] = p
        return p

    royal = b"the king rules the land\nthe queen rules the land\n"
    file("royal.txt", royal)
    file("empty.txt", b"")
    file("blank.txt", b" \n\n\t\n")
    file("one.txt", b"word word word\nword\n")
    file("latin1.txt", "caf\xe9 au lait\nthe king\n".encode("latin-1"))
    file("nul.txt", b"the king\x00 rules\n")
    file("pairs.txt", b"a|b, c|d e\n")
    file("single.txt", b"alpha\nbeta\n")
    # weights for another run: other shapes, other vocabulary, damaged
    from explorer.engine.params import save_weights

    m = Model.from_text(royal.decode(), Config(hidden=5))
    p = m.init_params()
    save_weights(tmp_path / "n5.npz", p, m.words)
    save_weights(tmp_path / "vocab.npz", p, list(m.words)[::-1])
    import io

    buf = io.BytesIO()
    np.savez_compressed(buf, W_in=p.W, W_out=p.W_out, vocab=np.array(m.words))
    data = bytearray(buf.getvalue())
    data[len(data) // 3 : len(data) // 3 + 40] = b"\x00" * 40
    file("damaged.npz", bytes(data))
    file("garbage.npz", b"not a zip file at all")
    R = str(f["royal.txt"])
    return {
        "empty corpus": ["--corpus", f["empty.txt"]],
        "blank corpus": ["--corpus", f["blank.txt"]],
        "one distinct word": ["--corpus", f["one.txt"]],
        "no examples": ["--corpus", f["single.txt"]],
        "window 0": ["--corpus", R, "--window", 0],
        "hidden 0": ["--corpus", R, "--hidden", 0],
        "lr 0": ["--corpus", R, "--lr", 0],
        "lr < 0": ["--corpus", R, "--lr=-0.5"],
        "non-UTF-8": ["--corpus", f["latin1.txt"]],
        "NUL bytes": ["--corpus", f["nul.txt"]],
        "missing corpus": ["--corpus", tmp_path / "nope.txt"],
        "folder as corpus": ["--corpus", tmp_path],
        "unknown preset": ["--preset", "no-such-preset"],
        "weights wrong shape": ["--corpus", R, "--hidden", 4, "--weights", tmp_path / "n5.npz"],
        "weights wrong vocab": ["--corpus", R, "--hidden", 5, "--weights", tmp_path / "vocab.npz"],
        "weights damaged": ["--corpus", R, "--hidden", 5, "--weights", f["damaged.npz"]],
        "weights not npz": ["--corpus", R, "--hidden", 5, "--weights", f["garbage.npz"]],
        "weights missing": ["--corpus", R, "--weights", tmp_path / "nope.npz"],
        "negative 0 with ns": ["--corpus", R, "--output", "ns", "--negative", 0],
        "one-word vocabulary with hs": ["--corpus", f["one.txt"], "--output", "hs"],
        "min-count leaves one word, hs": ["--corpus", R, "--output", "hs", "--min-count", 4],
        "ns-power < 0": ["--corpus", R, "--output", "ns", "--ns-power=-1"],
        "sample < 0": ["--corpus", R, "--mode", "reference", "--sample=-0.1"],
        "pairs syntax error": ["--corpus", f["pairs.txt"], "--format", "pairs"],
        "seed < 0": ["--corpus", R, "--seed=-1"],
        "epochs 0": ["--corpus", R, "--epochs", 0],
        "steps < 0": ["--corpus", R, "--steps=-1"],
        "no corpus": [],
        "window not a number": ["--corpus", R, "--window", "two"],
        "unknown option": ["--corpus", R, "--frobnicate"],
        "unknown output": ["--corpus", R, "--output", "magic"],
    }


def test_bad_input_one_line_error_exit_2_no_output(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    def run_args(cmd):
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)

    cases = _bad_cases(tmp_path)
    jobs = []
    for name, extra in cases.items():
        out = tmp_path / f"out-{len(jobs)}.jsonl"
        args = ["trace", *extra, "-o", out]
        if not any(str(a).startswith("--steps") for a in extra):
            args += ["--steps", 3]
        jobs.append((name, out, [PY, "main.py", *map(str, args)]))
    # each case is a separate python, a few at a time: 31 at once on a busy machine outran any timeout
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = list(pool.map(lambda job: run_args(job[2]), jobs))
    failures = []
    for (name, out, _cmd), r in zip(jobs, done):
        try:
            assert_error(r, out)
        except AssertionError as exc:
            failures.append(f"{name}: {exc}")
    assert not failures, "\n".join(failures)


def test_trace_needs_steps():
    assert_error(run("trace", "--preset", "loop"))
