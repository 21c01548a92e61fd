"""Fill the database with many couples and their private marks, for measuring at scale.

    python manage.py generate_population --pairs 10000 --marks-per-person 50

Every generated username starts with "gen-", so `--remove` can take them out again.
"""

import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from conversations.models import Choice, Idea, Mark, Side
from partners.models import Membership, Pair, User
from partners.names import name_key

BATCH = 5000


class Command(BaseCommand):
    help = "Generate many pairs with private marks (usernames gen-*)."

    def add_arguments(self, parser):
        parser.add_argument("--pairs", type=int, default=10_000)
        parser.add_argument("--marks-per-person", type=int, default=50)
        parser.add_argument("--remove", action="store_true", help="Delete generated people instead.")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *, pairs, marks_per_person, remove, seed, **options):
        started = time.monotonic()
        if remove:
            generated = User.objects.filter(username__startswith="gen-")
            Pair.objects.filter(members__user__in=generated).delete()
            count, _ = generated.delete()
            self.stdout.write(f"Removed {count} rows in {time.monotonic() - started:.1f}s")
            return
        rng = random.Random(seed)
        ideas = list(Idea.objects.values_list("pk", "two_sided"))
        marks_per_person = min(marks_per_person, len(ideas))
        password = "!"  # an unusable password: generated people cannot sign in
        with transaction.atomic():
            first_pk = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
            User.objects.bulk_create(
                (
                    User(username=f"gen-{first_pk + n}", name_key=name_key(f"gen-{first_pk + n}"), password=password)
                    for n in range(pairs * 2)
                ), batch_size=BATCH
            )
            users = list(User.objects.filter(username__startswith="gen-", membership=None).order_by("pk").values_list("pk", flat=True))
            Pair.objects.bulk_create((Pair() for _ in range(pairs)), batch_size=BATCH)
            pair_ids = list(Pair.objects.filter(members=None).order_by("pk").values_list("pk", flat=True))
            Membership.objects.bulk_create(
                (
                    Membership(user_id=user_id, pair_id=pair_ids[n // 2], seat=n % 2 + 1, lives_with_pain=n % 2 == 0)
                    for n, user_id in enumerate(users[: pairs * 2])
                ),
                batch_size=BATCH,
            )
            choices = [Choice.YES, Choice.MAYBE, Choice.NO]
            sides = [Side.EITHER, Side.GIVE, Side.RECEIVE]

            def marks():
                for user_id in users[: pairs * 2]:
                    for idea_id, two_sided in rng.sample(ideas, marks_per_person):
                        side = rng.choice(sides) if two_sided else Side.EITHER
                        yield Mark(user_id=user_id, idea_id=idea_id, choice=rng.choice(choices), side=side)

            Mark.objects.bulk_create(marks(), batch_size=BATCH)
        self.stdout.write(
            f"Generated {pairs} pairs, {pairs * 2} people, {pairs * 2 * marks_per_person} marks "
            f"in {time.monotonic() - started:.1f}s"
        )
