"""Identifier scan speed: MB/s of realistic case notes with 1,000 registered names.

Run: python benchmarks/detection.py [--megabytes 10] [--people 1000] [--runs 3]
     python benchmarks/detection.py --realistic [--megabytes 20] [--runs 3] [--profile]

Builds a vault-like registry of 1,000 people (real names, aliases, dates of birth,
addresses, NHS numbers), then generates case notes in the style of agency
chronologies: pseudonyms and agencies, dates, times, ages and money, typographic
quotes and a few accented names, with a registered name, a phone number, an NHS
number, a postcode or an email now and then. Times the full detector (registered
names, every pattern and the unregistered-name guess) and prints the median, by the
wall clock and by CPU time (the latter is steady when other programs share the CPU).

``--realistic`` is the harder case: 1,000 realistic UK names (common first names and
surnames, with everyday-word surnames such as Young, Will, Hope, Rose, Price, Brown,
Green, White, Black and King) in a names file, and clean notes that use those words
all the time ("Young Person A", "we will", "Hope was…"). It times ``deepdive scan
--json --names FILE NOTES`` as a whole process (start, reading, output included), then
the detector alone; ``--profile`` adds a cProfile of the detector's slowest functions.
Target (PRODUCT.md): at least 10 MB/s.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from deepdive.privacy.detector import Detector
from deepdive.privacy.registry import IdentifierRegistry
from deepdive.privacy.vault_model import VaultCase, VaultPerson

sys.path.insert(0, str(Path(__file__).parent))
from realistic_names import clean_notes, realistic_people

FIRST = [
    "Jayden",
    "Kayleigh",
    "Zoë",
    "Liam",
    "Olivia",
    "Amelia",
    "Noah",
    "Oliver",
    "George",
    "Harry",
    "Jack",
    "Leo",
    "Isla",
    "Ava",
    "Mia",
    "Freya",
    "Ella",
    "Sophie",
    "Chloë",
    "Evie",
    "Poppy",
    "Alfie",
    "Charlie",
    "Thomas",
    "Arthur",
    "Oscar",
    "Henry",
    "Archie",
    "Theo",
    "Jacob",
    "Tyler",
    "Kai",
    "Callum",
    "Connor",
    "Reece",
    "Siân",
    "Niamh",
    "Aoife",
    "Bethany",
    "Courtney",
    "Demi",
    "Kieran",
    "Lewis",
    "Shannon",
    "Jordan",
    "Brandon",
    "Tegan",
    "Keeley",
    "Aaliyah",
    "Mohammed",
    "Yusuf",
    "Amira",
    "Fatima",
    "Oskar",
    "Zuzanna",
]
LAST = [
    "Marsh",
    "Smith",
    "Jones",
    "Taylor",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "Roberts",
    "Hall",
    "Jackson",
    "Clarke",
    "Patel",
    "Khan",
    "Hussain",
    "O'Neill",
    "Smith-Jones",
    "McDonald",
    "Ahmed",
    "Ali",
    "Begum",
    "Kowalski",
    "Nowak",
    "Pemberton",
    "Hargreaves",
    "Ackroyd",
    "Sutcliffe",
    "Haigh",
    "Firth",
    "Greenwood",
    "Barraclough",
    "Crossley",
    "Holroyd",
    "Ramsden",
    "Whiteley",
    "Mitchell",
    "Lister",
    "Fairburn",
    "Atkinson",
]
MONTHS = ["Jan", "March", "Sep"]
PSEUDONYMS = ["Jay", "Mum", "Dad", "Nan", "SW1", "SW2", "Carer A", "Teacher B"]
AGENCIES = ["CAMHS", "Children's Social Care", "the Police", "Youth Justice", "school", "the hub"]
SENTENCES = (
    "{p} was seen at home by {sw} on {date} and said things had been “really hard” since the move.",
    "{agency} contacted the duty team at {time} after {p} did not return to the placement.",
    "A strategy discussion was held with {agency} and {agency2}; the plan is to review "
    "in {n} weeks.",
    "{p} told the residential worker that she “didn’t want to go back” and asked to ring {p2}.",
    "The hub worker took {p} to the dentist and bought lunch (£{money}); {p} talked about college.",
    "School reported attendance of {n}% this term and one fixed-term exclusion on {date}.",
    "{p} was reported missing at {time} and found by the Police at a friend’s house the next day.",
    "Family time with {p2} went well; {p} was calm and played football with the staff team.",
    "At the review on {date} {agency} agreed to offer weekly sessions for {n} weeks.",
    "{p} said: “I just want people to stop moving me about.”",
)
RARE = (
    "{name} rang the office on {phone} asking for {p}.",
    "Letter sent to {name}, NHS number {nhs}, at {postcode}.",
    "{p} gave {name}’s email {email} to the school.",
    "Born {dob}, {p} has lived with {name} since then.",
)


def registry(people: int, rng: random.Random) -> tuple[IdentifierRegistry, list[VaultPerson]]:
    """A registry as a vault of ``people`` people across 100 cases would give."""
    persons: list[VaultPerson] = []
    seen: set[str] = set()
    while len(persons) < people:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in seen:
            name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in seen:
            continue
        seen.add(name)
        persons.append(
            VaultPerson(
                pseudonym=f"P{len(persons)}",
                real_names=(name,),
                aliases=(name.split()[0][:3] + "zy",),
                dates_of_birth=(
                    date(2000 + rng.randrange(12), rng.randrange(1, 13), rng.randrange(1, 28)),
                ),
                addresses=(f"{rng.randrange(1, 200)} {rng.choice(LAST)} Road, Sheffield",),
                nhs_numbers=(_nhs(rng),),
            )
        )
    cases = [
        VaultCase(f"DD-{i:03d}", 90, tuple(persons[i * 10 : i * 10 + 10]))
        for i in range(people // 10)
    ]
    return IdentifierRegistry.from_cases(cases), persons


def _nhs(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check == 11:
            check = 0
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def notes(size: int, persons: list[VaultPerson], rng: random.Random) -> str:
    """About ``size`` characters of case notes."""
    chunks: list[str] = []
    total = 0
    while total < size:
        paragraph = " ".join(_sentence(rng, persons) for _ in range(rng.randrange(3, 8)))
        chunks.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(chunks)


def _sentence(rng: random.Random, persons: list[VaultPerson]) -> str:
    template = rng.choice(RARE) if rng.random() < 0.02 else rng.choice(SENTENCES)
    person = rng.choice(persons)
    return template.format(
        p=rng.choice(PSEUDONYMS),
        p2=rng.choice(PSEUDONYMS),
        sw=rng.choice(["SW1", "SW2", "the social worker"]),
        agency=rng.choice(AGENCIES),
        agency2=rng.choice(AGENCIES),
        date=f"{rng.randrange(1, 29)} {rng.choice(MONTHS)} 20{rng.randrange(10, 24)}",
        time=f"{rng.randrange(7, 23)}:{rng.choice(['00', '15', '30', '45'])}",
        n=rng.randrange(2, 12),
        money=f"{rng.randrange(3, 40)}.{rng.randrange(10, 99)}",
        name=person.real_names[0],
        phone=f"07700 900{rng.randrange(100, 999)}",
        nhs=person.nhs_numbers[0],
        postcode=f"S{rng.randrange(1, 20)} {rng.randrange(1, 9)}AB",
        email=f"{person.real_names[0].split()[0].lower()}{rng.randrange(99)}@example.com",
        dob=person.dates_of_birth[0].strftime("%d/%m/%Y"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=None)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--realistic", action="store_true", help="realistic names, whole process")
    parser.add_argument("--profile", action="store_true", help="with --realistic: cProfile")
    args = parser.parse_args()
    if args.realistic:
        realistic(args.megabytes or 20.0, args.people, args.runs, args.profile)
    else:
        sparse(args.megabytes or 10.0, args.people, args.runs)


def sparse(size: float, people: int, runs: int) -> None:
    """The detector alone on notes with a sparse synthetic registry."""
    rng = random.Random(2024)
    built = time.perf_counter()
    reg, persons = registry(people, rng)
    detector = Detector(reg, safe_words=PSEUDONYMS)
    built = time.perf_counter() - built
    text = notes(int(size * 1_000_000), persons, rng)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    print(f"registered people: {people} ({len(reg.text_keys)} name and address keys)")
    print(f"detector built in {built * 1000:.0f} ms")
    _time_detector(detector, text, megabytes, runs)


def realistic(size: float, people: int, runs: int, profile: bool) -> None:
    """``deepdive scan --json`` as a process, then the detector alone, with 1,000
    realistic names (everyday-word surnames included) and clean notes."""
    rng = random.Random(2025)
    names = realistic_people(people, rng)
    text = clean_notes(int(size * 1_000_000), rng)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    with tempfile.TemporaryDirectory(prefix="deepdive-scan-bench-") as folder:
        names_file = Path(folder) / "names.txt"
        names_file.write_text("\n".join(names) + "\n", encoding="utf-8")
        notes_file = Path(folder) / "notes.txt"
        notes_file.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "deepdive", "scan", "--json", "--names"]
        command += [str(names_file), str(notes_file)]
        timings = []
        cpu = []
        output = b""
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, check=False)
            timings.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            output = done.stdout
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr.decode())
    median = statistics.median(timings)
    findings = output.count(b'"kind"')
    blocking = output.count(b'"blocking": true')
    print(f"realistic registered people: {people} (e.g. {', '.join(names[:4])})")
    print(f"clean notes: {megabytes:.1f} MB; {findings} findings ({blocking} blocking)")
    print(
        f"deepdive scan --json, whole process: median {median:.2f} s of {runs} runs "
        f"= {megabytes / median:.1f} MB/s (best {megabytes / min(timings):.1f} MB/s)"
    )
    median_cpu = statistics.median(cpu)
    print(f"  its CPU time: median {median_cpu:.2f} s = {megabytes / median_cpu:.1f} MB/s")
    reg = IdentifierRegistry()
    reg.add_lines(names)
    detector = Detector(reg)
    _time_detector(detector, text, megabytes, runs)
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(detector.detect, text)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


def _time_detector(detector: Detector, text: str, megabytes: float, runs: int) -> None:
    timings = []
    cpu = []
    found = 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = len(detector.detect(text))
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    median = statistics.median(timings)
    median_cpu = statistics.median(cpu)
    print(f"text: {megabytes:.1f} MB, {found} findings")
    print(f"detector: median {median:.2f} s of {runs} runs = {megabytes / median:.1f} MB/s")
    # On a shared machine the wall clock includes other programs' turns; CPU time does not.
    print(f"detector CPU time: median {median_cpu:.2f} s = {megabytes / median_cpu:.1f} MB/s")
    print("target: at least 10 MB/s")


if __name__ == "__main__":
    main()
