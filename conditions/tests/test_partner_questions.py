"""The supporting partner's own questions for the other's appointment: shown only once they agree, only to the
two of them, on the sheet and (if the partner with pain chooses) in the clinician link."""

import re

import pytest

from conditions import partner_questions
from conditions.models import PartnerQuestions
from conditions.tests.test_clinician_link import check_for, opened_sheet
from conftest import data_key_of
from partners.http import get_membership_or_none
from partners.keyring import open_pair_key

pytestmark = pytest.mark.django_db

URL = "/appointment/partner-questions/"
QUESTIONS = "How can I help at home?\nCan I come to the next appointment?"


def write(client, questions=QUESTIONS, agreed=True):
    return client.post(URL, {"questions": questions, **({"agreed": "on"} if agreed else {})})


def test_questions_reach_my_partners_sheet_once_i_agree(support_client, pain_client):
    assert "How can I help at home?" not in pain_client.get("/appointment/").text
    assert write(support_client).status_code == 302
    sheet = pain_client.get("/appointment/").text
    assert "Questions from ben" in sheet and "How can I help at home?" in sheet
    assert "Can I come to the next appointment?" in support_client.get(URL).text  # I see what is shown


def test_without_agreeing_nothing_is_shown_or_saved(support_client, pain_client):
    page = write(support_client, agreed=False)
    assert page.status_code == 422 and "tick the box" in page.text
    assert PartnerQuestions.objects.count() == 0
    assert "How can I help at home?" not in pain_client.get("/appointment/").text


@pytest.mark.parametrize(
    "questions, says",
    [
        ("\n".join(f"Question {n}?" for n in range(6)), "keep it to 5"),
        ("x" * 201, "longer than 200"),
        ("  \n \n", "at least one question"),
    ],
)
def test_bad_questions_get_a_kind_message_and_keep_what_was_shown(support_client, pain_client, questions, says):
    write(support_client)
    page = write(support_client, questions)
    assert page.status_code == 422 and says in page.text
    assert "How can I help at home?" in pain_client.get("/appointment/").text


def test_a_stranger_never_sees_them_and_cannot_take_them_back(support_client, pain_client, stranger_client):
    write(support_client)
    assert "How can I help at home?" not in stranger_client.get("/appointment/").text
    assert "How can I help at home?" not in stranger_client.get(URL).text
    stranger_client.post("/appointment/partner-questions/take-back/")
    assert "How can I help at home?" in pain_client.get("/appointment/").text


def test_taking_them_back_removes_them_from_my_partners_sheet(support_client, pain_client):
    write(support_client)
    write(pain_client)  # hers, for his sheet: taking mine back never takes hers
    assert support_client.post("/appointment/partner-questions/take-back/").status_code == 302
    assert "How can I help at home?" not in pain_client.get("/appointment/").text
    assert list(PartnerQuestions.objects.values_list("author__username", flat=True)) == ["ana"]


def link_with_them(pain_client, with_questions=True):
    page = pain_client.post("/appointment/link/", {"with_partner_questions": "1"} if with_questions else {})
    return re.search(r"http://testserver/c/([\w-]+)/#([\w-]{43})", page.text).groups()


def test_taking_them_back_also_stops_a_link_that_carries_them(support_client, pain_client):
    write(support_client)
    token, key = link_with_them(pain_client)
    page = support_client.post("/appointment/partner-questions/take-back/", follow=True).text
    assert "The link ana made for a clinician with them was cancelled too." in page
    assert pain_client.post(f"/c/{token}/open/", {"check": check_for(key)}).status_code == 410


def test_a_link_without_them_keeps_working_when_they_are_taken_back(support_client, pain_client):
    write(support_client)
    token, key = link_with_them(pain_client, with_questions=False)
    page = support_client.post("/appointment/partner-questions/take-back/", follow=True).text
    assert "cancelled too" not in page
    assert pain_client.post(f"/c/{token}/open/", {"check": check_for(key)}).status_code == 200


def test_only_the_partner_of_someone_with_pain_is_offered_to_write_them(support_client, pain_client):
    assert "Write my questions" in support_client.get("/appointment/").text
    assert "Write my questions" not in pain_client.get("/appointment/").text


def test_someone_without_a_partner_is_told_kindly(client, partner_with_pain):
    client.force_login(partner_with_pain)
    assert "Once you and your partner are paired" in client.get(URL).text
    assert write(client).status_code == 200 and PartnerQuestions.objects.count() == 0


def test_a_copy_of_the_database_shows_nothing_and_every_set_is_one_size(support_client, pain_client):
    write(support_client, "Short?")
    short = bytes(PartnerQuestions.objects.get().sealed)
    write(support_client, "\n".join("Ü" * 200 for _ in range(5)))
    longest = bytes(PartnerQuestions.objects.get().sealed)
    assert len(short) == len(longest)
    write(support_client)
    assert b"help at home" not in bytes(PartnerQuestions.objects.get().sealed)


def test_the_link_carries_them_only_when_she_chooses(support_client, pain_client):
    write(support_client)
    for chosen, expected in (({"with_partner_questions": "1"}, ["How can I help at home?"]), ({}, [])):
        page = pain_client.post("/appointment/link/", chosen)
        token, key = re.search(r"http://testserver/c/([\w-]+)/#([\w-]{43})", page.text).groups()
        opened = pain_client.post(f"/c/{token}/open/", {"check": check_for(key)})
        assert opened_sheet(token, key, opened)["partner_questions"][:1] == expected


def test_they_go_when_either_partner_leaves(support_client, pain_client, supporting_partner):
    write(support_client)
    token, key = link_with_them(pain_client)
    get_membership_or_none(supporting_partner, fresh=True).leave()
    assert PartnerQuestions.objects.count() == 0
    assert pain_client.post(f"/c/{token}/open/", {"check": check_for(key)}).status_code == 410  # nor in the link


def test_a_rekey_moves_them_to_the_new_pair_key(support_client, pain_client, pair, partner_with_pain):
    write(support_client)
    old_key = data_key_of(partner_with_pain)
    new_key = partner_with_pain.rekey("a new and longer passphrase", old_key, [partner_questions.reseal])
    new_pair_key = open_pair_key(new_key, get_membership_or_none(partner_with_pain, fresh=True))
    assert list(partner_questions.of_the_pair(pair.pk, new_pair_key).values()) == [QUESTIONS.split("\n")]


def test_my_questions_are_in_my_own_data(support_client, supporting_partner):
    write(support_client)
    data = partner_questions.export(supporting_partner, data_key_of(supporting_partner))
    assert data["appointment"]["my_questions_for_my_partners_appointment"] == QUESTIONS.split("\n")


def test_the_sheet_reads_the_same_number_of_queries_with_or_without_them(support_client, pain_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert pain_client.get("/appointment/").status_code == 200
        return len(captured)

    without = queries()
    write(support_client, "\n".join(f"Question {n}?" for n in range(5)))
    assert queries() == without


def test_only_a_real_line_break_starts_a_new_question(support_client, supporting_partner):
    write(support_client, questions="How can I help\u2028at home?\r\nCan I come too?\rWhat helps?")
    row = PartnerQuestions.objects.get()
    membership = get_membership_or_none(supporting_partner, fresh=True)
    pair_key = open_pair_key(data_key_of(supporting_partner), membership)
    mine = partner_questions.of_the_pair(row.pair_id, pair_key)[supporting_partner.pk]
    assert mine == ["How can I help\u2028at home?", "Can I come too?", "What helps?"]
