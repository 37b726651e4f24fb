"""Compare two complete traces (JSON Lines, one step per line) and name the first number that differs.

The exact field-by-field walk below is the base of ``explorer.check.compare``, which the ``diff`` command
uses for partial traces and diagnoses; trace files are read here line by line with a length cap.

Used directly (``compare``, ``first_difference``), it compares every field of two traces, e.g.
``step 3: out[id=2 queen].delta[1] 0.0123 vs 0.0129``.

Rules
-----
- Steps are compared line by line (blank lines are ignored); within a step, fields in the order the
  computation produces them: ``step, epoch, arch, output, mode, inputs, targets, lr, h, u, y, t, e, EI,
  paths, samples, loss, EH, out, in``, then any other field. Inside a vector update (``before``, ``delta``,
  ``after``) or a tree node / sample (``u, y, t, e``) likewise.
- Two numbers agree when ``|a − b| <= tol · max(1, |a|, |b|)``: an absolute tolerance for numbers below 1,
  a relative one above. ``tol = 0`` asks for exact equality. Two NaNs agree; ±inf agree only with
  themselves. Strings, booleans and ``null`` must be equal exactly (``true`` is not the number 1).
- Entries of ``out``, ``in`` and of each target's list in ``paths`` / ``samples`` are matched by their
  ``id``, not by their position (the k-th occurrence of an id with the k-th occurrence: a negative may be
  drawn twice). Any list of objects that all have an ``id`` is matched this way; other lists by position.
- A field or an entry present on one side only, lists of different lengths, and one trace having more
  steps than the other are differences too.

The first difference is reported as one line: ``step S: <field path> <ours> vs <theirs>``, where the field
path reads like Python (``h[2]``, ``paths[0][id=3].e``, ``out[id=2 queen].delta[1]``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeGuard

from ..errors import FileFormatError

#: order in which fields are compared (the order the computation produces them); others follow
FIELD_ORDER = (
    "step",
    "epoch",
    "arch",
    "output",
    "mode",
    "inputs",
    "targets",
    "lr",
    "h",
    "u",
    "y",
    "t",
    "e",
    "EI",
    "paths",
    "samples",
    "loss",
    "EH",
    "out",
    "in",
    "id",
    "word",
    "code",
    "before",
    "delta",
    "after",
    "skipped",
)
_RANK = {k: i for i, k in enumerate(FIELD_ORDER)}
_MISSING = object()


@dataclass(frozen=True)
class Difference:
    """The first place two traces differ.

    ``step`` is the step number (``None`` when the traces do not say), ``line`` the 1-based line in
    ``ours`` (and ``line_theirs`` in ``theirs``), ``path`` the field (``""`` for a whole step), ``ours`` and
    ``theirs`` short texts of the two values (``"missing"`` for an absent one), ``message`` the
    one-line report.
    """

    step: int | None
    line: int
    line_theirs: int
    path: str
    ours: str
    theirs: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Comparison:
    """Result of :func:`compare`: the first difference (or ``None``) and how many steps agreed."""

    difference: Difference | None
    steps_compared: int
    steps_ours: int | None = None  # counted only when the step counts differ
    steps_theirs: int | None = None


def _fmt(v, width: int = 60) -> str:
    """A short readable text of a JSON value: numbers as Python prints them (exact), strings quoted."""
    if v is _MISSING:
        return "missing"
    if isinstance(v, bool) or v is None:
        return json.dumps(v)
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        s = repr(v)
    else:
        s = json.dumps(v, ensure_ascii=False, separators=(", ", ": "))
    return s if len(s) <= width else s[: width - 3] + "..."


def _is_num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def numbers_agree(a: float, b: float, tol: float) -> bool:
    """``|a − b| <= tol · max(1, |a|, |b|)``; NaN agrees with NaN, an infinity only with itself."""
    a, b = float(a), float(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def _ordered_keys(a: dict, b: dict) -> list:
    keys = list(a) + [k for k in b if k not in a]
    return sorted(keys, key=lambda k: (_RANK.get(k, len(_RANK)), 0))  # stable: others keep their order


def _entry_label(entry: dict, occurrence: int) -> str:
    word = entry.get("word")
    label = f"id={_fmt(entry['id'])}"
    if isinstance(word, str):
        label += f" {word}"
    if occurrence > 0:
        label += f" #{occurrence + 1}"
    return f"[{label}]"


def _keyed(items: list) -> list[tuple[tuple, dict]]:
    """((id, occurrence), entry) for a list of objects with ids."""
    seen: dict = {}
    out = []
    for it in items:
        key = json.dumps(it["id"], sort_keys=True)
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(((key, n), it))
    return out


def _by_id(a: list, b: list) -> bool:
    both = a + b
    return bool(both) and all(isinstance(x, dict) and "id" in x for x in both)


def _walk(a, b, path: str, tol: float) -> tuple[str, str, Any, Any] | None:
    """The first (kind, path, ours, theirs) where ``a`` and ``b`` differ, or ``None``.

    ``kind`` is ``"value"``, ``"length"`` (lists of different lengths: ours/theirs are the lengths) or
    ``"missing"`` (one side is ``_MISSING``; the other is the value, or ``"present"`` for a list entry).
    """
    if a is _MISSING or b is _MISSING:
        return "missing", path, a, b
    if _is_num(a) and _is_num(b):
        return None if numbers_agree(a, b, tol) else ("value", path, a, b)
    if isinstance(a, dict) and isinstance(b, dict):
        return _walk_dicts(a, b, path, tol)
    if isinstance(a, list) and isinstance(b, list):
        return _walk_entries_by_id(a, b, path, tol) if _by_id(a, b) else _walk_lists(a, b, path, tol)
    if type(a) is type(b) and a == b:  # strings, booleans, null
        return None
    return "value", path, a, b


def _walk_dicts(a: dict, b: dict, path: str, tol: float) -> tuple[str, str, Any, Any] | None:
    """:func:`_walk` for two objects: key by key, in :func:`_ordered_keys` order."""
    for k in _ordered_keys(a, b):
        sub = f"{path}.{k}" if path else str(k)
        d = _walk(a.get(k, _MISSING), b.get(k, _MISSING), sub, tol)
        if d:
            return d
    return None


def _walk_entries_by_id(a: list, b: list, path: str, tol: float) -> tuple[str, str, Any, Any] | None:
    """:func:`_walk` for two lists of entries with ids: matched by key, ours' order, then theirs' extras."""
    kb = dict(_keyed(b))
    ka = _keyed(a)
    for key, ea in ka:
        label = path + _entry_label(ea, key[1])
        eb = kb.get(key, _MISSING)
        if eb is _MISSING:
            return "missing", label, "present", _MISSING
        d = _walk(ea, eb, label, tol)
        if d:
            return d
    in_a = {k for k, _ in ka}
    for key, eb in _keyed(b):
        if key not in in_a:
            return "missing", path + _entry_label(eb, key[1]), _MISSING, "present"
    return None


def _walk_lists(a: list, b: list, path: str, tol: float) -> tuple[str, str, Any, Any] | None:
    """:func:`_walk` for two plain lists: position by position, then their lengths."""
    for i, (x, y) in enumerate(zip(a, b)):
        d = _walk(x, y, f"{path}[{i}]", tol)
        if d:
            return d
    if len(a) != len(b):
        return "length", path, len(a), len(b)
    return None


def _records(lines: Iterable, name: str) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line; invalid JSON is a one-line FileFormatError."""
    for n, line in enumerate(lines, start=1):
        if isinstance(line, dict):
            yield n, line
            continue
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise FileFormatError(f"{name} line {n}: not UTF-8 (byte offset {exc.start})") from None
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FileFormatError(
                f"{name} line {n}: invalid JSON ({exc.msg} at column {exc.colno})"
            ) from None
        except (ValueError, RecursionError) as exc:
            raise FileFormatError(f"{name} line {n}: invalid JSON ({str(exc)[:80]})") from None
        if not isinstance(obj, dict):
            raise FileFormatError(
                f"{name} line {n}: expected a JSON object (one step), found "
                f"{type(obj).__name__ if not isinstance(obj, list) else 'a list'}"
            )
        yield n, obj


def _count(it: Iterator) -> int:
    return sum(1 for _ in it)


def compare(
    ours: Iterable, theirs: Iterable, tol: float = 1e-9, names: tuple[str, str] = ("ours", "theirs")
) -> Comparison:
    """Walk two traces step by step; see the module docstring for the rules.

    ``ours`` and ``theirs`` are iterables of JSON lines (str or bytes) or of already parsed dicts.
    ``names`` name the two sides in error messages (e.g. the file names). A line that is not valid JSON
    raises :class:`FileFormatError` naming the side and the line.
    """
    if not (isinstance(tol, (int, float)) and math.isfinite(tol) and tol >= 0):
        raise FileFormatError(f"tolerance must be a finite number >= 0, got {tol!r}")
    ra, rb = _records(ours, names[0]), _records(theirs, names[1])
    compared = 0
    while True:
        xa = next(ra, None)
        xb = next(rb, None)
        if xa is None and xb is None:
            return Comparison(None, compared)
        if xa is None or xb is None:
            # one trace is shorter: count both to say by how much
            na = compared + (xa is not None) + _count(ra)
            nb = compared + (xb is not None) + _count(rb)
            present = xa if xb is None else xb
            assert present is not None  # both missing returned above
            line, rec = present
            side, other = ("theirs", "ours") if xb is None else ("ours", "theirs")
            step = rec.get("step") if _is_num(rec.get("step")) else None
            where = f"step {step}" if step is not None else f"entry {compared + 1}"
            msg = f"{where}: missing in {side} (ours has {na} step{'s' * (na != 1)}, theirs has {nb})"
            la, lb = (line, 0) if xb is None else (0, line)
            return Comparison(
                Difference(
                    step,
                    la,
                    lb,
                    "",
                    "present" if xb is None else "missing",
                    "missing" if xb is None else "present",
                    msg,
                ),
                compared,
                na,
                nb,
            )
        (la, a), (lb, b) = xa, xb
        d = _walk(a, b, "", tol)
        if d is not None:
            kind, path, va, vb = d
            sa, sb = a.get("step"), b.get("step")
            if _is_int_like(sa) and _is_int_like(sb) and sa == sb:
                step, where = int(sa), f"step {int(sa)}"
            else:
                step, where = None, f"line {la}" if la == lb else f"line {la} (theirs: line {lb})"
            if kind == "length":
                msg = f"{where}: {path} has {va} value{'s' * (va != 1)} in ours, {vb} in theirs"
            elif kind == "missing":
                side, other = ("theirs", "ours") if vb is _MISSING else ("ours", "theirs")
                present = va if vb is _MISSING else vb
                extra = "" if present == "present" else f" ({other}: {_fmt(present, 40)})"
                msg = f"{where}: {path} missing in {side}{extra}"
            else:
                msg = f"{where}: {path} {_fmt(va)} vs {_fmt(vb)}"
            return Comparison(Difference(step, la, lb, path, _fmt(va), _fmt(vb), msg), compared)
        compared += 1


def _is_int_like(v) -> TypeGuard[float]:
    return _is_num(v) and float(v).is_integer()


def first_difference(
    a_lines: Iterable, b_lines: Iterable, tol: float = 1e-9, names: tuple[str, str] = ("ours", "theirs")
) -> Difference | None:
    """The first difference between two traces beyond ``tol`` (see the module docstring), or ``None``."""
    return compare(a_lines, b_lines, tol, names).difference


#: the longest trace line read (bytes); a longer line (or a file without newlines, e.g. /dev/zero) is an error
MAX_LINE_BYTES = 64 * 1024 * 1024


def bounded_lines(f, name: str, max_line: int | None = None) -> Iterator[bytes]:
    """The lines of a binary file object, each at most ``max_line`` bytes (memory stays bounded).

    A longer line raises :class:`FileFormatError` naming the file and the line, after reading at most
    ``max_line + 1`` bytes of it.
    """
    cap = MAX_LINE_BYTES if max_line is None else max_line
    chunk = 1 << 20
    n = 0
    while True:
        parts, total = [], 0
        try:
            while True:  # in pieces, so an over-long line costs at most ``cap`` bytes before it is refused
                part = f.readline(min(chunk, cap + 1 - total))
                if not part:
                    break
                parts.append(part)
                total += len(part)
                if part.endswith(b"\n"):
                    break
                if total > cap:
                    unit = f"{cap // (1024 * 1024)} MB" if cap >= 1024 * 1024 else f"{cap} bytes"
                    raise FileFormatError(f"{name} line {n + 1}: longer than {unit} (not a trace line)")
        except OSError as exc:
            raise FileFormatError(f"cannot read trace file {name!r}: {exc.strerror or exc}") from None
        if not parts:
            return
        n += 1
        yield parts[0] if len(parts) == 1 else b"".join(parts)


def trace_lines(path, max_line: int | None = None) -> Iterator[bytes]:
    """The lines of a file as bytes (decoded per line by :func:`_records`, so errors name the line).

    Lines are read one at a time with a length cap (:data:`MAX_LINE_BYTES`), so a huge file without
    newlines gives one error instead of exhausting memory.
    """
    name = str(path)
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        raise FileFormatError(f"trace file {name!r} does not exist") from None
    except IsADirectoryError:
        raise FileFormatError(f"trace file {name!r} is a folder, not a file") from None
    except OSError as exc:
        raise FileFormatError(f"cannot read trace file {name!r}: {exc.strerror or exc}") from None

    def gen():
        with f:
            yield from bounded_lines(f, name, max_line)

    return gen()


def compare_files(ours_path, theirs_path, tol: float = 1e-9) -> Comparison:
    """:func:`compare` two JSON Lines files (read line by line; stops at the first difference)."""
    a = trace_lines(ours_path)
    b = trace_lines(theirs_path)
    return compare(a, b, tol, (str(ours_path), str(theirs_path)))


def diff_files(ours_path, theirs_path, tol: float = 1e-9) -> Difference | None:
    """The first difference between two trace files, or ``None``."""
    return compare_files(ours_path, theirs_path, tol).difference
