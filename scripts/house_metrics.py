"""The shape of the house: line counts per package, the longest functions, and the package cycles.

    .venv/bin/python scripts/house_metrics.py [--root .] [--top 15] [--json]

Reads the source with ``ast`` only (nothing is imported, so it runs on any checkout of the repo,
e.g. a base commit checked out in /tmp, to compare before and after).

- Packages: each subpackage of ``gkreview`` (``gkreview.decide``, ``gkreview.batch`` …), each
  top-level module (``gkreview.review`` …) and ``service``. Line counts are physical lines of
  their ``.py`` files.
- Functions: every ``def``/``async def`` (methods and nested functions too), by its span in lines
  (decorators excluded, docstring included).
- Cycles: the package graph has an arrow A → B when a module of A imports a module of B anywhere:
  top level, inside a function (a lazy import is still a dependency) or under ``if TYPE_CHECKING:``
  (a type is a dependency too; import-linter and grimp count these by default). Imports of the root
  package ``gkreview`` (its ``__init__``, the public face) make no arrow. A cycle is a strongly
  connected component of more than one package; the script prints each with one import per arrow
  as evidence.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Module:
    name: str  # dotted module name
    path: Path
    is_package: bool  # an __init__.py


def find_modules(root: Path) -> list[Module]:
    out = []
    for base, top in ((root / "src", "gkreview"), (root, "service")):
        for p in sorted((base / top).rglob("*.py")):
            if "__pycache__" in p.parts:
                continue
            rel = p.relative_to(base).with_suffix("")
            parts = list(rel.parts)
            is_pkg = parts[-1] == "__init__"
            if is_pkg:
                parts = parts[:-1]
            out.append(Module(".".join(parts), p, is_pkg))
    return out


def package_of(module: str) -> str:
    """The node a module belongs to: gkreview.X for gkreview.X[.…], service for service[.…]."""
    parts = module.split(".")
    if parts[0] == "service":
        return "service"
    if len(parts) == 1:
        return "gkreview"
    return ".".join(parts[:2])


def imports_of(mod: Module, tree: ast.Module) -> list[tuple[str, int]]:
    """(imported module, line) for every import in the module, wherever it stands."""
    found: list[tuple[str, int]] = []
    package = mod.name if mod.is_package else mod.name.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            found.extend((a.name, node.lineno) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, node.lineno))
            # `from gkreview import review` imports the module gkreview.review
            found.extend((f"{target}.{a.name}", node.lineno) for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def line_counts(modules: list[Module]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for m in modules:
        counts[package_of(m.name)] += len(m.path.read_text(encoding="utf-8").splitlines())
    return dict(sorted(counts.items()))


def longest_functions(
    modules: list[Module], trees: dict[str, ast.Module], root: Path
) -> list[dict[str, Any]]:
    rows = []
    for m in modules:
        stack: list[tuple[ast.AST, str]] = [(trees[m.name], "")]
        while stack:
            node, prefix = stack.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    qual = f"{prefix}{child.name}"
                    end = child.end_lineno or child.lineno
                    rows.append(
                        {
                            "function": qual,
                            "lines": end - child.lineno + 1,
                            "file": str(m.path.relative_to(root)),
                            "line": child.lineno,
                        }
                    )
                    stack.append((child, qual + "."))
                elif isinstance(child, ast.ClassDef):
                    stack.append((child, f"{prefix}{child.name}."))
                else:
                    stack.append((child, prefix))
    rows.sort(key=lambda r: (-r["lines"], r["file"], r["line"]))
    return rows


def package_graph(modules: list[Module], trees: dict[str, ast.Module]) -> dict[tuple[str, str], str]:
    """(from package, to package) -> one import that makes the arrow, as 'module:line -> target'."""
    known = {m.name for m in modules}
    edges: dict[tuple[str, str], str] = {}
    for m in modules:
        src = package_of(m.name)
        for target, line in imports_of(m, trees[m.name]):
            if target not in known:
                continue
            dst = package_of(target)
            if dst != src and dst != "gkreview":  # the root package's __init__ is the public face
                edges.setdefault((src, dst), f"{m.name}:{line} imports {target}")
    return edges


def cycles(edges: dict[tuple[str, str], str]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), each sorted."""
    graph: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        graph[a].append(b)
        graph.setdefault(b, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0

    def strong(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(max(1000, 10 * len(graph)))
    for v in sorted(graph):
        if v not in index:
            strong(v)
    return sorted(out)


def measure(root: Path, top: int) -> dict[str, Any]:
    modules = find_modules(root)
    trees = {m.name: ast.parse(m.path.read_text(encoding="utf-8"), str(m.path)) for m in modules}
    edges = package_graph(modules, trees)
    comps = cycles(edges)
    funcs = longest_functions(modules, trees, root)
    return {
        "lines": line_counts(modules),
        "total_lines": sum(line_counts(modules).values()),
        "functions_over_80": sum(1 for f in funcs if f["lines"] > 80),
        "longest_functions": funcs[:top],
        "cycles": [
            {
                "packages": comp,
                "arrows": sorted(
                    f"{a} -> {b}: {why}" for (a, b), why in edges.items() if a in comp and b in comp
                ),
            }
            for comp in comps
        ],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=str(Path(__file__).resolve().parents[1]), help="repository root")
    ap.add_argument("--top", type=int, default=15, help="how many of the longest functions to list")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    root = Path(args.root).resolve()
    res = measure(root, args.top)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=2))
        return 0
    print(f"lines per package ({root}):")
    for name, n in res["lines"].items():
        print(f"  {name:<24}{n:>7}")
    print(f"  {'total':<24}{res['total_lines']:>7}")
    print(f"\nlongest functions ({res['functions_over_80']} over 80 lines):")
    for f in res["longest_functions"]:
        print(f"  {f['lines']:>5}  {f['function']:<44} {f['file']}:{f['line']}")
    print(f"\npackage cycles: {len(res['cycles'])}")
    for c in res["cycles"]:
        print("  " + " <-> ".join(c["packages"]))
        for arrow in c["arrows"]:
            print("      " + arrow)
    return 0


if __name__ == "__main__":
    sys.exit(main())
