import datetime

import pytest

from conditions.models import CONDITION_SECTIONS, Condition


def condition_body(**texts):
    """A body with every required section; `texts` replaces a section's text by its heading."""
    return "\n\n".join(f"## {heading}\n\n{texts.get(heading, heading + '.')}" for heading in CONDITION_SECTIONS)


@pytest.fixture
def make_condition(db):
    """Extra conditions beyond the shipped five, to show counts do not grow."""

    def make(slug, where_felt="entrance", sources=3, **texts):
        return Condition.objects.create(
            slug=slug,
            name=f"Test {slug}",
            order=99,
            summary="Summary.",
            where_felt=where_felt,
            feels_like_short="Feels.",
            when_felt="When.",
            body=condition_body(**texts),
            questions=["One?", "Two?"],
            sources=[
                {
                    "publisher": "Publisher",
                    "title": f"Title {n}",
                    "url": "https://example.org/",
                    "date": "2025-01-01",
                    "date_label": "Published",
                    "checked_on": "2026-11-24",
                }
                for n in range(sources)
            ],
            reviewed_on=datetime.date(2026, 11, 24),
            next_review_on=datetime.date(2027, 11, 24),
        )

    return make
