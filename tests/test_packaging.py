"""The wheel is complete: installed on its own, it runs, finds its resources and migrates.

One wheel is built from a copy of the source tree (so stale ``build/`` output cannot
leak into it) with the build backend already installed (``--no-isolation``: no
network). It is installed with ``--no-deps`` into a new, plain virtual environment.
The dependencies (PySide6, SQLAlchemy, ...) are made importable there by a ``.pth``
file listing this interpreter's site-packages folders; ``.pth`` files inside those
folders are not run, so the editable install's import hook for ``deepdive`` stays
out and every ``deepdive`` file used comes from the wheel (checked below).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

_IGNORED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*.pyc",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".import_linter_cache",
    "*.deepdive",
    "*.deepdive-*",
)


def _not_source(folder: str, names: list[str]) -> set[str]:
    """What copying the source tree leaves out: caches, build output, virtual environments."""
    skipped = set(_IGNORED(folder, names))
    return skipped | {n for n in names if (Path(folder, n) / "pyvenv.cfg").is_file()}


def _project() -> dict[str, object]:
    with (REPO / "pyproject.toml").open("rb") as f:
        project: dict[str, object] = tomllib.load(f)["project"]
    return project


def _run(command: Sequence[str | Path], *, env: dict[str, str], cwd: Path) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} exited with {result.returncode}\n"
        f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )
    return result.stdout


@dataclass(frozen=True)
class Installed:
    wheel: Path
    prefix: Path
    python: Path
    scripts: Path
    env: dict[str, str]
    work: Path

    def run(self, *command: str | Path) -> str:
        return _run(command, env=self.env, cwd=self.work)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("packaging")
    base_env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
    }
    base_env["PYTHONNOUSERSITE"] = "1"
    base_env["DEEPDIVE_DATA_DIR"] = str(root / "data")

    source = root / "source"
    shutil.copytree(REPO, source, ignore=_not_source, symlinks=True)
    dist = root / "dist"
    _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, source],
        env=base_env,
        cwd=source,
    )
    wheels = list(dist.glob("*.whl"))
    assert len(wheels) == 1, wheels

    prefix = root / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", prefix], env=base_env, cwd=root)
    bin_dir = prefix / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / ("python.exe" if sys.platform == "win32" else "python")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "--quiet",
            wheels[0],
        ],
        env=base_env,
        cwd=root,
    )

    site_packages = Path(
        _run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            env=base_env,
            cwd=root,
        ).strip()
    )
    ours = {
        Path(p).resolve()
        for p in (sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), *sys.path)
        if p and Path(p).is_dir() and Path(p).name in ("site-packages", "dist-packages")
    }
    (site_packages / "_deepdive_test_dependencies.pth").write_text(
        "".join(f"{p}\n" for p in sorted(ours)), encoding="utf-8"
    )

    env = dict(base_env)
    env["PATH"] = os.pathsep.join([str(bin_dir), env.get("PATH", "")])
    env["VIRTUAL_ENV"] = str(prefix)
    work = root / "work"
    work.mkdir()
    return Installed(wheels[0], prefix, python, bin_dir, env, work)


def _source_files(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def test_the_wheel_holds_every_source_and_resource_file(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    in_wheel = {
        top: {n.removeprefix(f"{top}/") for n in names if n.startswith(f"{top}/")}
        for top in ("deepdive", "deepdive_resources")
    }
    missing_code = _source_files(REPO / "deepdive") - in_wheel["deepdive"]
    assert not missing_code, (
        f"deepdive files missing from the wheel (is each package listed in "
        f"[tool.setuptools] packages, each data file in package-data?): {sorted(missing_code)}"
    )
    missing_resources = _source_files(REPO / "resources") - in_wheel["deepdive_resources"]
    assert not missing_resources, f"resources missing from the wheel: {sorted(missing_resources)}"
    others = {n.split("/")[0] for n in names} - {"deepdive", "deepdive_resources"}
    assert others == {f"deepdive-{_project()['version']}.dist-info"}, (
        f"unexpected top-level entries in the wheel: {sorted(others)}"
    )


def test_the_installed_command_reports_the_project_version(installed: Installed) -> None:
    out = installed.run(installed.scripts / "deepdive", "--version")
    assert out.strip() == f"DeepDive {_project()['version']}"


_INSPECT = r"""
import json
import deepdive
from deepdive.resources import resource_path, resource_root
from deepdive.storage.migrate import MIGRATIONS_DIR

print(json.dumps({
    "deepdive": deepdive.__file__,
    "version": deepdive.__version__,
    "root": str(resource_root()),
    "demo": str(resource_path("demo", "DEMO-001.yaml")),
    "templates": sorted(p.name for p in resource_path("templates").iterdir()),
    "migrations": str(MIGRATIONS_DIR),
    "migration_files": sorted(
        p.relative_to(MIGRATIONS_DIR).as_posix()
        for p in MIGRATIONS_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ),
}))
"""


def test_the_installed_package_uses_its_own_files(installed: Installed) -> None:
    found = json.loads(installed.run(installed.python, "-c", _INSPECT))
    prefix = installed.prefix.resolve()
    for key in ("deepdive", "root", "demo", "migrations"):
        assert Path(found[key]).resolve().is_relative_to(prefix), (
            f"{key} comes from {found[key]}, not from the wheel installed in {prefix}"
        )
    assert found["version"] == _project()["version"]
    templates = sorted(p.name for p in (REPO / "resources" / "templates").iterdir() if p.is_file())
    assert found["templates"] == templates and templates
    migrations = REPO / "deepdive" / "storage" / "migrations"
    assert found["migration_files"] == sorted(_source_files(migrations))
    assert {"env.py", "script.py.mako"} <= set(found["migration_files"])


def test_the_installed_command_creates_a_workspace_and_adds_the_demo(
    installed: Installed,
) -> None:
    workspace = installed.work / "packaged.deepdive"
    out = installed.run(installed.scripts / "deepdive", "demo", "--workspace", workspace)
    assert "DEMO-001" in out
    cases = json.loads(
        installed.run(installed.scripts / "deepdive", "cases", "--json", "--workspace", workspace)
    )
    assert [c["code"] for c in cases] == ["DEMO-001"]
    assert cases[0]["events"] > 0
