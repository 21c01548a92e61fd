from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from partners.http import get_membership_or_none
from partners.models import Membership, Pair


class Speaker(models.TextChoices):
    PAIN = "pain", "Partner with pain"
    SUPPORT = "support", "Supporting partner"
    BOTH = "both", "Both of you"


class ScriptQuerySet(models.QuerySet):
    def current(self):
        """Scripts still offered; retired ones stay for people part-way through them."""
        return self.filter(retired=False)

    def with_step_count(self):
        # Meta.ordering is dropped from GROUP BY queries, so order explicitly.
        return self.annotate(step_count=models.Count("steps")).order_by(*Script._meta.ordering)


class Script(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=150)
    order = models.PositiveSmallIntegerField(default=0)
    when_it_helps = models.TextField()
    minutes = models.PositiveSmallIntegerField(help_text="About how long it takes.")
    retired = models.BooleanField(default=False)

    objects = ScriptQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conversations:script", args=[self.slug])

    def step_url(self, number):
        return reverse("conversations:step", args=[self.slug, number])

    def steps_around(self, number):
        """Step `number` (1-based) and the one before it, in one query."""
        window = list(self.steps.all()[max(number - 2, 0) : number])
        current = window[-1] if window else None
        previous = window[0] if len(window) == 2 else None
        return previous, current


class Step(models.Model):
    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(default=0, help_text="Steps are shown in this order.")
    speaker = models.CharField(max_length=10, choices=Speaker)
    prompt = models.TextField(help_text="What to say or do, in Markdown.")
    if_hard = models.TextField("if this gets hard", blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.script}: step {self.order}"

    def speaker_changed_from(self, previous):
        return previous is not None and previous.speaker != self.speaker

    def read_aloud_by(self, readers=None):
        """Who reads this step, in words for the people holding the phone (see Readers)."""
        readers = readers or Readers()
        if self.speaker == Speaker.BOTH:
            return "Read this one together"
        if readers.both_live_with_pain:
            return "Either of you reads this aloud (you both live with the pain, so take turns)"
        mine = readers.i_live_with_pain is not None and readers.i_live_with_pain == (self.speaker == Speaker.PAIN)
        if readers.i_live_with_pain is not None:
            return "You read this aloud" if mine else "Your partner reads this aloud"
        return "The partner with pain reads this aloud" if self.speaker == Speaker.PAIN else "The supporting partner reads this aloud"

    def pass_the_phone_to(self, readers=None):
        readers = readers or Readers()
        if self.speaker == Speaker.BOTH:
            return "Hold the phone between you"
        if readers.both_live_with_pain:
            return "Pass the phone to the other one of you"
        return "Pass the phone to the partner with pain" if self.speaker == Speaker.PAIN else "Pass the phone to the supporting partner"


@dataclass(frozen=True)
class Readers:
    """Who is reading: unknown (no pair), or the viewer's own answer and whether both live with the pain."""

    i_live_with_pain: bool | None = None
    both_live_with_pain: bool = False

    @classmethod
    def for_user(cls, user):
        """One query for a paired person (their pair's seats); none for anyone else."""
        membership = get_membership_or_none(user)
        if membership is None:
            return cls()
        members = list(Membership.objects.filter(pair_id=membership.pair_id))
        if len(members) != 2:
            return cls()
        return cls(i_live_with_pain=membership.lives_with_pain, both_live_with_pain=all(m.lives_with_pain for m in members))

    @property
    def pace_line(self):
        if self.i_live_with_pain is None:
            return ""
        if self.both_live_with_pain:
            return "Either of you sets the pace. Either can pause."
        return ("You set the pace." if self.i_live_with_pain else "Your partner sets the pace.") + " Either of you can pause."


# --- The "explore other intimacy" idea list -------------------------------


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


# --- Private marks ---------------------------------------------------------


class Choice(models.TextChoices):
    YES = "yes", "Yes"
    MAYBE = "maybe", "Maybe"
    NO = "no", "Not for us"


class Side(models.TextChoices):
    EITHER = "either", "Either way"
    GIVE = "give", "Giving"
    RECEIVE = "receive", "Receiving"


def sides_fit(a, b):
    """One gives and one receives (or either is happy either way)."""
    gives = {Side.GIVE, Side.EITHER}
    receives = {Side.RECEIVE, Side.EITHER}
    return (a in gives and b in receives) or (a in receives and b in gives)


class Mark(models.Model):
    """One person's private choice on one idea. Only its owner ever reads it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="marks")
    idea = models.ForeignKey(Idea, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=10, choices=Choice)
    side = models.CharField(max_length=10, choices=Side, default=Side.EITHER)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "idea"], name="one_mark_per_idea")]


class AnswerCount(models.Model):
    """How many times a person changed an answer, and how many of their partner's changes they have seen.

    "Both of us" shows the difference (how many, never which), so probing by
    re-marking ideas cannot go unnoticed.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+")
    changes = models.PositiveIntegerField(default=0)
    partner_changes_seen = models.PositiveIntegerField(default=0)

    @classmethod
    def count_change(cls, user):
        if not cls.objects.filter(user=user).update(changes=models.F("changes") + 1):
            cls.objects.get_or_create(user=user, defaults={"changes": 1})

    @classmethod
    def unseen_partner_changes(cls, viewer_id, partner_id):
        """Changes the partner made since the viewer last looked; looking marks them seen. Always two queries."""
        counts = {row.user_id: row for row in cls.objects.filter(user_id__in=[viewer_id, partner_id])}
        theirs = counts[partner_id].changes if partner_id in counts else 0
        seen = counts[viewer_id].partner_changes_seen if viewer_id in counts else 0
        cls.objects.bulk_create(
            [cls(user_id=viewer_id, partner_changes_seen=theirs)],
            update_conflicts=True, unique_fields=["user"], update_fields=["partner_changes_seen"],
        )
        return max(0, theirs - seen)


def matches_for(viewer, pair_id, ideas=None, members=None):
    """Ideas both partners chose, computed on demand and never stored.

    Returns (both_yes, yes_and_maybe): lists of ideas. The second is empty
    unless both partners opted into seeing maybes. Nothing here says who
    chose what, and an idea either partner declined never appears.

    The work is one row per idea the viewer said yes or maybe to, whatever the
    partner chose, so its time cannot hint at the partner's other answers.
    """
    members = members if members is not None else list(Membership.objects.filter(pair_id=pair_id))
    if len(members) != 2 or any(m.hide_matches for m in members):
        return [], []
    partner = next(m for m in members if m.user_id != viewer.pk)
    theirs = Mark.objects.filter(user_id=partner.user_id, idea=models.OuterRef("idea"))
    mine = Mark.objects.filter(user=viewer, choice__in=[Choice.YES, Choice.MAYBE], idea__retired=False)
    if ideas is not None:
        mine = mine.filter(idea__in=ideas)
    rows = mine.annotate(
        their_choice=models.Subquery(theirs.values("choice")[:1]), their_side=models.Subquery(theirs.values("side")[:1])
    ).select_related("idea__category").order_by("idea__category__order", "idea__order", "idea_id")
    show_maybes = all(m.show_maybes for m in members)
    both_yes, yes_and_maybe = [], []
    for row in rows:
        fits = not row.idea.two_sided or sides_fit(row.side, row.their_side)
        choices = {row.choice, row.their_choice}
        if fits and choices == {Choice.YES}:
            both_yes.append(row.idea)
        elif fits and choices == {Choice.YES, Choice.MAYBE} and show_maybes:
            yes_and_maybe.append(row.idea)
    return both_yes, yes_and_maybe


# --- Stepping through together on two phones ---------------------------------


class TogetherSessionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(ended_at=None)


class TogetherSession(models.Model):
    """What a pair steps through together. `version` only moves forward: every
    change is one conditional UPDATE, so two taps at once never skip or repeat."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="together_sessions")
    script = models.ForeignKey(Script, null=True, blank=True, on_delete=models.PROTECT)  # None: the idea list
    category = models.ForeignKey(IdeaCategory, null=True, blank=True, on_delete=models.PROTECT)
    position = models.PositiveIntegerField(default=1)
    version = models.PositiveIntegerField(default=1)
    paused = models.BooleanField(default=False)
    # Who made the last change, so the other phone can say it ("Alex moved to idea 3"), and who paused.
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    paused_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    carry_on_asked = models.BooleanField(default=False)  # the partner who did not pause asks to carry on
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = TogetherSessionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pair"], condition=models.Q(ended_at=None), name="one_open_together_session_per_pair"
            )
        ]

    @staticmethod
    def end_for_pair(pair_id, **kwargs):
        """When a seat in the pair is freed, what the pair was doing together ends (partners.seat_released)."""
        TogetherSession.objects.filter(pair_id=pair_id).open().update(ended_at=timezone.now(), version=models.F("version") + 1)

    @property
    def what(self):
        """What is being stepped through, in words."""
        return self.script.title if self.script_id else self.category.name if self.category_id else "All ideas"

    @property
    def stopped_early(self):
        return self.ended_at is not None and self.position < self.length()

    @property
    def is_ideas(self):
        return self.script_id is None

    def ideas(self):
        return Idea.objects.current().in_order().in_category(self.category_id and self.category)

    def length(self):
        return self.script.steps.count() if self.script_id else self.ideas().count()

    def current_item(self):
        """(previous, current): steps for a script, (None, idea) for ideas."""
        if self.script_id:
            return self.script.steps_around(self.position)
        return None, self.ideas()[self.position - 1 : self.position].get()

    def _change(self, seen_version=None, **changes):
        rows = TogetherSession.objects.filter(pk=self.pk, ended_at=None)
        if seen_version is not None:
            rows = rows.filter(version=seen_version)
        changed = rows.update(version=models.F("version") + 1, **changes)
        self.refresh_from_db()
        return bool(changed)

    def move(self, to_position, seen_version, by):
        """Go to `to_position` only if nobody moved since `seen_version` and it is not paused."""
        if not 1 <= to_position <= self.length():
            return False
        return self._change(seen_version, position=to_position, changed_by=by) if not self.paused else False

    def may_carry_on(self, user, lives_with_pain):
        """The partner who paused carries on, or a partner who lives with the pain; the other asks."""
        return self.paused_by_id in (None, user.pk) or lives_with_pain

    def pause(self, by):
        return self._change(paused=True, paused_by=by, carry_on_asked=False, changed_by=by)

    def carry_on(self, by, lives_with_pain):
        """Carry on if this person may; otherwise ask the one who paused. Returns what happened."""
        if not self.paused:
            return "carried-on"
        if self.may_carry_on(by, lives_with_pain):
            self._change(paused=False, paused_by=None, carry_on_asked=False, changed_by=by)
            return "carried-on"
        self._change(carry_on_asked=True, changed_by=by)
        return "asked"

    def end(self, by=None):
        return self._change(ended_at=timezone.now(), changed_by=by)

    def news_for(self, viewer):
        """What the partner just did, in words for the viewer's live region; empty when it was the viewer."""
        if self.changed_by_id in (None, viewer.pk):
            return ""
        name = self.changed_by.username
        if self.paused and self.carry_on_asked:
            return f"{name} asks to carry on."
        if self.paused:
            return f"Paused by {name}."
        kind = "idea" if self.is_ideas else "step"
        return f"{name} moved to {kind} {self.position} of {self.length()}."
