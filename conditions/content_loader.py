"""Condition pages and library pages, from conditions/content/ (see docs/content.md)."""

from pathlib import Path

from django.conf import settings

from editorial.files import SOURCE, Field, clean, plain_sources, sections
from editorial.loading import Plan, check_address, check_markdown, check_slug_is_file_name, read_all

from .models import CONDITION_SECTIONS, Condition, Page

FOLDER = Path(__file__).parent / "content"
MIN_SOURCES = 3

REVIEWED = {"reviewed_on": Field("date"), "next_review_on": Field("date"), "sources": SOURCE}

CONDITION_FIELDS = {
    "slug": Field("slug"),
    "name": Field(),
    "order": Field("int"),
    "also_called": Field(required=False, default=""),
    "summary": Field(),
    "where_felt": Field("choice", choices=tuple(Condition.WhereFelt.values)),
    "feels_like_short": Field(),
    "when_felt": Field(),
    "questions": Field("texts"),
    **REVIEWED,
}

PAGE_FIELDS = {
    "slug": Field("slug"),
    "title": Field(),
    "summary": Field(),
    "urgent_signs": Field("bool", required=False, default=False),
    "shelf": Field("choice", choices=tuple(Page.Shelf.values)),
    "order": Field("int"),
    **REVIEWED,
}


def _check_reviewed(values, item, errors, min_sources=1):
    if values["reviewed_on"] and values["next_review_on"] and values["next_review_on"] <= values["reviewed_on"]:
        errors.add(item.path, item.header["next_review_on"].line, "'next_review_on' must come after 'reviewed_on'")
    if len(values["sources"]) < min_sources:
        line = item.header["sources"].line if "sources" in item.header else item.header_line
        errors.add(item.path, line, f"needs at least {min_sources} sources, has {len(values['sources'])}")


def _checked_body(values, item, errors, plan, address, view_names):
    """The parts every reviewed file shares once its own fields are checked: body, sources, address."""
    check_slug_is_file_name(values, item, errors)
    if values["slug"]:
        check_address(address.format(slug=values["slug"]), view_names, values, item, errors)
    check_markdown(plan, item.body, item.path, item.body_line, errors)
    values.update(body=item.body.strip(), sources=plain_sources(values["sources"]))
    plan.paths.add(address.format(slug=values["slug"]))
    return values


def _read_conditions(errors, plan):
    rows = []
    for item in read_all(FOLDER / "conditions", errors, settings.BASE_DIR):
        values = clean(item.header, CONDITION_FIELDS, errors, item.path, item.header_line)
        _check_reviewed(values, item, errors, MIN_SOURCES)
        for number, question in enumerate(values["questions"]):
            if question and not question.endswith("?"):
                errors.add(item.path, item.header["questions"].value[number].line, "each question ends with '?'")
        preamble, found = sections(item.body)
        headings = [heading for heading, _, _ in found]
        if preamble or headings != list(CONDITION_SECTIONS):
            errors.add(
                item.path,
                item.body_line,
                f"the text needs exactly these '## ' sections, in order: {'; '.join(CONDITION_SECTIONS)}. "
                f"It has: {'; '.join(headings) or 'none'}",
            )
        rows.append(
            _checked_body(values, item, errors, plan, "/library/{slug}/", ("conditions:detail", "conditions:sources"))
        )
    return rows


def _read_pages(errors, plan):
    rows = []
    for item in read_all(FOLDER / "pages", errors, settings.BASE_DIR):
        values = clean(item.header, PAGE_FIELDS, errors, item.path, item.header_line)
        _check_reviewed(values, item, errors)
        rows.append(_checked_body(values, item, errors, plan, "/{slug}/", ("pages:page", "pages:sources")))
    return rows


def _sync_all(report, model, kind, rows):
    for values in rows:
        report.sync(model, kind, {"slug": values["slug"]}, {k: v for k, v in values.items() if k != "slug"})
    # Nobody's data points at these pages, so a page whose file is gone is removed.
    for gone in model.objects.exclude(slug__in=[values["slug"] for values in rows]):
        report.note("removed", kind, str(gone))
        gone.delete()


def read(errors):
    plan = Plan(apply=None)
    conditions = _read_conditions(errors, plan)
    pages = _read_pages(errors, plan)

    def apply(report):
        _sync_all(report, Condition, "condition", conditions)
        _sync_all(report, Page, "page", pages)

    plan.apply = apply
    return plan
