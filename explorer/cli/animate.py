"""``animate``: a range of steps (optionally every sub-step phase) as a GIF or an MP4.

    python main.py animate OUT.(gif|mp4) --panels … --from A --to B [--phases] [--fps F] [--size WxH] …

One frame per step from A to B (step 0 is the initial state); with ``--phases`` four frames per step, one
for each phase (forward, error, output update, input update). A progress line goes to stderr; Ctrl+C stops
and writes nothing. Bad input: one ``error: …`` line and exit status 2 (a numeric blow-up: 3).
"""

from __future__ import annotations

import sys
import time

from ..errors import ConfigError, ExplorerError
from ..qt.figures import spec as S
from .common import fail
from .figure import add_figure_options, check_language, figure_spec, make_session, start_qt


def add_parser(sub) -> None:
    p = sub.add_parser(
        "animate",
        help="draw a range of steps to a GIF or MP4",
        description="Draw panels of the explorer for each step from A to B (with --phases, for "
        "each sub-step phase) into an animated GIF or an H.264 MP4.",
    )
    p.add_argument("out", metavar="OUT.(gif|mp4)", help="the file to write")
    p.add_argument("--from", dest="first", type=int, default=0, metavar="A", help="first step (default 0)")
    p.add_argument("--to", dest="last", type=int, required=True, metavar="B", help="last step")
    p.add_argument("--phases", action="store_true", help="a frame for each phase of each step")
    p.add_argument("--fps", type=float, default=2.0, metavar="F", help="frames per second (default 2)")
    add_figure_options(p)
    p.set_defaults(run=run)


class _Progress:
    """``frame i/n`` on one line of stderr, rewritten in place (at most ~10 times a second)."""

    def __init__(self):
        self.last = 0.0
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if done == total or now - self.last > 0.1:
            self.last = now
            end = "\n" if done == total else ""
            if self.tty:
                print(f"\rrendering frame {done}/{total}", end=end, file=sys.stderr, flush=True)
            elif done == total:
                print(f"rendered {total} frames", file=sys.stderr)


def run(args) -> int:
    try:
        fmt = S.output_format(args.out, S.ANIMATION_FORMATS)
        spec = figure_spec(args)
        fps = S.check_fps(args.fps)
        plan = S.frame_plan(args.first, args.last, args.phases)
        if fmt == "gif":
            S.check_gif_memory(len(plan), spec.size)
        if fmt == "mp4" and (spec.size[0] % 2 or spec.size[1] % 2):
            raise ConfigError(f"an MP4 needs an even width and height, got {spec.size[0]}x{spec.size[1]}")
        lang = check_language(args.lang)
        path = S.check_writable(args.out)
        session = make_session(args)
        if args.first > 1:  # the steps before the range: as fast as possible
            result = session.run(args.first - 1)
            if result.blowup is not None:
                raise result.blowup
        start_qt(lang)
        from ..qt.figures.animation import write_animation

        t0 = time.perf_counter()
        n = write_animation(path, session, spec, plan, fmt, fps, progress=_Progress())
    except ExplorerError as exc:
        return fail(exc)
    except KeyboardInterrupt:
        print("error: interrupted; nothing was written", file=sys.stderr)
        return 130
    print(
        f"wrote {args.out} ({fmt.upper()}, {n} frames, {spec.size[0]}x{spec.size[1]}, {fps:g} fps, "
        f"{time.perf_counter() - t0:.1f} s)"
    )
    return 0
