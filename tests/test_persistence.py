"""Session files (.w2vx) and exports: exact round trips, continuation, damaged files, gensim compatibility."""

import csv
import io
import json
import os
import zipfile

import numpy as np
import pytest
from conftest import ROYAL
from gensim.models import KeyedVectors

from explorer.engine import Config, Model
from explorer.engine.params import load_weights
from explorer.engine.presets import preset_text
from explorer.errors import ExplorerError, FileFormatError
from explorer.session import Session, persistence
from explorer.session.exports import (
    LOSS_CSV_HEADER,
    export_loss_csv,
    export_trace,
    export_vectors,
    export_weights,
    trace_line,
    write_word2vec,
)
from explorer.session.persistence import FORMAT_VERSION, MEMBERS, read_manifest
from explorer.session.session import FAST_THRESHOLD


def cfg(**kw) -> Config:
    kw.setdefault("hidden", 4)
    kw.setdefault("window", 2)
    kw.setdefault("negative", 3)
    return Config(**kw)


def busy_session(**kw) -> Session:
    """A session with history: steps, an lr change, undo (redo available), bookmarks, a sub-step."""
    s = Session(ROYAL, cfg(**kw), name="royal test", checkpoint_interval=8)
    s.step_forward(20)
    s.add_bookmark("twenty")
    s.set_lr(0.25)
    s.step_forward(15)
    for _ in range(4):
        s.undo()
    return s


def same_state(a: Session, b: Session) -> None:
    assert a.params.equals(b.params) and a.initial.equals(b.initial)
    assert (a.step, a.furthest, a.phase_index, a.name) == (b.step, b.furthest, b.phase_index, b.name)
    assert a.config == b.config and a.text == b.text and a.model.words == b.model.words
    assert a.schedule.to_list() == b.schedule.to_list()
    assert a.loss_series().tobytes() == b.loss_series().tobytes()
    assert a.lrs.view()[: a.furthest].tobytes() == b.lrs.view()[: b.furthest].tobytes()
    assert a.epoch_losses == b.epoch_losses and a.bookmarks == b.bookmarks
    assert a.checkpoints.steps() == b.checkpoints.steps()
    for (sa, pa), (sb, pb) in zip(a.checkpoints.items(), b.checkpoints.items()):
        assert sa == sb and pa.equals(pb)


# -- round trips ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("output", ["softmax", "hs", "ns"])
@pytest.mark.parametrize("arch", ["cbow", "skipgram"])
@pytest.mark.parametrize("mode", ["paper", "reference"])
def test_save_load_continue_equals_uninterrupted(tmp_path, arch, output, mode):
    a = busy_session(arch=arch, output=output, mode=mode)
    b = busy_session(arch=arch, output=output, mode=mode)
    path = tmp_path / "s.w2vx"
    a.save(path)
    c = Session.load(path)
    same_state(a, c)
    # redo, undo and seek work after load, and agree with the session that was saved
    for s in (b, c):
        s.redo()
        s.seek(3)
        s.undo()
        s.seek(s.furthest)
    assert b.params.equals(c.params)
    # continue: new steps (a new branch), then a fast run, on both
    for s in (b, c):
        s.seek(25)
        s.step_forward(7)
        s.run(FAST_THRESHOLD + 30)
    same_state(b, c)
    assert b.params.W.tobytes() == c.params.W.tobytes()


def test_saving_twice_gives_the_same_bytes_and_a_normal_file_mode(tmp_path):
    s = busy_session()
    s.save(tmp_path / "a.w2vx")
    Session.load(tmp_path / "a.w2vx").save(tmp_path / "b.w2vx")
    assert (tmp_path / "a.w2vx").read_bytes() == (tmp_path / "b.w2vx").read_bytes()
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(tmp_path / "a.w2vx").st_mode & 0o777 == 0o666 & ~umask
    m = read_manifest(tmp_path / "a.w2vx")
    assert m["format"] == "w2vx" and m["version"] == FORMAT_VERSION
    assert sorted(zipfile.ZipFile(tmp_path / "a.w2vx").namelist()) == sorted(MEMBERS)


@pytest.mark.parametrize("phases", [1, 2, 3])
def test_a_sub_stepped_example_is_saved_and_restored(tmp_path, phases):
    s = busy_session(output="ns")
    s.step_forward()  # a new branch at step 32
    for _ in range(phases):
        s.sub_step()
    s.save(tmp_path / "p.w2vx")
    t = Session.load(tmp_path / "p.w2vx")
    assert t.pending is not None and t.phase == s.phase and t.pending.step == s.pending.step
    assert t.params.equals(s.params)
    assert t.pending.out_after.tobytes() == s.pending.out_after.tobytes()
    for x in (s, t):
        while x.pending is not None:
            x.sub_step()
    assert t.params.equals(s.params) and t.step == s.step


def test_a_sub_step_back_into_the_history_keeps_redo_through_save_and_load(tmp_path):
    s = Session(ROYAL, cfg(output="hs"))
    s.run(FAST_THRESHOLD + 20)  # fast steps: the re-entered example must end on the fast state
    end = s.params.copy()
    for _ in range(2):
        s.sub_step_back()  # inside step 220, at its "error" phase; redo still possible
    assert s.furthest == 220 and s.step == 219 and s.phase == "error"
    s.save(tmp_path / "back.w2vx")
    t = Session.load(tmp_path / "back.w2vx")
    assert t.phase == "error" and t.furthest == 220 and t.params.equals(s.params)
    for x in (s, t):
        x.sub_step()
        x.sub_step()
        assert x.pending is None and x.step == 220 and x.params.equals(end)


def test_a_fast_run_and_a_long_history_round_trip(tmp_path):
    s = Session(preset_text("royalty"), cfg(output="hs"), checkpoint_interval=100)
    s.run(2000)
    s.step_forward(3)
    s.seek(1234)
    s.save(tmp_path / "f.w2vx")
    t = Session.load(tmp_path / "f.w2vx")
    same_state(s, t)
    for x in (s, t):
        x.seek(777)
        x.seek(x.furthest)
    assert s.params.equals(t.params)


def test_load_is_a_classmethod_that_leaves_existing_sessions_alone(tmp_path):
    s = busy_session()
    before = s.params.copy()
    bad = tmp_path / "bad.w2vx"
    bad.write_text("not a zip")
    with pytest.raises(FileFormatError):
        s.load(bad)
    assert s.params.equals(before) and s.step == 31


# -- damaged files ----------------------------------------------------------------------------------------
def members(path) -> dict:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def rewrite(path, items, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression=compress) as z:
        for name, data in items:
            z.writestr(name, data)


def npy(a) -> bytes:
    buf = io.BytesIO()
    np.save(buf, a, allow_pickle=True)
    return buf.getvalue()


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "good.w2vx"
    busy_session().save(path)
    return path


def load_error(path) -> str:
    with pytest.raises(FileFormatError) as info:
        Session.load(path)
    msg = str(info.value)
    assert "\n" not in msg and str(path) in msg
    return msg


def test_not_a_zip_empty_missing_folder(tmp_path, saved):
    (tmp_path / "text.w2vx").write_text("hello")
    assert "not a session file" in load_error(tmp_path / "text.w2vx")
    (tmp_path / "empty.w2vx").write_bytes(b"")
    assert "not a session file" in load_error(tmp_path / "empty.w2vx")
    assert "does not exist" in load_error(tmp_path / "nope.w2vx")
    assert "folder" in load_error(tmp_path)


@pytest.mark.parametrize("frac", [0.1, 0.5, 0.9, 0.999])
def test_truncated_file(tmp_path, saved, frac):
    data = saved.read_bytes()
    p = tmp_path / "cut.w2vx"
    p.write_bytes(data[: int(len(data) * frac)])
    load_error(p)


def test_flipped_bits_are_caught_by_the_checksums(tmp_path, saved):
    data = bytearray(saved.read_bytes())
    info = zipfile.ZipFile(saved).getinfo("W.npy")
    # inside W.npy's compressed data: the local header is 30 bytes + name
    pos = info.header_offset + 30 + len("W.npy") + info.compress_size // 2
    data[pos] ^= 0xFF
    p = tmp_path / "flip.w2vx"
    p.write_bytes(bytes(data))
    msg = load_error(p)
    assert "damaged" in msg and "W.npy" in msg


def test_future_version_and_other_formats(tmp_path, saved):
    m = members(saved)
    man = json.loads(m["manifest.json"])
    for change, expect in (
        (dict(version=FORMAT_VERSION + 1, generator="w2v-explorer 9.0"), "version 2"),
        (dict(format="something-else"), "not a session file"),
        (dict(version="1"), "invalid format version"),
    ):
        p = tmp_path / "v.w2vx"
        rewrite(
            p,
            [("manifest.json", json.dumps({**man, **change}))]
            + [(n, d) for n, d in m.items() if n != "manifest.json"],
        )
        assert expect in load_error(p)
    p = tmp_path / "nomanifest.w2vx"
    rewrite(p, [(n, d) for n, d in m.items() if n != "manifest.json"])
    assert "manifest.json" in load_error(p)


@pytest.mark.parametrize("member", [m for m in MEMBERS if m != "manifest.json"])
def test_each_missing_member_is_named(tmp_path, saved, member):
    m = members(saved)
    p = tmp_path / "missing.w2vx"
    rewrite(p, [(n, d) for n, d in m.items() if n != member])
    assert repr(member) in load_error(p)


@pytest.mark.parametrize(
    "key,array,expect",
    [
        ("W", np.zeros((3, 3)), "shape"),
        ("W_out", np.zeros((4, 10), np.float32), "type"),
        ("losses", np.zeros(5), "shape"),
        ("checkpoint_steps", np.array([1, 8]), "checkpoint steps"),
        ("checkpoint_steps", np.array([0.0, 8.0]), "int64"),
        ("initial_W", np.full((10, 4), np.nan), "non-finite"),
        ("lrs", -np.ones(35), "learning rate"),
        ("epoch_ids", np.array([0, 40]), "epoch"),
        ("W", np.array([{"a": 1}], dtype=object), "holds objects"),
    ],
)
def test_wrong_arrays(tmp_path, saved, key, array, expect):
    m = members(saved)
    m[f"{key}.npy"] = npy(array)
    p = tmp_path / "arr.w2vx"
    rewrite(p, m.items())
    msg = load_error(p)
    assert expect in msg, msg


def test_pickles_are_never_loaded(tmp_path, saved, monkeypatch):
    import pickle

    calls = []
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: calls.append(a))
    m = members(saved)
    m["W.npy"] = npy(np.array([object()], dtype=object))
    p = tmp_path / "pickle.w2vx"
    rewrite(p, m.items())
    load_error(p)
    assert calls == []


def test_zip_bomb_members_are_refused_before_reading(tmp_path, saved, monkeypatch):
    m = members(saved)
    m["W.npy"] = b"\0" * (64 * 2**20)  # 64 MB of zeros: a few KB compressed
    p = tmp_path / "bomb.w2vx"
    rewrite(p, m.items())
    assert p.stat().st_size < 2**20
    read = []
    orig = zipfile.ZipFile.open
    monkeypatch.setattr(
        zipfile.ZipFile,
        "open",
        lambda self, name, *a, **k: (read.append(getattr(name, "filename", name)), orig(self, name, *a, **k))[
            1
        ],
    )
    msg = load_error(p)
    assert "'W.npy' is 67108864 bytes, more than" in msg
    assert "W.npy" not in read


def test_path_tricks_and_duplicates(tmp_path, saved):
    m = members(saved)
    for evil in ("../evil.txt", "/etc/passwd", "a\\b.txt", "C:x"):
        p = tmp_path / "evil.w2vx"
        rewrite(p, list(m.items()) + [(evil, b"x")])
        assert "suspicious path" in load_error(p)
    p = tmp_path / "dup.w2vx"
    with pytest.warns(UserWarning):
        rewrite(p, list(m.items()) + [("W.npy", m["W.npy"])])
    assert "two members named 'W.npy'" in load_error(p)


@pytest.mark.parametrize(
    "change,expect",
    [
        (lambda d: d.update(config={**d["config"], "hidden": 0}), "invalid configuration"),
        (lambda d: d.update(config={**d["config"], "colour": 1}), "invalid configuration"),
        (lambda d: d.update(step=99), "invalid current step"),
        (lambda d: d.update(step=True), "invalid current step"),
        (lambda d: d.update(phase_index=3), "sub-step phase"),
        (lambda d: d.update(schedule=[[2, 0.1]]), "does not start at step 1"),
        (lambda d: d.update(schedule=[[1, "fast"]]), "schedule entry"),
        (lambda d: d.update(bookmarks=[["x", -1]]), "bookmark"),
        (lambda d: d.update(vocab=d["vocab"][::-1]), "vocabulary that differs"),
        (lambda d: d.update(V=3), "says V = 3"),
        (lambda d: d.update(fast_steps=[[5, 99]]), "fast-forwarded"),
        (lambda d: d.pop("furthest"), "has no 'furthest'"),
        (lambda d: d.update(corpus_format="xml"), "corpus format"),
    ],
)
def test_inconsistent_session_json(tmp_path, saved, change, expect):
    m = members(saved)
    d = json.loads(m["session.json"])
    change(d)
    m["session.json"] = json.dumps(d).encode()
    p = tmp_path / "meta.w2vx"
    rewrite(p, m.items())
    msg = load_error(p)
    assert expect in msg, msg


def test_invalid_json_and_corpus(tmp_path, saved):
    m = members(saved)
    p = tmp_path / "json.w2vx"
    rewrite(p, [(n, b"{not json" if n == "session.json" else d) for n, d in m.items()])
    assert "not valid JSON" in load_error(p)
    rewrite(p, [(n, b"\xff\xfe" if n == "corpus.txt" else d) for n, d in m.items()])
    assert "not UTF-8" in load_error(p)
    rewrite(p, [(n, b"one\n" if n == "corpus.txt" else d) for n, d in m.items()])
    assert "cannot be rebuilt" in load_error(p)


def test_current_params_must_match_their_checkpoint(tmp_path):
    s = Session(ROYAL, cfg(), checkpoint_interval=5)
    s.step_forward(10)
    path = tmp_path / "c.w2vx"
    s.save(path)
    m = members(path)
    W = np.load(io.BytesIO(m["W.npy"]))
    W[0, 0] += 1e-12
    m["W.npy"] = npy(W)
    rewrite(path, m.items())
    assert "inconsistent" in load_error(path)


# -- atomic saving ----------------------------------------------------------------------------------------
def test_a_failed_save_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "keep.w2vx"
    busy_session().save(path)
    old = path.read_bytes()
    calls = {"n": 0}
    real = persistence._npy_bytes

    def boom(a):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        return real(a)

    monkeypatch.setattr(persistence, "_npy_bytes", boom)
    s = busy_session()
    s.step_forward(3)
    with pytest.raises(FileFormatError, match="No space left"):
        s.save(path)
    assert path.read_bytes() == old
    assert sorted(os.listdir(tmp_path)) == ["keep.w2vx"]
    with pytest.raises(FileFormatError, match="cannot write"):
        s.save(tmp_path / "no" / "such" / "folder.w2vx")
    with pytest.raises(FileFormatError, match="folder"):
        s.save(tmp_path)


# -- exports ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("preset", ["royalty", "chinese"])
def test_vectors_load_in_gensim_text_and_binary(tmp_path, preset):
    s = Session(preset_text(preset), cfg(hidden=6), name=preset)
    s.step_forward(40)
    W, words = s.params.W, s.model.words
    export_vectors(s, tmp_path / "v.txt")
    export_vectors(s, tmp_path / "v.bin")
    kv64 = KeyedVectors.load_word2vec_format(str(tmp_path / "v.txt"), binary=False, datatype=np.float64)
    assert list(kv64.index_to_key) == list(words)
    assert kv64.vectors.tobytes() == W.tobytes()  # the text round-trips float64 exactly
    kv32 = KeyedVectors.load_word2vec_format(str(tmp_path / "v.txt"), binary=False)
    assert np.array_equal(kv32.vectors, W.astype(np.float32))
    kvb = KeyedVectors.load_word2vec_format(str(tmp_path / "v.bin"), binary=True)
    assert list(kvb.index_to_key) == list(words)
    assert np.array_equal(kvb.vectors, W.astype(np.float32))
    raw = (tmp_path / "v.bin").read_bytes()
    assert raw.startswith(f"{len(words)} 6\n".encode())
    first = words[0].encode() + b" " + W[0].astype("<f4").tobytes() + b"\n"
    assert raw[len(f"{len(words)} 6\n") :].startswith(first)
    text = (tmp_path / "v.txt").read_text(encoding="utf-8").splitlines()
    assert text[0] == f"{len(words)} 6" and text[1].split(" ")[0] == words[0]
    assert [float(x) for x in text[1].split(" ")[1:]] == W[0].tolist()


def test_output_vectors_and_refusals(tmp_path):
    s = Session(ROYAL, cfg(output="ns"))
    s.step_forward(5)
    export_vectors(s, tmp_path / "o.txt", which="out")
    kv = KeyedVectors.load_word2vec_format(str(tmp_path / "o.txt"), datatype=np.float64)
    assert kv.vectors.tobytes() == np.ascontiguousarray(s.params.W_out.T).tobytes()
    h = Session(ROYAL, cfg(output="hs"))
    with pytest.raises(ExplorerError, match="inner nodes"):
        export_vectors(h, tmp_path / "x.txt", which="out")
    with pytest.raises(ExplorerError, match="white space"):
        write_word2vec(tmp_path / "x.txt", ["a b", "c"], np.zeros((2, 2)))
    with pytest.raises(ExplorerError, match="float32"):
        write_word2vec(tmp_path / "x.bin", ["a", "c"], np.full((2, 2), 1e300))
    assert not (tmp_path / "x.txt").exists() and not (tmp_path / "x.bin").exists()


def test_weights_export_reads_back(tmp_path):
    s = Session(ROYAL, cfg(output="hs"))
    s.step_forward(9)
    export_weights(s, tmp_path / "w.npz")
    p, words = load_weights(tmp_path / "w.npz", s.model.words, 4, "hs")
    assert p.equals(s.params) and words == list(s.model.words)


def test_trace_export_equals_the_trace_lines(tmp_path):
    s = Session(ROYAL, cfg(output="ns", arch="skipgram"), record_budget=1, checkpoint_interval=4)
    s.step_forward(30)
    s.seek(12)
    n = export_trace(s, tmp_path / "t.jsonl", 5, 30)
    assert n == 26
    lines = (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()
    model = Model.from_text(ROYAL, s.config)
    p = model.init_params()
    want = []
    for k in range(1, 31):
        rec = model.compute(p, k)
        model.apply(p, rec)
        want.append(trace_line(rec))
    assert lines == want[4:]
    assert json.loads(lines[0])["step"] == 5
    with pytest.raises(ExplorerError, match="not within"):
        export_trace(s, tmp_path / "u.jsonl", 3, 31)
    assert not (tmp_path / "u.jsonl").exists()


def test_loss_csv_columns(tmp_path):
    s = Session(ROYAL, cfg())
    n = s.steps_per_epoch()
    s.step_forward(n + 5)
    s.set_lr(0.3)
    s.step_forward(n)
    rows = export_loss_csv(s, tmp_path / "loss.csv")
    assert rows == 2 * n + 6
    with open(tmp_path / "loss.csv", newline="") as f:
        table = list(csv.reader(f))
    assert ",".join(table[0]) == LOSS_CSV_HEADER
    body = table[1:]
    assert body[0] == ["0", "0", "", "", repr(s.epoch_losses[0])]
    for r in body[1:]:
        step = int(r[0])
        assert float(r[2]) == s.loss_series()[step - 1] and float(r[3]) == s.lrs.view()[step - 1]
        assert int(r[1]) == s.model.stream.locate(step)[0] + 1
        ends_epoch = step % n == 0
        assert (r[4] != "") == ends_epoch
        if ends_epoch:
            assert float(r[4]) == s.epoch_losses[step // n]
    assert body[n + 6][3] == "0.3"
