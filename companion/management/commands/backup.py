import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from companion import backups


class Command(BaseCommand):
    help = (
        "Back up the whole database (SQLite's online backup, or pg_dump) into one file encrypted to age public keys "
        "(--recipient, or BACKUP_RECIPIENTS). Safe while the site runs. Restore with manage.py restore."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="the file to write (default: companion-<UTC time>.backup.age)")
        parser.add_argument(
            "--recipient", action="append", default=[], help="an age public key (age1...); may be given again"
        )
        parser.add_argument(
            "--from-pg-dump",
            metavar="FILE",
            help="PostgreSQL: use this pg_dump -Fc archive ('-' for standard input) instead of running pg_dump here",
        )

    def handle(self, *args, output, recipient, from_pg_dump, **options):
        output = Path(output or f"companion-{timezone.now():%Y%m%dT%H%M%SZ}.backup.age")
        if output.exists():
            raise CommandError(f"{output} exists already: choose another --output.")
        if not output.parent.is_dir():
            raise CommandError(f"There is no folder {output.parent} to write the backup in.")
        try:
            recipients = backups.recipients_from(recipient or settings.BACKUP_RECIPIENTS)
            if from_pg_dump is None:
                manifest = backups.make(connection, output, recipients)
            elif from_pg_dump == "-":
                manifest = backups.make(connection, output, recipients, pg_dump=sys.stdin.buffer)
            else:
                with open(from_pg_dump, "rb") as archive:
                    manifest = backups.make(connection, output, recipients, pg_dump=archive)
        except OSError as error:
            raise CommandError(f"{from_pg_dump} cannot be read ({error.strerror}).") from error
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{output}: {manifest.engine}, {len(manifest.migrations)} migrations, taken {manifest.created}."
        )
