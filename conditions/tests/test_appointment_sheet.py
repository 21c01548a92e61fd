from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def test_a_blank_sheet_has_the_general_questions(client):
    response = client.get("/appointment/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Questions to ask" in content
    assert "pause or stop" in content
    assert "What I noticed" not in content


def test_it_includes_the_answers_and_the_fitting_pages_questions(client):
    response = client.post(
        "/appointment/", {"where": "deep", "started": "later", "happens": ["period"], "urgent": ["bleeding_after_sex"]}
    )
    content = response.content.decode()
    assert "What I noticed" in content
    assert "Deep inside, in the pelvis or low belly" in content
    assert "It is worse around a period" in content
    assert "Endometriosis" in content
    endometriosis = response.context["suggestions"][0].condition
    assert endometriosis.questions[0] in content


def test_urgent_advice_is_printed_first(client):
    content = client.post(
        "/appointment/", {"where": "deep", "started": "later", "urgent": ["fever_shivering"]}
    ).content.decode()
    main = content.split("<main", 1)[1]
    assert main.index("Emergency: get help now") < main.index("What I would like help with")
    assert "A very high temperature, or feeling hot, cold or shivery, with belly pain" in main


def test_malformed_answers_give_the_general_sheet_and_a_kind_note(client):
    response = client.post("/appointment/", {"where": "<b>", "started": ""})
    assert response.status_code == 200
    content = response.content.decode()
    assert "did not come through" in content
    assert "Questions to ask" in content
    assert "<b>" not in content.split("<main", 1)[1]


def test_it_is_made_to_print(client):
    content = client.get("/appointment/").content.decode()
    assert "data-print" in content
    css = Path("static/css/site.css").read_text()
    assert "@media print" in css


def test_query_count_does_not_grow(client, django_assert_num_queries, make_condition):
    for n in range(5):
        make_condition(f"extra-{n}")
    with django_assert_num_queries(1):
        client.post("/appointment/", {"where": "both", "started": "always"})


def test_change_the_answers_carries_them_back_to_the_guide(client):
    content = client.post(
        "/appointment/", {"where": "deep", "started": "later", "happens": ["period"]}
    ).content.decode()
    form = content.split('action="/where-does-it-hurt/"')[1].split("</form>")[0]
    assert '<input type="hidden" name="happens" value="period">' in form
    assert '<input type="hidden" name="edit" value="1">' in form


def test_it_asks_about_dryness_only_when_dryness_was_chosen(client):
    burning = client.post(
        "/appointment/", {"where": "entrance", "started": "later", "feels": ["burning"]}
    ).content.decode()
    assert "Worth asking about, from the guide" in burning
    questions = burning.split("Questions to ask", 1)[1].split("</ul>", 1)[0].lower()
    assert "dry" not in questions.replace("dryness be part of it", "")
    dry = client.post("/appointment/", {"where": "entrance", "started": "later", "feels": ["dry"]}).content.decode()
    assert "dry" in dry.split("Questions to ask", 1)[1].split("</ul>", 1)[0].lower().replace(
        "dryness be part of it", ""
    )


ENTRANCE_PAIN = {"where": "entrance", "feels": ["burning"], "started": "always"}  # couple.md problem 13
HRT = "Is vaginal oestrogen right for me, and can I use it with HRT?"


def sheet_questions(content):
    listed = content.split("Questions to ask", 1)[1].split("</ul>", 1)[0]
    return [line.split("</li>")[0] for line in listed.split("<li>")[1:]]


def test_the_entrance_pain_case_asks_nothing_about_hrt_and_nothing_twice(client):
    content = client.post("/appointment/", ENTRANCE_PAIN).content.decode()
    questions = sheet_questions(content)
    assert HRT not in content and "oestrogen" not in " ".join(questions).lower()
    assert len(questions) == len(set(questions))
    assert [q for q in questions if "exam" in q.lower()] == [
        "What will the exam involve? Can we go slowly, and can I ask to pause or stop at any time?"
    ]


def test_the_hrt_question_comes_only_after_a_hormonal_answer(client):
    content = client.post("/appointment/", {**ENTRANCE_PAIN, "context": ["menopause"]}).content.decode()
    assert HRT in sheet_questions(content)


def test_a_question_two_pages_share_is_asked_once(client):
    # vaginismus and the pelvic floor page both ask for a physiotherapy referral
    content = client.post(
        "/appointment/", {"where": "entrance", "started": "always", "feels": ["wall", "pressure"], "happens": ["fear"]}
    ).content.decode()
    questions = sheet_questions(content)
    assert len(questions) == len(set(questions))
    assert questions.count("Can you refer me to a pelvic health physiotherapist?") == 1
