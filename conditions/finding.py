"""Finding a topic in the library: a couple's words matched against titles, section headings and lead text."""

import re
from dataclasses import dataclass, field

from django import forms

# Words that say nothing about a topic, so "sex after a birth" looks for "birth".
COMMON_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "about",
        "after",
        "at",
        "be",
        "can",
        "do",
        "does",
        "for",
        "from",
        "get",
        "getting",
        "help",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "pain",
        "painful",
        "sex",
        "the",
        "to",
        "we",
        "what",
        "when",
        "where",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)
MAX_TERMS = 8
MAX_FOUND = 8


def patterns(words):
    """The words worth looking for, as patterns: 'tested' finds 'test' and 'testing'; 'STIs' finds 'STI'
    but never 'stitches'."""
    kept = []
    for word in re.findall(r"[a-z0-9]+", words.lower()):
        if word not in COMMON_WORDS and word not in kept:
            kept.append(word)
    found = []
    for word in kept[:MAX_TERMS]:
        stem = re.sub(r"(ing|ed|es|s)$", "", word)
        if len(stem) >= 4:
            found.append(re.compile(rf"\b{re.escape(stem)}\w*"))
        else:  # a short word is matched whole, with or without a plural s
            base = word[:-1] if word.endswith("s") and len(word) > 2 else word
            found.append(re.compile(rf"\b{re.escape(base)}s?\b"))
    return found


@dataclass
class Found:
    title: str
    url: str
    summary: str
    sections: list = field(default_factory=list)  # (heading, url) of the headings that matched
    score: float = 0


def _score(looked_for, title, summary, headings, body):
    """How well one page matches: each word counts once, most in a title, then a heading, then the text."""
    title, summary, body = title.lower(), summary.lower(), body.lower()
    score: float = 0
    matched_headings = []
    for pattern in looked_for:
        in_headings = [heading for heading in headings if pattern.search(heading.lower())]
        matched_headings += [heading for heading in in_headings if heading not in matched_headings]
        if pattern.search(title):
            score += 3
        elif in_headings:
            score += 2
        elif pattern.search(summary):
            score += 1
        elif pattern.search(body):
            score += 0.5
    return score, matched_headings


def find(words, pages):
    """The pages (conditions and library pages) that best match `words`, best first, with the headings that matched."""
    looked_for = patterns(words)
    if not looked_for:
        return []
    results = []
    for page in pages:
        url = page.get_absolute_url()
        anchors = {heading: f"{url}#{anchor}" for anchor, heading, _ in page.anchored_sections()}
        score, matched = _score(looked_for, str(page), page.summary, list(anchors), page.body)
        if score:
            results.append(
                Found(str(page), url, page.summary, [(heading, anchors[heading]) for heading in matched], score)
            )
    return sorted(results, key=lambda result: -result.score)[:MAX_FOUND]


class FindForm(forms.Form):
    words = forms.CharField(
        label="What are you looking for?",
        max_length=100,
        # Kept off the device too: no form history to show the next person, no spelling check sent away.
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}
        ),
        help_text="For example: condoms, after a birth, tests for infections.",
        error_messages={
            "required": "Type a word or two about what you are looking for.",
            "max_length": "Please use fewer words: up to 100 letters.",
        },
    )

    def clean_words(self):
        words = self.cleaned_data["words"]
        if not patterns(words):
            raise forms.ValidationError("Try a more specific word, such as “condoms” or “birth”.")
        return words
