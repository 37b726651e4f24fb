"""The trace recorder: one line per call with the vectors that changed since the last call, for numpy arrays
and for tensors read through ``detach().cpu().numpy()`` (no torch needed to test the duck typing)."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from explorer.check.recorder import TraceRecorder, as_numpy


class FakeTensor:
    """What the recorder may touch of a torch tensor: detach(), cpu(), numpy(); in-place updates."""

    def __init__(self, a):
        self.data = np.array(a, dtype=np.float32)
        self.calls = []

    def detach(self):
        self.calls.append("detach")
        return self

    def cpu(self):
        self.calls.append("cpu")
        return self

    def numpy(self):
        self.calls.append("numpy")
        return self.data


def test_each_call_writes_the_changed_rows_and_columns_with_before_and_delta():
    W, W_out = np.zeros((4, 3)), np.ones((3, 5))
    buf = io.StringIO()
    rec = TraceRecorder(buf, W, W_out, words=["a", "b", "c", "d"])
    W[2] += [1.0, 2.0, 3.0]
    W_out[:, 4] -= 0.5
    W_out[1, 0] += 0.25
    line = rec.record(h=np.array([0.1, 0.2, 0.3]), loss=np.float64(1.5))
    rec.record()  # nothing changed
    rec.close()
    first, second = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert first == line
    assert first["step"] == 1 and first["h"] == [0.1, 0.2, 0.3] and first["loss"] == 1.5
    assert first["in"] == [{"id": 2, "word": "c", "before": [0.0, 0.0, 0.0], "delta": [1.0, 2.0, 3.0]}]
    assert [e["id"] for e in first["out"]] == [0, 4]
    assert first["out"][0]["delta"] == [0.0, 0.25, 0.0] and first["out"][1]["delta"] == [-0.5, -0.5, -0.5]
    assert "word" not in first["out"][0]
    assert second == {"step": 2, "out": [], "in": []}


def test_tensors_are_read_without_importing_torch_and_out_rows_layout(tmp_path):
    W = FakeTensor(np.zeros((3, 2)))
    W_out_rows = FakeTensor(np.zeros((3, 2)))  # V′×N: one output vector per row (an nn.Embedding)
    path = tmp_path / "t.jsonl"
    with TraceRecorder(path, W, W_out_rows, out_rows=True) as rec:
        W.data[1] += 1
        W_out_rows.data[2] -= [0.5, 0.25]
        rec.record(loss=FakeTensor(2.0))
    line = json.loads(path.read_text())
    assert line["in"][0]["id"] == 1 and line["in"][0]["delta"] == [1.0, 1.0]
    assert line["out"] == [{"id": 2, "before": [0.0, 0.0], "delta": [-0.5, -0.25]}]
    assert line["loss"] == 2.0
    assert W.calls[:3] == ["detach", "cpu", "numpy"]
    import explorer.check.recorder as r

    assert "import torch" not in open(r.__file__).read()


def test_a_loop_that_makes_new_arrays_passes_them():
    W, W_out = np.zeros((2, 2)), np.zeros((2, 2))
    buf = io.StringIO()
    rec = TraceRecorder(buf, W, W_out)
    W = W + np.eye(2)  # a new array: the recorder cannot see it unless given
    line = rec.record(W=W)
    assert [e["id"] for e in line["in"]] == [0, 1]
    with pytest.raises(ValueError, match="changed shape"):
        rec.record(W=np.zeros((3, 2)))


def test_as_numpy_copies():
    a = np.ones(3)
    b = as_numpy(a)
    a[0] = 5
    assert b[0] == 1.0 and b.dtype == np.float64
    assert as_numpy([1, 2]).tolist() == [1.0, 2.0]
