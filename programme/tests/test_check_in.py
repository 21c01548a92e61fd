"""The check-in page: a few optional questions every few weeks, kept sealed for their owner alone."""

import pytest

from conftest import data_key_of
from programme.check_ins import content
from programme.models import CheckIn
from programme.private_records import Diary

pytestmark = pytest.mark.django_db


def questions_on(client):
    page = client.get("/programme/check-in/").content.decode()
    return {q.key for q in content().questions if f'name="{q.key}"' in page}


def my_check_ins(user):
    return Diary(user, data_key_of(user)).check_ins()


def test_each_partner_is_asked_their_own_questions(pair, pain_client, support_client, django_user_model):
    by_whom = {q.key: q.asks for q in content().questions}
    assert questions_on(pain_client) == {k for k, asks in by_whom.items() if asks in {"pain", "everyone"}}
    assert questions_on(support_client) == {k for k, asks in by_whom.items() if asks in {"partner", "everyone"}}
    from conftest import signed_in

    on_their_own = signed_in(django_user_model.objects.create_user("lou", password="a quiet walk by the river"))
    assert questions_on(on_their_own) == questions_on(pain_client)  # not paired: the solo track is theirs


def test_every_question_can_be_left_out_and_starts_left_out(pain_client):
    page = pain_client.get("/programme/check-in/").content.decode()
    for key in questions_on(pain_client):
        assert f'name="{key}" value="" ' in page and "checked" in page.split(f'name="{key}" value=""')[1][:60]


def test_answers_are_saved_sealed_for_their_owner(pair, pain_client, partner_with_pain):
    response = pain_client.post("/programme/check-in/", {"pain_touch": "6", "pain_insertion": "-1", "fear": ""})
    assert response.status_code == 302 and response["Location"] == "/programme/progress/"
    [check_in] = my_check_ins(partner_with_pain)
    assert check_in.answers == {
        "pain_touch": 6,
        "pain_insertion": CheckIn.NOT_TRIED,
        "fear": None,
        "worry": None,
        "closeness": None,
    }


def test_a_question_not_asked_of_me_is_not_saved_even_if_sent(pair, support_client, supporting_partner):
    support_client.post("/programme/check-in/", {"pain_touch": "9", "closeness": "7"})
    [check_in] = my_check_ins(supporting_partner)
    assert check_in.answers["pain_touch"] is None and check_in.answers["closeness"] == 7


@pytest.mark.parametrize(
    "sent",
    [
        {"pain_touch": "11"},
        {"pain_touch": "-2"},
        {"pain_touch": "x"},
        {"pain_touch": "5.5"},
        {"pain_touch": "٣"},
        {"closeness": "-1"},  # "not tried" is only offered where it makes sense
        {"fear": "\x00"},
    ],
)
def test_an_answer_out_of_range_saves_nothing_and_says_so_kindly(pair, pain_client, sent):
    response = pain_client.post("/programme/check-in/", {"closeness": "5", **sent})
    assert response.status_code == 422
    assert "Please choose a number from 0 to 10, or leave the question out. Nothing was saved." in response.text
    assert 'aria-invalid="true"' in response.text
    assert not CheckIn.objects.exists()


def test_a_check_in_with_nothing_answered_saves_nothing(pair, pain_client):
    response = pain_client.post("/programme/check-in/", {"pain_touch": "", "fear": ""})
    assert response.status_code == 422 and "Please answer at least one question" in response.text
    assert not CheckIn.objects.exists()


def test_a_copy_of_the_database_shows_no_answer_and_every_check_in_is_the_same_size(pair, pain_client):
    pain_client.post("/programme/check-in/", {"pain_touch": "0"})
    pain_client.post(
        "/programme/check-in/", {"pain_touch": "10", "pain_insertion": "10", "fear": "10", "closeness": "10"}
    )
    rows = list(CheckIn.objects.all())
    assert len({len(row.sealed) for row in rows}) == 1
    for row in rows:
        assert b"pain" not in bytes(row.sealed)  # a 4-byte word: by chance in random bytes about once in 10**7 rows


def test_the_check_in_is_in_my_export_and_not_my_partners(pair, pain_client, support_client):
    pain_client.post("/programme/check-in/", {"pain_touch": "6", "pain_insertion": "-1"})
    mine = pain_client.get("/account/my-data.json").json()["programme"]["my_check_ins"]
    assert [(c["pain_touch"], c["pain_insertion"]) for c in mine] == [(6, "not tried")]
    assert support_client.get("/account/my-data.json").json()["programme"]["my_check_ins"] == []


def test_each_question_says_what_0_and_10_mean_in_the_files_own_words(pair, support_client):
    page = support_client.get("/programme/check-in/").text
    for question in content().questions:
        if question.asks in {"partner", "everyone"}:
            assert f"0: {question.low}. 10: {question.high}." in page  # "As worried as I could be", never "i"
