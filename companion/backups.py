"""Backups of the whole database, encrypted to age keys, and their restore into a fresh database.

A backup file is an age-encrypted tar of two members: `manifest.json` (format, database engine, when, the
migrations applied, the payload's SHA-256) and `database` (an SQLite online-backup copy, or `pg_dump`'s custom
format). Only the public keys (recipients) are needed to make one; the private key (identity) stays off the
server and is needed to restore. Any `age` tool opens the file: `age -d -i key.txt backup.age | tar -x`.

Every check runs before anything is written, so a file that is damaged, opened with the wrong key, made by
another version or meant for another engine changes nothing; and a restore goes only into an empty database.
`check()` is every check of the file itself (SQLite's integrity check included), so `restore --check` passes
only what a restore would accept; a PostgreSQL archive is read by pg_restore only in the restore itself.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyrage
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST, DATABASE = "manifest.json", "database"
ENGINES = {"django.db.backends.sqlite3": "sqlite", "django.db.backends.postgresql": "postgresql"}
LARGEST_MANIFEST = 1024 * 1024
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do. Nothing was changed."""


@dataclass(frozen=True)
class Manifest:
    format: int
    engine: str
    created: str  # ISO 8601, UTC
    migrations: tuple[tuple[str, str], ...]
    sha256: str

    def as_json(self) -> bytes:
        fields = {**self.__dict__, "migrations": [list(pair) for pair in self.migrations]}
        return json.dumps(fields, indent=1).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        try:
            fields = json.loads(data)
            return cls(
                format=int(fields["format"]),
                engine=str(fields["engine"]),
                created=str(fields["created"]),
                migrations=tuple((str(app), str(name)) for app, name in fields["migrations"]),
                sha256=str(fields["sha256"]),
            )
        except (ValueError, TypeError, KeyError) as error:
            raise BackupError("This is not a Companion backup (its manifest cannot be read).") from error


# --- keys ---


def recipients_from(texts: list[str]) -> list[pyrage.x25519.Recipient]:
    """Public keys ("age1..."), one or more: the backup opens with the private key of any of them."""
    if not texts:
        raise BackupError("No key to encrypt to: give --recipient age1... or set BACKUP_RECIPIENTS.")
    recipients = []
    for text in texts:
        try:
            recipients.append(pyrage.x25519.Recipient.from_str(text.strip()))
        except pyrage.RecipientError as error:
            raise BackupError(f"{text.strip()[:20]!r} is not an age public key (age1...).") from error
    return recipients


def identities_from(path: Path) -> list[pyrage.x25519.Identity]:
    """The private keys in an identity file, as `age-keygen` writes it (comments start with #)."""
    try:
        lines = path.read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise BackupError(f"The key file {path} cannot be read.") from error
    identities = []
    for line in lines:
        if line.strip() and not line.startswith("#"):
            try:
                identities.append(pyrage.x25519.Identity.from_str(line.strip()))
            except pyrage.IdentityError as error:
                raise BackupError(f"The key file {path} holds something that is not an age private key.") from error
    if not identities:
        raise BackupError(f"The key file {path} holds no private key (AGE-SECRET-KEY-...).")
    return identities


# --- backup ---


def engine_of(connection: BaseDatabaseWrapper) -> str:
    engine = ENGINES.get(connection.settings_dict["ENGINE"])
    if engine is None:
        raise BackupError(f"Backups work on SQLite and PostgreSQL, not {connection.settings_dict['ENGINE']}.")
    return engine


def make(
    connection: BaseDatabaseWrapper,
    output: Path,
    recipients: list[pyrage.x25519.Recipient],
    pg_dump: BinaryIO | None = None,
) -> Manifest:
    """Write an encrypted backup of the database to `output` (readable by its owner only) and return its manifest.
    On PostgreSQL, `pg_dump` may be an archive `pg_dump -Fc` already wrote (where pg_dump runs elsewhere, as in
    compose's db container); otherwise pg_dump runs here."""
    engine = engine_of(connection)
    if pg_dump is not None and engine != "postgresql":
        raise BackupError("A pg_dump archive is for a PostgreSQL DATABASE_URL; on SQLite the backup copies the file.")
    with tempfile.TemporaryDirectory(prefix="companion-backup-") as work:
        payload = Path(work) / DATABASE
        if engine == "sqlite":
            _copy_sqlite(connection, payload)
        elif pg_dump is not None:
            with payload.open("wb") as target:
                shutil.copyfileobj(pg_dump, target)
            with payload.open("rb") as written:
                if written.read(5) != PG_DUMP_MAGIC:
                    raise BackupError("That is not a pg_dump archive: make it with pg_dump -Fc (--format=custom).")
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={payload}"], connection)
        manifest = Manifest(
            format=FORMAT,
            engine=engine,
            created=timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            migrations=tuple(sorted(MigrationRecorder(connection).applied_migrations())),
            sha256=_sha256(payload),
        )
        bundle = Path(work) / "bundle.tar"
        with tarfile.open(bundle, "w") as tar:
            info = tarfile.TarInfo(MANIFEST)
            manifest_bytes = manifest.as_json()
            info.size = len(manifest_bytes)
            tar.addfile(info, io.BytesIO(manifest_bytes))
            tar.add(payload, arcname=DATABASE)
        partial = output.with_name(output.name + ".partial")
        partial.touch(mode=0o600)
        pyrage.encrypt_file(str(bundle), str(partial), recipients)
        partial.replace(output)
    return manifest


def _copy_sqlite(connection: BaseDatabaseWrapper, target: Path) -> None:
    """SQLite's online backup: a consistent copy while the site runs (WAL included), unlike copying the file."""
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)


# --- restore ---


def check(path: Path, identities: list[pyrage.x25519.Identity], work: Path) -> tuple[Manifest, Path]:
    """Open and check a backup without touching any database: the manifest, and the database file unpacked in
    `work`. Refuses (BackupError) a file that is damaged, for another key, or made by a newer version."""
    bundle = work / "bundle.tar"
    try:
        pyrage.decrypt_file(str(path), str(bundle), identities)
    except (pyrage.DecryptError, OSError) as error:
        raise BackupError(
            "This backup cannot be opened: the file is damaged, or it was made for another key."
        ) from error
    payload = work / DATABASE
    try:
        with tarfile.open(bundle, "r:") as tar:
            members = {member.name: member for member in tar.getmembers()}
            if set(members) != {MANIFEST, DATABASE} or not all(member.isfile() for member in members.values()):
                raise BackupError("This is not a Companion backup (it holds other files).")
            if members[MANIFEST].size > LARGEST_MANIFEST:
                raise BackupError("This is not a Companion backup (its manifest is too large).")
            manifest = Manifest.from_json(_read_member(tar, members[MANIFEST]))
            with tar.extractfile(members[DATABASE]) as source, payload.open("wb") as target:  # type: ignore[union-attr]
                shutil.copyfileobj(source, target)
    except tarfile.TarError as error:
        raise BackupError("This backup is damaged (its contents cannot be unpacked).") from error
    bundle.unlink()
    if manifest.format != FORMAT:
        raise BackupError(f"This backup is in format {manifest.format}; this version of Companion reads {FORMAT}.")
    if _sha256(payload) != manifest.sha256:
        raise BackupError("This backup is damaged (its database does not match its checksum).")
    if manifest.engine == "sqlite":
        _check_sqlite(payload)
    unknown = sorted(set(manifest.migrations) - set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations))
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"This backup was made by a newer version of Companion (it has migrations this code does not know: "
            f"{names}). Install that version or a later one, then restore."
        )
    return manifest, payload


def restore(
    path: Path,
    identities: list[pyrage.x25519.Identity],
    connection: BaseDatabaseWrapper,
    pg_dump_to: BinaryIO | None = None,
) -> Manifest:
    """Restore a backup into the (empty) database of `connection`. Every check comes first. On PostgreSQL, with
    `pg_dump_to`, the checked archive is written there for pg_restore to run elsewhere (compose's db container)."""
    engine = engine_of(connection)
    with tempfile.TemporaryDirectory(prefix="companion-restore-") as work:
        manifest, payload = check(path, identities, Path(work))
        if manifest.engine != engine:
            raise BackupError(
                f"This backup is of a {manifest.engine} database; DATABASE_URL names a {engine} one. "
                "Restore into the same kind of database."
            )
        if tables := connection.introspection.table_names():
            raise BackupError(
                f"The database named by DATABASE_URL is not empty ({len(tables)} tables). "
                "Restore into a fresh, empty database, never over the one in use."
            )
        if engine == "sqlite":
            _restore_sqlite(payload, connection)
        elif pg_dump_to is not None:
            with payload.open("rb") as archive:
                shutil.copyfileobj(archive, pg_dump_to)
        else:
            _run(["pg_restore", "--list", str(payload)], connection)  # a damaged archive stops here
            _run(
                ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
                + [f"--dbname={connection.settings_dict['NAME']}", str(payload)],
                connection,
            )
    return manifest


def _check_sqlite(payload: Path) -> None:
    """SQLite's own integrity check of the unpacked copy: a checksum made after the damage would not see it."""
    with closing(sqlite3.connect(f"file:{payload}?mode=ro", uri=True)) as source:
        try:
            (result,) = source.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError("This backup is damaged (its database cannot be read).") from error
    if result != "ok":
        raise BackupError("This backup is damaged (its database fails SQLite's integrity check).")


def _restore_sqlite(payload: Path, connection: BaseDatabaseWrapper) -> None:
    """Copy the checked file (check() ran SQLite's integrity check on it) into the empty database."""
    with closing(sqlite3.connect(f"file:{payload}?mode=ro", uri=True)) as source:
        connection.ensure_connection()
        source.backup(connection.connection)


# --- shared ---


def _read_member(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    with tar.extractfile(member) as file:  # type: ignore[union-attr]
        return file.read()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _run(command: list[str], connection: BaseDatabaseWrapper) -> None:
    """A PostgreSQL client tool against this connection's database, the password passed in the environment."""
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} was not found: install PostgreSQL's client tools (Debian: postgresql-client).")
    database = connection.settings_dict
    environment = {
        **os.environ,
        "PGDATABASE": database["NAME"] or "",
        "PGUSER": database["USER"] or "",
        "PGPASSWORD": database["PASSWORD"] or "",
        "PGHOST": database["HOST"] or "",
        "PGPORT": str(database["PORT"] or ""),
    }
    if sslmode := database.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = sslmode
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {_telling_line(result.stderr)}")


def _telling_line(stderr: str, longest: int = 300) -> str:
    """The line of a tool's stderr that says what went wrong: the first naming an error, else the first at all.
    (pg_restore ends with the failed statement's last line, such as `);`, which says nothing.)"""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    line = next((line for line in lines if "error" in line.lower()), lines[0] if lines else "no message")
    return line if len(line) <= longest else line[: longest - 1] + "…"
