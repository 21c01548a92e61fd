"""Reading grade of shipped content: what the checks and `scripts/reading_grade.py` measure."""

import re

import textstat  # type: ignore[import-untyped]  # ships no type hints (no stubs, no py.typed)


def plain_text(markdown):
    """The words a reader reads: no Markdown marks, link targets or headings."""
    text = re.sub(r"^:::.*$", "", markdown, flags=re.M)
    text = re.sub(r"^#+ .*$", "", text, flags=re.M)  # headings are not sentences
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", text, flags=re.M)
    return re.sub(r"[*_`>]", "", text)


def reading_grade(markdown):
    return textstat.flesch_kincaid_grade(plain_text(markdown))
