"""Error reports leave only when SENTRY_DSN is set, and then with nothing about the person or the page.

The key test signs someone in, sends a library-like request with a query string, cookies and a passphrase to a
view that fails, and reads every byte Sentry would have sent (a transport that keeps envelopes, no network)."""

import io
import logging
import subprocess
import sys
from urllib.parse import urlencode

import pytest
import sentry_sdk
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from sentry_sdk.transport import Transport

from companion import error_reports
from conftest import PASSPHRASE

USERNAME = "wren-quietly-7421"
TYPED_PASSPHRASE = "lanterns over the meadow at dusk"
PATH = "/library/vaginismus/"
QUERY = "q=painful-penetration"
ADDRESS = "127.0.0.1"
DSN = "https://publickey@sentry.invalid/1"  # never contacted: the transport below keeps what it is given


class DeliberateFailure(Exception):
    pass


@csrf_exempt  # the POST reaches the view, as a signed-in form's would
def failing_view(request, slug):
    """Fails the way a real bug would, with personal data all around: in a log line, a query, a local variable
    and the exception's message."""
    typed = request.POST["passphrase"]
    logging.getLogger("companion").warning("Reading %s as %s", request.get_full_path(), request.user.username)
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s", [typed])
    raise DeliberateFailure(f"{request.user.username} on {request.get_full_path()} typed {typed}")


urlpatterns = [path("library/<slug:slug>/", failing_view)]


class KeptEnvelopes(Transport):
    def __init__(self):
        super().__init__()
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)


@pytest.fixture
def sent():
    """Sentry started through error_reports.start, with a transport that keeps envelopes; stopped afterwards,
    so no other test ever reports."""
    transport = KeptEnvelopes()
    error_reports.start(DSN, "tests", transport=transport)
    yield transport.envelopes
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)
    assert not sentry_sdk.get_client().is_active()


def as_text(envelopes):
    return b"".join(envelope.serialize() for envelope in envelopes).decode()


def through_the_site(cookie_header):
    """The request as a WSGI server hands it over: Sentry reads the URL, headers and address at this layer,
    which Django's test client skips. Connections stay open, as they do for the test client."""
    body = urlencode({"passphrase": TYPED_PASSPHRASE}).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": PATH,
        "QUERY_STRING": QUERY,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": ADDRESS,
        "HTTP_COOKIE": cookie_header,
        "HTTP_USER_AGENT": "Reader-Agent/9",
        "HTTP_X_FORWARDED_FOR": "203.0.113.9",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }
    statuses = []
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status))
        b"".join(response)
        response.close()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return statuses[0]


@pytest.mark.urls("companion.tests.test_error_reports")
def test_a_failing_request_is_reported_without_the_person_or_the_page(sent, django_user_model):
    person = django_user_model.objects.create_user(username=USERNAME, password=PASSPHRASE)
    client = Client()
    client.force_login(person)
    client.cookies["preference"] = "tender-topic-cookie"
    assert settings.SESSION_COOKIE_NAME in client.cookies
    cookie_values = [morsel.value for morsel in client.cookies.values()]
    cookie_header = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())

    assert through_the_site(cookie_header).startswith("500")
    sentry_sdk.flush()

    text = as_text(sent)
    assert "DeliberateFailure" in text and "failing_view" in text, text  # the report is there, with its frames
    assert '"method":"POST"' in text, text
    for private in [USERNAME, TYPED_PASSPHRASE, *cookie_values, "vaginismus", PATH, QUERY, "painful", ADDRESS]:
        assert private not in text, private
    for private in ["203.0.113.9", "Reader-Agent", '"vars"', '"breadcrumbs"', "Reading", '"value"']:
        assert private not in text, private


def test_only_known_safe_fields_are_kept_whatever_the_event_holds():
    frame = {"filename": "a.py", "function": "f", "lineno": 3, "abs_path": "/home/ops/a.py", "vars": {"x": "ana"}}
    event = {
        "level": "error",
        "request": {"method": "GET", "url": PATH, "query_string": QUERY, "cookies": "s=1", "data": TYPED_PASSPHRASE},
        "user": {"username": USERNAME, "ip_address": ADDRESS},
        "extra": {"sys.argv": ["manage.py", USERNAME]},
        "tags": {"page": PATH},
        "logentry": {"message": "Reading %s", "params": [PATH]},
        "breadcrumbs": {"values": [{"message": PATH}]},
        "contexts": {"runtime": {"name": "CPython", "version": "3.13"}, "trace": {"trace_id": "t"}},
        "transaction": PATH,
        "transaction_info": {"source": "url"},  # Django could not resolve it: the name is the path itself
        "exception": {"values": [{"type": "KeyError", "value": USERNAME, "stacktrace": {"frames": [frame]}}]},
        "unknown_future_field": USERNAME,
    }
    assert error_reports.without_personal_data(event, {}) == {
        "level": "error",
        "request": {"method": "GET"},
        "contexts": {"runtime": {"name": "CPython", "version": "3.13"}},
        "exception": {
            "values": [
                {"type": "KeyError", "stacktrace": {"frames": [{"filename": "a.py", "function": "f", "lineno": 3}]}}
            ]
        },
    }


def test_without_a_dsn_nothing_is_started():
    assert not settings.SENTRY_DSN
    assert not sentry_sdk.get_client().is_active()


def start_with(**env):
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'companion.settings'; django.setup()"
    base = {"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50}
    return subprocess.run([sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True)


@pytest.mark.parametrize("dsn", ["not-a-dsn", "https://sentry.invalid/1", "ftp://key@sentry.invalid/1"])
def test_a_malformed_dsn_stops_the_start_with_a_clear_message(dsn):
    result = start_with(SENTRY_DSN=dsn)
    assert result.returncode != 0
    assert "SENTRY_DSN" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_a_well_formed_dsn_starts_without_sending_anything():
    # Starting sends nothing (no sessions, no client reports): .invalid never resolves, and nothing is asked to.
    assert start_with(SENTRY_DSN=DSN).returncode == 0
