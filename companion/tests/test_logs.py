"""No log line names a page's path or a person: Django's warnings keep their reason, not the path.

Each captured record is written out the way the site's own console handler writes it (its filters included)."""

import io
import json
import logging

import pytest

from companion.logs import JsonLines, WithoutPaths

pytestmark = pytest.mark.django_db


def written(caplog):
    (console,) = [h for h in logging.getLogger().handlers if any(isinstance(f, WithoutPaths) for f in h.filters)]
    out = io.StringIO()
    writer = logging.StreamHandler(out)
    writer.filters = console.filters
    for record in caplog.records:
        writer.handle(record)
    return out.getvalue().splitlines()


def test_a_missing_library_page_is_logged_without_its_path(client, caplog):
    with caplog.at_level(logging.WARNING):
        client.get("/library/vaginismus/no-such-part/")
    lines = written(caplog)
    assert any(line.startswith("Not Found") for line in lines), lines
    assert all("vaginismus" not in line and "/library/" not in line for line in lines), lines


def test_a_refused_form_is_logged_without_its_path_or_the_username(client, caplog, partner_with_pain):
    client.handler.enforce_csrf_checks = True
    with caplog.at_level(logging.WARNING):
        client.post("/account/sign-in/", {"username": partner_with_pain.username, "password": "x"})
    lines = written(caplog)
    assert any(line.startswith("Forbidden") for line in lines), lines
    assert all("/account/" not in line and partner_with_pain.username not in line for line in lines), lines


@pytest.fixture
def json_lines():
    """Lines as the console handler writes them with LOG_FORMAT=json, while each request runs."""
    out = io.StringIO()
    writer = logging.StreamHandler(out)
    writer.addFilter(WithoutPaths())
    writer.setFormatter(JsonLines())
    root = logging.getLogger()
    root.addHandler(writer)
    try:
        yield lambda: [json.loads(line) for line in out.getvalue().splitlines()]
    finally:
        root.removeHandler(writer)


def test_json_lines_carry_the_request_id_and_never_the_path(client, json_lines, partner_with_pain):
    client.get("/library/vaginismus/no-such-part/")
    client.get("/library/vulvodynia/no-such-part/")
    first, second = json_lines()
    assert first["level"] == "WARNING" and first["message"] == "Not Found: [path]"
    assert first["logger"] == "django.request" and first["time"].endswith("Z")
    assert len(first["request_id"]) == 12 and first["request_id"] != second["request_id"]
    assert "library" not in json.dumps([first, second])


def test_a_line_outside_any_request_has_no_request_id(json_lines):
    logging.getLogger("companion").warning("starting")
    (line,) = json_lines()
    assert line["message"] == "starting" and "request_id" not in line


def test_under_asgi_too_each_request_has_its_own_id(json_lines):
    from asgiref.sync import async_to_sync
    from django.test import AsyncClient

    client = AsyncClient()
    async_to_sync(client.get)("/library/vaginismus/no-such-part/")
    async_to_sync(client.get)("/library/vaginismus/no-such-part/")
    first, second = json_lines()
    assert first["request_id"] and second["request_id"] and first["request_id"] != second["request_id"]
