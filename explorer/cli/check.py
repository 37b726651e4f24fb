"""``check IMPL.py``: run the user's ``step`` beside ours and stop at the first difference, with a diagnosis.

Exit status: 0 they agree for K steps, 1 at a difference, 2 bad input (their file cannot be loaded, has no
``step``, or it raises: one ``error:`` line, then the last lines of their exception).
"""

from __future__ import annotations

import math
import sys

from ..check.runner import ImplementationError, load_step, run_check
from ..errors import ExplorerError
from .common import (
    add_corpus_options,
    add_training_options,
    fail,
    json_line,
    model_from_args,
    params_from_args,
)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "check",
        help="run your own step(W, W_out, inputs, targets, lr, **ctx) beside ours",
        description="Run IMPL.py's step(W, W_out, inputs, targets, lr, **ctx) beside ours from the same "
        "weights on the same examples, compare what it returns and every parameter after each step, and "
        "stop at the first difference with a diagnosis of the mistake it looks like. Exit 0 agree, "
        "1 differ, 2 bad input.",
    )
    p.add_argument("impl", metavar="IMPL.py", help="your implementation: a Python file defining step(...)")
    add_corpus_options(p)
    add_training_options(p)
    p.add_argument("--steps", type=int, default=200, metavar="K", help="steps to run (default 200)")
    p.add_argument(
        "--tol",
        type=float,
        default=1e-9,
        metavar="TOL",
        help="tolerance: absolute below 1, relative above (default 1e-9)",
    )
    p.add_argument(
        "--json", action="store_true", help="end with one JSON line {agree, step, field, diagnosis}"
    )
    p.set_defaults(run=run)


def run(args) -> int:
    if not (math.isfinite(args.tol) and args.tol >= 0):
        return fail(ExplorerError(f"--tol must be a finite number >= 0, got {args.tol:g}"))
    if args.steps < 1:
        return fail(ExplorerError(f"--steps must be >= 1, got {args.steps}"))
    try:
        model = model_from_args(args)
        params = params_from_args(args, model)
        step_fn = load_step(args.impl)
        result = run_check(step_fn, model, params, args.steps, args.tol)
    except ImplementationError as exc:
        status = fail(exc)
        if exc.details:
            print(exc.details, file=sys.stderr)
        return status
    except ExplorerError as exc:
        return fail(exc)
    print(f"compared: {', '.join(result.fields) or 'nothing'}")
    d = result.difference
    if d is None:
        print(f"agree: {result.steps_agreed} step{'s' * (result.steps_agreed != 1)} within tol {args.tol:g}")
    else:
        print(d.message)
        print(f"diagnosis: {d.diagnosis}")
    if args.json:
        print(json_line(result.to_json()))
    return 0 if d is None else 1
