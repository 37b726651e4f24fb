"""The project's one error type.

Every problem a user can cause (bad corpus, bad option, damaged file) is raised as an
:class:`ExplorerError` whose message is a single line naming the problem. The CLI turns it into
``error: <message>`` on stderr and exit status 2; the GUI shows it next to the field or in the
status bar. Anything else escaping is a bug.
"""


class ExplorerError(Exception):
    """A user-facing problem, described in one line."""

    exit_status = 2

    def __init__(self, message: str):
        message = " ".join(str(message).split())  # always one line
        super().__init__(message)


class ConfigError(ExplorerError):
    """A configuration value is out of range or inconsistent."""


class CorpusError(ExplorerError):
    """The corpus text cannot be used (empty, not UTF-8, syntax error, ...)."""


class FileFormatError(ExplorerError):
    """A weights, session or trace file is damaged, truncated, of the wrong shape or version."""


class BlowUpError(ExplorerError):
    """A step would produce a non-finite value or a magnitude past the bound; nothing was applied."""

    exit_status = 3

    def __init__(self, step: int, quantity: str, lr: float, detail: str = ""):
        self.step = step
        self.quantity = quantity
        self.lr = lr
        text = f"step {step}: {quantity}{(' ' + detail) if detail else ''} at lr {lr:g}"
        super().__init__(text)
