"""What a pair steps through together on two phones, and where each phone is. Every change is one conditional
UPDATE; announcing it to the phones following is the service's job (conversations/together.py), after commit."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from editorial.page_cache import shared_part
from partners.models import Pair

from .ideas import Idea, IdeaCategory
from .scripts import Script, Step


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
    # Who ended it ("Sam stopped for today"), and whether by "Finish together"; nobody when a partner left the pair.
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished = models.BooleanField(default=False)
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
        """What is being stepped through, in words (from the content kept in the process: no query)."""
        titles = shared_part(
            "together-titles",
            lambda: {
                "script": dict(Script.objects.values_list("pk", "title")),
                "category": dict(IdeaCategory.objects.values_list("pk", "name")),
            },
        )
        if self.script_id:
            return titles["script"].get(self.script_id, "")
        return titles["category"].get(self.category_id, "") if self.category_id else "All ideas"

    @property
    def stopped_early(self):
        return self.ended_at is not None and self.position < self.length()

    @property
    def is_ideas(self):
        return self.script_id is None

    def items(self):
        """The steps or ideas stepped through, in order: from the published content kept in this process (no query
        once kept), so the length and the current item cost nothing per tap."""
        if self.script_id:
            return shared_part(
                f"script-steps:{self.script_id}", lambda: list(Step.objects.filter(script_id=self.script_id))
            )
        every = shared_part(
            f"together-ideas:{self.category_id or 'all'}",
            lambda: list(
                Idea.objects.current()
                .in_order()
                .filter(**({"category_id": self.category_id} if self.category_id else {}))
            ),
        )
        if self.idea_ids is None:
            return every
        chosen = set(self.idea_ids)
        return [idea for idea in every if idea.pk in chosen]

    def length(self):
        return len(self.items())

    def current_item(self):
        """The step (a script) or the idea (ideas) at the current position, or None past the end."""
        items = self.items()
        return items[self.position - 1] if 1 <= self.position <= len(items) else None

    def still_there(self):
        """This session, or None if what it steps through has gone (content reloaded without it): then it ends.
        Returns (session or None, whether it changed)."""
        total = self.length()
        if total == 0:
            return None, self.end()
        if self.position > total:
            return self, self._change(position=total)
        return self, False

    def _change(self, seen_version=None, **changes):
        """One conditional UPDATE (on `seen_version` when given, and only while open). The new state is set on this
        object as it was written; after a refused change it is read again, to show where things really are."""
        rows = TogetherSession.objects.filter(pk=self.pk, ended_at=None)
        if seen_version is not None:
            rows = rows.filter(version=seen_version)
        changed = rows.update(version=models.F("version") + 1, **changes)
        if changed:
            for name, value in changes.items():
                setattr(self, name, value)
            self.version += 1
        else:
            self.refresh_from_db()
        return bool(changed)

    def nudge(self):
        """Something both phones show changed without a move (presence, an answer): the phones following notice."""
        TogetherSession.objects.filter(pk=self.pk).update(nudges=models.F("nudges") + 1)
        self.nudges += 1

    def move(self, to_position, seen_version, by, presences, anyway=False, partner_answered=lambda idea: False):
        """Go to `to_position` if nobody moved since `seen_version` and it is not paused. `presences`: both phones'
        (TogetherPresence.of), read once; kept up to date here.

        Returns "moved", "waiting" (Next while the partner is still choosing:
        see TogetherPresence.still_choosing) or "refused" (a stale tap, paused,
        out of range). `anyway` is the tapper's confirmed "go on anyway". `partner_answered(idea)`: whether the
        partner has an answer to it (only the tapper's keys can tell: private_marks.MarkBook).
        """
        if self.paused or not 1 <= to_position <= self.length() or seen_version != self.version:
            return "refused"
        if to_position > self.position and not anyway:
            partner = next((p for p in presences.values() if p.user_id != by.pk), None)
            if (
                partner is not None
                and partner.ready_position != self.position
                and partner.still_choosing(self, partner_answered)
            ):
                mine = presences.get(by.pk) or TogetherPresence(session=self, user=by)
                mine.ready(self.position)
                presences[by.pk] = mine
                partner.refresh_from_db(fields=["ready_position"])
                if partner.ready_position != self.position:  # both tapping Next at once: both are ready, so go on
                    self.nudge()
                    return "waiting"
        if not self._change(seen_version, position=to_position, changed_by=by):
            return "refused"
        if any(p.ready_position is not None for p in presences.values()):
            TogetherPresence.objects.filter(session=self).update(ready_position=None)
            for presence in presences.values():
                presence.ready_position = None
        return "moved"

    def waiting_for(self, presences):
        """The user id the other phone is waiting for on this item (one tapped Next, the other is still choosing),
        or None."""
        ready = [p for p in presences.values() if p.ready_position == self.position]
        if len(ready) != 1:
            return None
        return next((p.user_id for p in presences.values() if p.user_id != ready[0].user_id), None)

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

    def end(self, by=None, finished=False):
        """Stop for today, or (`finished`, on the last item) finish together."""
        finished = finished and self.position >= self.length()
        return self._change(ended_at=timezone.now(), changed_by=by, ended_by=by, finished=finished)

    def news_for(self, viewer, name_of):
        """What the partner just did, in words for the viewer's live region; empty when it was the viewer.
        `name_of(user id)`: the pair's names, already read."""
        if self.changed_by_id in (None, viewer.pk):
            return ""
        name = name_of(self.changed_by_id)
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
        return {p.user_id: p for p in cls.objects.filter(session=session)}

    @classmethod
    def with_open_session_of(cls, user):
        """(the open session of `user`'s pair, {user id: presence}) in one query, or None when that session has no
        presence yet (or there is no open session)."""
        rows = list(
            cls.objects.filter(session__pair__members__user_id=user.pk, session__ended_at=None).select_related(
                "session"
            )
        )
        if not rows:
            return None
        session = rows[0].session
        for presence in rows:
            presence.session = session
        return session, {presence.user_id: presence for presence in rows}

    @classmethod
    def seen(cls, session, user, here=True, known=None):
        """This phone is on Together now (or has just left it). Returns True when that flipped, and the session
        was nudged (the caller announces it). `known`: the presences just read (`of`), so a phone seen moments
        ago costs no write."""
        now = timezone.now()
        known_mine = (known or {}).get(user.pk)
        if here and known_mine is not None and known_mine.is_here(now):  # no flip, so nobody to wake
            if (now - known_mine.seen_at).total_seconds() >= cls.SEEN_EVERY:
                cls.objects.filter(pk=known_mine.pk).update(seen_at=now)
                known_mine.seen_at = now
            return False
        here_since = now - timedelta(seconds=cls.HERE_FOR)
        mine = cls.objects.filter(session=session, user=user)
        was_away = models.Q(seen_at=None) | models.Q(seen_at__lt=here_since)
        flipped = mine.filter(was_away if here else ~was_away).update(seen_at=now if here else None)
        if not flipped and not mine.update(seen_at=now if here else None) and here:
            _, flipped = cls.objects.get_or_create(session=session, user=user, defaults={"seen_at": now})
        if flipped:
            session.nudge()
        return bool(flipped)

    @classmethod
    def touched(cls, session, user, idea):
        """This person just saved an answer to `idea`: if it is what `session` is on and their phone is on Together
        (so their partner's card shows them "still choosing"), say so. True when it was. Away from Together an
        answer changes nothing their partner's phone shows, so nothing is written and nobody is woken."""
        if not session.is_ideas or session.current_item() is None or session.current_item().pk != idea.pk:
            return False
        here_since = timezone.now() - timedelta(seconds=cls.HERE_FOR)
        touched = cls.objects.filter(session=session, user=user, seen_at__gte=here_since).update(
            touched_at=timezone.now(), touched_position=session.position
        )
        if touched:
            session.nudge()
        return bool(touched)

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
