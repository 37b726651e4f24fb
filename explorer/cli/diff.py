"""``diff``: compare two traces (full or partial), name the first difference and the mistake it looks like.

Exit 0 the traces agree, 1 they differ, 2 a file cannot be read.
"""

from __future__ import annotations

import math
import sys

from ..check.compare import compare_traces
from ..check.steps import FIELD_ORDER
from ..errors import ExplorerError
from ..session.diff import bounded_lines, trace_lines
from .common import fail, json_line

KNOWN_FIELDS = FIELD_ORDER


def add_parser(sub) -> None:
    p = sub.add_parser(
        "diff",
        help="find the first step and field where two traces differ, and what mistake it looks like",
        description="Compare two traces (JSON Lines, one step per line) step by step. THEIRS may have any "
        "subset of the fields (vectors in 'out'/'in' named by 'word' or 'id', with 'delta' or "
        "'before'+'after'); only the fields both have are compared. Prints the first difference, "
        "e.g. 'step 3: W_out[:, queen] ours Δ [...] vs theirs Δ [...]', and a diagnosis. Numbers "
        "agree when |a-b| <= tol*max(1,|a|,|b|). Exit status: 0 agree, 1 differ, 2 bad input.",
    )
    p.add_argument(
        "ours", metavar="OURS.jsonl", help="the reference trace, as 'trace' writes it ('-': stdin)"
    )
    p.add_argument("theirs", metavar="THEIRS.jsonl", help="the trace to check ('-' for standard input)")
    p.add_argument(
        "--tol",
        type=float,
        default=1e-9,
        metavar="TOL",
        help="tolerance: absolute below 1, relative above (default 1e-9; 0 = exact)",
    )
    p.add_argument("--fields", metavar="F1,F2", help=f"compare only these fields ({', '.join(KNOWN_FIELDS)})")
    p.add_argument(
        "--json", action="store_true", help="end with one JSON line {agree, step, field, diagnosis}"
    )
    p.set_defaults(run=run)


def _lines(path: str):
    if path == "-":
        return bounded_lines(sys.stdin.buffer, "standard input")
    return trace_lines(path)


def run(args) -> int:
    if not (math.isfinite(args.tol) and args.tol >= 0):
        return fail(ExplorerError(f"--tol must be a finite number >= 0, got {args.tol:g}"))
    if args.ours == "-" and args.theirs == "-":
        return fail(ExplorerError("only one of the two traces can be read from standard input"))
    fields = None
    if args.fields is not None:
        fields = tuple(f.strip() for f in args.fields.split(",") if f.strip())
        unknown = [f for f in fields if f not in KNOWN_FIELDS]
        if not fields or unknown:
            return fail(
                ExplorerError(
                    f"--fields: unknown field {unknown[0]!r} (known: {', '.join(KNOWN_FIELDS)})"
                    if unknown
                    else "--fields is empty"
                )
            )
    try:
        names = (
            "standard input" if args.ours == "-" else args.ours,
            "standard input" if args.theirs == "-" else args.theirs,
        )
        result = compare_traces(_lines(args.ours), _lines(args.theirs), args.tol, fields, names)
    except ExplorerError as exc:
        return fail(exc)
    print(f"compared: {', '.join(result.fields) or 'nothing'}")
    d = result.difference
    if d is not None:
        print(d.message)
        print(f"diagnosis: {d.diagnosis}")
    elif result.length_message is not None:
        print(result.length_message)
    else:
        n = result.steps_compared
        print(f"traces agree: {n} step{'s' * (n != 1)} within tol {args.tol:g}")
    if args.json:
        print(json_line(result.to_json()))
    return 0 if result.to_json()["agree"] else 1
