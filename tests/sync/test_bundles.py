"""Change bundles in a sync folder, treated as a replication engine treats them: delivered late, out of order,
twice, half-copied or damaged, sealed for some consultants and not others. A replica writes only into its own
subfolder and never rewrites a bundle; a reader takes each other replica's bundles in order, each whole, holds
back at the first that is missing or cut short until it arrives whole, and passes over for good a bundle sealed
for other people or one that is whole but unreadable (saying so)."""

import gzip
import json

import pyrage
import pytest

from consultant_app.sync.bundles import (
    Bundle,
    Seal,
    Unseal,
    key_hint,
    new_bundles,
    new_replica_id,
    replicas,
    write_bundle,
)

ALICE, BOB, CAROL = (new_replica_id() for _ in range(3))


def change(n: int, text: str = "the offer came late") -> dict:
    return {"op_id": f"op{n}", "entity": f"notes/n{n}", "field": "text", "value": f"{text} ({n})"}


def read(folder, me=CAROL, up_to=None, unseal=None) -> list[Bundle]:
    return list(new_bundles(folder, me, dict(up_to or {}), unseal))


def test_each_replica_reads_the_others_bundles_in_order_and_never_its_own(tmp_path):
    write_bundle(tmp_path, ALICE, 1, [change(1), change(2)])
    write_bundle(tmp_path, ALICE, 2, [change(3, "Zoë in São Paulo — “ok”")])
    write_bundle(tmp_path, BOB, 1, [change(4)])
    got = read(tmp_path, me=ALICE)
    assert [(b.replica, b.number, [c["op_id"] for c in b.changes]) for b in got] == [(BOB, 1, ["op4"])]
    got = read(tmp_path, me=CAROL, up_to={ALICE: 1})
    assert [(b.replica, b.number) for b in got] == sorted([(ALICE, 2), (BOB, 1)])
    assert got[[b.replica for b in got].index(ALICE)].changes == [change(3, "Zoë in São Paulo — “ok”")]
    assert sorted(replicas(tmp_path)) == sorted([ALICE, BOB])


def test_a_replica_writes_only_its_own_subfolder_and_never_rewrites_a_bundle(tmp_path):
    write_bundle(tmp_path, BOB, 1, [change(9)])
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    made = write_bundle(tmp_path, ALICE, 1, [change(1)])
    assert made.parent == tmp_path / ALICE and made.name == "0000000001.bundle"
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and ALICE not in p.parts} == before
    with pytest.raises(FileExistsError):
        write_bundle(tmp_path, ALICE, 1, [change(2)])
    assert {b.replica: b.changes for b in read(tmp_path)}[ALICE] == [change(1)]
    assert list((tmp_path / ALICE).iterdir()) == [made]  # no temporary file left behind
    with pytest.raises(ValueError):
        write_bundle(tmp_path, "../" + BOB, 2, [change(3)])


def test_a_half_copied_bundle_holds_back_that_replica_until_it_is_whole(tmp_path):
    whole = write_bundle(tmp_path, ALICE, 1, [change(n) for n in range(200)])
    write_bundle(tmp_path, ALICE, 2, [change(500)])
    data = whole.read_bytes()
    for cut in (5, len(data) // 3, len(data) - 1):  # the header, the body, the last byte
        whole.write_bytes(data[:cut])
        assert read(tmp_path) == []  # bundle 2 waits for bundle 1
    whole.write_bytes(data)
    assert [(b.number, len(b.changes)) for b in read(tmp_path)] == [(1, 200), (2, 1)]


def test_a_missing_bundle_holds_back_the_later_ones(tmp_path):
    write_bundle(tmp_path, ALICE, 1, [change(1)])
    write_bundle(tmp_path, ALICE, 3, [change(3)])  # bundle 2 not synced yet
    assert [b.number for b in read(tmp_path)] == [1]
    write_bundle(tmp_path, ALICE, 2, [change(2)])
    assert [b.number for b in read(tmp_path, up_to={ALICE: 1})] == [2, 3]


def test_a_body_changed_after_writing_does_not_match_its_checksum_and_is_not_read(tmp_path):
    path = write_bundle(tmp_path, ALICE, 1, [change(1)])
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    assert read(tmp_path) == []


def test_a_bundle_copied_under_another_number_or_replica_is_not_read_as_that_one(tmp_path):
    first = write_bundle(tmp_path, ALICE, 1, [change(1)])
    (tmp_path / ALICE / "0000000002.bundle").write_bytes(first.read_bytes())
    (tmp_path / BOB).mkdir()
    (tmp_path / BOB / "0000000001.bundle").write_bytes(first.read_bytes())
    assert [(b.replica, b.number) for b in read(tmp_path)] == [(ALICE, 1)]


def test_a_whole_bundle_that_cannot_be_read_is_passed_over_saying_so(tmp_path):
    path = write_bundle(tmp_path, ALICE, 1, [change(1)])
    write_bundle(tmp_path, ALICE, 2, [change(2)])
    body = b"not gzip at all"
    header = json.loads(path.read_bytes().split(b"\n")[1])
    header["sha256"] = __import__("hashlib").sha256(body).hexdigest()
    path.write_bytes(b"DEBRIEF-BUNDLE 1\n" + json.dumps(header).encode() + b"\n" + body)
    first, second = read(tmp_path)
    assert first.changes == [] and "bundle 1 of replica" in first.problem and "cannot be read" in first.problem
    assert second.changes == [change(2)] and second.problem is None


def test_sealed_bundles_open_only_for_their_recipients_and_are_passed_over_by_others(tmp_path):
    lead, consultant, outsider = (pyrage.x25519.Identity.generate() for _ in range(3))
    seal = Seal([lead.to_public(), consultant.to_public()])
    path = write_bundle(tmp_path, ALICE, 1, [change(1, "Jürgen said the salary was low")], seal=seal)
    write_bundle(tmp_path, ALICE, 2, [change(2)])
    header, body = path.read_bytes().split(b"\n", 2)[1:]
    assert json.loads(header)["sealed"] and body.startswith(b"age-encryption.org/v1\n")
    hints = json.loads(header)["to"]  # a reader tries only the keys named, by a short fingerprint, not the key
    assert sorted(hints) == sorted(key_hint(str(k.to_public())) for k in (lead, consultant))
    assert str(lead.to_public()).encode() not in path.read_bytes()
    with pytest.raises(OSError):
        gzip.decompress(body)  # not the plain changes: only a recipient's key opens them
    for key in (lead, consultant):
        assert read(tmp_path, unseal=Unseal([key]))[0].changes == [change(1, "Jürgen said the salary was low")]
    passed = read(tmp_path, unseal=Unseal([outsider]))
    assert [(b.number, b.changes, b.problem) for b in passed] == [(1, [], None), (2, [change(2)], None)]
    assert [(b.number, b.changes) for b in read(tmp_path)] == [(1, []), (2, [change(2)])]  # no keys at all


def test_stray_files_and_folders_in_the_sync_folder_are_ignored(tmp_path):
    write_bundle(tmp_path, ALICE, 1, [change(1)])
    (tmp_path / "desktop.ini").write_text("[.ShellClassInfo]")
    (tmp_path / "Conflicted copy").mkdir()
    (tmp_path / ALICE / "0000000001 (conflicted copy).bundle").write_bytes(b"junk")
    (tmp_path / ALICE / ".0000000002.bundle.partial").write_bytes(b"DEBRIEF-BUNDLE 1\n{")
    assert replicas(tmp_path) == [ALICE] and [b.number for b in read(tmp_path)] == [1]
    assert read(tmp_path / "not there") == []
