"""Fixtures shared by every app's tests: the standing users.

- partner_with_pain and supporting_partner: a pair;
- stranger: a signed-up person in a pair of their own (with stranger_partner).
"""

import pytest
from django.test import Client

from partners.models import Pair

PASSPHRASE = "a quiet walk by the river"


def _user(django_user_model, username):
    return django_user_model.objects.create_user(username=username, password=PASSPHRASE)


def _pair(first, second):
    return Pair.of(first, second)


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


def signed_in(user):
    client = Client()
    client.force_login(user)
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
