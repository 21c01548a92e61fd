"""Loading content files into the database: idempotent, by slug, all or nothing.

Each feature app that ships content has a `content_loader` module with a
`read(errors)` function. It reads and checks its files and returns a Plan;
nothing touches the database until every app's files are free of mistakes.
Then `load_content` applies every plan in one transaction.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.urls import Resolver404, resolve

from . import files, markdown


@dataclass
class Report:
    """What a load did, for the command's output."""

    lines: list = field(default_factory=list)

    def note(self, action, kind, name):
        self.lines.append((action, kind, name))

    def count(self, action):
        return sum(1 for line in self.lines if line[0] == action)

    def sync(self, model, kind, lookup, values):
        """Create or update one row so it matches `values`; note only real changes."""
        row = model.objects.filter(**lookup).first()
        if row is None:
            row = model.objects.create(**lookup, **values)
            self.note("added", kind, str(row))
            return row
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        if changed:
            for name in changed:
                setattr(row, name, values[name])
            row.save(update_fields=changed)
            self.note("changed", kind, f"{row} ({', '.join(changed)})")
        return row


@dataclass
class Plan:
    """One app's checked content: what it publishes and how to write it."""

    apply: object  # callable(report)
    paths: set = field(default_factory=set)  # addresses this content publishes, e.g. /library/vaginismus/
    links: list = field(default_factory=list)  # (href, file path, line) found in its Markdown


def content_files(folder):
    """The .md files of a folder, sorted so loads are repeatable."""
    return sorted(Path(folder).glob("*.md"))


def read_all(folder, errors, root):
    """Read every file in `folder`; a file that cannot be parsed is an error, the rest go on."""
    read = []
    for path in content_files(folder):
        try:
            read.append(files.read(path, root))
        except files.ContentError as error:
            errors.items.append(error)
    return read


def check_markdown(plan, text, path, first_line, errors):
    """Unknown `:::` boxes are mistakes; links are kept for check_links once every file is read."""
    for offset, line in markdown.unknown_containers(text):
        errors.add(path, first_line + offset, f"unknown box {line!r}; the boxes are: {', '.join(markdown.CALLOUTS)}")
    for href, offset in markdown.links(text):
        plan.links.append((href, path, first_line + offset))


def check_slug_is_file_name(values, item, errors):
    if values["slug"] and Path(item.path).stem != values["slug"]:
        errors.add(item.path, item.header["slug"].line, f"the file name must be the slug: {values['slug']}.md")


def check_address(address, view_names, values, item, errors):
    """A file's slug must give addresses that reach its own views (its page, then its sources page), never
    ones another part of the site already answers: a library page called "privacy", a condition called "find"."""
    for path, name in zip((address, f"{address}sources/"), view_names, strict=True):
        try:
            reached = resolve(path).view_name
        except Resolver404:
            reached = None
        if reached != name:
            line = item.header["slug"].line if "slug" in item.header else item.header_line
            errors.add(
                item.path,
                line,
                f"the slug '{values['slug']}' gives {path}, which another page of the site already uses: choose another slug",
            )
            return


def check_links(plans, errors):
    """Links inside content go to https pages, or to pages of this site that exist once loaded."""
    published = set().union(*(plan.paths for plan in plans))
    for plan in plans:
        for href, path, line in plan.links:
            if href.startswith("https://") or href.startswith("mailto:") or href.startswith("tel:"):
                continue
            if not href.startswith("/"):
                errors.add(path, line, f"link {href!r} must start with https:// or / (a page of this site)")
                continue
            address = href.split("#", 1)[0].split("?", 1)[0]
            try:
                match = resolve(address)
            except Resolver404:
                errors.add(path, line, f"link {href!r} goes to no page of this site")
                continue
            if match.kwargs and address not in published:
                errors.add(path, line, f"link {href!r} goes to a page no content file publishes")
