"""Reading ``.npy`` arrays from a zip member with every declared size checked before anything is allocated.

``np.load`` trusts the header: a header declaring a huge shape allocates before the data is read
(``MemoryError``), and a deflated member can inflate to gigabytes. :func:`read_npy_member` reads the header
alone (at most :data:`NPY_HEADER_ALLOWANCE` bytes), asks the caller whether the declared dtype and shape are
acceptable, checks that the member's declared size is exactly header + data, and only then reads (and
inflates) the data — never more than the declared number of bytes. Nothing is ever unpickled: object
dtypes are refused by the caller's dtype check and the data is read with ``np.frombuffer``.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from typing import NoReturn

import numpy as np

from ..errors import FileFormatError

NPY_HEADER_ALLOWANCE = 64 * 1024  # an .npy header is at most this long (np.load's own limit is 10000)

#: the exceptions reading a zip member can raise for a damaged archive
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
)


def reason(exc: BaseException) -> str:
    """The first line of an exception's text, squeezed, at most 100 characters."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return " ".join(text.split())[:100]


def parse_header(prefix: bytes) -> tuple[tuple, bool, np.dtype, int]:
    """(shape, fortran_order, dtype, header length) of the .npy bytes ``prefix`` (a ValueError if bad)."""
    bio = io.BytesIO(prefix)
    version = np.lib.format.read_magic(bio)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(bio, max_header_size=NPY_HEADER_ALLOWANCE)
    elif version == (2, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(bio, max_header_size=NPY_HEADER_ALLOWANCE)
    else:
        raise ValueError(f"unsupported .npy version {version[0]}.{version[1]}")
    return tuple(int(d) for d in shape), bool(fortran), np.dtype(dtype), bio.tell()


def read_npy_member(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    check: Callable[[tuple, np.dtype], None],
    fail: Callable[[str], NoReturn],
) -> np.ndarray:
    """The array stored in zip member ``info``.

    ``check(shape, dtype)`` sees the declared shape and dtype first and raises (one line) when they are not
    what the caller expects — including when they are too large. ``fail(problem)`` raises the caller's
    one-line error for a damaged member. The result owns its memory, in native byte order.
    """
    member = info.filename
    try:
        with zf.open(info) as f:
            prefix = f.read(min(info.file_size, NPY_HEADER_ALLOWANCE))
            try:
                shape, fortran, dtype, hlen = parse_header(prefix)
            except (ValueError, SyntaxError, TypeError, KeyError) as exc:
                if not prefix.startswith(b"\x93NUMPY"):
                    fail(f"{member!r} is not an .npy array")
                fail(f"{member!r} has an unreadable .npy header ({reason(exc)})")
            if dtype.hasobject or dtype.fields is not None or dtype.subdtype is not None:
                fail(f"{member!r} holds objects or records ({dtype}), not plain numbers")
            check(shape, dtype)
            count = 1
            for d in shape:
                count *= d
            nbytes = count * dtype.itemsize
            if info.file_size != hlen + nbytes:
                fail(f"is damaged: {member!r} is {info.file_size} bytes; its header declares {hlen + nbytes}")
            data = prefix[hlen:]
            if len(data) < nbytes:
                data += f.read(nbytes - len(data) + 1)  # inflates at most what the header declared (+1)
    except FileFormatError:
        raise
    except MemoryError:
        fail(f"{member!r} does not fit in memory")
    except ZIP_ERRORS as exc:
        fail(f"is damaged: cannot read {member!r} ({reason(exc)})")
    if len(data) != nbytes:
        fail(f"is damaged: {member!r} holds {len(data)} data bytes; its header declares {nbytes}")
    try:
        a = np.frombuffer(data, dtype=dtype, count=count).reshape(shape, order="F" if fortran else "C")
        return np.array(a, dtype=dtype.newbyteorder("="), order="C")
    except MemoryError:
        fail(f"{member!r} does not fit in memory")
