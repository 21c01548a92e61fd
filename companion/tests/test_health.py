"""/healthz, /readyz and manage.py check_health: what a load balancer or an operator is told, and when."""

import io

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command, execute_from_command_line
from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from editorial import edition

pytestmark = pytest.mark.django_db


def _database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "db.secret.example" failed')

    monkeypatch.setattr(connection, "cursor", refuse)


def _one_migration_pending(monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets, clean_start=False: [("x", False)])


def test_healthz_says_ok(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_healthz_answers_while_the_database_is_down(client, monkeypatch):
    _database_down(monkeypatch)
    edition.forget()  # the page cache asks the database for the edition too: that must not matter either
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_readyz_says_ready(client):
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (200, b"ready")


def test_readyz_names_the_database_and_hides_the_error(client, monkeypatch):
    _database_down(monkeypatch)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content.decode() == "database: not answering"


def test_readyz_names_a_cache_that_raises(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("redis at cache.secret.example refused")

    monkeypatch.setattr(caches["default"], "set", refuse)
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (503, b"cache default: not keeping values")


def test_readyz_names_a_cache_that_forgets(client, monkeypatch):
    monkeypatch.setattr(caches["default"], "get", lambda *args, **kwargs: None)
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (503, b"cache default: not keeping values")


def test_readyz_is_not_ready_while_a_migration_is_pending(client, monkeypatch):
    _one_migration_pending(monkeypatch)
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (503, b"migrations: 1 pending")


def test_readyz_lists_every_failed_check(client, monkeypatch):
    _database_down(monkeypatch)
    monkeypatch.setattr(caches["default"], "get", lambda *args, **kwargs: None)
    response = client.get("/readyz")
    assert response.content.decode().splitlines() == ["database: not answering", "cache default: not keeping values"]


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_are_never_stored_and_set_no_cookie(client, path):
    for response in (client.get(path), client.head(path)):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "Set-Cookie" not in response.headers and not response.cookies
    assert client.head(path).content == b""


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_get_and_head_only(client, path):
    assert client.post(path).status_code == 405
    assert client.put(path).status_code == 405


def test_readyz_is_asked_afresh_every_time(client, monkeypatch):
    """Never a kept answer: not the 200 while the database is down, nor the 503 once it is back."""
    assert client.get("/readyz").status_code == 200
    with monkeypatch.context() as down:
        _database_down(down)
        assert client.get("/readyz").status_code == 503
        assert client.get("/readyz").status_code == 503
    assert client.get("/readyz").status_code == 200


def test_check_health_prints_ready():
    out = io.StringIO()
    call_command("check_health", stdout=out)
    assert out.getvalue() == "ready\n"


def test_check_health_prints_each_problem_and_fails(monkeypatch):
    _database_down(monkeypatch)
    monkeypatch.setattr(caches["default"], "get", lambda *args, **kwargs: None)
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("check_health", stderr=err)
    assert failed.value.returncode == 1
    assert err.getvalue().splitlines() == ["database: not answering", "cache default: not keeping values"]


def test_check_health_from_the_command_line_exits_1_on_a_pending_migration(monkeypatch, capsys):
    _one_migration_pending(monkeypatch)
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "check_health"])
    assert exited.value.code == 1
    assert "migrations: 1 pending" in capsys.readouterr().err


def test_check_health_from_the_command_line_exits_0_when_ready(capsys):
    execute_from_command_line(["manage.py", "check_health"])  # returns: exit status 0
    assert capsys.readouterr().out == "ready\n"


def test_probes_over_plain_http_are_answered_not_redirected(settings):
    """In production every other page is sent to HTTPS; a probe on the app's own port gets its answer."""
    settings.SECURE_SSL_REDIRECT = True
    client = Client()  # its middleware is built on the first request, under these settings
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
