"""Finding a topic in the library: a couple's words matched against titles, section headings and lead text."""

import re
from dataclasses import dataclass, field

from django import forms

from editorial.markdown import heading_id

# Words that say nothing about a topic, so "sex after a birth" looks for "birth".
COMMON_WORDS = frozenset(
    "a an and are about after at be can do does for from get getting help how i if in is it me my of on or our "
    "pain painful sex the to we what when where who why will with you your".split()
)
MAX_TERMS = 8
MAX_FOUND = 8


def terms(words):
    """The words worth looking for, as patterns: 'tested' finds 'test' and 'testing'; 'STI' only 'STI' or 'STIs'."""
    found = []
    for word in re.findall(r"[a-z0-9]+", words.lower()):
        if word in COMMON_WORDS or word in found:
            continue
        found.append(word)
    patterns = []
    for word in found[:MAX_TERMS]:
        stem = re.sub(r"(ing|ed|es|s)$", "", word)
        if len(stem) >= 4:
            patterns.append(re.compile(rf"\b{re.escape(stem)}\w*"))
        else:
            patterns.append(re.compile(rf"\b{re.escape(word)}s?\b"))
    return patterns


@dataclass
class Found:
    title: str
    url: str
    summary: str
    sections: list = field(default_factory=list)  # (heading, url) of the headings that matched
    score: float = 0


def _score(patterns, title, summary, headings, body):
    """How well one page matches: each word counts once, most in a title, then a heading, then the text."""
    score, matched_headings = 0, []
    for pattern in patterns:
        in_headings = [heading for heading in headings if pattern.search(heading.lower())]
        matched_headings += [heading for heading in in_headings if heading not in matched_headings]
        if pattern.search(title.lower()):
            score += 3
        elif in_headings:
            score += 2
        elif pattern.search(summary.lower()):
            score += 1
        elif pattern.search(body.lower()):
            score += 0.5
    return score, matched_headings


def find(words, conditions, pages):
    """The pages that best match `words`, best first, each with the headings that matched."""
    patterns = terms(words)
    if not patterns:
        return []
    results = []
    for condition in conditions:
        headings = [heading for heading, _ in condition.sections()]
        score, matched = _score(patterns, condition.name, condition.summary, headings, condition.body)
        url = condition.get_absolute_url()
        anchors = [(heading, f"{url}#section-{headings.index(heading) + 1}") for heading in matched]
        results.append(Found(condition.name, url, condition.summary, anchors, score))
    for page in pages:
        headings = [heading for heading, _ in page.sections()]
        score, matched = _score(patterns, page.title, page.summary, headings, page.body)
        url = page.get_absolute_url()
        results.append(Found(page.title, url, page.summary, [(h, f"{url}#{heading_id(h)}") for h in matched], score))
    found = [result for result in results if result.score]
    return sorted(found, key=lambda result: -result.score)[:MAX_FOUND]


class FindForm(forms.Form):
    words = forms.CharField(
        label="What are you looking for?",
        max_length=100,
        help_text="For example: condoms, after a birth, tests for infections.",
        error_messages={
            "required": "Type a word or two about what you are looking for.",
            "max_length": "Please use fewer words: up to 100 letters.",
        },
    )

    def clean_words(self):
        words = self.cleaned_data["words"]
        if not terms(words):
            raise forms.ValidationError("Try a more specific word, such as “condoms” or “birth”.")
        return words
