"""Helpers for the hostile-input tests (issue 17): tiny files that claim or inflate to huge sizes, and running
a piece of code in a child process whose address space is capped, so a bomb that is not stopped fails the
test with a MemoryError instead of exhausting the machine."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def deflate_zeros(n_bytes: int, prefix: bytes = b"", chunk: int = 16 * 2**20) -> bytes:
    """A raw deflate stream that inflates to ``prefix`` + ``n_bytes`` zero bytes, built in a fraction of the
    time it takes to compress them: after a full flush a compressor has no history, so identical chunks
    compress to identical bytes and can be repeated."""
    assert n_bytes % chunk == 0
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    piece = c.compress(bytes(chunk)) + c.flush(zlib.Z_FULL_FLUSH)
    return head + piece * (n_bytes // chunk) + c.flush()


def write_zip(path, members) -> None:
    """A zip archive of ``members``: ``(name, data)`` stored deflated, or ``(name, (deflated, size))`` with a
    pre-built deflate stream of ``size`` bytes (its CRC is not computed: the reader must stop long before)."""
    out = bytearray()
    central = bytearray()
    for name, data in members:
        nb = name.encode()
        if isinstance(data, tuple):
            comp, size = data
            crc = 0
        else:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            comp, size, crc = c.compress(data) + c.flush(), len(data), zlib.crc32(data)
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(comp), size, len(nb), 0)
        out += nb + comp
        central += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(comp),
                size,
                len(nb),
                0,
                0,
                0,
                0,
                0o644 << 16,
                offset,
            )
            + nb
        )
    n = len(members)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), len(out), 0)
    Path(path).write_bytes(bytes(out))


def npy_header(dtype: str, shape: tuple) -> bytes:
    """The header of an .npy file (version 1.0) declaring ``dtype`` and ``shape`` (no data follows)."""
    d = f"{{'descr': '{dtype}', 'fortran_order': False, 'shape': {tuple(shape)!r}, }}"
    d = d.encode("latin1")
    pad = 64 - (10 + len(d) + 1) % 64
    d += b" " * pad + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(d)) + d


_CAPPED = r"""
import os, resource, sys, json
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy
import explorer.session, explorer.engine.params
def vm():
    for line in open("/proc/self/status"):
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
extra = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (vm() + extra, vm() + extra))
code = sys.argv[2]
try:
    exec(code)
except MemoryError:
    print("MEMORYERROR")
    sys.exit(9)
"""


def run_capped(code: str, extra_mb: int = 300, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``code`` in a child whose address space may grow at most ``extra_mb`` MB past its start-up."""
    env = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-c", _CAPPED, str(extra_mb * 2**20), code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_cli_capped(args, extra_mb: int = 300, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python main.py *args`` under the same cap (exit status, stdout, stderr)."""
    code = f"from explorer.cli.main import main; sys.exit(main({json.dumps([str(a) for a in args])}))"
    return run_capped(code, extra_mb, timeout)
