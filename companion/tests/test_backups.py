"""manage.py backup and restore: a backup restores into a fresh database and people sign in to their own records;
a damaged file, the wrong key, a backup from a newer version or a database in use is refused and changes nothing.

The backup is made here from the test database; each restore and sign-in runs in its own process against a new,
empty database of the same engine (SQLite or PostgreSQL), as an operator would run them."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pyrage
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from companion import backups
from conftest import PASSPHRASE
from conversations.models import Idea
from tests.test_stolen_database import pair_up, sign_up

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def key(tmp_path):
    """An age key pair, as age-keygen makes one: the identity file and its public key."""
    identity = pyrage.x25519.Identity.generate()
    path = tmp_path / "backup.key"
    path.write_text(f"# public key: {identity.to_public()}\n{identity}\n")
    return path, str(identity.to_public())


@pytest.fixture
def couple_with_a_shared_yes(content_again_afterwards, transactional_db):
    """Ana and Ben, paired, both saying yes to the first idea: committed, so another process can read the copy."""
    ana, ben = sign_up("ana", PASSPHRASE), sign_up("ben", PASSPHRASE)
    pair_up(ana, ben)
    idea = Idea.objects.current().filter(two_sided=False).in_order().first()
    for client in (ana, ben):
        assert client.post("/marks/", {"idea": idea.slug, "choice": "y", "side": "e"}).status_code == 302
    return idea


def backup_to(path, public_key):
    call_command("backup", output=str(path), recipient=[public_key])
    return path


def manage(database_url, *arguments):
    environment = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "companion.test_settings"}
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


SIGN_IN_AND_READ = f"""
import json
from django.test import Client
from django.test.utils import setup_test_environment
from conversations.private_marks import MarkBook
from partners.models import User
setup_test_environment()
found = {{}}
for username in ("ana", "ben"):
    client = Client()
    signed_in = client.post("/account/sign-in/", {{"username": username, "password": {PASSPHRASE!r}}})
    user = User.objects.get(username=username)
    answers = MarkBook(user, user.unlock({PASSPHRASE!r})).all()
    found[username] = {{
        "sign_in": signed_in.status_code,
        "to": signed_in.get("Location"),
        "home": client.get("/account/").status_code,
        "answers": sorted(str(answer) for answer in answers.values()),
    }}
print(json.dumps(found))
"""


def tables_in(database_url):
    found = manage(
        database_url,
        "shell",
        "-v",
        "0",
        "-c",
        "from django.db import connection as c; print(len(c.introspection.table_names()))",
    )
    assert found.returncode == 0, found.stderr
    return int(found.stdout.strip().splitlines()[-1])


def test_a_backup_restores_into_a_fresh_database_and_both_partners_sign_in_to_their_own_answers(
    couple_with_a_shared_yes, key, tmp_path, fresh_database_url
):
    identity, public_key = key
    backup = backup_to(tmp_path / "site.backup.age", public_key)
    assert oct(backup.stat().st_mode & 0o777) == "0o600"

    restored = manage(fresh_database_url, "restore", str(backup), "--identity", str(identity))
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout

    after = manage(fresh_database_url, "shell", "-v", "0", "-c", SIGN_IN_AND_READ)
    assert after.returncode == 0, after.stderr
    found = json.loads(after.stdout.strip().splitlines()[-1])
    for username in ("ana", "ben"):
        assert found[username]["sign_in"] == 302 and "sign-in" not in found[username]["to"], found
        assert found[username]["home"] == 200
        assert len(found[username]["answers"]) == 1, "the sealed answer opens with the passphrase after the restore"


def test_the_file_holds_nothing_readable_without_the_key(couple_with_a_shared_yes, key, tmp_path):
    _, public_key = key
    raw = backup_to(tmp_path / "site.backup.age", public_key).read_bytes()
    assert raw.startswith(b"age-encryption.org/v1")
    for readable in (b"ana", b"ben", b"SQLite format", b"PGDMP", b"partners_user", b"manifest"):
        assert readable not in raw


def refused(database_url, backup, identity, expected):
    result = manage(database_url, "restore", str(backup), "--identity", str(identity))
    assert result.returncode != 0
    assert expected in result.stderr and "Nothing was changed." in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_damaged_backup_is_refused_and_the_fresh_database_stays_empty(
    couple_with_a_shared_yes, key, tmp_path, fresh_database_url
):
    identity, public_key = key
    backup = backup_to(tmp_path / "site.backup.age", public_key)
    damaged = tmp_path / "damaged.backup.age"
    raw = bytearray(backup.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    damaged.write_bytes(bytes(raw))
    truncated = tmp_path / "truncated.backup.age"
    truncated.write_bytes(backup.read_bytes()[: len(raw) // 3])

    refused(fresh_database_url, damaged, identity, "damaged")
    refused(fresh_database_url, truncated, identity, "damaged")
    assert tables_in(fresh_database_url) == 0


def test_the_wrong_key_is_refused(couple_with_a_shared_yes, key, tmp_path, fresh_database_url):
    _, public_key = key
    backup = backup_to(tmp_path / "site.backup.age", public_key)
    other = tmp_path / "other.key"
    other.write_text(f"{pyrage.x25519.Identity.generate()}\n")
    refused(fresh_database_url, backup, other, "made for another key")
    assert tables_in(fresh_database_url) == 0


def rewrapped(backup, identity, public_key, change_manifest, output, change_database=None):
    """The same backup with its manifest changed, encrypted again: what a newer version of Companion would write.
    With `change_database`, its database is changed too, and the checksum made to match."""
    work = output.parent / "rewrap"
    work.mkdir()
    manifest, payload = backups.check(backup, backups.identities_from(identity), work)
    fields = json.loads(manifest.as_json())
    change_manifest(fields)
    if change_database:
        change_database(payload)
        fields["sha256"] = backups._sha256(payload)
    (work / "manifest.json").write_text(json.dumps(fields))
    with tarfile.open(work / "bundle.tar", "w") as tar:
        tar.add(work / "manifest.json", arcname="manifest.json")
        tar.add(payload, arcname="database")
    pyrage.encrypt_file(str(work / "bundle.tar"), str(output), [pyrage.x25519.Recipient.from_str(public_key)])
    return output


def test_a_backup_from_a_newer_version_is_refused(couple_with_a_shared_yes, key, tmp_path, fresh_database_url):
    identity, public_key = key
    backup = backup_to(tmp_path / "site.backup.age", public_key)

    def from_the_future(fields):
        fields["migrations"].append(["partners", "9999_from_a_later_version"])

    def another_format(fields):
        fields["format"] = 2

    newer = rewrapped(backup, identity, public_key, from_the_future, tmp_path / "newer.backup.age")
    refused(fresh_database_url, newer, identity, "partners.9999_from_a_later_version")
    (tmp_path / "rewrap").rename(tmp_path / "rewrap-1")
    other = rewrapped(backup, identity, public_key, another_format, tmp_path / "format2.backup.age")
    refused(fresh_database_url, other, identity, "format 2")
    assert tables_in(fresh_database_url) == 0


def _damage_the_pages(payload):
    """Garbage over every page but the first, which holds the header and the schema: SQLite still opens it."""
    raw = bytearray(payload.read_bytes())
    page_size = int.from_bytes(raw[16:18], "big")
    raw[page_size:] = b"\x5a" * (len(raw) - page_size)
    payload.write_bytes(bytes(raw))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's integrity check")
def test_check_refuses_damaged_pages_behind_a_matching_checksum(
    couple_with_a_shared_yes, key, tmp_path, fresh_database_url
):
    identity, public_key = key
    backup = backup_to(tmp_path / "site.backup.age", public_key)
    damaged = rewrapped(
        backup, identity, public_key, lambda fields: None, tmp_path / "pages.backup.age", _damage_the_pages
    )
    with pytest.raises(CommandError, match=r"This backup is damaged \(its database (fails|cannot be read)"):
        call_command("restore", str(damaged), identity=str(identity), check=True)
    refused(fresh_database_url, damaged, identity, "This backup is damaged (its database")
    assert tables_in(fresh_database_url) == 0


def test_check_leaves_no_database_file_behind(couple_with_a_shared_yes, key, tmp_path):
    """--check reads no database: not even the empty file SQLite would make at DATABASE_URL."""
    identity, public_key = key
    backup = backup_to(tmp_path / "site.backup.age", public_key)
    missing = tmp_path / "not-made.sqlite3"
    checked = manage(f"sqlite:///{missing}", "restore", str(backup), "--identity", str(identity), "--check")
    assert checked.returncode == 0, checked.stderr
    assert "opens and checks out" in checked.stdout
    assert not missing.exists()


def test_a_restore_never_writes_over_a_database_in_use(couple_with_a_shared_yes, key, tmp_path):
    identity, public_key = key
    backup = backup_to(tmp_path / "site.backup.age", public_key)
    sign_up("cal", PASSPHRASE)  # made after the backup: an overwrite would lose it
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup), identity=str(identity))
    assert connection.introspection.table_names()
    from partners.models import User

    assert User.objects.filter(username="cal").exists()


def test_check_opens_the_file_and_touches_no_database(couple_with_a_shared_yes, key, tmp_path, capsys):
    identity, public_key = key
    backup = backup_to(tmp_path / "site.backup.age", public_key)
    call_command("restore", str(backup), identity=str(identity), check=True)
    assert "opens and checks out" in capsys.readouterr().out


def test_a_backup_needs_a_public_key_and_says_where_to_give_one(db, tmp_path, settings):
    settings.BACKUP_RECIPIENTS = []
    with pytest.raises(CommandError, match="BACKUP_RECIPIENTS"):
        call_command("backup", output=str(tmp_path / "x.age"))
    with pytest.raises(CommandError, match="not an age public key"):
        call_command("backup", output=str(tmp_path / "x.age"), recipient=["age1nonsense"])
    assert not (tmp_path / "x.age").exists()


def test_a_backup_never_overwrites_a_file(db, key, tmp_path):
    _, public_key = key
    existing = tmp_path / "x.age"
    existing.write_text("keep me")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=str(existing), recipient=[public_key])
    assert existing.read_text() == "keep me"


def test_a_key_file_without_a_private_key_is_refused(db, key, tmp_path):
    _, public_key = key
    backup = tmp_path / "site.backup.age"
    backup.write_bytes(b"whatever")
    empty = tmp_path / "empty.key"
    empty.write_text("# nothing here\n")
    with pytest.raises(CommandError, match="holds no private key"):
        call_command("restore", str(backup), identity=str(empty))
    with pytest.raises(CommandError, match="There is no file"):
        call_command("restore", str(tmp_path / "missing.age"), identity=str(empty))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump archives are PostgreSQL's")
def test_with_pg_dump_run_elsewhere_the_backup_and_restore_pass_archives_through(
    couple_with_a_shared_yes, key, tmp_path, fresh_database_url
):
    """As in compose, where pg_dump and pg_restore are in the db container and the app's image has neither."""
    identity, public_key = key
    dump = tmp_path / "made-elsewhere.dump"
    backups._run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}"], connection)
    backup = tmp_path / "site.backup.age"
    call_command("backup", output=str(backup), recipient=[public_key], from_pg_dump=str(dump))

    archive = tmp_path / "checked.dump"
    written = manage(
        fresh_database_url, "restore", str(backup), "--identity", str(identity), "--to-pg-dump", str(archive)
    )
    assert written.returncode == 0, written.stderr
    assert archive.read_bytes() == dump.read_bytes()
    assert tables_in(fresh_database_url) == 0, "the checks alone write nothing"

    not_a_dump = tmp_path / "not-a-dump"
    not_a_dump.write_bytes(b"SQLite format 3\0")
    with pytest.raises(CommandError, match="not a pg_dump archive"):
        call_command("backup", output=str(tmp_path / "x.age"), recipient=[public_key], from_pg_dump=str(not_a_dump))


def test_a_failed_tool_is_reported_by_its_error_line_not_its_last(db):
    complaint = "pg_restore: error: could not execute query: ERROR: permission denied for schema public"
    command = ["sh", "-c", f'echo "{complaint}" >&2; echo "Command was: CREATE TABLE x (" >&2; echo ");" >&2; exit 1']
    with pytest.raises(backups.BackupError) as failed:
        backups._run(command, connection)
    assert str(failed.value) == f"sh failed: {complaint}"


def test_a_failed_tool_without_an_error_line_is_reported_by_its_first_line_cut_short(db):
    command = ["sh", "-c", f'echo >&2; echo "could not connect {"x" * 400}" >&2; echo "second" >&2; exit 1']
    with pytest.raises(backups.BackupError) as failed:
        backups._run(command, connection)
    message = str(failed.value)
    assert message.startswith("sh failed: could not connect xxx") and message.endswith("…")
    assert len(message) == len("sh failed: ") + 300
    with pytest.raises(backups.BackupError, match="^sh failed: no message$"):
        backups._run(["sh", "-c", "exit 3"], connection)
