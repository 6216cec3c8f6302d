"""Errors a user can meet. Each message is fit to show as it is."""


class DeepDiveError(Exception):
    """Base of every error whose message is fit to show a user (dialog or one CLI line)."""


def one_line(message: str) -> str:
    """``message`` on one line: SQLite's and others' messages can hold line breaks."""
    return " ".join(part.strip() for part in message.splitlines() if part.strip())
