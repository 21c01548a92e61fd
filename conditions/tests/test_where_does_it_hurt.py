import re

import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_the_form(client):
    response = client.get("/where-does-it-hurt/")
    assert response.status_code == 200
    assert b'method="post"' in response.content
    assert b"Where do you feel the pain?" in response.content


def test_it_lists_conditions_with_reasons(client):
    response = client.post("/where-does-it-hurt/", {"where": "deep", "started": "later", "happens": ["period"]})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Endometriosis" in content
    assert "worse around a period" in content
    assert "Other causes a specialist checks" in content
    assert "not a diagnosis" in content.lower() or "no diagnosis" in content.lower()


def test_a_sign_to_book_soon_says_within_days_and_where(client):
    response = client.post(
        "/where-does-it-hurt/", {"where": "entrance", "started": "always", "urgent": ["bleeding_after_sex"]}
    )
    content = response.content.decode()
    assert "Soon: book an appointment within a few days" in content
    assert "Book an appointment with a GP or a sexual health clinic within the next few days." in content
    assert "Bleeding after sex" in content


def test_no_red_flags_no_warning(client):
    response = client.post("/where-does-it-hurt/", {"where": "entrance", "started": "always"})
    assert b'role="alert"' not in response.content
    assert b"get help now" not in response.content


def test_a_missing_answer_reshows_the_form_keeping_the_rest(client):
    response = client.post("/where-does-it-hurt/", {"feels": ["burning", "dry"], "started": "later"})
    assert response.status_code == 422
    content = response.content.decode()
    assert "Please choose where you feel it" in content
    assert re.search(r'value="burning"[^>]*checked', content)
    assert re.search(r'value="dry"[^>]*checked', content)
    assert re.search(r'value="later"[^>]*checked', content)
    assert not re.search(r'value="wall"[^>]*checked', content)


@pytest.mark.parametrize(
    "data",
    [
        {"where": "nowhere", "started": "always"},
        {"where": ["entrance", "deep"], "started": "always", "feels": ["x" * 10_000]},
        {"where": "entrance", "started": "always", "urgent": ["<script>alert(1)</script>"]},
        {"where": "\x00", "started": "always"},
    ],
)
def test_malformed_answers_are_a_kind_error_never_a_500(client, data):
    response = client.post("/where-does-it-hurt/", data)
    assert response.status_code == 422
    assert b"Some answers are needed" in response.content
    assert b"<script>alert" not in response.content


def test_undecodable_bytes_are_a_kind_error(client):
    response = client.generic(
        "POST",
        "/where-does-it-hurt/",
        b"where=%ff%fe&started=\xff\xfe",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 422


def test_htmx_gets_the_guide_fragment(client):
    response = client.post(
        "/where-does-it-hurt/", {"where": "deep", "started": "later"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="guide">')
    assert "<html" not in content


def test_htmx_invalid_gets_the_form_fragment_with_errors(client):
    response = client.post("/where-does-it-hurt/", {}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert response.content.decode().lstrip().startswith('<div id="guide">')


def test_results_carry_the_answers_to_the_appointment_sheet(client):
    response = client.post("/where-does-it-hurt/", {"where": "deep", "started": "later", "context": ["stress"]})
    content = response.content.decode()
    assert 'action="/appointment/"' in content
    assert '<input type="hidden" name="context" value="stress">' in content
    assert '<input type="hidden" name="where" value="deep">' in content


def test_it_stores_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(2):  # reads the conditions and the pages worth reading, writes nothing
        client.post("/where-does-it-hurt/", {"where": "both", "started": "always", "feels": ["burning"]})
    assert not client.cookies.get("sessionid")


def test_query_count_does_not_grow(client, django_assert_num_queries, make_condition):
    for n in range(10):
        make_condition(f"extra-{n}")
    with django_assert_num_queries(2):
        client.post("/where-does-it-hurt/", {"where": "both", "started": "always"})
    with django_assert_num_queries(0):
        client.get("/where-does-it-hurt/")


def test_changing_the_answers_from_the_sheet_keeps_them(client):
    response = client.post(
        "/where-does-it-hurt/", {"where": "deep", "started": "later", "happens": ["period"], "edit": "1"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "What may be worth raising" not in content
    assert re.search(r'value="deep"[^>]*checked', content)
    assert re.search(r'value="period"[^>]*checked', content)


@pytest.mark.parametrize(
    "answers, pages",
    [
        ({"context": ["birth"]}, ["/after-a-birth/"]),
        ({"recent": ["birth"]}, ["/after-a-birth/", "/contraception/"]),
        ({"context": ["pelvic_treatment"]}, ["/after-surgery-or-cancer/"]),
        ({"body": ["vaginoplasty"]}, ["/after-surgery-or-cancer/"]),
        ({"feels": ["dry"]}, ["/medicines-and-dryness/"]),
        ({"context": ["new_partner"]}, ["/getting-tested/", "/contraception/"]),
        ({"urgent": ["unusual_discharge"]}, ["/getting-tested/"]),
        ({"context": ["stress"]}, ["/looking-after-your-mind/"]),
    ],
)
def test_results_offer_the_library_pages_that_fit(client, answers, pages):
    response = client.post("/where-does-it-hurt/", {"where": "both", "started": "later", **answers})
    offered = [page.get_absolute_url() for page in response.context["more_to_read"]]
    assert offered == [*pages, "/seeing-a-doctor/"]  # what a GP will ask and do fits everyone
    content = response.content.decode()
    assert all(f'href="{url}"' in content for url in offered)


def test_pages_that_do_not_fit_are_not_offered(client):
    response = client.post("/where-does-it-hurt/", {"where": "entrance", "started": "always"})
    assert [page.slug for page in response.context["more_to_read"]] == ["seeing-a-doctor"]
