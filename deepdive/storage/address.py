"""What ``--workspace`` names: a workspace file, or a team workspace on a PostgreSQL server.

A server is named by a libpq URL, ``postgresql://[user@]host[:port]/dbname`` (libpq's
own options, such as ``?sslmode=require``, ride along and are passed through as they
are). Any other ``scheme://`` is refused, so an address is never taken for a folder.
A password written into the URL is used but never shown: :attr:`ServerAddress.shown`
is the address without it. Nothing here imports the database layer (start-up cost).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from deepdive.errors import DeepDiveError

SERVER_SCHEMES = ("postgresql", "postgres")

_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


class WorkspaceAddressError(DeepDiveError):
    """A ``--workspace`` value that names neither a file nor a usable server address."""


@dataclass(frozen=True)
class ServerAddress:
    """A team workspace on a PostgreSQL server: the libpq URL, and how to show it."""

    url: str = field(repr=False)
    shown: str
    password: str | None = field(default=None, repr=False, compare=False)

    @property
    def database(self) -> str:
        """The database's name."""
        return unquote(urlsplit(self.url).path.lstrip("/"))

    def hide_password(self, message: str) -> str:
        """``message`` with the URL's password (if any) blotted out."""
        return message.replace(self.password, "***") if self.password else message


def is_address(value: str) -> bool:
    """Whether ``value`` is written as ``scheme://…`` (an address, never a file name)."""
    return _ADDRESS.match(value) is not None


def parse_server_address(value: str) -> ServerAddress:
    """The server address ``value`` names; raises with a message fit to show (and
    without the password) when it is not a PostgreSQL URL DeepDive can use."""
    scheme = value.split("://", 1)[0]
    if scheme.lower() not in SERVER_SCHEMES:
        raise WorkspaceAddressError(
            f"{scheme}://… is not a workspace DeepDive can open: name a workspace file "
            "(.deepdive) or a PostgreSQL server as postgresql://[user@]host[:port]/dbname. "
            "Nothing was created."
        )
    try:
        parts = urlsplit(value)
        password = parts.password
        _ = parts.port  # a port that is not a number raises here
    except ValueError as exc:
        raise WorkspaceAddressError(
            "The server address is not of the form postgresql://[user@]host[:port]/dbname "
            f"({_without_password(value)}). Nothing was created."
        ) from exc
    query = parse_qsl(parts.query, keep_blank_values=True)
    password = password or next((v for k, v in query if k == "password"), None)
    shown = urlunsplit(
        (
            parts.scheme,
            _netloc_without_password(parts.netloc),
            parts.path,
            urlencode([(k, v) for k, v in query if k != "password"], safe="/"),
            "",
        )
    )
    if not parts.path.strip("/"):
        raise WorkspaceAddressError(
            f"{shown} names no database: write it as postgresql://[user@]host[:port]/dbname. "
            "Nothing was created."
        )
    return ServerAddress(url=value, shown=shown, password=password)


def workspace_location(value: str) -> Path | ServerAddress:
    """A ``--workspace`` value: a file path, or a PostgreSQL server address."""
    if is_address(value):
        return parse_server_address(value)
    return Path(value)


def _netloc_without_password(netloc: str) -> str:
    login, at, host = netloc.rpartition("@")
    if not at:
        return netloc
    return f"{login.split(':', 1)[0]}@{host}"


def _without_password(value: str) -> str:
    scheme, _, rest = value.partition("://")
    netloc, slash, tail = rest.partition("/")
    tail = re.sub(r"(?i)(password=)[^&]*", r"\1***", tail)
    return f"{scheme}://{_netloc_without_password(netloc)}{slash}{tail}"
