"""Encrypted interchange files, in the age format (https://age-encryption.org/v1, through ``pyrage``): a file
that leaves the laptop is sealed in memory with a passphrase or to recipients' public keys (``age1…``,
``ssh-ed25519 …``, ``ssh-rsa …``), and opened with the passphrase or an identity file (``AGE-SECRET-KEY-1…``
lines, or an unprotected OpenSSH private key) and decrypted as it is read. A sealed file is told from a plain one
by its age header (binary, or armored as ``age -a`` writes it). Every failure is one plain reason: a wrong
passphrase, no matching identity, a damaged or cut-short file, a line of a recipients file that is not a public key.
"""

from __future__ import annotations

import base64
import binascii
import io
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyrage

from consultant_app.interchange.document import InterchangeError

MAGIC = b"age-encryption.org/v1\n"
ARMOR_BEGIN, ARMOR_END = b"-----BEGIN AGE ENCRYPTED FILE-----", b"-----END AGE ENCRYPTED FILE-----"
MAX_HEADER = 64 * 1024  # far more than the header of a file sealed to a few hundred recipients
MIN_PASSPHRASE = 8
PASSPHRASE_STANZA = "scrypt"
SECRET_PREFIX, SSH_PRIVATE = "AGE-SECRET-KEY-1", b"-----BEGIN OPENSSH PRIVATE KEY-----"
IDENTITY_HINT = "AGE-SECRET-KEY-1… or an SSH private key"
PIPE_CHUNKS = 256  # pieces of decrypted bytes waiting to be read (pyrage writes 8 KB pieces: 2 MB)


class SealedFileError(InterchangeError):
    """An encrypted file that cannot be opened, for one plain reason."""

    def __init__(self, reason: str) -> None:
        super().__init__([reason])


class KeyNeeded(SealedFileError):
    """The file is sealed and no key of its kind was given; ``info`` says which kind it wants."""

    def __init__(self, reason: str, info: SealedInfo) -> None:
        super().__init__(reason)
        self.info = info


class WrongKey(SealedFileError):
    """The passphrase, or every identity given, does not open the file."""


class DamagedSealedFile(SealedFileError):
    def __init__(self) -> None:
        super().__init__("the encrypted file is damaged or incomplete (cut short, or changed since it was written)")


@dataclass(frozen=True)
class SealedInfo:
    """What the header of a sealed file says: sealed with a passphrase, or to how many recipients."""

    armored: bool
    stanzas: tuple[str, ...]

    @property
    def with_passphrase(self) -> bool:
        return PASSPHRASE_STANZA in self.stanzas

    @property
    def recipients(self) -> int:
        return 0 if self.with_passphrase else len(self.stanzas)

    @property
    def whose_keys(self) -> str:
        """For whom a file sealed to public keys is: "1 recipient's public key", "3 recipients' public keys"."""
        return "1 recipient's public key" if self.recipients == 1 else f"{self.recipients} recipients' public keys"


@dataclass(frozen=True)
class Seal:
    """How to encrypt an export: with a passphrase, or to recipients' public keys (checked when made)."""

    passphrase: str | None = field(default=None, repr=False)
    recipients: tuple[str, ...] = ()

    @classmethod
    def with_passphrase(cls, passphrase: str) -> Seal:
        if len(passphrase.strip()) < MIN_PASSPHRASE:
            raise ValueError(
                f"A passphrase for an encrypted file needs at least {MIN_PASSPHRASE} characters (a few words are "
                "stronger than one); nothing was written."
            )
        return cls(passphrase=passphrase)

    @classmethod
    def to_recipients(cls, keys: Iterable[str]) -> Seal:
        checked = tuple(dict.fromkeys(recipient_key(k, f"recipient {i}") for i, k in enumerate(keys, 1)))
        if not checked:
            raise ValueError("An encrypted file needs at least one recipient's public key; nothing was written.")
        return cls(recipients=checked)

    @property
    def how(self) -> str:
        return "with a passphrase" if self.passphrase is not None else f"for {_recipients(len(self.recipients))}"

    def describe(self) -> str:
        return f"encrypted {self.how}"

    def seal(self, data: bytes) -> bytes:
        """``data`` encrypted in memory (binary age format)."""
        if self.passphrase is not None:
            return pyrage.passphrase.encrypt(data, self.passphrase)
        return pyrage.encrypt(data, [_recipient(key) for key in self.recipients])


@dataclass(frozen=True)
class Unseal:
    """What opens a sealed file: its passphrase, or identities (secret keys) of its recipients."""

    passphrase: str | None = field(default=None, repr=False)
    identities: tuple[Any, ...] = field(default=(), repr=False)


def _recipients(n: int) -> str:
    return f"{n} recipient{'s' * (n != 1)}"


def inspect(data: bytes) -> SealedInfo | None:
    """What a sealed file's header says, or None for a file that is not sealed (a plain JSON document)."""
    head = data[: 2 * MAX_HEADER].lstrip()  # never a copy of a whole (perhaps very large) plain file
    armored = head.startswith(ARMOR_BEGIN)
    if armored:
        header = _dearmor(head[len(ARMOR_BEGIN) :])
    elif data.startswith(MAGIC):
        header = data[:MAX_HEADER]
    else:
        return None
    lines = header.split(b"\n")
    if lines[0] + b"\n" != MAGIC:
        raise DamagedSealedFile()
    stanzas = []
    for line in lines[1:-1]:  # the last piece may be cut by MAX_HEADER or be the payload
        if line.startswith(b"--- "):
            break
        if line.startswith(b"-> "):
            kind = line[3:].split(b" ", 1)[0].decode("ascii", "replace")
            if not kind.endswith("-grease"):  # random stanzas age adds so no tool relies on their absence
                stanzas.append(kind)
    else:
        raise DamagedSealedFile()
    if not stanzas:
        raise DamagedSealedFile()
    return SealedInfo(armored, tuple(stanzas))


def inspect_file(path: Path) -> SealedInfo | None:
    """``inspect`` of the file at ``path``, reading only its beginning (None when it cannot be read: the import
    says why)."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(2 * MAX_HEADER)
    except OSError:
        return None
    return inspect(head)


def _dearmor(body: bytes) -> bytes:
    """The first bytes of an armored file's contents: enough whole lines of base64 to hold the header."""
    pieces = body.lstrip().split(b"\n")
    lines = []
    for line in pieces[:-1][: MAX_HEADER // 48]:  # the last piece may be cut short, or follow the end line
        line = line.strip()
        if line.startswith(ARMOR_END):
            break
        lines.append(line)
    try:
        return base64.b64decode(b"".join(lines), validate=True)
    except (binascii.Error, ValueError):
        raise DamagedSealedFile() from None


@contextmanager
def opened(path: Path, key: Unseal | None) -> Iterator[Callable[[], IO[bytes]]]:
    """Opens the plain bytes of the file at ``path`` as a stream, as often as asked while open: the file itself,
    or a sealed file's contents decrypted as they are read (for public keys: on a second thread, a few megabytes
    at a time, no plain copy written). A passphrase-sealed file is decrypted whole in memory, once: pyrage
    decrypts a passphrase's file only whole. A damaged file ends in ``DamagedSealedFile`` however far it has been
    read."""
    try:
        with Path(path).open("rb") as fh:
            info = inspect(fh.read(2 * MAX_HEADER))
    except OSError as exc:
        raise InterchangeError([f"{path}: cannot be read ({exc.strerror or exc})"]) from exc
    with ExitStack() as streams:
        if info is None:
            yield lambda: streams.enter_context(Path(path).open("rb"))
            return
        key = key or Unseal()
        _check_key(info, key)
        if info.with_passphrase:
            plain = _with_passphrase(Path(path).read_bytes(), key.passphrase or "")
            yield lambda: io.BytesIO(plain)
            return

        def decrypting() -> IO[bytes]:
            fh = streams.enter_context(Path(path).open("rb"))
            pipe = _Pipe()
            thread = threading.Thread(target=pipe.fill, args=(fh, list(key.identities)), daemon=True)
            thread.start()
            streams.callback(thread.join)
            streams.callback(pipe.close)
            return pipe

        yield decrypting


def _check_key(info: SealedInfo, key: Unseal) -> None:
    if info.with_passphrase:
        if key.passphrase is None:
            also = ", not for a public key" if key.identities else ""
            raise KeyNeeded(f"it is encrypted with a passphrase{also}; give the passphrase to open it", info)
    elif not key.identities:
        if key.passphrase is not None:
            raise KeyNeeded(
                f"it is encrypted for recipients' public keys, not with a passphrase; give your identity file "
                f"({IDENTITY_HINT}) to open it",
                info,
            )
        raise KeyNeeded(
            f"it is encrypted for {info.whose_keys}; give your identity file ({IDENTITY_HINT}) to open it", info
        )


def _with_passphrase(data: bytes, passphrase: str) -> bytes:
    try:
        return pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError as exc:
        if str(exc) in ("Decryption failed", "No matching keys found"):
            raise WrongKey("wrong passphrase (it does not open this encrypted file)") from None
        raise DamagedSealedFile() from None


class _Pipe:
    """Decrypted bytes handed from the thread that decrypts (``fill``, writing) to the one that reads: a bounded
    queue between, so neither the whole file nor its plain copy is ever held."""

    def __init__(self) -> None:
        self.queue: queue.Queue[bytes | None] = queue.Queue(maxsize=PIPE_CHUNKS)
        self.pending = b""
        self.error: SealedFileError | None = None
        self.closed = self.done = False

    def fill(self, fh: IO[bytes], identities: list[Any]) -> None:
        try:
            pyrage.decrypt_io(fh, self, identities)
        except pyrage.DecryptError as exc:
            if str(exc) == "No matching keys found":
                self.error = WrongKey("none of the identities given opens it (it was encrypted for other public keys)")
            else:
                self.error = DamagedSealedFile()
        except Exception:  # noqa: BLE001 - a damaged payload surfaces as an I/O error from the copy; a closed pipe too
            self.error = DamagedSealedFile()
        finally:
            self.queue.put(None)

    def write(self, data: bytes) -> int:
        if self.closed:
            raise OSError("the import stopped reading")
        self.queue.put(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def read(self, size: int = -1) -> bytes:
        parts, have = [self.pending], len(self.pending)
        while (size < 0 or have < size) and not self.done:
            chunk = self.queue.get()
            if chunk is None:
                self.done = True
            else:
                parts.append(chunk)
                have += len(chunk)
        data = b"".join(parts)
        if not data and self.error is not None:  # at the end: a damaged file never reads as a whole one
            raise self.error
        cut = len(data) if size < 0 else size
        data, self.pending = data[:cut], data[cut:]
        return data

    def close(self) -> None:
        self.closed = True
        while not self.done:
            self.done = self.queue.get() is None


def recipient_key(text: str, where: str) -> str:
    """One recipient's public key, checked (``where`` names it in the error: "keys.txt, line 3")."""
    key = text.strip()
    if key.upper().startswith(SECRET_PREFIX):
        raise ValueError(
            f"{where}: a secret key (AGE-SECRET-KEY-…), not a public key; give the recipient's public key (age1…) "
            "and keep the secret key private"
        )
    try:
        _recipient(key)
    except (pyrage.RecipientError, ValueError):
        raise ValueError(f"{where}: not a public key (age1… or ssh-ed25519 …)") from None
    return key.lower() if key.lower().startswith("age1") else key


def _recipient(key: str) -> Any:
    if key.lower().startswith("age1"):
        return pyrage.x25519.Recipient.from_str(key)
    if key.startswith(("ssh-ed25519 ", "ssh-rsa ")):
        return pyrage.ssh.Recipient.from_str(key)
    raise ValueError(key)


def parse_recipients(text: str, source: str) -> tuple[str, ...]:
    """The public keys of a recipients file: one a line; blank lines and ``#`` comments are skipped."""
    keys = [
        recipient_key(line, f"{source}, line {number}")
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not keys:
        raise ValueError(f"{source} holds no public key (one age1… or ssh-ed25519 … key a line)")
    return tuple(dict.fromkeys(keys))


def read_recipients(path: Path) -> tuple[str, ...]:
    return parse_recipients(_read(path).decode("utf-8", "replace"), Path(path).name)


def read_identities(path: Path) -> tuple[Any, ...]:
    """The identities (secret keys) in an age identity file, or the one of an OpenSSH private key file."""
    raw, name = _read(path), Path(path).name
    if raw.lstrip().startswith(SSH_PRIVATE):
        try:
            return (pyrage.ssh.Identity.from_buffer(raw),)
        except pyrage.IdentityError as exc:
            if "decrypted" in str(exc):
                raise ValueError(
                    f"{name}: a passphrase-protected SSH key, which cannot open the file as it is; use an age "
                    "identity, or an unprotected copy of the key"
                ) from None
            raise ValueError(f"{name}: not an SSH private key Debrief can use") from None
    identities = []
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower().startswith("age1") or line.startswith("ssh-"):
            raise ValueError(
                f"{name}, line {number}: a public key; an identity file holds secret keys ({IDENTITY_HINT})"
            )
        try:
            identities.append(pyrage.x25519.Identity.from_str(line))
        except pyrage.IdentityError:
            raise ValueError(f"{name}, line {number}: not a secret key ({IDENTITY_HINT})") from None
    if not identities:
        raise ValueError(f"{name} holds no secret key ({IDENTITY_HINT})")
    return tuple(identities)


def _read(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ValueError(f"{Path(path).name}: cannot be read ({exc.strerror or exc})") from None
