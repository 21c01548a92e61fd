"""Responding with care, after a session together: the options (programme/content/responses.yaml, which a writer
edits), who is asked which, and each person's own pattern over the weeks, with one suggestion.

The supporting partner notes how they responded (encouraging, worried, or neither); the partner with pain notes
what helped, and may show that to their partner. Nobody is ever compared with anyone, or given a score.
Nothing here seals or opens a record: the responses arrive opened, from private_records.Diary.
"""

import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from editorial.checks import content_file_check

from .models import Response
from .models.private import RESPONSE_CHOICES_MAX, RESPONSE_KEY_MAX

CONTENT = Path(__file__).parent / "content" / "responses.yaml"
KINDS = {"encouraging", "worried", "neutral"}
KEY = re.compile(rf"[a-z][a-z-]{{0,{RESPONSE_KEY_MAX - 1}}}")
PATTERN_AFTER = 3  # sessions noted before a pattern is shown
PATTERN_OVER = 6  # the most recent sessions a pattern looks at


@dataclass(frozen=True)
class Option:
    key: str
    text: str
    kind: str  # encouraging | worried | neutral ("helped" options are all neutral)


@dataclass(frozen=True)
class Asked:
    about: str  # Response.RESPONDED or Response.HELPED
    question: str
    note: str  # shown under the options, always
    options: tuple[Option, ...]

    def text_of(self, key):
        return next((option.text for option in self.options if option.key == key), None)

    def texts(self, keys):
        """The words of the options chosen, leaving out any the file no longer has."""
        return [text for key in keys if (text := self.text_of(key))]


@dataclass(frozen=True)
class Content:
    responded: Asked
    helped: Asked
    patterns: dict[str, str]


class ContentError(ValueError):
    pass


def _asked(about, data, path):
    options = tuple(Option(o["key"], o["text"], o.get("kind", "neutral")) for o in data["options"])
    keys = [option.key for option in options]
    if not 0 < len(options) <= RESPONSE_CHOICES_MAX or len(set(keys)) != len(keys):
        raise ContentError(f"{path.name}: {about} needs 1 to {RESPONSE_CHOICES_MAX} options, each key once")
    for option in options:
        if not KEY.fullmatch(option.key) or option.kind not in KINDS:
            raise ContentError(f"{path.name}: option {option.key!r} needs a short lower-case key and a known kind")
    return Asked(about, data["question"], data["note"], options)


def read(path=CONTENT) -> Content:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        content = Content(
            _asked(Response.RESPONDED, data["responded"], path),
            _asked(Response.HELPED, data["helped"], path),
            {name: data["patterns"][name] for name in ("encouraging", "worried", "mixed", "helped")},
        )
    except (KeyError, TypeError) as missing:
        raise ContentError(f"{path.name}: {missing} is missing or not in the right shape") from None
    return content


@functools.cache
def content() -> Content:
    return read()


# `manage.py check` and a deploy stop on a broken file (registered in apps.py).
check_the_file = content_file_check(lambda: read(), "programme.E002")


def asked_of(lives_with_pain: bool | None) -> Asked:
    """What helped, for someone who lives with the pain; how I responded, for a supporting partner (or someone
    who has not said)."""
    return content().helped if lives_with_pain else content().responded


@dataclass(frozen=True)
class Pattern:
    about: str
    sessions: int
    words: str
    most_often: list[str]  # the options chosen most often, in words


def pattern(responses, about) -> Pattern | None:
    """My own pattern over my most recent sessions (responses: opened, newest first), once there are a few."""
    mine, seen = [], set()
    for response in responses:  # newest first: a repeated or replayed note of the same session counts once
        session = (response.practice_id, response.said_at.date())
        if response.about == about and session not in seen:
            seen.add(session)
            mine.append(response)
    mine = mine[:PATTERN_OVER]
    if len(mine) < PATTERN_AFTER:
        return None
    asked = content().helped if about == Response.HELPED else content().responded
    counts = Counter(key for response in mine for key in response.chosen if asked.text_of(key))
    most_often = [asked.text_of(key) for key, _ in counts.most_common(3)]
    if about == Response.HELPED:
        return Pattern(about, len(mine), content().patterns["helped"], most_often)
    kinds = Counter(option.kind for option in asked.options for _ in range(counts[option.key]))
    if kinds["encouraging"] > 2 * kinds["worried"]:
        words = content().patterns["encouraging"]
    elif kinds["worried"] > kinds["encouraging"]:
        words = content().patterns["worried"]
    else:
        words = content().patterns["mixed"]
    return Pattern(about, len(mine), words, most_often)
