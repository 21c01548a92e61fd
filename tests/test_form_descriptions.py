"""Every hint and error is tied to its field: each id named in aria-describedby exists on the page."""

import re

import pytest

pytestmark = pytest.mark.django_db


def assert_descriptions_resolve(content):
    ids = set(re.findall(r'\sid="([^"]+)"', content))
    named = {name for value in re.findall(r'aria-describedby="([^"]+)"', content) for name in value.split()}
    assert named, "no aria-describedby on this page"
    assert named - ids == set()


@pytest.mark.parametrize(
    "path, data",
    [
        ("/account/sign-up/", {"username": "", "password1": "short", "password2": "x"}),
        ("/account/sign-up/", None),
        ("/account/recover/", {"username": "x", "recovery_code": "", "new_password1": "", "new_password2": ""}),
        ("/where-does-it-hurt/", {"feels": ["burning"]}),
        ("/report-a-problem/", {"page": "/support/", "text": ""}),
    ],
)
def test_hints_and_errors_are_tied_to_their_fields(client, path, data):
    response = client.post(path, data) if data is not None else client.get(path)
    assert_descriptions_resolve(response.content.decode())


@pytest.mark.parametrize(
    "path, data",
    [("/pair/join/", {"code": "A", "lives_with_pain": ""}), ("/account/passphrase/", {"old_password": ""})],
)
def test_signed_in_forms_too(stranger, client, path, data):
    client.force_login(stranger)
    assert_descriptions_resolve(client.post(path, data).content.decode())


def test_a_partners_questions_form_too(support_client):
    page = support_client.post("/appointment/partner-questions/", {"questions": "x" * 201})
    assert 'aria-describedby="id_questions_helptext id_questions_error"' in page.text
    assert_descriptions_resolve(page.text)


def test_nothing_autofocuses_past_the_heading(client):
    for path in ["/account/sign-up/", "/account/sign-in/", "/pair/join/"]:
        assert "autofocus" not in client.get(path).content.decode()
