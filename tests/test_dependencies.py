"""Every module kg has, and every library it imports (at the top of a module or inside a function), imports
in the installed environment, and every library is declared in setup.cfg: a missing dependency fails here,
not on the first web page a user builds (lxml >= 5.2 without lxml_html_clean made trafilatura's justext fail
and every saved page was skipped)."""
from __future__ import annotations

import ast
import configparser
import importlib
import pkgutil
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import kg

REPO = Path(__file__).parent.parent
PACKAGE = REPO / "kg"


def kg_modules() -> list[str]:
    """Every module of the kg package (found on disk, so a new reader or writer is included by itself)."""
    names = ["kg"]
    for info in pkgutil.walk_packages(kg.__path__, prefix="kg."):
        if info.name != "kg.__main__":  # runs the CLI
            names.append(info.name)
    return sorted(names)


def imported_libraries() -> dict[str, list[str]]:
    """Third-party module → the kg files that import it (every import statement, lazy ones included)."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
            for name in names:
                top = name.split(".")[0]
                if top != "kg" and top not in sys.stdlib_module_names:
                    found.setdefault(name, []).append(str(path.relative_to(REPO)))
    return found


def declared_distributions() -> set[str]:
    """Distribution names setup.cfg requires (install_requires and every extra); an extra of a requirement
    counts as the distribution of that name (``dask[distributed]`` brings ``distributed``)."""
    cfg = configparser.ConfigParser()
    cfg.read(REPO / "setup.cfg", encoding="utf-8")
    lines = cfg["options"]["install_requires"].splitlines()
    for extra in cfg["options.extras_require"].values():
        lines += extra.splitlines()
    names = set()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            names |= {canonicalize_name(req.name), *(canonicalize_name(e) for e in req.extras)}
    return names


@pytest.mark.parametrize("module", kg_modules())
def test_every_kg_module_imports(module):
    importlib.import_module(module)


@pytest.mark.parametrize("module", sorted(imported_libraries()))
def test_every_library_kg_imports_is_installed(module):
    importlib.import_module(module)


def test_every_library_kg_imports_is_declared_in_setup_cfg():
    declared = declared_distributions()
    owners = packages_distributions()
    undeclared = {}
    for module, files in imported_libraries().items():
        dists = {canonicalize_name(d) for d in owners.get(module.split(".")[0], [])}
        if not dists & declared:
            undeclared[module] = (sorted(dists), files[:3])
    assert undeclared == {}


def test_lxml_html_clean_is_declared_and_importable():
    """Web pages go through trafilatura, whose justext imports lxml.html.clean: a separate project since lxml
    5.2, which kg must declare itself (an extra of lxml is ignored by older pips)."""
    assert "lxml-html-clean" in declared_distributions()
    importlib.import_module("lxml.html.clean")
    importlib.import_module("trafilatura")


def test_kg_modules_include_the_readers_and_writers():
    """The discovery is not empty by accident: the readers and exporters are in it."""
    modules = set(kg_modules())
    assert {"kg.ingest.webpage", "kg.ingest.pdf", "kg.ingest.word", "kg.store.export", "kg.report", "kg.viz"} <= modules
