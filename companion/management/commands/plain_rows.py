"""How many private rows are still stored in plain text: each is sealed at its owner's next sign-in."""

from django.core.management.base import BaseCommand

from partners.http import each_app
from partners.models import User


class Command(BaseCommand):
    help = "Count private rows still in plain text (sealed at each owner's next sign-in)."

    def handle(self, *args, **options):
        counts = {"accounts without keys": User.objects.filter(public_key=None).count()}
        for count in each_app("private_records", "count_plain_rows"):
            counts.update(count())
        for what, number in counts.items():
            self.stdout.write(f"{what}: {number}")
        self.stdout.write(f"in all: {sum(counts.values())}")
