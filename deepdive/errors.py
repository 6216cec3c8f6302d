"""Errors a user can meet. Each message is fit to show as it is."""


class DeepDiveError(Exception):
    """Base of every error whose message is fit to show a user (dialog or one CLI line)."""
