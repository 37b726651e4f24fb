"""The import-linter contracts in pyproject.toml hold: engine and session import no Qt; layers point down."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    exe = Path(sys.executable).with_name("lint-imports")
    r = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "KEPT" in r.stdout and "BROKEN" not in r.stdout


def test_engine_imports_without_qt():
    code = (
        "import sys; import explorer.engine, explorer.engine.model, explorer.engine.loss; "
        "bad=[m for m in sys.modules if m.startswith(('PySide6','pyqtgraph','shiboken6'))]; "
        "assert not bad, bad"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


# ---------------------------------------------------------------------------------------------------------
# no import cycles, lazy imports included
PACKAGE = ROOT / "explorer"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    p = ROOT.joinpath(*name.split("."))
    return p.with_suffix(".py").is_file() or (p / "__init__.py").is_file()


def import_graph() -> dict[str, set[str]]:
    """Every module of ``explorer`` → the ``explorer`` modules it imports anywhere in its text (at the top,
    in a function, under ``if TYPE_CHECKING``): ``from .x import y`` counts as importing ``.x.y`` when that is
    a module, else ``.x``."""
    import ast

    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        is_pkg = path.name == "__init__.py"
        package = name if is_pkg else name.rpartition(".")[0]
        edges = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges |= {a.name for a in node.names if a.name.split(".")[0] == "explorer"}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.split(".")[0] != "explorer":
                    continue
                for a in node.names:
                    sub = f"{target}.{a.name}"
                    edges.add(sub if _is_module(sub) else target)
        edges.discard(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_import_graph_is_read_with_lazy_imports():
    g = import_graph()
    assert "explorer.session.persistence" in g["explorer.session.session"]  # a lazy import in Session.save
    assert "explorer.qt.i18n.switch" in g["explorer.qt.main_window"]  # a lazy import in set_language
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_anywhere_in_explorer():
    assert cycles(import_graph()) == []


def test_file_sizes():
    """No module of explorer over 600 lines; the main window a thin shell under 400."""
    sizes = {
        p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    assert {p: n for p, n in sizes.items() if n > 600} == {}
    assert sizes["explorer/qt/main_window.py"] < 400


def test_the_application_layer_imports_without_qt():
    code = (
        "import sys; import explorer.app, explorer.app.commands, explorer.app.walk, explorer.app.choices; "
        "bad=[m for m in sys.modules if m.startswith(('PySide6','pyqtgraph','shiboken6'))]; "
        "assert not bad, bad"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
