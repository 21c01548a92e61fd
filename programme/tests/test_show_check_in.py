"""Showing my partner a check-in: only the one I chose, whole, until I make it private again."""

import pytest

from conftest import PASSPHRASE, data_key_of, signed_in
from programme.check_ins import content
from programme.models import CheckIn, SharedCheckIn
from programme.private_records import Diary

pytestmark = pytest.mark.django_db

SHORT = {question.key: question.short for question in content().questions}


def check_in(client, show=False, **answers):
    return client.post("/programme/check-in/", {**answers, **({"show": "on"} if show else {})})


def partner_chart_of(page):
    """The part of a progress page with the check-ins my partner chose to show me ("" when there are none)."""
    return page.split('id="partner-check-ins"')[1] if 'id="partner-check-ins"' in page else ""


def test_a_check_in_stays_mine_unless_i_tick_show(pair, pain_client, support_client, stranger_client):
    assert "Show ben these answers" in pain_client.get("/programme/check-in/").text
    assert check_in(pain_client, pain_insertion="8").status_code == 302
    assert partner_chart_of(support_client.get("/programme/progress/").text) == ""
    assert check_in(pain_client, show=True, pain_insertion="6", fear="7").status_code == 302
    shown = partner_chart_of(support_client.get("/programme/progress/").text)
    assert SHORT["pain_insertion"] in shown and SHORT["fear"] in shown
    assert "<td>6</td>" in shown and "<td>7</td>" in shown and "<td>8</td>" not in shown  # only the one shown
    assert content().kind_words["better"] not in shown  # her figures only: no words about how she is doing
    for client in (pain_client, stranger_client):
        assert partner_chart_of(client.get("/programme/progress/").text) == ""


def test_shown_then_made_private_again(pair, pain_client, support_client, partner_with_pain):
    check_in(pain_client, closeness="9")
    [mine] = CheckIn.objects.all()
    pain_client.post("/programme/check-in/show/", {"check_in": mine.pk, "show": "1"})
    assert "<td>9</td>" in partner_chart_of(support_client.get("/programme/progress/").text)
    page = pain_client.get("/programme/progress/").text
    assert "Make private again" in page and "(ben sees it)" in page
    for _ in range(2):  # a repeated tap on "make private" keeps it private
        pain_client.post("/programme/check-in/show/", {"check_in": mine.pk, "show": "0"})
    assert partner_chart_of(support_client.get("/programme/progress/").text) == ""
    assert not SharedCheckIn.objects.exists()
    [kept] = Diary(partner_with_pain, data_key_of(partner_with_pain)).check_ins()
    assert kept.answers["closeness"] == 9 and kept.shown is False  # my own check-in stays mine


@pytest.mark.parametrize("check_in_id", ["", "abc", "9" * 40, "1\x00", "١", "-1"])
def test_a_bad_or_unknown_check_in_changes_nothing(pair, pain_client, check_in_id):
    response = pain_client.post("/programme/check-in/show/", {"check_in": check_in_id, "show": "1"}, follow=True)
    assert response.status_code == 200 and "Nothing was changed" in response.text
    assert not SharedCheckIn.objects.exists()


def test_nobody_else_can_show_my_check_in(pair, pain_client, support_client, stranger_client):
    check_in(pain_client, fear="5")
    mine = CheckIn.objects.get()
    for client in (support_client, stranger_client):
        response = client.post("/programme/check-in/show/", {"check_in": mine.pk, "show": "1"}, follow=True)
        assert "Nothing was changed" in response.text
    assert not SharedCheckIn.objects.exists()


def test_without_a_partner_there_is_nothing_to_show(django_user_model):
    loner = signed_in(django_user_model.objects.create_user("lou", password=PASSPHRASE))
    assert "these answers" not in loner.get("/programme/check-in/").text
    assert check_in(loner, show=True, fear="3").status_code == 302  # saved, for me alone
    assert CheckIn.objects.count() == 1 and not SharedCheckIn.objects.exists()


def test_leaving_the_pair_takes_back_what_was_shown(pair, pain_client, supporting_partner):
    check_in(pain_client, show=True, fear="4")
    assert SharedCheckIn.objects.exists()
    supporting_partner.membership.leave()
    assert not SharedCheckIn.objects.exists() and CheckIn.objects.count() == 1


def test_my_data_says_which_check_ins_my_partner_sees(pair, pain_client):
    check_in(pain_client, show=True, fear="4")
    check_in(pain_client, fear="2")
    shown = [
        c["shown_to_my_partner"] for c in pain_client.get("/account/my-data.json").json()["programme"]["my_check_ins"]
    ]
    assert shown == [True, False]


def test_my_partners_chart_runs_by_date_whatever_order_they_were_shown_in(pair, pain_client, support_client):
    check_in(pain_client, pain_insertion="3")
    check_in(pain_client, pain_insertion="9")
    older, newer = CheckIn.objects.order_by("checked_at")
    for shown in (newer, older):  # the newer one shown first
        pain_client.post("/programme/check-in/show/", {"check_in": shown.pk, "show": "1"})
    table = partner_chart_of(support_client.get("/programme/progress/").text)
    assert table.index("<td>3</td>") < table.index("<td>9</td>")
