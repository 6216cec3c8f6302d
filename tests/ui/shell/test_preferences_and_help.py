"""Preferences persist and apply; the help sheets list what the app really offers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from ui_helpers import WindowFactory

from deepdive.ui.shell.help_dialogs import component_licences, shortcut_rows
from deepdive.ui.shell.preferences_dialog import PreferencesDialog
from deepdive.ui.shell.style import Appearance
from deepdive.ui.widgets.palette import palette_for
from deepdive.ui.widgets.preferences import DateDisplay, Preferences, Theme, load_preferences


def test_preferences_have_sensible_defaults_and_survive_a_restart(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    assert load_preferences(settings).marking == "OFFICIAL-SENSITIVE"
    dialog = PreferencesDialog(load_preferences(settings))
    dialog.no_marking.setChecked(True)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.date_display.setCurrentIndex(dialog.date_display.findData("relative"))
    dialog.vault_lock.setValue(25)
    chosen = dialog.chosen()
    dialog.deleteLater()
    from deepdive.ui.widgets.preferences import save_preferences

    save_preferences(settings, chosen)
    again = load_preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    assert again.marking == ""
    assert again.theme is Theme.DARK
    assert again.date_display is DateDisplay.RELATIVE
    assert again.vault_lock_minutes == 25


def test_a_damaged_setting_falls_back_to_its_default(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    settings.setValue("preferences/theme", "purple")
    settings.setValue("preferences/vault_lock_minutes", "soon")
    loaded = load_preferences(settings)
    assert loaded.theme is Theme.SYSTEM
    assert loaded.vault_lock_minutes == Preferences().vault_lock_minutes


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_text_meets_wcag_aa_contrast_in_both_themes(dark: bool) -> None:
    palette = palette_for(dark)
    role = QPalette.ColorRole
    pairs = [
        (role.Text, role.Base),
        (role.WindowText, role.Window),
        (role.PlaceholderText, role.Base),
        (role.PlaceholderText, role.Window),
        (role.ButtonText, role.Button),
        (role.HighlightedText, role.Highlight),
        (role.Text, role.AlternateBase),
        (role.Link, role.Base),
    ]
    for text, background in pairs:
        ratio = _contrast(palette.color(text), palette.color(background))
        assert ratio >= 4.5, f"{text.name} on {background.name}: {ratio:.2f}"


def test_font_size_preference_scales_the_interface(
    qapp: QApplication, appearance: Appearance
) -> None:
    before = qapp.font().pointSizeF()
    try:
        appearance.apply(Theme.LIGHT, before * 2)
        assert qapp.font().pointSizeF() == pytest.approx(before * 2)
        assert f"{before * 2 * 1.9:.1f}pt" in qapp.styleSheet()
    finally:
        appearance.apply(Theme.SYSTEM, 0)
    assert qapp.font().pointSizeF() == pytest.approx(before)


def test_tick_boxes_grow_with_the_interface_font(
    qapp: QApplication, appearance: Appearance
) -> None:
    from PySide6.QtWidgets import QStyle

    tick = QStyle.PixelMetric.PM_IndicatorWidth
    before = qapp.font().pointSizeF()
    try:
        appearance.apply(Theme.LIGHT, 0)
        normal = qapp.style().pixelMetric(tick)
        appearance.apply(Theme.LIGHT, before * 2)
        assert qapp.style().pixelMetric(tick) == pytest.approx(normal * 2, abs=1)
    finally:
        appearance.apply(Theme.SYSTEM, 0)
    assert qapp.style().pixelMetric(tick) == normal


def test_the_markdown_editor_follows_the_interface_font_size(
    qapp: QApplication, qtbot, appearance: Appearance
) -> None:  # type: ignore[no-untyped-def]
    from deepdive.ui.editors.markdown_editor import MarkdownEditor

    before = qapp.font().pointSizeF()
    try:
        appearance.apply(Theme.LIGHT, before * 2)
        editor = MarkdownEditor("Summary")
        qtbot.addWidget(editor)
        assert editor.editor.font().pointSizeF() == pytest.approx(before * 2)
        assert editor.preview.font().pointSizeF() == pytest.approx(before * 2)
    finally:
        appearance.apply(Theme.SYSTEM, 0)


def test_the_shortcuts_sheet_lists_the_real_shortcuts(make_window: WindowFactory) -> None:
    window = make_window()
    rows = shortcut_rows(window.menuBar())
    commands = {command: keys for _menu, command, keys in rows}
    assert commands["New case"] == window.case_menu.new_case_action.shortcut().toString()
    assert "Undo" in commands or "Open workspace" in commands
    assert all(keys for _m, _c, keys in rows)


def test_about_names_the_licences_of_bundled_components() -> None:
    licences = {name.lower(): licence for name, _version, licence in component_licences()}
    assert "sqlalchemy" in licences and "MIT" in licences["sqlalchemy"]
    assert any(name.startswith("pyside6") for name in licences)
