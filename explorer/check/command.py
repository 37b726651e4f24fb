"""The command line that reproduces a configuration (the app's "Copy as command").

Only options that differ from :data:`~explorer.engine.config.APP_DEFAULTS` are written, besides the
architecture, output layer and mode (written always, so the line reads on its own); since the command
line's defaults are the app's, running the line gives the app's steps bit for bit.
"""

from __future__ import annotations

import shlex

from ..engine.config import APP_DEFAULTS, Config
from ..engine.params import save_weights

#: Config field → command-line option (booleans are flags)
OPTIONS = (
    ("arch", "--arch"),
    ("output", "--output"),
    ("mode", "--mode"),
    ("hidden", "--hidden"),
    ("window", "--window"),
    ("lr", "--lr"),
    ("seed", "--seed"),
    ("epochs", "--epochs"),
    ("init", "--init"),
    ("negative", "--negative"),
    ("ns_power", "--ns-power"),
    ("min_count", "--min-count"),
    ("sample", "--sample"),
)
ALWAYS = ("arch", "output", "mode")


def _num(v) -> str:
    return repr(v) if isinstance(v, float) else str(v)


def command_line(
    config: Config,
    preset: str | None = None,
    corpus: str | None = None,
    fmt: str = "auto",
    steps: int | None = None,
    lr: float | None = None,
    weights: str | None = None,
    command: str = "trace",
    prog: str = "python main.py",
) -> str:
    """``python main.py trace --preset royalty --arch cbow … --steps K`` for ``config``.

    ``preset`` or ``corpus`` (a file path; ``CORPUS.txt`` is written when neither is known) names the text,
    ``lr`` the current learning rate when it was changed during training, ``weights`` an .npz of the initial
    weights (File ▸ Export initial weights) when the run did not start from the seed's, ``steps`` the steps.
    """
    parts = [*shlex.split(prog), command]
    if preset:
        parts += ["--preset", preset]
    else:
        parts += ["--corpus", corpus or "CORPUS.txt"]
    if fmt != "auto":
        parts += ["--format", fmt]
    if not config.lowercase:
        parts.append("--no-lowercase")
    values = config.to_dict()
    if lr is not None:
        values["lr"] = lr
    for key, opt in OPTIONS:
        v = values[key]
        if key in ALWAYS or v != getattr(APP_DEFAULTS, key):
            if v is not None:
                parts += [opt, _num(v)]
    if config.shuffle:
        parts.append("--shuffle")
    if weights:
        parts += ["--weights", weights]
    if steps is not None:
        parts += ["--steps", str(steps)]
    return " ".join(shlex.quote(p) for p in parts)


def export_initial_weights(session, path) -> None:
    """Write the session's initial W and W′ (``W_in``, ``W_out``, ``vocab``) for ``--weights`` or a loop of
    one's own (File ▸ Export initial weights)."""
    save_weights(path, session.initial, session.model.words)
