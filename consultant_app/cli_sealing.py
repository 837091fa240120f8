"""What seals and opens an encrypted interchange file on the command line: the passphrase from
``$CONSULTANT_APP_EXPORT_PASSPHRASE`` or a prompt on a terminal (twice when sealing, never echoed), recipients'
public keys from ``--recipient`` and ``--recipients-file``, identities from ``--identity``. Without a terminal
and without the variable, a command that needs a passphrase stops with one plain line before touching anything.
"""

from __future__ import annotations

import getpass
import os
import sys
from argparse import Namespace
from pathlib import Path

from consultant_app.cli import EXPORT_PASSPHRASE_ENV as PASSPHRASE_ENV
from consultant_app.interchange.sealing import (
    IDENTITY_HINT,
    Seal,
    Unseal,
    inspect_file,
    read_identities,
    read_recipients,
    recipient_key,
)


def export_seal(args: Namespace) -> Seal | None:
    """How ``export`` is to seal its file, or None for a plain one."""
    keys, files = args.recipient or [], args.recipients_file or []
    if args.encrypt and (keys or files):
        raise ValueError(
            "--encrypt seals with a passphrase, --recipient and --recipients-file with public keys: choose one; "
            "nothing was written."
        )
    if keys or files:
        checked = [recipient_key(key, f"--recipient {i}") for i, key in enumerate(keys, 1)]
        return Seal.to_recipients(checked + [key for file in files for key in read_recipients(Path(file))])
    if not args.encrypt:
        return None
    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return Seal.with_passphrase(given)
    if not sys.stdin.isatty():
        raise ValueError(
            f"--encrypt needs a passphrase: set ${PASSPHRASE_ENV}, or run in a terminal to be asked; nothing was "
            "written."
        )
    seal = Seal.with_passphrase(_ask("Passphrase for the encrypted file: ", "written"))  # too short: no second ask
    if _ask("The same passphrase again: ", "written") != seal.passphrase:
        raise ValueError("The two passphrases differ; nothing was written.")
    return seal


def import_key(path: Path, args: Namespace) -> Unseal | None:
    """What opens the file ``import`` is given: its identities, and the passphrase when it is sealed with one."""
    identities = tuple(identity for file in args.identity or [] for identity in read_identities(Path(file)))
    info = inspect_file(path)
    if info is None or (identities and not info.with_passphrase):
        return Unseal(identities=identities) if identities else None
    if not info.with_passphrase:
        raise ValueError(
            f"{path.name} is encrypted for {info.whose_keys}: give your identity file ({IDENTITY_HINT}) with "
            "--identity FILE; nothing was changed."
        )
    given = os.environ.get(PASSPHRASE_ENV)
    if given is None:
        if not sys.stdin.isatty():
            raise ValueError(
                f"{path.name} is encrypted with a passphrase: set ${PASSPHRASE_ENV}, or run in a terminal to be "
                "asked; nothing was changed."
            )
        given = _ask(f"Passphrase for {path.name}: ", "changed")
    return Unseal(passphrase=given, identities=identities)


def _ask(prompt: str, nothing_was: str) -> str:
    try:
        return getpass.getpass(prompt, stream=sys.stderr)
    except EOFError:
        raise ValueError(f"No passphrase was given; nothing was {nothing_was}.") from None
