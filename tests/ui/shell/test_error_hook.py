"""Unexpected errors are logged without case text and explained in a short message."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from deepdive.services.errors import ValidationError
from deepdive.ui.shell.error_hook import install_exception_hook


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    messages: list[tuple[str, str]] = []
    install_exception_hook(lambda title, text: messages.append((title, text)))
    return messages


def _raise(exc: BaseException) -> None:
    try:
        raise exc
    except BaseException as caught:
        sys.excepthook(type(caught), caught, caught.__traceback__)


def test_an_unexpected_error_is_logged_without_its_text(
    shown: list[tuple[str, str]], private_data_dir: Path
) -> None:
    _raise(RuntimeError("Jayden Marsh lives at 12 Acacia Road"))
    [(title, text)] = shown
    assert title == "Something went wrong"
    assert "Your saved work is safe" in text
    assert "Traceback" not in text
    log = private_data_dir / "logs" / "deepdive.log"
    assert str(log) in text
    logged = log.read_text(encoding="utf-8")
    assert "RuntimeError" in logged and "test_error_hook.py" in logged
    assert "Jayden" not in logged and "Acacia" not in logged


def test_an_expected_error_shows_its_own_message(
    shown: list[tuple[str, str]], private_data_dir: Path
) -> None:
    _raise(ValidationError("Give the case a code, for example DD-2019-014.", "code"))
    assert shown == [("DeepDive", "Give the case a code, for example DD-2019-014.")]
    assert not (private_data_dir / "logs" / "deepdive.log").exists()


def test_a_missing_module_is_named_in_the_log_so_a_broken_install_can_be_fixed(
    shown: list[tuple[str, str]], private_data_dir: Path
) -> None:
    _raise(ModuleNotFoundError("No module named 'pydoc' (Jayden Marsh)", name="pydoc"))
    logged = (private_data_dir / "logs" / "deepdive.log").read_text(encoding="utf-8")
    assert "ModuleNotFoundError (module 'pydoc')" in logged
    assert "Jayden" not in logged
