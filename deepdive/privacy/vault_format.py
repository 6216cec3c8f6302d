"""The key vault's file format: authenticated encryption under a passphrase.

Layout (all integers big-endian)::

    magic        8 bytes   b"DDVAULT\\x00"
    version      1 byte    1
    kdf          1 byte    1 = scrypt
    log2 n       1 byte    scrypt cost (n = 2**log2_n)
    r, p         1 byte each
    salt        16 bytes
    nonce       12 bytes   AES-GCM nonce, new for every save
    check       16 bytes   HMAC-SHA256 of a fixed text under a key derived from the
                           passphrase: tells a wrong passphrase from a damaged file
    length       8 bytes   length of the whole file
    ciphertext   …         AES-256-GCM of the JSON contents (header as associated data)
    digest      32 bytes   SHA-256 of everything before it

Reading checks, in order: the magic (is this a vault?), the length and digest (is the
file whole and unaltered? no passphrase needed), the check value (is the passphrase
right?), and the GCM tag (was the encrypted part altered by someone who also rewrote
the digest?). Each failure raises its own error with its own message.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from deepdive.privacy.errors import (
    NotAVaultError,
    VaultDamagedError,
    VaultTamperedError,
    WrongPassphraseError,
)

MAGIC = b"DDVAULT\x00"
VERSION = 1
KDF_SCRYPT = 1
# scrypt with n = 2**15, r = 8, p = 1 uses 32 MiB and about a tenth of a second on a
# laptop: enough to make guessing slow, quick enough to unlock without waiting.
LOG2_N = 15
R = 8
P = 1
_HEADER = struct.Struct(">8sBBBBB16s12s16sQ")
HEADER_SIZE = _HEADER.size
DIGEST_SIZE = 32
MIN_SIZE = HEADER_SIZE + 16 + DIGEST_SIZE  # an empty plaintext still has a GCM tag
_CHECK_TEXT = b"DeepDive key vault passphrase check"


@dataclass(frozen=True)
class VaultKey:
    """Keys derived from a passphrase and a salt (kept in memory while unlocked)."""

    salt: bytes
    log2_n: int
    r: int
    p: int
    encryption: bytes
    check: bytes


def derive_key(
    passphrase: str, salt: bytes | None = None, log2_n: int = LOG2_N, r: int = R, p: int = P
) -> VaultKey:
    """Stretch ``passphrase`` with scrypt into an encryption key and a check value."""
    salt = salt if salt is not None else os.urandom(16)
    material = Scrypt(salt=salt, length=64, n=2**log2_n, r=r, p=p).derive(
        passphrase.encode("utf-8")
    )
    check = hmac.new(material[32:], _CHECK_TEXT, hashlib.sha256).digest()[:16]
    return VaultKey(salt, log2_n, r, p, material[:32], check)


def encrypt(plaintext: bytes, key: VaultKey) -> bytes:
    """The whole vault file for ``plaintext`` under ``key`` (a fresh nonce each time)."""
    nonce = os.urandom(12)
    length = HEADER_SIZE + len(plaintext) + 16 + DIGEST_SIZE
    header = _HEADER.pack(
        MAGIC, VERSION, KDF_SCRYPT, key.log2_n, key.r, key.p, key.salt, nonce, key.check, length
    )
    body = header + AESGCM(key.encryption).encrypt(nonce, plaintext, header)
    return body + hashlib.sha256(body).digest()


@dataclass(frozen=True)
class Sealed:
    """A vault file whose shape and digest have been checked, not yet decrypted."""

    header: bytes
    salt: bytes
    log2_n: int
    r: int
    p: int
    nonce: bytes
    check: bytes
    ciphertext: bytes


def unseal(data: bytes, name: str) -> Sealed:
    """Check that ``data`` is a whole, unaltered vault file (no passphrase needed)."""
    if not data.startswith(MAGIC[:7]):
        raise NotAVaultError(f"{name} is not a DeepDive key vault.")
    if len(data) < HEADER_SIZE:
        raise VaultDamagedError(
            f"{name} is damaged: it is only {len(data)} bytes long, so it has been cut "
            "short. DeepDive will not read it; restore the vault from your own copy."
        )
    magic, version, kdf, log2_n, r, p, salt, nonce, check, length = _HEADER.unpack_from(data)
    if magic != MAGIC or version > VERSION or kdf != KDF_SCRYPT:
        raise NotAVaultError(
            f"{name} is a key vault from a newer version of DeepDive, or not a DeepDive "
            "key vault at all."
        )
    if len(data) != length:
        what = "cut short" if len(data) < length else "has extra bytes at its end"
        raise VaultDamagedError(
            f"{name} is damaged: it should be {length} bytes long but is {len(data)}, so "
            f"it has been {what}. DeepDive will not read it; restore the vault from your "
            "own copy."
        )
    body, digest = data[:-DIGEST_SIZE], data[-DIGEST_SIZE:]
    if not hmac.compare_digest(hashlib.sha256(body).digest(), digest):
        raise VaultDamagedError(
            f"{name} is damaged or has been altered: its contents no longer match their "
            "checksum. DeepDive will not read it; restore the vault from your own copy."
        )
    if not 10 <= log2_n <= 22 or not 1 <= r <= 32 or not 1 <= p <= 16:
        raise VaultDamagedError(f"{name} has key settings DeepDive does not accept.")
    return Sealed(
        header=data[:HEADER_SIZE],
        salt=salt,
        log2_n=log2_n,
        r=r,
        p=p,
        nonce=nonce,
        check=check,
        ciphertext=body[HEADER_SIZE:],
    )


def decrypt(sealed: Sealed, passphrase: str, name: str) -> tuple[bytes, VaultKey]:
    """The plaintext and the key; WrongPassphraseError or VaultTamperedError if not."""
    key = derive_key(passphrase, sealed.salt, sealed.log2_n, sealed.r, sealed.p)
    if not hmac.compare_digest(key.check, sealed.check):
        raise WrongPassphraseError(
            f"That passphrase does not open {name}. Check the passphrase (capital letters "
            "count) and try again."
        )
    return decrypt_with_key(sealed, key, name), key


def decrypt_with_key(sealed: Sealed, key: VaultKey, name: str) -> bytes:
    """The plaintext under a key already derived (and checked) for this file's salt."""
    try:
        return AESGCM(key.encryption).decrypt(sealed.nonce, sealed.ciphertext, sealed.header)
    except InvalidTag:
        raise VaultTamperedError(
            f"{name} has been tampered with: the passphrase is right, but the encrypted "
            "contents fail their authentication check. DeepDive will not read it; restore "
            "the vault from your own copy."
        ) from None
