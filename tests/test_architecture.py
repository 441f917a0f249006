"""The shape of the package (``../shared/docs/architecture.md``): layers that point one way.

The import graph of ``pipeline/`` is read with ``ast`` (imports inside functions included, relative
imports resolved). It has no cycle; a leaf imports no stage nor anything above; a stage imports
leaves only (never another stage); no module imports a layer above its own.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "pipeline"

LEAVES = {"_version", "resources", "lang", "schema", "published"}
STAGES = {"ner", "dates", "numbers", "quotes"}
ASSEMBLY = {"api", "records"}
RUNNING = {"batch", "io", "summaries", "show", "evaluation", "training", "cli", "__main__"}
RANK = {**dict.fromkeys(LEAVES, 0), **dict.fromkeys(STAGES, 1), **dict.fromkeys(ASSEMBLY, 2),
        **dict.fromkeys(RUNNING, 3), "": 4}  # "": pipeline/__init__.py, the top


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        parts = ("pipeline", *path.relative_to(PKG).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The module of ``pipeline`` an imported name lives in (the longest known prefix)."""
    parts = name.split(".")
    while parts:
        cand = ".".join(parts)
        if cand in MODULES:
            return cand
        parts.pop()
    return None


def imports_of(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            # from X import a: the module X.a when there is one, else (a name defined in X) X
            names = [f"{origin}.{a.name}" if f"{origin}.{a.name}" in MODULES else origin for a in node.names]
        else:
            continue
        for name in names:
            target = _resolve(name)
            if target and target != module:
                found.add(target)
    # importing pipeline.a.b runs pipeline/__init__.py and pipeline/a/__init__.py first: those are
    # not arrows of the graph
    parts = module.split(".")
    return found - {".".join(parts[:k]) for k in range(1, len(parts))}


GRAPH = {m: imports_of(m) for m in MODULES}


def unit(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def test_every_module_has_a_layer():
    assert {unit(m) for m in MODULES} <= set(RANK), {unit(m) for m in MODULES} - set(RANK)


def test_the_graph_is_read():
    assert "pipeline.lang.normalize" in GRAPH["pipeline.ner.features"]
    assert "pipeline.ner.decode" in GRAPH["pipeline.ner.component"]  # a relative import inside a stage
    assert "pipeline.api" in GRAPH["pipeline"]  # a function-level import
    assert "pipeline.schema" in GRAPH["pipeline.dates.component"]  # from .. import schema


def test_no_import_cycle():
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(GRAPH[m]):
            if state.get(n) == 1:
                pytest.fail("import cycle: " + " -> ".join(stack[stack.index(n):] + [n]))
            if n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m)


def test_leaves_import_leaves_only():
    bad = [(m, n) for m in GRAPH if unit(m) in LEAVES for n in GRAPH[m] if unit(n) not in LEAVES]
    assert not bad


def test_stages_import_leaves_and_their_own_folder_only():
    bad = [(m, n) for m in GRAPH if unit(m) in STAGES for n in GRAPH[m]
           if unit(n) != unit(m) and unit(n) not in LEAVES]
    assert not bad


def test_no_arrow_points_up():
    bad = [(m, n) for m in GRAPH for n in GRAPH[m] if RANK[unit(n)] > RANK[unit(m)]]
    assert not bad


def test_only_api_imports_every_stage():
    users = {m for m in GRAPH if STAGES <= {unit(n) for n in GRAPH[m]}}
    assert users == {"pipeline.api"}


def test_the_experiment_is_outside_the_package():
    assert not any("bilstm" in m for m in MODULES)


def _imported(code: list[str]) -> str:
    out = subprocess.run([sys.executable, "-X", "importtime", *code], capture_output=True, text=True,
                         cwd=PKG.parent, check=True)
    return out.stderr


@pytest.mark.parametrize("code", [["-m", "pipeline", "--version"], ["-c", "import pipeline"],
                                  ["-m", "pipeline", "evaluate", "--help"]])
def test_version_and_import_load_neither_spacy_nor_camel_tools(code):
    lines = _imported(code)
    names = {ln.rsplit("|", 1)[-1].strip().split(".")[0] for ln in lines.splitlines() if "|" in ln}
    assert "pipeline" in names
    assert not names & {"spacy", "camel_tools", "thinc", "torch"}


def test_cli_imports_the_module_of_the_command_that_runs_and_never_hides_an_import_error(monkeypatch):
    from pipeline import cli

    monkeypatch.setitem(cli.EVALUATORS, "broken", ("pipeline.evaluation.no_such_module", "a broken evaluator"))
    with pytest.raises(SystemExit) as exc:  # the other commands do not import it
        cli.main(["evaluate", "--help"])
    assert exc.value.code == 0
    with pytest.raises(ModuleNotFoundError):
        cli.main(["evaluate", "broken", "--help"])
