"""Retention: `manage.py forget_idle` deletes long-unused accounts as if each person deleted their own."""

from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from conftest import PASSPHRASE
from conversations.models import AnswerCount, Idea, Mark
from conversations.tests.marks import mark
from partners.models import Membership, Pair, User
from programme.models import Feeling, SoloLog

pytestmark = pytest.mark.django_db


def last_active(user, days_ago, *, signed_in=True):
    """Put the person's last sign-in (or, never signed in, their joining) `days_ago` days back."""
    when = timezone.now() - timedelta(days=days_ago)
    fields = {"last_login": when} if signed_in else {"last_login": None, "date_joined": when}
    User.objects.filter(pk=user.pk).update(**fields)


def forget_idle(*args):
    out = StringIO()
    call_command("forget_idle", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Every row that belongs to someone, so "nothing changed" can be checked."""
    return [
        sorted(User.objects.values_list("pk", "last_login")),
        sorted(Membership.objects.values_list("pk", "partner_left", "sealed_pair_key")),
        Mark.objects.count(),
        Feeling.objects.count(),
        Pair.objects.count(),
    ]


def test_an_idle_account_goes_with_everything_in_it_and_its_partner_is_told(
    pair, pain_client, support_client, partner_with_pain, supporting_partner
):
    idea = Idea.objects.first()
    mark(partner_with_pain, idea, "yes")
    mark(supporting_partner, idea, "maybe")
    AnswerCount.count_change(partner_with_pain)
    Feeling.objects.create(user=partner_with_pain, sealed=b"sealed feeling")
    SoloLog.objects.create(user=partner_with_pain, sealed=b"sealed practice")
    last_active(partner_with_pain, 731)
    last_active(supporting_partner, 729)
    pk = partner_with_pain.pk

    assert forget_idle().strip() == "Removed 1 account(s) idle for more than 730 days."

    assert not User.objects.filter(pk=pk).exists()
    for private in (Mark, Feeling, SoloLog, AnswerCount, Membership):
        assert not private.objects.filter(user=pk).exists(), private
    user_model = apps.get_model("partners", "User")
    for model in apps.get_models():  # nothing anywhere still points at them
        for field in model._meta.get_fields():
            if getattr(field, "related_model", None) is user_model and field.concrete:
                assert not model.objects.filter(**{field.name: pk}).exists(), (model, field.name)
    # The partner who still uses Companion stays, keeps their own marks, and is told as after a deletion.
    assert Mark.objects.filter(user=supporting_partner).exists()
    page = support_client.get("/pair/").content.decode()
    assert "Your partner has left the pair" in page
    assert support_client.post("/pair/invite/").status_code == 302  # and can invite someone again


def test_someone_who_never_signed_in_is_idle_from_when_they_joined(db, django_user_model):
    joined_long_ago = django_user_model.objects.create_user(username="old", password=PASSPHRASE)
    joined_lately = django_user_model.objects.create_user(username="new", password=PASSPHRASE)
    last_active(joined_long_ago, 400, signed_in=False)
    last_active(joined_lately, 100, signed_in=False)
    forget_idle("--days", "365")
    assert list(User.objects.filter(username__in=["old", "new"]).values_list("username", flat=True)) == ["new"]


def test_staff_and_superusers_are_never_removed(db, django_user_model):
    staff = django_user_model.objects.create_user(username="desk", password=PASSPHRASE, is_staff=True)
    admin = django_user_model.objects.create_superuser(username="root", password=PASSPHRASE)
    for user in (staff, admin):
        last_active(user, 5000)
    assert "Removed 0 account(s)" in forget_idle()
    assert User.objects.filter(pk__in=[staff.pk, admin.pk]).count() == 2


def test_a_dry_run_lists_ids_and_dates_never_usernames_and_changes_nothing(
    pair, pain_client, partner_with_pain, supporting_partner
):
    Feeling.objects.create(user=partner_with_pain, sealed=b"sealed feeling")
    last_active(partner_with_pain, 800)
    last_active(supporting_partner, 10)
    before = snapshot()
    out = forget_idle("--dry-run")
    assert snapshot() == before
    day = (timezone.now() - timedelta(days=800)).date().isoformat()
    assert f"would remove user {partner_with_pain.pk}, last active {day}" in out
    assert f"user {supporting_partner.pk}," not in out
    assert out.splitlines()[-1].startswith("Dry run: 1 account(s) idle for more than 730 days would be removed")
    for username in ("ana", "ben"):
        assert username not in out
    assert "Your partner has left" not in pain_client.get("/pair/").content.decode()


@pytest.mark.parametrize("days", ["0", "abc", "10", "-40", "29"])
def test_a_period_that_is_not_a_whole_number_of_at_least_30_days_is_refused(days, pair, partner_with_pain):
    last_active(partner_with_pain, 5000)
    before = snapshot()
    with pytest.raises(CommandError, match="at least 30"):  # Django exits with status 1 on a CommandError
        forget_idle("--days", days)
    assert snapshot() == before


def test_the_setting_is_the_default_period(pair, partner_with_pain, supporting_partner, settings):
    settings.FORGET_IDLE_AFTER_DAYS = 100
    last_active(partner_with_pain, 101)
    last_active(supporting_partner, 99)
    assert "idle for more than 100 days" in forget_idle()
    assert list(User.objects.filter(pk__in=[partner_with_pain.pk, supporting_partner.pk])) == [supporting_partner]


@pytest.mark.parametrize(
    ("days", "stated"), [(730, "two years"), (365, "one year"), (400, "400 days"), (365 * 12, "12 years")]
)
def test_the_privacy_page_states_the_period_from_the_setting(days, stated, settings):
    settings.FORGET_IDLE_AFTER_DAYS = days
    page = Client().get("/privacy/").content.decode()
    assert f"Accounts not used for {stated} are deleted, with everything in them." in page


def test_someone_who_stays_signed_in_is_never_idle(partner_with_pain, pain_client):
    """Sessions renew while used, so a person may never sign in again: using the site counts as being active."""
    last_active(partner_with_pain, 800)
    pain_client.get("/account/")
    assert "Removed 0 account(s)" in forget_idle()
    assert User.objects.filter(pk=partner_with_pain.pk).exists()
