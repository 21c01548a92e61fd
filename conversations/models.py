from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from partners import keys
from partners.http import get_membership_or_none, get_pair_key
from partners.models import Membership, Pair

from . import follow


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
        return (
            "The partner with pain reads this aloud"
            if self.speaker == Speaker.PAIN
            else "The supporting partner reads this aloud"
        )

    def pass_the_phone_to(self, readers=None):
        readers = readers or Readers()
        if self.speaker == Speaker.BOTH:
            return "Hold the phone between you"
        if readers.both_live_with_pain:
            return "Pass the phone to the other one of you"
        return (
            "Pass the phone to the partner with pain"
            if self.speaker == Speaker.PAIN
            else "Pass the phone to the supporting partner"
        )


@dataclass(frozen=True)
class Readers:
    """Who is reading: unknown (no pair, or answers this phone cannot open), or the viewer's own answer and
    whether both live with the pain."""

    i_live_with_pain: bool | None = None
    both_live_with_pain: bool = False

    @classmethod
    def for_request(cls, request):
        """One query for a paired person (their pair's seats); none for anyone else. The answers are sealed under
        the pair key: opened with the one this request holds (none in this session: unknown, never an error)."""
        membership = get_membership_or_none(request.user)
        if membership is None:
            return cls()
        members = list(Membership.objects.filter(pair_id=membership.pair_id))
        if len(members) != 2:
            return cls()
        try:
            answers = Membership.lives_with_pain_of(members, get_pair_key(request, membership))
        except keys.KeysUnavailable:
            return cls()
        return cls(i_live_with_pain=answers[membership.pk], both_live_with_pain=all(answers.values()))

    @property
    def pace_line(self):
        if self.i_live_with_pain is None:
            return ""
        if self.both_live_with_pain:
            return "Either of you sets the pace. Either can pause."
        return (
            "You set the pace." if self.i_live_with_pain else "Your partner sets the pace."
        ) + " Either of you can pause."


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
    """One person's private answer on one idea, sealed under their own data key (see private_marks.py).

    `slot` is a keyed token of the idea; each person has one row per idea from their first sign-in, answered or
    not, and `sealed` holds the idea, the answer (or none), the side, when, and the book's edition. `idea`, `choice` and `side` are only ever set on rows from before keys
    existed, until their owner's next sign-in seals them (`manage.py plain_rows` counts what is left)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="marks")
    slot = models.BinaryField(null=True)
    sealed = models.BinaryField(null=True)
    idea = models.ForeignKey(Idea, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=10, choices=Choice, blank=True)
    side = models.CharField(max_length=10, choices=Side, blank=True)

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
            [cls(user_id=viewer_id, partner_changes_seen=theirs.changes)],
            update_conflicts=True,
            unique_fields=["user"],
            update_fields=["partner_changes_seen"],
        )
        cls.objects.filter(user_id=partner_id, changes_cleared__lt=theirs.changes).update(
            changes_cleared=theirs.changes
        )
        return max(0, theirs.changes - mine.partner_changes_seen), untold, holding


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
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    carry_on_asked = models.BooleanField(default=False)  # the partner who did not pause asks to carry on
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Only these ideas, in this order (chosen at the start, e.g. "ones neither of us has answered"); None: all of them.
    idea_ids = models.JSONField(null=True, blank=True)
    # Counts changes that are not moves (a partner arriving, leaving, answering), so phones following wake up.
    nudges = models.PositiveIntegerField(default=0)
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
        TogetherSession.objects.filter(pair_id=pair_id).open().update(
            ended_at=timezone.now(), version=models.F("version") + 1
        )

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
        ideas = Idea.objects.current().in_order().in_category(self.category_id and self.category)
        return ideas if self.idea_ids is None else ideas.filter(pk__in=self.idea_ids)

    def length(self):
        return self.script.steps.count() if self.script_id else self.ideas().count()

    def still_there(self):
        """This session, or None if what it steps through has gone (content reloaded without it): then it ends."""
        total = self.length()
        if total == 0:
            self.end()
            return None
        if self.position > total:
            self._change(position=total)
        return self

    def current_item(self):
        """The step (a script) or the idea (ideas) at the current position. Read once per position."""
        cached = getattr(self, "_current", None)
        if cached is None or cached[0] != (self.position, self.version):
            if self.script_id:
                item = next(iter(self.script.steps.all()[self.position - 1 : self.position]), None)
            else:
                item = self.ideas()[self.position - 1 : self.position].get()
            cached = self._current = ((self.position, self.version), item)
        return cached[1]

    def _change(self, seen_version=None, **changes):
        rows = TogetherSession.objects.filter(pk=self.pk, ended_at=None)
        if seen_version is not None:
            rows = rows.filter(version=seen_version)
        changed = rows.update(version=models.F("version") + 1, **changes)
        if changed:
            follow.announce(self.pk)
        self.refresh_from_db()
        return bool(changed)

    def nudge(self):
        """Something both phones show changed without a move (presence, an answer): wake the phones following."""
        TogetherSession.objects.filter(pk=self.pk).update(nudges=models.F("nudges") + 1)
        follow.announce(self.pk)

    def move(self, to_position, seen_version, by, anyway=False, partner_answered=lambda idea: False):
        """Go to `to_position` if nobody moved since `seen_version` and it is not paused.

        Returns "moved", "waiting" (Next while the partner is still choosing:
        see TogetherPresence.still_choosing) or "refused" (a stale tap, paused,
        out of range). `anyway` is the tapper's confirmed "go on anyway". `partner_answered(idea)`: whether the
        partner has an answer to it (only the tapper's keys can tell: private_marks.MarkBook).
        """
        if self.paused or not 1 <= to_position <= self.length() or seen_version != self.version:
            return "refused"
        if to_position > self.position and not anyway:
            presences = TogetherPresence.of(self)
            partner = next((p for p in presences.values() if by is None or p.user_id != by.pk), None)
            mine = presences.get(by.pk) if by else None
            mine = mine or TogetherPresence(session=self, user=by)
            if (
                by is not None
                and partner is not None
                and partner.ready_position != self.position
                and partner.still_choosing(self, partner_answered)
            ):
                mine.ready(self.position)
                partner.refresh_from_db(fields=["ready_position"])
                if partner.ready_position != self.position:  # both tapping Next at once: both are ready, so go on
                    self.nudge()
                    return "waiting"
        if not self._change(seen_version, position=to_position, changed_by=by):
            return "refused"
        TogetherPresence.objects.filter(session=self).update(ready_position=None)
        return "moved"

    def waiting_for(self, presences):
        """The user the other phone is waiting for on this item (one tapped Next, the other is still choosing), or None."""
        ready = [p for p in presences.values() if p.ready_position == self.position]
        if len(ready) != 1:
            return None
        return next((p.user for p in presences.values() if p.user_id != ready[0].user_id), None)

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


class TogetherPresence(models.Model):
    """Where one person's phone is in a together session: here or not, last answer touched, Next tapped.

    The rule for Next (TogetherSession.move): the other partner is *still
    choosing* on the current idea when their phone is here now (asked for the
    card in the last HERE_FOR seconds) and they have not tapped Next on it
    themselves, and either they changed their answer to it in the last
    CHOOSING_FOR seconds or they have no answer to it at all. Tapping Next
    without answering is how someone skips. Script steps have no answers, so
    nobody waits on them. Presence shows "answered" or "still choosing", never
    the answer.
    """

    HERE_FOR = 30  # a following phone asks at least every 25 s; a phone without JavaScript every 10 s
    CHOOSING_FOR = 5
    SEEN_EVERY = 5  # a phone already here is written down again at most this often (polls cost no write between)

    session = models.ForeignKey(TogetherSession, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(null=True, blank=True)
    touched_at = models.DateTimeField(null=True, blank=True)
    touched_position = models.PositiveIntegerField(null=True, blank=True)
    ready_position = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="one_presence_per_person_and_session")]

    @classmethod
    def of(cls, session):
        """{user id: presence} for both partners' phones in this session (one query)."""
        return {p.user_id: p for p in cls.objects.filter(session=session).select_related("user")}

    @classmethod
    def seen(cls, session, user, here=True, known=None):
        """This phone is on Together now (or has just left it); wakes the partner's phone when that flips.
        `known`: the presences just read (`of`), so a phone seen moments ago costs no write."""
        now = timezone.now()
        known_mine = (known or {}).get(user.pk)
        if here and known_mine is not None and known_mine.is_here(now):  # no flip, so nobody to wake
            if (now - known_mine.seen_at).total_seconds() >= cls.SEEN_EVERY:
                cls.objects.filter(pk=known_mine.pk).update(seen_at=now)
            return
        here_since = now - timedelta(seconds=cls.HERE_FOR)
        mine = cls.objects.filter(session=session, user=user)
        was_away = models.Q(seen_at=None) | models.Q(seen_at__lt=here_since)
        flipped = mine.filter(was_away if here else ~was_away).update(seen_at=now if here else None)
        if not flipped and not mine.update(seen_at=now if here else None) and here:
            _, flipped = cls.objects.get_or_create(session=session, user=user, defaults={"seen_at": now})
        if flipped:
            session.nudge()

    @classmethod
    def touched(cls, user, idea):
        """This person just saved an answer to `idea`: if it is what their pair is on together, say so."""
        session = TogetherSession.objects.open().filter(pair__members__user=user).first()
        if session is None or not session.is_ideas:
            return
        current = session.current_item()
        if current.pk == idea.pk:
            cls.objects.update_or_create(
                session=session,
                user=user,
                defaults={"touched_at": timezone.now(), "touched_position": session.position},
            )
            session.nudge()

    def is_here(self, now=None):
        now = now or timezone.now()
        return self.seen_at is not None and (now - self.seen_at).total_seconds() < self.HERE_FOR

    def ready(self, position):
        self.ready_position = position
        if self.pk is None:
            self.seen_at = timezone.now()
        self.save()

    def touched_recently(self, session, now=None):
        now = now or timezone.now()
        return (
            self.touched_position == session.position
            and self.touched_at is not None
            and (now - self.touched_at).total_seconds() < self.CHOOSING_FOR
        )

    def still_choosing(self, session, has_answered):
        """`has_answered(idea)`: whether this phone's owner has an answer to it (asked only when it matters)."""
        if not session.is_ideas or not self.is_here() or self.ready_position == session.position:
            return False
        return self.touched_recently(session) or not has_answered(session.current_item())
