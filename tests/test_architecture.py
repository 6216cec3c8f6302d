"""The shape of the code: Qt stays inside deepdive.ui, so everything else runs without
a display or PySide6; no module imports itself round a cycle; the UI keeps no state at
module level (the entry point makes what the screens share and hands it down).

import-linter (pyproject's contracts) checks the import graph statically; these tests
check it at run time, in a fresh interpreter where PySide6 and shiboken6 cannot be
imported at all, as on a machine without Qt. Any attempt to import them is recorded,
even one that is caught and ignored.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

# Runs first in the child interpreter: makes Qt unimportable and records who asked.
_BLOCK_QT = r"""
import sys
import traceback

QT = ("PySide6", "shiboken6")
ATTEMPTS = []


class _NoQt:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.split(".")[0] in QT:
            ATTEMPTS.append((name, "".join(traceback.format_stack(limit=12)[:-1])))
            raise ImportError(f"{name} is blocked: only deepdive.ui may import Qt")
        return None


sys.meta_path.insert(0, _NoQt)


def qt_report():
    return {
        "attempts": ATTEMPTS,
        "loaded": sorted(m for m in sys.modules if m.split(".")[0] in QT),
    }
"""

_IMPORT_ALL = r"""
import importlib
import json
import pkgutil

import deepdive

# Skipped before they are imported (pkgutil.walk_packages would import every package,
# deepdive.ui included, to look inside it). The migration scripts run only under Alembic.
SKIP = ("deepdive.ui", "deepdive.storage.migrations")


def skipped(name):
    return any(name == s or name.startswith(s + ".") for s in SKIP)


def walk(package):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if skipped(info.name):
            continue
        module = importlib.import_module(info.name)
        yield info.name
        if info.ispkg:
            yield from walk(module)


imported = list(walk(deepdive))
print(json.dumps({"imported": imported, **qt_report()}))
"""

_RUN_CLI = r"""
import json
import sys
from contextlib import redirect_stdout
from io import StringIO

from deepdive.cli import main

workspace = sys.argv[1]
codes = {}
with redirect_stdout(StringIO()):
    for command in (["demo"], ["cases", "--json"], ["--version"]):
        try:
            codes[" ".join(command)] = main([*command, "--workspace", workspace])
        except SystemExit as exc:  # argparse's --version
            codes[" ".join(command)] = exc.code
print(json.dumps({"codes": codes, **qt_report()}))
"""


def _run_without_qt(code: str, *args: str, cwd: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [sys.executable, "-c", _BLOCK_QT + code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def _qt_problems(report: dict[str, object]) -> str:
    attempts = report["attempts"]
    assert isinstance(attempts, list)
    lines = [f"loaded: {report['loaded']}"]
    for name, stack in attempts:
        lines.append(f"--- import of {name} from:\n{stack}")
    return "\n".join(lines)


def test_every_module_outside_the_ui_imports_without_qt(tmp_path: Path) -> None:
    report = _run_without_qt(_IMPORT_ALL, cwd=tmp_path)
    imported = report["imported"]
    assert isinstance(imported, list)
    # Guard against a walk that silently finds nothing.
    for expected in ("deepdive.cli", "deepdive.resources", "deepdive.storage.workspace"):
        assert expected in imported
    assert not any(name.startswith("deepdive.ui") for name in imported)
    assert report["attempts"] == [] and report["loaded"] == [], _qt_problems(report)


def test_the_command_line_works_without_qt(tmp_path: Path) -> None:
    workspace = tmp_path / "cli.deepdive"
    report = _run_without_qt(_RUN_CLI, str(workspace), cwd=tmp_path)
    assert report["codes"] == {"demo": 0, "cases --json": 0, "--version": 0}
    assert report["attempts"] == [] and report["loaded"] == [], _qt_problems(report)


def test_no_module_of_deepdive_imports_itself_round_a_cycle() -> None:
    """A newcomer can read the modules bottom up: no two of them import each other,
    however indirectly (imports made only for type checking count too)."""
    import grimp

    graph = grimp.build_graph("deepdive")
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("deepdive") and graph.chain_exists(
                importer=imported, imported=module
            ):
                cycles.append(f"{module} -> {imported}")
    assert cycles == []


# Module-level values the UI may keep: constants and tables named in capitals, loggers,
# type variables, compiled patterns and other values that never change.
_UNCHANGING_CALLS = frozenset(
    {
        "compile",
        "field",
        "frozenset",
        "getLogger",
        "MappingProxyType",
        "namedtuple",
        "NewType",
        "ParamSpec",
        "QRegularExpression",
        "Signal",
        "tuple",
        "TypeVar",
    }
)
_CONTAINER_CALLS = frozenset(
    {"defaultdict", "deque", "dict", "list", "OrderedDict", "set", "WeakKeyDictionary", "WeakSet"}
)
_CONTAINERS = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
_CONSTANT_NAME = re.compile(r"_?[A-Z][A-Z0-9_]*")


def _called(value: ast.expr) -> str:
    if not isinstance(value, ast.Call):
        return ""
    function = value.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def _assigned_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [name for element in target.elts for name in _assigned_names(element)]
    return []


def _module_state(path: Path) -> list[str]:
    """Where ``path`` keeps state of its own at module level: ``global`` statements,
    names set to None (to be made later), and containers or objects in lower-case names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [
        f"{path}:{node.lineno}: global {', '.join(node.names)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Global)
    ]

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If | ast.Try):
                visit(node.body)
                visit(node.orelse)
                continue
            if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
                continue
            if isinstance(node, ast.AnnAssign) and "Final" in ast.unparse(node.annotation):
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            called = _called(value)
            container = isinstance(value, _CONTAINERS) or called in _CONTAINER_CALLS
            made = bool(called) and called not in _UNCHANGING_CALLS and not container
            to_be_made = isinstance(value, ast.Constant) and value.value is None
            for name in (n for t in targets for n in _assigned_names(t)):
                if name == "__all__":
                    continue
                constant = _CONSTANT_NAME.fullmatch(name) is not None
                if to_be_made or ((container or made) and not constant):
                    found.append(f"{path}:{node.lineno}: {name} = {ast.unparse(value)[:60]}")

    visit(tree.body)
    return found


def test_the_ui_keeps_no_state_at_module_level() -> None:
    """What the screens share (the privacy context, the save status, the spell checker,
    the appearance) is made by the entry point and handed down, never kept in a module:
    so a test, or a second window, can have its own, and the wiring is read in one place."""
    ui = Path(__file__).resolve().parent.parent / "deepdive" / "ui"
    modules = sorted(ui.rglob("*.py"))
    assert len(modules) > 100  # the walk found the UI
    state = [problem for module in modules for problem in _module_state(module)]
    assert state == []


def test_the_module_state_check_finds_a_lazy_singleton(tmp_path: Path) -> None:
    """The check above can fail: it finds the patterns it exists to keep out."""
    module = tmp_path / "singleton.py"
    module.write_text(
        "import re\n"
        "PATTERN = re.compile('x')\n"
        "TABLE = {'a': 1}\n"
        "_cache: dict[str, int] = {}\n"
        "_made = None\n"
        "_registry = Registry()\n"
        "def made():\n"
        "    global _made\n"
        "    return _made\n",
        encoding="utf-8",
    )
    found = [line.split(": ", 1)[1] for line in _module_state(module)]
    assert found == ["global _made", "_cache = {}", "_made = None", "_registry = Registry()"]
