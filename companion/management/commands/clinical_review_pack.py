"""docs/clinical-review.md: everything an outside GP or physiotherapist needs to review the site's health content.

Built from what the site shows (each page's sources and dates, the warning-sign list)
and from the claim tables writers keep in docs/claims/<slug>.md, so it cannot drift
from the content: a test fails when the committed file is out of date.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from conditions.models import Condition, Page
from conditions.urgent import WARNING_SIGNS, Level, Place
from programme.models import SoloGuide, Stage

PACK = Path(settings.BASE_DIR) / "docs" / "clinical-review.md"
CLAIMS = Path(settings.BASE_DIR) / "docs" / "claims"

LEVELS = {
    Level.EMERGENCY: "Emergency: call 999 or go to A&E now",
    Level.URGENT: "Urgent, today: an urgent GP appointment or NHS 111",
    Level.SOON: "Soon: book within days",
}
PLACES = {
    Place.EMERGENCY: "999 or A&E",
    Place.MATERNITY: "midwife, maternity unit or early pregnancy unit",
    Place.OWN_TEAM: "own surgical or cancer team",
    Place.GP: "GP (urgent appointment or 111 when urgent)",
    Place.SEXUAL_HEALTH: "sexual health clinic",
    Place.PHARMACIST: "pharmacist (thrush diagnosed before)",
}


def _source_lines(item):
    lines = []
    for number, source in enumerate(item.source_list, start=1):
        dated = f"{source.date_label} {source.shown_date}" if source.date else "no date shown on the page"
        lines.append(f"{number}. {source.publisher}, “{source.title}”, <{source.url}>. {dated}; checked {source.checked_on:%-d %B %Y}.")
    return lines


def _claims(slug):
    path = CLAIMS / f"{slug}.md"
    return path.read_text(encoding="utf-8").strip() if path.exists() else "_No claim table yet: every claim on this page still needs one._"


def _part(title, item, path):
    current = "yes" if any(source.is_current(item.reviewed_on) for source in item.source_list) else "**no**"
    return "\n".join([
        f"### {title}",
        "",
        f"Address `{item.get_absolute_url()}` · file `{path}` · checked against its sources {item.reviewed_on:%-d %B %Y} · "
        f"a source dated within three years: {current}",
        "",
        "Sources, as the page lists them:",
        "",
        *_source_lines(item),
        "",
        _claims(item.slug),
    ])


def _urgent_table():
    rows = ["| Warning sign, as the site words it | Level | Where it sends people first |", "| --- | --- | --- |"]
    for sign in sorted(WARNING_SIGNS, key=lambda sign: -sign.level):
        places = ", ".join(PLACES[place] for place in sign.places) or "the level's usual places"
        note = f" *{sign.note}*" if sign.note else ""
        rows.append(f"| {sign.label}{note} | {LEVELS[sign.level]} | {places} |")
    return rows


def pack():
    intro = (CLAIMS / "_intro.md").read_text(encoding="utf-8").strip()
    parts = [intro, "", "## The warning signs", "",
             "One list in `conditions/urgent.py` feeds the guide, every condition page, the library pages that show "
             "warning signs, and the appointment sheet. Where each sign comes from is in `docs/urgent-signs.md`.", "",
             *_urgent_table(), "", "## Condition pages", ""]
    for condition in Condition.objects.all():
        parts += [_part(condition.name, condition, f"conditions/content/conditions/{condition.slug}.md"), ""]
    parts += ["## Library pages", ""]
    for shelf, label in Page.Shelf.choices:
        for page in Page.objects.filter(shelf=shelf):
            parts += [_part(page.title, page, f"conditions/content/pages/{page.slug}.md"), ""]
    parts += ["## The programme", "", "Stages for two, then the solo guides for the partner with pain. "
              "`docs/programme-sources.md` gives the lines of each source each part rests on.", ""]
    for stage in Stage.objects.order_by("number"):
        parts += [_part(f"Stage {stage.number}: {stage.title}", stage, f"programme/content/stages/{stage.slug}.md"), ""]
    for guide in SoloGuide.objects.order_by("order"):
        parts += [_part(f"Solo: {guide.title}", guide, f"programme/content/solo/{guide.slug}.md"), ""]
    return "\n".join(parts).rstrip() + "\n"


class Command(BaseCommand):
    help = "Write docs/clinical-review.md from the loaded content and docs/claims/ (--check: fail if it is out of date)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Change nothing; fail if the file is out of date.")

    def handle(self, *args, check=False, **options):
        text = pack()
        if check:
            if not PACK.exists() or PACK.read_text(encoding="utf-8") != text:
                raise CommandError("docs/clinical-review.md is out of date: run `manage.py clinical_review_pack`.")
            self.stdout.write("docs/clinical-review.md is up to date.")
            return
        PACK.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {PACK.relative_to(settings.BASE_DIR)}.")
