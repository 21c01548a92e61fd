"""Find a topic in the library: words are posted, matched against titles and headings, and never kept."""

import pytest

from conditions.finding import terms

pytestmark = pytest.mark.django_db


def found(client, words, **headers):
    response = client.post("/library/find/", {"words": words}, headers=headers)
    assert response.status_code == 200, response.content
    return response


def test_a_couple_finds_each_topic_they_look_for(client):
    for words, slug in [
        ("condoms", "contraception"),
        ("STI test", "getting-tested"),
        ("sex after having a baby", "after-a-birth"),
        ("birth", "after-a-birth"),
        ("radiotherapy", "after-surgery-or-cancer"),
        ("antidepressants", "medicines-and-dryness"),
        ("chaperone", "seeing-a-doctor"),
        ("talking therapies", "looking-after-your-mind"),
        ("vaginismus", "vaginismus"),
        ("lubricant", "what-can-help"),
    ]:
        urls = [result.url for result in found(client, words).context["found"]]
        assert any(url.rstrip("/").endswith(slug) for url in urls[:3]), (words, urls)


def test_a_matching_heading_links_to_its_own_section(client):
    results = found(client, "midwife").context["found"]
    birth = next(result for result in results if result.url == "/after-a-birth/")
    heading, url = next((heading, url) for heading, url in birth.sections if "midwife" in heading.lower())
    page = client.get("/after-a-birth/").content.decode()
    assert url.startswith("/after-a-birth/#") and f'id="{url.split("#")[1]}"' in page


def test_condition_sections_link_to_their_numbered_anchor(client):
    results = found(client, "treatments specialist").context["found"]
    vaginismus = next(result for result in results if result.url == "/library/vaginismus/")
    assert ("Treatments a specialist may offer", "/library/vaginismus/#section-5") in vaginismus.sections


def test_nothing_found_is_said_kindly_with_a_way_on(client):
    response = found(client, "zzzzqqq")
    assert response.context["found"] == []
    assert "Nothing found" in response.content.decode() and 'href="/library/"' in response.content.decode()


@pytest.mark.parametrize("words", ["", "   ", "the and of", "x" * 101, "\x00"])
def test_empty_or_odd_words_get_a_kind_message_not_an_error(client, words):
    response = client.post("/library/find/", {"words": words})
    assert response.status_code == 422
    assert "found" not in response.context
    assert 'role="alert"' in response.content.decode()


def test_words_in_a_broken_encoding_are_read_or_refused_kindly(client):
    response = client.post("/library/find/", "words=%FF%FEcondom%C3", content_type="application/x-www-form-urlencoded")
    assert response.status_code in {200, 422}


def test_htmx_gets_only_the_results_fragment(client):
    response = found(client, "condoms", **{"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="found"') and "<html" not in content
    assert "HX-Request" in response["Vary"]


def test_words_stay_out_of_the_address_and_are_not_stored(client, django_assert_num_queries):
    page = client.get("/library/find/").content.decode()
    assert 'method="post"' in page and "?words=" not in page
    with django_assert_num_queries(2):  # the conditions and the pages, whatever is typed
        found(client, "condoms birth radiotherapy chaperone midwife")


def test_short_words_match_whole_words_only():
    (sti,) = terms("STI")
    assert sti.search("get an sti test") and sti.search("stis") and not sti.search("stitches")
    (tested,) = terms("tested")
    assert tested.search("testing") and tested.search("test")


def test_only_get_head_and_post(client):
    assert client.put("/library/find/").status_code == 405
