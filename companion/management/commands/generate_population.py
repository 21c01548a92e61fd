"""Fill the database with many couples and their private marks, sealed as real ones are, for measuring at scale.

    python manage.py generate_population --pairs 10000 --marks-per-person 50

Every generated username starts with "gen-", so `--remove` can take them out again.
"""

import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from conversations.models import Choice, Idea, Mark, MatchToken, Side
from conversations.private_marks import MarkBook
from partners import keys
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
        ideas = list(Idea.objects.all())
        marks_per_person = min(marks_per_person, len(ideas))
        password = "!"  # an unusable password: generated people cannot sign in
        data_keys = [keys.new_key() for _ in range(pairs * 2)]
        key_pairs = [keys.new_key_pair(data_key, "private-key") for data_key in data_keys]
        with transaction.atomic():
            first_pk = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
            User.objects.bulk_create(
                (
                    User(
                        username=f"gen-{first_pk + n}",
                        name_key=name_key(f"gen-{first_pk + n}"),
                        password=password,
                        public_key=key_pairs[n][0],
                        private_key_sealed=key_pairs[n][1],
                    )
                    for n in range(pairs * 2)
                ),
                batch_size=BATCH,
            )
            users = list(User.objects.filter(username__startswith="gen-", membership=None).order_by("pk")[: pairs * 2])
            Pair.objects.bulk_create((Pair() for _ in range(pairs)), batch_size=BATCH)
            pair_ids = list(Pair.objects.filter(members=None).order_by("pk").values_list("pk", flat=True))
            pair_keys = [keys.new_key() for _ in pair_ids]
            Membership.objects.bulk_create(
                (
                    Membership(
                        user=user,
                        pair_id=pair_ids[n // 2],
                        seat=n % 2 + 1,
                        **Membership.lives_with_pain_fields(
                            n % 2 == 0, pair_ids[n // 2], user.pk, pair_keys[n // 2], data_keys[n]
                        ),
                        tokens_complete=True,
                        sealed_pair_key=Membership.seal_pair_key(pair_keys[n // 2], user, pair_ids[n // 2]),
                    )
                    for n, user in enumerate(users)
                ),
                batch_size=BATCH,
            )
            members = {m.user_id: m for m in Membership.objects.filter(user__in=users)}
            choices = [Choice.YES, Choice.MAYBE, Choice.NO]
            sides = [Side.EITHER, Side.GIVE, Side.RECEIVE]
            marks: list[Mark] = []
            tokens: list[MatchToken] = []

            def flush(final=False):
                if final or len(tokens) >= BATCH * 10:
                    Mark.objects.bulk_create(marks, batch_size=BATCH)
                    MatchToken.objects.bulk_create(tokens, batch_size=BATCH)
                    marks.clear()
                    tokens.clear()

            for n, user in enumerate(users):
                book = MarkBook(user, data_keys[n], members[user.pk])
                answers = {
                    idea.pk: {
                        "choice": rng.choice(choices),
                        "side": rng.choice(sides) if idea.two_sided else Side.EITHER,
                        "at": "",
                    }
                    for idea in rng.sample(ideas, marks_per_person)
                }
                mine = book.mark_rows(answers, edition=1)
                rng.shuffle(mine)  # in random order, as MarkBook writes them
                marks.extend(mine)
                tokens.extend(book.all_token_rows(answers, pair_keys[n // 2]))
                flush()
            flush(final=True)
        self.stdout.write(
            f"Generated {pairs} pairs, {pairs * 2} people, {pairs * 2 * marks_per_person} marks "
            f"in {time.monotonic() - started:.1f}s"
        )
