"""Shared pages come from the cache for signed-out readers, and nothing personal is ever kept or served to another."""

import gzip
import re

import brotli
import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import AsyncClient, Client, RequestFactory
from django.utils.http import http_date

from conversations import progress
from editorial.page_cache import SharedPageCacheMiddleware, preferred_encoding, shared_page

from .conftest import edit, load

pytestmark = pytest.mark.django_db

SHARED = [
    "/",
    "/privacy/",
    "/library/",
    "/library/?where=deep",
    "/library/endometriosis/",
    "/what-to-do/",
    "/what-can-help/",
    "/support/",
    "/for-partners/",
    "/talk/",
    "/talk/first-talk/",
    "/talk/first-talk/3/",
    "/talk/first-talk/3/pause/",
    "/ideas/",
    "/ideas/?category=touch",
    "/ideas/all/2/",
    "/ideas/touch/1/",
]
NEVER_KEPT = [
    "/where-does-it-hurt/",
    "/appointment/",
    "/report-a-problem/",
    "/account/sign-in/",
    "/talk/first-talk/finished/",
]


def served_from_cache(client, path, django_assert_num_queries, **headers):
    first = client.get(path, headers=headers)
    with django_assert_num_queries(0):
        second = client.get(path, headers=headers)
    return first, second


@pytest.mark.parametrize("path", SHARED)
def test_a_shared_page_is_kept_and_served_again_without_the_database(client, path, django_assert_num_queries):
    first, second = served_from_cache(client, path, django_assert_num_queries)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert second["ETag"].startswith('W/"') and second["ETag"] == first["ETag"]
    assert second["Last-Modified"]
    for header in ("Cookie", "Accept-Encoding"):
        assert header in second["Vary"]


@pytest.mark.parametrize(
    "path", ["/library/?where=deep", "/ideas/?category=touch", "/talk/first-talk/3/", "/ideas/all/2/"]
)
def test_htmx_fragments_are_kept_apart_from_whole_pages(client, path, django_assert_num_queries):
    page = client.get(path)
    _, fragment = served_from_cache(client, path, django_assert_num_queries, HX_Request="true")
    assert "<html" in page.content.decode() and "<html" not in fragment.content.decode()
    assert "<html" in client.get(path).content.decode()


@pytest.mark.parametrize("path", NEVER_KEPT)
def test_pages_with_forms_or_a_cookie_of_their_own_are_never_kept(client, path):
    client.get(path)
    again = client.get(path)
    assert "ETag" not in again and "public" not in again.get("Cache-Control", "")


def test_anonymous_pages_may_be_reused_by_browsers_and_cdns_for_a_short_time(client, settings):
    response = client.get("/library/endometriosis/")
    assert response["Cache-Control"] == f"public, max-age={settings.SHARED_PAGE_MAX_AGE}"


def test_a_repeat_visit_is_a_304(client):
    first = client.get("/library/endometriosis/")
    by_etag = client.get("/library/endometriosis/", headers={"If-None-Match": first["ETag"]})
    by_date = client.get("/library/endometriosis/", headers={"If-Modified-Since": first["Last-Modified"]})
    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag.content == b""
    stale = client.get("/library/endometriosis/", headers={"If-Modified-Since": http_date(0)})
    assert stale.status_code == 200


@pytest.mark.parametrize(
    "header, value",
    [
        ("If-None-Match", "garbage"),
        ("If-None-Match", '"' * 5000),
        ("If-None-Match", "*,,,W/"),
        ("If-Modified-Since", "yesterday"),
        ("If-Modified-Since", "Mon, 99 Foo 2026 99:99:99 GMT"),
        ("If-Modified-Since", "Sat, 01 Jan 10000 00:00:00 GMT"),
        ("Accept-Encoding", "gzip;q=abc, br;q=nan, *;q=-1"),
        ("Accept-Encoding", "\x00\xff" * 500),
        ("If-Match", "nope"),
        ("If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"),
    ],
)
def test_odd_conditional_and_encoding_headers_never_break_or_poison_the_page(client, header, value):
    before = client.get("/library/endometriosis/")
    odd = Client().get("/library/endometriosis/", headers={header: value})
    assert odd.status_code in {200, 304, 412}
    after = client.get("/library/endometriosis/")
    assert after.status_code == 200 and after.content == before.content


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("br, gzip", "br"),
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("*", "br"),
        ("gzip;q=0", "identity"),
        ("", "identity"),
        ("identity", "identity"),
        (";;;,,", "identity"),
        ("GZIP", "gzip"),
        ("br;q=1e999", "br"),
        ("br;q=nan, gzip", "gzip"),
    ],
)
def test_the_best_encoding_the_browser_accepts(accept, expected):
    assert preferred_encoding(accept, {"identity": b"", "gzip": b"", "br": b""}) == expected


def test_kept_pages_are_served_compressed(client):
    plain = client.get("/ideas/").content
    as_br = client.get("/ideas/", headers={"Accept-Encoding": "gzip, deflate, br"})
    as_gzip = client.get("/ideas/", headers={"Accept-Encoding": "gzip"})
    assert as_br["Content-Encoding"] == "br" and brotli.decompress(as_br.content) == plain
    assert as_gzip["Content-Encoding"] == "gzip" and gzip.decompress(as_gzip.content) == plain
    assert len(as_br.content) < len(plain) / 4
    assert int(as_br["Content-Length"]) == len(as_br.content)


def test_signed_in_pages_are_compressed_too_never_kept(pain_client):
    response = pain_client.get("/ideas/", headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Sign out" in gzip.decompress(response.content).decode()
    assert "no-store" in response["Cache-Control"] and "ETag" not in response


def test_a_signed_in_person_and_an_anonymous_reader_never_get_each_others_page(pain_client, partner_with_pain):
    pain_client.post("/marks/", {"idea": "hand-massage", "choice": "y"})
    anonymous = Client()
    for _ in range(2):
        for path in SHARED:
            mine = pain_client.get(path)
            theirs = anonymous.get(path)
            assert "Sign out" in mine.content.decode(), path
            assert "private" in mine["Cache-Control"] and "no-store" in mine["Cache-Control"], path
            assert "Sign out" not in theirs.content.decode() and "ana" not in theirs.content.decode().split(), path
            assert "My private answer" not in theirs.content.decode(), path
            assert theirs["Cache-Control"] in {"public, max-age=60", "private, no-cache"}, path


def test_someone_signing_in_after_reading_gets_their_own_page(client, partner_with_pain):
    client.get("/ideas/")
    client.force_login(partner_with_pain)
    assert "Sign out" in client.get("/ideas/").content.decode()


def test_a_visitor_with_a_messages_or_session_cookie_is_never_served_a_kept_page(client, django_assert_num_queries):
    client.get("/library/")
    other = Client()
    other.cookies["messages"] = "anything"
    with django_assert_num_queries(2):
        assert other.get("/library/").status_code == 200


def test_step_pages_are_shared_but_each_browser_keeps_its_own_progress(django_assert_num_queries):
    reader, other = Client(), Client()
    reader.get("/talk/check-in/2/")
    reader.get("/talk/first-talk/3/")
    with django_assert_num_queries(0):
        response = other.get("/talk/first-talk/3/")
    assert response["Cache-Control"] == "private, no-cache"  # a CDN must never keep one browser's cookie
    listed = other.get("/talk/").context["scripts"]  # the list reads the cookie: rendered for this browser
    assert {script.slug: saved for script, saved in listed if saved} == {"first-talk": {"step": 3, "done": False}}


def test_a_304_still_records_progress(client):
    first = client.get("/talk/first-talk/3/")
    again = Client().get("/talk/first-talk/3/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert progress.COOKIE in again.cookies


def test_the_script_intro_is_rendered_for_a_browser_with_progress(client):
    Client().get("/talk/first-talk/")  # kept for readers with no progress
    client.get("/talk/first-talk/5/")
    assert "/talk/first-talk/5/" in client.get("/talk/first-talk/").content.decode()


def test_loading_content_starts_a_new_edition(client, content):
    client.get("/library/endometriosis/")
    kept = client.get("/library/endometriosis/")  # now served from the page cache
    edit(content / "conditions/conditions/endometriosis.md", "name: Endometriosis", "name: Endometriosis, edited")
    load()
    fresh = client.get("/library/endometriosis/")
    assert "Endometriosis, edited" in fresh.content.decode()  # rendered again, not the page kept from the old edition
    assert fresh["ETag"] != kept["ETag"]


@pytest.mark.parametrize(
    "query", ["?where=deep&utm=1", "?where=deep&where=deep", "?x=" + "a" * 300, "?where=" + "d" * 300]
)
def test_odd_query_strings_are_never_kept(client, query):
    client.get("/library/" + query)
    response = client.get("/library/" + query)
    assert response.status_code in {200, 302} and "ETag" not in response


def test_another_host_is_refused_and_never_kept(client):
    assert client.get("/library/", HTTP_HOST="evil.example").status_code == 400


def test_head_is_served_from_a_kept_get(client):
    client.get("/library/")
    response = client.head("/library/")
    assert response.status_code == 200 and response.content == b""


def test_it_works_the_same_under_asgi():
    from asgiref.sync import async_to_sync

    async def visit():  # sync parts run in this thread, so its database connection is closed as usual
        client = AsyncClient()
        first = await client.get("/talk/first-talk/3/")
        second = await client.get("/talk/first-talk/3/", headers={"Accept-Encoding": "br"})
        return first, second

    first, second = async_to_sync(visit)()
    assert second.status_code == 200 and second["Content-Encoding"] == "br"
    assert brotli.decompress(second.content) == first.content
    assert progress.COOKIE in second.cookies


# The rules for keeping a response, each shown on a view that breaks only that rule.


def through_the_cache(view, **request):
    factory = RequestFactory()
    middleware = SharedPageCacheMiddleware(lambda request: shared_page(view)(request))
    return [middleware(factory.get("/rules/", **request)) for _ in range(2)]


@pytest.mark.parametrize(
    "view",
    [
        pytest.param(lambda request: HttpResponse(get_token(request)), id="a CSRF token in the page"),
        pytest.param(lambda request: HttpResponse(str(request._csp_nonce)), id="a CSP nonce"),
        pytest.param(lambda request: (r := HttpResponse("x")).set_cookie("c", "1") or r, id="a cookie set"),
        pytest.param(lambda request: HttpResponse("x", headers={"Cache-Control": "private"}), id="private"),
        pytest.param(lambda request: HttpResponse("x", headers={"Vary": "Accept-Language"}), id="varies on more"),
        pytest.param(lambda request: HttpResponse("x", status=404), id="not a 200"),
    ],
)
def test_nothing_that_can_belong_to_one_visitor_is_kept(view):
    from django.utils.csp import LazyNonce

    calls = []

    def counting(request):
        request._csp_nonce = LazyNonce()
        calls.append(1)
        return view(request)

    through_the_cache(counting)
    assert len(calls) == 2


def test_a_plain_shared_view_is_kept():
    calls = []

    def plain(request):
        calls.append(1)
        return HttpResponse("same for everyone")

    first, second = through_the_cache(plain)
    assert len(calls) == 1 and first.content == second.content == b"same for everyone"


def test_the_cache_never_holds_anything_of_one_person(pair, pain_client, support_client, partner_with_pain):
    import pickle

    from django.conf import settings
    from django.core.cache import caches

    from editorial.page_cache import CachedPage
    from tests.test_access_matrix import PUBLIC, SIGNED_IN

    for idea, choice in [("hand-massage", "y"), ("foot-rub", "m")]:
        pain_client.post("/marks/", {"idea": idea, "choice": choice})
    support_client.post("/marks/", {"idea": "hand-massage", "choice": "y"})
    for client in (pain_client, support_client, Client()):
        for path in SHARED + PUBLIC + SIGNED_IN:
            client.get(path)
            client.get(path, headers={"HX-Request": "true"})
    from editorial.page_cache import _parts

    kept = [pickle.loads(value) for value in caches[settings.SHARED_PAGE_CACHE]._cache.values()]
    kept += list(_parts["values"].values())
    texts = []
    for value in kept:
        if isinstance(value, CachedPage):
            texts.append(value.bodies["identity"].decode() + repr(value.headers))
        else:
            texts.append(repr(value))
    assert any("Slow hand massage" in text for text in texts)  # the shared parts are there...
    for text in texts:  # ...and nothing of ana's, ben's or anyone's own
        for personal in (
            "Sign out",
            "My private answer",
            "csrfmiddlewaretoken",
            "ana",
            "ben",
            progress.COOKIE,
            "sessionid",
        ):
            assert not re.search(rf"\b{personal}\b", text), personal


def test_a_kept_page_carries_every_security_header(client):
    rendered = client.get("/library/endometriosis/")
    kept = client.get("/library/endometriosis/")
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
        "Content-Type",
    ):
        assert kept[header] == rendered[header], header
    assert "nonce" not in kept["Content-Security-Policy"]


def _int_routes(patterns=None, prefix=""):
    """Every route with a number in it, as (route with its number written `01`, the same with `1`)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _int_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and "<int:" in route:
            filled = re.sub(r"<slug:\w+>", "first-talk" if route.startswith("talk/") else "all", route)
            yield "/" + re.sub(r"<int:\w+>", "01", filled), "/" + re.sub(r"<int:\w+>", "1", filled)


def test_a_number_written_another_way_redirects_and_is_never_kept(client):
    from django.conf import settings
    from django.core.cache import caches

    routes = list(_int_routes())
    assert ("/ideas/all/01/", "/ideas/all/1/") in routes and len(routes) >= 4
    for odd, canonical in routes:
        response = client.get(odd)
        if response.status_code == 301:
            assert response["Location"] == canonical, odd
        else:  # a page for signed-in people only, never shared: it never reaches the cache
            assert response.status_code in (302, 404), odd
    assert len(caches[settings.SHARED_PAGE_CACHE]._cache) == 0  # nothing kept under any odd spelling
    assert client.get("/ideas/all/001/?category=touch")["Location"] == "/ideas/all/1/?category=touch"
    assert client.get("/ideas/all/1/").status_code == 200


def test_a_host_spelled_another_way_is_served_fresh_and_never_kept(settings, client):
    """Security review of issue 19: every Host spelling (case, port, trailing dot) was its own kept page."""
    from django.core.cache import caches

    settings.ALLOWED_HOSTS = ["example.com", "example.com."]
    cache = caches[settings.SHARED_PAGE_CACHE]
    cache.clear()
    for host in ["Example.com", "EXAMPLE.COM", "example.com:1", "example.com:2", "example.com."]:
        assert client.get("/library/", HTTP_HOST=host).status_code == 200
    assert len(cache._cache) == 0
    client.get("/library/", HTTP_HOST="example.com")
    assert len(cache._cache) > 0
