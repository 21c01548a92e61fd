import datetime

import pytest

from conditions.models import Condition, Source


@pytest.fixture
def make_condition(db):
    """Extra conditions beyond the shipped five, to show counts do not grow."""

    def make(slug, where_felt="entrance", sources=2):
        condition = Condition.objects.create(
            slug=slug,
            name=f"Test {slug}",
            order=99,
            summary="Summary.",
            where_felt=where_felt,
            feels_like_short="Feels.",
            when_felt="When.",
            what_it_is="It is.",
            how_it_feels="Feels.",
            causes="Causes.",
            what_helps="Helps.",
            who_helps="Helpers.",
            questions="One?\nTwo?",
            reviewed_on=datetime.date(2026, 11, 24),
            next_review_on=datetime.date(2027, 11, 24),
        )
        for n in range(sources):
            Source.objects.create(
                condition=condition,
                publisher="Publisher",
                title=f"Title {n}",
                url="https://example.org/",
                dated=datetime.date(2025, 1, 1),
            )
        return condition

    return make
