from django.db import models
from django.urls import reverse


class ConditionQuerySet(models.QuerySet):
    def felt(self, where):
        """Conditions usually felt at "entrance" or "deep" (those felt at both included)."""
        return self.filter(where_felt__in=[where, Condition.WhereFelt.BOTH])


class Condition(models.Model):
    class WhereFelt(models.TextChoices):
        ENTRANCE = "entrance", "At the entrance"
        DEEP = "deep", "Deep inside"
        BOTH = "both", "At the entrance or deep"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    also_called = models.CharField(max_length=300, blank=True)
    summary = models.TextField(help_text="One or two sentences for the library index.")
    where_felt = models.CharField(max_length=10, choices=WhereFelt)
    feels_like_short = models.CharField(
        max_length=120, help_text="A few words for the comparison table."
    )
    when_felt = models.TextField()
    # Body sections: paragraphs separated by a blank line; "- " starts a bullet.
    what_it_is = models.TextField()
    how_it_feels = models.TextField()
    causes = models.TextField()
    what_helps = models.TextField()
    who_helps = models.TextField()
    questions = models.TextField(help_text="One question per line.")
    reviewed_on = models.DateField()
    next_review_on = models.DateField()

    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("conditions:detail", args=[self.slug])

    @property
    def question_list(self):
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    @property
    def felt_at_entrance(self):
        return self.where_felt in {self.WhereFelt.ENTRANCE, self.WhereFelt.BOTH}

    @property
    def felt_deep(self):
        return self.where_felt in {self.WhereFelt.DEEP, self.WhereFelt.BOTH}

    def sections(self):
        """(heading, body) pairs in reading order."""
        return [
            ("What it is", self.what_it_is),
            ("What it can feel like", self.how_it_feels),
            ("What can cause it", self.causes),
            ("What can help", self.what_helps),
            ("Who can help", self.who_helps),
        ]


class Source(models.Model):
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="sources")
    publisher = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    dated = models.DateField()
    date_label = models.CharField(max_length=40, default="Last reviewed")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.publisher}: {self.title}"
