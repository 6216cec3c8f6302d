"""Build the desktop app with PyInstaller and check that the built executable works.

    python scripts/check_built_app.py              # build into a temporary folder, check
    python scripts/check_built_app.py --app DIR    # check an existing build (DIR/DeepDive)

Runs the built executable, never the source, against a temporary workspace and data
folder: ``--version`` (the package's version), ``demo``, ``cases --json``,
``templates list``, ``check``, ``export`` to Word and Markdown (the Word document read
back with python-docx: title, headings, one chronology row per event, the marking in
every header, the timeline picture that Qt draws offscreen), a bad export (one line on
stderr, exit 2, nothing written), a PostgreSQL address tried through the bundled psycopg
and libpq (a refused connection, in one line), an Excel .xlsx chronology imported (openpyxl, a date
cell, an agency added), ``agencies list``, and the window itself (offscreen, until it has
opened the workspace, and loaded the spelling dictionary wherever the source can). So a
data file, a hidden import or a Qt plugin missing from the
build fails here. Prints the time of each step and the size of the build; exits 1 if
any check failed. CI (.ci/run) runs it after scripts/test.sh.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "DeepDive"
DEMO = "DEMO-001"
MARKING = "OFFICIAL-SENSITIVE: BUILD CHECK"
# Long enough for a cold start on a slow CI machine; the app normally opens in ~1 s.
WINDOW_TIMEOUT_S = 60.0

T = TypeVar("T")


class CheckFailed(Exception):
    """One check did not hold; the message says what was seen."""


def main(argv: Sequence[str] | None = None) -> int:
    """Build (unless --app is given) and check; 0 when every check passed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, help="an existing build folder (dist/DeepDive)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="deepdive-app-check-"))
    started = time.monotonic()
    checker = Checker(scratch)
    try:
        if args.app is None:
            app_dir = checker.step("build", lambda: build(scratch))
        else:
            app_dir = args.app.resolve()
        if app_dir is not None:
            checker.run_all(app_dir)
    finally:
        if args.keep:
            print(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"\nbuilt-app check: {len(checker.failures)} of {checker.count} checks failed, "
        f"{time.monotonic() - started:.0f} s in all"
    )
    for name, message in checker.failures:
        print(f"  FAILED {name}: {message}", file=sys.stderr)
    return 1 if checker.failures else 0


def build(scratch: Path) -> Path:
    """Run scripts/build_app.sh into ``scratch``; the folder holding the app."""
    env = dict(os.environ)
    # build_app.sh uses the active environment: make it this interpreter's.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["VIRTUAL_ENV"] = sys.prefix
    subprocess.run(
        [
            "bash",
            str(ROOT / "scripts" / "build_app.sh"),
            "--dist",
            str(scratch / "dist"),
            "--work",
            str(scratch / "work"),
            "--no-check",
        ],
        check=True,
        env=env,
        cwd=ROOT,
    )
    return scratch / "dist" / APP_NAME


class Checker:
    """Runs the built executable in a scratch folder and records what failed."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.count = 0
        self.failures: list[tuple[str, str]] = []
        self.executable = Path()
        self.workspace = scratch / "run" / "Team workspace.deepdive"
        self.pseudonym = ""

    def step(self, name: str, action: Callable[[], T]) -> T | None:
        """Run one check, print how long it took; None (and a failure) if it failed."""
        self.count += 1
        print(f"\n---- {name}", flush=True)
        start = time.monotonic()
        try:
            result = action()
        except (CheckFailed, subprocess.SubprocessError, OSError) as exc:
            print(f"---- {name}: FAILED ({time.monotonic() - start:.1f} s): {exc}", flush=True)
            self.failures.append((name, str(exc)))
            return None
        print(f"---- {name}: ok ({time.monotonic() - start:.1f} s)", flush=True)
        return result

    def run_all(self, app_dir: Path) -> None:
        """Every check of the built app in ``app_dir``."""
        suffix = ".exe" if sys.platform == "win32" else ""
        self.executable = app_dir / f"{APP_NAME}{suffix}"
        if not self.executable.is_file():
            self.failures.append(("executable", f"{self.executable} is missing"))
            return
        print(f"\nbuild size: {folder_size(app_dir) / 2**20:.0f} MiB ({app_dir})")
        (self.scratch / "run").mkdir(exist_ok=True)
        self.step("--version", self.check_version)
        if self.step("demo", self.check_demo) is None:
            return  # everything below needs the demo case
        events = self.step("cases --json", self.check_cases)
        self.step("templates list", self.check_templates)
        self.step("check", lambda: self.run("check", "--workspace", str(self.workspace)))
        if events is not None:
            self.step("export --format docx", lambda: self.check_docx(events))
            self.step("export --format md", lambda: self.check_markdown(events))
        self.step("export of an unknown case", self.check_bad_export)
        self.step("a team workspace's server is reached", self.check_server_driver)
        self.step("import-chronology of an .xlsx", self.check_xlsx_import)
        self.step("the window opens the workspace", self.check_window)

    # -- running the executable ------------------------------------------------------

    def environment(self, *, qt_platform: str | None = None) -> dict[str, str]:
        """A clean environment: scratch data and settings folders, no display."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("QT_", "PYTHON", "DEEPDIVE_"))
            and key not in ("DISPLAY", "WAYLAND_DISPLAY", "VIRTUAL_ENV")
        }
        env["DEEPDIVE_DATA_DIR"] = str(self.scratch / "data")
        env["HOME"] = str(self.scratch / "home")
        env["XDG_CONFIG_HOME"] = str(self.scratch / "config")
        env["XDG_RUNTIME_DIR"] = str(self.scratch / "runtime")
        for folder in ("home", "config", "runtime"):
            (self.scratch / folder).mkdir(mode=0o700, exist_ok=True)
        if qt_platform is not None:
            env["QT_QPA_PLATFORM"] = qt_platform
        return env

    def run(self, *args: str, expect: int = 0) -> subprocess.CompletedProcess[str]:
        """Run the built executable with ``args``; fail unless it exits with ``expect``."""
        result = subprocess.run(
            [str(self.executable), *args],
            cwd=self.scratch / "run",
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=180,
            stdin=subprocess.DEVNULL,
        )
        if result.returncode != expect:
            raise CheckFailed(
                f"`{APP_NAME} {' '.join(args)}` exited {result.returncode}, not {expect}\n"
                f"stdout: {result.stdout.strip()}\nstderr: {result.stderr.strip()}\n"
                f"log: {self.log_tail()}"
            )
        if "Traceback" in result.stderr:
            raise CheckFailed(f"`{' '.join(args)}` printed a traceback:\n{result.stderr}")
        return result

    def log_tail(self) -> str:
        """The end of the app's log file, for failure messages."""
        log = self.scratch / "data" / "logs" / "deepdive.log"
        return log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else ""

    # -- the checks --------------------------------------------------------------------

    def check_version(self) -> None:
        expected = project_version()
        out = self.run("--version").stdout.strip()
        if expected not in out.split():
            raise CheckFailed(f"--version printed {out!r}; pyproject.toml says {expected}")
        print(out)

    def check_demo(self) -> bool:
        self.run("demo", "--workspace", str(self.workspace))
        if not self.workspace.is_file():
            raise CheckFailed(f"demo did not create {self.workspace}")
        return True

    def check_cases(self) -> int:
        """The demo case is listed; its number of chronology events."""
        out = self.run("cases", "--workspace", str(self.workspace), "--json").stdout
        cases = {case["code"]: case for case in json.loads(out)}
        if DEMO not in cases:
            raise CheckFailed(f"cases --json does not list {DEMO}: {out}")
        events = int(cases[DEMO]["events"])
        if events < 1:
            raise CheckFailed(f"{DEMO} has no chronology events in the built app")
        self.pseudonym = str(cases[DEMO]["pseudonym"])
        return events

    def check_templates(self) -> None:
        out = self.run("templates", "list", "--workspace", str(self.workspace)).stdout
        if "Deep Dive" not in out:
            raise CheckFailed(f"the built-in templates are not listed:\n{out}")

    def export(self, name: str) -> Path:
        out = self.scratch / "run" / name
        self.run(
            "export", DEMO, "--out", str(out), "--workspace", str(self.workspace),
            "--marking", MARKING,
        )  # fmt: skip
        if not out.is_file() or out.stat().st_size == 0:
            raise CheckFailed(f"export reported success but {out.name} is missing or empty")
        return out

    def check_docx(self, events: int) -> None:
        """The Word case study, read back: headings, chronology, marking, timeline."""
        import docx  # python-docx, from the environment running this script

        document = docx.Document(str(self.export("case study.docx")))
        headings = [
            p.text.strip()
            for p in document.paragraphs
            if p.style is not None and p.style.name.startswith(("Heading", "Title"))
        ]
        for wanted in (self.pseudonym, "Chronology", "Timeline"):
            if wanted not in headings:
                raise CheckFailed(f"no heading {wanted!r} among {headings}")
        chronology = [
            t for t in document.tables if t.rows and t.rows[0].cells[0].text.strip() == "Date"
        ]
        if not chronology or len(chronology[0].rows) - 1 != events:
            rows = [len(t.rows) - 1 for t in chronology]
            raise CheckFailed(f"expected a chronology table of {events} events; found {rows}")
        for number, section in enumerate(document.sections, start=1):
            header = " ".join(p.text for p in section.header.paragraphs)
            if MARKING not in header:
                raise CheckFailed(f"section {number}'s header is {header!r}, not the marking")
        pictures = [
            part.blob for part in document.part.package.parts if part.content_type == "image/png"
        ]
        if not pictures or not all(png_width(blob) >= 600 for blob in pictures):
            raise CheckFailed(
                f"the timeline picture is missing or tiny ({len(pictures)} PNGs): "
                "was Qt's offscreen platform plugin bundled?"
            )
        print(f"{len(headings)} headings, {events} chronology rows, {len(pictures)} picture(s)")

    def check_markdown(self, events: int) -> None:
        text = self.export("case study.md").read_text(encoding="utf-8")
        lines = text.splitlines()
        if not any(line.lstrip("#").strip() == "Chronology" for line in lines if line[:1] == "#"):
            raise CheckFailed("the Markdown export has no Chronology heading")
        if MARKING not in text:
            raise CheckFailed("the Markdown export does not carry the marking")
        if sum(1 for line in lines if line.startswith("|")) < events:
            raise CheckFailed(f"the Markdown export has fewer table rows than {events} events")

    def check_bad_export(self) -> None:
        out = self.scratch / "run" / "nobody.docx"
        result = self.run(
            "export", "NOPE-404", "--out", str(out), "--workspace", str(self.workspace),
            expect=2,
        )  # fmt: skip
        lines = result.stderr.strip().splitlines()
        if len(lines) != 1 or "NOPE-404" not in lines[0]:
            raise CheckFailed(f"expected one line naming NOPE-404 on stderr, got {lines}")
        if out.exists():
            raise CheckFailed(f"a failed export still wrote {out.name}")

    def check_server_driver(self) -> None:
        """psycopg and its libpq came with the build: a PostgreSQL address is tried (port
        1 on this machine refuses at once), not answered with 'needs the server extra'."""
        result = self.run("cases", "--workspace", "postgresql://nobody@127.0.0.1:1/team", expect=2)
        lines = result.stderr.strip().splitlines()
        if len(lines) != 1 or "Cannot open the team workspace" not in lines[0]:
            raise CheckFailed(f"expected libpq's refusal in one line on stderr, got {lines}")

    def check_xlsx_import(self) -> None:
        """An agency's workbook: a real date cell, a text date, an agency to add."""
        from datetime import datetime

        import openpyxl  # from the environment running this script

        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Chronology"
        sheet.append(["Date", "Event", "Agency"])
        sheet.append([datetime(2019, 6, 3), "Built-app check: a date cell", "Police"])
        sheet.append(["Jul 2019", "Built-app check: a text date", "Build Check Hub"])
        path = self.scratch / "run" / "agency chronology.xlsx"
        book.save(path)
        out = self.run(
            "import-chronology", DEMO, str(path), "--workspace", str(self.workspace)
        ).stdout
        for wanted in ("Imported 2 events", "Excel sheet 'Chronology'", "Added 1 agency"):
            if wanted not in out:
                raise CheckFailed(f"the import did not say {wanted!r}:\n{out}")
        listed = self.run("agencies", "list", "--workspace", str(self.workspace)).stdout
        if "Build Check Hub" not in listed:
            raise CheckFailed(f"agencies list does not show the added agency:\n{listed}")

    def check_window(self) -> None:
        """Start the app offscreen; it must open the workspace (and list it as recent)."""
        settings = self.scratch / "config" / APP_NAME / f"{APP_NAME}.conf"
        with running(
            [str(self.executable), "--workspace", str(self.workspace)],
            cwd=self.scratch / "run",
            env=self.environment(qt_platform="offscreen"),
        ) as process:
            deadline = time.monotonic() + WINDOW_TIMEOUT_S
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    raise CheckFailed(
                        f"the app quit by itself (exit {process.returncode}): "
                        f"{process.stderr.read() if process.stderr else ''}\n{self.log_tail()}"
                    )
                if settings.exists() and str(self.workspace) in settings.read_text("utf-8"):
                    break
                time.sleep(0.2)
            else:
                raise CheckFailed(
                    f"the window did not open the workspace within {WINDOW_TIMEOUT_S:.0f} s\n"
                    f"{self.log_tail()}"
                )
            # The spelling dictionary loads in the background just after the workspace
            # opens: from the build too, wherever this machine has one.
            while time.monotonic() < deadline and "Spelling" not in self.log_tail():
                time.sleep(0.2)
        if "ERROR" in self.log_tail():
            raise CheckFailed(f"the app logged an error:\n{self.log_tail()}")
        if dictionary_here() and "Spelling: the en_GB dictionary is loaded" not in (
            self.log_tail()
        ):
            raise CheckFailed(
                "this machine has the en_GB dictionary, but the built app did not load "
                f"it:\n{self.log_tail()}"
            )


@contextmanager
def running(
    command: list[str], *, cwd: Path, env: dict[str, str]
) -> Iterator[subprocess.Popen[str]]:
    """A background process, asked to stop (then killed) on the way out."""
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def dictionary_here() -> bool:
    """Whether Enchant and the en_GB dictionary work on this machine (from the source)."""
    try:
        import enchant

        enchant.Dict("en_GB")
    except Exception:
        return False
    return True


def project_version() -> str:
    """The version pyproject.toml gives."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def png_width(blob: bytes) -> int:
    """The width of a PNG image, from its header (0 if it is not a PNG)."""
    if blob[:8] != b"\x89PNG\r\n\x1a\n":
        return 0
    return int.from_bytes(blob[16:20], "big")


def folder_size(folder: Path) -> int:
    """Bytes in every file under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


if __name__ == "__main__":
    sys.exit(main())
