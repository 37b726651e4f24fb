"""Options shared by the sub-commands, and turning them into a corpus, a configuration and a model."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import TYPE_CHECKING

from ..engine.config import APP_DEFAULTS, ARCHS, INITS, MODES, OUTPUTS, Config
from ..engine.corpus import parse, read_text_file
from ..engine.outputs import refuse_same_file
from ..engine.params import load_weights
from ..engine.presets import preset_text
from ..engine.segment import SEGMENTS
from ..errors import ExplorerError

if TYPE_CHECKING:
    from ..engine.model import Model

OUTPUT_ALIASES = {"softmax": "softmax", "hs": "hs", "ns": "ns", "hierarchical": "hs", "negative": "ns"}


#: an error line fits one (wide) screen line; a quoted value longer than VALUE_WIDTH is shortened
LINE_WIDTH = 200
VALUE_WIDTH = 60
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _shorten(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    half = (width - 1) // 2
    return text[:half] + "…" + text[len(text) - (width - 1 - half) :]


def error_line(message: str) -> str:
    """``message`` as one screen line: white space squeezed, control characters shown as ``?``, each quoted
    value longer than :data:`VALUE_WIDTH` shortened in its middle, the whole at most :data:`LINE_WIDTH`."""
    text = _CONTROL.sub("?", " ".join(str(message).split()))
    text = _QUOTED.sub(
        lambda m: m.group(0)[0] + _shorten(m.group(0)[1:-1], VALUE_WIDTH) + m.group(0)[-1], text
    )
    if len(text) > LINE_WIDTH:
        text = text[: LINE_WIDTH - 1] + "…"
    return text


def print_error(message: str) -> None:
    """``error: <message>`` on standard error, one line (see :func:`error_line`)."""
    try:
        print(error_line(f"error: {message}"), file=sys.stderr, flush=True)
    except OSError:  # standard error itself is gone: nothing more to say
        pass


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line and exits with status 2."""

    def error(self, message):
        print_error(f"{message} (see '{self.prog} --help')")
        self.exit(2)


def add_corpus_options(p: argparse.ArgumentParser, required: bool = True) -> None:
    g = p.add_mutually_exclusive_group(required=required)
    g.add_argument(
        "--corpus", metavar="FILE", help="corpus file: UTF-8 text, one sentence per line, or in^in|out pairs"
    )
    g.add_argument("--preset", metavar="NAME", help="a built-in corpus (see --list-presets)")
    p.add_argument(
        "--format", choices=("auto", "text", "pairs"), default="auto", help="corpus format (default: auto)"
    )
    p.add_argument("--no-lowercase", action="store_true", help="keep the corpus' case")
    p.add_argument(
        "--segment",
        choices=SEGMENTS,
        default=Config.segment,
        help="raw Chinese into words: auto (lines of unspaced Chinese; default), spaces, jieba",
    )


def add_training_options(p: argparse.ArgumentParser) -> None:
    d = APP_DEFAULTS  # the app's defaults: a command reproduces what the app shows
    p.add_argument("--arch", choices=ARCHS, default=d.arch, help="cbow (context → centre) or skipgram")
    p.add_argument(
        "--output",
        choices=OUTPUTS,
        default=d.output,
        help="softmax, hs (hierarchical) or ns (negative sampling)",
    )
    p.add_argument(
        "--mode", choices=MODES, default=d.mode, help="paper (default) or reference (word2vec.c / gensim)"
    )
    p.add_argument(
        "--hidden", type=int, default=d.hidden, metavar="N", help=f"hidden size N (default {d.hidden})"
    )
    p.add_argument(
        "--window",
        type=int,
        default=d.window,
        metavar="m",
        help=f"window m: context words on each side, C = 2m per example (default {d.window})",
    )
    p.add_argument("--lr", type=float, default=d.lr, metavar="ETA", help=f"learning rate η (default {d.lr})")
    p.add_argument("--seed", type=int, default=d.seed, metavar="S", help=f"random seed (default {d.seed})")
    p.add_argument(
        "--epochs",
        type=int,
        default=None,
        metavar="E",
        help="epochs (trace: planned epochs for reference-mode lr decay)",
    )
    p.add_argument("--shuffle", action="store_true", help="shuffle each epoch's examples by the seed")
    p.add_argument(
        "--init",
        choices=INITS,
        default=None,
        help="uniform (W, W' in ±0.5/N), word2vec (W' = 0), gensim (W in ±1/N, W' = 0) or lecture (W, W' in "
        "±2/√N: learns visibly from the first epoch); default: by mode",
    )
    p.add_argument(
        "--negative",
        type=int,
        default=d.negative,
        metavar="K",
        help=f"negatives per target (ns, default {d.negative})",
    )
    p.add_argument(
        "--ns-power",
        type=float,
        default=d.ns_power,
        metavar="P",
        help="noise distribution ∝ count^P (default 0.75)",
    )
    p.add_argument(
        "--min-count",
        type=int,
        default=d.min_count,
        metavar="M",
        help="drop words seen fewer times (default 1)",
    )
    p.add_argument(
        "--sample",
        type=float,
        default=d.sample,
        metavar="S",
        help="sub-sampling threshold (reference mode; 0 = off)",
    )
    p.add_argument("--weights", metavar="IN.npz", help="start from these weights (W_in, W_out, vocab)")
    p.add_argument("--save-weights", metavar="OUT.npz", help="write the final W_in, W_out, vocab")


def corpus_text(args) -> str:
    if getattr(args, "preset", None):
        return preset_text(args.preset)
    return read_text_file(args.corpus)


def config_from_args(args) -> Config:
    epochs = (
        APP_DEFAULTS.epochs if args.epochs is None else args.epochs
    )  # --epochs 0 must fail, not mean "default"
    return Config(
        arch=args.arch,
        output=args.output,
        mode=args.mode,
        hidden=args.hidden,
        window=args.window,
        lr=args.lr,
        seed=args.seed,
        epochs=epochs,
        shuffle=args.shuffle,
        init=args.init,
        negative=args.negative,
        ns_power=args.ns_power,
        min_count=args.min_count,
        sample=args.sample,
        lowercase=not args.no_lowercase,
        segment=args.segment,
    )


def model_from_args(args) -> Model:
    from ..engine.model import Model  # loads numba: only once the arguments are known to be good

    config = config_from_args(args)  # validate options before reading files
    corpus = parse(corpus_text(args), args.format, config.lowercase, config.segment)
    return warn_if_costly(Model(corpus, config))


def warn_if_costly(model: Model) -> Model:
    """Print a one-line warning when the configuration's steps would be slow or large; go on anyway."""
    warning = model.cost_warning()
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    return model


def params_from_args(args, model: Model):
    if getattr(args, "weights", None):
        params, _ = load_weights(args.weights, model.words, model.config.hidden, model.config.output)
        return params
    return model.init_params()


def fail(exc: ExplorerError) -> int:
    print_error(str(exc))
    return exc.exit_status


def refuse_overwriting_inputs(args, outputs) -> None:
    """A one-line error when an output (``[(option, path), ...]``) is the same file as an input."""
    inputs = [
        (opt, getattr(args, dest, None))
        for opt, dest in (("--corpus", "corpus"), ("--load", "load"), ("--weights", "weights"))
    ]
    refuse_same_file(outputs, inputs)


def json_line(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)
