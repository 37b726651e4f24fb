"""Autosave storage, one file per running explorer (no Qt here: the app's timer and dialog wrap this).

Each running explorer owns two files in the data folder, named by its process id::

    autosave-<pid>.w2vx     its session, saved every few seconds while it changes (atomically)
    autosave-<pid>.lock     holds the pid; the process keeps an exclusive ``flock`` on it while it runs

The operating system drops the ``flock`` when the process ends, however it ends (a crash, ``kill -9``).
So an autosave whose lock nobody holds belongs to an explorer that is gone: :meth:`AutosaveStore.orphans`
lists those (newest first) for the app to offer. Another running explorer's files are never listed or
touched, and a clean exit (:meth:`AutosaveStore.close`) removes only this process' own two files. An
orphan being offered is :meth:`claimed <AutosaveStore.claim>` (its lock taken) so that two explorers
starting at once do not both offer it. Where ``flock`` does not exist the pid in the lock file is checked
instead.

The older single-file layout (``autosave.w2vx`` + ``running.lock`` holding a pid) is still offered once
when its process is gone.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..engine.outputs import pid_alive

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    HAVE_FCNTL = False
else:
    HAVE_FCNTL = True

PREFIX = "autosave-"
LEGACY_AUTOSAVE = "autosave.w2vx"
LEGACY_LOCK = "running.lock"
_NAME = re.compile(re.escape(PREFIX) + r"(\d{1,10})\.w2vx")


def autosave_name(pid: int) -> str:
    return f"{PREFIX}{pid}.w2vx"


def lock_name(pid: int) -> str:
    return f"{PREFIX}{pid}.lock"


@dataclass
class Orphan:
    """The autosave of an explorer that is gone."""

    path: Path  # the .w2vx
    lock: Path  # its lock file (may not exist)
    pid: int
    mtime: float
    _fd: int | None = None  # held while claimed


def _try_lock(fd: int) -> bool:
    if not HAVE_FCNTL:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _read_pid(path: Path) -> int:
    try:
        return int(path.read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError, UnicodeDecodeError):
        return 0


class AutosaveStore:
    """This process' autosave file and lock in ``folder`` (see the module docstring)."""

    def __init__(self, folder, pid: int | None = None):
        self.folder = Path(folder)
        self.pid = os.getpid() if pid is None else pid
        self.path = self.folder / autosave_name(self.pid)
        self.lock = self.folder / lock_name(self.pid)
        self._fd: int | None = None

    # -- this process ----------------------------------------------------------------------------
    def open(self) -> None:
        """Create the folder and take this process' lock (an OSError if the folder cannot be written)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        if not _try_lock(fd):  # pragma: no cover - a pid is unique among running processes
            os.close(fd)
            raise OSError(f"autosave lock {str(self.lock)!r} is held by another process")
        os.ftruncate(fd, 0)
        os.write(fd, str(self.pid).encode("ascii"))
        self._fd = fd

    @property
    def is_open(self) -> bool:
        return self._fd is not None

    def save(self, session) -> None:
        """Write ``session`` to this process' autosave (atomically, as every save)."""
        session.save(self.path)

    def close(self) -> None:
        """A clean exit: remove this process' autosave and lock (only those)."""
        for p in (self.path, self.lock):
            try:
                p.unlink()
            except OSError:
                pass
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # -- explorers that are gone -----------------------------------------------------------------
    def _is_orphan(self, lock: Path, pid: int) -> bool:
        if pid == self.pid:
            return False
        if not HAVE_FCNTL:  # pragma: no cover
            return not pid_alive(pid)
        try:
            fd = os.open(lock, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            return True  # killed between removing its autosave's lock and its autosave, or never locked
        except OSError:
            return False
        try:
            return _try_lock(fd)
        finally:
            os.close(fd)  # closing releases the probe's lock

    def orphans(self) -> list[Orphan]:
        """Autosaves of explorers that are gone, newest first (this process' own is never one)."""
        found = []
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        for n in names:
            m = _NAME.fullmatch(n)
            if m is None:
                continue
            pid = int(m.group(1))
            lock = self.folder / lock_name(pid)
            if self._is_orphan(lock, pid):
                found.append(self._orphan(self.folder / n, lock, pid))
        legacy, legacy_lock = self.folder / LEGACY_AUTOSAVE, self.folder / LEGACY_LOCK
        if legacy.is_file() and legacy_lock.is_file():
            pid = _read_pid(legacy_lock)
            if pid != self.pid and not pid_alive(pid):
                found.append(self._orphan(legacy, legacy_lock, pid))
        return sorted((o for o in found if o is not None), key=lambda o: -o.mtime)

    @staticmethod
    def _orphan(path: Path, lock: Path, pid: int) -> Orphan | None:
        try:
            return Orphan(path, lock, pid, path.stat().st_mtime)
        except OSError:
            return None

    def claim(self, orphan: Orphan) -> bool:
        """Take ``orphan``'s lock so no other explorer offers it meanwhile; False if someone else has it."""
        if not HAVE_FCNTL or orphan.path.name == LEGACY_AUTOSAVE:
            return orphan.path.is_file()
        try:
            fd = os.open(orphan.lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError:
            return False
        if not _try_lock(fd) or not orphan.path.is_file():
            os.close(fd)
            return False
        orphan._fd = fd
        return True

    def discard(self, orphan: Orphan) -> None:
        """Remove an orphan's files (after it was restored or declined)."""
        for p in (orphan.path, orphan.lock):
            try:
                p.unlink()
            except OSError:
                pass
        self.release(orphan)

    @staticmethod
    def release(orphan: Orphan) -> None:
        """Give a claimed orphan back (it will be offered again next time)."""
        if orphan._fd is not None:
            os.close(orphan._fd)
            orphan._fd = None
