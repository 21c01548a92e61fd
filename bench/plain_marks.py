"""The plain-text storage from before issue 13, kept only to measure against in the same run.

People named "bench-plain-*" have their marks in the old plain columns (`Mark.idea`, `choice`, `side`), and
their pages read them the old way (the queries are the old `matches_for` and idea-list queries). Every other
person's pages run the real, sealed code. Never used outside bench/settings.py.
"""

from django.db import models

from conversations.models import Choice, Idea, Mark, sides_fit
from conversations.private_marks import MarkBook
from editorial.page_cache import shared_part
from partners.http import get_membership_or_none
from partners.models import Membership

PLAIN = "bench-plain-"


class PlainBook:
    def __init__(self, user, membership=None, members=None):
        self.user, self.membership, self._members = user, membership or get_membership_or_none(user), members

    def all(self):
        return {
            idea_id: (choice, side)
            for idea_id, choice, side in Mark.objects.filter(user=self.user).values_list("idea_id", "choice", "side")
        }

    def get(self, idea):
        row = Mark.objects.filter(user=self.user, idea=idea).values_list("choice", "side").first()
        return tuple(row) if row else None

    def matches(self, ideas=None):
        members = (
            self._members
            if self._members is not None
            else list(Membership.objects.filter(pair_id=self.membership.pair_id))
        )
        if len(members) != 2 or any(m.hide_matches for m in members):
            return [], []
        partner = next(m for m in members if m.user_id != self.user.pk)
        theirs = Mark.objects.filter(user_id=partner.user_id, idea=models.OuterRef("idea"))
        mine = Mark.objects.filter(user=self.user, choice__in=[Choice.YES, Choice.MAYBE], idea__retired=False)
        if ideas is not None:
            mine = mine.filter(idea__in=ideas)
        rows = (
            mine.annotate(
                their_choice=models.Subquery(theirs.values("choice")[:1]),
                their_side=models.Subquery(theirs.values("side")[:1]),
            )
            .order_by("idea__category__order", "idea__order", "idea_id")
            .values_list("idea_id", "choice", "side", "their_choice", "their_side")
        )
        ideas_by_id = shared_part("ideas-by-id", lambda: {i.pk: i for i in Idea.objects.select_related("category")})
        show_maybes = all(m.show_maybes for m in members)
        both_yes, yes_and_maybe = [], []
        for idea_id, choice, side, their_choice, their_side in rows:
            idea = ideas_by_id[idea_id]
            fits = not idea.two_sided or sides_fit(side, their_side)
            if fits and {choice, their_choice} == {Choice.YES}:
                both_yes.append(idea)
            elif fits and {choice, their_choice} == {Choice.YES, Choice.MAYBE} and show_maybes:
                yes_and_maybe.append(idea)
        return both_yes, yes_and_maybe

    def partner_has_answered(self, idea):
        return (
            Mark.objects.filter(user__membership__pair_id=self.membership.pair_id, idea=idea)
            .exclude(user=self.user)
            .exists()
        )


_sealed_book = MarkBook.of


def book_of(request, membership=None, members=None):
    if request.user.username.startswith(PLAIN):
        return PlainBook(request.user, membership, members)
    return _sealed_book(request, membership, members)


def install():
    MarkBook.of = staticmethod(book_of)
