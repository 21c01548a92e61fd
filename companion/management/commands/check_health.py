from django.core.management.base import BaseCommand, CommandError

from companion.health import problems


class Command(BaseCommand):
    help = "Check what /readyz checks (database, cache, pending migrations); exit 1 naming any that fails."
    # Django's system checks read the database too, and would stop a broken one with a traceback, not a line.
    requires_system_checks: list[str] = []

    def handle(self, *args, **options):
        found = problems()
        for problem in found:
            self.stderr.write(problem)
        if found:
            raise CommandError(f"not ready: {len(found)} problem{'s' if len(found) > 1 else ''}")
        self.stdout.write("ready")
