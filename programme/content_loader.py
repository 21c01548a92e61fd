"""The programme's stages, from programme/content/stages/ (see docs/content.md)."""

import re
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

from editorial.files import SOURCE, Field, clean, plain_sources, sections
from editorial.loading import Plan, check_address, check_markdown, check_slug_is_file_name, read_all

from .models import Part, PartKind, Practice, SoloGuide, SoloStep, Stage

FOLDER = Path(__file__).parent / "content"
MIN_SOURCES = 2
GROUND_RULES, FOR_PARTNER, SESSION = "Ground rules", "For the supporting partner", "Session: "
PART_HEADING = re.compile(r"^(?P<kind>.+?) · (?P<minutes>\d{1,2}) minutes?$")
PART_KINDS = {label: value for value, label in PartKind.choices}

STAGE_FIELDS = {
    "slug": Field("slug"),
    "number": Field("int"),
    "title": Field(),
    "why": Field(),
    "needs_solo_steps": Field("bool", required=False, default=False),
    "reviewed_on": Field("date"),
    "next_review_on": Field("date"),
    "sources": SOURCE,
}


def _read_parts(text, path, line, errors, plan):
    intro, found = sections(text, "### ")
    parts = []
    for heading, part_text, offset in found:
        match = PART_HEADING.match(heading)
        kind = PART_KINDS.get(match["kind"]) if match else None
        if match is None or kind is None or not 1 <= int(match["minutes"]) <= 30:
            errors.add(
                path,
                line + offset,
                f"a part is '### <kind> · <1 to 30> minutes'; the kinds are: {', '.join(PART_KINDS)}",
            )
            continue
        if not part_text:
            errors.add(path, line + offset, "this part has nothing to do")
        check_markdown(plan, part_text, path, line + offset + 1, errors)
        parts.append({"kind": kind, "minutes": int(match["minutes"]), "text": part_text})
    kinds = [part["kind"] for part in parts]
    if kinds and (kinds[0] != PartKind.BREATHE or kinds[-1] != PartKind.CHECK_IN):
        errors.add(path, line, "a session starts with 'Breathe together' and ends with 'Check in'")
    if not parts:
        errors.add(path, line, "a session needs its parts, each '### <kind> · <minutes> minutes'")
    return intro, parts


def _read_stages(errors, plan):
    stages = []
    numbers: dict[int, str] = {}  # stage number -> the file that has it
    for item in read_all(FOLDER / "stages", errors, settings.BASE_DIR):
        values = clean(item.header, STAGE_FIELDS, errors, item.path, item.header_line)
        check_slug_is_file_name(values, item, errors)
        if values["slug"]:
            check_address(
                f"/programme/{values['slug']}/", ("programme:stage", "programme:stage_sources"), values, item, errors
            )
        if values["number"] in numbers:
            errors.add(
                item.path, item.header["number"].line, f"stage {values['number']} is also {numbers[values['number']]}"
            )
        numbers[values["number"]] = item.path
        if values["reviewed_on"] and values["next_review_on"] and values["next_review_on"] <= values["reviewed_on"]:
            errors.add(item.path, item.header["next_review_on"].line, "'next_review_on' must come after 'reviewed_on'")
        if len(values["sources"]) < MIN_SOURCES:
            errors.add(
                item.path, item.header_line, f"needs at least {MIN_SOURCES} sources, has {len(values['sources'])}"
            )
        preamble, found = sections(item.body)
        named = {heading: (text, offset) for heading, text, offset in found}
        for needed in (GROUND_RULES, FOR_PARTNER):
            if needed not in named:
                errors.add(item.path, item.body_line, f"the text needs a '## {needed}' section")
        practices: list[dict[str, object]] = []
        for heading, text, offset in found:
            if heading in (GROUND_RULES, FOR_PARTNER):
                check_markdown(plan, text, item.path, item.body_line + offset + 1, errors)
                continue
            if not heading.startswith(SESSION) or not heading[len(SESSION) :].strip():
                errors.add(
                    item.path,
                    item.body_line + offset,
                    f"'## {heading}': sections are '## {GROUND_RULES}', '## {FOR_PARTNER}' and '## {SESSION}<title>'",
                )
                continue
            title = heading[len(SESSION) :].strip()
            slug = slugify(title)
            if slug == "sources":
                errors.add(
                    item.path,
                    item.body_line + offset,
                    f"'{title}': a session cannot be called this, because "
                    f"/programme/{values['slug']}/sources/ lists the stage's sources",
                )
            elif not slug or len(slug) > 50 or slug in {p["slug"] for p in practices}:
                errors.add(
                    item.path,
                    item.body_line + offset,
                    f"'{title}': a session needs a title of its own, in letters and numbers, "
                    "that makes an address of 50 characters or fewer",
                )
            intro, parts = _read_parts(text, item.path, item.body_line + offset, errors, plan)
            practices.append({"slug": slug, "title": title, "intro": intro, "parts": parts})
        if not practices:
            errors.add(item.path, item.body_line, f"a stage needs at least one '## {SESSION}<title>'")
        values.update(
            ground_rules=named.get(GROUND_RULES, ("", 0))[0],
            for_the_supporting_partner=named.get(FOR_PARTNER, ("", 0))[0],
            sources=plain_sources(values["sources"]),
            practices=practices,
        )
        plan.paths.add(f"/programme/{values['slug']}/")
        stages.append(values)
    if stages and sorted(numbers) != list(range(1, len(numbers) + 1)):
        errors.add(
            "programme/content/stages", 1, f"stages are numbered 1, 2, 3 ... with no gaps; found {sorted(numbers)}"
        )
    return stages


def _apply_stages(report, stages):
    for values in stages:
        practices = values.pop("practices")
        # Numbers may swap between loads: park the old ones out of the way first.
        Stage.objects.filter(number=values["number"]).exclude(slug=values["slug"]).update(
            number=1000 + values["number"]
        )
        stage = report.sync(Stage, "stage", {"slug": values["slug"]}, {k: v for k, v in values.items() if k != "slug"})
        for order, practice in enumerate(practices, start=1):
            parts = practice.pop("parts")
            slug = practice.pop("slug")
            row = report.sync(
                Practice, f"session of {stage}", {"stage": stage, "slug": slug}, {**practice, "order": order}
            )
            for part_order, part in enumerate(parts, start=1):
                report.sync(Part, f"part of {row}", {"practice": row, "order": part_order}, part)
            extra = row.parts.filter(order__gt=len(parts))
            if extra.exists():
                report.note("removed", "parts", f"{row}: {extra.count()}")
                extra.delete()
        for gone in stage.practices.exclude(slug__in=[slugify(p["title"]) for p in practices]):
            report.note("removed", "session", str(gone))
            gone.delete()  # how it felt keeps its title (Feeling.practice_title)
    for gone in Stage.objects.exclude(slug__in=[values["slug"] for values in stages]):
        report.note("removed", "stage", str(gone))
        gone.delete()


SOLO_FIELDS = {
    "order": Field("int"),
    **{key: STAGE_FIELDS[key] for key in ("slug", "title", "why", "reviewed_on", "next_review_on", "sources")},
}
STEP_HEADING = re.compile(r"^Step (?P<number>\d+): (?P<title>.+)$")
STEP_PARTS = {
    "How long": "how_long",
    "Pressure, not pain": "pressure_not_pain",
    "If it hurts": "if_it_hurts",
    "When to ask a physiotherapist": "when_to_ask",
}


def _read_solo(errors, plan):
    """Solo guides: an exercise (its whole text), or steps ('## Step N: <title>', each with the four parts)."""
    guides = []
    for item in read_all(FOLDER / "solo", errors, settings.BASE_DIR):
        values = clean(item.header, SOLO_FIELDS, errors, item.path, item.header_line)
        check_slug_is_file_name(values, item, errors)
        if values["slug"]:
            check_address(
                f"/programme/solo/{values['slug']}/",
                ("programme:solo_guide", "programme:solo_guide_sources"),
                values,
                item,
                errors,
            )
        if len(values["sources"]) < MIN_SOURCES:
            errors.add(
                item.path, item.header_line, f"needs at least {MIN_SOURCES} sources, has {len(values['sources'])}"
            )
        check_markdown(plan, item.body, item.path, item.body_line, errors)
        preamble, found = sections(item.body)
        steps: list[dict[str, object]] = []
        if any(heading.startswith("Step ") for heading, _, _ in found):
            for heading, text, offset in found:
                match = STEP_HEADING.match(heading)
                named = {h: t for h, t, _ in sections(text, "### ")[1]}
                if not match or int(match["number"]) != len(steps) + 1 or list(named) != list(STEP_PARTS):
                    errors.add(
                        item.path,
                        item.body_line + offset,
                        f"steps are '## Step 1: <title>', 2, 3 ..., each with '### ' {', '.join(STEP_PARTS)}",
                    )
                    continue
                steps.append(
                    {"number": len(steps) + 1, "title": match["title"], **{STEP_PARTS[h]: t for h, t in named.items()}}
                )
            values["body"] = preamble
        else:
            values["body"] = item.body.strip()
        values.update(sources=plain_sources(values["sources"]), steps=steps)
        plan.paths.add(f"/programme/solo/{values['slug']}/")
        guides.append(values)
    return guides


def _apply_solo(report, guides):
    for values in guides:
        steps = values.pop("steps")
        guide = report.sync(
            SoloGuide, "solo guide", {"slug": values["slug"]}, {k: v for k, v in values.items() if k != "slug"}
        )
        for step in steps:
            number = step.pop("number")
            report.sync(SoloStep, f"step of {guide}", {"guide": guide, "number": number}, step)
        gone = guide.steps.filter(number__gt=len(steps))
        if gone.exists():
            report.note("removed", "steps", f"{guide}: {gone.count()}")
            gone.delete()  # logged practice keeps its step's title
    for gone in SoloGuide.objects.exclude(slug__in=[values["slug"] for values in guides]):
        report.note("removed", "solo guide", str(gone))
        gone.delete()


def read(errors):
    plan = Plan(apply=None)
    stages = _read_stages(errors, plan)
    guides = _read_solo(errors, plan)

    def apply(report):
        _apply_stages(report, stages)
        _apply_solo(report, guides)

    plan.apply = apply
    return plan
