import json
from functools import cached_property

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from editorial.files import sections
from editorial.markdown import heading_id
from editorial.sources import Source

# The sections of every condition page, in reading order (checked when content loads).
CONDITION_SECTIONS = (
    "What it is",
    "What it can feel like",
    "What can cause it",
    "What can help",
    "Treatments a specialist may offer",
    "Who can help",
    "Support",
)


class ReviewedContent(models.Model):
    """What every page of health information has: sources and review dates. Loaded from files."""

    slug = models.SlugField(unique=True)
    body = models.TextField(help_text="Markdown.")
    sources = models.JSONField(default=list)
    reviewed_on = models.DateField()
    next_review_on = models.DateField()

    class Meta:
        abstract = True

    @cached_property
    def source_list(self):
        return [Source.from_stored(source) for source in self.sources]

    def sections(self):
        """(heading, Markdown) pairs in reading order, from the body's `## ` headings."""
        return [(heading, text) for heading, text, _ in sections(self.body)[1]]

    def anchored_sections(self):
        """(anchor, heading, Markdown) in reading order: the anchor is the id the page gives that heading."""
        return [
            (self.section_anchor(number, heading), heading, text)
            for number, (heading, text) in enumerate(self.sections(), start=1)
        ]

    def section_anchor(self, number, heading):
        raise NotImplementedError


class ConditionQuerySet(models.QuerySet):
    def felt(self, where):
        """Conditions usually felt at "entrance" or "deep" (those felt at both included)."""
        return self.filter(where_felt__in=[where, Condition.WhereFelt.BOTH])


class Condition(ReviewedContent):
    class WhereFelt(models.TextChoices):
        ENTRANCE = "entrance", "At the entrance"
        DEEP = "deep", "Deep inside"
        BOTH = "both", "At the entrance or deep"

    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    also_called = models.CharField(max_length=300, blank=True)
    summary = models.TextField(help_text="One or two sentences for the library index.")
    where_felt = models.CharField(max_length=10, choices=WhereFelt)
    feels_like_short = models.CharField(max_length=120, help_text="A few words for the comparison.")
    when_felt = models.TextField()
    questions = models.JSONField(default=list)

    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("conditions:detail", args=[self.slug])

    def get_sources_url(self):
        return reverse("conditions:sources", args=[self.slug])

    def section_anchor(self, number, heading):
        return f"section-{number}"  # a condition's headings are the same on every page: numbered ids

    @property
    def felt_at_entrance(self):
        return self.where_felt in {self.WhereFelt.ENTRANCE, self.WhereFelt.BOTH}

    @property
    def felt_deep(self):
        return self.where_felt in {self.WhereFelt.DEEP, self.WhereFelt.BOTH}


class PageQuerySet(models.QuerySet["Page"]):
    def on_shelves(self):
        """[(shelf label, [pages])] in the library's shelf order, leaving out empty shelves."""
        pages = list(self.only("slug", "title", "summary", "shelf", "order"))
        return [
            (label, shelved)
            for shelf, label in Page.Shelf.choices
            if (shelved := [p for p in pages if p.shelf == shelf])
        ]

    def in_order_of(self, slugs):
        """The pages with these slugs, in that order (one query; none when `slugs` is empty)."""
        if not slugs:
            return []
        found = {page.slug: page for page in self.filter(slug__in=slugs).only("slug", "title", "summary")}
        return [found[slug] for slug in slugs if slug in found]


class Page(ReviewedContent):
    """A page of the library that is not about one condition, e.g. "What can help now"."""

    class Shelf(models.TextChoices):  # where the library index lists it, in this order
        TOGETHER = "together", "Living with it together"
        HEALTH = "health", "Your health and care"
        SUPPORT = "support", "Looking after yourselves"

    title = models.CharField(max_length=120)
    summary = models.TextField(help_text="The lead paragraph.")
    urgent_signs = models.BooleanField(default=False, help_text="Show the warning signs box.")
    shelf = models.CharField(max_length=10, choices=Shelf, default=Shelf.TOGETHER)
    order = models.PositiveSmallIntegerField(default=0, help_text="Position on its shelf.")

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:page", args=[self.slug])

    def get_sources_url(self):
        return reverse("pages:sources", args=[self.slug])

    def section_anchor(self, number, heading):
        return heading_id(heading)  # the id Markdown gives the heading


class ClinicianLinkQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(opened_at=None, revoked_at=None, expires_at__gt=timezone.now())


class ClinicianLink(models.Model):
    """A one-time link to my appointment sheet for a clinician (conditions/clinician_links.py).

    The sheet is sealed under a fresh key that lives only in the link's #fragment, which browsers never send: the
    server keeps ciphertext it cannot open, and empties it once the link is opened, cancelled or made again."""

    token = models.CharField(max_length=32, unique=True)  # the link's address; opens nothing by itself
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # SHA-256 of the key, so a wrong or cut-short key is told apart from the right one before the link is used up.
    key_digest = models.BinaryField(editable=False)
    sealed = models.BinaryField(editable=False)  # nonce + AES-GCM ciphertext of the sheet, padded; b"" once spent
    # Whether it carries my partner's questions: if they take them back or leave, the link stops working.
    holds_partner_questions = models.BooleanField(default=False)

    objects = ClinicianLinkQuerySet.as_manager()


class PartnerQuestions(models.Model):
    """Questions one partner wrote for the other's appointment, and agreed to show them (conditions/
    partner_questions.py). Sealed under the pair key, so only the two of them can read it, and padded to one size
    whatever it holds. The partner with pain chooses whether they go on their sheet and into a clinician link."""

    MOST = 5
    MAX_CHARS = 200
    # The longest JSON the questions can take (a control character is written \u0001, 6 bytes): one size for all.
    SEALED_BYTES = (len(json.dumps({"questions": ["\x01" * MAX_CHARS] * MOST}, separators=(",", ":")).encode()),)

    pair = models.ForeignKey("partners.Pair", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    agreed_at = models.DateTimeField(default=timezone.now)
    sealed = models.BinaryField(editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pair", "author"], name="one_set_of_questions_per_partner")]

    @staticmethod
    def sealing_context(pair_id, author_id):
        """Bound to its pair and its author, so a sealed value moved to another row does not open."""
        return f"partner-questions:{pair_id}:{author_id}"

    def row_context(self):
        return self.sealing_context(self.pair_id, self.author_id)
