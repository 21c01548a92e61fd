import pytest
from django.test import Client

from conftest import PASSPHRASE, data_key_of, signed_in

pytestmark = pytest.mark.django_db
NEW = "a slow boat down the canal"


def sign_in(password=PASSPHRASE):
    client = Client()
    return client, client.post("/account/sign-in/", {"username": "ana", "password": password}).status_code


def test_it_needs_the_current_passphrase_and_ends_every_other_session(partner_with_pain):
    (phone, _), (laptop, _) = sign_in(), sign_in()
    wrong = phone.post("/account/passphrase/", {"old_password": "not it", "new_password1": NEW, "new_password2": NEW})
    assert wrong.status_code == 422
    assert laptop.get("/account/").status_code == 200  # nothing changed
    ok = phone.post("/account/passphrase/", {"old_password": PASSPHRASE, "new_password1": NEW, "new_password2": NEW})
    assert ok["Location"] == "/account/"
    assert phone.get("/account/").status_code == 200  # this phone stays signed in
    assert laptop.get("/account/").status_code == 302  # every other one is signed out
    assert sign_in(NEW)[1] == 302 and sign_in(PASSPHRASE)[1] == 422


def test_a_weak_new_passphrase_is_refused(pain_client):
    response = pain_client.post(
        "/account/passphrase/", {"old_password": PASSPHRASE, "new_password1": "a" * 12, "new_password2": "a" * 12}
    )
    assert response.status_code == 422 and "more variety" in response.content.decode()


def test_it_is_for_signed_in_people_only(client):
    assert client.get("/account/passphrase/").status_code == 302


def test_re_keying_leaves_an_old_backup_and_the_old_passphrase_opening_nothing_current(
    pair, partner_with_pain, supporting_partner
):
    from conversations.models import Idea, Mark
    from conversations.tests.marks import mark, matches_for, unlocked
    from partners import keys
    from partners.models import Membership, User
    from programme.models import Practice
    from programme.private_records import Diary

    idea = Idea.objects.current().first()
    mark(partner_with_pain, idea, "yes"), mark(supporting_partner, idea, "yes")
    Diary(partner_with_pain, data_key_of(partner_with_pain)).record_feeling(Practice.objects.first(), 3, 4, 2, "sore")
    backup = User.objects.get(pk=partner_with_pain.pk)  # an old copy of her row, taken before the change
    phone, _ = sign_in()
    response = phone.post(
        "/account/passphrase/", {"old_password": PASSPHRASE, "new_password1": NEW, "new_password2": NEW, "rekey": "on"}
    )
    assert response.status_code == 200 and "have a new key" in response.content.decode()  # and a new recovery code
    assert (
        phone.get("/ideas/").status_code == 200
        and "My private answer: <strong>Yes</strong>" in phone.get("/ideas/").content.decode()
    )

    old_key = keys.unwrap(PASSPHRASE, backup.data_key_by_passphrase, "passphrase")  # the old passphrase and the backup
    ana = unlocked("ana", NEW)
    assert old_key is not None and data_key_of(ana) != old_key
    with pytest.raises(keys.Unreadable):
        ana.private_key_for(old_key)
    assert Membership.objects.get(user=ana).open_pair_key(data_key_of(ana)) is not None
    with pytest.raises(keys.Unreadable):
        Membership.objects.get(user=supporting_partner).open_pair_key(old_key)  # not through her old key pair either
    with pytest.raises(keys.Unreadable):
        backup.open_sealed_to_me(old_key, Membership.objects.get(user=ana).sealed_pair_key, f"pair-key:{pair.pk}")
    for row in Mark.objects.filter(user=ana):
        with pytest.raises(keys.Unreadable):
            keys.unseal(old_key, row.sealed, f"mark:{ana.pk}:{bytes(row.slot).hex()}")
    assert [felt.note for felt in Diary(ana, data_key_of(ana)).feelings()] == ["sore"]
    assert Diary(ana, old_key).feelings() == []
    assert matches_for(ana)[0] == []  # until her partner's next visit remakes his tokens with the new pair key
    assert signed_in(supporting_partner).get("/ideas/both-of-us/").context["both_yes"] == [idea]
    assert matches_for(ana)[0] == [idea]


def test_without_asking_for_a_new_key_the_key_stays_and_only_its_wrap_changes(partner_with_pain):
    from partners.models import User

    before = bytes(User.objects.get(pk=partner_with_pain.pk).public_key)
    phone, _ = sign_in()
    phone.post("/account/passphrase/", {"old_password": PASSPHRASE, "new_password1": NEW, "new_password2": NEW})
    assert bytes(User.objects.get(pk=partner_with_pain.pk).public_key) == before
