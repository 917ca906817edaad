"""The package's shape, as a newcomer reads it from the tree: layers that import only downwards, no
import cycles (imports inside functions count), and MkDocs known to its adapter alone."""

import ast
import re
from pathlib import Path

from counties import ROOT

PACKAGE = ROOT / "scripts" / "xxgk"

# What each layer may import. model: the county's data; checks: rules across it and loading it
# checked; search: the index records and Pagefind; site: pages from the checked content;
# adapters: the renderers; authoring: the `xxgk` command and what staff run, beside the rest.
ALLOWED = {
    "model": {"model"},
    "checks": {"model", "checks"},
    "search": {"model", "search"},
    "site": {"model", "checks", "search", "site"},
    "adapters": {"model", "checks", "search", "site", "adapters"},
    "authoring": {"model", "checks", "search", "site", "adapters", "authoring"},
}
RENDERERS = ("mkdocs", "properdocs", "material")


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, package: Path) -> set[str]:
    """Every module this file imports, anywhere in it (in functions and TYPE_CHECKING blocks too)."""
    name = module_name(path, package)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against this module's package
                base = name.split(".")[: len(name.split(".")) - node.level + (path.name == "__init__.py")]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}  # `from pkg import module`
    return found


def import_graph(package: Path) -> dict[str, set[str]]:
    """Module -> the package's own modules it imports."""
    files = {module_name(path, package): path for path in package.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        targets = {m for m in imports_of(path, package) if m in files and m != name}
        # `from xxgk.site import generator` names the package too: the module is what is imported.
        graph[name] = {
            m for m in targets if not (files[m].name == "__init__.py" and any(t.startswith(m + ".") for t in targets))
        }
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected group of more than one module (Tarjan), sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else None


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for module, targets in sorted(graph.items()):
        layer = layer_of(module)
        for target in sorted(targets):
            if layer and layer_of(target) and layer_of(target) not in ALLOWED[layer]:
                found.append(f"{module} imports {target}: {layer} may import only {sorted(ALLOWED[layer])}")
    return found


def test_the_package_has_no_import_cycles():
    assert cycles(import_graph(PACKAGE)) == []


def test_every_module_sits_in_a_layer_and_imports_only_downwards():
    graph = import_graph(PACKAGE)
    loose = [m for m in graph if m != "xxgk" and layer_of(m) is None]
    assert loose == [], "every module lives in one of the layer folders"
    assert layer_violations(graph) == []


def test_only_the_adapters_import_a_renderer():
    for path in PACKAGE.rglob("*.py"):
        if "adapters" in path.relative_to(PACKAGE).parts:
            continue
        renderers = {m for m in imports_of(path, PACKAGE) if m.split(".")[0] in RENDERERS}
        assert renderers == set(), f"{path.relative_to(ROOT)} imports {sorted(renderers)}"


def fake_package(folder: Path, modules: dict[str, str]) -> Path:
    for name, source in modules.items():
        path = folder / "xxgk" / (name.replace(".", "/") + ".py")
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.parents:
            if parent == folder:
                break
            (parent / "__init__.py").touch()
        path.write_text(source, encoding="utf-8")
    return folder / "xxgk"


def test_a_new_cycle_is_caught_even_through_an_import_inside_a_function(tmp_path):
    package = fake_package(
        tmp_path,
        {
            "model.documents": "from xxgk.checks.personal_data import Exemption\n",
            "checks.personal_data": "def check(document):\n    from ..model.documents import Document\n",
        },
    )
    assert cycles(import_graph(package)) == [["xxgk.checks.personal_data", "xxgk.model.documents"]]
    assert layer_violations(import_graph(package)) == [
        "xxgk.model.documents imports xxgk.checks.personal_data: model may import only ['model']"
    ]


def test_an_upward_import_is_caught(tmp_path):
    package = fake_package(
        tmp_path,
        {
            "site.generator": "",
            "checks.content": "from xxgk.site import generator\n",
        },
    )
    assert cycles(import_graph(package)) == []
    assert layer_violations(import_graph(package)) == [
        "xxgk.checks.content imports xxgk.site.generator: checks may import only ['checks', 'model']"
    ]


def test_addresses_are_spelled_out_only_in_urls():
    """Every permanent address comes from model/urls.py; templates and sections ask it."""
    from xxgk.model.urls import GENERATED_ROOTS

    folders = sorted(root for root in GENERATED_ROOTS if "." not in root)
    spelled = re.compile(rf"""["'](?:{"|".join(map(re.escape, folders))})/""")
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in (".py", ".j2", ".html") or path.name == "urls.py":
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            example = ">>>" in line or (number > 1 and ">>>" in lines[number - 2])  # doctests show addresses
            if not example and spelled.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
