"""Fixtures shared by every app's tests: the standing users.

- partner_with_pain and supporting_partner: a pair;
- stranger: a signed-up person in a pair of their own (with stranger_partner).
"""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.auth import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django.test import Client

from partners import keyring
from partners.models import Pair

PASSPHRASE = "a quiet walk by the river"


_passphrases = {}  # user pk -> a passphrase other than PASSPHRASE, for people a test signed up another way


def data_key_of(user, passphrase=None):
    """A test user's data key, opened with their passphrase as a sign-in would (cheap under test settings).
    Tests hold keys this way; the app itself never keeps one on a User."""
    if passphrase is not None:
        _passphrases[user.pk] = passphrase
    return user.unlock(_passphrases.get(user.pk, PASSPHRASE))


@receiver(user_logged_in, dispatch_uid="tests-remember-the-key")
def _remember_the_key_at_force_login(sender, request, user, **kwargs):
    """A test client's force_login holds the person's key, as a real sign-in does (keyring.sign_in): any user whose
    passphrase is PASSPHRASE. Connected after partners' own receiver, which gives the session its id first."""
    if type(request) is not HttpRequest:  # a real request (a view's sign-in) must hold its key by itself
        return
    key = data_key_of(user)
    if key is not None:
        keyring.remember(request, user, key)


def _user(django_user_model, username):
    return django_user_model.objects.create_user(username=username, password=PASSPHRASE)


def _pair(first, second):
    return Pair.of(first, second, data_keys=(data_key_of(first), data_key_of(second)))


@pytest.fixture
def partner_with_pain(db, django_user_model):
    return _user(django_user_model, "ana")


@pytest.fixture
def supporting_partner(db, django_user_model):
    return _user(django_user_model, "ben")


@pytest.fixture
def pair(partner_with_pain, supporting_partner):
    return _pair(partner_with_pain, supporting_partner)


@pytest.fixture
def stranger(db, django_user_model):
    return _user(django_user_model, "sam")


@pytest.fixture
def stranger_partner(db, django_user_model):
    return _user(django_user_model, "kit")


@pytest.fixture
def stranger_pair(stranger, stranger_partner):
    return _pair(stranger, stranger_partner)


def signed_in(user, holding_the_key=True):
    """A client signed in as `user`, holding their key as after a sign-in (or, if asked, holding none)."""
    client = Client()
    client.force_login(user)
    if not holding_the_key:
        session = client.session
        del session[keyring.SESSION_KEY]
        session.save()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


@pytest.fixture
def pain_client(pair, partner_with_pain):
    return signed_in(partner_with_pain)


@pytest.fixture
def support_client(pair, supporting_partner):
    return signed_in(supporting_partner)


@pytest.fixture
def stranger_client(stranger_pair, stranger):
    return signed_in(stranger)


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's admin client, past the admin's second factor as after a real sign-in (companion/admin_site.py)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    client = Client()
    client.force_login(admin_user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = StaticDevice.objects.create(user=admin_user, name="backup").persistent_id
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


@pytest.fixture(autouse=True)
def _forget_test_passphrases():
    """Row numbers come round again after a test's rollback: a passphrase noted in one test never reaches the next."""
    yield
    _passphrases.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database gets the shipped content the same way a deploy does: migrate, then load_content."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_page_cache(django_db_blocker):
    """Each test starts with no kept pages. The content edition is read once per process, as a server
    reads it once per CONTENT_EDITION_RECHECK_SECONDS, so it never shows up in a counted test."""
    from django.conf import settings
    from django.core.cache import caches

    from editorial import edition, page_cache

    caches[settings.SHARED_PAGE_CACHE].clear()
    page_cache.forget_parts()
    with django_db_blocker.unblock():
        edition.current()
    yield
    edition.forget()  # a test may have started an edition its transaction then rolled back


@pytest.fixture
def publish(db):
    """After a test changes content rows directly: a new edition, as `load_content` starts one."""
    from editorial import edition

    def publish():
        edition.start_new()
        edition.current()

    return publish


@pytest.fixture
def content_again_afterwards(django_db_blocker):
    """For a transactional test: set up before its database fixture, so torn down after that has emptied the
    database, and later tests find the shipped content as they do after django_db_setup."""
    from django.core.management import call_command

    yield
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)


@contextmanager
def a_fresh_database(folder):
    """The URL of a new, empty database of the kind the tests run on: an SQLite file in `folder`, or a database
    made for the test on the same PostgreSQL server (dropped afterwards). For commands run in another process."""
    from django.db import connection

    database = connection.settings_dict
    if database["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{folder / 'fresh.sqlite3'}"
        return
    import psycopg

    name = f"fresh_{folder.name}".lower().replace("-", "_")[:60]
    server = {"host": database["HOST"], "port": database["PORT"], "user": database["USER"]}
    server["password"] = database["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:{database['PORT']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def fresh_database_url(tmp_path):
    with a_fresh_database(tmp_path) as url:
        yield url
