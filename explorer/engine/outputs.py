"""Writing output files safely: atomically where that is possible, directly where it is not.

:func:`atomic_file` is the one way this program writes a file:

- a **regular file or a new path** is written to a temporary file in the same folder and renamed over the
  target when everything was written (a reader never sees a half-written file; a failure, an exception or
  a kill leaves the old file as it was);
- a **symbolic link** is followed: its final target is replaced in the same way (the link stays a link);
- a **FIFO, a character device** (``/dev/null``, a terminal) or ``-`` (standard output) is written to
  directly, streaming — there is nothing to rename, and replacing a device node by a regular file would be
  wrong;
- a folder, a block device, a socket: refused with one line.

Temporary files are named ``.<name>.<pid>.<random>.tmp``. A process killed while writing leaves one
behind; the next write beside the same target removes those whose process is gone (and any of the older
pattern ``.<name>.<random>.tmp`` older than :data:`LEGACY_TMP_AGE_S`).

:func:`refuse_same_file` refuses an output that is the same file as an input (a trace written over its
corpus), before anything is computed.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import ExplorerError, FileFormatError

#: temporary files of the older naming scheme (no process id) are removed when older than this
LEGACY_TMP_AGE_S = 600.0

STDOUT = "-"


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def temp_name(target_name: str) -> str:
    """A fresh temporary name for ``target_name`` (same folder), carrying this process' id."""
    return f".{target_name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def stale_temp_files(folder: Path, target_name: str) -> list[Path]:
    """Temporary files of this program beside ``target_name`` whose writer is gone."""
    ours = re.compile(r"\." + re.escape(target_name) + r"\.(\d{1,10})\.[0-9a-f]{8}\.tmp")
    legacy = re.compile(r"\." + re.escape(target_name) + r"\.[a-z0-9_]{8}\.tmp")
    prefix = f".{target_name}."
    stale = []
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return []
    now = time.time()
    for n in names:
        p = folder / n
        m = ours.fullmatch(n)
        try:
            if m is not None:
                if not pid_alive(int(m.group(1))):
                    stale.append(p)
            elif legacy.fullmatch(n) and now - p.lstat().st_mtime > LEGACY_TMP_AGE_S:
                stale.append(p)
        except OSError:
            continue
    return stale


def remove_stale_temp_files(folder: Path, target_name: str) -> int:
    """Remove :func:`stale_temp_files`; returns how many went (errors are ignored: this is tidying)."""
    n = 0
    for p in stale_temp_files(folder, target_name):
        try:
            if stat.S_ISREG(p.lstat().st_mode):
                p.unlink()
                n += 1
        except OSError:
            pass
    return n


def _cannot(name: str, exc: OSError) -> FileFormatError:
    return FileFormatError(f"cannot write {name!r}: {exc.strerror or exc}")


def output_kind(path) -> str:
    """``"stdout"``, ``"stream"`` (FIFO or character device: written directly), ``"file"`` (a regular file
    or a new path: replaced atomically). Raises a one-line error for a folder, block device or socket."""
    if str(path) == STDOUT:
        return "stdout"
    name = str(path)
    try:
        st = os.stat(path)  # follows symbolic links
    except FileNotFoundError:
        return "file"
    except OSError as exc:
        raise _cannot(name, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise FileFormatError(f"cannot write {name!r}: it is a folder")
    if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
        return "stream"
    if stat.S_ISREG(st.st_mode):
        return "file"
    what = (
        "a block device"
        if stat.S_ISBLK(st.st_mode)
        else "a socket"
        if stat.S_ISSOCK(st.st_mode)
        else "not a regular file"
    )
    raise FileFormatError(f"cannot write {name!r}: it is {what}")


@contextmanager
def _direct(path, mode: str):
    name = str(path)
    kw: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": "\n"}
    if name == STDOUT:
        stream = sys.stdout.buffer if "b" in mode else sys.stdout
        yield stream
        stream.flush()
        return
    try:
        f = open(path, mode, **kw)
    except OSError as exc:
        raise _cannot(name, exc) from None
    try:
        with f:
            yield f
    except OSError as exc:
        raise _cannot(name, exc) from None


@contextmanager
def atomic_file(path, mode: str = "wb"):
    """Open ``path`` for writing as described in the module docstring; ``mode`` is ``"wb"`` or ``"w"``
    (UTF-8 text, ``\\n`` line ends). An OS error becomes a one-line :class:`FileFormatError`.

    A new file gets the usual permissions (0666 minus the umask); a replaced file keeps its own.
    """
    kind = output_kind(path)
    if kind != "file":
        with _direct(path, mode) as f:
            yield f
        return
    name = str(path)
    target = Path(os.path.realpath(path))  # a symbolic link's final target (itself for a regular file)
    folder = target.parent
    remove_stale_temp_files(folder, target.name)
    try:
        old_mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        old_mode = None
    tmp = folder / temp_name(target.name)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as exc:
        raise _cannot(name, exc) from None
    try:
        if old_mode is None:
            umask = os.umask(0)
            os.umask(umask)
            old_mode = 0o666 & ~umask
        os.fchmod(fd, old_mode)
        kw: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": "\n"}
        with os.fdopen(fd, mode, **kw) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _cannot(name, exc) from None
        raise


def atomic_write_bytes(path, data: bytes) -> None:
    """Write ``data`` to ``path`` through :func:`atomic_file`: never a half-written file."""
    with atomic_file(path, "wb") as f:
        f.write(data)


def check_writable(path, what: str = "output file") -> None:
    """Fail early (one line) if ``path`` cannot be written: its folder is missing, it is a folder, ..."""
    if str(path) == STDOUT:
        return
    try:
        kind = output_kind(path)
    except FileFormatError as exc:
        raise ExplorerError(f"{what}: {exc}") from None
    if kind == "stream":
        return
    target = Path(os.path.realpath(path))
    folder = target.parent
    if not folder.is_dir():
        raise ExplorerError(f"{what} {str(path)!r}: folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExplorerError(f"{what} {str(path)!r}: folder {str(folder)!r} is not writable")


def _identity(path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None  # streams and devices: reading and writing one is not an overwrite
    return st.st_dev, st.st_ino


def refuse_same_file(outputs, inputs) -> None:
    """Raise a one-line error when an output names the same file as an input.

    ``outputs`` and ``inputs`` are iterables of ``(label, path)``; ``None`` paths are skipped. Only
    existing regular files are compared (by device and inode, so links and other spellings are caught).
    """
    known: dict[tuple[int, int], tuple] = {}
    for label, path in inputs:
        if path is None or str(path) == STDOUT:
            continue
        ident = _identity(path)
        if ident is not None:
            known.setdefault(ident, (label, path))
    for label, path in outputs:
        if path is None or str(path) == STDOUT:
            continue
        ident = _identity(path)
        if ident is not None and ident in known:
            in_label, in_path = known[ident]
            raise ExplorerError(
                f"{label} {str(path)!r} is the same file as {in_label} {str(in_path)!r}; "
                f"refusing to overwrite an input"
            )
