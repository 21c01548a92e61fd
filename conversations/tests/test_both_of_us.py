import pytest

from conversations.models import Idea
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
    [("give", "receive", True), ("receive", "give", True), ("either", "receive", True), ("either", "either", True),
     ("give", "give", False), ("receive", "receive", False)],
)
def test_give_and_receive_count_as_a_match(pair, partner_with_pain, supporting_partner, two_sided, first, second, match):
    mark(partner_with_pain, two_sided, "yes", first), mark(supporting_partner, two_sided, "yes", second)
    assert matches_for(partner_with_pain, pair.pk)[0] == ([two_sided] if match else [])


def test_either_partner_can_switch_matches_off(pair, partner_with_pain, supporting_partner, one_sided, pain_client, support_client):
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
    # user, membership, members, my tokens equal to theirs, the two change counts (nothing new to mark seen,
    # so nothing written)
    with django_assert_num_queries(5):
        pain_client.get("/ideas/both-of-us/")
    for idea in ideas:
        mark(partner_with_pain, idea, "yes"), mark(supporting_partner, idea, "yes")
    with django_assert_num_queries(6):  # the same, and the partner's new changes marked seen
        response = pain_client.get("/ideas/both-of-us/")
    assert len(response.context["both_yes"]) == len(ideas)


def test_token_rows_are_in_no_order_that_names_an_idea(pair, partner_with_pain):
    from conversations.models import MatchToken
    from conversations.tests.marks import book

    mine = book(partner_with_pain)
    mine.make_all_tokens()
    idea_of_slot = {bytes(slot): idea.pk for idea in Idea.objects.all() for slot in mine._token_slots(idea.pk)}
    in_row_order = [idea_of_slot[bytes(slot)] for slot in MatchToken.objects.filter(membership__user=partner_with_pain).order_by("pk").values_list("slot", flat=True)]
    assert len(in_row_order) == 5 * Idea.objects.count()
    assert in_row_order != sorted(in_row_order, key=list(dict.fromkeys(idea_of_slot.values())).index)
