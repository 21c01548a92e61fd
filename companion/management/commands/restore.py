import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from companion import backups


class Command(BaseCommand):
    help = (
        "Restore a backup made by manage.py backup into the database DATABASE_URL names, which must be empty. "
        "With --check, only open and check the file. A damaged file, the wrong key, a backup made by a newer "
        "version or a database that is not empty stops it before anything is written."
    )
    # Django's system checks open the database, and SQLite makes an empty file where DATABASE_URL points:
    # --check must touch no database, and a restore needs none of them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="the .backup.age file")
        parser.add_argument("--identity", type=Path, required=True, help="the age private key file (age-keygen's)")
        parser.add_argument("--check", action="store_true", help="check the file and change nothing")
        parser.add_argument(
            "--to-pg-dump",
            metavar="FILE",
            help="PostgreSQL: after every check, write the pg_dump archive here ('-' for standard output) for "
            "pg_restore to run elsewhere, instead of running pg_restore here",
        )

    def handle(self, *args, backup, identity, check, to_pg_dump, **options):
        backup, identity = Path(backup), Path(identity)
        if not backup.is_file():
            raise CommandError(f"There is no file {backup}.")
        try:
            identities = backups.identities_from(identity)
            if check:
                with tempfile.TemporaryDirectory(prefix="companion-check-") as work:
                    manifest, _ = backups.check(backup, identities, Path(work))
            elif to_pg_dump == "-":
                manifest = backups.restore(backup, identities, connection, pg_dump_to=sys.stdout.buffer)
                sys.stdout.flush()
            elif to_pg_dump:
                with open(to_pg_dump, "xb") as archive:
                    manifest = backups.restore(backup, identities, connection, pg_dump_to=archive)
            else:
                manifest = backups.restore(backup, identities, connection)
        except FileExistsError as error:
            raise CommandError(f"{to_pg_dump} exists already: choose another file.") from error
        except backups.BackupError as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        summary = f"{manifest.engine} backup taken {manifest.created}, {len(manifest.migrations)} migrations"
        if check:
            self.stdout.write(f"{backup}: opens and checks out ({summary}). Nothing was changed.")
        elif to_pg_dump:
            self.stderr.write(
                f"Checked {summary}; the archive is for pg_restore --single-transaction --exit-on-error --no-owner --no-privileges."
            )
        else:
            self.stdout.write(
                f"Restored {summary}. Next: run prepare (migrate, load_content), set a new SECRET_KEY, "
                "and tell people what the backup's time means for them (docs/operations.md, section 5)."
            )
