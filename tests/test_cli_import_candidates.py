"""``consultant-app import-candidates`` in a fresh process: a list with a problem prints it with its row and column
and writes nothing (exit 1), as a --map naming no column of the file does in one plain line; the fixed list imports
with --skip-duplicates and --map naming a column the guess missed, and says what it did. The checks come in one
order: the file (and --map's columns in it) before the client, so the first line names the first thing to fix."""

from consultant_app.cli import main
from consultant_app.domain.model import Candidate, Client
from consultant_app.store import Store
from tests.test_cli import run

HEADER = "Candidate ID;First Name;Last Name;Email;Job;Req date"


def test_import_candidates_prints_problems_by_row_and_column_then_imports(tmp_path):
    db = tmp_path / "w.db"
    with Store.open(db) as store:
        client = store.clients.save(Client("Northwind Robotics"))
        store.candidates.save(Candidate(client.id, "Ann Lee", email="ann@example.com"))
    rows = ["7;Jürgen;Müller;jm@example.com;Engineer;03/04/2026", "8;Ann;Lee;ann@example.com;Engineer;"]
    bad = tmp_path / "bad.csv"
    bad.write_bytes("\n".join([HEADER, *rows, "9;Bo;Li;bo@example;Engineer;"]).encode("cp1252"))
    refused = run(db, "import-candidates", str(bad), "--client", "northwind robotics", "--preset", "Greenhouse")
    assert refused.returncode == 1
    assert "  Problem: Row 4, column 'Email': 'bo@example' is not an e-mail address" in refused.stdout
    assert "  Duplicate: Row 3, Ann Lee: the client already has a candidate with this e-mail" in refused.stdout
    assert refused.stdout.splitlines()[-1].startswith("Nothing was imported:")
    assert "  Dates: 03/04/2026 is read day first, as 2026-04-03 (Req date)" not in refused.stdout  # not mapped
    wrong = run(db, "import-candidates", str(bad), "--client", "Northwind Robotics", "--map", "phone=Mobile")
    assert (wrong.returncode, wrong.stderr) == (
        1,
        "error: --map phone=Mobile: the file has no column 'Mobile'. Nothing was imported.\n",
    )
    with Store.open(db) as store:
        assert [c.full_name for c in store.candidates.for_client(client.id)] == ["Ann Lee"]

    good = tmp_path / "good.csv"
    good.write_bytes("\n".join([HEADER, *rows]).encode("cp1252"))
    done = run(db, "import-candidates", str(good), "--client", "Northwind Robotics", "--skip-duplicates",
               "--map", "offer_date=Req date")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "  Dates: 03/04/2026 is read day first, as 2026-04-03 (Req date)" in done.stdout
    assert done.stdout.splitlines()[-1] == "Imported 1 candidate and 1 new role; 1 duplicate skipped."
    with Store.open(db) as store:
        [jurgen] = [c for c in store.candidates.for_client(client.id) if c.external_id]
        assert (jurgen.full_name, jurgen.external_id, jurgen.offer_date) == ("Jürgen Müller", "7", "2026-04-03")


def test_the_file_is_checked_before_the_client(tmp_path, capsys):
    db = tmp_path / "w.db"
    with Store.open(db) as store:
        store.clients.save(Client("Northwind Robotics"))
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "\n7;Ann;Lee;ann@example.com;Engineer;\n", encoding="utf-8")
    wrong_client = ("--client", "Nobody")
    for args, said in (
        ((str(tmp_path / "missing.csv"), *wrong_client), f"{tmp_path / 'missing.csv'} is not a file."),
        ((str(good), *wrong_client, "--map", "phone=Mobile"), "--map phone=Mobile: the file has no column 'Mobile'"),
        ((str(good), *wrong_client), "No client called 'Nobody'."),
    ):
        assert main(["--db", str(db), "import-candidates", *args]) == 1
        assert said in capsys.readouterr().err
