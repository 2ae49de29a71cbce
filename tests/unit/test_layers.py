"""The dependency rule of DESIGN.md, read from the source: domain imports none of the other
layers, only web imports Flask or web, and web reaches the store and the actor only through
the application."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FORBIDDEN = {
    # aggregates are the library's (eventsourcing.domain); nothing else from outside
    "domain": (
        "marketplace",
        "projections",
        "web",
        "flask",
        "sqlalchemy",
        "eventsourcing.persistence",
    ),
    "projections": ("web", "flask"),
    "marketplace": ("web", "flask"),
    "web": ("domain.actor", "marketplace.persistence"),
}


def imported(path: Path) -> set[str]:
    """The modules a source file imports, at any depth (lazy imports included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def breaks(module: str, forbidden: tuple[str, ...]) -> bool:
    return any(module == f or module.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_the_dependency_rule_forbids(layer):
    found = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in sorted((ROOT / layer).rglob("*.py"))
        for module in sorted(imported(path))
        if breaks(module, FORBIDDEN[layer])
    ]
    assert found == []
