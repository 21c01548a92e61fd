"""A copy of the shipped content that a test may break, and how to load it."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from conditions import content_loader as conditions_loader
from conversations import content_loader as conversations_loader
from programme import content_loader as programme_loader


@pytest.fixture
def content(tmp_path, monkeypatch):
    """A copy of every shipped content folder that a test may edit; the loaders read the copy."""
    for loader in (conditions_loader, conversations_loader, programme_loader):
        copy = tmp_path / loader.__name__.split(".")[0]
        shutil.copytree(loader.FOLDER, copy)
        monkeypatch.setattr(loader, "FOLDER", copy)
    monkeypatch.setattr(settings, "BASE_DIR", tmp_path)
    return tmp_path


def load(*args):
    out = StringIO()
    call_command("load_content", *args, stdout=out)
    return out.getvalue()


def edit(path, old, new):
    text = Path(path).read_text()
    assert old in text, f"{old!r} not in {path}"
    Path(path).write_text(text.replace(old, new, 1))
