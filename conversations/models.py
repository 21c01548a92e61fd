from django.db import models
from django.urls import reverse


class Speaker(models.TextChoices):
    PAIN = "pain", "Partner with pain"
    SUPPORT = "support", "Supporting partner"
    BOTH = "both", "Both of you"


class ScriptQuerySet(models.QuerySet):
    def with_step_count(self):
        # Meta.ordering is dropped from GROUP BY queries, so order explicitly.
        return self.annotate(step_count=models.Count("steps")).order_by(*Script._meta.ordering)


class Script(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=150)
    order = models.PositiveSmallIntegerField(default=0)
    when_it_helps = models.TextField()
    minutes = models.PositiveSmallIntegerField(help_text="About how long it takes.")

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
    prompt = models.TextField(help_text="What to say or do. A blank line starts a new paragraph.")
    if_hard = models.TextField("if this gets hard", blank=True)
    link_url = models.CharField(max_length=200, blank=True, help_text="A page of this site, e.g. /library/.")
    link_text = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.script}: step {self.order}"

    def speaker_changed_from(self, previous):
        return previous is not None and previous.speaker != self.speaker

    @property
    def read_aloud_by(self):
        return {
            Speaker.PAIN: "The partner with pain reads this aloud",
            Speaker.SUPPORT: "The supporting partner reads this aloud",
            Speaker.BOTH: "Read this one together",
        }[self.speaker]

    @property
    def pass_the_phone_to(self):
        return {
            Speaker.PAIN: "Pass the phone to the partner with pain",
            Speaker.SUPPORT: "Pass the phone to the supporting partner",
            Speaker.BOTH: "Hold the phone between you",
        }[self.speaker]
