"""Entry point of ``python main.py`` and the ``w2v-explorer`` console script.

With a sub-command (``trace``, ``train``, ``tree``, ``diff``, ...) it runs on the command line; with none it
starts the desktop explorer (or, with ``--screenshot``, renders it offscreen to a PNG).

Every sub-command runs under :func:`run_command`, which turns whatever a command lets escape into one
``error:`` line on standard error: a one-line :class:`ExplorerError` (its own status), a write error on
standard output (disk full, I/O error: status 2), running out of memory (status 2), Ctrl-C (status 130).
A reader that leaves early (``trace ... | head``) is not an error: the rest of the output is dropped
silently. A new sub-command is a module with ``add_parser(sub)`` added to :data:`COMMAND_MODULES`.
"""

from __future__ import annotations

import importlib
import os
import sys

from ..errors import ExplorerError
from .common import OneLineParser, fail, print_error

#: the sub-command modules, in the order ``--help`` lists them (each has ``add_parser(sub)``)
COMMAND_MODULES = ("trace", "tree", "train", "diff", "check", "figure", "animate")


def _commands(names=COMMAND_MODULES):
    return [importlib.import_module(f"explorer.cli.{name}") for name in names]


def build_parser(command: str | None = None) -> OneLineParser:
    """The whole parser; with ``command`` (a sub-command's name) only that sub-command's parser is added,
    so a command imports only its own module (start-up of ``train``, ``trace``)."""
    p = OneLineParser(
        prog="w2v-explorer",
        description="word2vec Gradient Explorer: step word2vec through training one example at a "
        "time. With no command, starts the desktop app.",
    )
    p.add_argument("--list-presets", action="store_true", help="print the built-in corpora, one per line")
    p.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen to a PNG and exit")
    p.add_argument("--preset", metavar="NAME", help="start with this built-in corpus")
    p.add_argument("--corpus", metavar="FILE", help="start with this corpus file")
    p.add_argument("--output", choices=("softmax", "hs", "ns"), help="output layer to start with")
    p.add_argument("--arch", choices=("cbow", "skipgram"), help="architecture to start with")
    p.add_argument("--steps", type=int, default=0, metavar="K", help="with --screenshot: steps to take first")
    p.add_argument("--presentation", action="store_true", help="lecture mode: large fonts, thick lines")
    p.add_argument("--size", metavar="WxH", help="with --screenshot: the window's size, e.g. 1280x720")
    p.add_argument(
        "--lang",
        metavar="LANG",
        help="interface language: en or zh_CN (default: the saved choice, else the system locale)",
    )
    sub = p.add_subparsers(dest="command", parser_class=OneLineParser, metavar="COMMAND")
    for mod in _commands((command,) if command in COMMAND_MODULES else COMMAND_MODULES):
        mod.add_parser(sub)
    return p


class StdoutWriteError(ExplorerError):
    """Standard output cannot be written (disk full, I/O error); the reader leaving is not this."""


class _GuardedStdout:
    """``sys.stdout`` while a command runs: a write error becomes one :class:`StdoutWriteError`."""

    def __init__(self, stream):
        self._stream = stream

    def _call(self, fn, *a):
        try:
            return fn(*a)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutWriteError(f"cannot write to standard output: {exc.strerror or exc}") from None

    def write(self, s):
        return self._call(self._stream.write, s)

    def writelines(self, lines):
        return self._call(self._stream.writelines, lines)

    def flush(self):
        return self._call(self._stream.flush)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _drop_stdout() -> None:
    """Send what is still buffered for standard output to /dev/null, so the interpreter's own flush at exit
    does not fail again (with a traceback-like 'Exception ignored' message)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (e.g. captured by a test)
        pass


def run_command(args) -> int:
    """Run ``args.run(args)``; see the module docstring for what becomes of errors."""
    original = sys.stdout
    sys.stdout = _GuardedStdout(original)
    try:
        status = args.run(args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:  # e.g. `trace ... | head`: the reader left; not an error of ours
        sys.stdout = original
        _drop_stdout()
        return 0
    except ExplorerError as exc:
        sys.stdout = original
        if isinstance(exc, StdoutWriteError):
            _drop_stdout()
        return fail(exc)
    except OSError as exc:  # a write to sys.stdout.buffer (binary output to '-')
        sys.stdout = original
        _drop_stdout()
        print_error(f"cannot write to standard output: {exc.strerror or exc}")
        return 2
    except MemoryError:
        sys.stdout = original
        print_error("out of memory (the input is too large for this machine; see the limits in the README)")
        return 2
    except KeyboardInterrupt:
        sys.stdout = original
        print_error("interrupted")
        return 130
    finally:
        sys.stdout = original


def main(argv=None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(words[0] if words else None).parse_args(words)
    if args.list_presets:
        from ..engine.presets import list_presets

        args.run = lambda _args: print("\n".join(list_presets())) or 0
        return run_command(args)
    if args.command:
        return run_command(args)
    from ..qt.app import run_app  # the only path that needs Qt

    return run_app(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
