"""Responding with care: after a session together, how I responded (supporting partner) or what helped me
(partner with pain), private to me; what helped can be shown to my partner, and taken back."""

import pytest

from conftest import data_key_of
from programme.models import Practice, Response, SharedHelp
from programme.private_records import Diary
from programme.responses import PATTERN_AFTER, content

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(db):
    return Practice.objects.select_related("stage").order_by("stage__number", "order").first()


def note(client, practice, *chosen, show=False):
    data = {"practice": practice.pk, "chosen": list(chosen)}
    if show:
        data["show"] = "on"
    return client.post("/programme/responded/", data)


def test_each_partner_is_asked_their_own_question(pair, pain_client, support_client, practice):
    assert content().helped.question in pain_client.get(practice.get_absolute_url()).text
    page = support_client.get(practice.get_absolute_url()).text
    assert content().responded.question in page and content().helped.question not in page
    assert "Show my partner what helped" not in page  # only what helped can be shown


def test_how_i_responded_stays_mine(pair, pain_client, support_client, supporting_partner, practice):
    assert note(support_client, practice, "kept-asking", "stayed-close").status_code == 302
    [response] = Diary(supporting_partner, data_key_of(supporting_partner)).responses()
    assert (response.about, response.chosen) == (Response.RESPONDED, ["kept-asking", "stayed-close"])
    text = content().responded.text_of("kept-asking")
    for path in ["/programme/progress/", "/programme/", "/appointment/", "/account/my-data.json"]:
        assert text not in pain_client.get(path).text, path
    assert text in support_client.get("/programme/progress/").text
    assert not SharedHelp.objects.exists()


def test_what_helped_is_shown_only_if_chosen_and_can_be_taken_back(pair, pain_client, support_client, practice):
    helped = content().helped.text_of("my-pace")
    note(pain_client, practice, "my-pace")
    assert helped not in support_client.get("/programme/progress/").text
    note(pain_client, practice, "my-pace", show=True)
    assert helped in support_client.get("/programme/progress/").text
    shown = Response.objects.filter(shown__isnull=False).get()
    pain_client.post("/programme/responded/show/", {"response": shown.pk, "show": "0"})
    pain_client.post("/programme/responded/show/", {"response": shown.pk, "show": "0"})  # a repeated tap: still private
    assert helped not in support_client.get("/programme/progress/").text and not SharedHelp.objects.exists()


def sessions(n):
    return list(Practice.objects.order_by("stage__number", "order")[:n])


def test_my_own_pattern_shows_after_a_few_sessions_with_one_suggestion(pair, support_client):
    first, *others = sessions(PATTERN_AFTER + 6)
    for _ in range(PATTERN_AFTER):  # the same session noted again and again counts once
        note(support_client, first, "kept-asking", "stopped-everything")
    assert content().patterns["worried"] not in support_client.get("/programme/progress/").text
    for practice in others[: PATTERN_AFTER - 1]:
        note(support_client, practice, "kept-asking")
    page = support_client.get("/programme/progress/").text
    assert content().patterns["worried"] in page and content().responded.text_of("kept-asking") in page
    for practice in others[PATTERN_AFTER - 1 :]:
        note(support_client, practice, "stayed-close", "said-kind-words")
    assert content().patterns["encouraging"] in support_client.get("/programme/progress/").text


@pytest.mark.parametrize(
    "chosen",
    [[], ["made-up"], ["kept-asking"], ["x" * 5000], ["\x00"]],  # kept-asking is the partner's list
)
def test_bad_choices_save_nothing_and_say_so(pair, pain_client, practice, chosen):
    response = note(pain_client, practice, *chosen)
    assert response.status_code == 422 and "Nothing was saved." in response.text
    assert 'name="comfort"' in response.text  # the rest of the session's page is still there
    assert not Response.objects.exists()


def test_someone_without_a_partner_saves_nothing(django_user_model, practice):
    from conftest import signed_in

    loner = signed_in(django_user_model.objects.create_user("lou", password="a quiet walk by the river"))
    assert "responding" not in loner.get(practice.get_absolute_url()).text
    assert note(loner, practice, "stayed-close").status_code == 302
    assert not Response.objects.exists()


def test_a_stranger_cannot_show_my_note(pair, pain_client, stranger_client, practice):
    note(pain_client, practice, "my-pace")
    mine = Response.objects.get()
    stranger_client.post("/programme/responded/show/", {"response": mine.pk, "show": "1"})
    assert not SharedHelp.objects.exists()


def test_leaving_the_pair_takes_back_what_was_shown(pair, pain_client, practice, supporting_partner):
    note(pain_client, practice, "my-pace", show=True)
    assert SharedHelp.objects.exists()
    supporting_partner.membership.leave()
    assert not SharedHelp.objects.exists() and Response.objects.count() == 1  # my own note stays mine


def test_how_i_responded_can_never_be_shown(pair, support_client, pain_client, practice):
    note(support_client, practice, "kept-asking")
    mine = Response.objects.get()
    support_client.post("/programme/responded/show/", {"response": mine.pk, "show": "1"})
    assert not SharedHelp.objects.exists()
    assert content().responded.text_of("kept-asking") not in pain_client.get("/programme/progress/").text


def test_what_i_showed_is_never_shown_back_to_me_as_my_partners(pair, pain_client, practice):
    note(pain_client, practice, "my-pace", show=True)
    assert "chose to show you helped" not in pain_client.get("/programme/progress/").text
