"""What a copy of the database shows of anyone's marks: rows of one length, made before any answer, rewritten
whole on every change, so neither size, number, order nor which row changed says anything; and rows put back
or copied by someone with write access are refused (private_marks.py)."""

import pytest
from django.test import Client

from conftest import PASSPHRASE
from conversations.models import Idea, Mark, MatchToken
from conversations.private_marks import SLOTS_PER_IDEA
from conversations.tests.marks import answer, book, mark, matches_for, unlocked
from partners.models import User

pytestmark = pytest.mark.django_db


def rows_of(user):
    return list(Mark.objects.filter(user=user).order_by("pk").values_list("pk", "slot", "sealed"))


def test_a_new_account_has_a_sealed_row_for_every_idea_before_answering_anything():
    Client().post("/account/sign-up/", {"username": "newfox", "password1": PASSPHRASE, "password2": PASSPHRASE})
    user = User.objects.get(username="newfox")
    rows = rows_of(user)
    assert len(rows) == Idea.objects.count() and all(sealed for _, _, sealed in rows)
    assert book(unlocked("newfox", PASSPHRASE)).all() == {}


def test_answering_in_list_order_leaves_nothing_in_the_rows_that_says_what_or_in_which_order():
    Client().post("/account/sign-up/", {"username": "newfox", "password1": PASSPHRASE, "password2": PASSPHRASE})
    user = unlocked("newfox", PASSPHRASE)
    before = rows_of(user)
    ideas = list(Idea.objects.current().in_order())
    choices = ["yes", "maybe", "no"]
    for n, idea in enumerate(ideas[:37]):
        mark(user, idea, choices[n % 3], ["either", "give", "receive"][n % 3] if idea.two_sided else "either")
    after = rows_of(user)
    assert [(pk, bytes(slot)) for pk, slot, _ in after] == [
        (pk, bytes(slot)) for pk, slot, _ in before
    ]  # same rows, same ids
    assert len({len(sealed) for _, _, sealed in after}) == 1  # yes, maybe, no, a side, or nothing: one length
    assert all(bytes(a) != bytes(b) for (_, _, a), (_, _, b) in zip(before, after))  # every row was rewritten
    last = rows_of(user)
    mark(user, ideas[0], "no")
    assert all(
        bytes(a) != bytes(b) for (_, _, a), (_, _, b) in zip(last, rows_of(user))
    )  # not only the one that changed


def test_a_change_moves_only_the_tokens_of_the_idea_that_changed_so_answered_and_unanswered_look_alike(
    pair, partner_with_pain
):
    """Every token row is written again on each change; the values of ideas that did not change stay the same
    set (filler included), so two copies of the database show no difference between answered and unanswered."""
    ideas = list(Idea.objects.current().in_order())
    mark(partner_with_pain, ideas[0], "yes")
    before = dict(MatchToken.objects.filter(membership__user=partner_with_pain).values_list("pk", "token"))
    mark(partner_with_pain, ideas[1], "maybe")
    after = dict(MatchToken.objects.filter(membership__user=partner_with_pain).values_list("pk", "token"))
    assert after.keys() == before.keys()
    changed = {bytes(t) for t in before.values()} ^ {bytes(t) for t in after.values()}
    assert 0 < len(changed) <= 2 * SLOTS_PER_IDEA


def test_an_old_sealed_mark_put_back_into_its_row_is_refused_and_shows_as_not_answered(pain_client, partner_with_pain):
    idea, other = Idea.objects.current().in_order()[:2]
    mark(partner_with_pain, idea, "yes")
    slot = book(partner_with_pain).slot_for(idea.pk)
    old = bytes(Mark.objects.get(user=partner_with_pain, slot=slot).sealed)
    mark(partner_with_pain, idea, "no")
    mark(partner_with_pain, other, "maybe")
    Mark.objects.filter(user=partner_with_pain, slot=slot).update(sealed=old)  # a restored backup row, say
    reader = book(partner_with_pain)
    assert reader.get(idea) is None and reader.refused == 1 and reader.get(other) == ("maybe", "either")
    page = pain_client.get("/ideas/")
    assert page.status_code == 200 and "could not be read" in page.content.decode()
    mark(partner_with_pain, idea, "yes")  # answering again puts it right
    assert answer(partner_with_pain, idea) == ("yes", "either") and book(partner_with_pain).refused == 0


def test_token_rows_copied_from_the_partner_match_nothing(pair, partner_with_pain, supporting_partner):
    ideas = list(Idea.objects.current().in_order()[:3])
    for idea in ideas:
        mark(supporting_partner, idea, "yes")
    mark(partner_with_pain, ideas[2], "no")
    hers = list(MatchToken.objects.filter(membership__user=partner_with_pain).order_by("pk"))
    his = list(MatchToken.objects.filter(membership__user=supporting_partner).order_by("pk"))
    for mine, theirs in zip(hers, his):  # someone with write access copies his rows over hers
        MatchToken.objects.filter(pk=mine.pk).update(token=theirs.token, mac=theirs.mac)
    assert matches_for(partner_with_pain) == ([], [])
