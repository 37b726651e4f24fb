"""The numpy engine: no Qt, usable from a script or a notebook.

- :mod:`.config`    :class:`Config`, every knob of a run, validated
- :mod:`.corpus`    text / pairs parsing, :class:`Vocabulary`
- :mod:`.examples`  step index → example (a pure function of configuration, seed and step)
- :mod:`.huffman`   the Huffman tree of hierarchical softmax (word2vec.c's construction)
- :mod:`.noise`     the noise distribution of negative sampling
- :mod:`.kernel`    the SGD step's equations, once, compiled (numba): records, fast-forward and E use it
- :mod:`.step`      a recorded step: the kernel with record buffers → :class:`StepRecord`
- :mod:`.fast`      fast-forward: the kernel over many steps, without records
- :mod:`.record`    :class:`StepRecord`, the immutable account of one step
- :mod:`.model`     :class:`Model`: compute / apply / revert a step
- :mod:`.loss`      E of an example and of the training set
- :mod:`.gradcheck` finite-difference check of a record
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Config
    from .corpus import Corpus, Vocabulary, parse
    from .model import PHASES, Model
    from .params import Params
    from .record import NodeTerm, StepRecord, VectorUpdate

#: where each name lives: imported when first used, so ``import explorer.engine.config`` (or presets)
#: does not load numba and the compiled kernels
_WHERE = {
    "Config": "config",
    "Corpus": "corpus",
    "Vocabulary": "corpus",
    "parse": "corpus",
    "Model": "model",
    "PHASES": "model",
    "Params": "params",
    "StepRecord": "record",
    "VectorUpdate": "record",
    "NodeTerm": "record",
}

__all__ = [
    "Config",
    "Corpus",
    "Vocabulary",
    "parse",
    "Model",
    "PHASES",
    "Params",
    "StepRecord",
    "VectorUpdate",
    "NodeTerm",
]


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
