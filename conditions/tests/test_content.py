"""The shipped library: the article's facts, plain UK English, no blame, honest and current sources."""

import datetime
import re

import pytest

from conditions.content_loader import FOLDER as CONTENT
from conditions.models import Condition, Page
from editorial.readability import reading_grade
from editorial.sources import NO_DATE_WORDS, not_a_source

pytestmark = pytest.mark.django_db

# Each fact of the source article, as words that must appear on that condition's page.
ARTICLE_FACTS = {
    "vaginismus": [
        "fear",
        "loop",
        "hitting a wall",
        "not possible",
        "primary",
        "secondary",
        "trauma",
        "anxiety",
        "religious",
        "cultural",
        "another painful condition",
    ],
    "vulvodynia": [
        "no clear cause",
        "vestibule",
        "touch",
        "pressure",
        "burning",
        "stinging",
        "paper cut",
        "looks normal",
        "nerve",
        "infections",
    ],
    "hormonal-changes": [
        "oestrogen",
        "thin",
        "dry",
        "stretch",
        "fragile",
        "for a while after",
        "spotting",
        "menopause",
        "ovaries",
        "breastfeeding",
        "genitourinary syndrome of menopause",
        "vaginal atrophy",
    ],
    "endometriosis": [
        "lining",
        "outside the womb",
        "scar",
        "ovaries",
        "fallopian tubes",
        "ligaments",
        "rectum",
        "deep",
        "pull",
        "period",
        "fully understands",
    ],
    "pelvic-floor-dysfunction": [
        "hammock",
        "too tight",
        "stress",
        "injur",
        "sucking",
        "pressure",
        "pass urine",
        "low back pain",
        "posture",
        "surgery",
        "protect",
    ],
}
# The article's framing, kept on "What to do together".
ARTICLE_FRAMING = [
    "dyspareunia",
    "not a psychological flaw",
    "common",
    "misunderstood",
    "biology",
    "not blame",
    "stop",
    "specialist",
    "team",
    "understanding",
    "healing",
]
US_SPELLINGS = [
    r"\bestrogen",
    "gynecolog",
    "counselor",
    "physical therapist",
    "°f",
    "pediatric",
    "anemia",
    "favorite",
    r"\bcenter\b",
]
# Every condition and library page, by its file's name.
SHIPPED_PAGES = sorted(path.stem for folder in ("conditions", "pages") for path in (CONTENT / folder).glob("*.md"))
# What couples looked for and could not find (content review, "Missing").
NEW_TOPICS = [
    "getting-tested",
    "contraception",
    "after-a-birth",
    "after-surgery-or-cancer",
    "medicines-and-dryness",
    "looking-after-your-mind",
    "seeing-a-doctor",
]


def condition_text(condition):
    return "\n".join(
        [condition.summary, condition.feels_like_short, condition.when_felt, *condition.questions, condition.body]
    )


def every_page():
    return [*Condition.objects.all(), *Page.objects.all()]


@pytest.mark.parametrize("slug, facts", ARTICLE_FACTS.items())
def test_every_article_fact_is_in_the_library(slug, facts):
    text = condition_text(Condition.objects.get(slug=slug)).lower()
    assert [fact for fact in facts if fact.lower() not in text] == []


def test_the_article_framing_is_kept():
    text = Page.objects.get(slug="what-to-do").body.lower()
    assert [words for words in ARTICLE_FRAMING if words not in text] == []
    assert text.count("dyspareunia") == 1


def test_every_condition_page_names_who_helps():
    for condition in Condition.objects.all():
        who_helps = dict(condition.sections())["Who can help"].lower()
        assert "gynaecologist" in who_helps, condition.slug
    library = " ".join(condition.body.lower() for condition in Condition.objects.all())
    assert "pelvic pain" in library and "vulval" in library


def test_every_page_reads_at_grade_8_or_below():
    grades = {page.slug: reading_grade(page.body) for page in every_page()}
    assert {slug: grade for slug, grade in grades.items() if grade > 8.0} == {}


def test_one_language_style_uk_english():
    for page in every_page():
        text = (page.body + page.summary).lower()
        assert [word for word in US_SPELLINGS if re.search(word, text)] == [], page.slug


def test_no_page_diagnoses_blames_or_pushes():
    for page in every_page():
        text = page.body.lower()
        assert "your fault" not in text, page.slug
        assert not re.search(r"\byou have (vaginismus|vulvodynia|endometriosis)", text), page.slug
        for match in re.finditer(r"push(ing)? through", text):
            before = text[max(0, match.start() - 40) : match.start()]
            assert re.search(r"\b(never|not|don't|no)\b", before), (page.slug, text[match.start() - 40 : match.end()])


def test_no_page_is_past_its_review_date():
    """Fails on the day a page's review falls due, so an overdue page cannot go unnoticed: review it, then move the date."""
    today = datetime.date.today()
    assert {page.slug: page.next_review_on for page in every_page() if page.next_review_on <= today} == {}


def test_sources_are_dated_honestly_linked_and_from_their_publisher():
    for page in every_page():
        assert page.reviewed_on < page.next_review_on
        for source in page.source_list:
            where = (page.slug, source.title)
            assert source.url.startswith("https://") and source.publisher and source.title, where
            assert not_a_source(source.url) is None, where  # never a copy site, newspaper or dictionary
            assert "jostrust" not in source.url, where  # Jo's Cervical Cancer Trust closed in 2024
            assert source.checked_on <= page.reviewed_on, where
            if source.date is None:
                assert source.date_label == "", where
            else:  # the page's own date, never the day we looked at it
                assert source.date <= source.checked_on and not NO_DATE_WORDS.search(source.date_label), where


@pytest.mark.parametrize("slug", SHIPPED_PAGES)
def test_each_page_cites_three_sources_one_of_them_current(slug):
    page = Condition.objects.filter(slug=slug).first() or Page.objects.get(slug=slug)
    sources = page.source_list
    assert len(sources) >= 3
    assert any(source.is_current(page.reviewed_on) for source in sources), (
        f"{slug}: no source published or reviewed within three years (an undated page never counts)"
    )


@pytest.mark.parametrize("slug", NEW_TOPICS)
def test_each_new_topic_has_a_page_on_the_library(client, slug):
    page = Page.objects.get(slug=slug)
    assert page.shelf == Page.Shelf.HEALTH or slug == "looking-after-your-mind"
    assert f'href="/{slug}/"' in client.get("/library/").content.decode()
    assert len(page.sections()) >= 3 and reading_grade(page.body) <= 8.0


def test_every_condition_has_questions_to_bring():
    for condition in Condition.objects.all():
        assert len(condition.questions) >= 4
        assert all(question.endswith("?") for question in condition.questions)


def test_support_is_signposted_where_it_matters():
    vaginismus = dict(Condition.objects.get(slug="vaginismus").sections())
    assert "(/support/)" in vaginismus["What can cause it"]
    assert "(/support/)" in Page.objects.get(slug="what-to-do").body
    for condition in Condition.objects.all():
        assert dict(condition.sections())["Support"].strip(), condition.slug
