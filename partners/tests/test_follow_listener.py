"""The one LISTEN connection per worker goes where FOLLOW_LISTEN_URL says (LISTEN_DATABASE_URL), for deployments
whose DATABASE_URL passes through a transaction pooler, which cannot keep a LISTEN."""

import pytest
from django.db import connection

from companion.tests.test_settings_from_environment import start_with
from partners import follow

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="LISTEN is PostgreSQL's")


def url_of_the_test_database():
    database = connection.settings_dict
    return f"postgresql://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_listener_hears_a_notification_through_the_url_it_is_given(settings):
    settings.FOLLOW_LISTEN_URL = url_of_the_test_database()
    with follow.listener_connection() as listener:
        assert listener.info.dbname == connection.settings_dict["NAME"]
        listener.execute(f"LISTEN {follow.CHANNEL}")
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [follow.CHANNEL, "together:1"])
        heard = [note.payload for note in listener.notifies(timeout=5, stop_after=1)]
    assert heard == ["together:1"]


def test_without_the_setting_the_listener_uses_the_database_connection(settings, monkeypatch):
    settings.FOLLOW_LISTEN_URL = ""
    seen = []
    monkeypatch.setattr("psycopg.connect", lambda *args, **kwargs: seen.append((args, kwargs)))
    monkeypatch.setattr(connection, "get_connection_params", lambda: {"dbname": "from-database-url"})
    follow.listener_connection()
    settings.FOLLOW_LISTEN_URL = "postgresql://listener@direct.example/companion"
    follow.listener_connection()
    assert seen == [
        ((), {"dbname": "from-database-url", "autocommit": True}),
        (("postgresql://listener@direct.example/companion",), {"autocommit": True}),
    ]


@pytest.mark.parametrize(
    "environment",
    [
        {"LISTEN_DATABASE_URL": "redis://cache/0", "DATABASE_URL": "postgres://u@db/companion"},
        {"LISTEN_DATABASE_URL": "postgres://u@db/companion"},  # with SQLite, nothing listens
    ],
)
def test_a_listen_url_that_cannot_work_stops_the_start_naming_it(environment):
    result = start_with(**environment)
    assert result.returncode != 0 and "LISTEN_DATABASE_URL" in result.stderr
