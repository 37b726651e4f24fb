"""``figure``: panels of the explorer as an SVG, PDF or PNG file, drawn offscreen at a chosen size.

    python main.py figure OUT.(svg|pdf|png) --panels network[,equations,…] [--size WxH] [--scale S]
        [--presentation] [--dark] [--lang L] [--phase P] <corpus/preset and model options> --steps K
    python main.py figure --list-panels

Everything is checked before anything is drawn; a problem is one ``error: …`` line and exit status 2 (a
numeric blow-up while taking the steps: status 3), and the file is written atomically (never half-written).
The helpers here are shared with ``animate``.
"""

from __future__ import annotations

import os
import sys

from ..errors import ConfigError, ExplorerError
from ..qt.figures import spec as S
from .common import add_corpus_options, add_training_options, config_from_args, corpus_text, fail


def add_figure_options(p) -> None:
    """The options of a picture, shared by ``figure`` and ``animate``."""
    p.add_argument(
        "--panels",
        default="network",
        metavar="P[,P…]",
        help="panels in order, comma-separated (see 'figure --list-panels'; default: network)",
    )
    p.add_argument(
        "--size",
        default="{}x{}".format(*S.DEFAULT_SIZE),
        metavar="WxH",
        help="picture size in pixels, 200x150 … 8000x8000 (default 1280x720; PDF: 1 px = 0.75 pt)",
    )
    p.add_argument(
        "--scale",
        type=float,
        default=1.0,
        metavar="S",
        help="draw the content S times larger on the same picture (default 1)",
    )
    p.add_argument("--presentation", action="store_true", help="lecture look: large fonts, thick lines")
    p.add_argument("--dark", action="store_true", help="the dark theme (default: the light theme)")
    p.add_argument("--lang", metavar="LANG", help="language of the panels' text: en (default) or zh_CN")
    add_corpus_options(p, required=False)
    add_training_options(p)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "figure",
        help="draw panels to an SVG, PDF or PNG file",
        description="Draw panels of the explorer after K steps (or at a phase of step K) to an "
        "SVG or PDF (vectors, text stays text) or a PNG of exactly the given size.",
    )
    p.add_argument("out", nargs="?", metavar="OUT.(svg|pdf|png)", help="the file to write")
    p.add_argument("--list-panels", action="store_true", help="print the panel names, one per line, and exit")
    p.add_argument("--steps", type=int, default=0, metavar="K", help="steps to take first (default 0)")
    p.add_argument(
        "--phase",
        metavar="P",
        help="show step K at this phase: forward, error, output-update or input-update (the completed step)",
    )
    add_figure_options(p)
    p.set_defaults(run=run)


def figure_spec(args) -> S.FigureSpec:
    """The figure options of ``args`` checked (``ConfigError`` on a bad one)."""
    panels = S.parse_panels(args.panels)
    size = S.parse_size(args.size)
    scale = S.check_scale(args.scale, size)
    return S.FigureSpec(panels=panels, size=size, scale=scale, presentation=args.presentation, dark=args.dark)


def check_language(lang):
    if lang is None:
        return "en"
    from ..qt.i18n import known_languages, normalize_language

    norm = normalize_language(lang)
    if norm is None:
        raise ConfigError(f"unknown language {lang!r} (choose {', '.join(known_languages())})")
    return norm


def make_session(args):
    """A new session from the corpus/preset and model options (nothing stepped yet)."""
    from ..session import Session

    if not getattr(args, "preset", None) and not getattr(args, "corpus", None):
        raise ConfigError("give a corpus: --preset NAME or --corpus FILE")
    config = config_from_args(args)
    text = corpus_text(args)
    params = None
    if getattr(args, "weights", None):
        from ..engine.corpus import parse
        from ..engine.model import Model
        from .common import params_from_args

        params = params_from_args(args, Model(parse(text, args.format, config.lowercase), config))
    name = args.preset or os.path.splitext(os.path.basename(args.corpus))[0]
    return Session(text, config, args.format, params=params, name=name)


def advance(session, steps: int, phase: str | None = None) -> None:
    """Take ``steps`` steps; with ``phase``, stop at that phase of the last one. A blow-up raises."""
    first = steps - 1 if phase else steps
    if first > 0:
        result = session.run(first)
        if result.blowup is not None:
            raise result.blowup
    if phase:
        while session.sub_step() != phase:
            pass


def start_qt(lang: str):
    """A QApplication drawing offscreen (unless a platform was chosen), the light theme, ``lang``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    from PySide6.QtWidgets import QApplication

    from ..qt import i18n, style

    app = QApplication.instance()
    if app is None:  # (a running application, e.g. the tests', keeps its look: figures set their own theme)
        app = QApplication([sys.argv[0] if sys.argv else "w2v-explorer"])
        style.apply_theme(app, style.LIGHT)
    if lang != "en" and not i18n.install_translator(app, lang):
        print(f"warning: the {lang} translations are missing; the panels are in English", file=sys.stderr)
    return app


def list_panels() -> int:
    from ..qt.figures.spec import PANELS

    width = max(len(n) for n in PANELS)
    for name, what in PANELS.items():
        print(f"{name:<{width}}  {what}")
    return 0


def run(args) -> int:
    if args.list_panels:
        return list_panels()
    try:
        if not args.out:
            raise ConfigError("give the file to write: figure OUT.svg|OUT.pdf|OUT.png (or --list-panels)")
        fmt = S.output_format(args.out, S.FIGURE_FORMATS)
        spec = figure_spec(args)
        phase = S.parse_phase(args.phase)
        if args.steps < 0:
            raise ConfigError(f"--steps must be >= 0, got {args.steps}")
        if phase and args.steps < 1:
            raise ConfigError("--phase needs --steps K >= 1 (the step whose phase is shown)")
        lang = check_language(args.lang)
        path = S.check_writable(args.out)
        session = make_session(args)
        advance(session, args.steps, phase)
        start_qt(lang)
        from ..engine.params import atomic_file
        from ..qt.figures.render import figure_bytes

        data = figure_bytes(session, spec, fmt)
        with atomic_file(path, "wb") as f:
            f.write(data)
    except ExplorerError as exc:
        return fail(exc)
    print(f"wrote {args.out} ({fmt.upper()}, {spec.size[0]}x{spec.size[1]}, {', '.join(spec.panels)})")
    return 0
