"""The "explore other intimacy" idea list, and each person's private answers to it (sealed: see
conversations/private_marks.py), their pair's match tokens, and how many answers each changed."""

from django.conf import settings
from django.db import models

from partners.models import Membership


class IdeaCategory(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(blank=True, help_text="Markdown.")

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "idea categories"

    def __str__(self):
        return self.name


class IdeaQuerySet(models.QuerySet):
    def current(self):
        """Ideas still offered; retired ones keep the marks people made on them."""
        return self.filter(retired=False)

    def in_order(self):
        return self.select_related("category").order_by("category__order", "order", "id")

    def in_category(self, category):
        return self.filter(category=category) if category else self


class Idea(models.Model):
    slug = models.SlugField(unique=True)
    category = models.ForeignKey(IdeaCategory, on_delete=models.PROTECT, related_name="ideas")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=100)
    description = models.TextField()
    gentle_note = models.CharField(max_length=300, help_text="What it is gentle on.")
    no_genital_touch = models.BooleanField(default=False)
    flare_friendly = models.BooleanField("fine during a flare-up", default=False)
    two_sided = models.BooleanField(default=False, help_text="One gives and one receives.")
    give_label = models.CharField(max_length=100, blank=True)
    receive_label = models.CharField(max_length=100, blank=True)
    retired = models.BooleanField(default=False)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["category__order", "order", "id"]

    def __str__(self):
        return self.title


class Choice(models.TextChoices):
    YES = "yes", "Yes"
    MAYBE = "maybe", "Maybe"
    NO = "no", "Not for us"


class Side(models.TextChoices):
    EITHER = "either", "Either way"
    GIVE = "give", "Giving"
    RECEIVE = "receive", "Receiving"


def sides_fit(a, b):
    """One gives and one receives (or either is happy either way; no direction said counts as either way)."""
    gives = {Side.GIVE, Side.EITHER, ""}
    receives = {Side.RECEIVE, Side.EITHER, ""}
    return (a in gives and b in receives) or (a in receives and b in gives)


class Mark(models.Model):
    """One person's private answer on one idea, sealed under their own data key (see private_marks.py).

    `slot` is a keyed token of the idea; each person has one row per idea from their first sign-in, answered or
    not, and `sealed` holds the idea, the answer (or none), the side, when, and the book's edition."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="marks")
    slot = models.BinaryField()
    sealed = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "slot"], name="one_mark_per_slot")]


class MatchToken(models.Model):
    """One of a paired person's opaque tokens: equal to a partner's exactly where their answers match.

    Made with the pair key, so nobody without it can tell which idea, or whether it is one at all (private_marks.py)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    slot = models.BinaryField()
    token = models.BinaryField()
    # HMAC under the pair key over (membership, slot, token): a row copied to another member does not count.
    mac = models.BinaryField(null=True)
    # Random, the same on all of a member's rows from one write (private_marks.current_writes).
    write_id = models.BinaryField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["membership", "slot"], name="one_token_per_slot")]
        indexes = [models.Index(fields=["token"], name="match_token")]


class AnswerCount(models.Model):
    """How many times a person changed an answer, and how many of their partner's changes they have been told.

    "Both of us" tells each partner how many answers the other changed (how many, never which). Someone who
    changes more than HOLD_AFTER answers their partner has not been told about is *holding*: their own "Both
    of us" waits, and they see nothing of whether their partner answered, until the partner has been told.
    So probing by re-marking ideas is seen by the partner before it pays off.
    """

    HOLD_AFTER = getattr(settings, "ANSWER_CHANGES_BEFORE_HOLD", 6)

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+")
    changes = models.PositiveIntegerField(default=0)
    partner_changes_seen = models.PositiveIntegerField(default=0)
    # How many of this person's own changes hold nothing back: those their partner has been told about, and
    # those made on the idea on screen while both phones were on Together (counted as they are made).
    changes_cleared = models.PositiveIntegerField(default=0)

    @classmethod
    def count_change(cls, user):
        if not cls.objects.filter(user=user).update(changes=models.F("changes") + 1):
            cls.objects.get_or_create(user=user, defaults={"changes": 1})

    @classmethod
    def count_change_together(cls, user):
        """The change just counted was made with both phones on that idea in Together: it holds nothing back."""
        cls.objects.filter(user=user).update(changes_cleared=models.F("changes_cleared") + 1)

    @classmethod
    def is_holding(cls, *user_ids):
        """Whether any of these people changed more than HOLD_AFTER answers their partner has not been told
        about (one query)."""
        rows = cls.objects.filter(user_id__in=user_ids).values_list("changes", "changes_cleared")
        return any(changes - cleared > cls.HOLD_AFTER for changes, cleared in rows)

    @classmethod
    def look(cls, viewer_id, partner_id):
        """The viewer opens "Both of us": they are told the partner's changes since they last looked, which
        clears those changes (the partner holds no longer). Returns (partner's changes told now, the viewer's own
        changes the partner has not been told about, whether the viewer is holding). One read; the writes
        happen only when there is something new to tell, which the page then says."""
        counts = {row.user_id: row for row in cls.objects.filter(user_id__in=[viewer_id, partner_id])}
        mine, theirs = (
            counts.get(viewer_id) or cls(user_id=viewer_id),
            counts.get(partner_id) or cls(user_id=partner_id),
        )
        untold = max(0, mine.changes - theirs.partner_changes_seen)
        holding = mine.changes - mine.changes_cleared > cls.HOLD_AFTER
        if mine.partner_changes_seen == theirs.changes and theirs.changes_cleared >= theirs.changes:
            return 0, untold, holding  # nothing new since the last look: nothing to write
        cls.objects.bulk_create(
            [cls(user_id=viewer_id, partner_changes_seen=theirs.changes)],  # type: ignore[list-item]  # the django plugin types cls() as AnswerCount, not Self
            update_conflicts=True,
            unique_fields=["user"],
            update_fields=["partner_changes_seen"],
        )
        cls.objects.filter(user_id=partner_id, changes_cleared__lt=theirs.changes).update(
            changes_cleared=theirs.changes
        )
        return max(0, theirs.changes - mine.partner_changes_seen), untold, holding
