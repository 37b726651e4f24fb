"""``train``: run K steps or E epochs (fast for long runs), then save the session and export what was asked.

Progress goes to standard error: on a terminal one line that updates every 0.5 s (steps done/total,
epoch, words/s over the last interval, mean E of the last 1000 steps); otherwise one line every 5 s.
A summary goes to standard output. ``words/s`` counts corpus words: steps/s × corpus words / steps per
epoch.

Exit status: 0 done; 2 bad input or a file that cannot be written (``error: ...``, one line, nothing
half-written); 3 a numeric blow-up (one line such as ``step 41: u overflowed (|u| > 1e+150) at lr 50``:
the session file and exports asked for are still written, complete, with the state before the step
that blew up); 130 interrupted with Ctrl-C (likewise written with the state reached).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from ..engine.config import APP_DEFAULTS
from ..engine.outputs import atomic_file, check_writable
from ..errors import ExplorerError
from .common import (
    add_corpus_options,
    add_training_options,
    config_from_args,
    corpus_text,
    fail,
    params_from_args,
    print_error,
    refuse_overwriting_inputs,
    warn_if_costly,
)

#: options that describe a new run; with --load the saved session already fixes them
_NEW_RUN_DEFAULTS = {
    "corpus": None,
    "preset": None,
    "format": "auto",
    "no_lowercase": False,
    "segment": APP_DEFAULTS.segment,
    "arch": APP_DEFAULTS.arch,
    "output": APP_DEFAULTS.output,
    "mode": APP_DEFAULTS.mode,
    "hidden": APP_DEFAULTS.hidden,
    "window": APP_DEFAULTS.window,
    "lr": APP_DEFAULTS.lr,
    "seed": APP_DEFAULTS.seed,
    "shuffle": False,
    "init": None,
    "negative": APP_DEFAULTS.negative,
    "ns_power": APP_DEFAULTS.ns_power,
    "min_count": APP_DEFAULTS.min_count,
    "sample": APP_DEFAULTS.sample,
    "weights": None,
}


def load_conflicts(args, allow=()) -> None:
    """With ``--load``, refuse options that would describe a different run (one-line error)."""
    for dest, default in _NEW_RUN_DEFAULTS.items():
        if dest in allow or not hasattr(args, dest):
            continue
        if getattr(args, dest) != default:
            opt = "--" + dest.replace("_", "-")
            raise ExplorerError(
                f"{opt} cannot be used with --load: the session file fixes the corpus and configuration"
            )


def add_parser(sub) -> None:
    p = sub.add_parser(
        "train",
        help="train K steps or E epochs; save the session, vectors, weights, trace, loss",
        description="Train the model (compiled fast-forward for long runs) and write the results. Give "
        "--steps K or --epochs E (E also sets the planned epochs of reference-mode lr decay; "
        "with --load, E more epochs).",
    )
    add_corpus_options(p, required=False)
    add_training_options(p)
    p.add_argument("--steps", type=int, default=None, metavar="K", help="number of steps to train")
    p.add_argument("--load", metavar="FILE.w2vx", help="continue a saved session")
    p.add_argument(
        "--save", metavar="FILE.w2vx", help="save the whole session (to continue, seek, undo later)"
    )
    p.add_argument(
        "--export-vectors",
        metavar="FILE",
        help="input vectors in the word2vec format (binary when FILE ends in .bin, else text)",
    )
    p.add_argument(
        "--export-trace", metavar="FILE.jsonl", help="the trace of the steps of this run (JSON Lines)"
    )
    p.add_argument(
        "--export-loss", metavar="FILE.csv", help="the loss series as CSV (step,epoch,loss,lr,epoch_loss)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    p.set_defaults(run=run)


def _outputs(args) -> list[tuple[str, str]]:
    return [
        (opt, getattr(args, dest))
        for opt, dest in (
            ("--save", "save"),
            ("--save-weights", "save_weights"),
            ("--export-vectors", "export_vectors"),
            ("--export-loss", "export_loss"),
            ("--export-trace", "export_trace"),
        )
        if getattr(args, dest)
    ]


def _check_args(args) -> None:
    if (args.steps is None) == (args.epochs is None):
        raise ExplorerError(
            "give either --steps K or --epochs E" + (" (not both)" if args.steps is not None else "")
        )
    if args.steps is not None and args.steps < 0:
        raise ExplorerError(f"--steps must be >= 0, got {args.steps}")
    if args.epochs is not None and args.epochs < 1:
        raise ExplorerError(f"--epochs must be at least 1, got {args.epochs}")
    if args.load:
        load_conflicts(args)
    elif not (args.corpus or args.preset):
        raise ExplorerError("give --corpus FILE or --preset NAME (or --load FILE.w2vx)")
    # --save may replace the --load file (it was read completely first, and the new file holds its history)
    refuse_overwriting_inputs(args, [(o, p) for o, p in _outputs(args) if o != "--save"])
    refuse_overwriting_inputs(
        argparse.Namespace(corpus=args.corpus, weights=args.weights),
        [(o, p) for o, p in _outputs(args) if o == "--save"],
    )
    seen: dict[str, str] = {}
    for opt, path in _outputs(args):
        key = os.path.realpath(path)
        if key in seen:
            raise ExplorerError(f"{seen[key]} and {opt} name the same file {path!r}")
        seen[key] = opt
        check_writable(path, f"{opt} file")
        if args.load and opt != "--save" and key == os.path.realpath(args.load):
            raise ExplorerError(f"{opt} would overwrite the session file {args.load!r}")


def _build_session(args):
    if args.load:
        from ..session.session import Session

        return Session.load(args.load)
    config = config_from_args(args)  # --epochs E sets the planned epochs (reference-mode lr decay)
    text = corpus_text(args)
    from ..session.session import Session  # loads numba: only once the arguments and corpus are good

    name = args.preset or Path(args.corpus).stem
    # the training-set E at the start is computed only where it is shown or saved (see _write_outputs)
    # the per-step E and η series are held only for what writes them (16 bytes a step: 660 MB for 41M steps)
    keep = bool(args.save or args.export_loss or args.export_trace)
    probe = Session(text, config, args.format, name=name, initial_loss=False, keep_series=keep)
    warn_if_costly(probe.model)
    if args.weights:
        params = params_from_args(args, probe.model)
        return Session(
            text, config, args.format, params=params, name=name, initial_loss=False, keep_series=keep
        )
    return probe


class _Progress:
    """The progress line on standard error (updating in place on a terminal)."""

    def __init__(self, session, first_step: int, total: int, quiet: bool):
        self.s, self.first, self.total = session, first_step, total
        self.tty = sys.stderr.isatty()
        self.every = 0.5 if self.tty else 5.0
        self.quiet = quiet or total == 0
        self.t0 = time.perf_counter()
        self.last = self.t0
        self.last_done = 0
        self.shown = False

    def words_per_s(self, done: int, seconds: float) -> float:
        stream = self.s.model.stream
        # the epoch of the last step taken (the next step's epoch may not be counted yet: a whole pass)
        epoch = stream.locate(self.s.step)[0] if self.s.step > 0 else 0
        per_step = stream.total_words / max(1, self.s.steps_per_epoch(epoch))
        return done * per_step / seconds if seconds > 0 else 0.0

    def __call__(self, done: int, n: int) -> None:
        now = time.perf_counter()
        if self.quiet or now - self.last < self.every:
            return
        rate = self.words_per_s(done - self.last_done, now - self.last)  # over the last interval
        self.last, self.last_done = now, done
        s = self.s
        mean = s.losses.recent_mean(s.step, 1000)  # unkept series: the mean E of the last run segment
        loss = f"{mean:.4f}" if mean is not None else "-"
        line = (
            f"step {s.step:,} ({done:,}/{self.total:,})  epoch {s.epoch + 1}  "
            f"{rate:,.0f} words/s  loss {loss}"
        )
        if self.tty:
            sys.stderr.write("\r" + line + "\x1b[K")
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown and self.tty:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _write_outputs(args, session, first_step: int) -> list[str]:
    from ..session.exports import export_loss_csv, export_trace, export_vectors, export_weights

    written = []
    if args.save or args.export_loss:  # the session file and the loss table hold epoch 0's training-set E
        session.initial_loss()
    if args.save:
        session.save(args.save)
        written.append(f"session  {args.save}")
    if args.save_weights:
        export_weights(session, args.save_weights)
        written.append(f"weights  {args.save_weights}")
    if args.export_vectors:
        export_vectors(session, args.export_vectors)
        kind = "binary" if args.export_vectors.lower().endswith(".bin") else "text"
        written.append(f"vectors  {args.export_vectors} (word2vec {kind})")
    if args.export_loss:
        export_loss_csv(session, args.export_loss)
        written.append(f"loss     {args.export_loss}")
    if args.export_trace:
        if session.step >= first_step:
            export_trace(session, args.export_trace, first_step, session.step)
        else:
            with atomic_file(args.export_trace, "w"):
                pass
        written.append(f"trace    {args.export_trace} (steps {first_step}..{session.step})")
    return written


def _summary(session, first_step: int, done: int, seconds: float, progress: _Progress) -> str:
    stream = session.model.stream
    epochs = 0.0
    if session.step > 0:  # from the last step taken (locating the next one would count the next epoch)
        e, i = stream.locate(session.step)
        epochs = e + (i + 1) / max(1, stream.epoch_length(e))
    done_epochs = [k for k in session.epoch_losses if k > 0 and stream.epoch_start(k) <= session.step]
    last_e = max(done_epochs) if done_epochs else 0
    if last_e == 0:
        session.initial_loss()  # no epoch finished yet: the training-set E at the start is shown
    eloss = session.epoch_losses[last_e]
    if last_e == 0:
        what = f"training-set loss {eloss:.6g} (initial loss)"
    else:
        what = (
            f"mean loss of the steps of epoch {last_e} {eloss:.6g} (after epoch {last_e}, "
            f"step {stream.epoch_start(last_e):,})"
        )
    rate = (
        f"{done / seconds:,.0f} steps/s, {progress.words_per_s(done, seconds):,.0f} words/s"
        if seconds > 0
        else ""
    )
    steps = f"steps {first_step:,}..{session.step:,}" if done else "no steps"
    lines = [
        f"trained {done:,} step{'s' * (done != 1)} ({steps}) in {seconds:.2f} s"
        + (f": {rate}" if rate and done else ""),
        f"now at step {session.step:,}, {epochs:.2f} epochs; {what}",
    ]
    return "\n".join(lines)


def run(args) -> int:
    try:
        _check_args(args)
        session = _build_session(args)
        if session.pending is not None:
            session.undo()  # a sub-stepped example is started again from its first phase
        first_step = session.step + 1
        if args.steps is not None:
            total = args.steps
        else:
            stream = session.model.stream
            e_next = stream.locate(session.step + 1)[0]
            total = stream.epoch_start(e_next + args.epochs) - session.step
    except ExplorerError as exc:
        return fail(exc)

    progress = _Progress(session, first_step, total, args.quiet)
    interrupted = False

    def on_sigint(signum, frame):
        nonlocal interrupted
        interrupted = True
        session.cancel()

    old = None
    try:
        old = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not the main thread
        old = None
    try:
        result = session.run(total, progress)
    finally:
        if old is not None:
            signal.signal(signal.SIGINT, old)
        progress.close()

    try:
        written = _write_outputs(args, session, first_step)
    except ExplorerError as exc:
        return fail(exc)
    print(_summary(session, first_step, result.steps_done, result.seconds, progress))
    for w in written:
        print(f"wrote {w}")
    if result.blowup is not None:
        print_error(str(result.blowup))
        return result.blowup.exit_status
    if interrupted or result.cancelled:
        print(
            f"interrupted at step {session.step:,} (the files asked for hold the state reached)",
            file=sys.stderr,
        )
        return 130
    return 0
