"""Checking pasted text at once, and offering its pseudonymised version.

When text pasted into an editor holds identifiers, a bar appears above the editor:
what was found, a preview of the pseudonymised text, and two buttons. The paste
itself is never blocked or changed without the user saying so.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deepdive.privacy.findings import Finding, FindingKind, pseudonymise
from deepdive.ui.privacy.context import PrivacyContext

PREVIEW_LENGTH = 160


def describe_findings(findings: list[Finding]) -> str:
    """ "2 names, 1 phone number and 1 possible name"."""
    counts = Counter(
        f.kind.label if f.kind is not FindingKind.POSSIBLE_NAME else "possible name"
        for f in findings
    )
    parts = [f"{n} {label}{'' if n == 1 else 's'}" for label, n in counts.most_common()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class PasteOffer(QFrame):
    """The bar offering to pseudonymise what was just pasted into ``editor``."""

    replaced = Signal()

    def __init__(
        self, editor: QPlainTextEdit, context: PrivacyContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pasteOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._editor = editor
        self._context = context
        self._range: tuple[int, int, str, str] | None = None
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.preview = QLabel(self)
        self.preview.setObjectName("quietHint")
        self.preview.setWordWrap(True)
        self.use_button = QPushButton(self.tr("Use the pseudonymised text"), self)
        self.use_button.setAccessibleName(
            self.tr("Replace the pasted text with its pseudonymised version")
        )
        self.keep_button = QPushButton(self.tr("Keep as pasted"), self)
        self.keep_button.setAccessibleName(self.tr("Keep the pasted text as it is"))
        self.use_button.clicked.connect(self.use_pseudonymised)
        self.keep_button.clicked.connect(self.dismiss)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.message)
        text.addWidget(self.preview)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(text, 1)
        layout.addWidget(self.keep_button)
        layout.addWidget(self.use_button)
        # Amber, like the underline of a finding: it asks, it does not alarm.
        self.setStyleSheet(
            "#pasteOffer { background: #fff4e0; border: 1px solid #ef8f00; border-radius: 4px; }"
        )
        self.hide()

    def check(self, start: int, end: int) -> bool:
        """Check document positions ``start:end`` (just pasted); True if the bar is shown."""
        pasted = self._editor.toPlainText()[start:end]
        findings = self._context.detector().detect(pasted)
        if not findings:
            self.dismiss()
            return False
        new = pseudonymise(pasted, findings)
        self._range = (start, end, pasted, new)
        self.message.setText(
            self.tr("The pasted text contains {what}.").format(what=describe_findings(findings))
        )
        flat = " ".join(new.split())
        self.preview.setText(
            self.tr("Pseudonymised: {text}").format(
                text=flat if len(flat) <= PREVIEW_LENGTH else flat[: PREVIEW_LENGTH - 1] + "…"
            )
        )
        self.use_button.setEnabled(new != pasted)
        self.show()
        return True

    def use_pseudonymised(self) -> bool:
        """Swap the pasted text for its pseudonymised version (one undo step)."""
        if self._range is None:
            return False
        start, end, pasted, new = self._range
        if self._editor.toPlainText()[start:end] != pasted:
            self.message.setText(
                self.tr(
                    "The pasted text has been edited since. Right-click in the text and choose "
                    "“Pseudonymise the whole text” instead."
                )
            )
            self.use_button.setEnabled(False)
            return False
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new)
        self.dismiss()
        self.replaced.emit()
        return True

    def dismiss(self) -> None:
        """Hide the bar and forget the paste."""
        self._range = None
        self.hide()
