"""``figure`` and ``animate`` on the command line: output, --list-panels, and bad input (one error line,
exit status 2, nothing written)."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from explorer.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
BASE = ["--preset", "royalty", "--hidden", "4"]


def test_list_panels(capsys):
    assert main(["figure", "--list-panels"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert names == [
        "network",
        "inspector",
        "equations",
        "walk",
        "heatmap",
        "loss",
        "projection",
        "neighbours",
        "tree",
        "samples",
    ]


def test_figure_command_in_a_fresh_process(tmp_path):
    out = tmp_path / "f.svg"
    r = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "figure",
            str(out),
            "--panels",
            "network,equations",
            "--size",
            "640x360",
            "--steps",
            "2",
            "--phase",
            "error",
            *BASE,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    root = ET.fromstring(out.read_bytes())
    words = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any("Step 2 (error)" in w for w in words)
    assert any("2. Error" in w for w in words) and not any("3. Output" in w for w in words)


def test_figure_in_chinese(tmp_path):
    out = tmp_path / "zh.svg"
    r = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "figure",
            str(out),
            "--panels",
            "network,loss",
            "--lang",
            "zh_CN",
            "--size",
            "400x300",
            "--steps",
            "1",
            *BASE,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    words = [
        "".join(t.itertext())
        for t in ET.fromstring(out.read_bytes()).iter("{http://www.w3.org/2000/svg}text")
    ]
    assert "网络" in words and "损失" in words  # the panels' titles in Chinese


def test_figure_png_and_pdf(qtbot, tmp_path, capsys):
    from PySide6.QtGui import QImage

    assert main(["figure", str(tmp_path / "f.png"), "--size", "300x200", "--steps", "1", *BASE]) == 0
    img = QImage(str(tmp_path / "f.png"))
    assert (img.width(), img.height()) == (300, 200)
    assert main(["figure", str(tmp_path / "f.pdf"), "--panels", "loss", "--size", "400x300", *BASE]) == 0
    assert (tmp_path / "f.pdf").read_bytes().startswith(b"%PDF")
    assert "wrote" in capsys.readouterr().out


def test_animate_command(qtbot, tmp_path, capsys):
    from PIL import Image

    out = tmp_path / "a.gif"
    assert (
        main(["animate", str(out), "--from", "2", "--to", "3", "--phases", "--size", "240x160", *BASE]) == 0
    )
    with Image.open(out) as im:
        assert im.n_frames == 8 and im.size == (240, 160)
    assert "8 frames" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args,message",
    [
        (["figure", "OUT.png", "--panels", "network,nope"], "unknown panel 'nope'"),
        (["figure", "OUT.bmp"], "cannot tell the format"),
        (["figure", "OUT"], "cannot tell the format"),
        (["figure", "OUT.svg", "--size", "199x150"], "too small"),
        (["figure", "OUT.svg", "--size", "8001x600"], "too large"),
        (["figure", "OUT.svg", "--size", "big"], "WIDTHxHEIGHT"),
        (["figure", "OUT.svg", "--scale", "0"], "scale"),
        (["figure", "OUT.svg", "--phase", "error"], "--phase needs --steps"),
        (["figure", "OUT.svg", "--steps", "2", "--phase", "sideways"], "unknown phase"),
        (["figure", "OUT.svg", "--lang", "xx"], "unknown language"),
        (["figure", "missing/OUT.svg"], "does not exist"),
        (["figure", "."], "format"),
        (["animate", "OUT.gif", "--from", "5", "--to", "2"], "--from 5 is after --to 2"),
        (["animate", "OUT.mov", "--to", "2"], "cannot tell the format"),
        (["animate", "OUT.mp4", "--to", "2", "--size", "301x200"], "even width"),
        (["animate", "OUT.gif", "--to", "2", "--fps", "0"], "frame rate"),
        (["animate", "OUT.gif", "--to", "40", "--size", "8000x8000", "--phases"], "GiB"),
        (["animate", "missing/OUT.gif", "--to", "2"], "does not exist"),
    ],
)
def test_bad_input_is_one_error_line_and_writes_nothing(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    status = main([*args, *BASE])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err, err
    assert list(tmp_path.iterdir()) == []


def test_a_folder_as_output_is_refused(tmp_path, capsys):
    (tmp_path / "x.svg").mkdir()
    assert main(["figure", str(tmp_path / "x.svg"), *BASE]) == 2
    assert "it is a folder" in capsys.readouterr().err


def test_no_corpus_is_an_error(tmp_path, capsys):
    assert main(["figure", str(tmp_path / "x.svg")]) == 2
    assert "--preset" in capsys.readouterr().err
