"""The template library and editor: checks as you type, new versions, files to share."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWidget
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog, edit_action, step_text

from deepdive.services import Services
from deepdive.services.session_results import TemplateSource
from deepdive.templates import ResponseKind, builtin_template, dump_template, load_template_file
from deepdive.ui.sessions.template_editor import TemplateEditor
from deepdive.ui.sessions.template_library import TemplateFiles, TemplateLibraryDialog

DEEP_DIVE = "deep-dive-case-study"


class ScriptedFiles(TemplateFiles):
    """Answers the file questions from a list."""

    def __init__(self, *paths: Path | None) -> None:
        self.paths = list(paths)

    def import_path(self, parent: QWidget | None) -> Path | None:
        return self.paths.pop(0)

    def export_path(self, parent: QWidget | None, suggested: str) -> Path | None:
        return self.paths.pop(0)


def editor_for(qtbot, services: Services, key: str = DEEP_DIVE) -> TemplateEditor:  # type: ignore[no-untyped-def]
    editor = TemplateEditor(services, services.templates.get(key))
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_problems_show_as_you_type_and_block_saving(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    editor = editor_for(qtbot, services)
    assert not editor.save_button.isEnabled()
    assert editor.status.text() == "No changes yet."
    editor.stage_list.setCurrentRow(1)
    editor.form.title.selectAll()
    QTest.keyClick(editor.form.title, Qt.Key.Key_Delete)
    assert editor.form.notes["title"].text() == "Give the stage a title."
    assert editor.form.notes["title"].isVisible()
    assert editor.stage_list.item(1).text().startswith("⚠ 2. (untitled stage)")
    assert not editor.save_button.isEnabled()
    QTest.keyClicks(editor.form.title, "Who is Jay, really?")
    assert not editor.form.notes["title"].isVisible()
    assert editor.save_button.isEnabled()
    assert editor.status.text() == (
        "Ready to save as version 2. Sessions that used earlier versions keep them."
    )


def test_an_edited_template_is_saved_as_a_new_version_and_past_sessions_keep_theirs(
    qtbot, services: Services
) -> None:  # type: ignore[no-untyped-def]
    case_id = services.cases.create("DD-2019-014", "Jay").id
    past = services.sessions.start(
        case_id,
        builtin_template(DEEP_DIVE),
        title="March",
        held_on=date(2022, 3, 17),
        facilitator_role="",
        participants=[],
    ).id
    editor = editor_for(qtbot, services)
    editor.stage_list.setCurrentRow(8)  # actions and close
    editor.move_stage(-1)
    assert editor.stage_list.currentRow() == 7
    editor.stage_list.setCurrentRow(5)  # whose risk
    editor.form.minutes.setValue(20)
    editor.add_stage()
    assert editor.stage_list.currentRow() == 6
    QTest.keyClicks(editor.form.title, "Check-out")
    editor.form.purpose.setPlainText("End calmly.")
    editor.form.guidance.editor.setPlainText("Go round the room; one word each.")
    editor.form.prompts.setPlainText("How are you leaving today?\n\n")
    editor.form.kind.setCurrentIndex(editor.form.kind.findData("scale"))
    assert {p.field for p in editor.problems} == {"label", "low", "high"}
    editor.form.scale_label.setText("How are you?")
    editor.form.scale_low.setText("Drained")
    editor.form.scale_high.setText("Energised")
    for field in (editor.form.scale_label, editor.form.scale_low, editor.form.scale_high):
        field.textEdited.emit(field.text())
    assert editor.problems == []
    entry = editor.save()
    assert entry is not None
    assert (entry.version, entry.source, entry.stage_count) == (2, TemplateSource.USER, 10)

    saved = services.templates.get(DEEP_DIVE)
    ids = saved.stage_ids
    assert ids.index("actions") < ids.index("learning")
    assert saved.stage("risk").minutes == 20
    check_out = saved.stages[6]
    assert (check_out.title, check_out.response.kind, check_out.prompts) == (
        "Check-out",
        ResponseKind.SCALE,
        ("How are you leaving today?",),
    )
    assert services.sessions.template_of(past) == builtin_template(DEEP_DIVE)


def test_the_library_imports_a_shared_file_and_refuses_a_broken_one(
    qtbot, services: Services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "our-gibbs.yaml"
    ours = builtin_template("gibbs-reflective-cycle")
    good.write_text(
        dump_template(ours).replace("id: gibbs-reflective-cycle", "id: our-gibbs", 1),
        encoding="utf-8",
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text(dump_template(ours).replace("kind: map", "kind: grid", 1), encoding="utf-8")
    prompter = ScriptedPrompter()
    library = TemplateLibraryDialog(
        services, prompter=prompter, files=ScriptedFiles(broken, good, tmp_path / "out")
    )
    qtbot.addWidget(library)
    before = library.model.rowCount()
    assert library.import_file() is None
    [warning] = prompter.warnings
    assert warning.startswith("broken.yaml, line ")
    assert "has an unknown response kind 'grid'" in warning
    assert library.model.rowCount() == before
    entry = library.import_file()
    assert entry is not None and entry.key == "our-gibbs"
    assert library.model.rowCount() == before + 1
    assert library.selected() == entry
    assert library.message.text() == "Imported 'Gibbs reflective cycle' (version 1)."
    assert library.remove_button.isEnabled()
    written = library.export_selected()
    assert written == tmp_path / "out.yaml"
    assert load_template_file(written).id == "our-gibbs"


def test_copy_as_new_makes_a_template_of_its_own(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    library = TemplateLibraryDialog(services, prompter=ScriptedPrompter(), files=ScriptedFiles())
    qtbot.addWidget(library)
    library.select("signs-of-safety-mapping")

    def rename(dialog: QDialog) -> None:
        assert isinstance(dialog, TemplateEditor)
        assert not dialog.template_id.isReadOnly()
        dialog.template_id.setText("Our SoS")
        dialog.template_id.textEdited.emit("Our SoS")
        assert "The id must be lowercase" in dialog.notes["id"].text()
        dialog.template_id.setText("our-sos")
        dialog.name.setText("Signs of Safety, our way")
        dialog.name.textEdited.emit("Signs of Safety, our way")
        dialog.save_button.click()

    answer_next_dialog(rename)
    entry = library.copy_selected()
    assert entry is not None
    assert (entry.key, entry.name, entry.version) == ("our-sos", "Signs of Safety, our way", 1)
    assert services.templates.entry("signs-of-safety-mapping").source is TemplateSource.BUILTIN


def test_importing_editing_and_removing_a_template_are_undone_and_redone(
    qtbot, make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    services = window.services
    shared = tmp_path / "our-gibbs.yaml"
    shared.write_text(
        dump_template(builtin_template("gibbs-reflective-cycle")).replace(
            "id: gibbs-reflective-cycle", "id: our-gibbs", 1
        ),
        encoding="utf-8",
    )
    library = TemplateLibraryDialog(
        services,
        prompter=ScriptedPrompter(confirm_answers=[True]),
        files=ScriptedFiles(shared),
        undo_stack=window.view.undo.workspace,  # as Sessions ▸ Template library… gives it
    )
    qtbot.addWidget(library)
    assert library.import_file() is not None

    def rename(dialog: QDialog) -> None:
        assert isinstance(dialog, TemplateEditor)
        dialog.name.setText("Gibbs, our way")
        dialog.name.textEdited.emit("Gibbs, our way")
        dialog.save_button.click()

    answer_next_dialog(rename)
    assert library.edit_selected() is not None
    versions = services.templates.own_versions("our-gibbs")
    assert [v.version for v in versions] == [1, 2]
    assert library.remove_selected()
    assert library.model.row_of("our-gibbs") < 0

    undo = library.undo.undo_action  # Ctrl+Z in the library
    assert step_text(undo) == "Undo Remove template “Gibbs, our way”"
    undo.trigger()
    assert services.templates.own_versions("our-gibbs") == versions  # the same rows, ids too
    assert library.model.row_of("our-gibbs") >= 0  # the library follows
    undo = edit_action(window, "Undo")  # and from the main window's Edit menu
    assert step_text(undo) == "Undo Edit template “Gibbs, our way”"
    undo.trigger()
    assert services.templates.entry("our-gibbs").name == "Gibbs reflective cycle"
    edit_action(window, "Undo").trigger()  # the import
    assert library.model.row_of("our-gibbs") < 0
    for _step in range(2):
        edit_action(window, "Redo").trigger()
    assert services.templates.entry("our-gibbs").version == 2
    edit_action(window, "Redo").trigger()
    assert services.templates.own_versions("our-gibbs") == ()
