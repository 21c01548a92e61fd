"""Production settings, run in a fresh process the way a server would load them."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.core.management import call_command
call_command("collectstatic", "--noinput", verbosity=0)
from django.test import Client
client = Client()
page = client.get("/where-does-it-hurt/", secure=True, HTTP_HOST="example.org")
plain = client.get("/where-does-it-hurt/", HTTP_HOST="example.org")
cookie = page.cookies["csrftoken"]
print(json.dumps({
    "status": page.status_code,
    "headers": dict(page.headers),
    "body": page.content.decode(),
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "csrf_cookie_secure": bool(cookie["secure"]),
}))
"""


def production_env(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "INSECURE_HTTP", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="companion.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    return env


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_is_clean(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_strict_content_security_policy(production):
    csp = production["headers"]["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"  # our own files only: no inline script needs a nonce
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "nonce" not in production["body"]  # so the page carries nothing that changes per request
    assert "<script>" not in production["body"]


def test_https_only_headers_and_cookies(production):
    headers = production["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(item.strip().split("=") for item in headers["Permissions-Policy"].split(","))
    assert policy["camera"] == policy["microphone"] == policy["geolocation"] == policy["payment"] == "()"
    assert production["csrf_cookie_secure"] is True
    assert production["plain_status"] == 301
    assert production["plain_location"] == "https://example.org/where-does-it-hurt/"


def test_static_files_have_hashed_names_and_nothing_is_third_party(production):
    body = production["body"]
    assert "/static/css/site." in body and ".css" in body
    assert "/static/css/site.css" not in body  # hashed name, cacheable forever
    assert "/static/django_htmx/htmx-2.min." in body
    for attribute in ("src=", "href="):
        for value in body.split(attribute)[1:]:
            url = value[1:].split(value[0], 1)[0]
            assert not url.startswith("//")
            assert not url.startswith("http") or "bbc.co.uk/weather" in url  # only the quick-exit link leaves
