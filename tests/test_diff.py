"""Trace diff: the first step and field that differ, matched by id, with a readable one-line report."""

import copy
import json

import pytest
from conftest import ROYAL

from explorer.cli.main import main
from explorer.engine import Config, Model
from explorer.errors import FileFormatError
from explorer.session.diff import compare, diff_files, first_difference, numbers_agree
from explorer.session.exports import trace_line


def trace(n=6, **kw) -> list[dict]:
    kw.setdefault("hidden", 3)
    kw.setdefault("window", 2)
    kw.setdefault("negative", 3)
    model = Model.from_text(ROYAL, Config(**kw))
    p = model.init_params()
    out = []
    for s in range(1, n + 1):
        rec = model.compute(p, s)
        model.apply(p, rec)
        out.append(json.loads(trace_line(rec)))
    return out


def lines(objs) -> list[str]:
    return [json.dumps(o) + "\n" for o in objs]


def test_identical_traces_agree():
    a = trace()
    r = compare(lines(a), lines(copy.deepcopy(a)))
    assert r.difference is None and r.steps_compared == 6
    assert first_difference(a, copy.deepcopy(a), tol=0) is None


def test_first_changed_number_is_named_with_the_entry_id_and_word():
    a = trace()
    b = copy.deepcopy(a)
    entry = b[2]["out"][1]
    entry["delta"][1] += 1e-3
    b[4]["h"][0] += 1.0  # a later difference is not the first
    d = first_difference(lines(a), lines(b))
    want_a = a[2]["out"][1]["delta"][1]
    assert d.step == 3 and d.path == f"out[id={entry['id']} {entry['word']}].delta[1]"
    assert (
        str(d)
        == f"step 3: out[id={entry['id']} {entry['word']}].delta[1] {want_a!r} vs {entry['delta'][1]!r}"
    )
    assert d.line == 3 and d.line_theirs == 3


def test_fields_are_compared_in_the_order_of_the_computation():
    a = trace()
    b = copy.deepcopy(a)
    b[1]["in"][0]["after"][0] += 1  # appears last in the computation...
    b[1]["h"][2] += 1  # ...h comes first
    assert first_difference(a, b).path == "h[2]"


def test_tolerance_is_absolute_below_one_and_relative_above():
    assert numbers_agree(0.5, 0.5 + 0.9e-9, 1e-9) and not numbers_agree(0.5, 0.5 + 1.1e-9, 1e-9)
    assert numbers_agree(1000.0, 1000.0 + 0.9e-6, 1e-9) and not numbers_agree(1000.0, 1000.0 + 1.1e-6, 1e-9)
    assert numbers_agree(float("nan"), float("nan"), 0) and not numbers_agree(float("nan"), 1.0, 1.0)
    assert numbers_agree(float("inf"), float("inf"), 0) and not numbers_agree(float("inf"), 1e308, 1.0)
    a = trace()
    b = copy.deepcopy(a)
    b[0]["loss"] *= 1 + 1e-12
    assert first_difference(a, b, tol=1e-9) is None
    assert first_difference(a, b, tol=0).path == "loss"


def test_entries_match_by_id_not_position():
    a = trace()
    b = copy.deepcopy(a)
    for rec in b:
        rec["out"].reverse()
        rec["in"].reverse()
    assert first_difference(a, b, tol=0) is None


def test_missing_and_extra_entries_and_keys_and_words():
    a = trace()
    b = copy.deepcopy(a)
    gone = b[1]["out"].pop(0)
    d = first_difference(a, b)
    assert str(d) == f"step 2: out[id={gone['id']} {gone['word']}] missing in theirs"
    b = copy.deepcopy(a)
    extra = dict(b[1]["in"][0], id=99, word="dragon")
    b[1]["in"].append(extra)
    assert str(first_difference(a, b)) == "step 2: in[id=99 dragon] missing in ours"
    b = copy.deepcopy(a)
    del b[0]["EH"]
    assert str(first_difference(a, b)).startswith("step 1: EH missing in theirs (ours: [")
    b = copy.deepcopy(a)
    b[0]["out"][0]["word"] = "dragon"
    d = first_difference(a, b)
    assert d.path.endswith(".word") and d.theirs == "'dragon'"
    b = copy.deepcopy(a)
    b[0]["h"].append(0.0)
    assert str(first_difference(a, b)) == "step 1: h has 3 values in ours, 4 in theirs"
    b = copy.deepcopy(a)
    b[0]["inputs"][0] = "dragon"
    assert str(first_difference(a, b)) == f"step 1: inputs[0] {a[0]['inputs'][0]!r} vs 'dragon'"


def test_hs_paths_match_nodes_by_id():
    a = trace(output="hs")
    b = copy.deepcopy(a)
    path = b[3]["paths"][0]
    path.reverse()
    assert first_difference(a, b) is None
    node = path[-1]
    node["e"] += 0.01
    d = first_difference(a, b)
    assert d.path == f"paths[0][id={node['id']}].e" and d.step == 4


def test_ns_samples_with_a_repeated_negative_match_by_occurrence():
    a = [
        {
            "step": 1,
            "samples": [
                [
                    {"id": 1, "word": "king", "e": 0.5},
                    {"id": 4, "word": "man", "e": 0.1},
                    {"id": 4, "word": "man", "e": 0.2},
                ]
            ],
        }
    ]
    b = copy.deepcopy(a)
    b[0]["samples"][0][2]["e"] = 0.3
    assert str(first_difference(a, b)) == "step 1: samples[0][id=4 man #2].e 0.2 vs 0.3"
    b = copy.deepcopy(a)
    b[0]["samples"][0].pop()
    assert str(first_difference(a, b)) == "step 1: samples[0][id=4 man #2] missing in theirs"


def test_types_null_and_booleans_must_match():
    a = [{"step": 1, "EI": None, "skipped": True, "x": 1}]
    assert (
        str(first_difference(a, [{"step": 1, "EI": [0.1], "skipped": True, "x": 1}]))
        == "step 1: EI null vs [0.1]"
    )
    assert first_difference(a, [{"step": 1, "EI": None, "skipped": 1, "x": 1}]).path == "skipped"
    assert first_difference(a, [{"step": 1, "EI": None, "skipped": True, "x": 1.0}]) is None


def test_different_step_counts():
    a = trace(10)
    d = first_difference(lines(a), lines(a[:4]))
    assert str(d) == "step 5: missing in theirs (ours has 10 steps, theirs has 4)"
    d = first_difference(lines(a[:1]), lines(a[:3]))
    assert str(d) == "step 2: missing in ours (ours has 1 step, theirs has 3)"
    b = copy.deepcopy(a)
    b[2]["step"] = 7
    assert str(first_difference(a, b)) == "line 3: step 3 vs 7"


def test_blank_lines_are_skipped_and_bad_lines_are_named():
    a = lines(trace(3))
    assert first_difference(["\n"] + a + ["  \n"], a) is None
    bad = a[:1] + ['{"step": 2, "h": [1,\n'] + a[2:]
    with pytest.raises(FileFormatError, match=r"^theirs line 2: invalid JSON \("):
        first_difference(a, bad)
    with pytest.raises(FileFormatError, match="line 1: expected a JSON object"):
        first_difference(["[1, 2]\n"], a)
    with pytest.raises(FileFormatError, match="line 1: not UTF-8"):
        first_difference([b"\xff\n"], a)
    with pytest.raises(FileFormatError, match="tolerance"):
        first_difference(a, a, tol=-1)


def test_files_and_the_cli(tmp_path, capsys):
    a = trace(8, output="ns", arch="skipgram")
    pa, pb, pc = tmp_path / "ours.jsonl", tmp_path / "theirs.jsonl", tmp_path / "bad.jsonl"
    pa.write_text("".join(lines(a)))
    b = copy.deepcopy(a)
    b[5]["samples"][1][0]["u"] += 0.5
    pb.write_text("".join(lines(b)))
    pc.write_text("".join(lines(a[:3])) + "{oops\n")
    assert diff_files(pa, pa) is None
    assert main(["diff", str(pa), str(pa)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "compared: step, epoch, arch, output, mode, inputs, targets, lr, h, samples, EH, loss, out, in"
    )
    assert out[1:] == ["traces agree: 8 steps within tol 1e-09"]
    assert main(["diff", str(pa), str(pb)]) == 1
    out = capsys.readouterr().out.splitlines()
    node = b[5]["samples"][1][0]
    assert out[1].startswith(f"step 6: samples[1][id={node['id']} {node['word']}].u ours ")
    assert out[2].startswith("diagnosis: unknown") and len(out) == 3
    assert main(["diff", str(pa), str(pc)]) == 2
    err = capsys.readouterr().err
    assert (
        err == f"error: {pc} line 4: invalid JSON "
        "(Expecting property name enclosed in double quotes at column 2)\n"
    )
    assert main(["diff", str(pa), str(tmp_path / "none.jsonl")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["diff", str(pa), str(tmp_path)]) == 2
    assert "folder" in capsys.readouterr().err
    assert main(["diff", str(pa), str(pb), "--tol", "1"]) == 0
    capsys.readouterr()
    assert main(["diff", str(pa), str(pb), "--tol", "-1"]) == 2
    assert "--tol" in capsys.readouterr().err
