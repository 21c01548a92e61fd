import re

import pytest

from conftest import data_key_of
from conversations.models import TogetherSession

pytestmark = pytest.mark.django_db


def test_it_offers_choices_when_nothing_is_open(pain_client):
    content = pain_client.get("/together/").content.decode()
    assert "Start together" in content
    assert 'value="script-first-talk"' in content and 'value="ideas-touch"' in content


def test_start_then_both_see_the_same_step(pain_client, support_client):
    pain_client.post("/together/start/", {"what": "script-right-after"})
    for client in (pain_client, support_client):
        content = client.get("/together/").content.decode()
        assert "Step 1 of 8" in content
        assert 'data-follow="/together/follow/?s=' in content


def test_a_second_start_joins_the_open_session(pain_client, support_client, pair):
    pain_client.post("/together/start/", {"what": "ideas"})
    support_client.post("/together/start/", {"what": "script-check-in"})
    assert TogetherSession.objects.open().filter(pair=pair).count() == 1


@pytest.mark.parametrize("what", ["", "script-nope", "ideas-nope", "script:check-in", "<script>", "x" * 5000])
def test_a_bad_choice_shows_the_choices_again(pain_client, pair, what):
    response = pain_client.post("/together/start/", {"what": what})
    assert response.status_code == 422
    assert "Start together" in response.content.decode() and "errorlist" in response.content.decode()
    assert not TogetherSession.objects.exists()


def test_an_unpaired_person_is_sent_to_pair_up(db, django_user_model, client):
    from partners.models import Pair

    user = django_user_model.objects.create_user("solo", password="a quiet walk by the river")
    Pair.start(user, lives_with_pain=True, data_key=data_key_of(user))
    client.force_login(user)
    assert client.post("/together/start/", {"what": "ideas"})["Location"] == "/pair/"


def test_a_pause_shows_who_paused_and_they_carry_on(pain_client, support_client, pair):
    pain_client.post("/together/start/", {"what": "ideas"})
    pain_client.post("/together/pause/", {"paused": "1"})
    seen_by_ben = support_client.get("/together/").content.decode()
    assert "ana paused for both of you" in seen_by_ben and "Ask to carry on" in seen_by_ben
    assert "You paused for both of you" in pain_client.get("/together/").content.decode()
    support_client.post("/together/pause/", {"paused": "0"})  # ben asks; only ana decides
    assert TogetherSession.objects.get().paused
    assert "Your partner would like to carry on" in pain_client.get("/together/").content.decode()
    pain_client.post("/together/pause/", {"paused": "0"})
    assert not TogetherSession.objects.get().paused


def test_the_partner_with_pain_may_carry_on_from_the_other_s_pause(pain_client, support_client, pair):
    pain_client.post("/together/start/", {"what": "ideas"})
    support_client.post("/together/pause/", {"paused": "1"})
    pain_client.post("/together/pause/", {"paused": "0"})
    assert not TogetherSession.objects.get().paused


def test_the_other_phone_is_told_what_the_partner_did(pain_client, support_client, pair):
    pain_client.post("/together/start/", {"what": "ideas"})
    session = TogetherSession.objects.get()
    pain_client.post("/together/move/", {"to": "2", "v": session.version})
    card = support_client.get("/together/").content.decode()
    assert f'data-news="ana moved to idea 2 of {session.length()}."' in card
    assert 'data-news=""' in pain_client.get("/together/").content.decode()  # never your own tap
    assert 'id="together-news" class="visually-hidden" role="status"' in card


def test_a_stale_tap_without_javascript_is_explained(pain_client, support_client, pair):
    pain_client.post("/together/start/", {"what": "ideas"})
    version = TogetherSession.objects.get().version
    pain_client.post("/together/move/", {"to": "2", "v": version})
    response = support_client.post("/together/move/", {"to": "2", "v": version}, follow=True)
    assert "ana moved on: here is where you both are." in response.content.decode()


def test_stop_for_today_is_on_every_step_and_takes_both_to_the_end_page(pain_client, support_client, pair):
    pain_client.post("/together/start/", {"what": "ideas"})
    assert "Stop for today" in support_client.get("/together/").content.decode()
    response = support_client.post("/together/end/")
    assert response["Location"].endswith("/ended/")
    assert TogetherSession.objects.get().ended_at is not None


def test_end_leads_to_the_session_end_page(pain_client, pair):
    pain_client.post("/together/start/", {"what": "ideas-touch"})
    response = pain_client.post("/together/end/")
    session = TogetherSession.objects.get()
    assert response["Location"] == f"/together/{session.pk}/ended/"
    assert session.ended_at is not None
    htmx = pain_client.post("/together/end/", headers={"HX-Request": "true"})
    assert htmx.status_code == 302  # nothing open any more


def test_query_count_is_fixed(pain_client, pair, django_assert_num_queries):
    pain_client.post("/together/start/", {"what": "ideas"})
    # A phone's first visit: the user; the session with both phones' presences (none yet), so the session alone;
    # the ideas, and the titles of what is stepped through (read once per content edition and kept in the process:
    # three queries); arriving writes this phone down (two conditional updates that find no row, then its first
    # row, in a savepoint), nudges the session, and reads the presences again; the pair's two seats; my own mark.
    # Waking the partner's phone happens after commit (on PostgreSQL one NOTIFY, outside this count).
    with django_assert_num_queries(17):
        pain_client.get("/together/")
    with django_assert_num_queries(4):  # already here: the user, the session with presences, the seats, my mark
        pain_client.get("/together/")


def test_after_stopping_early_the_next_start_offers_to_carry_on(pain_client, support_client, pair):
    pain_client.post("/together/start/", {"what": "ideas-touch"})
    session = TogetherSession.objects.get()
    pain_client.post("/together/move/", {"to": "3", "v": session.version})
    support_client.post("/together/end/")  # stop for today, from either phone
    page = pain_client.get("/together/").content.decode()
    assert "Carry on where we stopped: Touch and massage, idea 3" in page
    pain_client.post("/together/start/", {"what": "carry-on"})
    again = TogetherSession.objects.get(ended_at=None)
    assert (again.category.slug, again.position) == ("touch", 3)


def test_who_started_is_said_and_a_simultaneous_start_lands_both_in_one(pain_client, support_client, pair):
    pain_client.post("/together/start/", {"what": "ideas"})
    assert "ana started “All ideas”." in support_client.get("/together/").content.decode()
    response = support_client.post("/together/start/", {"what": "script-check-in"}, follow=True)
    assert "ana had just started “All ideas”, so you are both in that one." in response.content.decode()
    assert TogetherSession.objects.filter(ended_at=None).count() == 1


def test_next_and_back_carry_the_answer_so_only_the_last_idea_has_a_save_button(pain_client, pair):
    pain_client.post("/together/start/", {"what": "ideas-touch"})
    assert "Save my answer" not in pain_client.get("/together/").content.decode()
    session = TogetherSession.objects.get()
    TogetherSession.objects.filter(pk=session.pk).update(position=session.length())
    assert "Save my answer" in pain_client.get("/together/").content.decode()  # "Finish together" does not carry it


# --- Someone holding (many changes their partner has not been told about) sees nothing of who answered ----------


def _hold(user):
    """`user` changes more answers than may go untold (AnswerCount.HOLD_AFTER), alone, outside Together."""
    from conversations.models import AnswerCount, Idea
    from conversations.tests.marks import mark

    for idea in Idea.objects.current().in_order()[: AnswerCount.HOLD_AFTER + 1]:
        mark(user, idea, "yes")


def test_lists_of_ideas_not_answered_are_not_offered_while_one_of_us_holds(
    pain_client, support_client, supporting_partner
):
    assert 'value="partner"' in pain_client.get("/together/").content.decode()
    _hold(supporting_partner)
    for client in (pain_client, support_client):
        content = client.get("/together/").content.decode()
        assert 'value="partner"' not in content and 'value="neither"' not in content and 'value="me"' not in content
        assert "For now you go through all of them" in content
    response = support_client.post("/together/start/", {"what": "ideas", "which": "neither"})
    assert response.status_code == 422 and not TogetherSession.objects.exists()
    pain_client.get("/ideas/both-of-us/")  # she is told how many he changed
    assert 'value="partner"' in support_client.get("/together/").content.decode()


def test_someone_holding_is_not_shown_whether_the_partner_answered(pain_client, support_client, supporting_partner):
    pain_client.post("/together/start/", {"what": "ideas"})
    pain_client.get("/together/")  # she is here and has not answered idea 1
    assert support_client.get("/together/").context["partner"]["status"] == "still-choosing"
    _hold(supporting_partner)
    assert support_client.get("/together/").context["partner"]["status"] == ""
    assert "is here ·" not in support_client.get("/together/").content.decode()


# --- Without JavaScript the card never reloads by itself while an answer could be unsent ----------------------


def test_the_no_js_card_never_reloads_by_itself(pain_client, pair):
    pain_client.post("/together/start/", {"what": "ideas-touch"})
    for url in ("/together/", "/together/?auto=30"):  # on an idea an answer could be unsent: never, even if asked
        content = pain_client.get(url).content.decode()
        assert 'http-equiv="refresh"' not in content
        assert "Check for my partner&#x27;s taps" in content or "Check for my partner's taps" in content
        assert (
            "does not change by itself" in content and "Your answer is sent only when you tap Next or Back" in content
        )


def test_a_conversation_checks_every_30_seconds_only_when_asked(pain_client, pair):
    pain_client.post("/together/start/", {"what": "script-check-in"})
    plain = pain_client.get("/together/").content.decode()
    assert 'http-equiv="refresh"' not in plain and 'href="/together/?auto=30">Check every 30 seconds' in plain
    asked = pain_client.get("/together/?auto=30").content.decode()
    assert '<meta http-equiv="refresh" content="30;url=/together/?auto=30">' in asked
    assert '<a href="/together/">Stop checking</a>' in asked


def test_a_missing_choice_is_summed_up_at_the_top_and_tied_to_its_groups(pain_client, pair):
    content = pain_client.post("/together/start/", {"what": ""}).content.decode()
    summary = content.index('class="error-summary"')
    assert summary < content.index("<fieldset")
    target = re.search(r'<a href="#([^"]+)">Please choose what to go through.', content).group(1)
    first = re.search(r'<input type="radio" name="what" value="[^"]+" id="([^"]+)"', content).group(1)
    assert target == first  # the link lands on the first option
    assert 'aria-describedby="ideas-help what-error"' in content and 'aria-describedby="which-help"' in content
