"""Generate docs/screenshot.png: the main window on the demo case (offscreen).

Run: python scripts/screenshot.py [OUTPUT.png]
The workspace and settings are temporary; nothing of the user's is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    """Build a demo workspace, show the main window on DEMO-001 and save a picture."""
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshot.png")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DEEPDIVE_DATA_DIR"] = folder
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from deepdive.demo import add_demo_case
        from deepdive.ui.app import create_application, open_services
        from deepdive.ui.main_window import MainWindow

        workspace = Path(folder) / "Team workspace.deepdive"
        services = open_services(workspace)
        demo = add_demo_case(services)
        services.close()

        app = create_application()
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(open_services, settings)
        window.resize(1360, 860)
        window.show()
        window.open_workspace(workspace)
        assert window.view is not None
        window.view.select_case(demo.id)
        for _ in range(5):
            QApplication.processEvents()
        output.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(output))
        window.close()
        app.processEvents()
    print(f"saved {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
