import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conversations.forms import MarkForm
from conversations.models import Idea, Mark
from conversations.tests.marks import answer, answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea():
    return Idea.objects.filter(two_sided=True).first()


def test_it_saves_updates_and_clears_my_mark(pain_client, partner_with_pain, idea):
    pain_client.post("/marks/", {"idea": idea.slug, "choice": "y", "side": "g"})
    assert answer(partner_with_pain, idea) == ("yes", "give")
    pain_client.post("/marks/", {"idea": idea.slug, "choice": "m", "side": "r"})
    assert answer(partner_with_pain, idea) == ("maybe", "receive")
    rows = set(Mark.objects.filter(user=partner_with_pain).values_list("pk", flat=True))
    assert len(rows) == Idea.objects.count()  # one row per idea, answered or not
    pain_client.post("/marks/", {"idea": idea.slug, "choice": "c"})
    assert answer(partner_with_pain, idea) is None
    assert set(Mark.objects.filter(user=partner_with_pain).values_list("pk", flat=True)) == rows  # changed in place


def test_one_sided_ideas_ignore_a_side(pain_client, partner_with_pain):
    idea = Idea.objects.filter(two_sided=False).first()
    pain_client.post("/marks/", {"idea": idea.slug, "choice": "y", "side": "g"})
    assert answer(partner_with_pain, idea) == ("yes", "either")


def test_htmx_gets_only_the_status_line(pain_client, idea):
    """The choices are never swapped, so keyboard focus and the live region stay where they are."""
    response = pain_client.post("/marks/", {"idea": idea.slug, "choice": "n"}, headers={"HX-Request": "true"})
    assert response.content.decode().strip() == '<span class="saved">Saved. Only you can see it.</span>'
    page = pain_client.get("/ideas/all/1/").content.decode()
    assert 'hx-target="find .mark-status"' in page and 'class="mark-status" role="status"' in page
    assert 'hx-trigger="change delay:' in page  # arrow keys passing over options save nothing on the way


def test_without_javascript_it_returns_to_the_page(pain_client, idea):
    response = pain_client.post("/marks/", {"idea": idea.slug, "choice": "n", "next": "/ideas/all/3/"})
    assert response["Location"] == "/ideas/all/3/"
    response = pain_client.post("/marks/", {"idea": idea.slug, "choice": "n", "next": "https://evil.example/"})
    assert response["Location"] == "/ideas/"


def test_anonymous_people_are_asked_to_sign_in(client, idea):
    response = client.post("/marks/", {"idea": idea.slug, "choice": "y"})
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")
    assert not Mark.objects.exists()


def test_a_bad_answer_changes_nothing_already_saved(pain_client, partner_with_pain, idea):
    pain_client.post("/marks/", {"idea": idea.slug, "choice": "y"})
    response = pain_client.post("/marks/", {"idea": idea.slug, "choice": "definitely"}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Nothing changed" in response.content.decode()
    assert answer(partner_with_pain, idea) == ("yes", "")  # no direction was chosen, so none is recorded


text = st.one_of(
    st.text(max_size=300), st.text(min_size=5000, max_size=20000), st.sampled_from(["yes", "maybe", "no", "clear", ""])
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    idea_value=st.one_of(text, st.sampled_from(["hand-massage", "foot-rub"])),
    choice=st.one_of(text, st.sampled_from(["y", "m", "n", "c"])),
    side=st.one_of(text, st.sampled_from(["g", "r", "e"])),
    htmx=st.booleans(),
)
def test_any_input_is_a_clear_answer_never_a_500(pain_client, partner_with_pain, idea_value, choice, side, htmx):
    before = answers(partner_with_pain)
    data = {
        "idea": idea_value.replace("\x00", ""),
        "choice": choice.replace("\x00", ""),
        "side": side.replace("\x00", ""),
    }
    response = pain_client.post("/marks/", data, headers={"HX-Request": "true"} if htmx else {})
    after = answers(partner_with_pain)
    form = MarkForm(data)
    if form.is_valid():
        assert response.status_code == (200 if htmx else 302)
    else:
        assert response.status_code in ({404, 422} if htmx else {302})
        assert after == before  # nothing saved half-way, nothing lost


def test_every_answer_is_the_same_size_on_the_network(pain_client, idea):
    """What is sent and what comes back are the same length whatever the answer, so their size over TLS says nothing."""
    sizes = set()
    for choice in ["y", "m", "n", "c"]:
        for side in ["e", "g", "r"]:
            data = {"idea": idea.slug, "choice": choice, "side": side}
            response = pain_client.post("/marks/", data, headers={"HX-Request": "true"})
            sizes.add((len("&".join(f"{k}={v}" for k, v in data.items())), len(response.content)))
    assert len(sizes) == 1, sizes


def test_the_page_is_the_same_size_whatever_my_answer(pain_client, idea):
    sizes = set()
    for choice in ["y", "m", "n", "c"]:
        pain_client.post("/marks/", {"idea": idea.slug, "choice": choice, "side": "g"})
        content = pain_client.get("/ideas/all/1/", headers={"HX-Request": "true"}).content.decode()
        sizes.add(len(re.sub(r'value="[^"]{40,}"', "", content)))  # without the CSRF token
    assert len(sizes) == 1, sizes


def test_answering_away_from_together_wakes_nobody(pair, pain_client, support_client, partner_with_pain, idea):
    """Her phone was on Together long ago; her answer to the idea on screen, given on the idea list, changes
    nothing her partner's phone shows, so the session is not nudged and his card stays as it was."""
    from datetime import timedelta

    from django.utils import timezone

    from conversations.models import TogetherPresence, TogetherSession

    session = TogetherSession.objects.create(pair=pair, category=idea.category)
    position = [i.pk for i in session.items()].index(idea.pk) + 1
    TogetherSession.objects.filter(pk=session.pk).update(position=position)
    TogetherPresence.objects.create(
        session=session, user=partner_with_pain, seen_at=timezone.now() - timedelta(hours=1)
    )
    before = TogetherSession.objects.get(pk=session.pk).nudges
    pain_client.post("/marks/", {"idea": idea.slug, "choice": "y"})
    assert TogetherSession.objects.get(pk=session.pk).nudges == before
    assert TogetherPresence.objects.get(user=partner_with_pain).touched_at is None
