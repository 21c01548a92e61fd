"""Keys through every account path: who can open a person's sealed records, and what happens when nobody can.

Each person's data key opens only with their passphrase or recovery code; the session holds it sealed; a
session without it is asked for the passphrase again, never shown a 500 or anything in plain text.
"""

import base64
import json
import re

import pytest
from django.core import signing
from django.test import Client

from conftest import PASSPHRASE, data_key_of, signed_in
from conversations.models import Idea, Mark, MatchToken
from conversations.tests.marks import answer, answers, book, mark, matches_for, unlocked
from partners import keys
from partners.keyring import SESSION_KEY, open_pair_key
from partners.models import Membership, User

pytestmark = pytest.mark.django_db
NEW = "a slow boat down the canal"


@pytest.fixture
def idea():
    return Idea.objects.filter(two_sided=False).first()


@pytest.fixture
def both_said_yes(pair, partner_with_pain, supporting_partner, idea):
    mark(partner_with_pain, idea, "yes")
    mark(supporting_partner, idea, "yes")
    return idea


def sign_in(username="ana", password=PASSPHRASE, client=None):
    client = client or Client()
    response = client.post("/account/sign-in/", {"username": username, "password": password})
    return client, response


def test_signing_in_puts_the_key_in_the_session_sealed_never_plain(partner_with_pain):
    client, _ = sign_in()
    cookie = client.cookies["sessionid"].value
    session = signing.loads(
        cookie, salt="django.contrib.sessions.backends.signed_cookies", serializer=signing.JSONSerializer
    )
    sealed = base64.b64decode(session[SESSION_KEY])
    key = data_key_of(partner_with_pain)
    assert key not in sealed and base64.b64encode(key).decode() not in cookie
    assert client.get("/ideas/both-of-us/").status_code == 200


def test_a_session_without_the_key_is_asked_for_the_passphrase_again(pair, partner_with_pain):
    client = signed_in(partner_with_pain, holding_the_key=False)
    response = client.get("/ideas/both-of-us/")
    assert response.status_code == 302 and response["Location"] == "/account/locked/?next=%2Fideas%2Fboth-of-us%2F"
    htmx = client.post(
        "/marks/",
        {"idea": "foot-rub", "choice": "y"},
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/ideas/all/2/"},
    )
    assert htmx["HX-Redirect"] == "/account/locked/?next=%2Fideas%2Fall%2F2%2F"
    assert not Mark.objects.exists()  # nothing saved in plain text instead
    page = client.get("/account/locked/").content.decode()
    assert "type your passphrase once more" in page
    wrong = client.post("/account/locked/", {"passphrase": "not it at all"})
    assert wrong.status_code == 422 and "Nothing has changed" in wrong.content.decode()
    opened = client.post("/account/locked/", {"passphrase": PASSPHRASE, "next": "/ideas/both-of-us/"})
    assert opened["Location"] == "/ideas/both-of-us/"
    assert client.get("/ideas/both-of-us/").status_code == 200


def test_a_tampered_session_key_is_the_same_as_none(pair, partner_with_pain):
    client, _ = sign_in()
    session = client.session
    sealed = bytearray(base64.b64decode(session[SESSION_KEY]))
    sealed[-1] ^= 1
    session[SESSION_KEY] = base64.b64encode(bytes(sealed)).decode()
    session.save()
    client.cookies["sessionid"] = session.session_key
    assert client.get("/ideas/").status_code == 302


def test_a_changed_passphrase_keeps_everything(pain_client, partner_with_pain, idea):
    mark(partner_with_pain, idea, "maybe")
    data = {"old_password": PASSPHRASE, "new_password1": NEW, "new_password2": NEW}
    assert pain_client.post("/account/passphrase/", data).status_code == 302
    assert User.objects.get(pk=partner_with_pain.pk).unlock(PASSPHRASE) is None  # the old one opens nothing
    client, _ = sign_in(password=NEW)
    assert "My private answer: <strong>Maybe</strong>" in client.get("/ideas/").content.decode()


def test_the_recovery_code_keeps_everything_and_a_wrong_one_changes_nothing(idea):
    client = Client()
    response = client.post(
        "/account/sign-up/", {"username": "quietfox", "password1": PASSPHRASE, "password2": PASSPHRASE}
    )
    code = re.search(r'class="invite-code[^"]*"[^>]*>([A-Z0-9-]+)<', response.content.decode()).group(1)
    client.post("/marks/", {"idea": idea.slug, "choice": "y"})
    before = User.objects.get(username="quietfox").data_key_by_passphrase
    wrong = Client().post(
        "/account/recover/",
        {"username": "quietfox", "recovery_code": "AAAA-BBBB-CCCC-DDDD", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 422 and bytes(User.objects.get(username="quietfox").data_key_by_passphrase) == bytes(
        before
    )
    Client().post(
        "/account/recover/", {"username": "quietfox", "recovery_code": code, "new_password1": NEW, "new_password2": NEW}
    )
    assert answer(unlocked("quietfox", NEW), idea) == ("yes", "either")


def test_without_passphrase_or_code_the_app_says_so_then_starts_afresh(
    both_said_yes, pair, partner_with_pain, supporting_partner
):
    ana = User.objects.get(pk=partner_with_pain.pk)
    ana.set_password(NEW)  # an admin's reset: nobody held her key
    ana.save()
    client, response = sign_in(password=NEW)
    assert response["Location"].startswith("/account/locked/")
    refused = client.post("/account/locked/", {"passphrase": NEW})
    assert refused.status_code == 422 and "no longer opens your private records" in refused.content.decode()
    old_rows = set(Mark.objects.filter(user=ana).values_list("pk", flat=True))
    assert len(old_rows) == Idea.objects.count()  # nothing deleted without saying so first
    fresh = client.post("/account/locked/", {"passphrase": NEW, "start_afresh": "on"})
    assert "You are starting afresh" in fresh.content.decode()
    assert not Mark.objects.filter(pk__in=old_rows).exists()  # the old rows are gone; new ones hold no answers
    assert answers(unlocked("ana", NEW)) == {}
    assert client.get("/ideas/both-of-us/").context["both_yes"] == []
    # Her new key was never pinned by the pair: her partner confirms it is hers, and new answers match as before.
    ben = signed_in(supporting_partner)
    assert ben.get("/ideas/both-of-us/").status_code == 200 and not Membership.objects.get(user=ana).sealed_pair_key
    assert "ana has new keys" in ben.get("/pair/").content.decode()
    ben.post("/pair/vouch/")
    client.post("/marks/", {"idea": both_said_yes.slug, "choice": "y"})
    assert client.get("/ideas/both-of-us/").context["both_yes"] == [both_said_yes]


def test_leaving_deletes_the_tokens_and_keeps_my_marks(
    both_said_yes, pair, partner_with_pain, supporting_partner, pain_client
):
    assert matches_for(partner_with_pain)[0] == [both_said_yes]
    pain_client.post("/pair/leave/")
    assert not MatchToken.objects.filter(membership__user=partner_with_pain).exists()
    assert answer(partner_with_pain, both_said_yes) == ("yes", "either")
    assert matches_for(supporting_partner) == ([], [])


def test_deleting_an_account_deletes_its_marks_and_tokens(both_said_yes, pain_client, partner_with_pain):
    pain_client.post("/account/delete/", {"passphrase": PASSPHRASE})
    assert not Mark.objects.filter(user_id=partner_with_pain.pk).exists()
    assert not MatchToken.objects.filter(membership__user_id=partner_with_pain.pk).exists()


def test_the_export_opens_my_marks_and_none_of_my_partners(both_said_yes, pain_client, supporting_partner):
    other = Idea.objects.exclude(pk=both_said_yes.pk).first()
    mark(supporting_partner, other, "maybe")
    data = json.loads(pain_client.get("/account/my-data.json").content)
    assert [(m["idea"], m["choice"]) for m in data["marks"]] == [(both_said_yes.slug, "yes")]


def test_a_tampered_mark_is_left_out_never_a_500(pain_client, partner_with_pain, idea):
    mark(partner_with_pain, idea, "maybe")
    row = Mark.objects.get(user=partner_with_pain, slot=book(partner_with_pain).slot_for(idea.pk))
    sealed = bytearray(row.sealed)
    sealed[20] ^= 1
    Mark.objects.filter(pk=row.pk).update(sealed=bytes(sealed))
    response = pain_client.get("/ideas/")
    assert response.status_code == 200 and "My private answer" not in response.content.decode()
    assert pain_client.get(f"/ideas/all/{list(Idea.objects.current().in_order()).index(idea) + 1}/").status_code == 200


def test_a_tampered_token_matches_nothing_never_a_500(both_said_yes, pair, partner_with_pain, pain_client):
    book(partner_with_pain).make_all_tokens()
    MatchToken.objects.filter(membership__user=partner_with_pain).update(token=b"\x00" * 16)
    response = pain_client.get("/ideas/both-of-us/")
    assert response.status_code == 200 and response.context["both_yes"] == []


def test_an_upgraded_passphrase_hash_never_touches_the_keys(pair, partner_with_pain, idea):
    """Django re-hashes an old-style hash at sign-in; only the hash may change, never the sealed key."""
    from django.contrib.auth.hashers import make_password

    mark(partner_with_pain, idea, "maybe")
    weak = make_password(PASSPHRASE, salt="ab", hasher="md5")  # a short salt: Django upgrades it on sign-in
    User.objects.filter(pk=partner_with_pain.pk).update(password=weak)
    sealed_before = bytes(User.objects.get(pk=partner_with_pain.pk).data_key_by_passphrase)
    client, response = sign_in()
    assert response["Location"] == "/account/"
    user = User.objects.get(pk=partner_with_pain.pk)
    assert user.password != weak and bytes(user.data_key_by_passphrase) == sealed_before
    assert "My private answer: <strong>Maybe</strong>" in client.get("/ideas/").content.decode()


def test_whoever_leaves_can_never_open_the_pair_key_again(pair, partner_with_pain, supporting_partner, support_client):
    ben = Membership.objects.get(user=supporting_partner)
    old = ben.open_pair_key(data_key_of(supporting_partner))
    Membership.objects.get(user=partner_with_pain).leave()
    ben.refresh_from_db()
    assert ben.sealed_pair_key is None and not ben.tokens_complete  # nothing sealed to a stored public key
    assert open_pair_key(data_key_of(supporting_partner), ben) not in (None, old)  # his next visit makes his own


def test_emptying_both_copies_and_swapping_a_key_hands_nobody_the_pair_key(
    pair, partner_with_pain, supporting_partner, support_client
):
    """Someone with write access only: their own public key for her, and no pair key for either of them."""
    attacker_public, _ = keys.new_key_pair(keys.new_key(), "private-key")
    User.objects.filter(pk=partner_with_pain.pk).update(public_key=attacker_public)
    Membership.objects.filter(pair=pair).update(sealed_pair_key=None, tokens_complete=False)
    assert (
        support_client.get("/ideas/both-of-us/").status_code == 200 and support_client.get("/pair/").status_code == 200
    )
    assert not Membership.objects.filter(pair=pair).exclude(sealed_pair_key=None).exists()


def test_a_key_made_stale_on_another_phone_is_asked_for_again_never_written_under(pair, partner_with_pain, idea):
    client, _ = sign_in()
    User.objects.get(pk=partner_with_pain.pk).start_keys_afresh(PASSPHRASE)  # as another phone starting afresh
    before = list(Mark.objects.filter(user=partner_with_pain).values_list("pk", "sealed"))
    response = client.post("/marks/", {"idea": idea.slug, "choice": "y"})
    assert response.status_code == 302 and response["Location"].startswith("/account/locked/")
    assert (
        list(Mark.objects.filter(user=partner_with_pain).values_list("pk", "sealed")) == before
    )  # nothing written under the dead key


def test_after_an_admin_reset_the_locked_page_says_so_at_once(partner_with_pain):
    ana = User.objects.get(pk=partner_with_pain.pk)
    ana.set_password(NEW)  # an admin's reset: the right passphrase opens nothing
    ana.save()
    client, response = sign_in(password=NEW)
    page = client.get(response["Location"]).content.decode()
    assert "no longer opens your private records" in page and "Use your recovery code" in page
    assert "please type your passphrase once more" not in page  # never asked to type the same one again first
    assert 'name="start_afresh"' in page


def test_a_session_merely_without_the_key_is_not_told_of_a_reset(pair, partner_with_pain):
    page = signed_in(partner_with_pain, holding_the_key=False).get("/account/locked/").content.decode()
    assert "no longer opens" not in page and "please type your passphrase once more" in page
