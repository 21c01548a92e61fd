import pytest

from conversations.models import Script

pytestmark = pytest.mark.django_db

SHIPPED = [
    "first-talk",
    "right-after",
    "before-the-appointment",
    "after-the-appointment",
    "redefining-intimacy",
    "check-in",
    "responding-with-care",
]


def test_it_lists_the_seven_scripts_in_order(client):
    response = client.get("/talk/")
    assert response.status_code == 200
    assert [script.slug for script, _ in response.context["scripts"]] == SHIPPED
    assert b"Finished on this phone" not in response.content


def test_every_shipped_script_has_5_to_10_steps():
    for script in Script.objects.with_step_count():
        assert 5 <= script.step_count <= 10, script.slug


def test_it_shows_what_this_browser_started_and_finished(client):
    client.get("/talk/first-talk/3/")
    client.get("/talk/right-after/finished/")
    content = client.get("/talk/").content.decode()
    assert "Started: step 3 of 9" in content
    assert "Finished on this phone" in content
    assert "Forget where we got to" in content


def test_another_browser_sees_nothing_of_it(client, django_user_model):
    from django.test import Client

    client.get("/talk/first-talk/3/")
    content = Client().get("/talk/").content.decode()
    assert "Started:" not in content
    assert "Forget where we got to" not in content


def test_a_tampered_cookie_counts_as_no_progress(client):
    client.cookies["talk_progress"] = '{"first-talk":{"step":3}}'  # unsigned
    response = client.get("/talk/")
    assert response.status_code == 200
    assert b"Started:" not in response.content


def test_query_count_is_fixed(client, django_assert_num_queries, make_script, publish):
    with django_assert_num_queries(1):
        client.get("/talk/")
    for n in range(5):
        make_script(f"extra-{n}", steps=8)
    publish()
    with django_assert_num_queries(1):
        client.get("/talk/")
