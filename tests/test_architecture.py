"""The house in rooms: the package's import graph runs one way, and module names say their job.

A small AST walk over ``src/dutyledger``: every ``import dutyledger.…`` outside an
``if TYPE_CHECKING:`` block is an edge. docs/architecture.md draws the same picture.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dutyledger"

# The stages of the flow, lowest first: a module may import its own room and any lower one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_version", "exceptions", "_extras", "_facade"),
    ("_edition",),
    ("_published",),
    ("_checks",),
    ("_changes",),
    ("_matching",),
    ("_compare",),
    ("_report",),
    ("_notes",),
    ("_ledger",),
    ("_serve",),
    ("_progress", "_cli"),
    ("cli", "__main__", "__init__"),
)
RANK = {room: rank for rank, rooms in enumerate(LAYERS) for room in rooms}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__" and len(parts) > 2:
        parts = parts[:-1]
    return ".".join(parts)


def room_of(module: str) -> str:
    """``dutyledger._changes.kinds`` → ``_changes``; the package itself → ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(nodes: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of ``nodes`` except those under ``if TYPE_CHECKING:``."""
    for node in nodes:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _runtime_nodes(node.orelse)
            continue
        yield node
        for field in ("body", "orelse", "finalbody", "handlers"):
            children = getattr(node, field, None)
            if isinstance(children, list):
                yield from _runtime_nodes([c for c in children if isinstance(c, ast.stmt)])
        if isinstance(node, ast.Try):
            for handler in node.handlers:
                yield from _runtime_nodes(handler.body)


def imports_of(path: Path) -> set[str]:
    """The dutyledger modules ``path`` imports at run time (at any depth, not for typing)."""
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8")).body):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("dutyledger"):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("dutyledger"))
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in imports_of(path):
            # ``from dutyledger._changes import kinds`` names the package; both count.
            targets.add(imported if imported in modules else imported.rsplit(".", 1)[0])
        edges[name] = {t for t in targets if t in modules and t != name}
    return edges


def test_every_room_has_a_place_in_the_flow() -> None:
    """A new folder or top-level module is placed in LAYERS (and in docs/architecture.md)."""
    rooms = {room_of(m) for m in graph()}
    assert set() == rooms - set(RANK)


def test_no_lower_stage_imports_a_higher_one() -> None:
    """Edition → published → checks → changes → matching → compare → report → cli, one way."""
    upward = [
        f"{source} imports {target}"
        for source, targets in graph().items()
        for target in targets
        if RANK.get(room_of(target), 0) > RANK.get(room_of(source), 0)
    ]
    assert [] == sorted(upward)


def test_no_import_cycles() -> None:
    """No module reaches itself through run-time imports (Tarjan's strongly connected parts)."""
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = itertools.count()

    def visit(node: str) -> None:
        index[node] = low[node] = next(counter)
        stack.append(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                cycles.append(sorted(part))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert [] == cycles


def test_the_walk_sees_function_level_imports() -> None:
    """The graph counts lazy imports inside functions (the CLI's), not only the top of a file."""
    assert "dutyledger._compare.diff" in graph()["dutyledger._cli.commands"]


def _stems() -> list[tuple[Path, str]]:
    return [
        (p.parent, p.stem) for p in PACKAGE.rglob("*.py") if p.stem not in {"__init__", "__main__"}
    ]


def test_no_two_modules_differ_only_in_word_order() -> None:
    """``diff_text`` beside ``text_diff`` says nothing about which does what."""
    words: dict[tuple[str, ...], set[str]] = {}
    for folder, stem in _stems():
        key = tuple(sorted(w for w in stem.split("_") if w))
        words.setdefault(key, set()).add(str((folder / stem).relative_to(PACKAGE)))
    clashes = {k: v for k, v in words.items() if len({p.rsplit("/", 1)[-1] for p in v}) > 1}
    assert {} == clashes


@pytest.mark.parametrize("folder", sorted({p.parent for p in PACKAGE.rglob("*.py")}))
def test_no_prefix_grouped_siblings(folder: Path) -> None:
    """Three modules sharing a name prefix (``_changes_*``) are a folder asking to exist."""
    prefixes: dict[str, list[str]] = {}
    for path in folder.glob("*.py"):
        words = [w for w in path.stem.split("_") if w]
        if len(words) > 1:
            prefixes.setdefault(words[0], []).append(path.stem)
    assert {} == {p: sorted(s) for p, s in prefixes.items() if len(s) >= 3}
