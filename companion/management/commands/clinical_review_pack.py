"""docs/clinical-review.md: everything an outside GP or physiotherapist needs to review the site's health content.

Built from what the site shows (each page's sources and dates, the warning-sign list)
and from the claim tables writers keep in docs/claims/<slug>.md, so it cannot drift
from the content: a test fails when the committed file is out of date.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from conditions import content_loader as conditions_content
from conditions.models import Condition, Page
from conditions.urgent import WARNING_SIGNS, Level, Place
from programme import content_loader as programme_content
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
        lines.append(
            f"{number}. {source.publisher}, “{source.title}”, <{source.url}>. {dated}; checked {source.checked_on:%-d %B %Y}."
        )
    return lines


def _claims_file(item):
    """docs/claims/<slug>.md, or docs/claims/programme/<slug>.md for the programme (its slugs are its own)."""
    return CLAIMS / ("programme" if isinstance(item, (Stage, SoloGuide)) else "") / f"{item.slug}.md"


def _claims(item):
    path = _claims_file(item)
    return (
        path.read_text(encoding="utf-8").strip()
        if path.exists()
        else "_No claim table yet: every claim on this page still needs one._"
    )


def _has_current_source(item):
    return any(source.is_current(item.reviewed_on) for source in item.source_list)


def _claim_count(item):
    path = _claims_file(item)
    rows = (
        [line for line in path.read_text(encoding="utf-8").split("\n") if line.startswith("| ")]
        if path.exists()
        else []
    )
    return max(len(rows) - 1, 0)  # less the header row (the |---| line does not start with "| ")


def _at_a_glance(items):
    rows = ["| Page | Sources | One dated within three years | Claims in its table |", "| --- | ---: | --- | ---: |"]
    for title, item, _ in items:
        rows.append(
            f"| {title} | {len(item.source_list)} | {'yes' if _has_current_source(item) else '**no**'} | {_claim_count(item)} |"
        )
    return rows


def _part(title, item, path):
    current = "yes" if _has_current_source(item) else "**no**"
    return "\n".join(
        [
            f"### {title}",
            "",
            f"Address `{item.get_absolute_url()}` · file `{path}` · checked against its sources {item.reviewed_on:%-d %B %Y} · "
            f"a source dated within three years: {current}",
            "",
            "Sources, as the page lists them:",
            "",
            *_source_lines(item),
            "",
            _claims(item),
        ]
    )


def _urgent_table():
    rows = ["| Warning sign, as the site words it | Level | Where it sends people first |", "| --- | --- | --- |"]
    for sign in sorted(WARNING_SIGNS, key=lambda sign: -sign.level):
        places = ", ".join(PLACES[place] for place in sign.places) or "the level's usual places"
        note = f" *{sign.note}*" if sign.note else ""
        rows.append(f"| {sign.label}{note} | {LEVELS[sign.level]} | {places} |")
    return rows


def _reviewed_items():
    """(title, item, file) for every page of health content, in the order the pack gives them."""

    def file(folder, item):
        return (folder / f"{item.slug}.md").relative_to(settings.BASE_DIR)

    items: list[tuple[str, Condition | Page | Stage | SoloGuide, Path]] = [
        (c.name, c, file(conditions_content.FOLDER / "conditions", c)) for c in Condition.objects.all()
    ]
    for shelf, _ in Page.Shelf.choices:
        items += [(p.title, p, file(conditions_content.FOLDER / "pages", p)) for p in Page.objects.filter(shelf=shelf)]
    items += [
        (f"Stage {s.number}: {s.title}", s, file(programme_content.FOLDER / "stages", s))
        for s in Stage.objects.order_by("number")
    ]
    items += [
        (f"Solo: {g.title}", g, file(programme_content.FOLDER / "solo", g)) for g in SoloGuide.objects.order_by("order")
    ]
    return items


SECTIONS = {Condition: "## Condition pages", Page: "## Library pages", Stage: "## The programme"}
PROGRAMME_NOTE = (
    "Stages for two, then the solo guides for the partner with pain. "
    "`docs/programme-sources.md` gives the lines of each source each part rests on."
)


def pack():
    items = _reviewed_items()
    intro = (CLAIMS / "_intro.md").read_text(encoding="utf-8").strip()
    parts = [
        intro,
        "",
        "## At a glance",
        "",
        *_at_a_glance(items),
        "",
        "## The warning signs",
        "",
        "One list in `conditions/urgent.py` feeds the guide, every condition page, the library pages that show "
        "warning signs, and the appointment sheet. Where each sign comes from is in `docs/urgent-signs.md`.",
        "",
        *_urgent_table(),
        "",
    ]
    headings = dict(SECTIONS)  # each section's heading comes before its first page
    for title, item, path in items:
        if heading := headings.pop(type(item), None):
            parts += [heading, "", *([PROGRAMME_NOTE, ""] if type(item) is Stage else [])]
        parts += [_part(title, item, path), ""]
    return "\n".join(parts).rstrip() + "\n"


class Command(BaseCommand):
    help = (
        "Write docs/clinical-review.md from the loaded content and docs/claims/ (--check: fail if it is out of date)."
    )

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
