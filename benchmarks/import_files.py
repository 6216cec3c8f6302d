"""Importing the same agency chronology as CSV and as an Excel workbook, side by side.

Run: python benchmarks/import_files.py [--rows 10000]
Writes a chronology of that many rows (real date cells and text dates, a few agencies
the workspace lacks) as .csv and .xlsx, then imports each into a fresh workspace in a
child process, printing the wall time of reading the file, of the whole import, and
the child's peak memory (VmHWM on Linux). Targets for 10,000 rows: the workbook
imported in under 10 s and 300 MB (openpyxl reads it streaming, in read-only mode).
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

AGENCIES = ("Police", "CSC", "CAMHS", "School", "NWD Hub", "Riverside Boxing Club", "YOT")
WORDS = "placement school exclusion missing referral review return interview foster family"

_CHILD = r"""
import sys, time, resource
from pathlib import Path
from deepdive.importing import import_chronology, read_table
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace
source, target = Path(sys.argv[1]), Path(sys.argv[2])
services = Services.for_workspace(open_workspace(target))
case = services.cases.create("DD-BENCH", "Jay")
started = time.perf_counter()
read_table(source)
read = time.perf_counter() - started
started = time.perf_counter()
result = import_chronology(services, case.id, source)
whole = time.perf_counter() - started
services.close()
try:
    with open("/proc/self/status") as status:
        peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{len(result.events)} {len(result.added_agencies)} {read:.2f} {whole:.2f} {peak:.0f}")
"""


def rows(count: int) -> list[tuple[object, str, str, str]]:
    """(date, event, agency, significance) rows: dates as datetimes and as text."""
    pick = random.Random(14)
    words = WORDS.split()
    start = datetime(2010, 1, 1)
    made = []
    for n in range(count):
        day = start + timedelta(days=n % 3650)
        when: object = day if n % 3 else day.strftime("%b %Y")
        text = " ".join(pick.choice(words) for _ in range(12))
        made.append((when, f"{text} ({n})", pick.choice(AGENCIES), text[:40]))
    return made


def write_files(folder: Path, count: int) -> tuple[Path, Path]:
    import openpyxl

    data = rows(count)
    csv_path = folder / "chronology.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Date", "Event", "Agency", "Significance"])
        for when, *rest in data:
            text = when.strftime("%d/%m/%Y") if isinstance(when, datetime) else when
            writer.writerow([text, *rest])
    # Not write-only: that writes inline strings and no dimension, which Excel never does.
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chronology"
    sheet.append(["Date", "Event", "Agency", "Significance"])
    for row in data:
        sheet.append(list(row))
    xlsx_path = folder / "chronology.xlsx"
    book.save(xlsx_path)
    shared_strings(xlsx_path)
    return csv_path, xlsx_path


def shared_strings(path: Path) -> None:
    """Rewrite openpyxl's inline strings as the shared strings Excel writes: openpyxl
    reads inline strings several times slower, so the figure would not be Excel's.
    The texts are moved as they are (already escaped XML)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    table: dict[str, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        text = match.group(2).decode("utf-8")
        index = table.setdefault(text, len(table))
        return match.group(1).replace(b'"inlineStr"', b'"s"') + b"<v>%d</v></c>" % index

    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(
        rb'(<c [^>]*t="inlineStr"[^>]*>)<is><t[^>]*>(.*?)</t></is></c>', shared, parts[sheet]
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    items = "".join(f'<si><t xml:space="preserve">{t}</t></si>' for t in table)
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{main}" count="{len(table)}" uniqueCount="{len(table)}">{items}</sst>'
    ).encode()
    relation = (
        '<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", relation.encode())
    kind = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
        'formats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", kind.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for path in write_files(folder, args.rows):
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(path), str(folder / f"{path.suffix}.deepdive")],
                capture_output=True,
                text=True,
                check=True,
            )
            events, added, read, whole, peak = done.stdout.split()
            size = path.stat().st_size / 2**20
            print(
                f"{path.suffix:6} {size:5.1f} MB file: {events} events, {added} agencies added; "
                f"read {read} s, imported {whole} s (read, checked, written), peak {peak} MB"
            )


if __name__ == "__main__":
    main()
