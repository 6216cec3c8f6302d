"""Every subcommand and option of the command line says what it is for."""

from __future__ import annotations

import argparse

import pytest

from deepdive.cli import build_parser, main


def _missing_help(parser: argparse.ArgumentParser, name: str) -> list[str]:
    missing: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            listed = {choice.dest: choice.help for choice in action._choices_actions}
            for command, subparser in action.choices.items():
                if not listed.get(command):
                    missing.append(f"{name} {command}")
                missing += _missing_help(subparser, f"{name} {command}")
        elif not action.help:
            missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    return missing


def test_every_subcommand_and_option_has_a_help_line() -> None:
    assert _missing_help(build_parser(), "deepdive") == []


@pytest.mark.parametrize("command", ["export", "render"])
def test_export_help_names_the_leak_check_the_passphrase_and_the_exit_codes(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "leak check" in text
    assert "accessibility check" in text
    assert "DEEPDIVE_PASSPHRASE" in text
    assert "exit codes:" in text
    for code in ("0  written", "1  the leak check found", "2  bad usage", "3  an unexpected"):
        assert code in text
