"""Find a topic in the library: words are posted, matched against titles and headings, and never kept."""

import pytest

from conditions.finding import _score, patterns

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


def test_a_page_named_for_the_words_comes_before_pages_that_only_mention_them(client):
    for words, url in [
        ("contraception", "/contraception/"),
        ("medicines", "/medicines-and-dryness/"),
        ("endometriosis", "/library/endometriosis/"),
    ]:
        assert found(client, words).context["found"][0].url == url, words


def test_a_word_counts_most_in_a_title_then_a_heading_then_the_lead_then_the_text():
    words = patterns("birth")
    in_title = _score(words, "Sex after a birth", "", [], "")[0]
    in_heading, headings = _score(words, "Contraception", "", ["After a birth"], "")
    in_summary = _score(words, "Contraception", "Also after a birth.", [], "")[0]
    in_body = _score(words, "Contraception", "", [], "After a birth.")[0]
    assert in_title > in_heading > in_summary > in_body > 0
    assert headings == ["After a birth"]


def test_a_matching_heading_links_to_its_own_section(client):
    results = found(client, "midwife").context["found"]
    birth = next(result for result in results if result.url == "/after-a-birth/")
    heading, url = next((heading, url) for heading, url in birth.sections if "midwife" in heading.lower())
    page = client.get("/after-a-birth/").content.decode()
    assert url.startswith("/after-a-birth/#") and f'id="{url.split("#")[1]}"' in page


def test_condition_sections_link_to_a_heading_the_page_has(client):
    results = found(client, "treatments specialist").context["found"]
    vaginismus = next(result for result in results if result.url == "/library/vaginismus/")
    heading, url = next(section for section in vaginismus.sections if section[0] == "Treatments a specialist may offer")
    page = client.get("/library/vaginismus/").content.decode()
    assert f'<h2 id="{url.split("#")[1]}">{heading}</h2>' in page


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


def test_words_in_a_broken_encoding_are_read_kindly(client):
    response = client.post("/library/find/", "words=%FF%FEcondoms%C3", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200  # the broken bytes are replaced; the readable word is still looked for
    assert any(result.url == "/contraception/" for result in response.context["found"])


def test_htmx_gets_only_the_results_fragment(client):
    response = found(client, "condoms", **{"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="found"') and "<html" not in content
    assert "HX-Request" in response["Vary"]


def test_words_stay_out_of_the_address_and_are_not_stored(client, django_assert_num_queries):
    page = client.get("/library/find/").content.decode()
    assert 'method="post"' in page and "?words=" not in page
    assert 'autocomplete="off"' in page and 'spellcheck="false"' in page  # nor kept or sent away by the browser
    response = client.get("/library/find/?words=condoms")  # an address with words in it finds nothing
    assert "found" not in response.context and "Pages that may help" not in response.content.decode()
    with django_assert_num_queries(2):  # the conditions and the pages, whatever is typed
        found(client, "condoms birth radiotherapy chaperone midwife")


def test_short_words_match_whole_words_only_singular_or_plural():
    for typed in ("STI", "STIs"):
        (sti,) = patterns(typed)
        assert sti.search("get an sti test") and sti.search("stis") and not sti.search("stitches")
    (iud,) = patterns("IUDs")
    assert iud.search("a copper iud") and iud.search("iuds")
    (tested,) = patterns("tested")
    assert tested.search("testing") and tested.search("test")


def test_only_get_head_and_post(client):
    assert client.put("/library/find/").status_code == 405
