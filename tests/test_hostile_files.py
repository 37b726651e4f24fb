"""Hostile files (issue 17): bombs, lying headers, histories that cannot be replayed, odd weight types.

Every bomb is small on disk and is loaded in a child process whose memory is capped (tests/hostile.py), so a
regression fails with a MemoryError in the child, not by exhausting the machine.
"""

import io
import json
import re
import zipfile

import numpy as np
import pytest
from conftest import ROYAL
from hostile import deflate_zeros, npy_header, run_capped, run_cli_capped, write_zip

from explorer.engine import Config
from explorer.engine.params import load_weights, save_weights
from explorer.errors import ExplorerError, FileFormatError
from explorer.session import Session
from explorer.session.persistence import MAX_SCHEDULE_ENTRIES, MAX_STEPS

BOMB = 100 * 16 * 2**20  # 1.6 GB of zeros when inflated


def _members(path) -> list:
    with zipfile.ZipFile(path) as z:
        return [(n, z.read(n)) for n in z.namelist()]


def _saved(tmp_path, steps=30, **cfg) -> tuple:
    s = Session(ROYAL, Config(hidden=3, **cfg))
    s.step_forward(steps)
    path = tmp_path / "good.w2vx"
    s.save(path)
    return s, path


def _with(members, **replace) -> list:
    return [(n, replace.get(n, d)) for n, d in members]


def _load_error_capped(path) -> str:
    code = (
        "from explorer.session import Session\n"
        "from explorer.errors import FileFormatError\n"
        f"try:\n    Session.load({str(path)!r})\nexcept FileFormatError as exc:\n    print('ERR', exc)\n"
    )
    res = run_capped(code, extra_mb=300)
    assert res.returncode == 0 and "Traceback" not in res.stderr, (res.stdout, res.stderr)
    assert res.stdout.startswith("ERR ") and res.stdout.count("\n") == 1, res.stdout
    return res.stdout[4:].strip()


# -- item 5: zip bombs ------------------------------------------------------------------------------------
def test_session_losses_bomb_is_refused_before_inflating(tmp_path):
    s, good = _saved(tmp_path)
    members = _members(good)
    meta = json.loads(dict(members)["session.json"])
    furthest = BOMB // 8
    meta["furthest"] = furthest
    header = npy_header("<f8", (furthest,))
    bomb = (deflate_zeros(BOMB, prefix=header), len(header) + BOMB)
    path = tmp_path / "bomb.w2vx"
    write_zip(path, _with(members, **{"session.json": json.dumps(meta).encode(), "losses.npy": bomb}))
    assert path.stat().st_size < 3 * 2**20
    msg = _load_error_capped(path)
    assert f"{furthest} computed steps" in msg and f"{MAX_STEPS:,}" in msg, msg


def test_session_member_that_inflates_past_its_declared_size_is_cut_off(tmp_path):
    """The zip directory may lie about a member's size: reading stops at the size the header declares."""
    s, good = _saved(tmp_path)
    members = _members(good)
    header = npy_header("<f8", (s.furthest,))
    bomb = (deflate_zeros(BOMB, prefix=header), len(header) + 8 * s.furthest)  # the directory says: small
    path = tmp_path / "liar.w2vx"
    write_zip(path, _with(members, **{"losses.npy": bomb}))
    msg = _load_error_capped(path)
    assert "damaged" in msg and "'losses.npy'" in msg, msg  # zipfile stops at the declared size (bad CRC)


def test_weights_bomb_is_refused_before_inflating(tmp_path):
    header = npy_header("<f8", (BOMB // 800, 100))
    path = tmp_path / "bomb.npz"
    write_zip(
        path,
        [
            ("W_in.npy", (deflate_zeros(BOMB, prefix=header), len(header) + BOMB)),
            ("W_out.npy", _npy(np.zeros((100, 3)))),
            ("vocab.npy", _npy(np.array(["a", "b", "c"]))),
        ],
    )
    assert path.stat().st_size < 3 * 2**20
    code = (
        "from explorer.engine.params import load_weights\nfrom explorer.errors import FileFormatError\n"
        f"try:\n    load_weights({str(path)!r})\nexcept FileFormatError as exc:\n    print('ERR', exc)\n"
    )
    res = run_capped(code)
    assert res.stdout.startswith("ERR ") and "W_in" in res.stdout and "limit" in res.stdout, (
        res.stdout,
        res.stderr,
    )
    # the command line, which knows the vocabulary, says what does not match
    res = run_cli_capped(["trace", "--preset", "royalty", "--steps", 1, "--weights", path])
    assert res.returncode == 2 and res.stderr.startswith("error: ") and res.stderr.count("\n") == 1, (
        res.stderr
    )
    assert "words" in res.stderr and "vocabulary" in res.stderr


def _npy(a) -> bytes:
    buf = io.BytesIO()
    np.save(buf, a, allow_pickle=False)
    return buf.getvalue()


# -- item 6: an .npy header declaring a huge shape -------------------------------------------------------
def test_npy_header_with_a_huge_shape_is_refused_before_allocating(tmp_path):
    s, good = _saved(tmp_path)
    members = _members(good)
    path = tmp_path / "huge.w2vx"
    write_zip(path, _with(members, **{"W.npy": npy_header("<f8", (10**12, 3))}))
    msg = _load_error_capped(path)
    assert "'W.npy' is" in msg or "array 'W' has shape" in msg, msg
    wpath = tmp_path / "huge.npz"
    write_zip(
        wpath,
        [
            ("W_in.npy", npy_header("<f8", (10**9, 10**3))),
            ("W_out.npy", _npy(np.zeros((3, 3)))),
            ("vocab.npy", _npy(np.array(["a", "b", "c"]))),
        ],
    )
    res = run_capped(
        "from explorer.engine.params import load_weights\nfrom explorer.errors import FileFormatError\n"
        f"try:\n    load_weights({str(wpath)!r})\nexcept FileFormatError as exc:\n    print('ERR', exc)\n"
    )
    assert res.stdout.startswith("ERR ") and "limit" in res.stdout, (res.stdout, res.stderr)


def test_memory_error_while_loading_is_one_line(tmp_path, monkeypatch):
    s, good = _saved(tmp_path)
    import explorer.session.persistence as persistence

    def boom(*a, **k):
        raise MemoryError

    monkeypatch.setattr(persistence, "_build", boom)
    with pytest.raises(FileFormatError, match="does not fit in memory"):
        Session.load(good)


# -- item 4: a history that cannot be replayed is refused by load, before anything is swapped in ---------
def _edited(tmp_path, name, edit, **cfg):
    s, good = _saved(tmp_path, steps=40, **cfg)
    members = _members(good)
    meta = json.loads(dict(members)["session.json"])
    edit(meta)
    path = tmp_path / name
    write_zip(path, _with(members, **{"session.json": json.dumps(meta).encode()}))
    return path


def test_schedule_entry_that_blows_up_on_replay_is_refused(tmp_path):
    path = _edited(tmp_path, "lr.w2vx", lambda m: m["schedule"].append([20, 1e308]))
    with pytest.raises(FileFormatError) as info:
        Session.load(path)
    assert "cannot be replayed" in str(info.value) or "inconsistent" in str(info.value)


def test_changed_configuration_whose_shapes_still_fit_is_refused(tmp_path):
    path = _edited(tmp_path, "ns.w2vx", lambda m: m["config"].update(negative=1000), output="ns")
    with pytest.raises(FileFormatError, match="inconsistent|cannot be replayed"):
        Session.load(path)


def test_the_app_keeps_its_session_when_a_file_cannot_be_replayed(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from explorer.qt.main_window import MainWindow

    path = _edited(tmp_path, "lr.w2vx", lambda m: m["schedule"].append([20, 1e308]))
    settings = QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)
    current = Session(ROYAL, Config(hidden=4))
    current.step_forward(3)
    w = MainWindow(current, settings=settings, restore_layout=False)
    qtbot.addWidget(w)
    problems = []
    w.state.events.problem.connect(problems.append)  # every command's one error policy reports here
    assert not w.open_session(str(path))
    assert w.session is current and current.step == 3
    assert len(problems) == 1 and "\n" not in problems[0].text and str(path) in problems[0].text
    w.close()


def test_schedule_and_bookmark_caps(tmp_path):
    many = [[i, 0.1] for i in range(1, MAX_SCHEDULE_ENTRIES + 2)]
    path = _edited(tmp_path, "sched.w2vx", lambda m: m.update(schedule=many))
    with pytest.raises(FileFormatError, match="schedule entries; the limit is"):
        Session.load(path)
    path = _edited(tmp_path, "bm.w2vx", lambda m: m.update(bookmarks=[["x" * 10_000, 1]]))
    with pytest.raises(FileFormatError, match="invalid bookmark"):
        Session.load(path)


# -- item 7: the window (and other multipliers) are capped, in files too ---------------------------------
@pytest.mark.parametrize(
    "change, expect",
    [
        (dict(window=10**6), "window m (words on each side) must be at most 100, got 1000000"),
        (dict(window=10**18), "window m (words on each side) must be at most 100"),
        (dict(hidden=10**6), "hidden size N must be at most 10000"),
        (dict(negative=10**6), "negative must be at most 1000"),
        (dict(ns_power=1e308), "ns power must be at most 10"),
    ],
)
def test_caps_are_one_line_errors(tmp_path, change, expect):
    with pytest.raises(ExplorerError, match=re.escape(expect)):
        Config(**change)
    path = _edited(tmp_path, "cfg.w2vx", lambda m: m["config"].update(change))
    with pytest.raises(FileFormatError, match="invalid configuration"):
        Session.load(path)


def test_full_softmax_vocabulary_times_n_is_capped():
    words = " ".join(f"w{i}" for i in range(3000))
    with pytest.raises(ExplorerError, match=r"full softmax with V × N = 3000 × 5000 .* limit is 10,000,000"):
        Session(words + "\n", Config(hidden=5000))
    Session(words + "\n", Config(hidden=5000, output="hs"))  # hs touches log V vectors: allowed


# -- item 11: weights must be real floating-point arrays; misleading messages --------------------------
@pytest.mark.parametrize("dtype", [np.complex128, np.bool_, "U3", np.int64])
def test_weights_of_other_types_are_refused(tmp_path, dtype):
    path = tmp_path / "w.npz"
    buf = io.BytesIO()
    np.savez(buf, W_in=np.zeros((3, 2), dtype=dtype), W_out=np.zeros((2, 3)), vocab=np.array(["a", "b", "c"]))
    path.write_bytes(buf.getvalue())
    with _no_warnings():  # complex used to be cast with a two-line ComplexWarning
        with pytest.raises(FileFormatError, match="real floating-point"):
            load_weights(path)


class _no_warnings:
    def __enter__(self):
        import warnings

        self._cm = warnings.catch_warnings()
        self._cm.__enter__()
        warnings.simplefilter("error")

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)


def test_weights_float32_is_still_accepted(tmp_path):
    path = tmp_path / "w.npz"
    buf = io.BytesIO()
    np.savez(
        buf,
        W_in=np.ones((3, 2), np.float32),
        W_out=np.ones((2, 3), np.float16),
        vocab=np.array(["a", "b", "c"]),
    )
    path.write_bytes(buf.getvalue())
    params, words = load_weights(path, ["a", "b", "c"], 2, "softmax")
    assert params.W.dtype == np.float64 and words == ["a", "b", "c"]


def test_weights_file_of_the_wrong_kind_says_what_it_is(tmp_path):
    text = tmp_path / "notes.npz"
    text.write_text("just some text\n")
    with pytest.raises(FileFormatError) as info:
        load_weights(text)
    assert "not an .npz archive" in str(info.value) and "pickle" not in str(info.value)
    single = tmp_path / "single.npz"
    np.save(single.with_suffix(".npy"), np.zeros((2, 2)))
    single.with_suffix(".npy").rename(single)
    with pytest.raises(FileFormatError) as info:
        load_weights(single)
    assert "single .npy array" in str(info.value) and "context manager" not in str(info.value)
    # a real weights file still loads
    s = Session(ROYAL, Config(hidden=3))
    save_weights(tmp_path / "ok.npz", s.params, s.model.words)
    assert load_weights(tmp_path / "ok.npz", s.model.words, 3, "softmax")[0].equals(s.params)


# -- item 8: the app never hands a huge corpus to its text widget at once --------------------------------
@pytest.mark.parametrize(
    "text",
    ["w" * 1_000_000 + " b\nb c\n", "\n" * 5_000_000 + "a b\nb c\n"],
    ids=["one 1 MB word", "5M blank lines"],
)
def test_app_shows_a_large_corpus_as_a_read_only_preview(qtbot, tmp_path, text):
    from PySide6.QtCore import QSettings

    from explorer.qt.corpus_text import corpus_text, is_preview
    from explorer.qt.main_window import MainWindow
    from explorer.session.corpus_display import PREVIEW_LINE_CHARS, PREVIEW_LINES

    settings = QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)
    w = MainWindow(Session(ROYAL, Config(hidden=3)), settings=settings, restore_layout=False)
    qtbot.addWidget(w)
    panel = w.setup_panel
    panel.load_text(text)
    editor = panel.corpus
    assert is_preview(editor) and editor.isReadOnly()
    assert len(editor.toPlainText()) <= (PREVIEW_LINES + 1) * (PREVIEW_LINE_CHARS + 3)
    assert corpus_text(editor) == text
    session = panel.build_session()
    assert session is not None and session.text == text  # trained on the whole corpus, not the preview
    panel.load_text(ROYAL)  # a small corpus is editable again
    assert not is_preview(editor) and not editor.isReadOnly() and editor.toPlainText() == ROYAL
    w.close()
