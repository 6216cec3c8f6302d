"""``deepdive scan``, run as a user runs it: in a separate process."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import docx
import pytest
from cli_helpers import refusal, run_deepdive

from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultPerson

PASSPHRASE = "correct horse battery"


def scan(
    *args: str | Path, data_dir: Path, passphrase: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {} if passphrase is None else {"DEEPDIVE_PASSPHRASE": passphrase}
    return run_deepdive("scan", *args, data_dir=data_dir, env=env)


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text(
        "Visit notes\nJay said Jayden Marsh is her real name.\nRing 07911 123456 later.\n",
        encoding="utf-8",
    )
    return path


def test_a_clean_file_exits_0(tmp_path: Path, private_data_dir: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("# Summary\n\nThe hub worker met the young person weekly.\n", encoding="utf-8")
    result = scan(clean, data_dir=private_data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "No identifiers found in 1 file."
    assert result.stderr == ""


def test_findings_exit_1_and_are_listed(notes: Path, private_data_dir: Path) -> None:
    result = scan(notes, data_dir=private_data_dir)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert f"{notes}:2: possible name “Jayden Marsh” (possible; check it)" in lines
    assert f"{notes}:3: phone “07911 123456”" in lines
    assert lines[-1] == "2 findings in 1 file; 1 would block an export."


def test_json_gives_kind_text_file_line_start_end_and_confidence(
    notes: Path, tmp_path: Path, private_data_dir: Path
) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Jayden Marsh\n", encoding="utf-8")
    result = scan(notes, "--names", names, "--json", data_dir=private_data_dir)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    text = notes.read_text(encoding="utf-8")
    first = findings[0]
    assert {k: first[k] for k in ("kind", "text", "file", "line", "confidence")} == {
        "kind": "name",
        "text": "Jayden Marsh",
        "file": str(notes),
        "line": 2,
        "confidence": 1.0,
    }
    assert text[first["start"] : first["end"]] == "Jayden Marsh"
    assert first["registered"] is True
    assert [f["kind"] for f in findings] == ["name", "phone"]


def test_every_text_part_of_a_docx_is_scanned(tmp_path: Path, private_data_dir: Path) -> None:
    path = tmp_path / "case.docx"
    document = docx.Document()
    document.add_paragraph("Nothing to see in the body.")
    document.sections[0].footer.paragraphs[0].text = "Contact: jay.marsh@example.com"
    document.core_properties.subject = "NHS 943 476 5919"
    document.save(str(path))
    result = scan(path, "--json", data_dir=private_data_dir)
    assert result.returncode == 1, result.stderr
    found = {(f["part"], f["kind"], f["text"]) for f in json.loads(result.stdout)}
    assert found == {
        ("footer (word/footer1.xml)", "email", "jay.marsh@example.com"),
        ("docProps/core.xml", "nhs_number", "943 476 5919"),
    }


def test_the_authors_of_tracked_changes_and_comments_are_reported_with_their_part(
    tmp_path: Path, private_data_dir: Path
) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = tmp_path / "reviewed.docx"
    document = docx.Document()
    paragraph = document.add_paragraph("The plan was agreed.")
    inserted = parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="Sarah Thompson" w:date="2024-03-01T10:00:00Z">'
        "<w:r><w:t> It will be reviewed in May.</w:t></w:r></w:ins>"
    )
    paragraph._p.append(inserted)
    document.add_comment(paragraph.runs, text="Check this.", author="Gemma Rhodes", initials="GR")
    document.core_properties.author = "Sarah Thompson"
    document.core_properties.last_modified_by = "python-docx"
    document.save(str(path))
    result = scan(path, "--json", data_dir=private_data_dir)
    assert result.returncode == 1, result.stderr
    found = [(f["part"], f["kind"], f["text"], f["blocking"]) for f in json.loads(result.stdout)]
    assert found == [
        ("authors (docProps/core.xml)", "document_author", "Sarah Thompson", True),
        ("authors (word/comments.xml)", "document_author", "Gemma Rhodes", True),
        ("authors (word/comments.xml)", "document_author", "GR", True),
        ("authors (word/document.xml)", "document_author", "Sarah Thompson", True),
    ]
    # With the author registered, the finding is the registered name and its pseudonym.
    names = tmp_path / "names.txt"
    names.write_text("Sarah Thompson\n", encoding="utf-8")
    registered = scan(path, "--json", "--names", names, data_dir=private_data_dir)
    kinds = {(f["part"], f["kind"], f["registered"]) for f in json.loads(registered.stdout)}
    assert ("authors (word/document.xml)", "name", True) in kinds


def test_the_vault_supplies_registered_names_with_the_passphrase_from_the_environment(
    notes: Path, tmp_path: Path, private_data_dir: Path
) -> None:
    vault_path = tmp_path / "team.vault"
    vault = Vault.create(vault_path, PASSPHRASE)
    vault.put_case(
        vault.ensure_case("DD-1").with_person(VaultPerson("Jay", real_names=("Jayden Marsh",)))
    )
    result = scan(
        notes, "--vault", vault_path, "--json", data_dir=private_data_dir, passphrase=PASSPHRASE
    )
    assert result.returncode == 1, result.stderr
    first = json.loads(result.stdout)[0]
    assert (first["kind"], first["text"], first["registered"]) == ("name", "Jayden Marsh", True)

    wrong = scan(
        notes, "--vault", vault_path, data_dir=private_data_dir, passphrase="not it at all"
    )
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == (
        "deepdive: That passphrase does not open team.vault. Check the passphrase (capital "
        "letters count) and try again."
    )
    assert wrong.stdout == ""

    asked = scan(notes, "--vault", vault_path, data_dir=private_data_dir)
    assert asked.returncode == 2
    assert "set DEEPDIVE_PASSPHRASE" in asked.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("absent.txt", None, "absent.txt: no such file."),
        ("picture.png", b"\x89PNG", "DeepDive scans .txt, .md and .docx files, not '.png'."),
        ("binary.txt", b"abc\x00def", "binary.txt is not a text file (it holds binary data)."),
        (
            "broken.docx",
            b"not a zip",
            "broken.docx is not a Word document: it is not a zip file.",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_file(
    tmp_path: Path,
    notes: Path,
    private_data_dir: Path,
    name: str,
    content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = scan(notes, path, data_dir=private_data_dir)
    assert result.returncode == 2
    assert result.stdout == ""  # nothing printed for the good file either
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("deepdive: ") and lines[0].endswith(message)
    assert "Traceback" not in result.stderr


def test_text_in_windows_1252_and_utf_16_is_read(tmp_path: Path, private_data_dir: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_bytes("Zoë rang on 07911 123456 – café".encode("cp1252"))
    wide = tmp_path / "wide.txt"
    wide.write_text("Ring 07911 123456", encoding="utf-16")
    result = scan(old, wide, "--json", data_dir=private_data_dir)
    assert result.returncode == 1, result.stderr
    assert [f["text"] for f in json.loads(result.stdout)] == ["07911 123456", "07911 123456"]


def test_the_workspaces_reference_patterns_are_looked_for_with_workspace(
    tmp_path: Path, private_data_dir: Path
) -> None:
    from deepdive.services import Services
    from deepdive.storage.workspace import open_workspace

    workspace = tmp_path / "team.deepdive"
    services = Services.for_workspace(open_workspace(workspace))
    try:
        services.reference_patterns.add("Our Eclipse numbers", r"ECL/\d{6}")
    finally:
        services.close()
    notes = tmp_path / "notes.md"
    notes.write_text("Record ECL/204881 and LCS 2048817; meeting ECL/20.\n", encoding="utf-8")
    with_workspace = scan(notes, "--workspace", workspace, "--json", data_dir=private_data_dir)
    assert with_workspace.returncode == 1, with_workspace.stderr
    found = [(f["kind"], f["text"]) for f in json.loads(with_workspace.stdout)]
    assert found == [("case_reference", "ECL/204881"), ("case_reference", "2048817")]
    # Without the workspace only the built-in systems' numbers are known.
    alone = scan(notes, "--json", data_dir=private_data_dir)
    assert [f["text"] for f in json.loads(alone.stdout)] == ["2048817"]


def test_case_restricts_to_that_cases_vault_entries_and_knows_its_pseudonyms(
    tmp_path: Path, private_data_dir: Path
) -> None:
    from deepdive.services import Services
    from deepdive.storage.workspace import open_workspace

    workspace = tmp_path / "team.deepdive"
    services = Services.for_workspace(open_workspace(workspace))
    try:
        case = services.cases.create("DD-1", "Jay")
        services.people.add(case.id, "Brightwater", "other")
        services.cases.create("DD-2", "Ellie")
    finally:
        services.close()
    vault = Vault.create(tmp_path / "team.vault", PASSPHRASE)
    vault.put_case(
        vault.ensure_case("DD-1").with_person(VaultPerson("Jay", real_names=("Jayden Marsh",)))
    )
    vault.put_case(
        vault.ensure_case("DD-2").with_person(VaultPerson("Ellie", real_names=("Eleanor Hart",)))
    )
    notes = tmp_path / "notes.md"
    notes.write_text("Jay and Brightwater met Jayden and Eleanor.\n", encoding="utf-8")
    result = scan(
        notes,
        "--case",
        "dd-1",
        "--workspace",
        workspace,
        "--json",
        data_dir=private_data_dir,
        passphrase=PASSPHRASE,
    )
    assert result.returncode == 1, result.stderr
    found = [(f["text"], f["registered"]) for f in json.loads(result.stdout)]
    # Brightwater is a pseudonym in the cast, so it is not guessed as a name; Eleanor
    # belongs to another case, so with --case DD-1 it is only a possible name.
    assert found == [("Jayden", True), ("Eleanor", False)]
    missing = scan(
        notes,
        "--case",
        "DD-1",
        "--workspace",
        tmp_path / "absent.deepdive",
        data_dir=private_data_dir,
        passphrase=PASSPHRASE,
    )
    assert missing.returncode == 2 and "There is no workspace at" in missing.stderr
    assert not (tmp_path / "absent.deepdive").exists()


def test_references_command_adds_lists_and_removes_patterns(
    tmp_path: Path, private_data_dir: Path
) -> None:
    workspace = tmp_path / "team.deepdive"
    added = run_deepdive(
        "references",
        "add",
        "LCS numbers",
        r"LCS-\d{7}",
        "--workspace",
        workspace,
        data_dir=private_data_dir,
    )
    assert added.returncode == 0, added.stderr
    bad = run_deepdive(
        "references",
        "add",
        "Broken",
        r"LCS[0-9",
        "--workspace",
        workspace,
        data_dir=private_data_dir,
    )
    assert refusal(bad) == (
        "deepdive: The reference pattern “LCS[0-9” is not a valid regular expression at "
        "character 4: unterminated character set."
    )
    listed = run_deepdive(
        "references", "list", "--json", "--workspace", workspace, data_dir=private_data_dir
    )
    assert json.loads(listed.stdout) == [{"name": "LCS numbers", "pattern": r"LCS-\d{7}"}]
    removed = run_deepdive(
        "references",
        "remove",
        "lcs numbers",
        "--workspace",
        workspace,
        data_dir=private_data_dir,
    )
    assert removed.returncode == 0, removed.stderr
    empty = run_deepdive("references", "list", "--workspace", workspace, data_dir=private_data_dir)
    assert empty.stdout.startswith("No reference patterns")
