"""Check-ins and "How far we've come": the questions (from programme/content/check-in.yaml, which a writer edits),
who is asked which, and what a person's own answers and practice show over time.

Nothing here seals or opens a record: the answers arrive opened, from private_records.Diary.
"""

import functools
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml
from django.utils import timezone

from editorial.checks import content_file_check

from .models import CheckIn
from .models.private import CHECK_IN_ANSWERS

CONTENT = Path(__file__).parent / "content" / "check-in.yaml"
FOR = {"pain", "partner", "everyone"}
SAME_WITHIN = 1  # a change of one point either way counts as "about the same"
KIND_WORDS = ("first", "better", "same", "worse", "harder_than_last", "if_pain_is_worse")


@dataclass(frozen=True)
class Question:
    key: str
    asks: str  # pain | partner | everyone
    short: str  # the heading of its chart
    text: str
    low: str
    high: str
    not_tried: str | None
    measure: str
    better: str  # lower | higher


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    about: str
    licence: str


@dataclass(frozen=True)
class Content:
    every_days: int
    welcome_back_after_days: int
    intro: str
    questions: tuple[Question, ...]
    measures: dict[str, Measure]
    kind_words: dict[str, str]
    welcome_back: dict[str, str]
    booster: str


class ContentError(ValueError):
    pass


def read(path=CONTENT) -> Content:
    """The check-in file, checked: every question known, asked of someone, on a measure the file names."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        measures = {m["key"]: Measure(m["key"], m["name"], m["about"], m["licence"]) for m in data["measures"]}
        questions = tuple(
            Question(
                q["key"],
                q["for"],
                q["short"],
                q["text"],
                q["low"],
                q["high"],
                q.get("not_tried"),
                q["measure"],
                q["better"],
            )
            for q in data["questions"]
        )
        content = Content(
            int(data["every_days"]),
            int(data["welcome_back_after_days"]),
            data["intro"],
            questions,
            measures,
            {word: data["kind_words"][word] for word in KIND_WORDS},
            {part: data["welcome_back"][part] for part in ("heading", "text", "start_lower")},
            data["booster"]["text"],
        )
    except (KeyError, TypeError) as missing:
        raise ContentError(f"{path.name}: {missing} is missing or not in the right shape") from None
    keys = [q.key for q in questions]
    if sorted(keys) != sorted(CHECK_IN_ANSWERS):
        raise ContentError(f"{path.name}: the questions must be exactly {', '.join(CHECK_IN_ANSWERS)}")
    for question in questions:
        if question.asks not in FOR or question.measure not in measures or question.better not in {"lower", "higher"}:
            raise ContentError(f"{path.name}: question {question.key} has an unknown `for`, `measure` or `better`")
    return content


@functools.cache
def content() -> Content:
    return read()


# `manage.py check` and a deploy stop on a broken file (registered in apps.py).
check_the_file = content_file_check(lambda: read(), "programme.E001")


def questions_for(lives_with_pain: bool | None) -> list[Question]:
    """The questions for someone who said they live with the pain (True), said they do not (False), or has not
    said (None: asked as someone with pain, since the solo track is theirs; every question can be skipped)."""
    asked = {"everyone", "partner" if lives_with_pain is False else "pain"}
    return [question for question in content().questions if question.asks in asked]


def days_since(then, now) -> int:
    """Whole days from `then` to `now` by the calendar at home (the active time zone), not by 24-hour periods: a
    check-in at 20:00 is 28 days old from the morning of the 28th day."""
    return (timezone.localdate(now) - timezone.localdate(then)).days


def due(check_ins, now) -> bool:
    """A check-in is offered at the start and again every few weeks (check_ins: opened, newest first)."""
    return not check_ins or days_since(check_ins[0].checked_at, now) >= content().every_days


def booster_due(check_ins, stage_finished_at, now) -> bool:
    """Some weeks after the pair finished a stage, with no check-in since: a way to see whether it has lasted."""
    if stage_finished_at is None or days_since(stage_finished_at, now) < content().every_days:
        return False
    return not any(check_in.checked_at >= stage_finished_at for check_in in check_ins)


@dataclass(frozen=True)
class Trend:
    """One question's answers over time, oldest first, and the kind words for how it went."""

    question: Question
    points: list[tuple[datetime, int]]
    not_tried: list[datetime]
    words: str


def change(first: int, last: int, better: str) -> str:
    """first | better | same | worse, for a question where `better` is lower or higher."""
    if abs(last - first) <= SAME_WITHIN:
        return "same"
    improved = last < first if better == "lower" else last > first
    return "better" if improved else "worse"


def how_it_went(question, values) -> str:
    """The kind words for one question's answers (oldest first): compared with the first check-in, and with the
    last one before, so a step back since last time is never called "about the same" (8, 6, 9 is harder)."""
    if len(values) == 1:
        return content().kind_words["first"]
    since_first, since_last = (
        change(values[0], values[-1], question.better),
        change(values[-2], values[-1], question.better),
    )
    word = "harder_than_last" if since_first != "worse" and since_last == "worse" else since_first
    words = content().kind_words[word]
    if word in ("worse", "harder_than_last") and question.asks == "pain":
        words += " " + content().kind_words["if_pain_is_worse"]
    return words


def trends(check_ins, questions) -> list[Trend]:
    """A trend for each question this person has answered at least once (check_ins: opened, newest first)."""
    oldest_first = sorted(check_ins, key=lambda check_in: check_in.checked_at)
    found = []
    for question in questions:
        answers = [(c.checked_at, c.answers.get(question.key)) for c in oldest_first]
        points = [(when, value) for when, value in answers if value is not None and value != CheckIn.NOT_TRIED]
        not_tried = [when for when, value in answers if value == CheckIn.NOT_TRIED]
        if points:
            found.append(Trend(question, points, not_tried, how_it_went(question, [value for _, value in points])))
    return found


def after_a_break(last_at, now) -> bool:
    """True when the last practice or session (`last_at`, or None for never) was long enough ago for a welcome back."""
    return last_at is not None and days_since(last_at, now) >= content().welcome_back_after_days


def one_step_lower(in_order, last):
    """The item before `last` in `in_order` (the first when `last` is first or not found), to start again gently."""
    if not in_order:
        return None
    return in_order[max(in_order.index(last) - 1, 0)] if last in in_order else in_order[0]


@dataclass(frozen=True)
class LastPractice:
    """My most recent practice, alone or together: when, and where it sits among its steps or sessions."""

    at: datetime
    in_order: list  # the solo steps of its guide, or the sessions of its stage, in order
    item: object | None  # which of them (None when it has left the content)


@dataclass(frozen=True)
class Reminder:
    """What the programme's pages say about check-ins and breaks, for one person now."""

    check_in_due: bool
    booster_due: bool
    welcome_back: dict | None  # the words, and "step": a solo step or a session to start again at (or None)
    first_check_in: bool
    booster_text: str


def reminder(check_ins, last_practice, stage_finished_at, now) -> Reminder:
    """check_ins: this person's own, opened, newest first; last_practice: a LastPractice, or None for never."""
    back = None
    if last_practice and after_a_break(last_practice.at, now):
        back = {**content().welcome_back, "step": one_step_lower(last_practice.in_order, last_practice.item)}
    booster = booster_due(check_ins, stage_finished_at, now)
    return Reminder(due(check_ins, now) and not booster, booster, back, not check_ins, content().booster)
