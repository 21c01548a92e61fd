"""The programme's shipped content: stages, their practices and timed parts, and the solo guides and steps
(loaded from programme/content/ by `load_content`; see docs/content.md)."""

from functools import cached_property

from django.db import models
from django.urls import reverse

from editorial.sources import Source


class Stage(models.Model):
    """One stage of the programme, from programme/content/stages/ (see docs/content.md)."""

    slug = models.SlugField(unique=True)
    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    why = models.TextField()
    ground_rules = models.TextField()  # Markdown
    for_the_supporting_partner = models.TextField()  # Markdown
    needs_solo_steps = models.BooleanField(default=False)
    reviewed_on = models.DateField()
    next_review_on = models.DateField()
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"Stage {self.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("programme:stage", args=[self.slug])

    def get_sources_url(self):
        return reverse("programme:stage_sources", args=[self.slug])

    @cached_property
    def source_list(self):
        return [Source.from_stored(source) for source in self.sources]


class Practice(models.Model):
    """One session of a stage: timed parts, from a breathing opener to a check-in."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="practices")
    order = models.PositiveSmallIntegerField()
    slug = models.SlugField()
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)

    class Meta:
        ordering = ["stage__number", "order"]
        constraints = [models.UniqueConstraint(fields=["stage", "slug"], name="one_practice_slug_per_stage")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:practice", args=[self.stage.slug, self.slug])

    def minutes(self):
        return sum(part.minutes for part in self.parts.all())


class PartKind(models.TextChoices):
    BREATHE = "breathe", "Breathe together"
    FIRST_TURN = "first_turn", "First turn"
    SECOND_TURN = "second_turn", "Second turn"
    BOTH = "both", "Both at once"
    CHECK_IN = "check_in", "Check in"


class Part(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="parts")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=PartKind.choices)
    minutes = models.PositiveSmallIntegerField()
    text = models.TextField()  # Markdown

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.minutes} minutes"


class SoloGuide(models.Model):
    """A guide for the partner with pain to use alone, from programme/content/solo/."""

    slug = models.SlugField(unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    why = models.TextField()
    body = models.TextField()  # Markdown; for step-by-step guides, what comes before the steps
    reviewed_on = models.DateField()
    next_review_on = models.DateField()
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:solo_guide", args=[self.slug])

    def get_sources_url(self):
        return reverse("programme:solo_guide_sources", args=[self.slug])

    @cached_property
    def source_list(self):
        return [Source.from_stored(source) for source in self.sources]


class SoloStep(models.Model):
    guide = models.ForeignKey(SoloGuide, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    how_long = models.TextField()
    pressure_not_pain = models.TextField()
    if_it_hurts = models.TextField()
    when_to_ask = models.TextField()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"Step {self.number}: {self.title}"

    def get_absolute_url(self):
        return f"{self.guide.get_absolute_url()}#step-{self.number}"
