"""Retention: delete accounts nobody has signed in to for a long time, the way a person deletes their own.

Each one goes through User.delete_account, so the pair lifecycle (Membership.leave) frees the seat and the
partner left behind is told on their next visit. Output names user ids and dates only, never usernames, since
the logs of a scheduled job may be kept.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from partners import registry
from partners.models import User

FEWEST_DAYS = 30


def days_from(value):
    """The period as a whole number of days, at least FEWEST_DAYS, or a CommandError saying what is wanted."""
    try:
        days = int(str(value).strip())
    except ValueError:
        days = None
    if days is None or days < FEWEST_DAYS:
        raise CommandError(
            f"--days needs a whole number of days, at least {FEWEST_DAYS} (you gave {value!r}). "
            f"For example --days {settings.FORGET_IDLE_AFTER_DAYS}. Nothing was changed."
        )
    return days


class Command(BaseCommand):
    help = (
        "Delete accounts not signed in to for more than --days days (default FORGET_IDLE_AFTER_DAYS), "
        "with everything in them, as if each person deleted their own. Staff and superusers are never removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", help=f"idle for more than this many days (at least {FEWEST_DAYS})")
        parser.add_argument("--dry-run", action="store_true", help="list what would go (ids and dates), change nothing")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = days_from(settings.FORGET_IDLE_AFTER_DAYS if days is None else days)
        cutoff = timezone.now() - timedelta(days=days)
        idle = User.objects.idle_since(cutoff).order_by("pk")
        if dry_run:
            found = list(idle.values_list("pk", "last_active"))
            for pk, last_active in found:
                self.stdout.write(f"would remove user {pk}, last active {last_active.date().isoformat()}")
            self.stdout.write(
                f"Dry run: {len(found)} account(s) idle for more than {days} days would be removed; nothing was changed."
            )
            return
        removed = 0
        for pk in list(idle.values_list("pk", flat=True)):
            with transaction.atomic():
                # Read again under a lock: someone who signed in a moment ago stays.
                user = User.objects.idle_since(cutoff).select_for_update().filter(pk=pk).first()
                if user is not None:
                    user.delete_account()
                    removed += 1
        self.stdout.write(f"Removed {removed} account(s) idle for more than {days} days.")
        for tidy in registry.each("daily"):
            tidy()
