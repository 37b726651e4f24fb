"""word2vec.c's σ lookup table.

Paper mode uses the exact logistic function σ(x) = 1 / (1 + e^{−x}); reference mode uses word2vec.c's table:
1000 entries σ((i/1000·2 − 1)·6), looked up at ``int((x + 6) · 83)`` (word2vec.c's
``EXP_TABLE_SIZE / MAX_EXP / 2`` is integer division: 83, not 83.33). Both are computed in
:mod:`explorer.engine.kernel` (``sigmoid``, ``table_sigmoid``; −log σ inside the step).
"""

from __future__ import annotations

import numpy as np

MAX_EXP = 6.0
EXP_TABLE_SIZE = 1000
_SCALE = EXP_TABLE_SIZE // int(MAX_EXP) // 2  # 83, as in word2vec.c

_x = np.exp((np.arange(EXP_TABLE_SIZE) / EXP_TABLE_SIZE * 2 - 1) * MAX_EXP)
SIGMOID_TABLE = _x / (_x + 1)
SIGMOID_TABLE.setflags(write=False)
