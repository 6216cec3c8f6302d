"""Preloading the services leaves nothing for binding a workspace to import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# A fresh interpreter, so what earlier tests imported does not hide a missing module.
_CHECK = """
import sys
from pathlib import Path
from deepdive.services import Services, preload
preload()
before = set(sys.modules)
from deepdive.storage.workspace import open_workspace
services = Services.for_workspace(open_workspace(Path(sys.argv[1])))
services.close()
print(" ".join(sorted(m for m in set(sys.modules) - before if m.startswith("deepdive"))))
"""


def test_binding_a_workspace_after_preload_imports_no_more_of_deepdive(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _CHECK, str(tmp_path / "w.deepdive")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split() == []
