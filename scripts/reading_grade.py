"""Reading grade (Flesch-Kincaid) of content files: python scripts/reading_grade.py FILE..."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from editorial.readability import reading_grade  # noqa: E402

if __name__ == "__main__":
    for path in sys.argv[1:]:
        text = Path(path).read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[-1] if text.startswith("---\n") else text
        print(f"{reading_grade(body):5.1f}  {path}")
