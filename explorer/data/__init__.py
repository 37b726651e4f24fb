"""Data files the program reads at run time, shipped inside the package (read with ``importlib.resources``).

``presets/``  the built-in example corpora (``explorer.engine.presets``)
``fonts/``    a subset of Noto Sans CJK SC covering the interface and the presets (``explorer.qt.style``)
"""
