"""How a session felt: saved for its owner alone, checked strictly, never half-saved."""

import pytest

from conftest import data_key_of
from programme.models import Feeling
from programme.private_records import Diary

pytestmark = pytest.mark.django_db


def rate(client, shown, **changes):
    data = {"practice": shown.pk, "comfort": 7, "enjoyment": 8, "pain": 1, "note": "Slow was good.", **changes}
    return client.post("/programme/how-it-felt/", data, follow=True)


def test_it_is_saved_and_shown_only_to_its_owner(pair, pain_client, support_client, partner_with_pain, first_practice):
    response = rate(pain_client, first_practice)
    assert "Saved. Only you can see this." in response.content.decode()
    assert Feeling.objects.get().user == partner_with_pain
    url = first_practice.get_absolute_url()
    assert "Slow was good." in pain_client.get(url).content.decode()
    assert "Slow was good." not in support_client.get(url).content.decode()
    assert "Slow was good." not in support_client.get("/account/my-data.json").content.decode()
    assert "Slow was good." in pain_client.get("/account/my-data.json").content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"comfort": 11},
        {"pain": -1},
        {"enjoyment": "lots"},
        {"comfort": ""},
        {"pain": "1e3"},
        {"note": "x" * 1001},
        {"practice": 999999},
        {"practice": "abc"},
    ],
)
def test_bad_input_saves_nothing_and_says_so_kindly(pain_client, first_practice, changes):
    response = rate(pain_client, first_practice, **changes)
    assert response.status_code in {200, 422}
    assert "Nothing was saved" in response.content.decode() or "no longer in the programme" in response.content.decode()
    assert not Feeling.objects.exists()


def test_a_note_is_shown_as_text_never_run(pain_client, first_practice):
    rate(pain_client, first_practice, note="<script>alert(1)</script>")
    content = pain_client.get(first_practice.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content and "&lt;script&gt;" in content


def test_signing_in_is_needed(client, first_practice):
    response = client.post("/programme/how-it-felt/", {"practice": first_practice.pk})
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]
    assert "How did it feel?" not in client.get(first_practice.get_absolute_url()).content.decode()


def test_pain_can_be_left_out(pair, support_client, supporting_partner, first_practice):
    """A supporting partner may have nothing to say about pain: comfort and enjoyment are saved without it."""
    response = rate(support_client, first_practice, pain="")
    assert response.status_code == 200 and "Nothing was saved" not in response.text
    [felt] = Diary(supporting_partner, data_key_of(supporting_partner)).feelings()
    assert (felt.comfort, felt.enjoyment, felt.pain) == (7, 8, None)
    assert "Pain in our sessions together" not in support_client.get("/programme/progress/").text
