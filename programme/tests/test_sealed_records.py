"""A copy of the database alone reveals nobody's feelings, solo practice or shared lines (see partners/keys.py)."""

import logging

import pytest
from django.db import connection

from conftest import data_key_of
from programme.models import CheckIn, Feeling, SharedLine, SoloLog, SoloStep
from programme.private_records import forget_unreadable, open_row

pytestmark = pytest.mark.django_db

NOTE = "Breathing slowly helped a lot."
SOLO_NOTE = "Second trainer, a little sore."


@pytest.fixture
def step(db):
    return SoloStep.objects.select_related("guide").get(guide__slug="insertion-steps", number=2)


def raw_rows(table):
    """Every row of `table` as the database holds it: {column: value}."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a fixed table name)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def as_bytes(value):
    return bytes(value) if isinstance(value, (bytes, memoryview)) else str(value).encode()


def assert_nowhere(rows, *secrets):
    for row in rows:
        for column, value in row.items():
            for secret in secrets:
                assert secret.encode() not in as_bytes(value), (column, secret)


def tamper(model, pk):
    row = model.objects.get(pk=pk)
    sealed = bytearray(row.sealed)
    sealed[-1] ^= 1
    model.objects.filter(pk=pk).update(sealed=bytes(sealed))


def rate(client, practice, **changes):
    data = {"practice": practice.pk, "comfort": 7, "enjoyment": 8, "pain": 3, "note": NOTE, **changes}
    return client.post("/programme/how-it-felt/", data)


def log(client, practised, **changes):
    return client.post(
        "/programme/solo/log/", {"step": practised.pk, "minutes": 6, "pain": 5, "note": SOLO_NOTE, **changes}
    )


def test_a_feeling_is_stored_sealed(pain_client, partner_with_pain, first_practice):
    assert rate(pain_client, first_practice).status_code == 302
    [row] = raw_rows("programme_feeling")
    assert row["sealed"] and row["user_id"] == partner_with_pain.pk
    assert set(row) == {"id", "user_id", "felt_at", "sealed"}  # nothing else is stored, plain or sealed
    assert_nowhere([row], NOTE, first_practice.title)
    assert NOTE in pain_client.get(first_practice.get_absolute_url()).content.decode()


def test_a_solo_log_and_its_shared_line_are_stored_sealed(pair, pain_client, support_client, step):
    assert log(pain_client, step).status_code == 302
    [row] = raw_rows("programme_sololog")
    assert row["sealed"] and set(row) == {"id", "user_id", "practised_at", "sealed"}
    assert_nowhere([row], SOLO_NOTE, step.title)

    pain_client.post("/programme/solo/share/", {"log": row["id"], "share": "1"})
    [line] = raw_rows("programme_sharedline")
    assert line["sealed"] and line["log_id"] == row["id"]
    assert_nowhere([line], SOLO_NOTE, step.title, "pain 5")
    shown = support_client.get("/programme/").content.decode()
    assert step.title in shown and "pain 5" in shown and SOLO_NOTE not in shown


def test_a_tampered_feeling_is_left_out_without_an_error(pain_client, first_practice, caplog):
    rate(pain_client, first_practice)
    rate(pain_client, first_practice, note="The second one.")
    tamper(Feeling, Feeling.objects.order_by("pk").first().pk)
    caplog.set_level(logging.WARNING)
    page = pain_client.get(first_practice.get_absolute_url())
    assert page.status_code == 200
    assert NOTE not in page.content.decode() and "The second one." in page.content.decode()
    export = pain_client.get("/account/my-data.json")
    assert export.status_code == 200 and len(export.json()["programme"]["how_sessions_felt_to_me"]) == 1
    assert "did not open" in caplog.text and NOTE not in caplog.text


def test_a_feeling_moved_to_someone_else_does_not_open(
    pair, pain_client, support_client, partner_with_pain, supporting_partner, first_practice
):
    rate(pain_client, first_practice)
    Feeling.objects.update(user=supporting_partner)  # her sealed row, now claimed to be his
    page = support_client.get(first_practice.get_absolute_url())
    assert page.status_code == 200 and NOTE not in page.content.decode()
    assert (
        open_row(Feeling.objects.get(), data_key_of(partner_with_pain)) is None
    )  # bound to its owner, even under her key


def test_a_tampered_solo_log_and_shared_line_are_left_out_without_an_error(
    pair, pain_client, support_client, step, caplog
):
    log(pain_client, step)
    practice = SoloLog.objects.get()
    pain_client.post("/programme/solo/share/", {"log": practice.pk, "share": "1"})
    tamper(SharedLine, SharedLine.objects.get().pk)
    tamper(SoloLog, practice.pk)
    caplog.set_level(logging.WARNING)
    for client, url in [
        (pain_client, step.guide.get_absolute_url()),
        (pain_client, "/appointment/"),
        (pain_client, "/account/my-data.json"),
        (support_client, "/programme/"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SOLO_NOTE not in response.content.decode() and "about 6 minutes" not in response.content.decode(), url
    assert "My own practice" not in pain_client.get("/appointment/").content.decode()
    assert pain_client.get("/account/my-data.json").json()["programme"]["my_solo_practice"] == []
    assert step.title not in support_client.get("/programme/").content.decode()
    share = pain_client.post("/programme/solo/share/", {"log": practice.pk, "share": "1"}, follow=True)
    assert "Nothing was shared" in share.content.decode()
    assert caplog.text.count("did not open") >= 4 and SOLO_NOTE not in caplog.text


def test_sharing_without_the_pair_key_shares_nothing(pair, pain_client, partner_with_pain, step):
    from partners.models import Membership

    log(pain_client, step)
    practice = SoloLog.objects.get()
    pain_client.post("/programme/solo/share/", {"log": practice.pk, "share": "1"})  # the pair's key is made here
    pain_client.post("/programme/solo/share/", {"log": practice.pk, "share": "0"})
    Membership.objects.filter(user=partner_with_pain).update(sealed_pair_key=None)  # as after starting afresh
    response = pain_client.post("/programme/solo/share/", {"log": practice.pk, "share": "1"}, follow=True)
    assert "Nothing was shared yet" in response.content.decode()
    assert not SharedLine.objects.exists()


def test_starting_afresh_forgets_only_my_sealed_rows(
    pair, pain_client, support_client, partner_with_pain, first_practice, step
):
    rate(pain_client, first_practice)
    log(pain_client, step)
    rate(support_client, first_practice)
    pain_client.post("/programme/check-in/", {"fear": "4"})
    support_client.post("/programme/check-in/", {"worry": "4"})
    forget_unreadable(partner_with_pain, None)
    assert not Feeling.objects.filter(user=partner_with_pain).exists() and not SoloLog.objects.exists()
    assert Feeling.objects.count() == 1
    assert list(CheckIn.objects.values_list("user__username", flat=True)) == ["ben"]
