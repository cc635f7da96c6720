"""The package's floor plan: imports point one way, down the flow, and never in a circle.

Every module belongs to a stage (``LAYERS``, in flow order); a module may import its own
stage and the stages before it, never a later one. Every import counts — at module level,
inside a function or under ``TYPE_CHECKING`` — because each is a dependency a reader must
follow. A cycle between modules (even of the same stage) fails too, as does a module far
over the size a reader takes in at once.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mtaudit"
# Stages in flow order; the first holds the types and settings every stage shares.
LAYERS: list[set[str]] = [
    {"errors", "version", "catalog", "model", "shapes", "jsonio", "results", "config"},
    {"read"},
    {"segment"},
    {"checks"},
    {"measure"},
    {"score"},
    {"report"},
    {"gate"},
    {"runners", "execution", "pipeline"},
    {"compare"},
    {"api"},
    {"cli", "terminal", "__main__", "__init__"},
]
MAX_LINES = 350


def modules() -> dict[str, Path]:
    """Dotted module name (``mtaudit.read.batch``) → file."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules ``name`` imports (a ``from X import y`` of a submodule counts as ``X.y``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("mtaudit")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("mtaudit"):
                continue
            subs = {f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in known}
            out |= subs if subs and len(subs) == len(node.names) else {target} | subs
    return {m for m in out if m in known and m != name}


def layer(name: str) -> int:
    stage = name.split(".")[1] if "." in name else "__init__"
    for k, stages in enumerate(LAYERS):
        if stage in stages:
            return k
    raise AssertionError(f"{name}: its stage {stage!r} is not in LAYERS; add it where it belongs in the flow")


GRAPH = {name: imports(name, path, modules()) for name, path in modules().items()}


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_imports_point_down_the_flow(name: str) -> None:
    upward = sorted(m for m in GRAPH[name] if layer(m) > layer(name))
    assert not upward, f"{name} (stage {layer(name)}) imports later stages: {upward}"


def test_no_import_cycles() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in GRAPH:
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_every_stage_is_a_package_or_a_top_module() -> None:
    for name in GRAPH:
        layer(name)  # raises for a module outside the floor plan


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_modules_stay_small(name: str) -> None:
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by what its parts hold"


def test_the_graph_sees_every_kind_of_import() -> None:
    # a relative import of a name, of a submodule, and an import inside a function body
    assert "mtaudit.catalog" in GRAPH["mtaudit.model"]
    assert "mtaudit.checks.dictionary" in GRAPH["mtaudit.checks.coverage"]
    assert "mtaudit.report.table" in GRAPH["mtaudit.report.result"]
    assert layer("mtaudit.read.batch") < layer("mtaudit.checks.runner") < layer("mtaudit.pipeline")
