"""The shape of the code (docs/architecture.md), checked so it cannot drift again.

Every import statement counts, those inside functions too: a lazy import hides a circle
from Python's import machinery, not from a reader.
"""

import ast
import collections
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [
    "iqa_district",
    "schools",
    "standards",
    "sar",
    "supervision",
    "external_eval",
    "research",
]
MAX_LINES = 550

# Reference data never depends on a workflow; the registry depends on nothing of ours
# but the project package (accounts, Thai helpers).
FORBIDDEN = {
    "schools": {"standards", "sar", "supervision", "external_eval", "research"},
    "standards": {"sar", "supervision", "external_eval", "research"},
}
# The composition roots that assemble every app: the demo seeder and the benchmarks.
COMPOSITION_ROOTS = ("iqa_district.management.", "iqa_district.benchmarks")


def _modules():
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _import_graph():
    modules = _modules()

    def known(name):
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph = collections.defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - node.level + 1]
                    base = ".".join(parts + ([node.module] if node.module else []))
                else:
                    base = node.module
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    # `from . import x` imports the submodule x, not the package itself.
                    targets.append(submodule if submodule in modules else base)
            for target in targets:
                target = known(target)
                if target and target != name:
                    graph[name].add(target)
    return modules, graph


def _cycles(graph, nodes):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle():
    modules, graph = _import_graph()
    assert _cycles(graph, modules) == []


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_reference_apps_import_no_workflow(app):
    _, graph = _import_graph()
    wrong = sorted(
        f"{source} -> {target}"
        for source, targets in graph.items()
        if source.split(".")[0] == app
        for target in targets
        if target.split(".")[0] in FORBIDDEN[app]
    )
    assert wrong == []


def test_only_composition_roots_of_the_project_package_import_apps():
    _, graph = _import_graph()
    apps = set(PACKAGES) - {"iqa_district"}
    wrong = sorted(
        f"{source} -> {target}"
        for source, targets in graph.items()
        if source.split(".")[0] == "iqa_district" and not source.startswith(COMPOSITION_ROOTS)
        for target in targets
        if target.split(".")[0] in apps
    )
    assert wrong == []


def test_no_module_over_the_size_limit():
    paths = list(_modules().values()) + list((ROOT / "tests").rglob("*.py"))
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in paths
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}
