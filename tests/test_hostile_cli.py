"""Hostile outputs and unlucky users on the command line (issue 17): FIFOs, devices and symbolic links as
outputs, an output that is an input, write errors on standard output, a kill during a save, long or
misleading error lines. Real processes where the behaviour is the process' (exit status, stderr, signals)."""

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from explorer.cli.main import main
from explorer.engine.outputs import atomic_file, output_kind, stale_temp_files
from explorer.errors import ExplorerError
from explorer.session import Session

ROOT = Path(__file__).resolve().parents[1]
TRACE = ["trace", "--preset", "royalty", "--steps", "3"]


def cli(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "main.py", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )


def one_error_line(res, status=2) -> str:
    assert res.returncode == status, (res.returncode, res.stderr)
    assert "Traceback" not in res.stderr and res.stderr.startswith("error: "), res.stderr
    assert res.stderr.count("\n") == 1, res.stderr
    return res.stderr


# -- item 2: FIFOs, devices, symbolic links ---------------------------------------------------------------
def test_fifo_output_is_streamed_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    res = cli(*TRACE, "-o", fifo)
    reader.join(60)
    assert res.returncode == 0, res.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert len(got[0].splitlines()) == 3 and got[0] == cli(*TRACE).stdout


def test_device_output_is_written_directly_not_replaced():
    assert output_kind("/dev/null") == "stream"  # written to, never renamed over
    assert output_kind("-") == "stdout"
    with atomic_file("/dev/null", "w") as f:
        f.write("x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_symlink_output_replaces_its_target_and_stays_a_link(tmp_path):
    real = tmp_path / "real" / "trace.jsonl"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    res = cli(*TRACE, "-o", link)
    assert res.returncode == 0, res.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == cli(*TRACE).stdout
    assert [p.name for p in real.parent.iterdir()] == ["trace.jsonl"]


def test_folder_block_device_and_socket_are_refused(tmp_path):
    with pytest.raises(ExplorerError, match="is a folder"):
        output_kind(tmp_path)
    import socket

    sock_path = tmp_path / "s"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(sock_path))
    try:
        with pytest.raises(ExplorerError, match="is a socket"):
            output_kind(sock_path)
    finally:
        s.close()


# -- item 3: an output that is an input --------------------------------------------------------------------
def test_output_onto_the_corpus_is_refused(tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text("the king rules the land\nthe queen rules the land\n")
    before = corpus.read_bytes()
    err = one_error_line(cli("trace", "--corpus", corpus, "--steps", 2, "-o", corpus))
    assert "same file as --corpus" in err
    err = one_error_line(cli("train", "--corpus", corpus, "--steps", 2, "--export-vectors", corpus))
    assert "--export-vectors" in err and "same file as --corpus" in err
    hard = tmp_path / "hard.txt"
    os.link(corpus, hard)  # another name for the same file
    one_error_line(cli("trace", "--corpus", corpus, "--steps", 2, "-o", hard))
    assert corpus.read_bytes() == before


def test_output_onto_weights_or_session_is_refused(tmp_path):
    w = tmp_path / "w.npz"
    s = tmp_path / "s.w2vx"
    assert cli("train", "--preset", "royalty", "--steps", 2, "--save", s, "--save-weights", w).returncode == 0
    before = (w.read_bytes(), s.read_bytes())
    err = one_error_line(cli("trace", "--preset", "royalty", "--steps", 1, "--weights", w, "-o", w))
    assert "same file as --weights" in err
    err = one_error_line(cli("trace", "--load", s, "--steps", 1, "-o", s))
    assert "same file as --load" in err
    assert (w.read_bytes(), s.read_bytes()) == before


# -- item 10: write errors on standard output --------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        TRACE,
        ["tree", "--preset", "royalty"],
        ["train", "--preset", "royalty", "--steps", "3", "-q"],
        ["--list-presets"],
    ],
)
def test_standard_output_full_is_one_error_line(args):
    with open("/dev/full", "w") as full:
        res = subprocess.run(
            [sys.executable, "main.py", *args],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    err = one_error_line(subprocess.CompletedProcess(args, res.returncode, "", res.stderr))
    assert "cannot write to standard output: No space left on device" in err


def test_reader_leaving_early_is_silent():
    p = subprocess.Popen(
        [sys.executable, "main.py", "trace", "--preset", "royalty", "--steps", "3000"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    p.stdout.readline()
    p.stdout.close()
    assert p.wait(120) == 0
    assert p.stderr.read() == b""


# -- item 11: a blow-up keeps an existing output; long and misleading error lines ---------------------------
def test_blow_up_at_step_one_leaves_an_existing_output_as_it_was(tmp_path):
    out = tmp_path / "t.jsonl"
    out.write_text("precious\n")
    res = cli("trace", "--preset", "royalty", "--steps", 5, "--lr", 1e200, "-o", out)
    err = one_error_line(res, status=3)
    assert "step 1:" in err and "not written" in err
    assert out.read_text() == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.jsonl"]


def test_error_lines_are_one_screen_line_with_values_shortened(tmp_path):
    bogus = "x" * 100_000  # the longest single argument Linux passes is 128 KB
    for args in (
        ["trace", "--preset", "royalty", "--steps", 1, "--arch", bogus],
        ["trace", "--corpus", tmp_path / ("y" * 200), "--steps", 1],
    ):
        err = one_error_line(cli(*args))
        assert len(err) <= 201 and "…" in err, err


def test_ns_power_that_overflows_is_refused():
    err = one_error_line(cli(*TRACE, "--output", "ns", "--ns-power", 1e308))
    assert "ns power must be at most 10" in err and "1e+308" in err


def test_window_caps_on_the_command_line():
    err = one_error_line(cli(*TRACE, "--window", 10**18))
    assert "window m (words on each side) must be at most 100" in err


def test_utf16_corpus_is_called_utf16(tmp_path):
    for name, data in (
        ("bom.txt", "the king rules\n".encode("utf-16")),
        ("nobom.txt", "the king rules\nthe queen rules\n".encode("utf-16-le")),
    ):
        (tmp_path / name).write_bytes(data)
        err = one_error_line(cli("tree", "--corpus", tmp_path / name))
        assert "UTF-16" in err and "binary" not in err


def test_write_error_in_process_is_an_error_line(capsys, monkeypatch):
    class Full:
        def write(self, s):
            raise OSError(28, "No space left on device")

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", Full())
    assert main(["tree", "--preset", "royalty"]) == 2
    assert capsys.readouterr().err == "error: cannot write to standard output: No space left on device\n"


# -- kill during a save ---------------------------------------------------------------------------------
_SAVER = r"""
import sys
from explorer.engine import Config
from explorer.session import Session
from explorer.engine.presets import preset_text
s = Session(preset_text("royalty"), Config(hidden=200), checkpoint_interval=1)
s.step_forward(30)
s.save(sys.argv[1])
print("saved", flush=True)
while True:
    s.save(sys.argv[1])
"""


def test_kill_during_save_leaves_the_old_file_and_the_next_save_tidies_up(tmp_path):
    target = tmp_path / "s.w2vx"
    for _attempt in range(20):
        p = subprocess.Popen(
            [sys.executable, "-c", _SAVER, str(target)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert p.stdout.readline().strip() == "saved", p.stderr.read()
        deadline = time.monotonic() + 30
        while not stale_temp_files(tmp_path, target.name) and not any(
            n.startswith(".s.w2vx.") for n in os.listdir(tmp_path)
        ):
            assert time.monotonic() < deadline
        p.send_signal(signal.SIGKILL)
        p.wait(10)
        temps = [n for n in os.listdir(tmp_path) if n.startswith(".s.w2vx.")]
        if temps:
            break
    assert temps, "never caught a save in the act"
    assert Session.load(target).step == 30  # the old file, complete
    assert [t.name for t in stale_temp_files(tmp_path, target.name)] == temps  # its writer is gone
    s = Session.load(target)
    s.step_forward(1)
    s.save(target)  # the next save beside the target removes what the killed one left
    assert sorted(os.listdir(tmp_path)) == ["s.w2vx"]
    assert Session.load(target).step == 31
