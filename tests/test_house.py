"""The house rules, read from the imports of bot/: layers point one way, and nothing circles."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parent.parent / "bot"

# (layer of the importer, layer it may never import)
FORBIDDEN = (
    ("bot.services", "bot.blocks"),
    ("bot.services", "bot.outbox"),
    ("bot.services", "bot.notify"),
    ("bot.services", "bot.handlers"),
    ("bot.services", "slack_sdk"),
    ("bot.services", "slack_bolt"),
    ("bot.blocks", "bot.store"),
    ("bot.blocks", "bot.outbox"),
    ("bot.blocks", "bot.notify"),
    ("bot.blocks", "bot.handlers"),
    ("bot.handlers", "bot.store"),
    ("bot.handlers", "bot.outbox"),
    ("bot.store", "bot.services"),
    ("bot.store", "bot.blocks"),
    ("bot.store", "bot.notify"),
    ("bot.store", "bot.handlers"),
    ("bot.store", "bot.outbox"),
    ("bot.notify", "bot.handlers"),
)


def module_name(path: Path) -> str:
    """`bot/services/money/expenses.py` -> `bot.services.money.expenses`."""
    parts = list(path.relative_to(BOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports() -> dict[str, set[str]]:
    """Every module of bot/ and the modules it imports, anywhere in the file."""
    graph: dict[str, set[str]] = {}
    for path in BOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    keep = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*keep, base]).strip(".")
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    found.add(sub if _is_module(sub) else base)
        graph[name] = found
    return graph


def _is_module(name: str) -> bool:
    path = BOT.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _within(module: str, layer: str) -> bool:
    return module == layer or module.startswith(layer + ".")


def forbidden_edges(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    """Each import that crosses a layer the wrong way."""
    bad = set()
    for importer, imported in graph.items():
        for target in imported:
            for layer, banned in FORBIDDEN:
                if _within(importer, layer) and _within(target, banned):
                    bad.add((importer, target if target.startswith("bot") else banned))
    return bad


def circles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """Strongly connected groups of bot modules (Tarjan), each an import circle."""
    edges = {m: {t for t in targets if t in graph and t != m} for m, targets in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.add(frozenset(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_layer_is_crossed_the_wrong_way() -> None:
    """Services never render or send; blocks never touch the database; handlers never query."""
    assert forbidden_edges(imports()) == set()


def test_no_import_circles() -> None:
    """No group of modules in bot/ imports itself round."""
    assert circles(imports()) == set()


def test_no_module_over_300_lines() -> None:
    """Short files: every module in bot/ has at most 300 lines."""
    long = {
        module_name(p): n
        for p in BOT.rglob("*.py")
        if "migrations" not in p.parts and (n := len(p.read_text().splitlines())) > 300
    }
    assert long == {}


def test_the_rules_see_a_forbidden_edge() -> None:
    """The checker itself: a service importing blocks, and a two-module circle, are caught."""
    graph = {"bot.services.x": {"bot.blocks.y"}, "bot.blocks.y": {"bot.services.x"}}
    assert ("bot.services.x", "bot.blocks.y") in forbidden_edges(graph)
    assert circles(graph) == {frozenset(graph)}
