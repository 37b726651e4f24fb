"""Reading a ``.w2vx`` session archive defensively: the format's member names, the manifest, and members
read with their sizes checked.

The layout of the archive is described in :mod:`.persistence`, which writes it and builds a session from
it. This module only reads: every member's declared size is checked against a limit before the member is
read or inflated (``.npy`` headers through :func:`~explorer.engine.npyio.read_npy_member`), member paths
that could escape a folder, duplicate and encrypted members are refused, and every failure is one
:class:`~explorer.errors.FileFormatError` whose single line names the file and the problem.
"""

from __future__ import annotations

import json
import typing
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ..engine.npyio import NPY_HEADER_ALLOWANCE, ZIP_ERRORS, read_npy_member
from ..errors import FileFormatError

FORMAT_NAME = "w2vx"
FORMAT_VERSION = 1

MANIFEST = "manifest.json"
SESSION_JSON = "session.json"
CORPUS = "corpus.txt"
ARRAYS = (
    "initial_W",
    "initial_W_out",
    "W",
    "W_out",
    "losses",
    "lrs",
    "epoch_ids",
    "epoch_losses",
    "checkpoint_steps",
    "checkpoint_W",
    "checkpoint_W_out",
)
MEMBERS = (MANIFEST, SESSION_JSON, CORPUS) + tuple(f"{a}.npy" for a in ARRAYS)

MAX_MANIFEST_BYTES = 64 * 1024
MAX_MEMBERS = 256


class _Reader:
    """Reads members of an open archive with size limits; every failure is a one-line FileFormatError."""

    def __init__(self, zf: zipfile.ZipFile, name: str):
        self.zf, self.name = zf, name
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            self.fail(f"has {len(infos)} members (at most {MAX_MEMBERS} expected)")
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            n = info.filename
            if (
                n.startswith(("/", "\\"))
                or "\\" in n
                or ".." in n.split("/")
                or ":" in n
                or "\x00" in n
                or info.is_dir()
            ):
                self.fail(f"has a member with a suspicious path {n[:60]!r}")
            if n in self.infos:
                self.fail(f"has two members named {n[:60]!r}")
            if info.flag_bits & 0x1:
                self.fail(f"member {n[:60]!r} is encrypted")
            self.infos[n] = info

    def fail(self, problem: str) -> typing.NoReturn:
        raise FileFormatError(f"session file {self.name!r} {problem}")

    def read(self, member: str, limit: int) -> bytes:
        info = self.infos.get(member)
        if info is None:
            self.fail(f"has no {member!r} (damaged or not a session file)")
        if info.file_size > limit:
            self.fail(f"member {member!r} is {info.file_size} bytes, more than the {limit} expected")
        try:
            with self.zf.open(info) as f:
                data = f.read(limit + 1)
        except ZIP_ERRORS as exc:  # zlib.error: a corrupt deflate stream
            self.fail(f"is damaged: cannot read {member!r} ({_reason(exc)})")
        if len(data) != info.file_size:
            self.fail(f"is damaged: {member!r} has {len(data)} bytes, the archive says {info.file_size}")
        return data

    def json(self, member: str, limit: int):
        data = self.read(member, limit)
        try:
            obj = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            self.fail(f"is damaged: {member!r} is not valid JSON ({_reason(exc)})")
        if not isinstance(obj, dict):
            self.fail(f"is damaged: {member!r} is not a JSON object")
        return obj

    def array(self, key: str, shape: tuple, dtype) -> np.ndarray:
        """The array ``key``.npy, which must have exactly ``shape`` and a ``dtype``-compatible type
        (the declared header is checked before the data is read or inflated)."""
        member = f"{key}.npy"
        dtype = np.dtype(dtype)
        info = self.infos.get(member)
        if info is None:
            self.fail(f"has no {member!r} (damaged or not a session file)")
        limit = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize + NPY_HEADER_ALLOWANCE
        if info.file_size > limit:
            self.fail(f"member {member!r} is {info.file_size} bytes, more than the {limit} expected")

        def check(got_shape, got_dtype):
            if got_dtype.kind != dtype.kind or got_dtype.itemsize != dtype.itemsize:
                self.fail(f"array {key!r} has type {got_dtype}, expected {dtype}")
            if got_shape != tuple(shape):
                self.fail(f"array {key!r} has shape {_short(got_shape)}, expected {tuple(shape)}")

        a = read_npy_member(self.zf, info, check, lambda problem: self.fail(_damaged(problem)))
        a = np.array(a, dtype=dtype, order="C")  # native byte order, own memory, writable
        if dtype.kind == "f" and key not in ("epoch_losses",) and a.size and not np.all(np.isfinite(a)):
            self.fail(f"array {key!r} contains non-finite values")
        return a


def _damaged(problem: str) -> str:
    return problem if problem.startswith("is ") else f"is damaged: {problem}"


def _short(shape) -> str:
    text = str(tuple(shape))
    return text if len(text) <= 60 else text[:28] + "…" + text[-28:]


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return " ".join(text.split())[:100]


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def read_manifest(path) -> dict:
    """The manifest of a ``.w2vx`` file (format, version, generator, members), checked."""
    with _open(path) as (zf, name):
        return _manifest(_Reader(zf, name))


@contextmanager
def _open(path):
    name = str(path)
    p = Path(path)
    if p.is_dir():
        raise FileFormatError(f"session file {name!r} is a folder, not a file")
    try:
        zf = zipfile.ZipFile(p, "r")
    except FileNotFoundError:
        raise FileFormatError(f"session file {name!r} does not exist") from None
    except zipfile.BadZipFile:
        raise FileFormatError(
            f"session file {name!r} is not a session file (not a zip archive, or truncated)"
        ) from None
    except (OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error) as exc:
        raise FileFormatError(f"cannot read session file {name!r} ({_reason(exc)})") from None
    try:
        yield zf, name
    finally:
        zf.close()


def _manifest(r: _Reader) -> dict:
    if MANIFEST not in r.infos:
        r.fail(f"is not a session file (it has no {MANIFEST!r})")
    m = r.json(MANIFEST, MAX_MANIFEST_BYTES)
    if m.get("format") != FORMAT_NAME:
        r.fail(f"is not a session file (format {str(m.get('format'))[:40]!r}, expected {FORMAT_NAME!r})")
    v = m.get("version")
    if not _is_int(v) or v < 1:
        r.fail(f"has an invalid format version {str(v)[:20]!r}")
    if v > FORMAT_VERSION:
        gen = str(m.get("generator", "a newer version"))[:60]
        r.fail(
            f"is format version {v}, written by {gen}; this program reads version {FORMAT_VERSION} "
            f"(update w2v-explorer)"
        )
    members = m.get("members")
    if not isinstance(members, list) or not all(isinstance(x, str) for x in members):
        r.fail(f"has an invalid {MANIFEST!r} (no member list)")
    for x in MEMBERS[1:]:
        if x not in members or x not in r.infos:
            r.fail(f"has no {x!r} (damaged or incomplete)")
    return m


def _int_array(r: _Reader, key: str, max_len: int) -> np.ndarray:
    """A 1-D int64 array of at most ``max_len`` entries (its length comes from its own header)."""
    member = f"{key}.npy"
    info = r.infos.get(member)
    if info is None:
        r.fail(f"has no {member!r} (damaged or not a session file)")
    limit = 8 * max_len + NPY_HEADER_ALLOWANCE
    if info.file_size > limit:
        r.fail(f"member {member!r} is {info.file_size} bytes, more than the {limit} expected")

    def check(shape, dtype):
        if len(shape) != 1 or dtype.kind != "i" or dtype.itemsize != 8:
            r.fail(f"array {key!r} must be a 1-D int64 array")
        if shape[0] > max_len:
            r.fail(f"array {key!r} has {shape[0]} entries, more than the {max_len} possible")

    a = read_npy_member(r.zf, info, check, lambda problem: r.fail(_damaged(problem)))
    return np.array(a, dtype=np.int64)
