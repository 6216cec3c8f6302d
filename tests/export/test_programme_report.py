"""The programme report: theme table, suppressed small numbers, charts with alt text."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx_reading import PNG, body, headings, open_docx, text_of, word_document
from learning_workspace import build

from deepdive.cli import main
from deepdive.export.errors import ExportError
from deepdive.export.gate import default_gate
from deepdive.export.programme_report import export_programme_report
from deepdive.privacy.leakcheck import ExportBlocked
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.services.learning import LearningFilter
from deepdive.services.learning_charts import BarChart

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


@pytest.fixture(autouse=True)
def no_charts_drawn_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line would start Qt to draw charts; export tests stay Qt-free."""
    monkeypatch.setattr("deepdive.commands.report._chart_picture", lambda: None)


@pytest.fixture
def known(services: Services) -> Services:
    build(services)
    return services


def _charts(drawn: list[BarChart]) -> Any:
    def draw(chart: BarChart) -> bytes:
        drawn.append(chart)
        return PNG

    return draw


def _table(document: Any, first_heading: str) -> list[list[str]]:
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0][0] == first_heading:
            return rows
    raise AssertionError(f"no table starting with {first_heading!r}")


def test_report_structure_theme_table_and_suppressed_figures(
    known: Services, tmp_path: Path
) -> None:
    out = tmp_path / "report.docx"
    drawn: list[BarChart] = []
    result = export_programme_report(
        known, out, chart_png=_charts(drawn), today=date(2025, 11, 26), gate=default_gate()
    )
    assert result.path == out and out.exists()
    document = open_docx(out)
    assert document.core_properties.title == "Learning across cases"
    assert document.core_properties.author == ""
    assert [h for h in headings(document) if h[0] == 1] == [
        (1, "At a glance"),
        (1, "Programme measures"),
        (1, "Stories of lives changed"),
        (1, "Outcomes"),
        (1, "Learning themes"),
        (1, "Key practice episodes"),
    ]
    assert _table(document, "Theme") == [
        ["Theme", "Times recorded", "Cases", "Key practice episodes"],
        ["Consistent worker", "6", "5", "4"],
        # Two cases only: every figure about it is suppressed.
        ["CAMHS waiting times", "fewer than 5", "fewer than 5", "fewer than 5"],
    ]
    headline = _table(document, "Figure")
    # 80% of 5 would give away the one young person who came into care.
    assert headline[1] == [
        "Edge-of-care young people who stayed at home or with family",
        "not shown (who stayed or who did not is fewer than 5)",
        "5",
    ]
    assert headline[2] == ["Missing episodes before hub support", "23", "5"]
    places = {row[0]: row[1:] for row in _table(document, "Kind of place")[1:]}
    assert places["Independent residential"] == ["fewer than 5", "0"]
    text = text_of(body(out))
    assert "any figure drawn from fewer than 5 cases is shown as “fewer than 5”" in text
    assert "Figures from fewer than 5 cases are not shown" in text


def test_charts_are_embedded_with_alt_text_that_respects_suppression(
    known: Services, tmp_path: Path
) -> None:
    out = tmp_path / "report.docx"
    drawn: list[BarChart] = []
    export_programme_report(known, out, chart_png=_charts(drawn))
    # Each chart beside the table it draws; the edge-of-care chart (4 and 1: both
    # hidden) would only draw "fewer than 5" twice, so it is left out and said so.
    assert [c.key for c in drawn] == ["missing", "placements", "themes"]
    assert all(c.threshold == 5 for c in drawn)
    pictures = body(out).findall(f".//{{{WP}}}docPr")
    assert len(pictures) == 3
    alts = [p.get("descr") for p in pictures]
    assert all(alt and len(alt) > 40 for alt in alts)
    assert "CAMHS waiting times: fewer than 5" in alts[2]
    assert "23 before hub support and 10 since" in alts[0]
    paragraphs = [p.text for p in open_docx(out).paragraphs]
    assert len([p for p in paragraphs if p.startswith("Figure ")]) == 3
    assert any(p.startswith("The chart “Edge of care: did the young person") for p in paragraphs)


def test_a_higher_threshold_hides_more_and_says_so(known: Services, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = export_programme_report(known, out, threshold=10)
    rows = _table(open_docx(out), "Theme")
    # Both hidden: listed by name, since the counted order would say which is in more.
    assert rows[1:] == [
        ["CAMHS waiting times", "fewer than 10", "fewer than 10", "fewer than 10"],
        ["Consistent worker", "fewer than 10", "fewer than 10", "fewer than 10"],
    ]
    assert "fewer than 10 cases is shown as “fewer than 10”" in text_of(body(out))
    assert "The charts were left out: they are drawn by the desktop app." in result.messages()
    export_programme_report(known, out, threshold=1)
    assert _table(open_docx(out), "Figure")[1][1] == "80%"


def test_key_practice_episode_excerpts_name_pseudonyms_and_ages_never_dates(
    known: Services, tmp_path: Path
) -> None:
    c1 = known.cases.find("C1")
    known.cases.update(c1.id, birth="2005-01")
    event = known.events.list_events(c1.id)[0]
    known.events.update(
        event.id, description=f"{event.description} Police called on 26 February 2019."
    )
    out = tmp_path / "report.docx"
    export_programme_report(known, out, wanted=LearningFilter(statuses=frozenset({"final"})))
    level_two = [text for level, text in headings(open_docx(out)) if level == 2]
    episodes = [h for h in level_two if h.startswith("YP ")]
    # Cases hold different secret shifts, so the report shows ages, never dates; a case
    # with no birth month has no date at all.
    assert episodes == ["YP C1 (C1), age 14y 2m"] + [f"YP C{n} (C{n})" for n in (2, 3, 4)]
    text = text_of(body(out))
    assert "C1 moved in a hurry. Police called at age 14y 1m." in text
    assert "2019" not in text and "March" not in text


def test_an_identifier_blocks_the_report_and_nothing_is_written(
    known: Services, tmp_path: Path
) -> None:
    case = known.cases.find("C1")
    event = known.events.add(
        case.id,
        EventInput("2020-02-02", "health", "Seen under NHS 943 476 5919.", key_episode=True),
    )
    known.themes.apply_to_event(event.id, "Consistent worker")
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "report.docx"
    previous = word_document(out, "last month's report")
    with pytest.raises(ExportBlocked):
        export_programme_report(known, out, gate=default_gate())
    assert out.read_bytes() == previous
    assert [p.name for p in folder.iterdir()] == ["report.docx"]


def test_a_missing_folder_is_refused_before_any_work(known: Services, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_programme_report(known, tmp_path / "nowhere" / "report.docx")
    assert not (tmp_path / "nowhere").exists()


def test_command_line_writes_the_report_and_refuses_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = tmp_path / "w.deepdive"
    from deepdive.storage.workspace import open_workspace

    services = Services.for_workspace(open_workspace(workspace))
    build(services)
    services.close()
    out = tmp_path / "report.docx"
    args = ["report", "--out", str(out), "--workspace", str(workspace)]
    assert main([*args, "--from", "2021", "--to", "2022-12"]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert any(f"{w}" == "fewer than 5" for row in _table(open_docx(out), "Theme") for w in row)

    before = out.read_bytes()
    for bad, message in (
        (["--from", "someday"], "--from: 'someday' is not a date"),
        (["--from", "2022", "--to", "2021"], "is before --from"),
        (["--min-cases", "0"], "--min-cases must be 1 or more"),
    ):
        assert main([*args, *bad]) == 2
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1
    assert main(["report", "--out", str(tmp_path / "r.txt"), "--workspace", str(workspace)]) == 2
    assert "use .docx" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert not (tmp_path / "r.txt").exists()


def test_command_line_report_is_checked_against_the_key_vault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from deepdive.privacy.vault import Vault, default_vault_path
    from deepdive.privacy.vault_model import VaultPerson
    from deepdive.storage.workspace import open_workspace

    workspace = tmp_path / "w.deepdive"
    services = Services.for_workspace(open_workspace(workspace))
    build(services)
    case = services.cases.find("C1")
    event = services.events.add(
        case.id,
        EventInput("2020-02-02", "placement", "Jayden Marsh chose his room.", key_episode=True),
    )
    services.themes.apply_to_event(event.id, "Consistent worker")
    services.close()
    vault = Vault.create(default_vault_path(workspace), "correct horse battery staple")
    entry = vault.ensure_case("C1")
    vault.put_case(entry.with_person(VaultPerson("C1", real_names=("Jayden Marsh",))))
    monkeypatch.setenv("DEEPDIVE_PASSPHRASE", "correct horse battery staple")
    out = tmp_path / "report.docx"
    previous = word_document(out, "last month's report")

    code = main(["report", "--out", str(out), "--workspace", str(workspace)])
    assert code == 1
    assert "Jayden" in capsys.readouterr().err
    assert out.read_bytes() == previous


@pytest.mark.parametrize(
    ("start", "end", "period"),
    [
        ("14/03/2018", "Mar 2019", "14 March 2018 to 31 March 2019"),
        ("2015/16", "summer term 2018", "01 September 2015 to 31 July 2018"),
        ("financial year 2017/18", "2019", "01 April 2017 to 31 December 2019"),
    ],
)
def test_command_line_report_takes_the_dates_the_chronology_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], start: str, end: str, period: str
) -> None:
    from deepdive.storage.workspace import open_workspace

    workspace = tmp_path / "w.deepdive"
    Services.for_workspace(open_workspace(workspace)).close()
    out = tmp_path / "report.docx"
    args = ["report", "--out", str(out), "--workspace", str(workspace)]
    assert main([*args, "--from", start, "--to", end]) == 0
    capsys.readouterr()
    cover = _table(open_docx(out), "Period and cases")
    assert cover[0][1] == period

    assert main([*args, "--to", "the spring"]) == 2
    err = capsys.readouterr().err
    assert "--to: 'the spring' is not a date" in err
    assert "14/03/2016, Mar 2016" in err and "summer term 2016, 2015/16" in err
    assert err.count("\n") == 1
