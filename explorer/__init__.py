"""word2vec Gradient Explorer: step word2vec through training and see every number of the derivation.

Layers (one direction only):

- :mod:`explorer.engine`  numpy only: corpus, vocabulary, Huffman tree, noise sampler, examples, one
  exact SGD step per example returning a :class:`~explorer.engine.record.StepRecord`.
- :mod:`explorer.session` history (undo / redo / seek), runs, persistence, exports, trace diff. No Qt.
- :mod:`explorer.cli`     the command line (``trace``, ``train``, ``tree``, ``diff``).
- :mod:`explorer.qt`      the desktop app; the only package that imports PySide6 or pyqtgraph.
"""

__version__ = "0.1.0"
