"""Migrations hold schema only, so a model change never meets yesterday's content in an old migration."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import migrations
from django.db.migrations.loader import MigrationLoader

OUR_APPS = {"companion", "conditions", "conversations", "editorial"}


def test_no_migration_loads_content():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app, name), migration in loader.disk_migrations.items():
        if app in OUR_APPS:
            assert not any(isinstance(op, migrations.RunPython) for op in migration.operations), f"{app}.{name}"


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())
