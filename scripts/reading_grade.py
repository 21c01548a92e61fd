"""Reading grade (Flesch-Kincaid) of content files: python scripts/reading_grade.py FILE..."""

import re
import sys

import textstat


def plain_text(markdown_file_text):
    """The words a reader reads: no header, no Markdown marks, no link targets."""
    body = markdown_file_text.split("\n---\n", 1)[-1] if markdown_file_text.startswith("---\n") else markdown_file_text
    body = re.sub(r"^:::.*$", "", body, flags=re.M)
    body = re.sub(r"^#+ .*$", "", body, flags=re.M)  # headings are not sentences
    body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)
    body = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", body, flags=re.M)
    return re.sub(r"[*_`>]", "", body)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            print(f"{textstat.flesch_kincaid_grade(plain_text(f.read())):5.1f}  {path}")
