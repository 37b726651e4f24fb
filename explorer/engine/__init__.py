"""The numpy engine: no Qt, usable from a script or a notebook.

- :mod:`.config`    :class:`Config`, every knob of a run, validated
- :mod:`.corpus`    text / pairs parsing, :class:`Vocabulary`
- :mod:`.examples`  step index → example (a pure function of configuration, seed and step)
- :mod:`.huffman`   the Huffman tree of hierarchical softmax (word2vec.c's construction)
- :mod:`.noise`     the noise distribution of negative sampling
- :mod:`.step`      the math of one SGD step, per output layer
- :mod:`.record`    :class:`StepRecord`, the immutable account of one step
- :mod:`.model`     :class:`Model`: compute / apply / revert a step
- :mod:`.loss`      E of an example and of the training set
- :mod:`.gradcheck` finite-difference check of a record
"""
from .config import Config
from .corpus import Corpus, Vocabulary, parse
from .model import PHASES, Model
from .params import Params
from .record import NodeTerm, StepRecord, VectorUpdate

__all__ = ["Config", "Corpus", "Vocabulary", "parse", "Model", "PHASES", "Params", "StepRecord",
           "VectorUpdate", "NodeTerm"]
