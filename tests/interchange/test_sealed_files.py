"""Encrypted interchange files (the age format): an export sealed with a passphrase or to recipients' public keys
holds no readable word of the workspace, imports back whole with the passphrase or an identity, and a wrong key,
a damaged file or a recipients file that is not keys is one plain reason that changes nothing."""

import shutil
import subprocess

import pyrage
import pytest

from consultant_app.demo import build_demo_document
from consultant_app.interchange import (
    InterchangeError,
    Seal,
    Unseal,
    export_document,
    export_file,
    import_document,
    import_file,
)
from consultant_app.interchange.sealing import (
    DamagedSealedFile,
    KeyNeeded,
    WrongKey,
    inspect,
    parse_recipients,
    read_identities,
    recipient_key,
)
from consultant_app.store import Store

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def filled(store):
    import_document(store, build_demo_document(clients=2, interviews=40, seed=4))
    return store


def words_of(doc) -> set[str]:
    """Every text value of a document (names, e-mails, notes, summaries) at least four characters long."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and len(value) >= 4:
            found.add(value)

    walk(doc)
    return found


def identity_file(tmp_path, *identities, name="me.key"):
    path = tmp_path / name
    lines = ["# created: 2026-11-03T10:00:00Z"]
    for identity in identities:
        lines += [f"# public key: {identity.to_public()}", str(identity)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ana_key():
    return pyrage.x25519.Identity.generate()


def test_a_passphrase_sealed_export_hides_every_word_and_imports_back_whole(filled, tmp_path):
    target = tmp_path / "out" / "transfer.json.age"
    counts = export_file(filled, target, seal=Seal.with_passphrase(PASSPHRASE))
    raw = target.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1\n")
    document = export_document(filled)
    words = words_of(document)
    assert len(words) > 200
    assert [w for w in words if w.encode("utf-8") in raw] == []
    assert list(target.parent.iterdir()) == [target]  # no plain copy, no leftover beside it
    assert counts["interviews"] == 40
    entry = filled.audit.entries()[0]
    assert (entry.action, entry.detail["encrypted"]) == ("export-interchange", "with a passphrase")
    with Store.open(tmp_path / "fresh.db") as fresh:
        import_file(fresh, target, Unseal(passphrase=PASSPHRASE))
        assert export_document(fresh) == document


def test_a_file_sealed_to_recipients_opens_with_any_of_their_identities(filled, tmp_path):
    ana, ben, stranger = (pyrage.x25519.Identity.generate() for _ in range(3))
    recipients = tmp_path / "recipients.txt"
    recipients.write_text(f"# the firm's laptops\n{ana.to_public()}\n\n{ben.to_public()}  \n", encoding="utf-8")
    seal = Seal.to_recipients(parse_recipients(recipients.read_text(), "recipients.txt"))
    assert seal.describe() == "encrypted for 2 recipients"
    target = tmp_path / "transfer.json.age"
    export_file(filled, target, seal=seal)
    raw = target.read_bytes()
    assert [w for w in words_of(export_document(filled)) if w.encode("utf-8") in raw] == []
    info = inspect(raw)
    assert (info.with_passphrase, info.recipients) == (False, 2)
    for who in (ana, ben):
        with Store.open(tmp_path / f"{who.to_public()}.db") as fresh:
            import_file(fresh, target, Unseal(identities=read_identities(identity_file(tmp_path, who))))
            assert export_document(fresh) == export_document(filled)
    with Store.open(tmp_path / "stranger.db") as fresh:
        with pytest.raises(WrongKey, match="none of the identities given opens it"):
            import_file(fresh, target, Unseal(identities=read_identities(identity_file(tmp_path, stranger))))
        assert fresh.is_empty()


def test_a_wrong_passphrase_is_one_plain_line_and_changes_nothing(filled, tmp_path, example_doc):
    target = tmp_path / "transfer.json.age"
    export_file(filled, target, seal=Seal.with_passphrase(PASSPHRASE))
    with Store.open(tmp_path / "other.db") as other:
        import_document(other, example_doc)
        before, entries = export_document(other), len(other.audit.entries())
        with pytest.raises(WrongKey) as caught:
            import_file(other, target, Unseal(passphrase="correct horse battery stapler"))
        assert str(caught.value) == (
            "The file cannot be imported and nothing was changed: wrong passphrase (it does not open this encrypted "
            "file)."
        )
        assert "\n" not in str(caught.value)
        with pytest.raises(KeyNeeded, match="encrypted with a passphrase"):
            import_file(other, target)
        with pytest.raises(KeyNeeded, match="with a passphrase, not for a public key"):
            import_file(other, target, Unseal(identities=read_identities(identity_file(tmp_path, ana_key()))))
        assert export_document(other) == before and len(other.audit.entries()) == entries


def test_a_file_for_recipients_asks_for_an_identity_not_a_passphrase(filled, tmp_path):
    target = tmp_path / "transfer.json.age"
    export_file(filled, target, seal=Seal.to_recipients([str(ana_key().to_public())]))
    with Store.open(tmp_path / "fresh.db") as fresh:
        with pytest.raises(KeyNeeded, match="encrypted for 1 recipient's public key; give your identity file"):
            import_file(fresh, target)
        with pytest.raises(KeyNeeded, match="for recipients' public keys, not with a passphrase"):
            import_file(fresh, target, Unseal(passphrase=PASSPHRASE))


@pytest.mark.parametrize("seal", ["passphrase", "recipient"])
def test_a_truncated_or_changed_sealed_file_is_refused_plainly(filled, tmp_path, seal):
    identity = ana_key()
    how = Seal.with_passphrase(PASSPHRASE) if seal == "passphrase" else Seal.to_recipients([str(identity.to_public())])
    key = Unseal(passphrase=PASSPHRASE) if seal == "passphrase" else Unseal(identities=(identity,))
    target = tmp_path / "transfer.json.age"
    export_file(filled, target, seal=how)
    whole = target.read_bytes()
    header_end = whole.index(b"\n---")
    flipped = bytearray(whole)
    flipped[-200] ^= 1
    damaged = [whole[: header_end - 10], whole[: header_end + 20], whole[: len(whole) // 2], whole[:-1]]
    damaged.append(bytes(flipped))
    with Store.open(tmp_path / "fresh.db") as fresh:
        for broken in damaged:
            target.write_bytes(broken)
            with pytest.raises(DamagedSealedFile) as caught:
                import_file(fresh, target, key)
            assert "the encrypted file is damaged or incomplete" in str(caught.value)
            assert "\n" not in str(caught.value)
        assert fresh.is_empty()


def test_an_armored_file_as_age_writes_it_imports(filled, tmp_path):
    identity = ana_key()
    export_file(filled, tmp_path / "plain.json")
    armored = pyrage.encrypt((tmp_path / "plain.json").read_bytes(), [identity.to_public()], armored=True)
    assert armored.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    assert inspect(b"\n  " + armored).recipients == 1
    (tmp_path / "armored.age").write_bytes(armored)
    with Store.open(tmp_path / "fresh.db") as fresh:
        import_file(fresh, tmp_path / "armored.age", Unseal(identities=(identity,)))
        assert export_document(fresh) == export_document(filled)


def test_plain_files_are_not_sealed_and_a_broken_header_is_damage():
    assert inspect(b'{"format": "debrief-interchange"}') is None
    assert inspect(b"") is None
    with pytest.raises(DamagedSealedFile):
        inspect(b"age-encryption.org/v1\n-> scrypt c2FsdA 18\n")
    with pytest.raises(DamagedSealedFile):
        inspect(b"-----BEGIN AGE ENCRYPTED FILE-----\n!!!not base64!!!\n-----END AGE ENCRYPTED FILE-----\n")


def test_a_recipients_file_that_is_not_keys_names_the_line():
    good = str(ana_key().to_public())
    with pytest.raises(ValueError, match=r"^keys.txt, line 3: not a public key \(age1… or ssh-ed25519 …\)"):
        parse_recipients(f"# ours\n{good}\nhello there\n", "keys.txt")
    with pytest.raises(ValueError, match="keys.txt, line 1: a secret key .*not a public key") as caught:
        parse_recipients(f"{ana_key()}\n", "keys.txt")
    assert "AGE-SECRET-KEY-1" not in str(caught.value)  # a secret pasted by mistake is not printed back
    with pytest.raises(ValueError, match="keys.txt holds no public key"):
        parse_recipients("# nothing here\n\n", "keys.txt")
    with pytest.raises(ValueError, match="--recipient 2: not a public key"):
        recipient_key("age1notakey", "--recipient 2")
    assert parse_recipients(f"{good}\n{good}\n", "keys.txt") == (good,)  # the same key twice is one recipient


def test_an_identity_file_that_is_not_secret_keys_is_refused_plainly(tmp_path):
    public = tmp_path / "public.txt"
    public.write_text(f"{ana_key().to_public()}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="public.txt, line 1: a public key; an identity file holds secret keys"):
        read_identities(public)
    with pytest.raises(ValueError, match="missing.key: cannot be read"):
        read_identities(tmp_path / "missing.key")
    empty = tmp_path / "empty.key"
    empty.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ValueError, match="empty.key holds no secret key"):
        read_identities(empty)


def test_a_passphrase_too_short_to_protect_anything_is_refused():
    for weak in ("", "short", "       "):
        with pytest.raises(ValueError, match="at least 8 characters"):
            Seal.with_passphrase(weak)
    assert Seal.with_passphrase(PASSPHRASE).describe() == "encrypted with a passphrase"
    assert PASSPHRASE not in repr(Seal.with_passphrase(PASSPHRASE))
    assert PASSPHRASE not in repr(Unseal(passphrase=PASSPHRASE))


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen to make an SSH key")
def test_ssh_keys_are_recipients_and_identities_too(filled, tmp_path):
    key = tmp_path / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ana@firm", "-f", str(key)], check=True)
    seal = Seal.to_recipients(parse_recipients(key.with_suffix(".pub").read_text(), "id_ed25519.pub"))
    target = tmp_path / "transfer.json.age"
    export_file(filled, target, seal=seal)
    with Store.open(tmp_path / "fresh.db") as fresh:
        import_file(fresh, target, Unseal(identities=read_identities(key)))
        assert export_document(fresh) == export_document(filled)
    protected = tmp_path / "protected"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "s3cret-words", "-f", str(protected)], check=True)
    with pytest.raises(ValueError, match="protected: a passphrase-protected SSH key"):
        read_identities(protected)


def test_sealing_errors_are_interchange_errors_for_the_command_line():
    assert issubclass(WrongKey, InterchangeError) and issubclass(DamagedSealedFile, InterchangeError)
