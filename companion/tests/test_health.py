"""/healthz, /readyz and manage.py check_health: what a load balancer or an operator is told, and when."""

import io
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from asgiref.sync import async_to_sync
from django.core.cache import caches
from django.core.management import CommandError, call_command, execute_from_command_line
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.test import AsyncClient, Client

from companion import health
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


def test_healthz_asks_the_database_nothing(client, django_assert_num_queries):
    edition.forget()  # the page cache would read the edition afresh for any other page
    with django_assert_num_queries(0):
        assert client.get("/healthz").status_code == 200


def _count_connection_attempts(monkeypatch):
    """Every cursor asked for, refused as a stopped database refuses it; the list shows whether any was."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OperationalError("the database is stopped")

    monkeypatch.setattr(connection, "cursor", refuse)
    edition.forget()
    return attempts


def test_healthz_never_tries_the_database(client, monkeypatch):
    attempts = _count_connection_attempts(monkeypatch)
    assert client.get("/healthz").status_code == 200
    assert attempts == []


def test_healthz_never_tries_the_database_under_asgi(monkeypatch):
    attempts = _count_connection_attempts(monkeypatch)

    async def probe():
        return await AsyncClient().get("/healthz")

    assert async_to_sync(probe)().status_code == 200
    assert attempts == []


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


def test_check_health_names_an_unreadable_database_without_a_traceback(tmp_path):
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database" * 512)
    environment = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "companion.example.org",
        "DATABASE_URL": f"sqlite:///{garbage}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check_health"],
        cwd=Path(__file__).resolve().parents[2],  # where manage.py is
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["database: not answering", "CommandError: not ready: 1 problem"]


def test_probes_over_plain_http_are_answered_not_redirected(settings):
    """In production every other page is sent to HTTPS; a probe on the app's own port gets its answer."""
    settings.SECURE_SSL_REDIRECT = True
    client = Client()  # its middleware is built on the first request, under these settings
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200


class _PoolThatTimesOut:
    def __init__(self):
        self.waited = []

    def open(self):
        pass

    def connection(self, timeout=None):
        self.waited.append(timeout)
        raise OperationalError("couldn't get a connection after 3.00 sec")


class _PooledDatabase:
    connection = None  # nothing taken from the pool yet, as at the start of a request

    def __init__(self, pool):
        self.pool = pool


def test_readyz_waits_for_the_pool_only_a_few_seconds(monkeypatch):
    pool = _PoolThatTimesOut()
    monkeypatch.setattr(health, "connections", {DEFAULT_DB_ALIAS: _PooledDatabase(pool)})
    assert health.problems()[0] == "database: not answering"
    assert pool.waited == [health.READY_WAIT_SECONDS]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's connection pool")
def test_readyz_gives_up_on_a_stopped_postgresql_within_seconds(monkeypatch):
    settings_dict = {**connection.settings_dict, "HOST": "127.0.0.1", "PORT": _a_closed_port()}
    settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"], "pool": {"min_size": 1, "max_size": 2, "timeout": 30}}
    stopped = type(connections[DEFAULT_DB_ALIAS])(settings_dict, alias="readiness-check-test")
    monkeypatch.setattr(health, "connections", {DEFAULT_DB_ALIAS: stopped})
    started = time.monotonic()
    try:
        assert "database: not answering" in health.problems()
    finally:
        stopped.close_pool()
    assert time.monotonic() - started < health.READY_WAIT_SECONDS + 2  # not the pool's own 30 seconds


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's connection pool")
def test_readyz_asks_the_pool_when_no_connection_is_held(monkeypatch):
    """As at the start of a request: this process holds no connection, so one comes from the pool."""
    idle = type(connections[DEFAULT_DB_ALIAS])(connection.settings_dict, alias="readiness-check-live")
    monkeypatch.setattr(health, "connections", {DEFAULT_DB_ALIAS: idle})
    try:
        assert health._database_answers()
        assert idle.connection is None and idle.pool.get_stats()["requests_num"] == 1
    finally:
        idle.close_pool()


def _a_closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free once closed: nothing listens there
