"""No log line names a page's path or a person: Django's warnings keep their reason, not the path.

Each captured record is written out the way the site's own console handler writes it (its filters included)."""

import io
import logging

import pytest

from companion.logs import WithoutPaths

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
