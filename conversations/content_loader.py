"""Conversation scripts and ideas for closeness, from conversations/content/ (see docs/content.md)."""

from pathlib import Path

from django.conf import settings

from editorial.files import ContentError, Field, clean, sections
from editorial.loading import Plan, check_markdown, check_slug_is_file_name, read_all
from partners.models import Membership

from .models import Idea, IdeaCategory, Mark, Script, Speaker, Step, TogetherSession

FOLDER = Path(__file__).parent / "content"
IF_HARD = "If this gets hard"
SPEAKER_HEADINGS = {label: value for value, label in Speaker.choices}

SCRIPT_FIELDS = {
    "slug": Field("slug"),
    "title": Field(),
    "order": Field("int"),
    "minutes": Field("int"),
    "when_it_helps": Field(),
    "retired": Field("bool", required=False, default=False),
}

IDEA_FIELDS = {
    "slug": Field("slug"),
    "title": Field(),
    "description": Field(),
    "gentle_note": Field(),
    "no_genital_touch": Field("bool", required=False, default=False),
    "flare_friendly": Field("bool", required=False, default=False),
    "two_sided": Field("bool", required=False, default=False),
    "give_label": Field(required=False, default=""),
    "receive_label": Field(required=False, default=""),
    "retired": Field("bool", required=False, default=False),
}

CATEGORY_FIELDS = {
    "slug": Field("slug"),
    "name": Field(),
    "order": Field("int"),
    "ideas": Field("records", fields=IDEA_FIELDS),
}


def _read_steps(item, errors, plan):
    preamble, found = sections(item.body)
    if preamble or not found:
        errors.add(item.path, item.body_line, f"each step starts with a '## ' heading: {', '.join(SPEAKER_HEADINGS)}")
    steps = []
    for heading, text, offset in found:
        line = item.body_line + offset
        if heading not in SPEAKER_HEADINGS:
            errors.add(item.path, line, f"'## {heading}' must name who reads it: {', '.join(SPEAKER_HEADINGS)}")
        prompt, hard = sections(text, "### ")
        if not prompt:
            errors.add(item.path, line, "this step has nothing to say or do")
        if [h for h, _, _ in hard] not in ([], [IF_HARD]):
            errors.add(item.path, line, f"a step's only '### ' section is '### {IF_HARD}'")
        check_markdown(plan, text, item.path, line + 1, errors)
        steps.append(
            {"speaker": SPEAKER_HEADINGS.get(heading), "prompt": prompt, "if_hard": hard[0][1] if hard else ""}
        )
    return steps


def _read_scripts(errors, plan):
    scripts = []
    for item in read_all(FOLDER / "scripts", errors, settings.BASE_DIR):
        values = clean(item.header, SCRIPT_FIELDS, errors, item.path, item.header_line)
        check_slug_is_file_name(values, item, errors)
        values["steps"] = _read_steps(item, errors, plan)
        plan.paths.add(f"/talk/{values['slug']}/")
        scripts.append(values)
    return scripts


def _read_categories(errors, plan):
    categories = []
    idea_slugs: dict[str, str] = {}  # idea slug -> the file that has it
    for item in read_all(FOLDER / "ideas", errors, settings.BASE_DIR):
        values = clean(item.header, CATEGORY_FIELDS, errors, item.path, item.header_line)
        check_slug_is_file_name(values, item, errors)
        for idea in values["ideas"]:
            if idea["slug"] in idea_slugs:
                errors.add(item.path, idea["_line"], f"idea '{idea['slug']}' is also in {idea_slugs[idea['slug']]}")
            idea_slugs[idea["slug"]] = item.path
            if idea["two_sided"] and not (idea["give_label"] and idea["receive_label"]):
                errors.add(item.path, idea["_line"], "a two-sided idea needs 'give_label' and 'receive_label'")
        check_markdown(plan, item.body, item.path, item.body_line, errors)
        values["description"] = item.body.strip()
        values["path"] = item.path
        categories.append(values)
    return categories


def _apply_scripts(report, scripts):
    for values in scripts:
        steps = values.pop("steps")
        script = report.sync(
            Script, "script", {"slug": values["slug"]}, {k: v for k, v in values.items() if k != "slug"}
        )
        if values["retired"] and script.retired != values["retired"]:
            report.note("retired", "script", str(script))
        for order, step in enumerate(steps, start=1):
            report.sync(Step, f"step of {script}", {"script": script, "order": order}, step)
        extra = script.steps.filter(order__gt=len(steps))
        if extra.exists():
            report.note("removed", "steps", f"{script}: {extra.count()} after step {len(steps)}")
            extra.delete()
    for gone in Script.objects.exclude(slug__in=[values["slug"] for values in scripts]):
        if TogetherSession.objects.filter(script=gone).exists():
            raise ContentError(
                "conversations/content/scripts",
                1,
                f"'{gone.slug}' has no file, but couples have used it: keep its file with 'retired: true'",
            )
        report.note("removed", "script", str(gone))
        gone.delete()


def _apply_ideas(report, categories):
    before = set(Idea.objects.values_list("pk", "two_sided"))
    _sync_ideas(report, categories)
    if set(Idea.objects.values_list("pk", "two_sided")) != before:
        # Every paired person remakes their match tokens on their next visit, so each has the same number per idea.
        Membership.objects.update(tokens_complete=False)


def _sync_ideas(report, categories):
    kept = []
    for values in categories:
        ideas = values.pop("ideas")
        category = report.sync(
            IdeaCategory,
            "idea category",
            {"slug": values["slug"]},
            {"name": values["name"], "order": values["order"], "description": values["description"]},
        )
        for order, idea in enumerate(ideas, start=1):
            fields = {k: v for k, v in idea.items() if k not in {"slug", "_line"}}
            before = Idea.objects.filter(slug=idea["slug"], retired=False).exists()
            report.sync(Idea, "idea", {"slug": idea["slug"]}, {**fields, "category": category, "order": order})
            if idea["retired"] and before:
                report.note("retired", "idea", idea["title"])
            kept.append(idea["slug"])
    for gone in Idea.objects.exclude(slug__in=kept):
        if Mark.objects.exists():  # marks are sealed, so which ideas they are on cannot be known: keep every idea
            raise ContentError(
                "conversations/content/ideas",
                1,
                f"idea '{gone.slug}' has no entry, but people have marked ideas: keep it with 'retired: true'",
            )
        report.note("removed", "idea", str(gone))
        gone.delete()
    for gone_category in IdeaCategory.objects.exclude(slug__in=[values["slug"] for values in categories]):
        if gone_category.ideas.exists() or TogetherSession.objects.filter(category=gone_category).exists():
            raise ContentError(
                "conversations/content/ideas", 1, f"category '{gone_category.slug}' has no file but is still in use"
            )
        report.note("removed", "idea category", str(gone_category))
        gone_category.delete()


def read(errors):
    plan = Plan(apply=None)
    scripts = _read_scripts(errors, plan)
    categories = _read_categories(errors, plan)

    def apply(report):
        _apply_scripts(report, scripts)
        _apply_ideas(report, categories)

    plan.apply = apply
    return plan
