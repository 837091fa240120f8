"""Encrypted interchange files on the command line, each command a real process: ``export --encrypt`` takes the
passphrase from $CONSULTANT_APP_EXPORT_PASSPHRASE or asks twice on a terminal, ``--recipient`` and
``--recipients-file`` seal to public keys, and ``import`` opens what it is given; without a terminal and without
the passphrase, or with a wrong one, it is one plain line and nothing changes."""

import os
import pty
import select
import subprocess
import sys
import time

import pyrage
import pytest

from tests.conftest import DATA

PASSPHRASE = "a long walk to the harbour"
ENV = "CONSULTANT_APP_EXPORT_PASSPHRASE"


def run(db, *args, env=None):
    """The command with no terminal on its standard input."""
    full_env = {k: v for k, v in os.environ.items() if k != ENV}
    result = subprocess.run(
        [sys.executable, "-m", "consultant_app", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=dict(full_env, **(env or {})),
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def source(tmp_path):
    db = tmp_path / "source.db"
    assert run(db, "import", str(DATA / "example.json")).returncode == 0
    return db


def test_export_with_a_passphrase_from_the_environment_and_import_it_back(source, tmp_path):
    sealed = tmp_path / "transfer.json.age"
    result = run(source, "export", str(sealed), "--encrypt", env={ENV: PASSPHRASE})
    assert result.returncode == 0, result.stderr
    assert f"to {sealed}, encrypted with a passphrase (everything" in result.stdout
    raw = sealed.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1") and b"Alex Moreno" not in raw and b"relocating" not in raw
    target = tmp_path / "target.db"
    refused = run(target, "import", str(sealed))
    assert refused.returncode == 1
    assert refused.stderr == (
        f"error: {sealed.name} is encrypted with a passphrase: set ${ENV}, or run in a terminal to be asked; "
        "nothing was changed.\n"
    )
    wrong = run(target, "import", str(sealed), env={ENV: "a long walk to the harbor"})
    assert wrong.returncode == 1
    assert wrong.stderr == (
        "error: The file cannot be imported and nothing was changed: wrong passphrase (it does not open this "
        "encrypted file).\n"
    )
    assert run(target, "clients").stdout.startswith("No clients yet")
    opened = run(target, "import", str(sealed), env={ENV: PASSPHRASE})
    assert opened.returncode == 0, opened.stderr
    assert "1 candidate (1 new)" in opened.stdout
    assert "Northwind Robotics" in run(target, "clients").stdout


def test_export_to_recipients_and_import_with_an_identity_file(source, tmp_path):
    ana, ben = pyrage.x25519.Identity.generate(), pyrage.x25519.Identity.generate()
    keys = tmp_path / "firm-keys.txt"
    keys.write_text(f"# Ben's laptop\n{ben.to_public()}\n", encoding="utf-8")
    sealed = tmp_path / "northwind.json.age"
    result = run(
        source,
        "export",
        str(sealed),
        "--client",
        "Northwind Robotics",
        "--internal",
        "--recipient",
        str(ana.to_public()),
        "--recipients-file",
        str(keys),
    )
    assert result.returncode == 0, result.stderr
    assert "encrypted for 2 recipients (everything, identities included" in result.stdout
    target = tmp_path / "target.db"
    asked = run(target, "import", str(sealed))
    assert asked.returncode == 1
    assert asked.stderr == (
        "error: northwind.json.age is encrypted for 2 recipients' public keys: give your identity file "
        "(AGE-SECRET-KEY-1… or an SSH private key) with --identity FILE; nothing was changed.\n"
    )
    stranger = tmp_path / "stranger.key"
    stranger.write_text(f"{pyrage.x25519.Identity.generate()}\n", encoding="utf-8")
    refused = run(target, "import", str(sealed), "--identity", str(stranger))
    assert refused.returncode == 1 and "none of the identities given opens it" in refused.stderr
    ben_key = tmp_path / "ben.key"
    ben_key.write_text(f"# public key: {ben.to_public()}\n{ben}\n", encoding="utf-8")
    opened = run(target, "import", str(sealed), "--identity", str(ben_key))
    assert opened.returncode == 0, opened.stderr
    assert "Northwind Robotics" in run(target, "clients").stdout


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--encrypt"], f"error: --encrypt needs a passphrase: set ${ENV}, or run in a terminal to be asked; "),
        (["--encrypt", "--recipient", "age1x"], "error: --encrypt seals with a passphrase, --recipient and "),
        (["--recipient", "age1notakey"], "error: --recipient 1: not a public key (age1… or ssh-ed25519 …)"),
        (["--recipients-file", "{tmp}/keys.txt"], "error: keys.txt, line 2: not a public key (age1… or ssh-ed25519"),
        (["--recipients-file", "{tmp}/missing.txt"], "error: missing.txt: cannot be read (No such file or directory)"),
    ],
)
def test_export_refuses_plainly_and_writes_nothing(source, tmp_path, extra, message):
    (tmp_path / "keys.txt").write_text(f"{pyrage.x25519.Identity.generate().to_public()}\nnot a key\n")
    out = tmp_path / "out" / "transfer.json.age"
    result = run(source, "export", str(out), *[a.replace("{tmp}", str(tmp_path)) for a in extra])
    assert result.returncode == 1
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_a_short_passphrase_from_the_environment_is_refused(source, tmp_path):
    result = run(source, "export", str(tmp_path / "t.age"), "--encrypt", env={ENV: "short"})
    assert result.returncode == 1 and "at least 8 characters" in result.stderr
    assert not (tmp_path / "t.age").exists()


def on_a_terminal(db, args, answers, timeout=60):
    """Runs the command with a terminal on its standard streams, typing each answer after its prompt appears;
    returns (exit code, everything it printed)."""
    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != ENV}
    process = subprocess.Popen(
        [sys.executable, "-m", "consultant_app", "--db", str(db), *args],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(child)
    seen, pending, deadline = b"", list(answers), time.monotonic() + timeout
    answered = 0  # where the output after the last answer starts: a new prompt must appear there
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(main, 4096)
                except OSError:  # the command ended and closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
            if pending and seen[answered:].rstrip().endswith(b":"):
                os.write(main, pending.pop(0).encode() + b"\n")
                answered = len(seen)
            if process.poll() is not None and not ready:
                break
        return process.wait(timeout=10), seen.decode("utf-8", "replace")
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)


def test_on_a_terminal_export_asks_twice_and_import_asks_once(source, tmp_path):
    sealed = tmp_path / "transfer.json.age"
    code, shown = on_a_terminal(source, ["export", str(sealed), "--encrypt"], [PASSPHRASE, PASSPHRASE + "!"])
    assert code == 1 and "The two passphrases differ; nothing was written." in shown
    assert not sealed.exists()
    code, shown = on_a_terminal(source, ["export", str(sealed), "--encrypt"], [PASSPHRASE, PASSPHRASE])
    assert code == 0, shown
    assert "encrypted with a passphrase" in shown and PASSPHRASE not in shown  # never echoed
    target = tmp_path / "target.db"
    code, shown = on_a_terminal(target, ["import", str(sealed)], [PASSPHRASE])
    assert code == 0, shown
    assert f"Passphrase for {sealed.name}:" in shown and "1 candidate (1 new)" in shown
