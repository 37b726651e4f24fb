"""``trace``: one JSON object per line per step, for comparing an implementation number by number."""

from __future__ import annotations

from ..engine.outputs import atomic_file, check_writable
from ..engine.params import save_weights
from ..errors import BlowUpError, ExplorerError
from .common import (
    add_corpus_options,
    add_training_options,
    fail,
    json_line,
    model_from_args,
    params_from_args,
    print_error,
    refuse_overwriting_inputs,
)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "trace",
        help="write one JSON line per training step",
        description="Step the model K times and write every quantity of each step as JSON Lines.",
    )
    add_corpus_options(p, required=False)
    add_training_options(p)
    p.add_argument("--steps", type=int, required=True, metavar="K", help="number of steps to trace")
    p.add_argument("--load", metavar="FILE.w2vx", help="continue a saved session (steps numbered on)")
    p.add_argument(
        "-o",
        "--out",
        metavar="FILE.jsonl",
        help="write here instead of standard output (a file is replaced only when every step succeeded)",
    )
    p.set_defaults(run=run)


def run(args) -> int:
    if args.steps < 0:
        return fail(ExplorerError(f"--steps must be >= 0, got {args.steps}"))
    try:
        outputs = [("-o", args.out), ("--save-weights", args.save_weights)]
        refuse_overwriting_inputs(args, outputs)
        for opt, path in outputs:
            if path:
                check_writable(path, f"{opt} file")
        if args.load:
            from ..session.session import Session  # a saved session carries its corpus and configuration
            from .train import load_conflicts

            load_conflicts(args)
            if args.epochs is not None:
                raise ExplorerError(
                    "--epochs cannot be used with --load: the session file fixes the configuration"
                )
            session = Session.load(args.load)
            if session.pending is not None:
                session.undo()  # params as after the last completed step (not mid sub-step)
            model, params, first = session.model, session.params, session.step + 1
            schedule = session.schedule  # the saved learning-rate history, step by step
        else:
            if not (args.corpus or args.preset):
                raise ExplorerError("give --corpus FILE or --preset NAME (or --load FILE.w2vx)")
            model = model_from_args(args)
            params = params_from_args(args, model)
            first, schedule = 1, None
    except ExplorerError as exc:
        return fail(exc)
    status = 0
    try:
        # a file is written to a temporary file and renamed only at the end: a blow-up leaves it as it was
        with atomic_file(args.out or "-", "w") as sink:
            for s in range(first, first + args.steps):
                rec = model.compute(params, s, None if schedule is None else schedule.at(s))
                model.apply(params, rec)
                sink.write(json_line(rec.to_json()) + "\n")
    except BlowUpError as exc:
        kept = f" ({args.out!r} not written)" if args.out else ""
        print_error(f"{exc}{kept}")
        status = exc.exit_status
    except ExplorerError as exc:
        return fail(exc)
    try:
        if args.save_weights and status == 0:
            save_weights(args.save_weights, params, model.words)
    except ExplorerError as exc:
        return fail(exc)
    return status
