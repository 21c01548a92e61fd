import pytest

from conftest import signed_in
from conversations.models import AnswerCount, Idea
from conversations.tests.marks import mark, matches_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_sided():
    return Idea.objects.filter(two_sided=False).order_by("id")[:3]


@pytest.fixture
def two_sided():
    return Idea.objects.filter(two_sided=True).order_by("id").first()


def test_only_mutual_yes_is_shown(pair, partner_with_pain, supporting_partner, one_sided, pain_client):
    a, b, c = one_sided
    mark(partner_with_pain, a, "yes"), mark(supporting_partner, a, "yes")
    mark(partner_with_pain, b, "yes"), mark(supporting_partner, b, "no")
    mark(partner_with_pain, c, "yes")  # the partner has not answered
    response = pain_client.get("/ideas/both-of-us/")
    assert response.context["both_yes"] == [a]
    content = response.content.decode()
    assert a.title in content and b.title not in content and c.title not in content


def test_yes_and_maybe_only_when_both_opted_in(pair, partner_with_pain, supporting_partner, one_sided):
    a = one_sided[0]
    mark(partner_with_pain, a, "yes"), mark(supporting_partner, a, "maybe")
    assert matches_for(partner_with_pain, pair.pk) == ([], [])
    pair.members.filter(seat=1).update(show_maybes=True)
    assert matches_for(partner_with_pain, pair.pk) == ([], [])
    pair.members.update(show_maybes=True)
    assert matches_for(partner_with_pain, pair.pk) == ([], [a])


def test_maybe_and_maybe_is_never_shown(pair, partner_with_pain, supporting_partner, one_sided):
    a = one_sided[0]
    pair.members.update(show_maybes=True)
    mark(partner_with_pain, a, "maybe"), mark(supporting_partner, a, "maybe")
    assert matches_for(partner_with_pain, pair.pk) == ([], [])


@pytest.mark.parametrize(
    "first, second, match",
    [
        ("give", "receive", True),
        ("receive", "give", True),
        ("either", "receive", True),
        ("either", "either", True),
        ("give", "give", False),
        ("receive", "receive", False),
    ],
)
def test_give_and_receive_count_as_a_match(
    pair, partner_with_pain, supporting_partner, two_sided, first, second, match
):
    mark(partner_with_pain, two_sided, "yes", first), mark(supporting_partner, two_sided, "yes", second)
    assert matches_for(partner_with_pain, pair.pk)[0] == ([two_sided] if match else [])


def test_either_partner_can_switch_matches_off(
    pair, partner_with_pain, supporting_partner, one_sided, pain_client, support_client
):
    a = one_sided[0]
    mark(partner_with_pain, a, "yes"), mark(supporting_partner, a, "yes")
    support_client.post("/pair/settings/", {"hide_matches": "on"})
    assert a.title not in pain_client.get("/ideas/both-of-us/").content.decode()
    assert matches_for(partner_with_pain, pair.pk) == ([], [])


def test_strangers_marks_never_count(pair, stranger_pair, partner_with_pain, stranger, one_sided):
    a = one_sided[0]
    mark(partner_with_pain, a, "yes"), mark(stranger, a, "yes")
    assert matches_for(partner_with_pain, pair.pk) == ([], [])


def test_query_count_is_fixed(pair, partner_with_pain, supporting_partner, pain_client, django_assert_num_queries):
    ideas = list(Idea.objects.all())
    pain_client.get("/ideas/both-of-us/")  # a new member's first visit makes their match tokens, once
    # user, the pair's two seats, the two change counts, which write each of us is on, my tokens equal to theirs
    # (nothing new to mark seen, so nothing written)
    with django_assert_num_queries(5):
        pain_client.get("/ideas/both-of-us/")
    for idea in ideas:
        mark(partner_with_pain, idea, "yes"), mark(supporting_partner, idea, "yes")
    signed_in(supporting_partner).get("/ideas/both-of-us/")  # he is told her changes, so hers show now
    with django_assert_num_queries(7):  # the same, and his new changes marked seen by her and cleared
        response = pain_client.get("/ideas/both-of-us/")
    assert len(response.context["both_yes"]) == len(ideas)


def test_token_rows_are_in_no_order_that_names_an_idea(pair, partner_with_pain):
    from conversations.models import MatchToken
    from conversations.tests.marks import book

    mine = book(partner_with_pain)
    mine.make_all_tokens()
    idea_of_slot = {bytes(slot): idea.pk for idea in Idea.objects.all() for slot in mine._token_slots(idea.pk)}
    in_row_order = [
        idea_of_slot[bytes(slot)]
        for slot in MatchToken.objects.filter(membership__user=partner_with_pain)
        .order_by("pk")
        .values_list("slot", flat=True)
    ]
    assert len(in_row_order) == 5 * Idea.objects.count()
    assert in_row_order != sorted(in_row_order, key=list(dict.fromkeys(idea_of_slot.values())).index)


# --- Probing: changing many answers is told to the partner before it shows anything ------------------------


def _closeness():
    return list(Idea.objects.current().in_order().filter(category__slug="closeness"))


def test_probing_for_the_partners_no_is_told_to_her_before_it_shows(
    pair, partner_with_pain, supporting_partner, pain_client, support_client
):
    """The journey from the security review: Ana answers 6 of the closeness ideas; Ben asks for the ones she has
    not answered, then says yes to all of them with maybes on, to read her no's off "Both of us"."""
    ideas = _closeness()
    pair.members.update(show_maybes=True)
    for idea, choice in zip(ideas, ["yes", "yes", "maybe", "maybe", "no", "no"]):
        mark(partner_with_pain, idea, choice)
    pain_client.get("/ideas/both-of-us/"), support_client.get("/ideas/both-of-us/")  # both have looked: a fresh start
    assert support_client.post("/together/start/", {"what": "ideas-closeness", "which": "partner"}).status_code == 302
    support_client.post("/together/end/")
    for idea in ideas:
        mark(supporting_partner, idea, "yes")
    held = support_client.get("/ideas/both-of-us/")
    assert held.context["both_yes"] == [] and held.context["yes_and_maybe"] == []
    content = held.content.decode()
    assert not any(idea.title in content for idea in ideas)
    assert f"You changed {len(ideas)} answers since ana last looked here" in content
    # Nor can he ask again which ideas she has answered, until she has been told.
    again = support_client.post("/together/start/", {"what": "ideas-closeness", "which": "partner"})
    assert again.status_code == 422 and "not open just now" in again.content.decode()
    told = pain_client.get("/ideas/both-of-us/").content.decode()
    assert f"your partner changed {len(ideas)} answers" in told
    shown = support_client.get("/ideas/both-of-us/").context
    assert shown["both_yes"] == ideas[:2] and shown["yes_and_maybe"] == ideas[2:4]


def test_a_few_changes_hold_nothing_back(pair, partner_with_pain, supporting_partner, support_client):
    ideas = _closeness()
    mark(partner_with_pain, ideas[0], "yes")
    for idea in ideas[: AnswerCount.HOLD_AFTER]:
        mark(supporting_partner, idea, "yes")
    assert support_client.get("/ideas/both-of-us/").context["both_yes"] == [ideas[0]]


def test_a_first_round_answered_alone_waits_only_for_the_partners_first_look(
    pair, partner_with_pain, supporting_partner, pain_client, support_client
):
    ideas = _closeness()
    for idea in ideas:
        mark(partner_with_pain, idea, "yes"), mark(supporting_partner, idea, "yes")
    assert support_client.get("/ideas/both-of-us/").context["held_back"]  # she has not been told yet
    assert pain_client.get("/ideas/both-of-us/").context["both_yes"] == ideas  # his look told him hers
    assert support_client.get("/ideas/both-of-us/").context["both_yes"] == ideas


def test_a_first_round_stepped_through_together_shows_at_once(
    pair, partner_with_pain, supporting_partner, pain_client, support_client
):
    from conversations.models import TogetherSession

    ideas = _closeness()
    pain_client.post("/together/start/", {"what": "ideas-closeness"})
    pain_client.get("/together/"), support_client.get("/together/")  # both phones are there
    session = TogetherSession.objects.get()
    for position, idea in enumerate(ideas, start=1):
        for client in (pain_client, support_client):
            assert client.post("/marks/", {"idea": idea.slug, "choice": "y"}).status_code == 302
        session.refresh_from_db()
        if position < len(ideas):
            pain_client.post("/together/move/", {"to": position + 1, "v": session.version, "anyway": "on"})
    pain_client.post("/together/end/")
    assert support_client.get(f"/together/{session.pk}/both-of-us/").context["both_yes"] == ideas
    assert pain_client.get(f"/together/{session.pk}/both-of-us/").context["both_yes"] == ideas


def test_hidden_matches_still_tell_the_count(pair, partner_with_pain, supporting_partner, pain_client):
    pair.members.filter(user=partner_with_pain).update(hide_matches=True)
    for idea in _closeness():
        mark(supporting_partner, idea, "yes")
    assert f"your partner changed {len(_closeness())} answers" in pain_client.get("/ideas/both-of-us/").content.decode()


def test_an_older_token_row_put_back_counts_for_nothing(pair, partner_with_pain, supporting_partner):
    """Someone with write access keeps his rows for one idea from when he said yes, and puts them back after
    he said no: the rest of his rows, written later, outvote them."""
    from conversations.models import MatchToken
    from conversations.tests.marks import book

    idea, other = Idea.objects.current().in_order()[:2]
    mark(supporting_partner, idea, "yes"), mark(partner_with_pain, idea, "yes")
    assert matches_for(partner_with_pain)[0] == [idea]
    slots = book(supporting_partner)._token_slots(idea.pk)
    rows_of_idea = MatchToken.objects.filter(membership__user=supporting_partner, slot__in=slots)
    kept = [(row.pk, row.token, row.mac, row.write_id) for row in rows_of_idea]
    mark(supporting_partner, idea, "no")
    mark(supporting_partner, other, "maybe")
    for pk, token, mac, write_id in kept:
        MatchToken.objects.filter(pk=pk).update(token=token, mac=mac, write_id=write_id)
    assert matches_for(partner_with_pain)[0] == []
