"""Test setup: Qt renders offscreen (no display needed); shared small corpora and helpers; the ``gui`` and
``slow`` markers (registered in pyproject.toml) put on tests automatically, so ``pytest -m "not gui"`` runs
the core and ``pytest -m "not gui and not slow"`` the core in seconds."""

import gc
import os
from types import ModuleType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from explorer.engine import Config, Model  # noqa: E402

ROYAL = (
    "the king rules the land\nthe queen rules the land\na man walks\na woman walks\n"
    "the king is a man\nthe queen is a woman\n"
)


@pytest.fixture
def royal_text():
    return ROYAL


def make_model(text=ROYAL, **cfg) -> Model:
    cfg.setdefault("hidden", 4)
    cfg.setdefault("window", 2)
    return Model.from_text(text, Config(**cfg))


def randomize(params, seed=0, scale=0.5):
    """Random non-zero weights, so every term of the gradient is exercised."""
    g = np.random.default_rng(seed)
    params.W[:] = g.normal(size=params.W.shape) * scale
    params.W_out[:] = g.normal(size=params.W_out.shape) * scale
    return params


# ---------------------------------------------------------------------------------------------------------
# markers: gui (a Qt application: pytest-qt's qtbot/qapp, or a module that imports the Qt layer) and slow
# (subprocesses — the command line, lint-imports, ruff, mypy —, numba compilation, gensim; each > 1 s)
QT_MODULES = ("PySide6", "pyqtgraph", "shiboken6", "explorer.qt")
SLOW = {
    # whole modules: the command line in subprocesses, numba compilation, gensim, hypothesis fuzzing
    "test_cli_engine.py",
    "test_cli_session.py",
    "test_blowup.py",
    "test_layers.py",
    "test_lint.py",
    "test_fast.py",
    "test_engine_reference.py",
    "test_fuzz.py",
    # single tests over 1 s (pytest --durations=0 -m "not gui")
    "test_geometry.py::test_geometry_imports_no_qt",
    "test_segment.py::test_trace_on_unsegmented_chinese_gives_words",
    "test_engine_weights.py::test_damaged_files",
    "test_session.py::test_stores_stay_within_small_budgets_over_a_long_run",
    "test_session.py::test_any_action_sequence_equals_a_straight_replay",
    "test_huffman_noise.py::test_model_negatives_follow_noise_distribution",
    "test_huffman_noise.py::test_huffman_random_counts",
    "test_persistence.py::test_zip_bomb_members_are_refused_before_reading",
    "test_engine_corpus.py::test_fuzz_parse_raises_only_explorer_error",
    "test_engine_corpus.py::test_fuzz_model_from_text_raises_only_explorer_error",
}


def _uses_qt(module) -> bool:
    for value in vars(module).values():
        name = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
        if isinstance(name, str) and name.startswith(QT_MODULES):
            return True
    return False


def pytest_collection_modifyitems(config, items):
    qt_module: dict = {}
    for item in items:
        module = item.module
        if module not in qt_module:
            qt_module[module] = _uses_qt(module)
        if qt_module[module] or {"qtbot", "qapp"} & set(item.fixturenames):
            item.add_marker(pytest.mark.gui)
        file = item.path.name
        if file in SLOW or f"{file}::{item.originalname}" in SLOW:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Delete the widgets a test closed. pytest-qt closes them with ``deleteLater()``, but outside an event
    loop Qt only carries out a deferred delete when asked to: without this every window of every test
    stayed alive (30,000 widgets after tests/test_gui_bugs.py), and each new window, palette and font
    change walked all of them, so a test took longer the later it ran."""
    yield
    app = _qt_app()
    if app is not None and item.get_closest_marker("gui") is not None:
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # Python's cycle collector, run here rather than at a moment it picks: a collection that starts in the
        # middle of the next test's widget construction (it frees wrappers of the Qt objects deleted above)
        # crashed a worker in pyqtgraph's PlotItem() once the suite ran in another order. What survives is
        # frozen, so each collection looks only at what the last test made.
        gc.collect()
        gc.freeze()


def _qt_app():
    """The running QApplication, without importing Qt in a test session that does not use it."""
    import sys

    core = sys.modules.get("PySide6.QtCore")
    return core.QCoreApplication.instance() if core is not None else None
