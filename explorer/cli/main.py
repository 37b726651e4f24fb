"""Entry point of ``python main.py`` and the ``w2v-explorer`` console script.

With a sub-command (``trace``, ``train``, ``tree``, ``diff``) it runs on the command line; with none it
starts the desktop explorer (or, with ``--screenshot``, renders it offscreen to a PNG).
"""
from __future__ import annotations

import os
import sys

from ..engine.presets import list_presets
from . import trace, tree
from .common import OneLineParser

SUBCOMMANDS = [trace, tree]
for _name in ("train", "diff", "figure", "animate"):
    try:
        SUBCOMMANDS.append(__import__(f"explorer.cli.{_name}", fromlist=["add_parser"]))
    except ImportError:  # pragma: no cover - while a sub-command is not written yet
        pass


def build_parser() -> OneLineParser:
    p = OneLineParser(prog="w2v-explorer",
                      description="word2vec Gradient Explorer: step word2vec through training one example at a "
                                  "time. With no command, starts the desktop app.")
    p.add_argument("--list-presets", action="store_true", help="print the built-in corpora, one per line")
    p.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen to a PNG and exit")
    p.add_argument("--preset", metavar="NAME", help="start with this built-in corpus")
    p.add_argument("--corpus", metavar="FILE", help="start with this corpus file")
    p.add_argument("--output", choices=("softmax", "hs", "ns"), help="output layer to start with")
    p.add_argument("--arch", choices=("cbow", "skipgram"), help="architecture to start with")
    p.add_argument("--steps", type=int, default=0, metavar="K", help="with --screenshot: steps to take first")
    p.add_argument("--presentation", action="store_true", help="lecture mode: large fonts, thick lines")
    p.add_argument("--lang", metavar="LANG", help="interface language: en or zh_CN (default: the saved choice, else the system locale)")
    sub = p.add_subparsers(dest="command", parser_class=OneLineParser, metavar="COMMAND")
    for mod in SUBCOMMANDS:
        mod.add_parser(sub)
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if args.list_presets:
        print("\n".join(list_presets()))
        return 0
    if args.command:
        try:
            return args.run(args)
        except BrokenPipeError:  # e.g. `trace ... | head`: the reader left; not an error of ours
            try:
                sys.stdout = open(os.devnull, "w")
            except OSError:
                pass
            return 0
    from ..qt.app import run_app  # the only path that needs Qt
    return run_app(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
