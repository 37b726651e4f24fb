"""The setup panel's fields as a configuration: reading what the user typed, and saying what is wrong with it.

:func:`read_fields` takes the raw field values (choices, whole numbers, texts, check marks) and returns a
:class:`~explorer.engine.config.Config` or, for every field that is wrong, a one-line problem — each checked
on its own against the defaults, so every problem shows at once and each at its field.
"""

from __future__ import annotations

from typing import Any

from ..engine.config import APP_DEFAULTS, Config
from ..errors import ExplorerError
from .i18n import translate

#: the settings the panel edits, in the order of the form (Config field names)
FIELDS = (
    "arch",
    "output",
    "mode",
    "hidden",
    "window",
    "lr",
    "negative",
    "ns_power",
    "min_count",
    "sample",
    "init",
    "seed",
    "epochs",
    "shuffle",
    "lowercase",
    "segment",
)
#: the defaults of the desktop app — the command line's too (one source: ``engine.config.APP_DEFAULTS``)
GUI_DEFAULTS = APP_DEFAULTS
#: fields typed as text, and the number they must hold
REAL_FIELDS = ("lr", "ns_power", "sample")


def _number_name(key: str) -> str:
    return {
        "lr": translate("SetupPanel", "learning rate"),
        "ns_power": translate("SetupPanel", "noise power"),
        "sample": translate("SetupPanel", "sub-sampling threshold"),
    }[key]


def read_fields(raw: dict) -> tuple[Config | None, dict[str, str]]:
    """(config, {}) when the fields make a valid configuration, else (None, {field or "general": problem})."""
    values: dict[str, Any] = {}  # field → typed value; Config checks them
    errors: dict[str, str] = {}
    for key, v in raw.items():
        if key in REAL_FIELDS:
            text = str(v).strip()
            try:
                values[key] = float(text)
            except ValueError:
                errors[key] = translate("SetupPanel", "The {name} must be a number, got “{text}”.").format(
                    name=_number_name(key), text=text[:30]
                )
        elif key == "seed":
            text = str(v).strip()
            try:
                values[key] = int(text)
            except ValueError:
                errors[key] = translate(
                    "SetupPanel", "The seed must be a whole number, got “{text}”."
                ).format(text=text[:30])
        else:
            values[key] = v
    base = GUI_DEFAULTS.to_dict()
    for key, v in values.items():
        trial = dict(base, **{key: v})
        if key == "negative" and "output" not in errors:
            trial["output"] = values["output"]
        try:
            Config(**trial)
        except ExplorerError as exc:
            errors[key] = str(exc)
    if errors:
        return None, errors
    try:
        return Config(**values), {}
    except ExplorerError as exc:
        return None, {"general": str(exc)}
