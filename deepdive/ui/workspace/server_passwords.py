"""Team workspace passwords kept in the operating system's keyring, when there is one.

The well-kept ``keyring`` library (macOS Keychain, Windows Credential Locker, the
Secret Service on Linux) is optional: DeepDive never needs it. Without it, or when it
has no usable backend, :attr:`KeyringPasswords.available` is False and the app offers
no "remember" box. A password is filed under the workspace's address without its
password, so the keyring never holds a URL with a password in it.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any, Protocol

from deepdive.storage.address import ServerAddress

SERVICE = "DeepDive team workspace"

_log = logging.getLogger(__name__)


class PasswordStore(Protocol):
    """Where remembered server passwords live."""

    @property
    def available(self) -> bool:
        """Whether passwords can be remembered at all."""
        ...

    def get(self, address: ServerAddress) -> str | None:
        """The password remembered for ``address``, if any."""
        ...

    def remember(self, address: ServerAddress, password: str) -> bool:
        """Keep ``password`` for ``address``; False if the keyring refused."""
        ...

    def forget(self, address: ServerAddress) -> None:
        """Drop the password remembered for ``address`` (it no longer works)."""
        ...


def _keyring_module() -> Any | None:
    """The ``keyring`` library with a working backend, or None."""
    try:
        keyring = importlib.import_module("keyring")
        fail = importlib.import_module("keyring.backends.fail")
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration: as if there were none
        _log.exception("The OS keyring could not be used")
        return None
    return None if isinstance(backend, fail.Keyring) else keyring


class KeyringPasswords:
    """Passwords in the OS keyring through the ``keyring`` library (if installed)."""

    def __init__(self) -> None:
        self._keyring = _keyring_module()

    @property
    def available(self) -> bool:
        """Whether ``keyring`` is installed and has a backend."""
        return self._keyring is not None

    def get(self, address: ServerAddress) -> str | None:
        """The remembered password, or None (also when the keyring is locked or fails)."""
        if self._keyring is None:
            return None
        try:
            found = self._keyring.get_password(SERVICE, address.shown)
        except Exception:  # a locked or broken keyring: ask instead
            _log.exception("The OS keyring could not be read")
            return None
        return found if isinstance(found, str) else None

    def remember(self, address: ServerAddress, password: str) -> bool:
        """Keep the password; False (and logged) when the keyring refuses."""
        if self._keyring is None:
            return False
        try:
            self._keyring.set_password(SERVICE, address.shown, password)
        except Exception:
            _log.exception("The OS keyring could not keep a password")
            return False
        return True

    def forget(self, address: ServerAddress) -> None:
        """Drop a remembered password that no longer works."""
        if self._keyring is None:
            return
        try:
            self._keyring.delete_password(SERVICE, address.shown)
        except Exception:  # nothing remembered, or a locked keyring: nothing to undo
            _log.debug("No password to forget for a team workspace", exc_info=True)
