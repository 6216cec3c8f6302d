"""Counting what every case holds that an export would refuse (the case list's marker).

Run: python benchmarks/identifier_tally.py [--cases 1000]

Builds a workspace of copies of the demo case (its chronology, about 23 KB of text
each), then times what the app's background count does for all of them: reading every
text in a few queries (``CaseService.texts``) and running the detector (patterns only,
as with the key vault locked). The count runs on a worker thread a moment after the
window has opened, so this is time off the GUI thread, not start-up time.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def main() -> None:
    """Measure and print."""
    from deepdive.demo import add_demo_case
    from deepdive.privacy.detector import Detector
    from deepdive.services import Services
    from deepdive.storage.workspace import open_workspace

    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        services = Services.for_workspace(open_workspace(Path(folder) / "bench.deepdive"))
        try:
            demo = add_demo_case(services)
            for n in range(options.cases - 1):
                services.cases.duplicate(demo.id, f"DD-{n:05d}")
            started = time.perf_counter()
            texts = services.cases.texts()
            read = time.perf_counter() - started
            detector = Detector(guess_names=False)
            started = time.perf_counter()
            found = sum(1 for text in texts.values() for f in detector.detect(text) if f.blocking)
            counted = time.perf_counter() - started
            started = time.perf_counter()
            services.cases.texts([demo.id])
            one = time.perf_counter() - started
        finally:
            services.close()
    size = sum(len(text) for text in texts.values()) / 1e6
    print(f"{len(texts)} cases, {size:.1f} MB of text, {found} identifiers found")
    print(f"read every case's text:        {read:.2f} s")
    print(f"count identifiers in them all: {counted:.2f} s ({size / counted:.1f} MB/s)")
    print(f"read one changed case again:   {one * 1000:.1f} ms")


if __name__ == "__main__":
    main()
