"""The shape docs/architecture.md describes, checked from the source: the imports between app/'s packages and core
modules form no cycle, models import no feature, and an import inside a function says why it is there."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
CORE_PACKAGES = {"models", "markup"}  # directories of app/ that are core, not features
# Cycles allowed, each with why; none since the log-in pages left accounts for a package above oidc and two_factor.
ACCEPTED_CYCLES: list[list[str]] = []


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(APP.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _node(module: str) -> str | None:
    """The unit a module belongs to: its feature package (`questions`), or the core module itself
    (`app.events`, `models`); None outside app/."""
    parts = module.split(".")
    if parts[0] != "app":
        return None
    if len(parts) == 1:
        return "app"
    if (APP / parts[1]).is_dir():
        return parts[1]
    return f"app.{parts[1]}" if (APP / f"{parts[1]}.py").exists() else "app"


def _imported_modules(module: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[:len(package) - node.level + 1]
        base = ".".join(package + ([node.module] if node.module else []))
    # `from app import clock` imports the module app.clock; `from app.x import name` the module app.x.
    return [f"{base}.{alias.name}" if (APP.parent / f"{base}.{alias.name}".replace(".", "/")).exists()
            or (APP.parent / (f"{base}.{alias.name}".replace(".", "/") + ".py")).exists() else base
            for alias in node.names]


class _Imports(ast.NodeVisitor):
    def __init__(self):
        self.imports: list[tuple[ast.AST, bool]] = []  # (node, inside a function)
        self.depth = 0

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node):
        self.imports.append((node, self.depth > 0))

    visit_ImportFrom = visit_Import


def _scan():
    """Every edge between units (with where it is written) and every import inside a function."""
    edges: dict[tuple[str, str], list[str]] = {}
    in_functions = []
    for path in sorted(APP.rglob("*.py")):
        module, source = _module_name(path), path.read_text()
        lines = source.splitlines()
        visitor = _Imports()
        visitor.visit(ast.parse(source))
        for node, in_function in visitor.imports:
            where = f"{path.relative_to(APP.parent)}:{node.lineno}"
            for target in _imported_modules(module, path.name == "__init__.py", node):
                a, b = _node(module), _node(target)
                if b is not None and a != b:
                    edges.setdefault((a, b), []).append(where)
            if in_function:
                text = lines[node.lineno - 2:node.end_lineno]  # the line above, and the statement itself
                if not any("#" in line for line in text):
                    in_functions.append(where)
    return edges, in_functions


EDGES, UNEXPLAINED_FUNCTION_IMPORTS = _scan()


def _cycles(edges) -> list[list[str]]:
    """The strongly connected groups of more than one unit (Tarjan), the wiring module `app` aside: it imports
    every package to register it, and nothing imports it back."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        if "app" not in (a, b):
            graph.setdefault(a, set()).add(b)
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def _describe(group: list[str]) -> str:
    inside = sorted((a, b) for a, b in EDGES if a in group and b in group)
    return "; ".join(f"{a} -> {b} ({', '.join(EDGES[a, b][:3])})" for a, b in inside)


def test_no_import_cycle_between_packages():
    cycles = [group for group in _cycles(EDGES) if group not in ACCEPTED_CYCLES]
    assert not cycles, "import cycles: " + " | ".join(_describe(group) for group in cycles)


def test_models_import_no_feature():
    features = {b for _, b in EDGES if not b.startswith("app") and b not in CORE_PACKAGES}
    wrong = {f"models -> {b}": where for (a, b), where in EDGES.items() if a == "models" and b in features}
    assert not wrong, wrong


def test_no_feature_imports_another_features_views():
    wrong = []
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                views = {n for n in names if n.startswith("app.") and n.split(".")[-1] == "views"
                         and len(n.split(".")) == 3 and (APP / n.split(".")[1] / "views.py").exists()}
                mine = _node(_module_name(path))
                wrong += [f"{path.relative_to(APP.parent)}:{node.lineno} {v}" for v in views
                          if v.split(".")[1] != mine and mine != "app"]
    assert not wrong, wrong


def test_imports_inside_functions_say_why():
    """An import inside a function carries a comment (on its line or the one above) saying why it is not at the
    top: an optional dependency, a command's heavy import, one backend of several. Never to dodge a cycle."""
    assert not UNEXPLAINED_FUNCTION_IMPORTS, UNEXPLAINED_FUNCTION_IMPORTS


@pytest.mark.parametrize("edges, expected", [
    ({("a", "b"): [], ("b", "a"): []}, [["a", "b"]]),
    ({("a", "b"): [], ("b", "c"): [], ("c", "a"): [], ("c", "d"): []}, [["a", "b", "c"]]),
    ({("a", "b"): [], ("b", "c"): [], ("a", "c"): []}, []),
    ({("app", "a"): [], ("a", "app"): []}, []),
])
def test_the_cycle_finder_finds_cycles(edges, expected):
    assert _cycles(edges) == expected


def test_the_documented_arrows_are_the_imports():
    """docs/architecture.md's table of each package's arrows is the graph the code has, so a reader can trust it."""
    text = (APP.parent / "docs" / "architecture.md").read_text()
    table = text[text.index("| package | imports |"):].split("\n\n")[0].splitlines()[2:]
    documented = {}
    for row in table:
        packages, imports = (cell.strip() for cell in row.strip("|").split("|"))
        for package in packages.split(", "):
            documented[package] = set() if imports == "core only" else set(imports.split(", "))
    features = {path.name for path in APP.iterdir() if (path / "__init__.py").exists()} - CORE_PACKAGES
    actual = {package: {b for (a, b) in EDGES if a == package and b in features} for package in features}
    assert documented == actual
