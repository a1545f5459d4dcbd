"""Keys: the kiosk's own Ed25519 signing key, and the coordinator's X25519 key pair.

The kiosk signs every bundle it writes, so a collector can tell a real log from a forged
one. The signing key is made at first start and kept in the data folder, readable by its
owner only (0600). The coordinator's key pair is made once with ``kiosk-collector keygen``:
the public half goes into each kiosk's settings, so names and phones leave a kiosk only
sealed for it; the private half stays with the coordinator.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey, VerifyKey

SIGNING_KEY_FILE = "kiosk_signing.key"


class BadKey(ValueError):
    """A key that cannot be used (wrong length, not base64)."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, length: int | None = None, what: str = "key") -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (ValueError, TypeError) as exc:
        raise BadKey(f"the {what} is not valid base64") from exc
    if length is not None and len(raw) != length:
        raise BadKey(f"the {what} must be {length} bytes, not {len(raw)}")
    return raw


def fingerprint(public_key_b64: str) -> str:
    """A short, readable fingerprint of a public key (to compare by eye or by phone)."""
    digest = hashlib.sha256(public_key_b64.strip().encode("ascii")).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def load_or_create_signing_key(folder: Path | None = None) -> SigningKey:
    """This kiosk's signing key, made (and saved 0600) the first time it is needed."""
    if folder is None:
        from kiosk.paths import data_dir

        folder = data_dir()
    path = folder / SIGNING_KEY_FILE
    try:
        seed = unb64(path.read_text(encoding="ascii"), 32, "signing key")
    except FileNotFoundError:
        key = SigningKey.generate()
        try:
            _write_private(path, (b64(bytes(key)) + "\n").encode("ascii"))
        except FileExistsError:  # another process made it first: use that one
            return load_or_create_signing_key(folder)
        return key
    return SigningKey(seed)


def public_key_b64(key: SigningKey) -> str:
    return b64(bytes(key.verify_key))


def verify_key(public_b64: str) -> VerifyKey:
    return VerifyKey(unb64(public_b64, 32, "kiosk public key"))


@dataclass(frozen=True)
class CoordinatorKeys:
    public: str  # base64, goes into each kiosk's settings
    private: str  # base64, stays with the coordinator


def make_coordinator_keys() -> CoordinatorKeys:
    key = PrivateKey.generate()
    return CoordinatorKeys(b64(bytes(key.public_key)), b64(bytes(key)))


def seal(public_b64: str, data: bytes) -> str:
    """Encrypt ``data`` so only the holder of the coordinator's private key can read it."""
    box = SealedBox(PublicKey(unb64(public_b64, 32, "coordinator public key")))
    return b64(box.encrypt(data))


class SealedError(ValueError):
    """A sealed field that this key cannot open (wrong key, or the field was changed)."""


def unseal(private_b64: str, sealed_b64: str) -> bytes:
    box = SealedBox(PrivateKey(unb64(private_b64, 32, "coordinator private key")))
    try:
        return box.decrypt(unb64(sealed_b64, None, "sealed field"))
    except (CryptoError, BadKey) as exc:
        raise SealedError("this key cannot open the sealed field, or it was changed") from exc
