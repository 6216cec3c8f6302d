"""Every user-facing string in the UI goes through Qt's translation (tr), so DeepDive can
be translated later.

Reads deepdive/ui/**/*.py with ``ast`` (nothing is imported or run) and fails on a
string literal with words in it passed straight to a Qt text setter or constructor
(``setText("Save")``, ``QLabel("Name")``, ``QMessageBox.warning(self, "Oops", ...)``)
instead of through ``self.tr``, ``QCoreApplication.translate`` or a ``_tr`` helper.
Literals without letters (``""``, ``" · "``, ``"0"``) pass, and so do f-strings,
``.format`` templates and concatenations whose literal parts have no letters (they
only join parts translated elsewhere).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "deepdive" / "ui"

# Methods whose string arguments are shown to the user (or read out by screen readers).
TEXT_METHODS = frozenset(
    {
        "setText",
        "setWindowTitle",
        "setToolTip",
        "setPlaceholderText",
        "setStatusTip",
        "setWhatsThis",
        "setAccessibleName",
        "setAccessibleDescription",
        "setTitle",
        "setLabelText",
        "setSpecialValueText",
        "setSuffix",
        "setPrefix",
        "setFormat",
        "setHorizontalHeaderLabels",
        "setVerticalHeaderLabels",
        "setHeaderLabels",
        "setTabText",
        "setTabToolTip",
        "addTab",
        "insertTab",
        "addAction",
        "addMenu",
        "addRow",
        "showMessage",
        "setInformativeText",
        "setDetailedText",
        "setHtml",
        # DeepDive's Prompter (deepdive/ui/widgets/prompts.py): titles, questions, messages.
        "warn",
        "confirm",
        "ask",
        "inform",
        "addItems",  # (addItem, insertItem and setItemText: TEXT_ARGUMENT_OF)
    }
)
# Methods whose text is one argument among data: (its position, its keyword).
TEXT_ARGUMENT_OF = {
    "addItem": (0, "text"),
    "insertItem": (1, "text"),
    "setItemText": (1, "text"),
}
# Classes whose constructor's string arguments are shown to the user.
TEXT_CONSTRUCTORS = frozenset(
    {
        "QLabel",
        "QPushButton",
        "QAction",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QMenu",
        "QCommandLinkButton",
        "QMessageBox",
        "QTableWidgetItem",
        "QListWidgetItem",
        "QTreeWidgetItem",
        "QStandardItem",
    }
)
# QMessageBox's and QInputDialog's static helpers (title, text, label ...).
TEXT_STATICS = {
    "QMessageBox": frozenset({"information", "warning", "critical", "question", "about"}),
    "QInputDialog": frozenset({"getText", "getInt", "getDouble", "getItem", "getMultiLineText"}),
    "QFileDialog": frozenset(
        {"getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory"}
    ),
}
# QFileDialog's third argument is a start folder, not text: only its caption is read.
ONLY_FIRST_TEXT = frozenset({"QFileDialog"})

# Untranslated strings in files other engineers were editing when this test was written
# (file, the literal's text). Remove an entry once the string goes through tr(); an entry
# that no longer matches anything fails the test, so the list only ever shrinks.
KNOWN_UNTRANSLATED: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Offender:
    """One untranslated literal: where, and what it says."""

    path: str
    line: int
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.call}(... {self.text!r} ...)"


_MARKUP = re.compile(r"<[^<>]*>|&#?\w+;")


def has_words(text: str) -> bool:
    """Whether ``text`` has letters outside HTML tags and entities (so needs translating)."""
    return any(character.isalpha() for character in _MARKUP.sub("", text))


def untranslated_parts(node: ast.expr) -> list[str]:
    """The literal texts with words in ``node`` that reach the user untranslated."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) and has_words(node.value) else []
    if isinstance(node, ast.JoinedStr):  # f"...": only its literal parts are fixed text
        return [
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
            if has_words(part.value)
        ]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return untranslated_parts(node.left) + (
            untranslated_parts(node.right) if isinstance(node.op, ast.Add) else []
        )
    if isinstance(node, ast.IfExp):
        return untranslated_parts(node.body) + untranslated_parts(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return [text for element in node.elts for text in untranslated_parts(element)]
    if (  # "template {x}".format(...): the template is the fixed text
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return untranslated_parts(node.func.value)
    return []  # a name, a call (self.tr(...), str(n)), an attribute: not a literal


def called_name(call: ast.Call) -> tuple[str | None, str]:
    """(the class a static method is called on, if any; the function's name)."""
    func = call.func
    if isinstance(func, ast.Name):
        return None, func.id
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else None
        return owner, func.attr
    return None, ""


def text_arguments(call: ast.Call) -> list[ast.expr]:
    """The arguments of ``call`` that carry text shown to the user (none if not a Qt one)."""
    owner, name = called_name(call)
    arguments = [*call.args, *(keyword.value for keyword in call.keywords)]
    if owner in TEXT_STATICS and name in TEXT_STATICS[owner]:
        # (parent, caption/title, text/label, ...): the parent is never a literal.
        return arguments[1:2] if owner in ONLY_FIRST_TEXT else arguments
    if owner is None and name in TEXT_CONSTRUCTORS:
        return arguments
    if isinstance(call.func, ast.Attribute) and name in TEXT_ARGUMENT_OF:
        position, keyword = TEXT_ARGUMENT_OF[name]
        named = [k.value for k in call.keywords if k.arg == keyword]
        return call.args[position : position + 1] + named  # not the item's data
    if isinstance(call.func, ast.Attribute) and name in TEXT_METHODS:
        return arguments
    return []


def offenders_in(path: Path) -> list[Offender]:
    """Every untranslated user-facing literal in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    relative = path.relative_to(ROOT).as_posix()
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        _owner, name = called_name(node)
        for argument in text_arguments(node):
            for text in untranslated_parts(argument):
                found.append(Offender(relative, argument.lineno, name, text))
    return found


def all_offenders() -> list[Offender]:
    """Every untranslated user-facing literal in deepdive/ui."""
    return [offender for path in sorted(UI.rglob("*.py")) for offender in offenders_in(path)]


def test_ui_strings_go_through_tr() -> None:
    offenders = [o for o in all_offenders() if (o.path, o.text) not in KNOWN_UNTRANSLATED]
    assert not offenders, (
        "User-facing strings passed to Qt without self.tr()/QCoreApplication.translate():\n"
        + "\n".join(str(o) for o in offenders)
    )


def test_the_list_of_known_untranslated_strings_only_shrinks() -> None:
    still_there = {(o.path, o.text) for o in all_offenders()}
    fixed = sorted(KNOWN_UNTRANSLATED - still_there)
    assert not fixed, f"These are translated now; remove them from KNOWN_UNTRANSLATED: {fixed}"


def _untranslated_in(source: str) -> list[str]:
    """What the check finds in one snippet of UI code."""
    return [
        text
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        for argument in text_arguments(node)
        for text in untranslated_parts(argument)
    ]


@pytest.mark.parametrize(
    "source",
    [
        'label.setText("Save the case")',
        'QLabel("Pseudonym", self)',
        'QPushButton(text="Export")',
        'menu.addAction(icon, "Open workspace")',
        'QMessageBox.warning(self, "Export", message)',
        'self.statusBar().showMessage(f"Saved {name}")',
        'button.setToolTip("Lock " + what)',
        'box.setTitle("{n} events".format(n=count))',
        'label.setText(self.tr("A") if ok else "Not found")',
        'combo.addItem("Real dates", DateDisplay.REAL)',
        'QFileDialog.getSaveFileName(self, "Save as", folder, "Word (*.docx)")',
    ],
)
def test_an_untranslated_literal_is_caught(source: str) -> None:
    assert _untranslated_in(source)


@pytest.mark.parametrize(
    "source",
    [
        'label.setText(self.tr("Save the case"))',
        'QLabel(QCoreApplication.translate("Panel", "Pseudonym"), self)',
        'button.setText(_tr("Export"))',
        'label.setText("")',
        'label.setText(" · ")',
        "label.setText(f\"{code} · {self.tr('events')}\")",
        "label.setText(str(count))",
        "label.setText(name)",
        'label.setObjectName("caseTitle")',
        'combo.addItem(self.tr("A real name"), "real_names")',
        'self.tr("{n} events").format(n=count)',
        'QFileDialog.getSaveFileName(self, self.tr("Save as"), "", "Word (*.docx)")',
    ],
)
def test_translated_or_wordless_text_passes(source: str) -> None:
    assert _untranslated_in(source) == []


# tr() and its helpers: what they are given is looked up in a translation, so it must be
# the template as written (a literal, or a constant label read from a table or an enum),
# never text put together while the app runs, which no translation can hold.
_TRANSLATORS = frozenset({"tr", "_tr", "translate"})


def _translated_text(call: ast.Call) -> ast.expr | None:
    """The text argument of a tr(), _tr() or translate() call (None: not such a call)."""
    owner, name = called_name(call)
    if name not in _TRANSLATORS:
        return None
    # QCoreApplication.translate(context, text) and QObject.tr(owner, text): the second.
    second = name == "translate" or owner == "QObject"
    position = 1 if second else 0
    return call.args[position] if len(call.args) > position else None


def built_at_run_time(text: ast.expr) -> bool:
    """Whether ``text`` is made while the app runs: an f-string, a concatenation, a
    formatted or joined string, or any other call's result."""
    return isinstance(text, ast.JoinedStr | ast.BinOp | ast.Call)


def run_time_translations_in(path: Path) -> list[str]:
    """Each call in ``path`` that hands tr() text built at run time."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            text = _translated_text(node)
            if text is not None and built_at_run_time(text):
                where = path.relative_to(ROOT)
                found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_tr_is_given_templates_never_text_built_at_run_time() -> None:
    """``self.tr(f"Saved {path}")`` can never be translated: a translation holds the
    template, ``self.tr("Saved {path}").format(path=path)``."""
    found = [line for path in sorted(UI.rglob("*.py")) for line in run_time_translations_in(path)]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        'self.tr(f"Saved {path}")',
        'self.tr("Saved " + name)',
        'self.tr("Saved {path}".format(path=path))',
        'QCoreApplication.translate("Ctx", ", ".join(parts))',
    ],
)
def test_text_built_at_run_time_inside_tr_is_caught(source: str) -> None:
    call = ast.parse(source).body[0].value  # type: ignore[attr-defined]
    text = _translated_text(call)
    assert text is not None and built_at_run_time(text)


def test_a_template_or_a_constant_label_inside_tr_passes() -> None:
    for source in ('self.tr("Saved {path}").format(path=path)', "self.tr(HEADERS[column])"):
        call = ast.parse(source).body[0].value  # type: ignore[attr-defined]
        if isinstance(call.func, ast.Attribute) and call.func.attr == "format":
            call = call.func.value
        text = _translated_text(call)
        assert text is not None and not built_at_run_time(text)
