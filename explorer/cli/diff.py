"""``diff``: the first step and field where two traces differ (exit 0 same, 1 different, 2 error)."""
from __future__ import annotations

import math
import sys

from ..errors import ExplorerError
from ..session.diff import compare, trace_lines
from .common import fail


def add_parser(sub) -> None:
    p = sub.add_parser(
        "diff", help="find the first step and field where two traces differ",
        description="Compare two traces (JSON Lines, as 'trace' writes them) step by step and print the first "
                    "field that differs, e.g. 'step 3: out[id=2 queen].delta[1] 0.0123 vs 0.0129'. Numbers "
                    "agree when |a-b| <= tol*max(1,|a|,|b|). Entries of out/in/paths/samples are matched by "
                    "id. Exit status: 0 the traces agree, 1 they differ, 2 a file cannot be read.")
    p.add_argument("ours", metavar="OURS.jsonl", help="the reference trace ('-' for standard input)")
    p.add_argument("theirs", metavar="THEIRS.jsonl", help="the trace to check ('-' for standard input)")
    p.add_argument("--tol", type=float, default=1e-9, metavar="TOL",
                   help="tolerance: absolute below 1, relative above (default 1e-9; 0 = exact)")
    p.set_defaults(run=run)


def _lines(path: str):
    if path == "-":
        return sys.stdin.buffer
    return trace_lines(path)


def run(args) -> int:
    if not (math.isfinite(args.tol) and args.tol >= 0):
        return fail(ExplorerError(f"--tol must be a finite number >= 0, got {args.tol:g}"))
    if args.ours == "-" and args.theirs == "-":
        return fail(ExplorerError("only one of the two traces can be read from standard input"))
    try:
        a, b = _lines(args.ours), _lines(args.theirs)
        names = ("standard input" if args.ours == "-" else args.ours,
                 "standard input" if args.theirs == "-" else args.theirs)
        result = compare(a, b, args.tol, names)
    except ExplorerError as exc:
        return fail(exc)
    if result.difference is not None:
        print(result.difference.message)
        return 1
    n = result.steps_compared
    print(f"traces agree: {n} step{'s' * (n != 1)} within tol {args.tol:g}")
    return 0
