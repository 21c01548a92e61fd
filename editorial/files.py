"""Content files: a YAML header between two `---` lines, then Markdown.

Every header value is read as text (YAML's BaseLoader: no guessing that `no`
means False or that `1.10` is a number) and then checked by a schema, so each
mistake is reported with the file and line it is on.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils import timezone

from . import sources

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ContentError(Exception):
    def __init__(self, path, line, message):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass
class Errors:
    """Every mistake found, so a writer sees them all at once."""

    items: list = field(default_factory=list)

    def add(self, path, line, message):
        self.items.append(ContentError(path, line, message))

    def __bool__(self):
        return bool(self.items)

    def __str__(self):
        return "\n".join(str(error) for error in self.items)


@dataclass
class Located:
    """A header value with the line it starts on."""

    value: object
    line: int


@dataclass
class ContentFile:
    path: str
    header: dict  # name -> Located; nested lists and mappings are Located too
    header_line: int
    body: str
    body_line: int  # line number of the body's first line


class _Twice(Exception):
    def __init__(self, key, line):
        self.key, self.line = key, line


def _located(node, first_line):
    """Values with their lines; a name given twice in any mapping, however deep, raises _Twice."""
    line = node.start_mark.line + first_line
    if isinstance(node, yaml.MappingNode):
        mapping = {}
        for key, value in node.value:
            if key.value in mapping:
                raise _Twice(key.value, key.start_mark.line + first_line)
            mapping[key.value] = _located(value, first_line)
        return Located(mapping, line)
    if isinstance(node, yaml.SequenceNode):
        return Located([_located(item, first_line) for item in node.value], line)
    return Located(node.value, line)


def read(path, root=None):
    """Parse one file into a ContentFile; raise ContentError naming the line."""
    shown = str(Path(path).relative_to(root)) if root else str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(shown, 1, f"is not UTF-8 text ({error.reason})") from None
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(shown, 1, "must start with a '---' line, then the header")
    try:
        end = next(n for n in range(1, len(lines)) if lines[n].strip() == "---")
    except StopIteration:
        raise ContentError(shown, 1, "the header has no closing '---' line") from None
    try:
        node = yaml.compose("\n".join(lines[1:end]), Loader=yaml.BaseLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 2
        raise ContentError(shown, line, f"the header is not valid YAML: {error.problem or error}") from None
    if not isinstance(node, yaml.MappingNode):
        raise ContentError(shown, 2, "the header must be a list of 'name: value' lines")
    try:
        header = _located(node, 2)
    except _Twice as twice:
        raise ContentError(shown, twice.line, f"'{twice.key}' is given twice") from None
    return ContentFile(shown, header.value, 1, "\n".join(lines[end + 1 :]), end + 2)


# --- Checking header values --------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One header field: its kind, whether it is required, and for lists of records their fields."""

    kind: str = "text"  # text, slug, date, int, bool, url, choice, texts, records
    required: bool = True
    choices: tuple = ()
    fields: dict | None = None  # for "records"
    default: object = None
    check: object = None  # for "records": callable(record) -> list of messages about that record


def _clean_scalar(name, spec, located, errors, path):
    value, line = located.value, located.line
    if not isinstance(value, str):
        errors.add(path, line, f"'{name}' must be a single value, not a list")
        return None
    value = value.strip()
    if spec.required and not value:
        errors.add(path, line, f"'{name}' is empty")
        return None
    if spec.kind == "slug" and not SLUG.match(value):
        errors.add(path, line, f"'{name}' must be lowercase letters, digits and hyphens, not {value!r}")
    elif spec.kind == "date":
        try:
            if not ISO_DAY.match(value):  # fromisoformat also takes 20261126 and 2026-W48-4
                raise ValueError(value)
            return datetime.date.fromisoformat(value)
        except ValueError:
            errors.add(path, line, f"'{name}' must be a date like 2026-11-26, not {value!r}")
            return None
    elif spec.kind == "int":
        if not value.isdigit() or len(value) > 6:
            errors.add(path, line, f"'{name}' must be a whole number, not {value!r}")
            return None
        return int(value)
    elif spec.kind == "bool":
        if value not in {"true", "false"}:
            errors.add(path, line, f"'{name}' must be true or false, not {value!r}")
            return None
        return value == "true"
    elif spec.kind == "url" and not re.match(r"^https://[^\s/]+\.[^\s]+$", value):
        errors.add(path, line, f"'{name}' must be a full https:// link, not {value!r}")
    elif spec.kind == "choice" and value not in spec.choices:
        errors.add(path, line, f"'{name}' must be one of {', '.join(spec.choices)}, not {value!r}")
    return value


def clean(header, schema, errors, path, line):
    """Check a mapping of Located values against `schema`; return plain Python values."""
    cleaned = {}
    for name, located in header.items():
        if name not in schema:
            close = difflib.get_close_matches(name, schema, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; the fields are: {', '.join(schema)}"
            errors.add(path, located.line, f"unknown field '{name}'{hint}")
    for name, spec in schema.items():
        located = header.get(name)
        if located is None:
            if spec.required:
                errors.add(path, line, f"missing field '{name}'")
            cleaned[name] = spec.default
        elif spec.kind == "texts":
            if not isinstance(located.value, list) or not located.value:
                errors.add(path, located.line, f"'{name}' must be a list, each line starting with '- '")
                cleaned[name] = []
            else:
                cleaned[name] = [_clean_scalar(name, Field(), item, errors, path) for item in located.value]
        elif spec.kind == "records":
            if not isinstance(located.value, list) or not located.value:
                errors.add(path, located.line, f"'{name}' must be a list, each item starting with '- '")
                cleaned[name] = []
                continue
            records = []
            for item in located.value:
                if not isinstance(item.value, dict):
                    errors.add(path, item.line, f"each of '{name}' needs its own 'name: value' lines")
                    continue
                record = clean(item.value, spec.fields, errors, path, item.line)
                for message in spec.check(record) if spec.check else ():
                    errors.add(path, item.line, message)
                records.append({**record, "_line": item.line})
            cleaned[name] = records
        else:
            cleaned[name] = _clean_scalar(name, spec, located, errors, path)
    return cleaned


SOURCE = Field(
    "records",
    fields={
        "publisher": Field(),
        "title": Field(),
        "url": Field("url"),
        "date": Field(),  # the page's own date, or null: checked by editorial.sources.problems
        "date_label": Field(required=False, default=""),
        "checked_on": Field("date"),
    },
    check=lambda record: sources.problems(record, timezone.localdate()),
)


def plain_sources(records):
    """Sources as stored: JSON-friendly, dates as ISO text, an undated source's date as None."""
    return [
        {
            **{key: value for key, value in record.items() if key != "_line"},
            "date": None if record["date"] == "null" else record["date"],
            "checked_on": record["checked_on"] and record["checked_on"].isoformat(),
        }
        for record in records
    ]


def sections(body, level="## "):
    """Split Markdown at headings of `level`.

    Returns (text before the first heading, [(heading, text, line offset of the heading)]).
    """
    preamble: list[str] = []
    found = []
    for offset, line in enumerate(body.split("\n")):
        if line.startswith(level):
            found.append([line[len(level) :].strip(), [], offset])
        else:
            (found[-1][1] if found else preamble).append(line)
    return "\n".join(preamble).strip(), [
        (heading, "\n".join(lines).strip(), offset) for heading, lines, offset in found
    ]
