"""Guided conversation scripts, stepped through one prompt at a time, and who reads each step aloud."""

from dataclasses import dataclass

from django.db import models
from django.urls import reverse


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
        assert Script._meta.ordering is not None  # Django keeps a list (Script's own); the stubs allow None
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

    @property
    def number(self):
        """This conversation's place in the list (its `order`: 1, 2, ...), for titles that tell pages apart without
        saying what is being talked about. No query."""
        return self.order

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
    def for_seat(cls, seat):
        """From the seat's answers (sealed under the pair key this session opens): unknown outside a full pair or
        when this phone cannot open them, never an error."""
        answers = seat.lives_with_pain if seat is not None and seat.is_full else {}
        if len(answers) != 2:
            return cls()
        return cls(i_live_with_pain=answers[seat.membership.pk], both_live_with_pain=all(answers.values()))

    @property
    def pace_line(self):
        if self.i_live_with_pain is None:
            return ""
        if self.both_live_with_pain:
            return "Either of you sets the pace. Either can pause."
        return (
            "You set the pace." if self.i_live_with_pain else "Your partner sets the pace."
        ) + " Either of you can pause."
